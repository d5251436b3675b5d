//===- TiledConvolutionGroupsTest.cpp - Grouped convolutions --------------===//
//
// Convolutions of several feature groups (feature_group_count: ResNeXt's
// 32 groups of 4 features, two halves of the features) that the tiled
// structure computes as one implicit GEMM per image and group
// (hlo::isGroupedMatrixConvolution), NCHW and NHWC: bias and residual
// epilogues (the bias read at the group's features), strides, padding,
// dilation, one spatial dim, a constant kernel, odd features per group,
// for every vector width this host runs and at 1, 2 and 3 threads. Each
// result is checked against a float64 convolution within Higham's bound
// and bit for bit against the reference interpreter
// (TiledConvolutionCheck.h).
//
//===----------------------------------------------------------------------===//

#include "test/unit/TiledConvolutionCheck.h"

namespace {

using namespace kiln::testing;

class TiledConvolutionGroups : public ::testing::TestWithParam<ConvCase> {};

TEST_P(TiledConvolutionGroups, MatchesInterpreterAndFloat64) {
  expectMatchesInterpreterAndFloat64(GetParam());
}

// Fields: name, channels last, images, input features, output features,
// size, window, stride, padding, dilation, epilogue, constant kernel,
// groups.
const ConvCase kCases[] = {
    // Two images of two groups: each image's second group reads the
    // second half of its features, and the bias is read at the group's;
    // 8 output features a group, the padding read under masks.
    {"nchw_2_groups_bias_relu",
     false,
     2,
     10,
     16,
     {9, 9},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu,
     false,
     2},
    // ResNeXt's 32 groups of 4 features, from a padded copy.
    {"nchw_32_groups_of_4",
     false,
     1,
     128,
     128,
     {12, 12},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::None,
     false,
     32},
    // The fewest input features a group, 4 (hlo::
    // kMinGroupedConvolutionFeatures), on 16 groups, unpadded 1x1.
    {"nchw_16_groups_of_4_1x1",
     false,
     1,
     64,
     96,
     {7, 7},
     {1, 1},
     {1, 1},
     {0, 0},
     {1, 1},
     Epilogue::None,
     false,
     16},
    // Odd features a group (5 in, 9 out), stride 2 under masks, a
    // residual.
    {"nchw_4_groups_stride2_residual",
     false,
     1,
     20,
     36,
     {11, 13},
     {3, 3},
     {2, 2},
     {1, 1},
     {1, 1},
     Epilogue::ResidualRelu,
     false,
     4},
    // A constant kernel, dilated taps, two images.
    {"nchw_3_groups_dilated_constant",
     false,
     2,
     12,
     6,
     {10, 10},
     {3, 3},
     {1, 1},
     {2, 2},
     {2, 2},
     Epilogue::None,
     true,
     3},
    {"ncw_1d_5_groups_unit_dims_bias",
     false,
     1,
     35,
     40,
     {33},
     {5},
     {1},
     {2},
     {1},
     Epilogue::UnitDimsBiasRelu,
     false,
     5},
    // Channels last: the features of a position are its groups' in turn,
    // each group's output features columns over the positions, read in
    // place (ContractionShape::groups).
    {"nhwc_2_groups_bias_relu",
     true,
     2,
     16,
     24,
     {9, 9},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::BiasRelu,
     false,
     2},
    {"nhwc_8_groups_stride2_constant",
     true,
     1,
     32,
     32,
     {10, 10},
     {3, 3},
     {2, 2},
     {1, 1},
     {1, 1},
     Epilogue::None,
     true,
     8},
    // ResNeXt's 32 groups of 4 on two images: each output row holds every
    // group's columns, where the residual is read and the sums stored.
    {"nhwc_32_groups_of_4_two_images_residual",
     true,
     2,
     128,
     128,
     {6, 6},
     {3, 3},
     {1, 1},
     {1, 1},
     {1, 1},
     Epilogue::ResidualRelu,
     false,
     32},
    // One spatial dim, 16 features a group, whole vectors of some widths.
    {"nwc_1d_4_groups_unit_dims_bias",
     true,
     1,
     64,
     64,
     {21},
     {3},
     {1},
     {1},
     {1},
     Epilogue::UnitDimsBiasRelu,
     false,
     4},
};

INSTANTIATE_TEST_SUITE_P(Cases, TiledConvolutionGroups,
                         ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<ConvCase> &info) {
                           return std::string(info.param.name);
                         });

} // namespace
