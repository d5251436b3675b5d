//===- TiledConvolutionChannelsLastTest.cpp - NHWC convolutions ----------===//
//
// Convolutions the tiled structure computes (TiledConvolution.cpp) channels
// last, as JAX lays them out (NHWC inputs and outputs, HWIO weights):
// features as rows or as columns, a fused bias and ReLU, padded inputs read
// in place or with the padding left out tap by tap, constant weights, for
// every vector width this host runs and at 1, 2 and 3 threads; each checked
// against a float64 convolution and bit for bit against the reference
// interpreter (TiledConvolutionCheck.h).
//
//===----------------------------------------------------------------------===//

#include "test/unit/TiledConvolutionCheck.h"

namespace {

using namespace kiln::testing;

class TiledConvolution : public ::testing::TestWithParam<ConvCase> {};

TEST_P(TiledConvolution, MatchesInterpreterAndFloat64) {
  expectMatchesInterpreterAndFloat64(GetParam());
}

const ConvCase kCases[] = {
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
    // A bias with unit dims around the feature's, [1, 1, 1, C], as ONNX
    // models give it: applied in registers like a 1-D one.
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
};

INSTANTIATE_TEST_SUITE_P(Cases, TiledConvolution, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<ConvCase> &info) {
                           return std::string(info.param.name);
                         });

} // namespace
