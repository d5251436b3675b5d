//===- InterpreterReduceTest.cpp - reduce and reduce_window ---------------===//
//
// Expected values are hand-derived.
//
//===----------------------------------------------------------------------===//

#include "test/unit/InterpreterTesting.h"

#include <limits>

using namespace kiln;

namespace {

TEST_F(InterpreterTest, ReduceAddAcrossRows) {
  const char *program = R"mlir(
    func.func @main(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
      %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
      return %0 : tensor<2xf32>
    })mlir";
  HostTensor x = f32({2, 3}, {1, 2, 3, 4, 5, 6});
  EXPECT_EQ(run(program, {x, f32({}, {0})}), f32({2}, {6, 15}));
  // The init value enters once per result element.
  EXPECT_EQ(run(program, {x, f32({}, {10})}), f32({2}, {16, 25}));
}

TEST_F(InterpreterTest, ReduceBodyRunsSequentially) {
  // A general body folds in order: ((((0 + 1e8) + 1) - 1e8) + 1) = 1 in f32
  // (1e8 + 1 rounds to 1e8); a pairwise sum would give 0.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<f32> {
      %0 = hlo.reduce(%x init: %z) across dimensions = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
       reducer(%a: tensor<f32>, %b: tensor<f32>) {
        %s = hlo.add %b, %a : tensor<f32>
        hlo.return %s : tensor<f32>
      }
      return %0 : tensor<f32>
    })mlir",
                {f32({4}, {1e8f, 1, -1e8f, 1}), f32({}, {0})}),
            f32({}, {1}));
}

TEST_F(InterpreterTest, PlainF32SumIsExact) {
  // A plain sum is the exact sum rounded once: 1e8 + 1 - 1e8 + 1 = 2.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<f32> {
      %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
      return %0 : tensor<f32>
    })mlir",
                {f32({4}, {1e8f, 1, -1e8f, 1}), f32({}, {0})}),
            f32({}, {2}));
  // Over several dimensions, with the init value added once per result.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x2x2xf32>, %z: tensor<f32>) -> tensor<2xf32> {
      %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = [0, 2] : (tensor<2x2x2xf32>, tensor<f32>) -> tensor<2xf32>
      return %0 : tensor<2xf32>
    })mlir",
                {f32({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}), f32({}, {0.5f})}),
            f32({2}, {10.5f, 18.5f}));
}

TEST_F(InterpreterTest, ReduceMaximumAndMinimumF32) {
  // One max or min of the two arguments, in either order, folds without the
  // body; NaN wins and +0 is above -0, as hlo.maximum says.
  auto reduce = [&](const char *op, bool swapped, HostTensor x, float init) {
    std::string program = std::string(R"mlir(
      func.func @main(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
        %0 = hlo.reduce(%x init: %z) across dimensions = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
         reducer(%a: tensor<f32>, %b: tensor<f32>) {
          %m = hlo.)mlir") +
                          op + (swapped ? " %b, %a" : " %a, %b") +
                          R"mlir( : tensor<f32>
          hlo.return %m : tensor<f32>
        }
        return %0 : tensor<2xf32>
      })mlir";
    return run(program, {x, f32({}, {init})});
  };
  float nan = std::numeric_limits<float>::quiet_NaN();
  HostTensor x = f32({2, 3}, {3, -7, 5, -0.0f, nan, 2});
  for (bool swapped : {false, true}) {
    HostTensor max = reduce("maximum", swapped, x, -100);
    EXPECT_EQ(max.dataAs<float>()[0], 5);
    EXPECT_TRUE(std::isnan(max.dataAs<float>()[1]));
    HostTensor min = reduce("minimum", swapped, x, 100);
    EXPECT_EQ(min.dataAs<float>()[0], -7);
    EXPECT_TRUE(std::isnan(min.dataAs<float>()[1]));
    // +0 against -0: the maximum is +0, the minimum -0.
    HostTensor zeros = f32({2, 3}, {-0.0f, 0.0f, -0.0f, 0.0f, 0.0f, 0.0f});
    EXPECT_FALSE(std::signbit(
        reduce("maximum", swapped, zeros, -0.0f).dataAs<float>()[0]));
    EXPECT_TRUE(std::signbit(
        reduce("minimum", swapped, zeros, 0.0f).dataAs<float>()[0]));
    // The init value takes part.
    EXPECT_EQ(reduce("maximum", swapped, x, 10).dataAs<float>()[0], 10);
  }
}

TEST_F(InterpreterTest, ReduceSeveralDimensions) {
  // x[i][j][k] = 4i + 2j + k; max over i and k leaves j.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x2x2xi32>, %z: tensor<i32>) -> tensor<2xi32> {
      %0 = hlo.reduce(%x init: %z) applies hlo.maximum across dimensions = [0, 2] : (tensor<2x2x2xi32>, tensor<i32>) -> tensor<2xi32>
      return %0 : tensor<2xi32>
    })mlir",
                {i32({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}), i32({}, {-100})}),
            i32({2}, {5, 7}));
  // Reducing every dimension of an i1 tensor with and.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<2x2xi1>, %z: tensor<i1>) -> tensor<i1> {
      %0 = hlo.reduce(%x init: %z) applies hlo.multiply across dimensions = [0, 1] : (tensor<2x2xi1>, tensor<i1>) -> tensor<i1>
      return %0 : tensor<i1>
    })mlir",
                {i1({2, 2}, {1, 1, 0, 1}), i1({}, {1})}),
            i1({}, {0}));
}

TEST_F(InterpreterTest, ReduceVariadicArgmax) {
  // The first index of the largest value in each row.
  std::vector<HostTensor> results = runAll(R"mlir(
    func.func @main(%x: tensor<2x3xf32>, %i: tensor<2x3xi32>, %z: tensor<f32>, %zi: tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>) {
      %0:2 = hlo.reduce(%x init: %z), (%i init: %zi) across dimensions = [1] : (tensor<2x3xf32>, tensor<2x3xi32>, tensor<f32>, tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>)
        reducer(%a: tensor<f32>, %b: tensor<f32>) (%ai: tensor<i32>, %bi: tensor<i32>) {
          %gt = hlo.compare GT, %b, %a : (tensor<f32>, tensor<f32>) -> tensor<i1>
          %m = hlo.select %gt, %b, %a : tensor<i1>, tensor<f32>
          %mi = hlo.select %gt, %bi, %ai : tensor<i1>, tensor<i32>
          hlo.return %m, %mi : tensor<f32>, tensor<i32>
        }
      return %0#0, %0#1 : tensor<2xf32>, tensor<2xi32>
    })mlir",
                                           {f32({2, 3}, {1, 5, 5, -1, -3, -2}),
                                            i32({2, 3}, {0, 1, 2, 0, 1, 2}),
                                            f32({}, {-1e30f}), i32({}, {-1})});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0], f32({2}, {5, -1}));
  EXPECT_EQ(results[1], i32({2}, {1, 0}));
}

TEST_F(InterpreterTest, ReduceBodyUsesOuterValue) {
  // The body adds acc + x * scale, with %scale from the enclosing function.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<3xf32>, %z: tensor<f32>, %scale: tensor<f32>) -> tensor<f32> {
      %0 = hlo.reduce(%x init: %z) across dimensions = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<f32>
        reducer(%a: tensor<f32>, %b: tensor<f32>) {
          %s = hlo.multiply %b, %scale : tensor<f32>
          %r = hlo.add %a, %s : tensor<f32>
          hlo.return %r : tensor<f32>
        }
      return %0 : tensor<f32>
    })mlir",
                {f32({3}, {1, 2, 3}), f32({}, {0}), f32({}, {10})}),
            f32({}, {60}));
}

TEST_F(InterpreterTest, ReduceWindowMaxPool) {
  std::vector<float> values;
  for (int i = 0; i < 16; ++i)
    values.push_back(static_cast<float>(i));
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<1x4x4x1xf32>, %init: tensor<f32>) -> tensor<1x2x2x1xf32> {
      %0 = "hlo.reduce_window"(%x, %init) ({
        ^bb0(%a: tensor<f32>, %b: tensor<f32>):
          %m = hlo.maximum %a, %b : tensor<f32>
          "hlo.return"(%m) : (tensor<f32>) -> ()
      }) {window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>} : (tensor<1x4x4x1xf32>, tensor<f32>) -> tensor<1x2x2x1xf32>
      return %0 : tensor<1x2x2x1xf32>
    })mlir",
                {f32({1, 4, 4, 1}, values), f32({}, {-1e30f})}),
            f32({1, 2, 2, 1}, {5, 7, 13, 15}));
}

TEST_F(InterpreterTest, ReduceWindowPaddingAndBaseDilation) {
  // Base dilation 2 and low padding 1 make the padded input
  // [p, 1, p, 2, p, 3, p, 4] where p is the init value; windows of 2 with
  // stride 1. As the spec says, padding holds the init value, so with init
  // 10 each window adds it once for the accumulator and once for its hole.
  const char *program = R"mlir(
    func.func @main(%x: tensor<4xf32>, %init: tensor<f32>) -> tensor<7xf32> {
      %0 = "hlo.reduce_window"(%x, %init) ({
        ^bb0(%a: tensor<f32>, %b: tensor<f32>):
          %s = hlo.add %a, %b : tensor<f32>
          "hlo.return"(%s) : (tensor<f32>) -> ()
      }) {window_dimensions = array<i64: 2>, base_dilations = array<i64: 2>, padding = dense<[[1, 0]]> : tensor<1x2xi64>} : (tensor<4xf32>, tensor<f32>) -> tensor<7xf32>
      return %0 : tensor<7xf32>
    })mlir";
  HostTensor x = f32({4}, {1, 2, 3, 4});
  EXPECT_EQ(run(program, {x, f32({}, {0})}), f32({7}, {1, 1, 2, 2, 3, 3, 4}));
  EXPECT_EQ(run(program, {x, f32({}, {10})}),
            f32({7}, {21, 21, 22, 22, 23, 23, 24}));
}

TEST_F(InterpreterTest, ReduceWindowDilatedWindowAndStride) {
  // Window [x[i], x[i + 2]] at i = 0, 2: 1 + 3 and 3 + 5.
  EXPECT_EQ(run(R"mlir(
    func.func @main(%x: tensor<6xi64>, %init: tensor<i64>) -> tensor<2xi64> {
      %0 = "hlo.reduce_window"(%x, %init) ({
        ^bb0(%a: tensor<i64>, %b: tensor<i64>):
          %s = hlo.add %a, %b : tensor<i64>
          "hlo.return"(%s) : (tensor<i64>) -> ()
      }) {window_dimensions = array<i64: 2>, window_strides = array<i64: 2>, window_dilations = array<i64: 2>} : (tensor<6xi64>, tensor<i64>) -> tensor<2xi64>
      return %0 : tensor<2xi64>
    })mlir",
                {i64({6}, {1, 2, 3, 4, 5, 6}), i64({}, {0})}),
            i64({2}, {4, 8}));
}

} // namespace
