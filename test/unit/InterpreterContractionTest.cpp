//===- InterpreterContractionTest.cpp - dot_general and convolution -------===//
//
// Expected values are hand-derived or computed with NumPy (convolutions by
// an im2col/einsum formulation over explicitly dilated and padded arrays,
// independent of the interpreter's loops); small integers keep f32 exact.
//
//===----------------------------------------------------------------------===//

#include "test/unit/InterpreterTesting.h"

using namespace kiln;

namespace {

TEST_F(InterpreterTest, DotGeneralMatmul) {
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x2xf32>, %w: tensor<2x2xf32>) -> tensor<2x2xf32> {
      %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
      return %0 : tensor<2x2xf32>
    })mlir",
                {f32({2, 2}, {1, 2, 3, 4}), f32({2, 2}, {5, 6, 7, 8})}),
            f32({2, 2}, {19, 22, 43, 50}));
}

TEST_F(InterpreterTest, DotGeneralBatched) {
  // NumPy: einsum('bij,bjk->bik', arange(12).reshape(2,2,3) - 3,
  // arange(6).reshape(2,3,1)).
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x2x3xf32>, %w: tensor<2x3x1xf32>) -> tensor<2x2x1xf32> {
      %0 = hlo.dot_general %x, %w, batching_dims = [0] x [0], contracting_dims = [2] x [1] : (tensor<2x2x3xf32>, tensor<2x3x1xf32>) -> tensor<2x2x1xf32>
      return %0 : tensor<2x2x1xf32>
    })mlir",
                {f32({2, 2, 3}, {-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8}),
                 f32({2, 3, 1}, {0, 1, 2, 3, 4, 5})}),
            f32({2, 2, 1}, {-4, 5, 50, 86}));
}

TEST_F(InterpreterTest, DotGeneralFreeDimensionOrder) {
  // Contracting the leading dimensions: lhs^T rhs, result [lhs free, rhs
  // free]. NumPy: (arange(6).reshape(3,2) - 2).T @ (arange(12).reshape(3,4) %
  // 5).
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<3x2xi32>, %w: tensor<3x4xi32>) -> tensor<2x4xi32> {
      %0 = hlo.dot_general %x, %w, contracting_dims = [0] x [0] : (tensor<3x2xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
      return %0 : tensor<2x4xi32>
    })mlir",
                {i32({3, 2}, {-2, -1, 0, 1, 2, 3}),
                 i32({3, 4}, {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1})}),
            i32({2, 4}, {6, 6, -4, -4, 13, 11, -1, 2}));
}

TEST_F(InterpreterTest, DotGeneralIsSequential) {
  // 1e8 * 1 + 1 - 1e8 + 1 summed left to right in f32 is 1.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<1x4xf32>, %w: tensor<4x1xf32>) -> tensor<1x1xf32> {
      %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<1x4xf32>, tensor<4x1xf32>) -> tensor<1x1xf32>
      return %0 : tensor<1x1xf32>
    })mlir",
                {f32({1, 4}, {1e8f, 1, -1e8f, 1}), f32({4, 1}, {1, 1, 1, 1})}),
            f32({1, 1}, {1}));
}

TEST_F(InterpreterTest, ConvolutionSamePadding) {
  HostTensor x = f32({1, 4, 4, 2}, {-3, -2, -1, 0,  1,  2,  3,  -3, -2, -1, 0,
                                    1,  2,  3,  -3, -2, -1, 0,  1,  2,  3,  -3,
                                    -2, -1, 0,  1,  2,  3,  -3, -2, -1, 0});
  std::vector<float> kernel;
  for (int i = 0; i < 54; ++i)
    kernel.push_back(static_cast<float>(i % 5 - 2));
  HostTensor w = f32({3, 3, 2, 3}, kernel);
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<1x4x4x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<1x4x4x3xf32> {
      %0 = hlo.convolution(%x, %w) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x4x2xf32>, tensor<3x3x2x3xf32>) -> tensor<1x4x4x3xf32>
      return %0 : tensor<1x4x4x3xf32>
    })mlir",
                {x, w}),
            f32({1, 4, 4, 3},
                {-3, 4, -4, -6,  4,   -1, -13, -20, 18,  13,  -14, -16,
                 -5, 9, -7, 2,   4,   -4, 26,  -1,  22,  -23, 22,  2,
                 -7, 9, -5, -14, -23, 23, 24,  -21, -21, -1,  20,  -19,
                 -4, 4, -3, 18,  1,   14, -12, 17,  -4,  -12, -11, 10}));
}

TEST_F(InterpreterTest, ConvolutionStridesDilationsReversal) {
  HostTensor x =
      f32({1, 5, 3, 1}, {-1, 0, 1, 2, -1, 0, 1, 2, -1, 0, 1, 2, -1, 0, 1});
  HostTensor w = f32({2, 2, 1, 1}, {-1, 0, 1, 2});
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<1x5x3x1xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x6x2x1xf32> {
      %0 = hlo.convolution(%x, %w) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 1], pad = [[2, 1], [0, 1]], lhs_dilate = [2, 1], rhs_dilate = [1, 2], reverse = [true, false]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x5x3x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x6x2x1xf32>
      return %0 : tensor<1x6x2x1xf32>
    })mlir",
                {x, w}),
            f32({1, 6, 2, 1}, {0, 0, 1, 0, 2, -1, -1, 2, 4, 1, 1, 0}));
}

TEST_F(InterpreterTest, ConvolutionFeatureGroups) {
  std::vector<float> input, kernel;
  for (int i = 0; i < 36; ++i)
    input.push_back(static_cast<float>(i % 5 - 2));
  for (int i = 0; i < 32; ++i)
    kernel.push_back(static_cast<float>(i % 3 - 1));
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<1x3x3x4xf32>, %w: tensor<2x2x2x4xf32>) -> tensor<1x2x2x4xf32> {
      %0 = hlo.convolution(%x, %w) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[0, 0], [0, 0]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x3x3x4xf32>, tensor<2x2x2x4xf32>) -> tensor<1x2x2x4xf32>
      return %0 : tensor<1x2x2x4xf32>
    })mlir",
                {f32({1, 3, 3, 4}, input), f32({2, 2, 2, 4}, kernel)}),
            f32({1, 2, 2, 4},
                {8, -4, -4, -4, -1, -5, -4, 2, -4, 8, 6, -1, 2, 2, 6, -5}));
}

TEST_F(InterpreterTest, ConvolutionBatchGroups) {
  std::vector<float> input;
  for (int i = 0; i < 16; ++i)
    input.push_back(static_cast<float>(i % 5 - 2));
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x2x2x2xf32>, %w: tensor<1x1x2x4xf32>) -> tensor<1x2x2x4xf32> {
      %0 = hlo.convolution(%x, %w) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[0, 0], [0, 0]]} {batch_group_count = 2 : i64, feature_group_count = 1 : i64} : (tensor<2x2x2x2xf32>, tensor<1x1x2x4xf32>) -> tensor<1x2x2x4xf32>
      return %0 : tensor<1x2x2x4xf32>
    })mlir",
                {f32({2, 2, 2, 2}, input),
                 f32({1, 1, 2, 4}, {-1, 0, 1, -1, 0, 1, -1, 0})}),
            f32({1, 2, 2, 4},
                {2, -1, -1, -1, 0, 1, -1, 2, -2, -2, -1, 0, 1, 0, 4, -2}));
}

TEST_F(InterpreterTest, ConvolutionChannelsFirstLayout) {
  // NCW input, OIW kernel, NCW output: out[o][t] = sum_i sum_k
  // x[i][t + k] * w[o][i][k], by hand: x = [[1, 2, 3], [4, 5, 6]],
  // w[0] = [[1, 0], [0, 1]] gives x0[t] + x1[t+1] = [6, 8];
  // w[1] = [[1, 1], [1, 1]] gives [1+2+4+5, 2+3+5+6] = [12, 16].
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<1x2x3xi32>, %w: tensor<2x2x2xi32>) -> tensor<1x2x2xi32> {
      %0 = hlo.convolution(%x, %w) dim_numbers = [b, f, 0]x[o, i, 0]->[b, f, 0], window = {stride = [1], pad = [[0, 0]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x2x3xi32>, tensor<2x2x2xi32>) -> tensor<1x2x2xi32>
      return %0 : tensor<1x2x2xi32>
    })mlir",
                {i32({1, 2, 3}, {1, 2, 3, 4, 5, 6}),
                 i32({2, 2, 2}, {1, 0, 0, 1, 1, 1, 1, 1})}),
            i32({1, 2, 2}, {6, 8, 12, 16}));
}

} // namespace
