//===- GraphBuilderTest.cpp - Tests of the GraphBuilder API --------------===//
//
// Every method builds a module that verifies and prints the expected op with
// the expected result type; every misuse returns an error naming the method
// and the problem.
//
//===----------------------------------------------------------------------===//

#include "compiler/GraphBuilder.h"
#include "compiler/Interpreter.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace kiln;

namespace {

/// Succeeds when `text` contains `part`; prints both otherwise.
::testing::AssertionResult contains(const std::string &text,
                                    const std::string &part) {
  if (text.find(part) != std::string::npos)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << part << "\" not found in:\n"
                                       << text;
}

class GraphBuilderTest : public ::testing::Test {
protected:
  /// The value of `expected`, or a null GraphValue (which later calls
  /// reject) after recording a test failure.
  GraphValue get(llvm::Expected<GraphValue> expected) {
    if (!expected) {
      ADD_FAILURE() << "unexpected error: "
                    << llvm::toString(expected.takeError());
      return GraphValue();
    }
    return *expected;
  }

  /// The error message of `expected`, or "" after recording a failure when
  /// it succeeded.
  template <class T> std::string errorOf(llvm::Expected<T> expected) {
    if (expected) {
      ADD_FAILURE() << "expected an error";
      return "";
    }
    return llvm::toString(expected.takeError());
  }

  GraphValue param(llvm::ArrayRef<int64_t> shape, mlir::Type type = {}) {
    return get(builder.parameter(shape, type));
  }

  /// Builds the graph returning `results`, checks that it verifies and
  /// returns its printed form.
  std::string finish(llvm::ArrayRef<GraphValue> results) {
    auto module = builder.build(results);
    if (!module) {
      ADD_FAILURE() << "build failed: " << llvm::toString(module.takeError());
      return "";
    }
    std::string text;
    llvm::raw_string_ostream os(text);
    (*module)->print(os);
    return text;
  }

  /// The printed form of `value`'s type.
  static std::string typeOf(GraphValue value) {
    if (!value)
      return "<null>";
    std::string text;
    llvm::raw_string_ostream os(text);
    value.type().print(os);
    return text;
  }

  mlir::Type f32() { return mlir::Float32Type::get(&context); }
  mlir::Type i1() { return mlir::IntegerType::get(&context, 1); }
  mlir::Type i32() { return mlir::IntegerType::get(&context, 32); }
  mlir::Type i64() { return mlir::IntegerType::get(&context, 64); }

  mlir::MLIRContext context;
  GraphBuilder builder{context};
};

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

TEST_F(GraphBuilderTest, ParameterAndConstantMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.parameter({2, -1})),
                       "GraphBuilder::parameter: dimension 1 has size -1"));
  EXPECT_TRUE(contains(
      errorOf(builder.parameter({2}, mlir::Float16Type::get(&context))),
      "GraphBuilder::parameter: unsupported element type "
      "f16"));
  EXPECT_TRUE(contains(errorOf(builder.constantF32({2, 2}, {1, 2, 3})),
                       "GraphBuilder::constantF32: got 3 values for a shape "
                       "of 4 elements"));
  EXPECT_TRUE(contains(errorOf(builder.constant(1.0, mlir::Type())),
                       "GraphBuilder::constant: unsupported element type"));
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
                       "GraphBuilder::exp: expected an f32 tensor, got "
                       "tensor<2xi32>"));
  EXPECT_TRUE(
      contains(errorOf(builder.subtract(param({2}, i1()), param({2}, i1()))),
               "GraphBuilder::subtract: expected an f32, i32 or i64 "
               "tensor"));
}

TEST_F(GraphBuilderTest, IntegerOpsBuild) {
  GraphValue r = get(builder.remainder(param({2}, i32()), param({}, i32())));
  GraphValue n = get(builder.negate(r));
  EXPECT_EQ(typeOf(n), "tensor<2xi32>");
  EXPECT_TRUE(contains(finish({n}), "hlo.remainder"));
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
      errorOf(builder.convert(param({2}), mlir::IntegerType::get(&context, 8))),
      "GraphBuilder::convert: unsupported element type i8"));
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

//===----------------------------------------------------------------------===//
// Reductions, contractions, convolution, pooling
//===----------------------------------------------------------------------===//

TEST_F(GraphBuilderTest, Reductions) {
  GraphValue x = param({2, 3, 4});
  GraphValue s = get(builder.reduceSum(x, {0, -1}));
  GraphValue m = get(builder.reduceMax(x, {1}));
  GraphValue n = get(builder.reduceMin(param({5}, i32()), {0}));
  GraphValue p = get(builder.reduce(x, get(builder.constant(1.0f)), {2},
                                    ReductionKind::Multiply));
  EXPECT_EQ(typeOf(s), "tensor<3xf32>");
  EXPECT_EQ(typeOf(m), "tensor<2x4xf32>");
  EXPECT_EQ(typeOf(n), "tensor<i32>");
  EXPECT_EQ(typeOf(p), "tensor<2x3xf32>");
  std::string text = finish({s, m, n, p});
  EXPECT_TRUE(contains(text, "applies hlo.add across dimensions = [0, 2]"));
  EXPECT_TRUE(contains(text, "applies hlo.maximum across dimensions = [1]"));
  EXPECT_TRUE(contains(text, "applies hlo.minimum across dimensions = [0]"));
  EXPECT_TRUE(contains(text, "applies hlo.multiply across dimensions = [2]"));
  // The identities: -inf for f32 max, the largest i32 for i32 min.
  EXPECT_TRUE(contains(text, "0xFF800000"));
  EXPECT_TRUE(contains(text, "dense<2147483647> : tensor<i32>"));
}

TEST_F(GraphBuilderTest, ReduceMisuse) {
  GraphValue x = param({2, 3});
  EXPECT_TRUE(contains(errorOf(builder.reduceSum(x, {2})),
                       "GraphBuilder::reduceSum: dimension 2 is out of range "
                       "for a tensor of rank 2"));
  EXPECT_TRUE(contains(errorOf(builder.reduceMax(x, {1, -1})),
                       "GraphBuilder::reduceMax: dimension 1 is repeated"));
  EXPECT_TRUE(
      contains(errorOf(builder.reduce(x, param({1}), {0}, ReductionKind::Add)),
               "GraphBuilder::reduce: the initial value must be a "
               "scalar"));
  EXPECT_TRUE(contains(
      errorOf(builder.reduce(x, param({}, i32()), {0}, ReductionKind::Add)),
      "GraphBuilder::reduce: mismatched element types"));
}

TEST_F(GraphBuilderTest, DotGeneral) {
  GraphValue r = get(builder.dotGeneral(param({5, 2, 3}), param({5, 3, 4}), {0},
                                        {0}, {2}, {1}));
  EXPECT_EQ(typeOf(r), "tensor<5x2x4xf32>");
  EXPECT_TRUE(contains(finish({r}), "hlo.dot_general %arg0, %arg1, "
                                    "batching_dims = [0] x [0], "
                                    "contracting_dims = [2] x [1]"));
}

TEST_F(GraphBuilderTest, DotGeneralMisuse) {
  GraphValue a = param({2, 3}), b = param({4, 5});
  EXPECT_TRUE(contains(errorOf(builder.dotGeneral(a, b, {}, {}, {1}, {0})),
                       "GraphBuilder::dotGeneral: lhs dimension 1 of size 3 "
                       "is paired with rhs dimension 0 of size 4"));
  EXPECT_TRUE(contains(errorOf(builder.dotGeneral(a, b, {0}, {}, {1}, {0})),
                       "lhs has 1 batching dimensions but rhs has 0"));
  EXPECT_TRUE(contains(errorOf(builder.dotGeneral(a, b, {}, {}, {1}, {2})),
                       "dimension 2 is out of range for a tensor of rank 2"));
  EXPECT_TRUE(contains(errorOf(builder.dotGeneral(a, a, {0}, {0}, {0}, {1})),
                       "dimension 0 is repeated"));
}

TEST_F(GraphBuilderTest, MatmulFollowsNumPyRules) {
  struct Case {
    std::vector<int64_t> lhs, rhs;
    const char *result;
  };
  const Case cases[] = {
      {{2, 3}, {3, 4}, "tensor<2x4xf32>"},
      {{3}, {3}, "tensor<f32>"},
      {{3}, {3, 4}, "tensor<4xf32>"},
      {{2, 3}, {3}, "tensor<2xf32>"},
      {{7, 2, 3}, {3, 4}, "tensor<7x2x4xf32>"},
      {{2, 3}, {7, 3, 4}, "tensor<7x2x4xf32>"},
      {{3}, {7, 3, 4}, "tensor<7x4xf32>"},
      {{6, 1, 2, 3}, {5, 3, 4}, "tensor<6x5x2x4xf32>"},
  };
  for (const Case &c : cases) {
    mlir::MLIRContext ctx;
    GraphBuilder b(ctx);
    auto lhs = b.parameter(c.lhs);
    auto rhs = b.parameter(c.rhs);
    ASSERT_TRUE(lhs && rhs);
    auto r = b.matmul(*lhs, *rhs);
    ASSERT_TRUE(static_cast<bool>(r)) << llvm::toString(r.takeError());
    EXPECT_EQ(typeOf(*r), c.result);
    auto module = b.build({*r});
    ASSERT_TRUE(static_cast<bool>(module))
        << c.result << ": " << llvm::toString(module.takeError());
  }
}

TEST_F(GraphBuilderTest, MatmulWithWeightsDoesNotBroadcastThem) {
  GraphValue r = get(builder.matmul(param({7, 2, 3}), param({3, 4})));
  std::string text = finish({r});
  EXPECT_TRUE(contains(text, "hlo.dot_general"));
  EXPECT_FALSE(contains(text, "broadcast_in_dim"));
}

TEST_F(GraphBuilderTest, MatmulMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.matmul(param({2, 3}), param({4, 5}))),
                       "GraphBuilder::matmul: cannot multiply [2, 3] by "
                       "[4, 5]: lhs has 3 columns but rhs has 4 rows"));
  EXPECT_TRUE(
      contains(errorOf(builder.matmul(param({2, 2, 3}), param({3, 3, 4}))),
               "cannot broadcast the batch dimensions"));
  EXPECT_TRUE(contains(errorOf(builder.matmul(param({}), param({3}))),
                       "operands must have rank 1 or more"));
}

TEST_F(GraphBuilderTest, Convolution) {
  ConvolutionOptions options;
  options.strides = {2, 1};
  options.padding = {{1, 1}, {0, 0}};
  options.dilation = {1, 2};
  // Height: (8 + 2 - 3) / 2 + 1 = 4; width: (9 - 5) / 1 + 1 = 5.
  GraphValue r = get(
      builder.convolution(param({1, 8, 9, 4}), param({3, 3, 4, 6}), options));
  EXPECT_EQ(typeOf(r), "tensor<1x4x5x6xf32>");
  std::string text = finish({r});
  EXPECT_TRUE(contains(text, "hlo.convolution"));
  EXPECT_TRUE(contains(text, "[b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f]"));
}

TEST_F(GraphBuilderTest, GroupedConvolution) {
  ConvolutionOptions options;
  options.featureGroupCount = 2;
  GraphValue r = get(
      builder.convolution(param({1, 5, 5, 4}), param({3, 3, 2, 6}), options));
  EXPECT_EQ(typeOf(r), "tensor<1x3x3x6xf32>");
  EXPECT_TRUE(contains(finish({r}), "feature_group_count = 2"));
}

TEST_F(GraphBuilderTest, ConvolutionMisuse) {
  GraphValue input = param({1, 5, 5, 4});
  EXPECT_TRUE(contains(errorOf(builder.convolution(input, param({3, 3, 3, 6}))),
                       "GraphBuilder::convolution: the input has 4 features "
                       "but the kernel expects 3 x 1 groups"));
  EXPECT_TRUE(contains(errorOf(builder.convolution(input, param({3, 4, 6}))),
                       "same rank"));
  EXPECT_TRUE(contains(errorOf(builder.convolution(input, param({7, 3, 4, 6}))),
                       "the dilated kernel (7) is larger than the padded "
                       "input (5)"));
  ConvolutionOptions badStrides;
  badStrides.strides = {1};
  EXPECT_TRUE(contains(
      errorOf(builder.convolution(input, param({3, 3, 4, 6}), badStrides)),
      "one entry per spatial dimension (2)"));
  ConvolutionOptions badGroups;
  badGroups.featureGroupCount = 3;
  EXPECT_TRUE(contains(
      errorOf(builder.convolution(input, param({3, 3, 4, 6}), badGroups)),
      "feature group count 3 must be positive and divide"));
}

TEST_F(GraphBuilderTest, Pooling) {
  PoolOptions options;
  options.window = {2, 2};
  GraphValue x = param({1, 4, 6, 3});
  GraphValue m = get(builder.maxPool(x, options));
  options.strides = {1, 1};
  options.padding = {{1, 0}, {0, 1}};
  GraphValue a = get(builder.avgPool(x, options));
  EXPECT_EQ(typeOf(m), "tensor<1x2x3x3xf32>");
  EXPECT_EQ(typeOf(a), "tensor<1x4x6x3xf32>");
  std::string text = finish({m, a});
  EXPECT_TRUE(contains(text, "hlo.reduce_window"));
  EXPECT_TRUE(contains(text, "hlo.maximum"));
  EXPECT_TRUE(contains(text, "hlo.divide"));
  EXPECT_TRUE(contains(text, "4.000000e+00"));
}

TEST_F(GraphBuilderTest, PoolingMisuse) {
  PoolOptions options;
  options.window = {2};
  EXPECT_TRUE(contains(errorOf(builder.maxPool(param({1, 4, 4, 1}), options)),
                       "GraphBuilder::maxPool: window (required), strides "
                       "and padding need one entry per spatial dimension "
                       "(2)"));
  options.window = {5, 1};
  EXPECT_TRUE(contains(errorOf(builder.avgPool(param({1, 4, 4, 1}), options)),
                       "GraphBuilder::avgPool: spatial dimension 0: the "
                       "window (5) is larger than the padded input (4)"));
  options.window = {1, 1};
  EXPECT_TRUE(
      contains(errorOf(builder.avgPool(param({1, 4, 4, 1}, i32()), options)),
               "GraphBuilder::avgPool: expected an f32 tensor"));
  EXPECT_TRUE(contains(errorOf(builder.maxPool(param({4, 4}), options)),
                       "rank 3 or more"));
}

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

TEST_F(GraphBuilderTest, ReluSoftmaxLayerNorm) {
  GraphValue x = param({2, 5});
  GraphValue r = get(builder.relu(x));
  GraphValue s = get(builder.softmax(x, 1));
  GraphValue l = get(builder.layerNorm(x, -1, 1e-3f));
  EXPECT_EQ(typeOf(r), "tensor<2x5xf32>");
  EXPECT_EQ(typeOf(s), "tensor<2x5xf32>");
  EXPECT_EQ(typeOf(l), "tensor<2x5xf32>");
  std::string text = finish({r, s, l});
  EXPECT_TRUE(contains(text, "hlo.exponential"));
  EXPECT_TRUE(contains(text, "hlo.rsqrt"));
  EXPECT_TRUE(contains(text, "dims = [0] : (tensor<2xf32>) -> "
                             "tensor<2x5xf32>"));
}

TEST_F(GraphBuilderTest, LayerMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.softmax(param({2, 5}), 2)),
                       "GraphBuilder::softmax: dimension 2 is out of range"));
  EXPECT_TRUE(contains(errorOf(builder.layerNorm(param({2, 5}, i32()))),
                       "GraphBuilder::layerNorm: expected an f32 tensor"));
  EXPECT_TRUE(contains(errorOf(builder.layerNorm(param({2, 0}))),
                       "dimension 1 is empty"));
  EXPECT_TRUE(contains(errorOf(builder.relu(param({2}, i1()))),
                       "GraphBuilder::relu: expected an f32, i32 or i64"));
}

//===----------------------------------------------------------------------===//
// Numbers: built graphs run in the reference interpreter and are compared
// with values derived by hand.
//===----------------------------------------------------------------------===//

class GraphBuilderNumericTest : public GraphBuilderTest {
protected:
  /// Builds the graph returning `results` and interprets it on `inputs`.
  std::vector<HostTensor> run(llvm::ArrayRef<GraphValue> results,
                              const std::vector<HostTensor> &inputs) {
    auto module = builder.build(results);
    if (!module) {
      ADD_FAILURE() << "build failed: " << llvm::toString(module.takeError());
      return {};
    }
    auto function = (*module)->lookupSymbol<mlir::func::FuncOp>("main");
    auto outputs = interpret(function, inputs);
    if (!outputs) {
      ADD_FAILURE() << "interpret failed: "
                    << llvm::toString(outputs.takeError());
      return {};
    }
    return std::move(*outputs);
  }

  /// Expects `tensor` to be an f32 tensor of `shape` within 1e-5 of `values`.
  static void expectNear(const HostTensor &tensor,
                         const std::vector<int64_t> &shape,
                         const std::vector<float> &values) {
    ASSERT_EQ(tensor.elementType(), ElementType::F32);
    ASSERT_EQ(tensor.shape(), shape);
    ASSERT_EQ(tensor.numElements(), static_cast<int64_t>(values.size()));
    for (size_t i = 0; i < values.size(); ++i)
      EXPECT_NEAR(tensor.dataAs<float>()[i], values[i], 1e-5) << "at " << i;
  }
};

TEST_F(GraphBuilderNumericTest, BroadcastingAdd) {
  GraphValue column = param({3, 1});
  GraphValue row = param({1, 4});
  GraphValue sum = get(builder.add(column, row));
  auto outputs = run({sum}, {HostTensor::fromF32({3, 1}, {1, 2, 3}),
                             HostTensor::fromF32({1, 4}, {10, 20, 30, 40})});
  ASSERT_EQ(outputs.size(), 1u);
  expectNear(outputs[0], {3, 4},
             {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43});
}

TEST_F(GraphBuilderNumericTest, Softmax) {
  GraphValue x = param({2, 3});
  GraphValue y = get(builder.softmax(x, -1));
  auto outputs = run({y}, {HostTensor::fromF32({2, 3}, {1, 2, 3, 0, 0, 0})});
  ASSERT_EQ(outputs.size(), 1u);
  // Row 0: e^(x - 3) / (e^-2 + e^-1 + 1); row 1: uniform.
  double sum = std::exp(-2.0) + std::exp(-1.0) + 1.0;
  expectNear(outputs[0], {2, 3},
             {float(std::exp(-2.0) / sum), float(std::exp(-1.0) / sum),
              float(1.0 / sum), 1.0f / 3, 1.0f / 3, 1.0f / 3});
}

TEST_F(GraphBuilderNumericTest, LayerNorm) {
  GraphValue x = param({2, 4});
  GraphValue y = get(builder.layerNorm(x, 1, /*epsilon=*/1.0f));
  auto outputs =
      run({y}, {HostTensor::fromF32({2, 4}, {1, 2, 3, 4, 2, 2, 2, 2})});
  ASSERT_EQ(outputs.size(), 1u);
  // Row 0: mean 2.5, variance 1.25, sqrt(1.25 + 1) = 1.5.
  // Row 1: constant, so every element is centred to 0.
  expectNear(outputs[0], {2, 4}, {-1, -1.0f / 3, 1.0f / 3, 1, 0, 0, 0, 0});
}

TEST_F(GraphBuilderNumericTest, Matmul) {
  GraphValue a = param({2, 2});
  GraphValue b = param({2, 2});
  GraphValue v = param({2});
  GraphValue stack = param({2, 2, 2});
  GraphValue product = get(builder.matmul(a, b));
  GraphValue vectorTimesStack = get(builder.matmul(v, stack));
  auto outputs =
      run({product, vectorTimesStack},
          {HostTensor::fromF32({2, 2}, {1, 2, 3, 4}),
           HostTensor::fromF32({2, 2}, {5, 6, 7, 8}),
           HostTensor::fromF32({2}, {1, 1}),
           HostTensor::fromF32({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8})});
  ASSERT_EQ(outputs.size(), 2u);
  // [[1*5+2*7, 1*6+2*8], [3*5+4*7, 3*6+4*8]].
  expectNear(outputs[0], {2, 2}, {19, 22, 43, 50});
  // Column sums of each matrix of the stack.
  expectNear(outputs[1], {2, 2}, {4, 6, 12, 14});
}

TEST_F(GraphBuilderNumericTest, Pooling) {
  GraphValue x = param({1, 2, 2, 1});
  PoolOptions options;
  options.window = {2, 2};
  GraphValue max = get(builder.maxPool(x, options));
  GraphValue avg = get(builder.avgPool(x, options));
  auto outputs =
      run({max, avg}, {HostTensor::fromF32({1, 2, 2, 1}, {1, 2, 3, 4})});
  ASSERT_EQ(outputs.size(), 2u);
  expectNear(outputs[0], {1, 1, 1, 1}, {4});
  expectNear(outputs[1], {1, 1, 1, 1}, {2.5f});
}

TEST_F(GraphBuilderNumericTest, Convolution) {
  GraphValue input = param({1, 3, 3, 1});
  GraphValue ones = get(builder.constant(1.0, f32(), {2, 2, 1, 1}));
  GraphValue y = get(builder.convolution(input, ones));
  auto outputs = run(
      {y}, {HostTensor::fromF32({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9})});
  ASSERT_EQ(outputs.size(), 1u);
  // Each output is the sum of a 2x2 window: 1+2+4+5, 2+3+5+6, ...
  expectNear(outputs[0], {1, 2, 2, 1}, {12, 16, 24, 28});
}

} // namespace
