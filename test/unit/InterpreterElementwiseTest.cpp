//===- InterpreterElementwiseTest.cpp - Elementwise ops in the interpreter ===//
//
// Expected values are hand-derived, or computed with NumPy in float32 (the
// transcendental functions) and pasted in.
//
//===----------------------------------------------------------------------===//

#include "test/unit/InterpreterTesting.h"

#include <cstdint>
#include <limits>

using namespace kiln;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr int64_t kI32Min = std::numeric_limits<int32_t>::min();
constexpr int64_t kI32Max = std::numeric_limits<int32_t>::max();
constexpr int64_t kI64Min = std::numeric_limits<int64_t>::min();
constexpr int64_t kI64Max = std::numeric_limits<int64_t>::max();

std::string unaryProgram(const std::string &op, const std::string &type) {
  return "func.func @main(%x: " + type + ") -> " + type + " {\n" +
         "  %0 = hlo." + op + " %x : " + type + "\n" + "  return %0 : " + type +
         "\n}";
}

std::string binaryProgram(const std::string &op, const std::string &type) {
  return "func.func @main(%x: " + type + ", %y: " + type + ") -> " + type +
         " {\n" + "  %0 = hlo." + op + " %x, %y : " + type + "\n" +
         "  return %0 : " + type + "\n}";
}

class ElementwiseTest : public InterpreterTest {
protected:
  HostTensor unary(const std::string &op, const HostTensor &x) {
    return run(unaryProgram(op, x.typeString()), {x});
  }
  HostTensor binary(const std::string &op, const HostTensor &x,
                    const HostTensor &y) {
    return run(binaryProgram(op, x.typeString()), {x, y});
  }
};

//===----------------------------------------------------------------------===//
// Unary
//===----------------------------------------------------------------------===//

TEST_F(ElementwiseTest, Transcendental) {
  // NumPy float32 results; libm may differ from NumPy by one ulp.
  HostTensor x = f32({5}, {-2.5f, -0.5f, 0.0f, 0.75f, 3.0f});
  EXPECT_TRUE(closeTo(unary("exponential", x),
                      f32({5}, {0.0820850059390068f, 0.6065306663513184f, 1.0f,
                                2.117000102996826f, 20.08553695678711f})));
  EXPECT_TRUE(
      closeTo(unary("exponential_minus_one", x),
              f32({5}, {-0.9179150462150574f, -0.39346933364868164f, 0.0f,
                        1.1169999837875366f, 19.08553695678711f})));
  EXPECT_TRUE(
      closeTo(unary("tanh", x),
              f32({5}, {-0.9866142868995667f, -0.46211719512939453f, 0.0f,
                        0.6351490020751953f, 0.9950547814369202f})));
  EXPECT_TRUE(closeTo(unary("logistic", x),
                      f32({5}, {0.07585818320512772f, 0.3775406777858734f, 0.5f,
                                0.6791787147521973f, 0.9525741338729858f})));
  EXPECT_TRUE(
      closeTo(unary("sine", x),
              f32({5}, {-0.5984721779823303f, -0.4794255495071411f, 0.0f,
                        0.681638777256012f, 0.14112000167369843f})));
  EXPECT_TRUE(closeTo(unary("cosine", x),
                      f32({5}, {-0.8011435866355896f, 0.8775825500488281f, 1.0f,
                                0.7316888570785522f, -0.9899924993515015f})));
  EXPECT_TRUE(
      closeTo(unary("erf", x),
              f32({5}, {-0.9995930194854736f, -0.5204998850822449f, 0.0f,
                        0.7111556529998779f, 0.9999778866767883f})));

  HostTensor p = f32({4}, {0.5f, 1.0f, 2.0f, 10.0f});
  EXPECT_TRUE(closeTo(unary("log", p),
                      f32({4}, {-0.6931471824645996f, 0.0f, 0.6931471824645996f,
                                2.3025851249694824f})));
  EXPECT_TRUE(closeTo(unary("log_plus_one", p),
                      f32({4}, {0.40546512603759766f, 0.6931471824645996f,
                                1.0986123085021973f, 2.397895336151123f})));
  EXPECT_TRUE(closeTo(unary("sqrt", p),
                      f32({4}, {0.7071067690849304f, 1.0f, 1.4142135381698608f,
                                3.1622776985168457f})));
  EXPECT_TRUE(closeTo(unary("rsqrt", p),
                      f32({4}, {1.4142135381698608f, 1.0f, 0.7071067690849304f,
                                0.3162277638912201f})));
}

TEST_F(ElementwiseTest, TranscendentalEdges) {
  HostTensor result = unary("log", f32({3}, {0.0f, -1.0f, kInf}));
  EXPECT_EQ(result.dataAs<float>()[0], -kInf);
  EXPECT_TRUE(std::isnan(result.dataAs<float>()[1]));
  EXPECT_EQ(result.dataAs<float>()[2], kInf);
  EXPECT_EQ(unary("rsqrt", f32({1}, {0.0f})), f32({1}, {kInf}));
  EXPECT_EQ(unary("logistic", f32({2}, {-kInf, kInf})), f32({2}, {0.0f, 1.0f}));
}

TEST_F(ElementwiseTest, FloorCeil) {
  HostTensor x = f32({4}, {-1.5f, -0.25f, 0.75f, 2.0f});
  EXPECT_EQ(unary("floor", x), f32({4}, {-2.0f, -1.0f, 0.0f, 2.0f}));
  EXPECT_EQ(unary("ceil", x), f32({4}, {-1.0f, -0.0f, 1.0f, 2.0f}));
}

TEST_F(ElementwiseTest, AbsNegate) {
  EXPECT_EQ(unary("abs", f32({3}, {-1.5f, 0.0f, 2.0f})),
            f32({3}, {1.5f, 0.0f, 2.0f}));
  EXPECT_EQ(unary("negate", f32({3}, {-1.5f, 0.0f, 2.0f})),
            f32({3}, {1.5f, -0.0f, -2.0f}));
  // INT_MIN has no positive counterpart: both wrap to INT_MIN.
  EXPECT_EQ(unary("abs", i32({3}, {-7, 7, kI32Min})),
            i32({3}, {7, 7, kI32Min}));
  EXPECT_EQ(unary("negate", i32({3}, {-7, 0, kI32Min})),
            i32({3}, {7, 0, kI32Min}));
  EXPECT_EQ(unary("abs", i64({2}, {-5, kI64Min})), i64({2}, {5, kI64Min}));
  EXPECT_EQ(unary("negate", i64({2}, {-5, kI64Min})), i64({2}, {5, kI64Min}));
}

TEST_F(ElementwiseTest, Sign) {
  HostTensor result =
      unary("sign", f32({6}, {-3.0f, -0.0f, 0.0f, 0.5f, kNaN, -kInf}));
  EXPECT_EQ(result.dataAs<float>()[0], -1.0f);
  EXPECT_EQ(result.dataAs<float>()[1], 0.0f);
  EXPECT_TRUE(std::signbit(result.dataAs<float>()[1]));
  EXPECT_EQ(result.dataAs<float>()[2], 0.0f);
  EXPECT_FALSE(std::signbit(result.dataAs<float>()[2]));
  EXPECT_EQ(result.dataAs<float>()[3], 1.0f);
  EXPECT_TRUE(std::isnan(result.dataAs<float>()[4]));
  EXPECT_EQ(result.dataAs<float>()[5], -1.0f);
  EXPECT_EQ(unary("sign", i32({3}, {-9, 0, 4})), i32({3}, {-1, 0, 1}));
  EXPECT_EQ(unary("sign", i64({2}, {kI64Min, kI64Max})), i64({2}, {-1, 1}));
}

//===----------------------------------------------------------------------===//
// Binary
//===----------------------------------------------------------------------===//

TEST_F(ElementwiseTest, FloatArithmetic) {
  HostTensor x = f32({4}, {1.5f, -2.0f, 0.25f, 8.0f});
  HostTensor y = f32({4}, {0.5f, 4.0f, -1.0f, 0.0f});
  EXPECT_EQ(binary("add", x, y), f32({4}, {2.0f, 2.0f, -0.75f, 8.0f}));
  EXPECT_EQ(binary("subtract", x, y), f32({4}, {1.0f, -6.0f, 1.25f, 8.0f}));
  EXPECT_EQ(binary("multiply", x, y), f32({4}, {0.75f, -8.0f, -0.25f, 0.0f}));
  EXPECT_EQ(binary("divide", x, y), f32({4}, {3.0f, -0.5f, -0.25f, kInf}));
}

TEST_F(ElementwiseTest, MaximumMinimumPropagateNaN) {
  HostTensor x = f32({4}, {1.0f, kNaN, 3.0f, -0.0f});
  HostTensor y = f32({4}, {2.0f, 1.0f, kNaN, 0.0f});
  HostTensor max = binary("maximum", x, y);
  HostTensor min = binary("minimum", x, y);
  EXPECT_EQ(max.dataAs<float>()[0], 2.0f);
  EXPECT_EQ(min.dataAs<float>()[0], 1.0f);
  for (int i : {1, 2}) {
    EXPECT_TRUE(std::isnan(max.dataAs<float>()[i])) << i;
    EXPECT_TRUE(std::isnan(min.dataAs<float>()[i])) << i;
  }
  // -0 orders below +0.
  EXPECT_FALSE(std::signbit(max.dataAs<float>()[3]));
  EXPECT_TRUE(std::signbit(min.dataAs<float>()[3]));
  EXPECT_EQ(binary("maximum", i32({3}, {-5, 7, 0}), i32({3}, {3, -7, 0})),
            i32({3}, {3, 7, 0}));
  EXPECT_EQ(binary("minimum", i64({2}, {kI64Min, 7}), i64({2}, {3, kI64Max})),
            i64({2}, {kI64Min, 7}));
}

TEST_F(ElementwiseTest, MaximumMinimumReturnTheNaNOperand) {
  // The NaN operand itself, the first when both are, as LLVM's maximum and
  // minimum return it: its sign is what a total order or a bitcast sees
  // (the difference random graphs 3031 and 6579 found).
  float negNaN = -kNaN;
  HostTensor x = f32({3}, {negNaN, 1.0f, negNaN});
  HostTensor y = f32({3}, {1.0f, negNaN, kNaN});
  for (const char *op : {"maximum", "minimum"}) {
    HostTensor r = binary(op, x, y);
    for (int i : {0, 1, 2}) {
      EXPECT_TRUE(std::isnan(r.dataAs<float>()[i])) << op << " " << i;
      EXPECT_TRUE(std::signbit(r.dataAs<float>()[i])) << op << " " << i;
    }
  }
}

TEST_F(ElementwiseTest, FloatPowerRemainder) {
  EXPECT_EQ(binary("power", f32({4}, {2.0f, 0.5f, -2.0f, 9.0f}),
                   f32({4}, {3.0f, -1.0f, 2.0f, 0.5f})),
            f32({4}, {8.0f, 2.0f, 4.0f, 3.0f}));
  // fmod: the result has the dividend's sign.
  HostTensor rem =
      binary("remainder", f32({5}, {5.5f, -5.5f, 5.5f, 1.0f, 1.0f}),
             f32({5}, {2.0f, 2.0f, -2.0f, 0.25f, 0.0f}));
  EXPECT_EQ(rem.dataAs<float>()[0], 1.5f);
  EXPECT_EQ(rem.dataAs<float>()[1], -1.5f);
  EXPECT_EQ(rem.dataAs<float>()[2], 1.5f);
  EXPECT_EQ(rem.dataAs<float>()[3], 0.0f);
  EXPECT_TRUE(std::isnan(rem.dataAs<float>()[4]));
}

TEST_F(ElementwiseTest, IntegerArithmeticWraps) {
  EXPECT_EQ(binary("add", i32({2}, {kI32Max, -3}), i32({2}, {1, 5})),
            i32({2}, {kI32Min, 2}));
  EXPECT_EQ(binary("subtract", i32({2}, {kI32Min, 10}), i32({2}, {1, 15})),
            i32({2}, {kI32Max, -5}));
  EXPECT_EQ(binary("multiply", i32({2}, {65536, -4}), i32({2}, {65536, 6})),
            i32({2}, {0, -24}));
  EXPECT_EQ(binary("add", i64({1}, {kI64Max}), i64({1}, {1})),
            i64({1}, {kI64Min}));
  EXPECT_EQ(binary("multiply", i64({1}, {int64_t(1) << 62}), i64({1}, {4})),
            i64({1}, {0}));
}

TEST_F(ElementwiseTest, IntegerDivideAndRemainderEdges) {
  // Round toward zero; x / 0 = -1; INT_MIN / -1 = INT_MIN.
  EXPECT_EQ(binary("divide", i32({5}, {7, -7, 7, 5, kI32Min}),
                   i32({5}, {2, 2, -2, 0, -1})),
            i32({5}, {3, -3, -3, -1, kI32Min}));
  EXPECT_EQ(binary("divide", i64({2}, {kI64Min, 9}), i64({2}, {-1, 0})),
            i64({2}, {kI64Min, -1}));
  // C %: the dividend's sign; x % 0 = x; INT_MIN % -1 = 0.
  EXPECT_EQ(binary("remainder", i32({5}, {7, -7, 7, 5, kI32Min}),
                   i32({5}, {2, 2, -2, 0, -1})),
            i32({5}, {1, -1, 1, 5, 0}));
  EXPECT_EQ(binary("remainder", i64({2}, {kI64Min, -9}), i64({2}, {-1, 0})),
            i64({2}, {0, -9}));
}

TEST_F(ElementwiseTest, IntegerPower) {
  EXPECT_EQ(binary("power", i32({8}, {2, -3, 5, 1, -1, -1, 2, 0}),
                   i32({8}, {10, 3, 0, -5, -3, -4, -1, 0})),
            i32({8}, {1024, -27, 1, 1, -1, 1, 0, 1}));
  // 3^40 wraps modulo 2^64: 12157665459056928801 - 2^64.
  EXPECT_EQ(binary("power", i64({1}, {3}), i64({1}, {40})),
            i64({1}, {int64_t(-6289078614652622815)}));
}

TEST_F(ElementwiseTest, BooleanOps) {
  HostTensor x = i1({4}, {0, 0, 1, 1});
  HostTensor y = i1({4}, {0, 1, 0, 1});
  EXPECT_EQ(binary("add", x, y), i1({4}, {0, 1, 1, 1}));      // or
  EXPECT_EQ(binary("multiply", x, y), i1({4}, {0, 0, 0, 1})); // and
  EXPECT_EQ(binary("maximum", x, y), i1({4}, {0, 1, 1, 1}));
  EXPECT_EQ(binary("minimum", x, y), i1({4}, {0, 0, 0, 1}));
}

TEST_F(ElementwiseTest, LogicalAndBitwiseOps) {
  // Truth tables on i1.
  HostTensor x = i1({4}, {0, 0, 1, 1});
  HostTensor y = i1({4}, {0, 1, 0, 1});
  EXPECT_EQ(binary("and", x, y), i1({4}, {0, 0, 0, 1}));
  EXPECT_EQ(binary("or", x, y), i1({4}, {0, 1, 1, 1}));
  EXPECT_EQ(binary("xor", x, y), i1({4}, {0, 1, 1, 0}));
  EXPECT_EQ(unary("not", x), i1({4}, {1, 1, 0, 0}));
  // Two's complement bits: 12 = 0b1100, 10 = 0b1010, -1 all ones.
  HostTensor a = i32({3}, {12, -1, kI32Min});
  HostTensor b = i32({3}, {10, 5, -1});
  EXPECT_EQ(binary("and", a, b), i32({3}, {8, 5, kI32Min}));
  EXPECT_EQ(binary("or", a, b), i32({3}, {14, -1, -1}));
  EXPECT_EQ(binary("xor", a, b), i32({3}, {6, -6, kI32Max}));
  EXPECT_EQ(unary("not", a), i32({3}, {-13, 0, kI32Max}));
  EXPECT_EQ(unary("not", i64({2}, {0, kI64Min})), i64({2}, {-1, kI64Max}));
}

TEST_F(ElementwiseTest, ShiftsPopcntAndLeadingZeros) {
  // Amounts 1, 31, 32 (the width: every bit out) and -1 (read unsigned:
  // past the width).
  HostTensor x = i32({4}, {-8, -8, -8, -8});
  HostTensor n = i32({4}, {1, 31, 32, -1});
  EXPECT_EQ(binary("shift_left", x, n), i32({4}, {-16, 0, 0, 0}));
  EXPECT_EQ(binary("shift_right_arithmetic", x, n), i32({4}, {-4, -1, -1, -1}));
  // -8 is 0xFFFFFFF8: >> 1 = 0x7FFFFFFC, >> 31 = 1.
  EXPECT_EQ(binary("shift_right_logical", x, n),
            i32({4}, {2147483644, 1, 0, 0}));
  EXPECT_EQ(binary("shift_left", i64({2}, {1, 3}), i64({2}, {63, 64})),
            i64({2}, {kI64Min, 0}));
  EXPECT_EQ(unary("popcnt", i32({4}, {0, 7, -1, kI32Min})),
            i32({4}, {0, 3, 32, 1}));
  EXPECT_EQ(unary("popcnt", i64({1}, {-1})), i64({1}, {64}));
  EXPECT_EQ(unary("count_leading_zeros", i32({4}, {0, 1, -1, 65536})),
            i32({4}, {32, 31, 0, 15}));
  EXPECT_EQ(unary("count_leading_zeros", i64({2}, {0, 1})), i64({2}, {64, 63}));
}

//===----------------------------------------------------------------------===//
// Compare
//===----------------------------------------------------------------------===//

class CompareTest : public InterpreterTest {
protected:
  HostTensor compare(const std::string &direction,
                     const std::string &compareType, const HostTensor &x,
                     const HostTensor &y) {
    std::string type = x.typeString();
    std::string resultType =
        "tensor<" + std::to_string(x.numElements()) + "xi1>";
    std::string suffix = compareType.empty() ? "" : ", " + compareType;
    return run("func.func @main(%x: " + type + ", %y: " + type + ") -> " +
                   resultType + " {\n  %0 = hlo.compare " + direction +
                   ", %x, %y" + suffix + " : (" + type + ", " + type + ") -> " +
                   resultType + "\n  return %0 : " + resultType + "\n}",
               {x, y});
  }
};

TEST_F(CompareTest, FloatDirectionsWithNaN) {
  // Pairs: less, equal, greater, NaN on the left, -0 vs +0.
  HostTensor x = f32({5}, {1.0f, 2.0f, 3.0f, kNaN, -0.0f});
  HostTensor y = f32({5}, {2.0f, 2.0f, 1.0f, 1.0f, 0.0f});
  for (const std::string &type : {std::string(), std::string("FLOAT")}) {
    EXPECT_EQ(compare("EQ", type, x, y), i1({5}, {0, 1, 0, 0, 1}));
    EXPECT_EQ(compare("NE", type, x, y), i1({5}, {1, 0, 1, 1, 0}));
    EXPECT_EQ(compare("LT", type, x, y), i1({5}, {1, 0, 0, 0, 0}));
    EXPECT_EQ(compare("LE", type, x, y), i1({5}, {1, 1, 0, 0, 1}));
    EXPECT_EQ(compare("GT", type, x, y), i1({5}, {0, 0, 1, 0, 0}));
    EXPECT_EQ(compare("GE", type, x, y), i1({5}, {0, 1, 1, 0, 1}));
  }
}

TEST_F(CompareTest, TotalOrder) {
  // -NaN < -Inf < -1 < -0 < +0 < 1 < +Inf < +NaN.
  float negativeNaN = -kNaN;
  HostTensor x = f32({6}, {negativeNaN, -kInf, -0.0f, kNaN, kNaN, 1.0f});
  HostTensor y = f32({6}, {-kInf, -1.0f, 0.0f, kInf, kNaN, 1.0f});
  EXPECT_EQ(compare("LT", "TOTALORDER", x, y), i1({6}, {1, 1, 1, 0, 0, 0}));
  EXPECT_EQ(compare("EQ", "TOTALORDER", x, y), i1({6}, {0, 0, 0, 0, 1, 1}));
  EXPECT_EQ(compare("GE", "TOTALORDER", x, y), i1({6}, {0, 0, 0, 1, 1, 1}));
}

TEST_F(CompareTest, SignedAndUnsigned) {
  HostTensor x = i32({3}, {-1, 5, kI32Min});
  HostTensor y = i32({3}, {1, 5, kI32Max});
  EXPECT_EQ(compare("LT", "", x, y), i1({3}, {1, 0, 1}));
  EXPECT_EQ(compare("LT", "SIGNED", x, y), i1({3}, {1, 0, 1}));
  // As unsigned, -1 is 2^32 - 1 and INT_MIN is 2^31.
  EXPECT_EQ(compare("LT", "UNSIGNED", x, y), i1({3}, {0, 0, 0}));
  EXPECT_EQ(compare("GT", "UNSIGNED", i64({1}, {-1}), i64({1}, {1})),
            i1({1}, {1}));
  EXPECT_EQ(compare("NE", "", i64({2}, {kI64Min, 3}), i64({2}, {kI64Min, 4})),
            i1({2}, {0, 1}));
  EXPECT_EQ(compare("GT", "", i1({4}, {0, 0, 1, 1}), i1({4}, {0, 1, 0, 1})),
            i1({4}, {0, 0, 1, 0}));
}

//===----------------------------------------------------------------------===//
// Select, clamp, convert
//===----------------------------------------------------------------------===//

TEST_F(InterpreterTest, SelectSameShapePredicate) {
  HostTensor result = run(R"mlir(
    func.func @main(%p: tensor<2x2xi1>, %a: tensor<2x2xi32>, %b: tensor<2x2xi32>) -> tensor<2x2xi32> {
      %0 = hlo.select %p, %a, %b : tensor<2x2xi1>, tensor<2x2xi32>
      return %0 : tensor<2x2xi32>
    })mlir",
                          {i1({2, 2}, {1, 0, 0, 1}), i32({2, 2}, {1, 2, 3, 4}),
                           i32({2, 2}, {-1, -2, -3, -4})});
  EXPECT_EQ(result, i32({2, 2}, {1, -2, -3, 4}));
}

TEST_F(InterpreterTest, SelectScalarPredicate) {
  const char *program = R"mlir(
    func.func @main(%p: tensor<i1>, %a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
      %0 = hlo.select %p, %a, %b : tensor<i1>, tensor<3xf32>
      return %0 : tensor<3xf32>
    })mlir";
  HostTensor a = f32({3}, {1, 2, 3}), b = f32({3}, {4, 5, 6});
  EXPECT_EQ(run(program, {i1({}, {1}), a, b}), a);
  EXPECT_EQ(run(program, {i1({}, {0}), a, b}), b);
}

TEST_F(InterpreterTest, ClampScalarBounds) {
  HostTensor result =
      run(R"mlir(
    func.func @main(%lo: tensor<f32>, %x: tensor<5xf32>, %hi: tensor<f32>) -> tensor<5xf32> {
      %0 = hlo.clamp %lo, %x, %hi : (tensor<f32>, tensor<5xf32>, tensor<f32>) -> tensor<5xf32>
      return %0 : tensor<5xf32>
    })mlir",
          {f32({}, {-1}), f32({5}, {-3, -1, 0.5f, 2, kNaN}), f32({}, {1})});
  EXPECT_EQ(result.dataAs<float>()[0], -1.0f);
  EXPECT_EQ(result.dataAs<float>()[1], -1.0f);
  EXPECT_EQ(result.dataAs<float>()[2], 0.5f);
  EXPECT_EQ(result.dataAs<float>()[3], 1.0f);
  EXPECT_TRUE(std::isnan(result.dataAs<float>()[4]));
}

TEST_F(InterpreterTest, ClampSameShapeBounds) {
  HostTensor result =
      run(R"mlir(
    func.func @main(%lo: tensor<3xi32>, %x: tensor<3xi32>, %hi: tensor<3xi32>) -> tensor<3xi32> {
      %0 = hlo.clamp %lo, %x, %hi : tensor<3xi32>
      return %0 : tensor<3xi32>
    })mlir",
          {i32({3}, {0, 10, -5}), i32({3}, {-4, 12, 7}), i32({3}, {5, 20, 5})});
  EXPECT_EQ(result, i32({3}, {0, 12, 5}));
}

class ConvertTest : public InterpreterTest {
protected:
  HostTensor convert(const HostTensor &x, const std::string &elementType) {
    std::string to =
        "tensor<" + std::to_string(x.numElements()) + "x" + elementType + ">";
    std::string from = x.typeString();
    return run("func.func @main(%x: " + from + ") -> " + to +
                   " {\n  %0 = hlo.convert %x : (" + from + ") -> " + to +
                   "\n  return %0 : " + to + "\n}",
               {x});
  }
};

TEST_F(ConvertTest, FromF32) {
  HostTensor x = f32({7}, {-2.7f, 2.7f, kNaN, 3e9f, -3e9f, kInf, -0.0f});
  EXPECT_EQ(convert(x, "i32"),
            i32({7}, {-2, 2, 0, kI32Max, kI32Min, kI32Max, 0}));
  EXPECT_EQ(convert(f32({4}, {1e19f, -1e19f, -2.5f, 4294967296.0f}), "i64"),
            i64({4}, {kI64Max, kI64Min, -2, 4294967296}));
  EXPECT_EQ(convert(f32({5}, {0.0f, -0.0f, kNaN, 0.5f, -kInf}), "i1"),
            i1({5}, {0, 0, 1, 1, 1}));
  EXPECT_EQ(convert(f32({2}, {1.5f, -2.0f}), "f32"), f32({2}, {1.5f, -2.0f}));
}

TEST_F(ConvertTest, FromI1) {
  HostTensor x = i1({2}, {0, 1});
  EXPECT_EQ(convert(x, "f32"), f32({2}, {0.0f, 1.0f}));
  EXPECT_EQ(convert(x, "i32"), i32({2}, {0, 1}));
  EXPECT_EQ(convert(x, "i64"), i64({2}, {0, 1}));
  EXPECT_EQ(convert(x, "i1"), x);
}

TEST_F(ConvertTest, FromI32) {
  // 16777217 = 2^24 + 1 rounds to 2^24 in f32 (ties to even).
  HostTensor x = i32({4}, {-7, 0, 16777217, kI32Min});
  EXPECT_EQ(convert(x, "f32"),
            f32({4}, {-7.0f, 0.0f, 16777216.0f, -2147483648.0f}));
  EXPECT_EQ(convert(x, "i64"), i64({4}, {-7, 0, 16777217, kI32Min}));
  EXPECT_EQ(convert(x, "i1"), i1({4}, {1, 0, 1, 1}));
}

TEST_F(ConvertTest, FromI64) {
  // Narrowing keeps the low 32 bits.
  HostTensor x = i64(
      {4}, {(int64_t(1) << 32) + 5, int64_t(1) << 31, -1, int64_t(1) << 32});
  EXPECT_EQ(convert(x, "i32"), i32({4}, {5, kI32Min, -1, 0}));
  EXPECT_EQ(convert(x, "i1"), i1({4}, {1, 1, 1, 1}));
  EXPECT_EQ(convert(i64({2}, {kI64Max, -3}), "f32"),
            f32({2}, {9223372036854775808.0f, -3.0f}));
}

} // namespace
