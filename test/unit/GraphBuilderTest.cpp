//===- GraphBuilderTest.cpp - Tests of the GraphBuilder API --------------===//
//
// Every method builds a module that verifies and prints the expected op with
// the expected result type; every misuse returns an error naming the method
// and the problem. Reductions, contractions, layers and numbers are in
// GraphBuilderLayersTest.cpp.
//
//===----------------------------------------------------------------------===//

#include "GraphBuilderTesting.h"

#include <cmath>
#include <limits>

using namespace kiln;
using namespace kiln::testing;

namespace {

//===----------------------------------------------------------------------===//
// Parameters, constants and build()
//===----------------------------------------------------------------------===//

TEST_F(GraphBuilderTest, ParametersBecomeFunctionArguments) {
  GraphValue x = get(builder.parameter({2, 3}, {}, "x"));
  GraphValue n = param({4}, i32());
  EXPECT_EQ(typeOf(x), "tensor<2x3xf32>");
  EXPECT_EQ(typeOf(n), "tensor<4xi32>");
  std::string text = finish({n, x});
  EXPECT_TRUE(contains(text, "func.func @main(%arg0: tensor<2x3xf32>, "
                             "%arg1: tensor<4xi32>) -> (tensor<4xi32>, "
                             "tensor<2x3xf32>)"));
  EXPECT_TRUE(contains(text, "return %arg1, %arg0"));
}

TEST_F(GraphBuilderTest, FunctionNameIsConfigurable) {
  GraphBuilder named(context, "forward");
  auto x = named.parameter({1});
  ASSERT_TRUE(static_cast<bool>(x));
  auto module = named.build({*x});
  ASSERT_TRUE(static_cast<bool>(module));
  EXPECT_TRUE(static_cast<bool>(
      (*module)->lookupSymbol<mlir::func::FuncOp>("forward")));
}

TEST_F(GraphBuilderTest, Constants) {
  GraphValue scalar = get(builder.constant(2.5f));
  GraphValue f = get(builder.constantF32({2, 2}, {1, 2, 3, 4}));
  GraphValue i = get(builder.constantI32({3}, {7, 8, 9}));
  GraphValue l = get(builder.constantI64({1}, {int64_t(1) << 40}));
  GraphValue b = get(builder.constantI1({2}, {true, false}));
  GraphValue splat = get(builder.constant(3.0, i64(), {2, 3}));
  EXPECT_EQ(typeOf(scalar), "tensor<f32>");
  EXPECT_EQ(typeOf(f), "tensor<2x2xf32>");
  EXPECT_EQ(typeOf(i), "tensor<3xi32>");
  EXPECT_EQ(typeOf(l), "tensor<1xi64>");
  EXPECT_EQ(typeOf(b), "tensor<2xi1>");
  EXPECT_EQ(typeOf(splat), "tensor<2x3xi64>");
  std::string text = finish({scalar, f, i, l, b, splat});
  EXPECT_TRUE(contains(text, "hlo.constant dense<2.500000e+00> : tensor<f32>"));
  EXPECT_TRUE(contains(text, "dense<[7, 8, 9]> : tensor<3xi32>"));
  EXPECT_TRUE(contains(text, "dense<1099511627776> : tensor<1xi64>"));
  EXPECT_TRUE(contains(text, "dense<[true, false]> : tensor<2xi1>"));
  EXPECT_TRUE(contains(text, "dense<3> : tensor<2x3xi64>"));
}

TEST_F(GraphBuilderTest, IntegerConstantsSaturateLikeConvert) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  GraphValue lo = get(builder.constant(-inf, i32()));
  GraphValue hi = get(builder.constant(1e30, i32()));
  GraphValue nan =
      get(builder.constant(std::numeric_limits<double>::quiet_NaN(), i64()));
  GraphValue truncated = get(builder.constant(-2.7, i32()));
  std::string text = finish({lo, hi, nan, truncated});
  EXPECT_TRUE(contains(text, "dense<-2147483648> : tensor<i32>"));
  EXPECT_TRUE(contains(text, "dense<2147483647> : tensor<i32>"));
  EXPECT_TRUE(contains(text, "dense<0> : tensor<i64>"));
  EXPECT_TRUE(contains(text, "dense<-2> : tensor<i32>"));
}

TEST_F(GraphBuilderTest, ConstantsOfEveryTypeRoundOnceAndSaturate) {
  // 0.1 rounded once from the double: the nearest f64, f16 and bf16.
  GraphValue f64Value = get(builder.constant(0.1, f64()));
  GraphValue f16Value =
      get(builder.constant(0.1, mlir::Float16Type::get(&context)));
  GraphValue bf16Value =
      get(builder.constant(0.1, mlir::BFloat16Type::get(&context)));
  // Unsigned types saturate at 0 and 2^w - 1 (a max pool's -inf padding).
  mlir::Type ui8 = mlir::IntegerType::get(&context, 8,
                                          mlir::IntegerType::Unsigned);
  GraphValue lowest = get(builder.constant(
      -std::numeric_limits<double>::infinity(), ui8));
  GraphValue highest = get(builder.constant(300, ui8));
  GraphValue middle = get(builder.constant(200.9, ui8));
  std::string text =
      finish({f64Value, f16Value, bf16Value, lowest, highest, middle});
  EXPECT_TRUE(contains(text, "dense<1.000000e-01> : tensor<f64>"));
  EXPECT_TRUE(contains(text, "dense<9.997550e-02> : tensor<f16>"));
  EXPECT_TRUE(contains(text, "dense<1.000980e-01> : tensor<bf16>"));
  EXPECT_TRUE(contains(text, "dense<0> : tensor<ui8>"));
  EXPECT_TRUE(contains(text, "dense<255> : tensor<ui8>"));
  EXPECT_TRUE(contains(text, "dense<200> : tensor<ui8>"));
}

TEST_F(GraphBuilderTest, ParameterAndConstantMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.parameter({2, -1})),
                       "GraphBuilder::parameter: dimension 1 has size -1"));
  EXPECT_TRUE(contains(
      errorOf(builder.parameter({2}, mlir::Float8E4M3FNType::get(&context))),
      "GraphBuilder::parameter: unsupported element type f8E4M3FN (expected "
      "f16, bf16, f32, f64, i1, i8, i16, i32, i64, ui8, ui16, ui32 and "
      "ui64)"));
  EXPECT_TRUE(contains(errorOf(builder.constantF32({2, 2}, {1, 2, 3})),
                       "GraphBuilder::constantF32: got 3 values for a shape "
                       "of 4 elements"));
  EXPECT_TRUE(contains(errorOf(builder.constant(1.0, mlir::Type())),
                       "GraphBuilder::constant: unsupported element type"));
}

TEST_F(GraphBuilderTest, ElementwiseBuildsAnyElementwiseOp) {
  // Broadcast like the named methods; the op infers its result type.
  mlir::Type bf16 = mlir::BFloat16Type::get(&context);
  GraphValue angle = get(builder.elementwise<hlo::Atan2Op>(
      {param({2, 3}, bf16), param({3}, bf16)}));
  EXPECT_EQ(typeOf(angle), "tensor<2x3xbf16>");
  GraphValue finite =
      get(builder.elementwise<hlo::IsFiniteOp>({param({4}, f64())}));
  EXPECT_EQ(typeOf(finite), "tensor<4xi1>");
  mlir::Type ui8 =
      mlir::IntegerType::get(&context, 8, mlir::IntegerType::Unsigned);
  GraphValue quotient =
      get(builder.elementwise<hlo::DivOp>({param({4}, ui8), param({}, ui8)}));
  EXPECT_EQ(typeOf(quotient), "tensor<4xui8>");
  std::string text = finish({angle, finite, quotient});
  EXPECT_TRUE(contains(text, "hlo.atan2"));
  EXPECT_TRUE(contains(text, "hlo.is_finite"));
  EXPECT_TRUE(contains(text, "hlo.divide"));
}

TEST_F(GraphBuilderTest, ElementwiseMisuseIsTheVerifiersMessage) {
  EXPECT_TRUE(contains(
      errorOf(builder.elementwise<hlo::IsFiniteOp>({param({2}, i32())})),
      "GraphBuilder::hlo.is_finite: 'hlo.is_finite' op operand #0 must be "
      "statically shaped tensor of 16-bit float or bfloat16 type or 32-bit "
      "float or 64-bit float values, but got 'tensor<2xi32>'"));
  EXPECT_TRUE(contains(errorOf(builder.elementwise<hlo::Atan2Op>(
                           {param({2}), param({2}, i32())})),
                       "GraphBuilder::hlo.atan2: 'hlo.atan2' op"));
  EXPECT_TRUE(contains(
      errorOf(builder.elementwise<hlo::Atan2Op>({param({3}), param({2})})),
      "GraphBuilder::hlo.atan2: cannot broadcast tensor<3xf32> with "
      "tensor<2xf32>"));
  // The graph stays buildable after a refused op.
  GraphValue x = param({2});
  finish({x});
}

TEST_F(GraphBuilderTest, EmptyFunctionNameFailsAtBuild) {
  GraphBuilder unnamed(context, "");
  EXPECT_TRUE(contains(errorOf(unnamed.build({})),
                       "GraphBuilder::build: the function name is empty"));
}

TEST_F(GraphBuilderTest, BuildWithoutResults) {
  EXPECT_TRUE(contains(finish({}), "func.func @main()"));
}

TEST_F(GraphBuilderTest, UseAfterBuildIsAnError) {
  GraphValue x = param({2});
  finish({x});
  EXPECT_TRUE(contains(errorOf(builder.add(x, x)),
                       "GraphBuilder::add: the graph was already built"));
  EXPECT_TRUE(contains(errorOf(builder.parameter({1})),
                       "GraphBuilder::parameter: the graph was already "
                       "built"));
  EXPECT_TRUE(contains(errorOf(builder.build({})),
                       "GraphBuilder::build: the graph was already built"));
}

TEST_F(GraphBuilderTest, ValuesFromAnotherBuilderOrNullAreRejected) {
  GraphBuilder other(context);
  GraphValue foreign = get(other.parameter({2}));
  GraphValue x = param({2});
  EXPECT_TRUE(contains(errorOf(builder.add(x, foreign)),
                       "GraphBuilder::add: operand 1 belongs to another "
                       "GraphBuilder"));
  EXPECT_TRUE(contains(errorOf(builder.exp(GraphValue())),
                       "GraphBuilder::exp: operand 0 is a null GraphValue"));
  EXPECT_TRUE(contains(errorOf(builder.build({foreign})),
                       "GraphBuilder::build: operand 0 belongs to another"));
}

//===----------------------------------------------------------------------===//
// Elementwise ops and broadcasting
//===----------------------------------------------------------------------===//

TEST_F(GraphBuilderTest, BinaryOpsPrintTheirOp) {
  struct Case {
    const char *opName;
    llvm::Expected<GraphValue> (GraphBuilder::*method)(GraphValue, GraphValue);
  };
  const Case cases[] = {
      {"hlo.add", &GraphBuilder::add},
      {"hlo.subtract", &GraphBuilder::subtract},
      {"hlo.multiply", &GraphBuilder::multiply},
      {"hlo.divide", &GraphBuilder::divide},
      {"hlo.maximum", &GraphBuilder::maximum},
      {"hlo.minimum", &GraphBuilder::minimum},
      {"hlo.power", &GraphBuilder::power},
      {"hlo.remainder", &GraphBuilder::remainder},
  };
  for (const Case &c : cases) {
    mlir::MLIRContext ctx;
    GraphBuilder b(ctx);
    auto x = b.parameter({2, 3});
    auto y = b.parameter({2, 3});
    ASSERT_TRUE(x && y);
    auto r = (b.*c.method)(*x, *y);
    ASSERT_TRUE(static_cast<bool>(r)) << c.opName;
    auto module = b.build({*r});
    ASSERT_TRUE(static_cast<bool>(module))
        << c.opName << ": " << llvm::toString(module.takeError());
    std::string text;
    llvm::raw_string_ostream os(text);
    (*module)->print(os);
    EXPECT_TRUE(contains(text, std::string(c.opName) + " %arg0, %arg1 : "
                                                       "tensor<2x3xf32>"));
  }
}

TEST_F(GraphBuilderTest, UnaryOpsPrintTheirOp) {
  struct Case {
    const char *opName;
    llvm::Expected<GraphValue> (GraphBuilder::*method)(GraphValue);
  };
  const Case cases[] = {
      {"hlo.abs", &GraphBuilder::abs},
      {"hlo.negate", &GraphBuilder::negate},
      {"hlo.sign", &GraphBuilder::sign},
      {"hlo.exponential", &GraphBuilder::exp},
      {"hlo.exponential_minus_one", &GraphBuilder::expm1},
      {"hlo.log", &GraphBuilder::log},
      {"hlo.log_plus_one", &GraphBuilder::log1p},
      {"hlo.tanh", &GraphBuilder::tanh},
      {"hlo.logistic", &GraphBuilder::logistic},
      {"hlo.sqrt", &GraphBuilder::sqrt},
      {"hlo.rsqrt", &GraphBuilder::rsqrt},
      {"hlo.floor", &GraphBuilder::floor},
      {"hlo.ceil", &GraphBuilder::ceil},
      {"hlo.sine", &GraphBuilder::sine},
      {"hlo.cosine", &GraphBuilder::cosine},
      {"hlo.erf", &GraphBuilder::erf},
  };
  for (const Case &c : cases) {
    mlir::MLIRContext ctx;
    GraphBuilder b(ctx);
    auto x = b.parameter({4});
    ASSERT_TRUE(static_cast<bool>(x));
    auto r = (b.*c.method)(*x);
    ASSERT_TRUE(static_cast<bool>(r)) << c.opName;
    auto module = b.build({*r});
    ASSERT_TRUE(static_cast<bool>(module))
        << c.opName << ": " << llvm::toString(module.takeError());
    std::string text;
    llvm::raw_string_ostream os(text);
    (*module)->print(os);
    EXPECT_TRUE(contains(text, std::string(c.opName) + " %arg0 : "
                                                       "tensor<4xf32>"));
  }
}

TEST_F(GraphBuilderTest, SameShapesNeedNoBroadcast) {
  GraphValue r = get(builder.add(param({3}), param({3})));
  EXPECT_FALSE(contains(finish({r}), "broadcast_in_dim"));
}

TEST_F(GraphBuilderTest, ScalarPlusMatrixBroadcastsTheScalar) {
  GraphValue m = param({2, 3});
  GraphValue r = get(builder.add(get(builder.constant(1.0f)), m));
  EXPECT_EQ(typeOf(r), "tensor<2x3xf32>");
  EXPECT_TRUE(
      contains(finish({r}), "dims = [] : (tensor<f32>) -> tensor<2x3xf32>"));
}

TEST_F(GraphBuilderTest, ColumnPlusRowBroadcastsBoth) {
  GraphValue r = get(builder.multiply(param({3, 1}), param({1, 4})));
  EXPECT_EQ(typeOf(r), "tensor<3x4xf32>");
  std::string text = finish({r});
  EXPECT_TRUE(contains(text, "hlo.broadcast_in_dim %arg0, dims = [0, 1] : "
                             "(tensor<3x1xf32>) -> tensor<3x4xf32>"));
  EXPECT_TRUE(contains(text, "hlo.broadcast_in_dim %arg1, dims = [0, 1] : "
                             "(tensor<1x4xf32>) -> tensor<3x4xf32>"));
}

TEST_F(GraphBuilderTest, RankMismatchAlignsOnTheRight) {
  GraphValue r = get(builder.subtract(param({2, 3, 4}), param({4})));
  EXPECT_EQ(typeOf(r), "tensor<2x3x4xf32>");
  EXPECT_TRUE(contains(finish({r}), "hlo.broadcast_in_dim %arg1, dims = [2] "
                                    ": (tensor<4xf32>) -> "
                                    "tensor<2x3x4xf32>"));
}

TEST_F(GraphBuilderTest, IncompatibleShapesNameTheDimension) {
  EXPECT_TRUE(contains(errorOf(builder.add(param({3, 4}), param({5}))),
                       "GraphBuilder::add: cannot broadcast tensor<3x4xf32> "
                       "with tensor<5xf32>: dimension 1 has size 4 vs 5"));
}

TEST_F(GraphBuilderTest, ElementTypeMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.add(param({2}), param({2}, i32()))),
                       "GraphBuilder::add: mismatched element types: "
                       "tensor<2xf32> vs tensor<2xi32>"));
  EXPECT_TRUE(contains(errorOf(builder.exp(param({2}, i32()))),
                       "GraphBuilder::exp: expected a float tensor (f16, bf16, "
                       "f32 or f64), got tensor<2xi32>"));
  EXPECT_TRUE(
      contains(errorOf(builder.subtract(param({2}, i1()), param({2}, i1()))),
               "GraphBuilder::subtract: expected a float or integer "
               "tensor (not i1)"));
}

TEST_F(GraphBuilderTest, IntegerOpsBuild) {
  GraphValue r = get(builder.remainder(param({2}, i32()), param({}, i32())));
  GraphValue n = get(builder.negate(r));
  EXPECT_EQ(typeOf(n), "tensor<2xi32>");
  EXPECT_TRUE(contains(finish({n}), "hlo.remainder"));
}

TEST_F(GraphBuilderTest, BitwiseOpsTakeIntegersAndBooleans) {
  GraphValue p = param({4}, i1());
  GraphValue a = param({2, 3}, i32());
  GraphValue both = get(builder.bitwiseAnd(p, get(builder.bitwiseNot(p))));
  GraphValue bits =
      get(builder.bitwiseXor(get(builder.bitwiseOr(a, param({3}, i32()))), a));
  EXPECT_EQ(typeOf(both), "tensor<4xi1>");
  EXPECT_EQ(typeOf(bits), "tensor<2x3xi32>");
  std::string text = finish({both, bits});
  for (const char *op : {"hlo.and", "hlo.or", "hlo.xor", "hlo.not"})
    EXPECT_TRUE(contains(text, op));
}

TEST_F(GraphBuilderTest, BitwiseOpsRejectFloats) {
  EXPECT_TRUE(contains(errorOf(builder.bitwiseAnd(param({2}), param({2}))),
                       "GraphBuilder::bitwiseAnd: expected an integer or i1 "
                       "tensor, got tensor<2xf32>"));
  EXPECT_TRUE(contains(errorOf(builder.bitwiseNot(param({2}))),
                       "GraphBuilder::bitwiseNot: expected an integer or i1"));
}

TEST_F(GraphBuilderTest, ShiftsAndBitCountsTakeI32AndI64) {
  GraphValue a = param({2, 3}, i32());
  GraphValue shifted = get(builder.shiftRightLogical(
      get(builder.shiftRightArithmetic(
          get(builder.shiftLeft(a, param({3}, i32()))), a)),
      a));
  GraphValue counts =
      get(builder.countLeadingZeros(get(builder.popcnt(param({4}, i64())))));
  EXPECT_EQ(typeOf(shifted), "tensor<2x3xi32>");
  EXPECT_EQ(typeOf(counts), "tensor<4xi64>");
  std::string text = finish({shifted, counts});
  for (const char *op :
       {"hlo.shift_left", "hlo.shift_right_arithmetic",
        "hlo.shift_right_logical", "hlo.popcnt", "hlo.count_leading_zeros"})
    EXPECT_TRUE(contains(text, op));
}

TEST_F(GraphBuilderTest, ShiftsAndBitCountsRejectBooleansAndFloats) {
  EXPECT_TRUE(
      contains(errorOf(builder.shiftLeft(param({2}, i1()), param({2}, i1()))),
               "GraphBuilder::shiftLeft: expected an integer tensor (not "
               "i1), got tensor<2xi1>"));
  EXPECT_TRUE(contains(errorOf(builder.popcnt(param({2}))),
                       "GraphBuilder::popcnt: expected an integer tensor (not i1)"));
}

TEST_F(GraphBuilderTest, CompareBroadcastsAndGivesI1) {
  GraphValue r = get(
      builder.compare(hlo::ComparisonDirection::GT, param({2, 3}), param({3})));
  GraphValue t =
      get(builder.compare(hlo::ComparisonDirection::LT, param({2}), param({2}),
                          hlo::ComparisonType::TOTALORDER));
  EXPECT_EQ(typeOf(r), "tensor<2x3xi1>");
  std::string text = finish({r, t});
  EXPECT_TRUE(contains(text, "hlo.compare GT, %arg0"));
  EXPECT_TRUE(contains(text, "TOTALORDER"));
}

TEST_F(GraphBuilderTest, CompareMisuse) {
  EXPECT_TRUE(contains(
      errorOf(builder.compare(hlo::ComparisonDirection::EQ, param({2}, i32()),
                              param({2}, i32()), hlo::ComparisonType::FLOAT)),
      "GraphBuilder::compare: comparison type FLOAT does "
      "not apply to tensor<2xi32>"));
  EXPECT_TRUE(contains(errorOf(builder.compare(hlo::ComparisonDirection::EQ,
                                               param({2}), param({3}))),
                       "GraphBuilder::compare: cannot broadcast"));
}

TEST_F(GraphBuilderTest, SelectBroadcastsAllThree) {
  GraphValue pred = param({2, 1}, i1());
  GraphValue r = get(builder.select(pred, param({3}), param({})));
  EXPECT_EQ(typeOf(r), "tensor<2x3xf32>");
  EXPECT_TRUE(contains(finish({r}), "hlo.select"));
}

TEST_F(GraphBuilderTest, SelectMisuse) {
  EXPECT_TRUE(
      contains(errorOf(builder.select(param({2}), param({2}), param({2}))),
               "GraphBuilder::select: the predicate must be an i1 "
               "tensor, got tensor<2xf32>"));
  EXPECT_TRUE(contains(
      errorOf(builder.select(param({2}, i1()), param({3}), param({2}))),
      "GraphBuilder::select: cannot broadcast "
      "tensor<2xi1> with tensor<3xf32>: dimension 0 has "
      "size 2 vs 3"));
}

TEST_F(GraphBuilderTest, ClampAndConvert) {
  GraphValue c = get(builder.clamp(get(builder.constant(0.0f)), param({4}),
                                   get(builder.constant(6.0f))));
  GraphValue i = get(builder.convert(c, i32()));
  EXPECT_EQ(typeOf(c), "tensor<4xf32>");
  EXPECT_EQ(typeOf(i), "tensor<4xi32>");
  std::string text = finish({i});
  EXPECT_TRUE(contains(text, "hlo.clamp"));
  EXPECT_TRUE(contains(text, "hlo.convert"));
  EXPECT_TRUE(
      contains(errorOf(GraphBuilder(context).convert(GraphValue(), f32())),
               "GraphBuilder::convert: operand 0 is a null"));
}

TEST_F(GraphBuilderTest, ConvertMisuse) {
  EXPECT_TRUE(contains(
      errorOf(builder.convert(param({2}), mlir::IntegerType::get(&context, 4))),
      "GraphBuilder::convert: unsupported element type i4"));
}

TEST_F(GraphBuilderTest, ConvertToEveryElementType) {
  mlir::Type i8 = mlir::IntegerType::get(&context, 8);
  mlir::Type ui64 =
      mlir::IntegerType::get(&context, 64, mlir::IntegerType::Unsigned);
  GraphValue narrow = get(builder.convert(param({2}), i8));
  GraphValue wide = get(builder.convert(narrow, ui64));
  EXPECT_EQ(typeOf(narrow), "tensor<2xi8>");
  EXPECT_EQ(typeOf(wide), "tensor<2xui64>");
  finish({wide});
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

TEST_F(GraphBuilderTest, Iota) {
  GraphValue r = get(builder.iota({2, 3}, 1, i32()));
  EXPECT_EQ(typeOf(r), "tensor<2x3xi32>");
  EXPECT_TRUE(contains(finish({r}), "hlo.iota dim = 1 : tensor<2x3xi32>"));
}

TEST_F(GraphBuilderTest, IotaMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.iota({2, 3}, 2)),
                       "GraphBuilder::iota: iota dimension 2 is out of range "
                       "for rank 2"));
}

TEST_F(GraphBuilderTest, BroadcastToAndInDim) {
  GraphValue x = param({3, 1});
  GraphValue a = get(builder.broadcastTo(x, {2, 3, 4}));
  GraphValue b = get(builder.broadcastInDim(param({3}), {3, 5}, {0}));
  GraphValue same = get(builder.broadcastTo(x, {3, 1}));
  EXPECT_EQ(typeOf(a), "tensor<2x3x4xf32>");
  EXPECT_EQ(typeOf(b), "tensor<3x5xf32>");
  EXPECT_EQ(same.value(), x.value());
  std::string text = finish({a, b});
  EXPECT_TRUE(contains(text, "dims = [1, 2] : (tensor<3x1xf32>) -> "
                             "tensor<2x3x4xf32>"));
  EXPECT_TRUE(
      contains(text, "dims = [0] : (tensor<3xf32>) -> tensor<3x5xf32>"));
}

TEST_F(GraphBuilderTest, BroadcastMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.broadcastTo(param({3, 2}), {3, 4})),
                       "GraphBuilder::broadcastTo: cannot broadcast shape "
                       "[3, 2] to [3, 4]: dimension 1 has size 2 vs 4"));
  EXPECT_TRUE(contains(errorOf(builder.broadcastTo(param({1, 2}), {2})),
                       "GraphBuilder::broadcastTo: cannot broadcast 2-d"));
  EXPECT_TRUE(
      contains(errorOf(builder.broadcastInDim(param({3}), {3, 5}, {0, 1})),
               "GraphBuilder::broadcastInDim: got 2 dimensions for "
               "an operand of rank 1"));
  EXPECT_TRUE(contains(errorOf(builder.broadcastInDim(param({3}), {3, 5}, {2})),
                       "dimension 2 is out of range for a result of rank 2"));
  EXPECT_TRUE(
      contains(errorOf(builder.broadcastInDim(param({3, 3}), {3, 3}, {1, 1})),
               "dimension 1 is repeated"));
  EXPECT_TRUE(contains(errorOf(builder.broadcastInDim(param({3}), {3, 5}, {1})),
                       "operand dimension 0 has size 3 but result dimension "
                       "1 has size 5"));
}

TEST_F(GraphBuilderTest, Reshape) {
  GraphValue x = param({2, 6});
  GraphValue r = get(builder.reshape(x, {3, -1}));
  EXPECT_EQ(typeOf(r), "tensor<3x4xf32>");
  EXPECT_EQ(get(builder.reshape(x, {2, 6})).value(), x.value());
  EXPECT_TRUE(contains(finish({r}), "hlo.reshape %arg0 : (tensor<2x6xf32>) "
                                    "-> tensor<3x4xf32>"));
}

TEST_F(GraphBuilderTest, ReshapeMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.reshape(param({2, 6}), {5, 2})),
                       "GraphBuilder::reshape: cannot reshape [2, 6] (12 "
                       "elements) to [5, 2] (10 elements)"));
  EXPECT_TRUE(contains(errorOf(builder.reshape(param({2, 6}), {-1, -1})),
                       "only one dimension may be -1"));
  EXPECT_TRUE(contains(errorOf(builder.reshape(param({2, 6}), {5, -1})),
                       "cannot infer the -1 dimension"));
}

TEST_F(GraphBuilderTest, Transpose) {
  GraphValue r = get(builder.transpose(param({2, 3, 4}), {2, 0, 1}));
  EXPECT_EQ(typeOf(r), "tensor<4x2x3xf32>");
  EXPECT_TRUE(contains(finish({r}), "hlo.transpose %arg0, dims = [2, 0, 1]"));
}

TEST_F(GraphBuilderTest, TransposeMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.transpose(param({2, 3}), {0, 0})),
                       "GraphBuilder::transpose: [0, 0] is not a "
                       "permutation of the dimensions of a tensor of rank "
                       "2"));
  EXPECT_TRUE(contains(errorOf(builder.transpose(param({2, 3}), {0})),
                       "is not a permutation"));
}

TEST_F(GraphBuilderTest, Slice) {
  GraphValue r = get(builder.slice(param({4, 10}), {1, 0}, {3, 10}, {1, 3}));
  EXPECT_EQ(typeOf(r), "tensor<2x4xf32>");
  EXPECT_TRUE(contains(finish({r}), "hlo.slice"));
}

TEST_F(GraphBuilderTest, SliceMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.slice(param({4}), {0}, {5})),
                       "GraphBuilder::slice: dimension 0 of size 4 cannot be "
                       "sliced from 0 to 5"));
  EXPECT_TRUE(contains(errorOf(builder.slice(param({4}), {0}, {4}, {0})),
                       "stride 0 of dimension 0 is not positive"));
  EXPECT_TRUE(contains(errorOf(builder.slice(param({4, 4}), {0}, {4})),
                       "expected 2 start, limit and stride values"));
}

TEST_F(GraphBuilderTest, Take) {
  // Axis 1 of [4, 10, 3] at [2, 5] indices: [4, 2, 5, 3].
  GraphValue r = get(builder.take(param({4, 10, 3}), param({2, 5}, i32()), 1));
  EXPECT_EQ(typeOf(r), "tensor<4x2x5x3xf32>");
  EXPECT_TRUE(contains(
      finish({r}),
      "#hlo.gather<offset_dims = [0, 3], collapsed_slice_dims = [1], "
      "start_index_map = [1], index_vector_dim = 2>, indices_are_sorted = "
      "false, slice_sizes = "
      "array<i64: 4, 1, 3>"));
}

TEST_F(GraphBuilderTest, TakeMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.take(param({4}), param({2}), 0)),
                       "GraphBuilder::take: indices must be i32 or i64"));
  EXPECT_TRUE(contains(errorOf(builder.take(param({4}), param({2}, i32()), 1)),
                       "dimension 1 is out of range for a tensor of rank 1"));
}

TEST_F(GraphBuilderTest, Scatter) {
  // Take's inverse: updates [4, 2, 5, 3] into axis 1 of [4, 10, 3] at
  // [2, 5] indices.
  GraphValue r =
      get(builder.scatter(param({4, 10, 3}), param({2, 5}, i32()),
                          param({4, 2, 5, 3}), 1, ReductionKind::Add));
  GraphValue set = get(builder.scatter(param({6}, i32()), param({}, i64()),
                                       param({}, i32()), 0, std::nullopt));
  EXPECT_EQ(typeOf(r), "tensor<4x10x3xf32>");
  EXPECT_EQ(typeOf(set), "tensor<6xi32>");
  std::string text = finish({r, set});
  EXPECT_TRUE(contains(text, "#hlo.scatter<update_window_dims = [0, 3], "
                             "inserted_window_dims = [1], "
                             "scatter_dims_to_operand_dims = [1], "
                             "index_vector_dim = 2>"));
  EXPECT_TRUE(contains(text, "hlo.add"));
}

TEST_F(GraphBuilderTest, SortAndTopK) {
  auto sorted = get(builder.sort({param({2, 5}), param({2, 5}, i32())}, 1));
  auto [values, indices] = get(builder.topK(param({2, 5}, i32()), 2));
  EXPECT_EQ(typeOf(sorted[1]), "tensor<2x5xi32>");
  EXPECT_EQ(typeOf(values), "tensor<2x2xi32>");
  EXPECT_EQ(typeOf(indices), "tensor<2x2xi32>");
  std::string text = finish({sorted[0], sorted[1], values, indices});
  EXPECT_TRUE(contains(text, "\"hlo.sort\""));
  EXPECT_TRUE(contains(text, "dimension = 1 : i64, is_stable = true"));
  EXPECT_TRUE(contains(text, "hlo.compare LT, %arg3, %arg4,  TOTALORDER"));
  EXPECT_TRUE(contains(text, "hlo.top_k(%arg2, k = 2"));
}

TEST_F(GraphBuilderTest, SortAndTopKMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.sort({}, 0)),
                       "GraphBuilder::sort: needs at least one value"));
  EXPECT_TRUE(contains(errorOf(builder.sort({param({2}), param({3})}, 0)),
                       "values must have one shape, got [2] and [3]"));
  EXPECT_TRUE(contains(errorOf(builder.sort({param({2})}, 1)),
                       "dimension 1 is out of range for a tensor of rank 1"));
  EXPECT_TRUE(contains(errorOf(builder.sort({param({})}, 0)),
                       "a scalar has no dimension to sort along"));
  EXPECT_TRUE(contains(errorOf(builder.topK(param({2, 3}), 4)),
                       "GraphBuilder::topK: k = 4 is out of range for a last "
                       "dimension of 3"));
  EXPECT_TRUE(contains(errorOf(builder.topK(param({}), 1)),
                       "a scalar has no last dimension"));
}

TEST_F(GraphBuilderTest, ScatterMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.scatter(param({4}), param({2}),
                                               param({2}), 0, std::nullopt)),
                       "GraphBuilder::scatter: indices must be i32 or i64"));
  EXPECT_TRUE(contains(errorOf(builder.scatter(param({4, 3}), param({2}, i32()),
                                               param({2, 4}), 0, std::nullopt)),
                       "updates must have shape [2, 3] (x's with dimension 0 "
                       "replaced by the indices' shape), got [2, 4]"));
  EXPECT_TRUE(contains(
      errorOf(builder.scatter(param({4}), param({2}, i32()), param({2}, i32()),
                              0, ReductionKind::Add)),
      "GraphBuilder::scatter"));
}

TEST_F(GraphBuilderTest, ReverseAndDynamicSlices) {
  GraphValue x = param({4, 6});
  GraphValue i = param({}, i32());
  GraphValue j = param({}, i32());
  GraphValue reversed = get(builder.reverse(x, {-1}));
  GraphValue slice = get(builder.dynamicSlice(reversed, {i, j}, {2, 3}));
  GraphValue updated =
      get(builder.dynamicUpdateSlice(x, param({1, 6}), {j, i}));
  EXPECT_EQ(typeOf(slice), "tensor<2x3xf32>");
  EXPECT_EQ(typeOf(updated), "tensor<4x6xf32>");
  std::string text = finish({slice, updated});
  EXPECT_TRUE(contains(text, "hlo.reverse %arg0, dims = [1]"));
  EXPECT_TRUE(contains(text, "sizes = [2, 3]"));
  EXPECT_TRUE(contains(text, "hlo.dynamic_update_slice"));
}

TEST_F(GraphBuilderTest, DynamicSliceMisuse) {
  GraphValue i = param({}, i32());
  EXPECT_TRUE(contains(errorOf(builder.dynamicSlice(param({4, 4}), {i}, {2})),
                       "GraphBuilder::dynamicSlice: expected 2 start indices "
                       "(one per dimension), got 1"));
  EXPECT_TRUE(contains(
      errorOf(builder.dynamicSlice(param({4}), {param({}, i64())}, {5})),
      "size 5 of dimension 0 is not within [0, 4]"));
  EXPECT_TRUE(
      contains(errorOf(builder.dynamicSlice(param({4}), {param({})}, {2})),
               "start indices must be 0-d i32 or i64 values"));
  EXPECT_TRUE(contains(
      errorOf(builder.dynamicUpdateSlice(param({4}), param({5}), {i})),
      "GraphBuilder::dynamicUpdateSlice: an update of shape [5] does not "
      "fit in a tensor of shape [4]"));
  EXPECT_TRUE(contains(errorOf(builder.reverse(param({4}), {1})),
                       "dimension 1 is out of range for a tensor of rank 1"));
}

TEST_F(GraphBuilderTest, Concatenate) {
  GraphValue r = get(builder.concatenate({param({2, 3}), param({2, 5})}, -1));
  EXPECT_EQ(typeOf(r), "tensor<2x8xf32>");
  EXPECT_TRUE(contains(finish({r}), "hlo.concatenate"));
}

TEST_F(GraphBuilderTest, ConcatenateMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.concatenate({}, 0)),
                       "GraphBuilder::concatenate: needs at least one"));
  EXPECT_TRUE(
      contains(errorOf(builder.concatenate({param({2, 3}), param({3, 3})}, 1)),
               "operand 1 of shape [3, 3] does not match operand 0 "
               "of shape [2, 3] outside dimension 1"));
  EXPECT_TRUE(contains(errorOf(builder.concatenate({param({2})}, 1)),
                       "dimension 1 is out of range for a tensor of rank 1"));
  EXPECT_TRUE(
      contains(errorOf(builder.concatenate({param({2}), param({2}, i32())}, 0)),
               "mismatched element types"));
}

TEST_F(GraphBuilderTest, Pad) {
  GraphValue r = get(builder.pad(param({2, 3}), get(builder.constant(0.0f)),
                                 {1, 0}, {0, 2}, {0, 1}));
  // dim 0: 1 + 2 + 0 = 3; dim 1: 0 + 3 + 2 + 2 * 1 = 7.
  EXPECT_EQ(typeOf(r), "tensor<3x7xf32>");
  EXPECT_TRUE(contains(finish({r}), "hlo.pad"));
}

TEST_F(GraphBuilderTest, PadMisuse) {
  GraphValue zero = get(builder.constant(0.0f));
  EXPECT_TRUE(contains(errorOf(builder.pad(param({2}), param({1}), {0}, {0})),
                       "GraphBuilder::pad: the padding value must be a "
                       "scalar"));
  EXPECT_TRUE(contains(errorOf(builder.pad(param({2}), zero, {0}, {0}, {-1})),
                       "interior padding -1 of dimension 0 is negative"));
  EXPECT_TRUE(contains(errorOf(builder.pad(param({2}), zero, {-2}, {-1})),
                       "dimension 0 would have negative size -1"));
  EXPECT_TRUE(contains(errorOf(builder.pad(param({2}), zero, {0, 0}, {0})),
                       "expected 1 low, high and interior values"));
}

} // namespace
