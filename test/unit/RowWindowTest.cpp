//===- RowWindowTest.cpp - The row window kernel --------------------------===//
//
// Depthwise convolutions and max and sum pooling on NCHW images, which the
// row window kernel computes in vectors with their padding read through
// masks (KernelEmitterRowWindow.cpp): width strides 1 and 2, any height
// stride, padding on any side (uneven too), dilation, windows wider than a
// row, rows narrower than a vector, of exactly one and of odd lengths, a
// fused bias and ReLU6 or a residual add (in registers), a bias and floor
// (through the row buffer; or a consumer of the pooling), for every vector
// width this host runs and at 1, 2 and 3 threads. Each result is checked
// bit for bit against the reference interpreter, which combines the same
// elements in the same order (a convolution's padding products are zeros,
// which leave every sum as it is; a pooling window's padding is its init
// value). A convolution at width stride 2 may sum its taps in pairs, in
// another order (where the registers are short: RowWindow::pairedTaps), so
// its results are checked within the interpreter's error bounds instead,
// and bit for bit against its own at every thread count.
//
//===----------------------------------------------------------------------===//

#include "test/support/CompileText.h"
#include "test/support/HostVectorWidths.h"
#include "test/support/NumericsCompare.h"
#include "test/support/ReferenceRun.h"
#include "test/support/TensorTypeText.h"

#include "compiler/frontends/mlir/GraphFile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

namespace {

using kiln::HostTensor;

/// What a depthwise convolution's fusion computes after it.
/// UnitDimsBiasRelu6: the bias as ONNX models give it, [1, C, 1, 1].
enum class Epilogue { None, BiasRelu6, UnitDimsBiasRelu6, Residual, BiasFloor };

/// One depthwise convolution: `pad` is (top, bottom, left, right).
struct DepthwiseCase {
  const char *name;
  int64_t batch, features, height, width;
  int64_t windowH, windowW, strideH, strideW, dilationH, dilationW;
  std::array<int64_t, 4> pad;
  Epilogue epilogue = Epilogue::None;
};

void PrintTo(const DepthwiseCase &c, std::ostream *os) { *os << c.name; }

using kiln::testing::tensorType;

/// The outputs of a window of `window` taps `dilation` apart, moved by
/// `stride` over `size` elements and `padding` more.
int64_t outputSize(int64_t size, int64_t padding, int64_t window,
                   int64_t dilation, int64_t stride) {
  return (size + padding - (window - 1) * dilation - 1) / stride + 1;
}

std::string graphText(const DepthwiseCase &c) {
  int64_t outH = outputSize(c.height, c.pad[0] + c.pad[1], c.windowH,
                            c.dilationH, c.strideH);
  int64_t outW = outputSize(c.width, c.pad[2] + c.pad[3], c.windowW,
                            c.dilationW, c.strideW);
  std::string in = tensorType({c.batch, c.features, c.height, c.width});
  std::string kernel = tensorType({c.features, 1, c.windowH, c.windowW});
  std::string out = tensorType({c.batch, c.features, outH, outW});
  std::ostringstream os;
  os << "func.func @main(%x: " << in << ", %k: " << kernel;
  if (c.epilogue == Epilogue::BiasRelu6 || c.epilogue == Epilogue::BiasFloor)
    os << ", %bias: " << tensorType({c.features});
  if (c.epilogue == Epilogue::UnitDimsBiasRelu6)
    os << ", %bias: " << tensorType({1, c.features, 1, 1});
  if (c.epilogue == Epilogue::Residual)
    os << ", %residual: " << out;
  os << ") -> " << out << " {\n"
     << "  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, "
        "1]->[b, f, 0, 1], window = {stride = ["
     << c.strideH << ", " << c.strideW << "], pad = [[" << c.pad[0] << ", "
     << c.pad[1] << "], [" << c.pad[2] << ", " << c.pad[3]
     << "]], rhs_dilate = [" << c.dilationH << ", " << c.dilationW
     << "]} {batch_group_count = 1 : i64, feature_group_count = " << c.features
     << " : i64} : (" << in << ", " << kernel << ") -> " << out << "\n";
  switch (c.epilogue) {
  case Epilogue::None:
    os << "  return %0 : " << out << "\n}";
    break;
  case Epilogue::Residual:
    os << "  %1 = hlo.add %residual, %0 : " << out << "\n"
       << "  return %1 : " << out << "\n}";
    break;
  case Epilogue::BiasRelu6:
  case Epilogue::UnitDimsBiasRelu6:
  case Epilogue::BiasFloor:
    if (c.epilogue == Epilogue::UnitDimsBiasRelu6)
      os << "  %1 = hlo.broadcast_in_dim %bias, dims = [0, 1, 2, 3] : ("
         << tensorType({1, c.features, 1, 1}) << ") -> " << out << "\n";
    else
      os << "  %1 = hlo.broadcast_in_dim %bias, dims = [1] : ("
         << tensorType({c.features}) << ") -> " << out << "\n";
    os << "  %2 = hlo.add %0, %1 : " << out << "\n";
    if (c.epilogue == Epilogue::BiasFloor) {
      os << "  %3 = hlo.floor %2 : " << out << "\n";
    } else {
      os << "  %lo = hlo.constant dense<0.0> : tensor<f32>\n"
         << "  %hi = hlo.constant dense<6.0> : tensor<f32>\n"
         << "  %3 = hlo.clamp %lo, %2, %hi : (tensor<f32>, " << out
         << ", tensor<f32>) -> " << out << "\n";
    }
    os << "  return %3 : " << out << "\n}";
    break;
  }
  return os.str();
}

/// Runs `text` natively at every vector width and thread count and checks
/// its first result bit for bit against the interpreter's.
void expectInterpreterBits(const std::string &text) {
  kiln::testing::expectInterpreterBitsAtEachWidth(text, /*seed=*/7);
}

/// Runs `text` natively at every vector width and thread count and checks
/// its first result within the interpreter's error bounds, and each width's
/// results bit for bit against its first.
void expectWithinInterpreterBounds(const std::string &text) {
  mlir::MLIRContext context;
  auto run = kiln::testing::interpretRandomInputs(context, text, 7);
  ASSERT_TRUE(run);
  auto module = kiln::parseGraphString(text, context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  auto entry = kiln::getEntryFunction(**module);
  ASSERT_TRUE(bool(entry)) << llvm::toString(entry.takeError());
  auto expected = kiln::interpretWithErrorBounds(*entry, run->inputs);
  ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());

  // runAtEachWidthAndThreadCount runs each width 6 times: 3 thread
  // counts, then 3 with the weights declared unchanged.
  constexpr int kRunsPerWidth = 6;
  int runs = 0;
  HostTensor first;
  kiln::testing::runAtEachWidthAndThreadCount(
      context, text, run->inputs, [&](const std::vector<HostTensor> &native) {
        const HostTensor &result = native[0];
        EXPECT_EQ(kiln::testing::compareWithinBounds(
                      result, expected->values[0], expected->errorBounds[0]),
                  "");
        if (runs++ % kRunsPerWidth == 0)
          first = result;
        else
          EXPECT_TRUE(kiln::testing::sameBits(result, first))
              << "differs from the first thread count's result";
      });
}

/// Whether the kernel may sum the case's taps in pairs, in another order
/// than the interpreter's (RowWindow::pairedTaps).
bool mayPairTaps(const DepthwiseCase &c) {
  return c.strideW == 2 && c.dilationW == 1 && c.windowW >= 2;
}

class DepthwiseConvolution : public ::testing::TestWithParam<DepthwiseCase> {};

TEST_P(DepthwiseConvolution, MatchesInterpreter) {
  if (mayPairTaps(GetParam()))
    expectWithinInterpreterBounds(graphText(GetParam()));
  else
    expectInterpreterBits(graphText(GetParam()));
}

// clang-format off: one case per line.
const DepthwiseCase kCases[] = {
    // MobileNetV2's layers, smaller: 3x3 padding 1 at strides 1 and 2.
    {"3x3_stride1_pad1", 2, 3, 9, 37, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}},
    {"3x3_stride2_pad1", 1, 5, 12, 40, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}},
    // Rows long enough that stride 2's loop sums four vectors of a row at
    // every width (100 outputs: 7 vectors at 512 bits); a residual makes the
    // rows overlap at the end where they are no whole number of vectors.
    {"3x3_stride2_wide_rows", 1, 3, 7, 200, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}, Epilogue::Residual},
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
    // Paired taps: with no tap left over; the last tap left over (even
    // left padding) or the first (odd); rows narrower than a vector.
    {"2x2_stride2", 2, 3, 9, 41, 2, 2, 2, 2, 1, 1, {0, 1, 0, 1}},
    {"3x3_stride2_pad_right", 1, 3, 9, 40, 3, 3, 2, 2, 1, 1, {0, 1, 0, 1}},
    {"5x5_stride2_pad1", 1, 3, 11, 101, 5, 5, 2, 2, 1, 1, {1, 1, 1, 1}},
    {"3x3_stride2_narrow", 1, 3, 9, 9, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}},
    {"7x7_pad3_narrow", 1, 2, 9, 5, 7, 7, 1, 1, 1, 1, {3, 3, 3, 3}},
    // A fused bias and ReLU6, a residual add (the registers: masked reads
    // at the ends of a row, lanes in the in-lane shuffles' order at width
    // stride 2), a bias and floor (the row buffer and the epilogue).
    {"3x3_bias_relu6", 1, 6, 8, 23, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}, Epilogue::BiasRelu6},
    {"3x3_stride2_bias_relu6", 1, 6, 9, 26, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}, Epilogue::BiasRelu6},
    {"3x3_stride2_unit_dims_bias_relu6", 1, 6, 9, 26, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}, Epilogue::UnitDimsBiasRelu6},
    {"3x3_residual", 2, 3, 7, 37, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}, Epilogue::Residual},
    {"3x3_stride2_residual", 1, 4, 10, 45, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}, Epilogue::Residual},
    {"3x3_bias_floor", 1, 5, 8, 19, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}, Epilogue::BiasFloor},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(
    Cases, DepthwiseConvolution, ::testing::ValuesIn(kCases),
    [](const ::testing::TestParamInfo<DepthwiseCase> &info) {
      return std::string(info.param.name);
    });

/// One pooling window over the last two dims: `pad` is (top, bottom,
/// left, right); `sum` pools with add and init 0 (else max, init -inf);
/// `negate` feeds the result to a negate, fused after it.
struct PoolingCase {
  const char *name;
  int64_t batch, features, height, width;
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
  std::string in = tensorType({c.batch, c.features, c.height, c.width});
  std::string out = tensorType({c.batch, c.features, outH, outW});
  std::ostringstream os;
  os << "func.func @main(%x: " << in << ") -> " << out << " {\n"
     << "  %init = hlo.constant dense<" << (c.sum ? "0.0" : "0xFF800000")
     << "> : tensor<f32>\n"
     << "  %0 = \"hlo.reduce_window\"(%x, %init) <{window_dimensions = "
        "array<i64: 1, 1, "
     << c.windowH << ", " << c.windowW
     << ">, window_strides = array<i64: 1, 1, " << c.strideH << ", "
     << c.strideW << ">, window_dilations = array<i64: 1, 1, " << c.dilationH
     << ", " << c.dilationW << ">, padding = dense<[[0, 0], [0, 0], ["
     << c.pad[0] << ", " << c.pad[1] << "], [" << c.pad[2] << ", " << c.pad[3]
     << "]]> : tensor<4x2xi64>}> ({\n"
     << "  ^bb0(%a: tensor<f32>, %b: tensor<f32>):\n"
     << "    %m = " << (c.sum ? "hlo.add" : "hlo.maximum")
     << " %a, %b : tensor<f32>\n"
     << "    \"hlo.return\"(%m) : (tensor<f32>) -> ()\n"
     << "  }) : (" << in << ", tensor<f32>) -> " << out << "\n";
  if (!c.negate) {
    os << "  return %0 : " << out << "\n}";
    return os.str();
  }
  os << "  %1 = hlo.negate %0 : " << out << "\n"
     << "  return %1 : " << out << "\n}";
  return os.str();
}

class PoolingWindow : public ::testing::TestWithParam<PoolingCase> {};

TEST_P(PoolingWindow, MatchesInterpreterBitForBit) {
  expectInterpreterBits(graphText(GetParam()));
}

const PoolingCase kPoolingCases[] = {
    // ResNet's max pooling, smaller: 3x3 stride 2 padding 1.
    {"max_3x3_stride2_pad1", 2, 3, 13, 37, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}},
    {"max_3x3_stride1_pad1", 1, 4, 9, 33, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}},
    {"max_2x2_stride2", 1, 3, 10, 40, 2, 2, 2, 2, 1, 1, {0, 0, 0, 0}},
    {"max_row_of_one", 1, 2, 5, 1, 3, 1, 1, 1, 1, 1, {1, 1, 0, 0}},
    {"max_uneven_dilated", 1, 3, 12, 29, 3, 3, 2, 1, 2, 2, {0, 3, 2, 1}},
    {"max_5x5_wider_than_row", 1, 2, 7, 3, 5, 5, 1, 2, 1, 1, {2, 2, 2, 2}},
    {"max_then_negate",
     1,
     5,
     11,
     17,
     3,
     3,
     2,
     2,
     1,
     1,
     {1, 1, 1, 1},
     false,
     true},
    // Sum pooling (an average's numerator), padding read as zeros.
    {"sum_3x3_stride1_pad1", 1, 3, 8, 21, 3, 3, 1, 1, 1, 1, {1, 1, 1, 1}, true},
    {"sum_2x2_stride2", 2, 2, 9, 31, 2, 2, 2, 2, 1, 1, {0, 1, 0, 1}, true},
};

/// A max pool's taps combine by maximumf: inputs with NaN of either sign,
/// zeros of either sign, infinities and subnormals, in windows at the rows'
/// ends (the padding's -inf) and between them, give the interpreter's
/// results, NaN for any window with a NaN, and the sign of a zero.
TEST(PoolingWindowSpecialValues, MaximumKeepsNaNInfinitiesAndSignedZeros) {
  std::string text = graphText(
      PoolingCase{"max", 1, 2, 9, 37, 3, 3, 2, 2, 1, 1, {1, 1, 1, 1}});
  mlir::MLIRContext context;
  auto run = kiln::testing::interpretRandomInputs(context, text, 7);
  ASSERT_TRUE(run);
  HostTensor &input = run->inputs[0];
  float *x = input.dataAs<float>();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const float special[] = {nan,  -nan,   -0.0f,   0.0f,     inf,
                           -inf, 1e-45f, -1e-45f, -3.0e38f, 3.0e38f};
  // Every seventh element special; in the second feature, output (2, 5)'s
  // window of zeros of both signs (+0), and output (2, 7)'s of -0 alone.
  for (int64_t i = 0; i < input.numElements(); i += 7)
    x[i] = special[(i / 7) % std::size(special)];
  for (int64_t row : {3, 4, 5}) {
    for (int64_t column : {9, 10, 11})
      x[(9 + row) * 37 + column] = column == 10 ? 0.0f : -0.0f;
    for (int64_t column : {13, 14, 15})
      x[(9 + row) * 37 + column] = -0.0f;
  }
  auto module = kiln::parseGraphString(text, context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  auto entry = kiln::getEntryFunction(**module);
  ASSERT_TRUE(bool(entry)) << llvm::toString(entry.takeError());
  auto expected = kiln::interpret(*entry, run->inputs);
  ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());

  auto identical = [](double actual, double wanted) {
    if (std::isnan(actual) || std::isnan(wanted))
      return std::isnan(actual) && std::isnan(wanted);
    return actual == wanted && std::signbit(actual) == std::signbit(wanted);
  };
  kiln::testing::runAtEachWidthAndThreadCount(
      context, text, run->inputs, [&](const std::vector<HostTensor> &native) {
        EXPECT_EQ(
            kiln::testing::compareTensors(native[0], (*expected)[0], identical),
            "");
      });
}

INSTANTIATE_TEST_SUITE_P(Cases, PoolingWindow,
                         ::testing::ValuesIn(kPoolingCases),
                         [](const ::testing::TestParamInfo<PoolingCase> &info) {
                           return std::string(info.param.name);
                         });

} // namespace
