//===- DepthwiseConvolutionTest.cpp - The depthwise row kernel ------------===//
//
// Depthwise convolutions on NCHW images, which the row kernel computes in
// vectors with their padding read through masks (KernelEmitterDepthwise.cpp):
// width strides 1 and 2, any height stride, padding on any side (uneven
// too), dilation, windows wider than a row, rows narrower than a vector,
// of exactly one and of odd lengths, a fused bias and ReLU6, for every
// vector width this host runs and at 1, 2 and 3 threads. Each result is
// checked bit for bit against the reference interpreter, which sums the
// same products in the same order with the same FMAs (the padding's
// products are zeros, which leave every sum as it is).
//
//===----------------------------------------------------------------------===//

#include "test/support/CompileText.h"
#include "test/support/HostVectorWidths.h"
#include "test/support/NumericsCompare.h"

#include "compiler/reference/Interpreter.h"
#include "tools/common/RandomTensor.h"

#include <gtest/gtest.h>

#include <cstring>
#include <sstream>

namespace {

using kiln::HostTensor;

/// One depthwise convolution: `pad` is (top, bottom, left, right).
struct DepthwiseCase {
  const char *name;
  int64_t batch, features, height, width;
  int64_t windowH, windowW, strideH, strideW, dilationH, dilationW;
  std::array<int64_t, 4> pad;
  bool biasRelu6 = false;
};

void PrintTo(const DepthwiseCase &c, std::ostream *os) { *os << c.name; }

std::string tensorType(std::initializer_list<int64_t> shape) {
  std::string text = "tensor<";
  for (int64_t d : shape)
    text += std::to_string(d) + "x";
  return text + "f32>";
}

std::string graphText(const DepthwiseCase &c) {
  int64_t outH =
      (c.height + c.pad[0] + c.pad[1] - (c.windowH - 1) * c.dilationH - 1) /
          c.strideH +
      1;
  int64_t outW =
      (c.width + c.pad[2] + c.pad[3] - (c.windowW - 1) * c.dilationW - 1) /
          c.strideW +
      1;
  std::string in = tensorType({c.batch, c.features, c.height, c.width});
  std::string kernel = tensorType({c.features, 1, c.windowH, c.windowW});
  std::string out = tensorType({c.batch, c.features, outH, outW});
  std::ostringstream os;
  os << "func.func @main(%x: " << in << ", %k: " << kernel;
  if (c.biasRelu6)
    os << ", %bias: " << tensorType({c.features});
  os << ") -> " << out << " {\n"
     << "  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, "
        "1]->[b, f, 0, 1], window = {stride = ["
     << c.strideH << ", " << c.strideW << "], pad = [[" << c.pad[0] << ", "
     << c.pad[1] << "], [" << c.pad[2] << ", " << c.pad[3]
     << "]], rhs_dilate = [" << c.dilationH << ", " << c.dilationW
     << "]} {batch_group_count = 1 : i64, feature_group_count = " << c.features
     << " : i64} : (" << in << ", " << kernel << ") -> " << out << "\n";
  if (!c.biasRelu6) {
    os << "  return %0 : " << out << "\n}";
    return os.str();
  }
  os << "  %1 = hlo.broadcast_in_dim %bias, dims = [1] : ("
     << tensorType({c.features}) << ") -> " << out << "\n"
     << "  %2 = hlo.add %0, %1 : " << out << "\n"
     << "  %lo = hlo.constant dense<0.0> : tensor<f32>\n"
     << "  %hi = hlo.constant dense<6.0> : tensor<f32>\n"
     << "  %3 = hlo.clamp %lo, %2, %hi : (tensor<f32>, " << out
     << ", tensor<f32>) -> " << out << "\n"
     << "  return %3 : " << out << "\n}";
  return os.str();
}

class DepthwiseConvolution : public ::testing::TestWithParam<DepthwiseCase> {};

TEST_P(DepthwiseConvolution, MatchesInterpreterBitForBit) {
  const DepthwiseCase &c = GetParam();
  std::string text = graphText(c);
  mlir::MLIRContext context;
  auto module = kiln::parseGraphString(text, context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError()) << text;
  auto entry = kiln::getEntryFunction(**module);
  ASSERT_TRUE(bool(entry)) << llvm::toString(entry.takeError());
  std::vector<kiln::TensorSpec> inputSpecs, outputSpecs;
  ASSERT_FALSE(
      bool(kiln::describeSignature(**module, inputSpecs, outputSpecs)));
  std::vector<HostTensor> inputs;
  for (size_t i = 0; i < inputSpecs.size(); ++i)
    inputs.push_back(kiln::randomTensor(inputSpecs[i].elementType,
                                        inputSpecs[i].shape, 7, i));
  auto reference = kiln::interpret(*entry, inputs);
  ASSERT_TRUE(bool(reference)) << llvm::toString(reference.takeError());

  kiln::testing::runAtEachWidthAndThreadCount(
      context, text, inputs, [&](const std::vector<HostTensor> &native) {
        const HostTensor &result = native[0];
        EXPECT_EQ(std::memcmp(result.data(), (*reference)[0].data(),
                              result.numElements() * sizeof(float)),
                  0)
            << kiln::testing::compareTensors(result, (*reference)[0],
                                             kiln::testing::sameValue);
      });
}

const DepthwiseCase kCases[] = {
    // MobileNetV2's layers, smaller: 3x3 padding 1 at strides 1 and 2.
    {"3x3_stride1_pad1", 2, 3, 9, 37, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}},
    {"3x3_stride2_pad1", 1, 5, 12, 40, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}},
    // Rows of one output, of fewer outputs than a vector, of exactly 16.
    {"row_of_one", 1, 4, 5, 1, 3, 1, 1, 1, 1, 1, {1, 1, 0, 0}},
    {"row_of_seven", 1, 7, 7, 7, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}},
    {"row_of_sixteen", 1, 2, 4, 16, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}},
    // Uneven padding, mixed strides, no padding at all.
    {"uneven_padding", 1, 3, 10, 33, 3, 3, 1, 1, 1, 1, {0, 2, 2, 0}},
    {"stride_2_by_1", 1, 3, 11, 20, 3, 3, 2, 1, 1, 1, {1, 1, 1, 1}},
    {"stride_1_by_2", 1, 3, 11, 35, 3, 3, 1, 2, 1, 1, {1, 1, 1, 1}},
    {"unpadded", 2, 2, 6, 50, 3, 3, 1, 1, 1, 1, {0, 0, 0, 0}},
    // Dilation, and wide windows whose taps leave the row on both sides.
    {"dilated", 1, 3, 13, 29, 3, 3, 1, 1, 2, 3, {2, 2, 3, 3}},
    {"5x5_stride2_pad2", 1, 4, 15, 31, 5, 5, 2, 2, 1, 1, {2, 2, 2, 2}},
    {"7x7_pad3_narrow", 1, 2, 9, 5, 7, 7, 1, 1, 1, 1, {3, 3, 3, 3}},
    // A fused bias and ReLU6 (the row buffer and the epilogue).
    {"3x3_bias_relu6", 1, 6, 8, 23, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}, true},
    {"3x3_stride2_bias_relu6",
     1,
     6,
     9,
     26,
     3,
     3,
     2,
     2,
     1,
     1,
     {1, 1, 1, 1},
     true},
};

INSTANTIATE_TEST_SUITE_P(
    Cases, DepthwiseConvolution, ::testing::ValuesIn(kCases),
    [](const ::testing::TestParamInfo<DepthwiseCase> &info) {
      return std::string(info.param.name);
    });

} // namespace
