//===- InterpreterShapeTest.cpp - Constants and shape ops in the interpreter
//===//
//
// Expected values are hand-derived (the transpose's by NumPy).
//
//===----------------------------------------------------------------------===//

#include "test/unit/InterpreterTesting.h"

using namespace kiln;

namespace {

std::vector<float> arange(int n) {
  std::vector<float> values;
  for (int i = 0; i < n; ++i)
    values.push_back(static_cast<float>(i));
  return values;
}

TEST_F(InterpreterTest, Constants) {
  std::vector<HostTensor> results = runAll(R"mlir(
    func.func @main() -> (tensor<2x2xf32>, tensor<3xi64>, tensor<2xi1>, tensor<i32>) {
      %0 = hlo.constant dense<[[1.5, -2.0], [0.0, 4.0]]> : tensor<2x2xf32>
      %1 = hlo.constant dense<-7> : tensor<3xi64>
      %2 = hlo.constant dense<[true, false]> : tensor<2xi1>
      %3 = hlo.constant dense<2147483647> : tensor<i32>
      return %0, %1, %2, %3 : tensor<2x2xf32>, tensor<3xi64>, tensor<2xi1>, tensor<i32>
    })mlir",
                                           {});
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0], f32({2, 2}, {1.5f, -2.0f, 0.0f, 4.0f}));
  EXPECT_EQ(results[1], i64({3}, {-7, -7, -7}));
  EXPECT_EQ(results[2], i1({2}, {1, 0}));
  EXPECT_EQ(results[3], i32({}, {2147483647}));
}

TEST_F(InterpreterTest, Iota) {
  std::vector<HostTensor> results = runAll(R"mlir(
    func.func @main() -> (tensor<2x3xi32>, tensor<3x2xf32>) {
      %0 = hlo.iota dim = 1 : tensor<2x3xi32>
      %1 = hlo.iota dim = 0 : tensor<3x2xf32>
      return %0, %1 : tensor<2x3xi32>, tensor<3x2xf32>
    })mlir",
                                           {});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0], i32({2, 3}, {0, 1, 2, 0, 1, 2}));
  EXPECT_EQ(results[1], f32({3, 2}, {0, 0, 1, 1, 2, 2}));
}

TEST_F(InterpreterTest, BroadcastInDim) {
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<3xf32>) -> tensor<2x3xf32> {
      %0 = hlo.broadcast_in_dim %x, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
      return %0 : tensor<2x3xf32>
    })mlir",
                {f32({3}, {1, 2, 3})}),
            f32({2, 3}, {1, 2, 3, 1, 2, 3}));
  // Size-1 dimensions expand; dims need not be increasing.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x1xi32>) -> tensor<3x2x2xi32> {
      %0 = hlo.broadcast_in_dim %x, dims = [2, 0] : (tensor<2x1xi32>) -> tensor<3x2x2xi32>
      return %0 : tensor<3x2x2xi32>
    })mlir",
                {i32({2, 1}, {7, 8})}),
            i32({3, 2, 2}, {7, 8, 7, 8, 7, 8, 7, 8, 7, 8, 7, 8}));
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<i1>) -> tensor<2xi1> {
      %0 = hlo.broadcast_in_dim %x, dims = [] : (tensor<i1>) -> tensor<2xi1>
      return %0 : tensor<2xi1>
    })mlir",
                {i1({}, {1})}),
            i1({2}, {1, 1}));
}

TEST_F(InterpreterTest, Reshape) {
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x3xi64>) -> tensor<3x1x2xi64> {
      %0 = hlo.reshape %x : (tensor<2x3xi64>) -> tensor<3x1x2xi64>
      return %0 : tensor<3x1x2xi64>
    })mlir",
                {i64({2, 3}, {1, 2, 3, 4, 5, 6})}),
            i64({3, 1, 2}, {1, 2, 3, 4, 5, 6}));
}

TEST_F(InterpreterTest, Transpose) {
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
      %0 = hlo.transpose %x, dims = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
      return %0 : tensor<4x2x3xf32>
    })mlir",
                {f32({2, 3, 4}, arange(24))}),
            f32({4, 2, 3}, {0, 4, 8,  12, 16, 20, 1, 5, 9,  13, 17, 21,
                            2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23}));
}

TEST_F(InterpreterTest, Slice) {
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<3x6xf32>) -> tensor<2x2xf32> {
      %0 = hlo.slice %x [0:2, 1:5:2] : (tensor<3x6xf32>) -> tensor<2x2xf32>
      return %0 : tensor<2x2xf32>
    })mlir",
                {f32({3, 6}, arange(18))}),
            f32({2, 2}, {1, 3, 7, 9}));
  // A stride that does not divide the range: elements 1 and 4 of 0..5.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<6xi32>) -> tensor<2xi32> {
      %0 = hlo.slice %x [1:6:3] : (tensor<6xi32>) -> tensor<2xi32>
      return %0 : tensor<2xi32>
    })mlir",
                {i32({6}, {0, 10, 20, 30, 40, 50})}),
            i32({2}, {10, 40}));
}

TEST_F(InterpreterTest, Concatenate) {
  EXPECT_EQ(run(R"mlir(
    func.func @main(%a: tensor<2x1xf32>, %b: tensor<2x2xf32>, %c: tensor<2x1xf32>) -> tensor<2x4xf32> {
      %0 = hlo.concatenate %a, %b, %c, dim = 1 : (tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
      return %0 : tensor<2x4xf32>
    })mlir",
                {f32({2, 1}, {1, 2}), f32({2, 2}, {3, 4, 5, 6}),
                 f32({2, 1}, {7, 8})}),
            f32({2, 4}, {1, 3, 4, 7, 2, 5, 6, 8}));
  EXPECT_EQ(run(R"mlir(
    func.func @main(%a: tensor<1xi1>, %b: tensor<2xi1>) -> tensor<3xi1> {
      %0 = hlo.concatenate %a, %b, dim = 0 : (tensor<1xi1>, tensor<2xi1>) -> tensor<3xi1>
      return %0 : tensor<3xi1>
    })mlir",
                {i1({1}, {1}), i1({2}, {0, 1})}),
            i1({3}, {1, 0, 1}));
}

TEST_F(InterpreterTest, PadEdgesInteriorAndNegative) {
  // Rows: one row of padding, x's rows with one padding row between them.
  // Columns: the first column cropped by low = -1, two padding columns after.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x3xf32>, %v: tensor<f32>) -> tensor<4x4xf32> {
      %0 = hlo.pad %x, %v, low = [1, -1], high = [0, 2], interior = [1, 0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x4xf32>
      return %0 : tensor<4x4xf32>
    })mlir",
                {f32({2, 3}, {1, 2, 3, 4, 5, 6}), f32({}, {9})}),
            f32({4, 4}, {9, 9, 9, 9, 2, 3, 9, 9, 9, 9, 9, 9, 5, 6, 9, 9}));
  // Negative high padding crops the end, interior padding included.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<3xi32>, %v: tensor<i32>) -> tensor<4xi32> {
      %0 = hlo.pad %x, %v, low = [0], high = [-1], interior = [1] : (tensor<3xi32>, tensor<i32>) -> tensor<4xi32>
      return %0 : tensor<4xi32>
    })mlir",
                {i32({3}, {1, 2, 3}), i32({}, {0})}),
            i32({4}, {1, 0, 2, 0}));
}

TEST_F(InterpreterTest, ScatterCombinesInRowMajorOrder) {
  // Body a * 2 + b is not commutative: index 1 gets (2 * 2 + 10) * 2 + 30
  // = 58 only if the updates apply in order. -1 and 4 lie outside.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<4xi32>, %i: tensor<5x1xi64>, %u: tensor<5xi32>) -> tensor<4xi32> {
      %0 = "hlo.scatter"(%x, %i, %u) <{scatter_dimension_numbers = #hlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>}> ({
      ^bb0(%a: tensor<i32>, %b: tensor<i32>):
        %two = hlo.constant dense<2> : tensor<i32>
        %p = hlo.multiply %a, %two : tensor<i32>
        %s = hlo.add %p, %b : tensor<i32>
        hlo.return %s : tensor<i32>
      }) : (tensor<4xi32>, tensor<5x1xi64>, tensor<5xi32>) -> tensor<4xi32>
      return %0 : tensor<4xi32>
    })mlir",
                {i32({4}, {1, 2, 3, 4}), i64({5, 1}, {1, 3, 1, -1, 4}),
                 i32({5}, {10, 20, 30, 40, 50})}),
            i32({4}, {1, 58, 3, 28}));
}

TEST_F(InterpreterTest, ScatterSkipsEachElementOutside) {
  // A 1x2 window at (1, 2): (1, 2) gets 10, (1, 3) lies outside and is
  // skipped alone; a start of 2^63 - 1 overflows and is skipped.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x3xf32>, %i: tensor<2x2xi64>, %u: tensor<2x1x2xf32>) -> tensor<2x3xf32> {
      %0 = "hlo.scatter"(%x, %i, %u) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [1, 2], scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 1>}> ({
      ^bb0(%a: tensor<f32>, %b: tensor<f32>):
        %s = hlo.add %a, %b : tensor<f32>
        hlo.return %s : tensor<f32>
      }) : (tensor<2x3xf32>, tensor<2x2xi64>, tensor<2x1x2xf32>) -> tensor<2x3xf32>
      return %0 : tensor<2x3xf32>
    })mlir",
                {f32({2, 3}, {0, 1, 2, 3, 4, 5}),
                 i64({2, 2}, {1, 2, 0, 9223372036854775807}),
                 f32({2, 1, 2}, {10, 20, 30, 40})}),
            f32({2, 3}, {0, 1, 2, 3, 4, 15}));
}

} // namespace
