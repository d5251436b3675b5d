//===- MathAccuracyTest.cpp - Native transcendentals against f64 ----------===//
//
// Every f32 transcendental Kiln compiles, run natively on inputs from every
// binade of the f32 range (subnormals, both signs, ±0, ±inf, NaN, the
// extremes), against the C library's double-precision function: the error
// in ulps of the f32 result must stay within the bound docs/math-accuracy.md
// gives, and special values (NaN, ±inf, the sign of zero) must match exactly.
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/SpecialFunctions.h"
#include "test/support/CompileText.h"
#include "test/support/NumericsCompare.h"
#include "tools/common/SplitMix64.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <iomanip>
#include <limits>

namespace {

struct MathCase {
  const char *op;
  double (*oracle)(double);
};

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double rsqrt(double x) { return 1.0 / std::sqrt(x); }

/// Each function against its double-precision oracle; the bounds are
/// kiln::kMathUlpBounds, the table of docs/math-accuracy.md.
const MathCase kCases[] = {
    {"sine", [](double x) { return std::sin(x); }},
    {"cosine", [](double x) { return std::cos(x); }},
    {"exponential", [](double x) { return std::exp(x); }},
    {"exponential_minus_one", [](double x) { return std::expm1(x); }},
    {"log", [](double x) { return std::log(x); }},
    {"log_plus_one", [](double x) { return std::log1p(x); }},
    {"tanh", [](double x) { return std::tanh(x); }},
    {"logistic", logistic},
    {"erf", [](double x) { return std::erf(x); }},
    {"sqrt", [](double x) { return std::sqrt(x); }},
    {"rsqrt", rsqrt},
    {"tan", [](double x) { return std::tan(x); }},
    {"cbrt", [](double x) { return std::cbrt(x); }},
    {"round_nearest_afz", [](double x) { return std::round(x); }},
    {"round_nearest_even", [](double x) { return std::nearbyint(x); }},
    {"asin", [](double x) { return std::asin(x); }},
    {"acos", [](double x) { return std::acos(x); }},
    {"atan", [](double x) { return std::atan(x); }},
    {"sinh", [](double x) { return std::sinh(x); }},
    {"cosh", [](double x) { return std::cosh(x); }},
    {"asinh", [](double x) { return std::asinh(x); }},
    {"acosh", [](double x) { return std::acosh(x); }},
    {"atanh", [](double x) { return std::atanh(x); }},
    {"erfc", [](double x) { return std::erfc(x); }},
    {"lgamma", kiln::reference::logGamma},
    {"digamma", kiln::reference::digamma},
    {"erf_inv", kiln::reference::erfInverse},
    {"bessel_i1e", kiln::reference::besselI1e},
};

float bitsToFloat(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

/// 64 values from each binade of the f32 range (exponent field 0 to 254, so
/// subnormals too) with both signs, plus the special values and the worst
/// inputs the exhaustive sweeps found (docs/math-accuracy.md), so that ctest
/// holds every function to its bound where it is hardest.
std::vector<float> sweepInputs() {
  kiln::SplitMix64 random(7);
  std::vector<float> inputs;
  for (uint32_t exponent = 0; exponent < 255; ++exponent)
    for (int i = 0; i < 64; ++i)
      for (uint32_t sign : {0u, 1u})
        inputs.push_back(bitsToFloat(sign << 31 | exponent << 23 |
                                     uint32_t(random.next() >> 41)));
  float specials[] = {0.0f,
                      -0.0f,
                      std::numeric_limits<float>::infinity(),
                      -std::numeric_limits<float>::infinity(),
                      std::numeric_limits<float>::quiet_NaN(),
                      std::numeric_limits<float>::max(),
                      -std::numeric_limits<float>::max(),
                      std::numeric_limits<float>::min(),
                      std::numeric_limits<float>::denorm_min(),
                      -std::numeric_limits<float>::denorm_min(),
                      1.0f,
                      -1.0f,
                      0x1.62e2fep+6f,  // exp, expm1: MLIR's 5.51 ulp
                      0x1.481106p+2f,  // tanh: MLIR's 4.90 ulp
                      0x1.1a1252p-1f,  // tanh: 1.46 ulp
                      -0x1.782f42p+2f, // exp: 1.01 ulp
                      0x1.f7f54ep-7f,  // expm1: 2.46 ulp
                      -0x1.0a111ap+2f, // logistic: 2.40 ulp before
                      -0x1.8f3676p+2f, // logistic: 1.97 ulp
                      0x1.dce0a6p+0f,  // erf: MLIR's 4.79 ulp
                      0x1.00018cp+0f}; // erf: 1.61 ulp
  inputs.insert(inputs.end(), std::begin(specials), std::end(specials));
  return inputs;
}

using kiln::testing::ulpError;

/// Compiles `op` over a tensor of `count` f32 values.
std::unique_ptr<kiln::Executable> compileUnary(mlir::MLIRContext &context,
                                               const char *op, size_t count) {
  std::string n = std::to_string(count);
  std::string graph = "func.func @main(%x: tensor<" + n + "xf32>) -> tensor<" +
                      n + "xf32> {\n  %0 = hlo." + op + " %x : tensor<" + n +
                      "xf32>\n  return %0 : tensor<" + n + "xf32>\n}\n";
  return kiln::testing::compileText(context, graph);
}

/// The worst error over `inputs`, and the input where it occurs.
struct Worst {
  double ulps = 0;
  float input = 0, got = 0;
};

void measure(kiln::Executable &executable, const MathCase &c,
             const std::vector<float> &inputs, Worst &worst) {
  kiln::HostTensor x(kiln::ElementType::F32,
                     {static_cast<int64_t>(inputs.size())});
  std::memcpy(x.data(), inputs.data(), inputs.size() * sizeof(float));
  auto outputs = executable.run({x});
  ASSERT_TRUE(bool(outputs)) << llvm::toString(outputs.takeError());
  const float *got = (*outputs)[0].dataAs<float>();
  for (size_t i = 0; i < inputs.size(); ++i) {
    double exact = c.oracle(double(inputs[i]));
    double error = ulpError(got[i], exact);
    if (!(error <= worst.ulps))
      worst = {error, inputs[i], got[i]};
  }
}

void expectWithinBound(const MathCase &c, const Worst &worst) {
  EXPECT_LE(worst.ulps, kiln::mathUlpBound(c.op))
      << c.op << "(" << std::hexfloat << worst.input << " = "
      << std::defaultfloat << worst.input << ") = " << worst.got
      << ", expected " << c.oracle(double(worst.input));
  std::cout << c.op << ": max error " << worst.ulps
            << " ulp at x = " << std::setprecision(9) << worst.input << "\n";
}

class MathAccuracyTest : public ::testing::TestWithParam<MathCase> {};

TEST_P(MathAccuracyTest, WithinBoundOverTheF32Range) {
  const MathCase &c = GetParam();
  std::vector<float> inputs = sweepInputs();
  mlir::MLIRContext context;
  std::unique_ptr<kiln::Executable> executable =
      compileUnary(context, c.op, inputs.size());
  ASSERT_TRUE(executable);
  Worst worst;
  measure(*executable, c, inputs, worst);
  expectWithinBound(c, worst);
}

/// All 2^32 inputs, in 256 runs of 2^24: minutes per function, so not part
/// of ctest; scripts/math-sweep.sh runs it.
TEST_P(MathAccuracyTest, DISABLED_Exhaustive) {
  const MathCase &c = GetParam();
  constexpr size_t kChunk = size_t(1) << 24;
  mlir::MLIRContext context;
  std::unique_ptr<kiln::Executable> executable =
      compileUnary(context, c.op, kChunk);
  ASSERT_TRUE(executable);
  Worst worst;
  std::vector<float> inputs(kChunk);
  for (uint64_t start = 0; start < (uint64_t(1) << 32); start += kChunk) {
    for (size_t i = 0; i < kChunk; ++i)
      inputs[i] = bitsToFloat(uint32_t(start + i));
    measure(*executable, c, inputs, worst);
  }
  expectWithinBound(c, worst);
}

INSTANTIATE_TEST_SUITE_P(Transcendentals, MathAccuracyTest,
                         ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<MathCase> &info) {
                           return std::string(info.param.op);
                         });

} // namespace
