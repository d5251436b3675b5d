//===- TiledConvolutionTest.cpp - Convolutions as implicit GEMMs ----------===//
//
// Convolutions the tiled structure computes (TiledConvolution.cpp), NCHW
// (ONNX's layout; channels last in TiledConvolutionChannelsLastTest.cpp):
// strides, padding (read under masks where the input's spatial dims are its
// last, else moved into a pad by kiln-pad-windows), dilation, one and two
// spatial dims, odd channel counts, a fused bias and ReLU or residual add
// and ReLU, for every vector width this host runs and at 1, 2 and 3
// threads. Each result is checked against a float64 convolution within
// Higham's bound, and bit for bit against the reference interpreter, which
// sums the same products in the same order with the same FMAs
// (TiledConvolutionCheck.h).
//
//===----------------------------------------------------------------------===//

#include "test/unit/TiledConvolutionCheck.h"

namespace {

using kiln::HostTensor;
using namespace kiln::testing;

class TiledConvolution : public ::testing::TestWithParam<ConvCase> {};

TEST_P(TiledConvolution, MatchesInterpreterAndFloat64) {
  expectMatchesInterpreterAndFloat64(GetParam());
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
