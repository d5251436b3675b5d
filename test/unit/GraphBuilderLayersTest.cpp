//===- GraphBuilderLayersTest.cpp - GraphBuilder reductions and layers -===//
//
// Reductions, contractions, convolution, pooling and layers build the
// expected ops and reject misuse; built graphs run in the reference
// interpreter and match values derived by hand.
//
//===----------------------------------------------------------------------===//

#include "GraphBuilderTesting.h"

#include "compiler/reference/Interpreter.h"

#include <cmath>
#include <limits>

using namespace kiln;
using namespace kiln::testing;

namespace {

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

TEST_F(GraphBuilderTest, ChannelsFirstConvolution) {
  ConvolutionOptions options;
  options.layout = ConvolutionLayout::ChannelsFirst;
  options.strides = {2, 1};
  options.padding = {{1, 1}, {0, 0}};
  // NCHW 1x4x8x9 with OIHW 6x4x3x3: (8 + 2 - 3) / 2 + 1 = 4, 9 - 3 + 1 = 7.
  GraphValue r = get(
      builder.convolution(param({1, 4, 8, 9}), param({6, 4, 3, 3}), options));
  EXPECT_EQ(typeOf(r), "tensor<1x6x4x7xf32>");
  std::string text = finish({r});
  EXPECT_TRUE(contains(text, "[b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1]"));
}

TEST_F(GraphBuilderTest, ChannelsFirstConvolutionMisuse) {
  ConvolutionOptions options;
  options.layout = ConvolutionLayout::ChannelsFirst;
  EXPECT_TRUE(contains(
      errorOf(builder.convolution(param({1, 4, 8}), param({6, 3, 3}), options)),
      "GraphBuilder::convolution: the input has 4 features but the kernel "
      "expects 3 x 1 groups"));
  EXPECT_TRUE(contains(
      errorOf(builder.convolution(param({1, 4}), param({6, 4}), options)),
      "expected an N,C,spatial... input and an O,I,spatial... kernel"));
}

TEST_F(GraphBuilderTest, ReduceWindow) {
  WindowOptions options;
  options.window = {1, 3, 2};
  options.strides = {1, 2, 1};
  options.dilation = {1, 1, 2};
  options.padding = {{0, 0}, {1, 1}, {0, 0}};
  // (5 + 2 - 3) / 2 + 1 = 3; a dilated window of 2 spans 3: 6 - 3 + 1 = 4.
  GraphValue r = get(
      builder.reduceWindow(param({2, 5, 6}), ReductionKind::Maximum, options));
  EXPECT_EQ(typeOf(r), "tensor<2x3x4xf32>");
  std::string text = finish({r});
  EXPECT_TRUE(contains(text, "hlo.reduce_window"));
  EXPECT_TRUE(contains(text, "window_dilations = array<i64: 1, 1, 2>"));
}

TEST_F(GraphBuilderTest, ReduceWindowMisuse) {
  WindowOptions options;
  options.window = {2};
  EXPECT_TRUE(contains(
      errorOf(builder.reduceWindow(param({4, 4}), ReductionKind::Add, options)),
      "GraphBuilder::reduceWindow: window (required), strides, dilation and "
      "padding need one entry per dimension (2)"));
  options.window = {1, 3};
  options.dilation = {1, 2};
  EXPECT_TRUE(contains(
      errorOf(builder.reduceWindow(param({4, 4}), ReductionKind::Add, options)),
      "dimension 1: the window (5) is larger than the padded input (4)"));
}

TEST_F(GraphBuilderTest, LocationsAndConstantsFromAttributes) {
  mlir::MLIRContext &context = builder.getContext();
  auto loc = mlir::NameLoc::get(mlir::StringAttr::get(&context, "node 'a'"));
  builder.setLocation(loc);
  EXPECT_EQ(builder.getLocation(), mlir::Location(loc));
  auto type = mlir::RankedTensorType::get({2}, f32());
  GraphValue c = get(builder.constant(
      mlir::DenseElementsAttr::get(type, llvm::ArrayRef<float>{1.5f, 2.5f})));
  EXPECT_EQ(c.value().getLoc(), mlir::Location(loc));
  EXPECT_EQ(typeOf(c), "tensor<2xf32>");
  // Any element type Kiln computes with; others are refused.
  auto f64Type =
      mlir::RankedTensorType::get({1}, mlir::Float64Type::get(&context));
  GraphValue d = get(builder.constant(
      mlir::DenseElementsAttr::get(f64Type, llvm::ArrayRef<double>{1.0})));
  EXPECT_EQ(typeOf(d), "tensor<1xf64>");
  auto i4Type =
      mlir::RankedTensorType::get({1}, mlir::IntegerType::get(&context, 4));
  EXPECT_TRUE(
      contains(errorOf(builder.constant(mlir::DenseElementsAttr::get(
                   i4Type, llvm::ArrayRef<llvm::APInt>{llvm::APInt(4, 3)}))),
               "GraphBuilder::constant: unsupported element type i4"));
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
                       "GraphBuilder::avgPool: dimension 1: the "
                       "window (5) is larger than the padded input (4)"));
  options.window = {1, 1};
  EXPECT_TRUE(
      contains(errorOf(builder.avgPool(param({1, 4, 4, 1}, i32()), options)),
               "GraphBuilder::avgPool: expected a float tensor"));
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
                       "GraphBuilder::layerNorm: expected a float tensor"));
  EXPECT_TRUE(contains(errorOf(builder.layerNorm(param({2, 0}))),
                       "dimension 1 is empty"));
  EXPECT_TRUE(contains(errorOf(builder.relu(param({2}, i1()))),
                       "GraphBuilder::relu: expected a float or integer tensor"));
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

TEST_F(GraphBuilderNumericTest, TakeAlongAxis) {
  // x[indices[i][j]][j] along axis 0, indices narrower than x in dimension
  // 1 (x's third column is never read); 5 clamps to 2.
  GraphValue x = param({3, 3});
  GraphValue indices = param({2, 2}, i32());
  GraphValue taken = get(builder.takeAlongAxis(x, indices, 0));
  EXPECT_EQ(typeOf(taken), "tensor<2x2xf32>");
  auto outputs =
      run({taken}, {HostTensor::fromF32({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                    HostTensor::fromI64(ElementType::I32, {2, 2}, {2, 0, 1, 5})});
  ASSERT_EQ(outputs.size(), 1u);
  expectNear(outputs[0], {2, 2}, {7, 2, 4, 8});
}

TEST_F(GraphBuilderTest, TakeAlongAxisMisuse) {
  EXPECT_TRUE(contains(errorOf(builder.takeAlongAxis(param({3, 3}),
                                                     param({3}, i32()), 0)),
                       "GraphBuilder::takeAlongAxis: indices must have x's "
                       "rank 2, got shape [3]"));
  EXPECT_TRUE(contains(errorOf(builder.takeAlongAxis(param({3, 3}),
                                                     param({2, 4}, i32()), 0)),
                       "GraphBuilder::takeAlongAxis: indices of shape [2, 4] "
                       "reach past x of shape [3, 3] in dimension 1"));
  EXPECT_TRUE(contains(
      errorOf(builder.takeAlongAxis(param({3, 3}), param({3, 3}), 1)),
      "GraphBuilder::takeAlongAxis: indices must be i32 or i64"));
}

TEST_F(GraphBuilderNumericTest, ScatterNDSetsAndAddsRows) {
  // Rows 2 and 0 of a [3, 2] x: set, then added; position 5 is skipped.
  GraphValue x = param({3, 2});
  GraphValue indices = param({3, 1}, i64());
  GraphValue updates = param({3, 2});
  GraphValue set = get(builder.scatterND(x, indices, updates, std::nullopt));
  GraphValue added =
      get(builder.scatterND(x, indices, updates, ReductionKind::Add));
  auto outputs = run(
      {set, added},
      {HostTensor::fromF32({3, 2}, {1, 2, 3, 4, 5, 6}),
       HostTensor::fromI64(ElementType::I64, {3, 1}, {2, 0, 5}),
       HostTensor::fromF32({3, 2}, {10, 20, 30, 40, 50, 60})});
  ASSERT_EQ(outputs.size(), 2u);
  expectNear(outputs[0], {3, 2}, {30, 40, 3, 4, 10, 20});
  expectNear(outputs[1], {3, 2}, {31, 42, 3, 4, 15, 26});
}

TEST_F(GraphBuilderTest, ScatterNDMisuse) {
  EXPECT_TRUE(contains(
      errorOf(builder.scatterND(param({3, 2}), param({2, 3}, i64()),
                                param({2}), std::nullopt)),
      "GraphBuilder::scatterND: indices hold 3 positions, more than x's "
      "rank 2"));
  EXPECT_TRUE(contains(
      errorOf(builder.scatterND(param({3, 2}), param({2, 1}, i64()),
                                param({2, 3}), std::nullopt)),
      "GraphBuilder::scatterND: updates must have shape [2, 2]"));
}

TEST_F(GraphBuilderNumericTest, TakeClampsIndices) {
  // Rows 2, 0, 0 (the last clamped from -1) and 2 (clamped from 7) of a
  // [3, 2] table.
  GraphValue rows = get(builder.take(param({3, 2}), param({2, 2}, i64()), 0));
  auto outputs = run(
      {rows}, {HostTensor::fromF32({3, 2}, {1, 2, 3, 4, 5, 6}),
               HostTensor::fromI64(ElementType::I64, {2, 2}, {2, 0, -1, 7})});
  ASSERT_EQ(outputs.size(), 1u);
  expectNear(outputs[0], {2, 2, 2}, {5, 6, 1, 2, 1, 2, 5, 6});
}

TEST_F(GraphBuilderNumericTest, ScatterAddsInOrderAndSkipsOutside) {
  // Rows 2, 0, 2 of a [3, 2] table get their updates added; -1 and 3 lie
  // outside and are skipped.
  GraphValue table = get(builder.scatter(param({3, 2}), param({5}, i64()),
                                         param({5, 2}), 0, ReductionKind::Add));
  auto outputs = run(
      {table},
      {HostTensor::fromF32({3, 2}, {1, 2, 3, 4, 5, 6}),
       HostTensor::fromI64(ElementType::I64, {5}, {2, 0, 2, -1, 3}),
       HostTensor::fromF32({5, 2}, {10, 20, 30, 40, 50, 60, 70, 80, 90, 100})});
  ASSERT_EQ(outputs.size(), 1u);
  expectNear(outputs[0], {3, 2}, {31, 42, 3, 4, 65, 86});
}

TEST_F(GraphBuilderNumericTest, SortCarriesValuesStably) {
  // Keys [3, 1, 3, 2] sort to [1, 2, 3, 3]; the two 3s keep their order,
  // so their values 10 and 30 too. Descending: [3, 3, 2, 1].
  GraphValue keys = param({4});
  GraphValue values = param({4}, i32());
  auto ascending = get(builder.sort({keys, values}, 0));
  auto descending = get(builder.sort({keys, values}, -1, /*descending=*/true));
  auto outputs =
      run({ascending[0], ascending[1], descending[0], descending[1]},
          {HostTensor::fromF32({4}, {3, 1, 3, 2}),
           HostTensor::fromI64(ElementType::I32, {4}, {10, 20, 30, 40})});
  ASSERT_EQ(outputs.size(), 4u);
  expectNear(outputs[0], {4}, {1, 2, 3, 3});
  expectNear(outputs[2], {4}, {3, 3, 2, 1});
  std::vector<int64_t> ascendingValues, descendingValues;
  for (int64_t i = 0; i < 4; ++i) {
    ascendingValues.push_back(outputs[1].getAsInt(i));
    descendingValues.push_back(outputs[3].getAsInt(i));
  }
  EXPECT_EQ(ascendingValues, (std::vector<int64_t>{20, 40, 10, 30}));
  EXPECT_EQ(descendingValues, (std::vector<int64_t>{10, 30, 40, 20}));
}

TEST_F(GraphBuilderNumericTest, TopK) {
  // Row [0.5, NaN, 2, 2]: NaN is largest in total order; the 2s keep their
  // order.
  auto [values, indices] = get(builder.topK(param({1, 4}), 3));
  auto outputs =
      run({values, indices}, {HostTensor::fromF32({1, 4}, {0.5f, NAN, 2, 2})});
  ASSERT_EQ(outputs.size(), 2u);
  ASSERT_EQ(outputs[0].shape(), (std::vector<int64_t>{1, 3}));
  EXPECT_TRUE(std::isnan(outputs[0].dataAs<float>()[0]));
  EXPECT_EQ(outputs[0].dataAs<float>()[1], 2);
  EXPECT_EQ(outputs[0].dataAs<float>()[2], 2);
  ASSERT_EQ(outputs[1].elementType(), ElementType::I32);
  EXPECT_EQ(outputs[1].getAsInt(0), 1);
  EXPECT_EQ(outputs[1].getAsInt(1), 2);
  EXPECT_EQ(outputs[1].getAsInt(2), 3);
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

TEST_F(GraphBuilderNumericTest, ChannelsFirstConvolution) {
  ConvolutionOptions options;
  options.layout = ConvolutionLayout::ChannelsFirst;
  // Two output features: the window sum, and the top-left tap alone.
  GraphValue input = param({1, 1, 3, 3});
  GraphValue kernel =
      get(builder.constantF32({2, 1, 2, 2}, {1, 1, 1, 1, 1, 0, 0, 0}));
  GraphValue y = get(builder.convolution(input, kernel, options));
  auto outputs = run(
      {y}, {HostTensor::fromF32({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9})});
  ASSERT_EQ(outputs.size(), 1u);
  expectNear(outputs[0], {1, 2, 2, 2}, {12, 16, 24, 28, 1, 2, 4, 5});
}

TEST_F(GraphBuilderNumericTest, ReduceWindowWithPaddingAndDilation) {
  WindowOptions options;
  options.window = {2};
  options.dilation = {2};
  options.padding = {{1, 0}};
  // Padded [0, 1, 2, 3, 4]; windows {p0, p2}, {p1, p3}, {p2, p4}.
  GraphValue y =
      get(builder.reduceWindow(param({4}), ReductionKind::Add, options));
  auto outputs = run({y}, {HostTensor::fromF32({4}, {1, 2, 3, 4})});
  ASSERT_EQ(outputs.size(), 1u);
  expectNear(outputs[0], {3}, {2, 4, 6});
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

TEST_F(GraphBuilderNumericTest, WhileLoopRunsUntilCondFails) {
  // Doubles x until its first element reaches n: 1.5 -> 3 -> 6 -> 12 for
  // n = 10, three trips counted in the carried i32.
  GraphValue x = param({2});
  GraphValue n = param({});
  GraphValue zero = get(builder.constant(0, i32(), {}));
  auto results = get(builder.whileLoop(
      {zero, x},
      [&](llvm::ArrayRef<GraphValue> carried)
          -> llvm::Expected<llvm::SmallVector<GraphValue>> {
        auto first = builder.slice(carried[1], {0}, {1});
        if (!first)
          return first.takeError();
        auto scalar = builder.reshape(*first, {});
        if (!scalar)
          return scalar.takeError();
        auto below = builder.compare(hlo::ComparisonDirection::LT, *scalar, n);
        if (!below)
          return below.takeError();
        return llvm::SmallVector<GraphValue>{*below};
      },
      [&](llvm::ArrayRef<GraphValue> carried)
          -> llvm::Expected<llvm::SmallVector<GraphValue>> {
        auto one = builder.constant(1, i32(), {});
        if (!one)
          return one.takeError();
        auto count = builder.add(carried[0], *one);
        auto twice = builder.add(carried[1], carried[1]);
        if (!count || !twice)
          return llvm::joinErrors(count.takeError(), twice.takeError());
        return llvm::SmallVector<GraphValue>{*count, *twice};
      }));
  ASSERT_EQ(results.size(), 2u);
  auto outputs = run(results, {HostTensor::fromF32({2}, {1.5, -1}),
                               HostTensor::fromF32({}, {10})});
  ASSERT_EQ(outputs.size(), 2u);
  EXPECT_EQ(outputs[0].getAsInt(0), 3);
  expectNear(outputs[1], {2}, {12, -8});
}

TEST_F(GraphBuilderNumericTest, IfAndCaseRunOneBranch) {
  GraphValue x = param({2});
  GraphValue pred = param({}, i1());
  GraphValue index = param({}, i32());
  auto negated = [&](llvm::ArrayRef<GraphValue>)
      -> llvm::Expected<llvm::SmallVector<GraphValue>> {
    auto value = builder.negate(x);
    if (!value)
      return value.takeError();
    return llvm::SmallVector<GraphValue>{*value};
  };
  auto same = [&](llvm::ArrayRef<GraphValue>)
      -> llvm::Expected<llvm::SmallVector<GraphValue>> {
    return llvm::SmallVector<GraphValue>{x};
  };
  auto doubled = [&](llvm::ArrayRef<GraphValue>)
      -> llvm::Expected<llvm::SmallVector<GraphValue>> {
    auto value = builder.add(x, x);
    if (!value)
      return value.takeError();
    return llvm::SmallVector<GraphValue>{*value};
  };
  auto chosen = get(builder.ifThenElse(pred, negated, same));
  auto cased = get(builder.caseOf(index, {same, doubled, negated}));
  ASSERT_EQ(chosen.size(), 1u);
  ASSERT_EQ(cased.size(), 1u);
  auto outputs =
      run({chosen[0], cased[0]},
          {HostTensor::fromF32({2}, {1, -2}),
           HostTensor::fromI64(ElementType::I1, {}, {1}),
           HostTensor::fromI64(ElementType::I32, {}, {7})});
  ASSERT_EQ(outputs.size(), 2u);
  expectNear(outputs[0], {2}, {-1, 2});
  // Index 7 is past the last branch, which runs.
  expectNear(outputs[1], {2}, {-1, 2});
}

TEST_F(GraphBuilderTest, ControlFlowMisuse) {
  GraphValue x = param({2});
  GraphValue pred = param({}, i1());
  auto returnX = [&](llvm::ArrayRef<GraphValue>)
      -> llvm::Expected<llvm::SmallVector<GraphValue>> {
    return llvm::SmallVector<GraphValue>{x};
  };
  auto returnNothing = [&](llvm::ArrayRef<GraphValue>)
      -> llvm::Expected<llvm::SmallVector<GraphValue>> {
    return llvm::SmallVector<GraphValue>{};
  };
  auto returnPred = [&](llvm::ArrayRef<GraphValue>)
      -> llvm::Expected<llvm::SmallVector<GraphValue>> {
    return llvm::SmallVector<GraphValue>{pred};
  };
  auto failing = [&](llvm::ArrayRef<GraphValue>)
      -> llvm::Expected<llvm::SmallVector<GraphValue>> {
    return builder.abs(pred).takeError();
  };
  EXPECT_TRUE(contains(errorOf(builder.whileLoop({x}, returnX, returnX)),
                       "GraphBuilder::whileLoop: cond must return one scalar "
                       "i1, got (tensor<2xf32>)"));
  EXPECT_TRUE(
      contains(errorOf(builder.whileLoop({x}, returnPred, returnNothing)),
               "GraphBuilder::whileLoop: body must return the carried "
               "values' types (tensor<2xf32>), got ()"));
  EXPECT_TRUE(contains(errorOf(builder.whileLoop({x}, returnPred, failing)),
                       "GraphBuilder::abs"));
  EXPECT_TRUE(contains(errorOf(builder.ifThenElse(x, returnX, returnX)),
                       "GraphBuilder::ifThenElse: pred must be a scalar i1, "
                       "got (tensor<2xf32>)"));
  EXPECT_TRUE(
      contains(errorOf(builder.ifThenElse(pred, returnX, returnPred)),
               "GraphBuilder::ifThenElse: branch 1 returns (tensor<i1>) but "
               "branch 0 (tensor<2xf32>)"));
  EXPECT_TRUE(contains(errorOf(builder.caseOf(pred, {returnX})),
                       "GraphBuilder::caseOf: index must be a scalar i32"));
  EXPECT_TRUE(contains(errorOf(builder.caseOf(param({}, i32()), {})),
                       "GraphBuilder::caseOf: needs at least one branch"));
  // The failed calls left nothing behind: the graph still verifies.
  std::string text = finish({x});
  EXPECT_EQ(text.find("hlo.while"), std::string::npos);
  EXPECT_EQ(text.find("hlo.if"), std::string::npos);
  EXPECT_EQ(text.find("hlo.case"), std::string::npos);
}

} // namespace
