//===- ElementalWindowTest.cpp - Channels-last windows, padding read ------===//
//
// Windows with their features innermost (NHWC) that the elemental loop
// kernel computes on its unpadded input (kiln-pad-windows leaves the
// padding to it): grouped convolutions (depthwise in JAX's layout), which
// neither the tiled engine (groups) nor the row window kernel (NCHW)
// takes, and max and sum pooling. Positions whose window lies inside the
// input combine every tap unchecked; the others clamp each tap's read and
// keep the value without it (a convolution's sum, a pooling window's init
// value) where it lies outside; each row's loop over the features is split
// on that check, and a convolution's positions are computed four at a
// time along a line where all four windows lie inside
// (KernelEmitterLoop.cpp): lines of a width off four, rows of features in
// strips. Strides, uneven padding, dilation, windows wider than the
// image, channel counts off the vector width, several input and output
// features per group, batches, a fused bias and ReLU6, a fused producer,
// for every vector width this host runs and at 1, 2 and 3 threads. Each result
// is checked bit for bit against the reference interpreter, which skips a
// convolution's padding taps, combines a pooling window's init value for its
// own, and takes the others in the same order.
//
//===----------------------------------------------------------------------===//

#include "test/support/HostVectorWidths.h"
#include "test/support/TensorTypeText.h"

#include <gtest/gtest.h>

#include <array>
#include <sstream>

namespace {

using kiln::testing::tensorType;

/// One grouped convolution, NHWC / HWIO / NHWC: `groups` groups of
/// `inPerGroup` input and `outPerGroup` output features; `pad` is (top,
/// bottom, left, right).
struct GroupedCase {
  const char *name;
  int64_t batch, height, width, groups, inPerGroup, outPerGroup;
  int64_t windowH, windowW, strideH, strideW, dilationH, dilationW;
  std::array<int64_t, 4> pad;
  bool biasRelu6 = false;
};

void PrintTo(const GroupedCase &c, std::ostream *os) { *os << c.name; }

int64_t outputSize(int64_t size, int64_t padding, int64_t window,
                   int64_t dilation, int64_t stride) {
  return (size + padding - (window - 1) * dilation - 1) / stride + 1;
}

std::string graphText(const GroupedCase &c) {
  int64_t outH = outputSize(c.height, c.pad[0] + c.pad[1], c.windowH,
                            c.dilationH, c.strideH);
  int64_t outW = outputSize(c.width, c.pad[2] + c.pad[3], c.windowW,
                            c.dilationW, c.strideW);
  int64_t features = c.groups * c.outPerGroup;
  std::string in =
      tensorType({c.batch, c.height, c.width, c.groups * c.inPerGroup});
  std::string kernel =
      tensorType({c.windowH, c.windowW, c.inPerGroup, features});
  std::string out = tensorType({c.batch, outH, outW, features});
  std::ostringstream os;
  os << "func.func @main(%x: " << in << ", %k: " << kernel;
  if (c.biasRelu6)
    os << ", %bias: " << tensorType({features});
  os << ") -> " << out << " {\n"
     << "  %0 = hlo.convolution(%x, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, "
        "o]->[b, 0, 1, f], window = {stride = ["
     << c.strideH << ", " << c.strideW << "], pad = [[" << c.pad[0] << ", "
     << c.pad[1] << "], [" << c.pad[2] << ", " << c.pad[3]
     << "]], rhs_dilate = [" << c.dilationH << ", " << c.dilationW
     << "]} {batch_group_count = 1 : i64, feature_group_count = " << c.groups
     << " : i64} : (" << in << ", " << kernel << ") -> " << out << "\n";
  if (!c.biasRelu6) {
    os << "  return %0 : " << out << "\n}";
    return os.str();
  }
  os << "  %1 = hlo.broadcast_in_dim %bias, dims = [3] : ("
     << tensorType({features}) << ") -> " << out << "\n"
     << "  %2 = hlo.add %0, %1 : " << out << "\n"
     << "  %lo = hlo.constant dense<0.0> : tensor<f32>\n"
     << "  %hi = hlo.constant dense<6.0> : tensor<f32>\n"
     << "  %3 = hlo.clamp %lo, %2, %hi : (tensor<f32>, " << out
     << ", tensor<f32>) -> " << out << "\n"
     << "  return %3 : " << out << "\n}";
  return os.str();
}

class GroupedConvolution : public ::testing::TestWithParam<GroupedCase> {};

TEST_P(GroupedConvolution, MatchesInterpreterBitForBit) {
  kiln::testing::expectInterpreterBitsAtEachWidth(graphText(GetParam()),
                                                  /*seed=*/11);
}

// clang-format off: one case per line.
const GroupedCase kCases[] = {
    // Depthwise, MobileNet's windows: 3x3 padding 1 at strides 1 and 2, 19
    // and 24 channels (no whole number of vectors at any width).
    {"depthwise_3x3_stride1_pad1", 2, 13, 11, 19, 1, 1, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}},
    {"depthwise_3x3_stride2_pad1", 1, 14, 15, 24, 1, 1, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}},
    {"depthwise_5x5_stride2_pad2", 1, 9, 10, 8, 1, 1, 5, 5, 2, 2, 1, 1, {2, 2, 2, 2}},
    // Uneven padding, mixed strides, dilation past the padding.
    {"depthwise_uneven_padding", 1, 10, 9, 5, 1, 1, 3, 3, 1, 1, 1, 1, {0, 2, 2, 0}},
    {"depthwise_stride_2_by_1", 1, 11, 8, 7, 1, 1, 3, 3, 2, 1, 1, 1, {1, 1, 1, 1}},
    {"depthwise_dilated", 1, 12, 13, 6, 1, 1, 3, 3, 2, 3, 2, 3, {2, 2, 3, 3}},
    // A window wider than the image: no position lies inside it.
    {"depthwise_7x7_on_3x5", 1, 3, 5, 3, 1, 1, 7, 7, 1, 1, 1, 1, {3, 3, 3, 3}},
    // One output position; an unpadded window (no check at all).
    {"depthwise_one_position", 1, 2, 2, 17, 1, 1, 3, 3, 1, 1, 1, 1, {1, 0, 1, 0}},
    {"depthwise_unpadded", 2, 6, 7, 9, 1, 1, 3, 3, 1, 1, 1, 1, {0, 0, 0, 0}},
    // Several features per group, in and out, and a channel multiplier.
    {"groups_3_in_4_out", 1, 8, 9, 2, 3, 4, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}},
    {"depthwise_multiplier_2", 1, 7, 6, 5, 1, 2, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}},
    // A fused bias and ReLU6, as MobileNet's depthwise layers have.
    {"depthwise_3x3_stride2_bias_relu6", 1, 12, 12, 32, 1, 1, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}, true},
    {"depthwise_3x3_stride1_bias_relu6", 1, 9, 14, 24, 1, 1, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}, true},
    // Rows of more features than four vectors at every width, which the
    // positions computed four at a time walk in strips.
    {"depthwise_3x3_features_in_strips", 1, 7, 13, 70, 1, 1, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}},
    // Rows of more than four strips, at strides 1 and 2.
    {"depthwise_3x3_stride1_wide_rows", 1, 7, 9, 150, 1, 1, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}},
    {"depthwise_3x3_stride2_wide_rows", 1, 9, 10, 150, 1, 1, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}, true},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Cases, GroupedConvolution, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<GroupedCase> &info) {
                           return std::string(info.param.name);
                         });

/// One pooling window over an NHWC image's spatial dims: `pad` is (top,
/// bottom, left, right); `sum` pools with add and init 0 (else max, init
/// -inf); `negate` pools the negated image, the negate fused where the
/// windows do not overlap.
struct PoolingCase {
  const char *name;
  int64_t batch, height, width, features;
  int64_t windowH, windowW, strideH, strideW, dilationH, dilationW;
  std::array<int64_t, 4> pad;
  bool sum = false, negate = false;
};

void PrintTo(const PoolingCase &c, std::ostream *os) { *os << c.name; }

std::string graphText(const PoolingCase &c) {
  int64_t outH = outputSize(c.height, c.pad[0] + c.pad[1], c.windowH,
                            c.dilationH, c.strideH);
  int64_t outW = outputSize(c.width, c.pad[2] + c.pad[3], c.windowW,
                            c.dilationW, c.strideW);
  std::string in = tensorType({c.batch, c.height, c.width, c.features});
  std::string out = tensorType({c.batch, outH, outW, c.features});
  std::ostringstream os;
  os << "func.func @main(%x: " << in << ") -> " << out << " {\n";
  std::string pooled = "%x";
  if (c.negate) {
    os << "  %n = hlo.negate %x : " << in << "\n";
    pooled = "%n";
  }
  os << "  %init = hlo.constant dense<" << (c.sum ? "0.0" : "0xFF800000")
     << "> : tensor<f32>\n"
     << "  %0 = \"hlo.reduce_window\"(" << pooled
     << ", %init) <{window_dimensions = array<i64: 1, " << c.windowH << ", "
     << c.windowW << ", 1>, window_strides = array<i64: 1, " << c.strideH
     << ", " << c.strideW << ", 1>, window_dilations = array<i64: 1, "
     << c.dilationH << ", " << c.dilationW << ", 1>, padding = dense<[[0, 0], ["
     << c.pad[0] << ", " << c.pad[1] << "], [" << c.pad[2] << ", " << c.pad[3]
     << "], [0, 0]]> : tensor<4x2xi64>}> ({\n"
     << "  ^bb0(%a: tensor<f32>, %b: tensor<f32>):\n"
     << "    %r = " << (c.sum ? "hlo.add" : "hlo.maximum")
     << " %a, %b : tensor<f32>\n"
     << "    hlo.return %r : tensor<f32>\n"
     << "  }) : (" << in << ", tensor<f32>) -> " << out << "\n"
     << "  return %0 : " << out << "\n}";
  return os.str();
}

class PoolingWindow : public ::testing::TestWithParam<PoolingCase> {};

TEST_P(PoolingWindow, MatchesInterpreterBitForBit) {
  kiln::testing::expectInterpreterBitsAtEachWidth(graphText(GetParam()),
                                                  /*seed=*/11);
}

// clang-format off: one case per line.
const PoolingCase kPoolingCases[] = {
    // ResNet's max pool after its stem, smaller; an average pool's sums.
    {"max_3x3_stride2_pad1", 2, 13, 14, 19, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}},
    {"sum_3x3_stride1_pad1", 1, 9, 8, 24, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}, true},
    // Uneven padding, dilation, a window wider than the image.
    {"max_uneven_padding", 1, 10, 9, 5, 3, 3, 1, 2, 1, 1, {0, 2, 2, 0}},
    {"max_dilated", 1, 12, 11, 6, 3, 3, 1, 1, 2, 3, {2, 2, 3, 3}},
    {"sum_5x5_on_2x3", 1, 2, 3, 9, 5, 5, 1, 1, 1, 1, {2, 2, 2, 2}, true},
    // Windows that do not overlap take their producer into the kernel,
    // which computes it at the clamped positions too.
    {"max_2x2_stride2_negated", 1, 7, 9, 10, 2, 2, 2, 2, 1, 1, {0, 1, 0, 1}, false, true},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Cases, PoolingWindow,
                         ::testing::ValuesIn(kPoolingCases),
                         [](const ::testing::TestParamInfo<PoolingCase> &info) {
                           return std::string(info.param.name);
                         });

} // namespace
