//===- TiledConvolutionWeightsTest.cpp - Unusual constant weights --------===//
//
// Convolutions whose micro-kernels leave out the padding's products
// (ContractionShape::tapGroup, featuresPerTap) with infinite and NaN
// weights, and
// contractions whose weights are a splat constant (one value): checked
// value for value against the reference interpreter, for every vector
// width this host runs and at 1, 2 and 3 threads.
//
//===----------------------------------------------------------------------===//

#include "test/unit/ConvolutionTesting.h"

#include "test/support/HostVectorWidths.h"
#include "test/support/NumericsCompare.h"
#include "test/support/ReferenceRun.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

namespace {

using kiln::HostTensor;
using namespace kiln::testing;

/// A 3x3 convolution with a constant kernel, 24 -> 32 features on a 7x7
/// image padded by 1: one whose micro-kernels leave out the padding's
/// products where its weights are an ordinary constant, OIHW
/// (ContractionShape::tapGroup) or channels last, HWIO
/// (ContractionShape::featuresPerTap).
ConvCase padded7x7Case(const char *name, bool channelsLast = false) {
  return {name,   channelsLast,   1,   24, 32, {7, 7}, {3, 3}, {1, 1}, {1, 1},
          {1, 1}, Epilogue::None, true};
}

/// Where the micro-kernels leave out the padding's products, a weight that
/// is not finite meets only the input: the interpreter leaves the padding's
/// products out too, so its products with the padding are not NaN. Weight
/// (3, 5) has an infinite corner tap (0, 0), which reaches the padding on
/// the first output row and column; (17, 0) an infinite centre tap, which
/// never does; (30, 23) a NaN last tap, on the padding on the last row and
/// column. The results match the interpreter's value for value (a NaN any
/// NaN). `weightAt(o, i, h, w)` and `outputAt(o, y, x)` are the flat
/// offsets of the case's layouts.
void expectNotFiniteWeightsMeetOnlyTheInput(
    const ConvCase &c,
    const std::function<int64_t(int64_t, int64_t, int64_t, int64_t)> &weightAt,
    const std::function<int64_t(int64_t, int64_t, int64_t)> &outputAt) {
  HostTensor weights = constantKernel(c);
  float *w = weights.dataAs<float>();
  w[weightAt(3, 5, 0, 0)] = INFINITY;
  w[weightAt(17, 0, 1, 1)] = -INFINITY;
  w[weightAt(30, 23, 2, 2)] = NAN;
  std::string text = graphText(c, &weights);
  mlir::MLIRContext context;
  auto run = kiln::testing::interpretRandomInputs(context, text, 9);
  ASSERT_TRUE(run);
  const float *expected = run->results[0].dataAs<float>();
  // Finite where the weight meets the padding alone, not inside.
  EXPECT_TRUE(std::isfinite(expected[outputAt(3, 0, 4)]));
  EXPECT_TRUE(std::isfinite(expected[outputAt(3, 4, 0)]));
  EXPECT_TRUE(std::isinf(expected[outputAt(3, 3, 3)]));
  EXPECT_TRUE(std::isinf(expected[outputAt(17, 0, 0)]));
  EXPECT_TRUE(std::isfinite(expected[outputAt(30, 6, 2)]));
  EXPECT_TRUE(std::isnan(expected[outputAt(30, 2, 2)]));

  kiln::testing::runAtEachWidthAndThreadCount(
      context, text, run->inputs, [&](const std::vector<HostTensor> &native) {
        EXPECT_EQ(kiln::testing::compareTensors(native[0], run->results[0],
                                                kiln::testing::sameValue),
                  "");
      });
}

TEST(TiledConvolutionWeights, NotFiniteWeightsMeetOnlyTheInput) {
  ConvCase c = padded7x7Case("nchw_3x3_pad1_7x7_not_finite");
  expectNotFiniteWeightsMeetOnlyTheInput(
      c,
      [&](int64_t o, int64_t i, int64_t h, int64_t w) {
        return ((o * c.inFeatures + i) * 3 + h) * 3 + w;
      },
      [](int64_t o, int64_t y, int64_t x) { return (o * 7 + y) * 7 + x; });
}

TEST(TiledConvolutionWeights, NotFiniteWeightsMeetOnlyTheInputChannelsLast) {
  ConvCase c = padded7x7Case("nhwc_3x3_pad1_7x7_not_finite", true);
  expectNotFiniteWeightsMeetOnlyTheInput(
      c,
      [&](int64_t o, int64_t i, int64_t h, int64_t w) {
        return ((h * 3 + w) * c.inFeatures + i) * c.outFeatures + o;
      },
      [&](int64_t o, int64_t y, int64_t x) {
        return (y * 7 + x) * c.outFeatures + o;
      });
}

/// A splat constant as a contraction's weights: its attribute holds one
/// value, which the kernels store in full (ElementalEmitter::memrefOf)
/// where they read it in place, as the lhs, and pack per call from its
/// scalar as the rhs. A 1x1 stride-2 convolution and a 3x3 one on a padded
/// 7x7 image (rows of features, the kernel the lhs), and a dot with a
/// splat on either side: bit for bit the interpreter's, which sums in the
/// same order.
TEST(TiledConvolutionWeights, SplatWeightsMatchTheInterpreter) {
  std::vector<std::string> graphs;
  for (ConvCase c : {ConvCase{"nchw_1x1_stride2_splat",
                              false,
                              1,
                              16,
                              32,
                              {10, 10},
                              {1, 1},
                              {2, 2},
                              {0, 0},
                              {1, 1},
                              Epilogue::None,
                              true},
                     padded7x7Case("nchw_3x3_pad1_7x7_splat")}) {
    HostTensor weights = constantKernel(c);
    for (int64_t i = 0; i < weights.numElements(); ++i)
      weights.dataAs<float>()[i] = 0.375f;
    graphs.push_back(graphText(c, &weights));
  }
  graphs.push_back(
      "func.func @main(%x: tensor<37x64xf32>) -> tensor<37x40xf32> {\n"
      "  %w = hlo.constant dense<-1.25> : tensor<64x40xf32>\n"
      "  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : "
      "(tensor<37x64xf32>, tensor<64x40xf32>) -> tensor<37x40xf32>\n"
      "  return %0 : tensor<37x40xf32>\n}\n");
  graphs.push_back(
      "func.func @main(%x: tensor<64x40xf32>) -> tensor<37x40xf32> {\n"
      "  %w = hlo.constant dense<0.75> : tensor<37x64xf32>\n"
      "  %0 = hlo.dot_general %w, %x, contracting_dims = [1] x [0] : "
      "(tensor<37x64xf32>, tensor<64x40xf32>) -> tensor<37x40xf32>\n"
      "  return %0 : tensor<37x40xf32>\n}\n");
  for (const std::string &text : graphs) {
    SCOPED_TRACE(text.substr(0, text.find('\n')));
    mlir::MLIRContext context;
    auto run = kiln::testing::interpretRandomInputs(context, text, 5);
    ASSERT_TRUE(run);
    kiln::testing::runAtEachWidthAndThreadCount(
        context, text, run->inputs, [&](const std::vector<HostTensor> &native) {
          EXPECT_TRUE(kiln::testing::sameBits(native[0], run->results[0]))
              << kiln::testing::compareTensors(native[0], run->results[0],
                                               kiln::testing::sameValue);
        });
  }
}

} // namespace
