//===- TiledConvolutionTest.cpp - Convolutions as implicit GEMMs ----------===//
//
// Convolutions the tiled structure computes (TiledConvolution.cpp): NCHW
// and NHWC, strides, padding (read under masks where the input's spatial
// dims are its last, else moved into a pad by kiln-pad-windows),
// dilation, one and two spatial dims, odd channel counts, a fused bias and
// ReLU or residual add and ReLU, for every vector width this host runs and
// at 1, 2 and 3 threads.
// Each result is checked against a float64 convolution within Higham's
// bound, and bit for bit against the reference interpreter, which sums the
// same products in the same order with the same FMAs.
//
//===----------------------------------------------------------------------===//

#include "test/unit/ConvolutionTesting.h"

#include "test/support/HostVectorWidths.h"
#include "test/support/NumericsCompare.h"
#include "test/support/ReferenceRun.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using kiln::HostTensor;
using namespace kiln::testing;

/// Row-major offset of `index` in `shape`.
int64_t offsetOf(const std::vector<int64_t> &shape,
                 const std::vector<int64_t> &index) {
  int64_t offset = 0;
  for (size_t d = 0; d < shape.size(); ++d)
    offset = offset * shape[d] + index[d];
  return offset;
}

/// The convolution in float64 with Higham's bound per element, before any
/// epilogue (which the caller checks through the interpreter).
struct Oracle {
  std::vector<double> value, bound;
};

Oracle float64Convolution(const ConvCase &c, const HostTensor &input,
                          const HostTensor &kernel) {
  std::vector<int64_t> in = inputShape(c), ker = kernelShape(c),
                       res = resultShape(c), out = outputSize(c);
  size_t spatial = c.size.size();
  int64_t taps = 1;
  for (int64_t w : c.window)
    taps *= w;
  Oracle oracle;
  oracle.value.resize(HostTensor(kiln::ElementType::F32, res).numElements());
  oracle.bound.resize(oracle.value.size());
  int64_t positions = 1;
  for (int64_t s : out)
    positions *= s;
  std::vector<int64_t> position(spatial), tap(spatial);
  for (int64_t b = 0; b < c.batch; ++b)
    for (int64_t o = 0; o < c.outFeatures; ++o)
      for (int64_t flat = 0; flat < positions; ++flat) {
        for (int64_t d = spatial, rest = flat; d-- > 0; rest /= out[d])
          position[d] = rest % out[d];
        double sum = 0, sumAbs = 0;
        for (int64_t t = 0; t < taps; ++t) {
          for (int64_t d = spatial, rest = t; d-- > 0; rest /= c.window[d])
            tap[d] = rest % c.window[d];
          std::vector<int64_t> at(spatial);
          bool inside = true;
          for (size_t d = 0; d < spatial; ++d) {
            at[d] =
                position[d] * c.stride[d] + tap[d] * c.dilation[d] - c.pad[d];
            inside &= at[d] >= 0 && at[d] < c.size[d];
          }
          if (!inside)
            continue;
          for (int64_t i = 0; i < c.inFeatures; ++i) {
            std::vector<int64_t> inIndex = {b}, kerIndex;
            if (!c.channelsLast)
              inIndex.push_back(i);
            inIndex.insert(inIndex.end(), at.begin(), at.end());
            if (c.channelsLast) {
              inIndex.push_back(i);
              kerIndex = tap;
              kerIndex.push_back(i);
              kerIndex.push_back(o);
            } else {
              kerIndex = {o, i};
              kerIndex.insert(kerIndex.end(), tap.begin(), tap.end());
            }
            double product =
                double(input.dataAs<float>()[offsetOf(in, inIndex)]) *
                kernel.dataAs<float>()[offsetOf(ker, kerIndex)];
            sum += product;
            sumAbs += std::fabs(product);
          }
        }
        std::vector<int64_t> resIndex = {b};
        if (!c.channelsLast)
          resIndex.push_back(o);
        resIndex.insert(resIndex.end(), position.begin(), position.end());
        if (c.channelsLast)
          resIndex.push_back(o);
        int64_t r = offsetOf(res, resIndex);
        oracle.value[r] = sum;
        oracle.bound[r] =
            kiln::testing::contractionErrorBound(taps * c.inFeatures, sumAbs);
      }
  return oracle;
}

class TiledConvolution : public ::testing::TestWithParam<ConvCase> {};

TEST_P(TiledConvolution, MatchesInterpreterAndFloat64) {
  const ConvCase &c = GetParam();
  std::string text = graphText(c);
  mlir::MLIRContext context;
  auto run = kiln::testing::interpretRandomInputs(context, text, 5);
  ASSERT_TRUE(run);
  const std::vector<HostTensor> &inputs = run->inputs;
  const std::vector<HostTensor> &reference = run->results;

  Oracle oracle = float64Convolution(
      c, inputs[0], c.constantKernel ? constantKernel(c) : inputs[1]);
  // Without the epilogue, the result itself is the sum.
  if (c.epilogue == Epilogue::None)
    for (size_t i = 0; i < oracle.value.size(); ++i)
      ASSERT_LE(std::fabs(reference[0].getAsDouble(i) - oracle.value[i]),
                oracle.bound[i])
          << "interpreter vs float64 at element " << i;

  kiln::testing::runAtEachWidthAndThreadCount(
      context, text, inputs, [&](const std::vector<HostTensor> &native) {
        const HostTensor &result = native[0];
        if (c.epilogue == Epilogue::None)
          for (size_t i = 0; i < oracle.value.size(); ++i)
            ASSERT_LE(std::fabs(result.getAsDouble(i) - oracle.value[i]),
                      oracle.bound[i])
                << "native vs float64 at element " << i;
        EXPECT_TRUE(kiln::testing::sameBits(result, reference[0]))
            << kiln::testing::compareTensors(result, reference[0],
                                             kiln::testing::sameValue);
      });
}

const ConvCase kCases[] = {
    // ResNet's 3x3 (padding 1, read under masks: the second image's first
    // row of taps masks off the first image's last row).
    {"nchw_3x3_pad1", false, 2, 5, 7, {9, 9}, {3, 3}, {1, 1}, {1, 1}, {1, 1}},
    // Padding read under masks: 5x5 with 200 contracting indices (two
    // slices) and 529 columns (tiles whose vectors cross the input's rows),
    // rectangular windows, dilated taps, and one dim whose output is wider
    // than its input (columns past the input's end).
    {"nchw_5x5_pad2_two_slices",
     false,
     1,
     8,
     11,
     {23, 23},
     {5, 5},
     {1, 1},
     {2, 2},
     {1, 1}},
    {"nchw_3x5_pad_rectangular",
     false,
     2,
     3,
     9,
     {7, 20},
     {3, 5},
     {1, 1},
     {1, 2},
     {1, 1}},
    {"nchw_3x3_dilated_pad2",
     false,
     1,
     4,
     6,
     {10, 13},
     {3, 3},
     {1, 1},
     {2, 2},
     {2, 2}},
    {"ncw_1d_wider_output", false, 1, 5, 7, {37}, {3}, {1}, {3}, {1}},
    // Strides, or output rows narrower than the input's, read by segments
    // of output rows under masks: the stem (7x7, stride 2, padding 3), a
    // downsampling 1x1 with stride 2 (rows of 5: a vector meets up to four
    // of them), a 3x3 stride 2 with 288 contracting indices (two slices)
    // and rows of 14, stride 3 across rows and 2 along them, stride 2 with
    // dilation, and one spatial dim.
    {"nchw_7x7_stride2_pad3",
     false,
     1,
     3,
     9,
     {13, 13},
     {7, 7},
     {2, 2},
     {3, 3},
     {1, 1}},
    {"nchw_1x1_stride2",
     false,
     1,
     17,
     33,
     {10, 10},
     {1, 1},
     {2, 2},
     {0, 0},
     {1, 1}},
    // 1x1 stride 2 in two or three slices of k at every width and L1 size,
    // each vector's segments packed down the slice (rhsVectorAlongK).
    {"nchw_1x1_stride2_slices",
     false,
     1,
     400,
     256,
     {36, 36},
     {1, 1},
     {2, 2},
     {0, 0},
     {1, 1}},
    {"nchw_3x3_stride2_two_slices",
     false,
     2,
     32,
     12,
     {28, 27},
     {3, 3},
     {2, 2},
     {1, 1},
     {1, 1}},
    {"nchw_3x3_strides_3_2",
     false,
     1,
     5,
     7,
     {17, 23},
     {3, 3},
     {3, 2},
     {1, 0},
     {1, 1}},
    {"nchw_3x3_stride2_dilated",
     false,
     1,
     4,
     6,
     {15, 16},
     {3, 3},
     {2, 2},
     {2, 2},
     {2, 2}},
    {"ncw_1d_stride2", false, 2, 6, 10, {41}, {5}, {2}, {2}, {1}},
    {"nchw_1x1", false, 3, 16, 40, {7, 5}, {1, 1}, {1, 1}, {0, 0}, {1, 1}},
    // Dilated, rectangular, mixed strides.
    {"nchw_dilated", false, 1, 4, 6, {11, 12}, {3, 2}, {1, 1}, {2, 1}, {2, 3}},
    {"nchw_mixed_strides",
     false,
     2,
     3,
     5,
     {8, 13},
     {3, 3},
     {1, 2},
     {0, 1},
     {1, 1}},
    // One spatial dim, and one output feature too few for tiles (M = 1).
    {"ncw_1d", false, 2, 6, 10, {31}, {5}, {1}, {2}, {1}},
    {"nchw_one_output_feature",
     false,
     1,
     3,
     1,
     {6, 6},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1}},
    // Channels last (JAX's layout): 7 features as columns at 256 bits
    // (the padded input read in place), as rows at 512; 12 features leave
    // a quarter of a panel idle, so they stay rows and their patches are
    // gathered, at every width.
    {"nhwc_3x3_pad1", true, 2, 5, 7, {9, 9}, {3, 3}, {1, 1}, {1, 1}, {1, 1}},
    {"nhwc_3x3_stride2",
     true,
     1,
     8,
     12,
     {10, 11},
     {3, 3},
     {2, 2},
     {1, 1},
     {1, 1}},
    // Fused bias and ReLU.
    {"nchw_3x3_bias_relu",
     false,
     1,
     8,
     19,
     {12, 12},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu},
    // 24 features: columns at 256 bits (a panel of 16 and a narrow one of
    // 8, the output's features stored as whole vectors), rows at 512 (a
    // quarter of a panel of 32 idle), each sum scattered to its place.
    {"nhwc_1x1_bias_relu",
     true,
     1,
     9,
     24,
     {6, 6},
     {1, 1},
     {1, 1},
     {0, 0},
     {1, 1},
     Epilogue::BiasRelu},
    {"nhwc_1x1_rows_bias_relu",
     true,
     2,
     9,
     12,
     {7, 5},
     {1, 1},
     {1, 1},
     {0, 0},
     {1, 1},
     Epilogue::BiasRelu},
    // The epilogue walks whole rows of the tile (KernelEmitterTiled.cpp):
    // two images of 7 x 7 outputs, 13 features. With a residual it walks
    // the output's rows instead.
    {"nchw_1x1_stride2_bias_relu",
     false,
     2,
     9,
     13,
     {13, 13},
     {1, 1},
     {2, 2},
     {0, 0},
     {1, 1},
     Epilogue::BiasRelu},
    // A bias with unit dims around the feature's, as ONNX models give it:
    // applied in registers like a 1-D one.
    {"nchw_3x3_unit_dims_bias_relu",
     false,
     2,
     6,
     10,
     {11, 11},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::UnitDimsBiasRelu},
    {"nhwc_1x1_unit_dims_bias_relu",
     true,
     1,
     9,
     24,
     {6, 6},
     {1, 1},
     {1, 1},
     {0, 0},
     {1, 1},
     Epilogue::UnitDimsBiasRelu},
    {"nchw_3x3_residual_relu",
     false,
     2,
     6,
     10,
     {11, 11},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::ResidualRelu},
    // Output features as columns (TiledConvolution.cpp's feature columns),
    // the input read in place: strided past what masked loads read (stride
    // 3 along the row; channels last), so that gathering the patches costs
    // more than gathering the weights. 31 features: one idle lane.
    {"nchw_7x7_stride3_feature_columns",
     false,
     1,
     3,
     31,
     {32, 32},
     {7, 7},
     {3, 3},
     {3, 3},
     {1, 1}},
    // The same with a residual and a bias, in two images: the transposed
    // vectors of one feature's positions read their residual as one run,
    // a tile's last ones under the rows' mask; 31 features leave the last
    // panel's last lane past N.
    {"nchw_7x7_stride3_feature_columns_residual_relu",
     false,
     2,
     3,
     31,
     {32, 32},
     {7, 7},
     {3, 3},
     {3, 3},
     {1, 1},
     Epilogue::ResidualRelu},
    {"nchw_5x5_stride3_feature_columns",
     false,
     2,
     4,
     32,
     {24, 23},
     {5, 5},
     {3, 3},
     {2, 2},
     {1, 1}},
    {"nhwc_3x3_stride2_feature_columns",
     true,
     2,
     12,
     32,
     {31, 31},
     {3, 3},
     {2, 2},
     {1, 1},
     {1, 1}},
    // Channels last with feature columns: the output is laid out [positions]
    // x [features] as C, and a bias per feature, applied in registers, runs
    // along the columns. The second is examples/convnet.mlir's first layer,
    // which takes feature columns in AVX2 code.
    {"nhwc_3x3_stride2_feature_columns_bias_relu",
     true,
     2,
     12,
     32,
     {31, 31},
     {3, 3},
     {2, 2},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu},
    {"nhwc_3x3_pad1_feature_columns_unit_dims_bias_relu",
     true,
     2,
     8,
     16,
     {16, 16},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::UnitDimsBiasRelu},
    // Channels last, few positions and a long contraction, as ResNet's
    // 3x3 512@7 in JAX's layout: the HWIO weights packed a vector of
    // features at a time make feature columns the cheaper form; 720 k in
    // three slices, 40 features in two panels of 16 and a narrow one of 8
    // at 256 bits.
    {"nhwc_3x3_pad1_deep_feature_columns_bias_relu",
     true,
     1,
     80,
     40,
     {7, 7},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu},
    // Padded channels last with 16 input features or more: the input read
    // unpadded, each run of rows summing a tap's features with only the
    // rows whose tap reads inside it (ContractionShape::featuresPerTap).
    // Two images, runs across output rows at 256 bits; 17 features a tap,
    // so that slices start inside taps; a 5x5 window at stride 2 and
    // dilation 2 whose taps leave whole rows out; a 1-d one; a constant
    // kernel, packed while compiling.
    {"nhwc_3x3_pad1_masked_taps",
     true,
     2,
     16,
     32,
     {9, 11},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1}},
    {"nhwc_3x3_pad1_masked_taps_odd_features_bias_relu",
     true,
     1,
     17,
     48,
     {13, 7},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu},
    {"nhwc_5x5_pad2_stride2_dilated_masked_taps",
     true,
     1,
     24,
     16,
     {15, 12},
     {5, 5},
     {2, 2},
     {2, 2},
     {2, 2}},
    {"nwc_1d_pad2_masked_taps", true, 2, 16, 64, {37}, {5}, {1}, {2}, {1}},
    {"nhwc_3x3_pad1_masked_taps_constant",
     true,
     1,
     32,
     32,
     {7, 7},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::None,
     true},
    // More contracting indices than one slice: the last slice stores C
    // transposed, the others as it is.
    {"nchw_3x3_stride3_feature_columns_deep",
     false,
     1,
     72,
     32,
     {33, 33},
     {3, 3},
     {3, 3},
     {1, 1},
     {1, 1}},
    {"nchw_3x3_stride3_feature_columns_bias_relu",
     false,
     1,
     16,
     32,
     {33, 33},
     {3, 3},
     {3, 3},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu},
    // Constant weights, as a model's: as feature columns their panels are
    // packed while compiling, once for both images.
    {"nhwc_3x3_stride2_feature_columns_constant",
     true,
     2,
     12,
     32,
     {31, 31},
     {3, 3},
     {2, 2},
     {1, 1},
     {1, 1},
     Epilogue::None,
     true},
    {"nchw_5x5_stride3_feature_columns_constant",
     false,
     2,
     4,
     32,
     {24, 23},
     {5, 5},
     {3, 3},
     {2, 2},
     {1, 1},
     Epilogue::None,
     true},
    {"nchw_3x3_stride3_feature_columns_deep_constant",
     false,
     1,
     72,
     32,
     {33, 33},
     {3, 3},
     {3, 3},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu,
     true},
    // A small image's positions would leave lanes idle (7x7 = 49 of 64 at
    // 256 and 512 bits): with a constant kernel the features are the
    // columns even where masked loads would read the patches.
    {"nchw_1x1_stride2_small_image_constant",
     false,
     2,
     24,
     64,
     {14, 14},
     {1, 1},
     {2, 2},
     {0, 0},
     {1, 1},
     Epilogue::BiasRelu,
     true},
    // The same at unit stride, 200 input features deep: each micro-kernel
    // reads its rows' positions of a feature from lines the next rows read
    // again, so the slices of k shrink to fit them in L1 beside the panel
    // (TiledTiling.cpp's sharedLhsBytesPerK): several slices, summed in
    // the accumulator block.
    {"nchw_1x1_small_image_slices_constant",
     false,
     1,
     200,
     48,
     {7, 7},
     {1, 1},
     {1, 1},
     {0, 0},
     {1, 1},
     Epilogue::BiasRelu,
     true},
    // A small image with a constant kernel whose padding products are
    // left out (ContractionShape::tapGroup): feature columns on the
    // unpadded input, micro-kernels specialized per class of run of rows,
    // looping over the rows of taps that reach them. At 512 bits the runs
    // lie within an output row (7x7: one run per row, one class; 14x14:
    // two runs per row, two classes); at 256 they take 5 rows across
    // output rows, those at the image's top and bottom unrolling a pattern
    // per row of taps, and the last run's rows past the image repeat its
    // last position. Two slices of whole features, a strided window, a
    // wide one (5 outputs per row), an epilogue.
    {"nchw_3x3_pad1_7x7_skips_padding_constant",
     false,
     2,
     20,
     64,
     {7, 7},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::None,
     true},
    {"nchw_3x3_pad1_14x14_skips_padding_constant",
     false,
     1,
     9,
     32,
     {14, 14},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu,
     true},
    {"nchw_3x3_stride2_skips_padding_constant",
     false,
     1,
     8,
     32,
     {13, 13},
     {3, 3},
     {2, 2},
     {1, 1},
     {1, 1},
     Epilogue::None,
     true},
    // ResNet's downsampling 3x3 (stride 2, padding 1) with its kernel an
    // argument: in AVX2 code its rows of taps load each tap's elements
    // apart (keepsSharedTapLoads), taps 0 and 2 reading the same ones.
    {"nchw_3x3_stride2_skips_padding_bias_relu",
     false,
     1,
     4,
     32,
     {14, 14},
     {3, 3},
     {2, 2},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu},
    {"nchw_5x5_pad2_skips_padding_constant",
     false,
     1,
     3,
     32,
     {6, 5},
     {5, 5},
     {1, 1},
     {2, 2},
     {1, 1},
     Epilogue::None,
     true},
    // 28x28, a contraction of 72 (long enough for columns to pay with
    // 4.6% fewer products): runs of 7 rows at 512 bits, of three classes
    // (an output row's first, its last, those between); runs of 5 across
    // output rows at 256.
    {"nchw_3x3_pad1_28x28_skips_padding_constant",
     false,
     1,
     8,
     32,
     {28, 28},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::ResidualRelu,
     true},
    // 1x1 stride 2 on a small image, the kernel an argument: its features
    // fill the lanes 25 positions would leave idle, packed by squares.
    {"nchw_1x1_stride2_feature_columns_argument",
     false,
     1,
     17,
     32,
     {10, 10},
     {1, 1},
     {2, 2},
     {0, 0},
     {1, 1}},
    // With the kernel an argument, OIHW: packed per call (or kept) by
    // squares from runs of its columns, the runs within output rows of 30
    // (6 rows at 512 bits, 5 at 256) and of 28 and 7 at 512 bits, across
    // them at 256: 144 and 216 k, squares and the k past them, and 48
    // features, a partial panel at 512 bits.
    {"nchw_3x3_pad1_28x28_skips_padding_argument",
     false,
     1,
     16,
     32,
     {28, 28},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu},
    {"nchw_3x3_pad1_30x30_skips_padding_argument",
     false,
     1,
     16,
     32,
     {30, 30},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1}},
    {"nchw_3x3_pad1_7x7_skips_padding_argument",
     false,
     2,
     24,
     48,
     {7, 7},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1}},
    // Runs across output rows at both widths: rows of 9 (no divisor of
    // 4 to 8 rows, two images), of 3 (a dilated window on padding of 2,
    // whose rows of taps reach different rows of almost every run) and of
    // 2 (one run, rows past the image repeating its last position), the
    // last with the kernel an argument.
    {"nchw_3x3_pad1_9x9_runs_across_rows_constant",
     false,
     2,
     4,
     32,
     {9, 9},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu,
     true},
    {"nchw_3x3_pad2_dilated_11x3_runs_across_rows_constant",
     false,
     1,
     3,
     16,
     {11, 3},
     {3, 3},
     {1, 1},
     {2, 2},
     {2, 2},
     Epilogue::None,
     true},
    {"nchw_3x3_pad1_2x2_runs_across_rows_argument",
     false,
     1,
     16,
     16,
     {2, 2},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1}},
    // And read in place as the lhs where the features are rows.
    {"nchw_3x3_pad1_constant",
     false,
     2,
     5,
     7,
     {9, 9},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::None,
     true},
};

INSTANTIATE_TEST_SUITE_P(Cases, TiledConvolution, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<ConvCase> &info) {
                           return std::string(info.param.name);
                         });

// A kernel whose output feature lies between its other dims (IOHW): k's
// offsets in it are no multiple of k, so the rows of features read them
// from a table filled per slice (OIHW and HWIO compute them).
TEST(TiledConvolutionKernelLayout, OutputFeatureBetweenOtherDims) {
  const char *text = R"(
func.func @main(%x: tensor<1x5x9x9xf32>, %w: tensor<5x7x3x3xf32>) -> tensor<1x7x9x9xf32> {
  %c = hlo.convolution(%x, %w) dim_numbers = [b, f, 0, 1]x[i, o, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x5x9x9xf32>, tensor<5x7x3x3xf32>) -> tensor<1x7x9x9xf32>
  return %c : tensor<1x7x9x9xf32>
}
)";
  mlir::MLIRContext context;
  auto run = interpretRandomInputs(context, text, 11);
  ASSERT_TRUE(run);
  runAtEachWidthAndThreadCount(
      context, text, run->inputs, [&](const std::vector<HostTensor> &native) {
        EXPECT_TRUE(sameBits(native[0], run->results[0]))
            << compareTensors(native[0], run->results[0], sameValue);
      });
}

} // namespace
