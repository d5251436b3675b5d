//===- JitReductionTest.cpp - Native reductions against the interpreter ---===//
//
// Reductions that native code folds in the interpreter's order: plain f32
// sums accumulated in f64 (exact where an f32 accumulator stalls), and the
// column structure for reductions over leading dims. Both must give the
// interpreter's results bit for bit.
//
//===----------------------------------------------------------------------===//

#include "test/support/NumericsCompare.h"

#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "tools/common/RandomTensor.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FormatVariadic.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

/// Runs `text` natively on `inputs` (seeded random ones for `seed` when
/// none are given) and, with `interpret`, in the interpreter: the native
/// outputs, then the interpreter's (if any).
std::pair<std::vector<kiln::HostTensor>, std::vector<kiln::HostTensor>>
runGraph(const std::string &text, uint64_t seed, bool interpret,
         std::vector<kiln::HostTensor> inputs = {}) {
  mlir::MLIRContext context;
  kiln::Compiler compiler(context);
  auto module = kiln::parseGraphString(text, context);
  EXPECT_TRUE(bool(module)) << llvm::toString(module.takeError());
  if (!module)
    return {};
  auto executable = compiler.compile(**module);
  EXPECT_TRUE(bool(executable)) << llvm::toString(executable.takeError());
  if (!executable)
    return {};
  for (size_t i = inputs.size(); i < (*executable)->inputs().size(); ++i) {
    const kiln::TensorSpec &spec = (*executable)->inputs()[i];
    inputs.push_back(kiln::randomTensor(spec.elementType, spec.shape, seed, i));
  }
  auto native = (*executable)->run(inputs);
  EXPECT_TRUE(bool(native)) << llvm::toString(native.takeError());
  if (!native || !interpret)
    return {native ? std::move(*native) : std::vector<kiln::HostTensor>{}, {}};
  auto entry = kiln::getEntryFunction(**module);
  EXPECT_TRUE(bool(entry)) << llvm::toString(entry.takeError());
  if (!entry)
    return {};
  auto reference = kiln::interpret(*entry, inputs);
  EXPECT_TRUE(bool(reference)) << llvm::toString(reference.takeError());
  if (!reference)
    return {};
  return {std::move(*native), std::move(*reference)};
}

/// Sums folded element by element (here over the outer dims) accumulate in
/// f64 and round once, as the interpreter does: bit for bit its result,
/// and exact where an f32 accumulator would stall. A sum of 2^25 ones in
/// f32 stops at 2^24; 1650 random terms in f32 were 150 ulps off
/// (kiln-difftest seed 338480).
TEST(JitExactSum, OuterDimSumsAreTheInterpretersBitForBit) {
  auto [native, reference] = runGraph(
      "func.func @main(%x: tensor<50x33x2xf32>) -> tensor<2xf32> {\n"
      "  %z = hlo.constant dense<0.0> : tensor<f32>\n"
      "  %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = "
      "[0, 1] : (tensor<50x33x2xf32>, tensor<f32>) -> tensor<2xf32>\n"
      "  return %0 : tensor<2xf32>\n}",
      /*seed=*/338480, /*interpret=*/true);
  ASSERT_EQ(native.size(), 1u);
  ASSERT_EQ(reference.size(), 1u);
  for (int64_t i = 0; i < 2; ++i)
    EXPECT_EQ(native[0].dataAs<float>()[i], reference[0].dataAs<float>()[i])
        << "column " << i;

  auto [ones, none] = runGraph(
      "func.func @main() -> tensor<2xf32> {\n"
      "  %one = hlo.constant dense<1.0> : tensor<f32>\n"
      "  %x = hlo.broadcast_in_dim %one, dims = [] : (tensor<f32>) -> "
      "tensor<33554432x2xf32>\n"
      "  %z = hlo.constant dense<0.0> : tensor<f32>\n"
      "  %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = "
      "[0] : (tensor<33554432x2xf32>, tensor<f32>) -> tensor<2xf32>\n"
      "  return %0 : tensor<2xf32>\n}",
      /*seed=*/1, /*interpret=*/false);
  ASSERT_EQ(ones.size(), 1u);
  for (int64_t i = 0; i < 2; ++i)
    EXPECT_EQ(ones[0].dataAs<float>()[i], 33554432.0f) << "column " << i;
}

/// Reductions over leading dims take the column structure (accumulators
/// per block of kept columns, the input folded row by row in memory order):
/// each column folds the interpreter's elements (a sum in f64), so every
/// result is its result bit for bit. The shapes cover rows left over after the
/// passes of four, kept rows of several dims, blocks wider than one (3000
/// columns), producers and consumers, max and integer sums, and two outputs.
TEST(JitColumnReduction, MatchesInterpreterBitForBit) {
  const char *graphs[] = {
      "func.func @main(%x: tensor<1000x37xf32>) -> tensor<37xf32> {\n"
      "  %z = hlo.constant dense<0.0> : tensor<f32>\n"
      "  %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = "
      "[0] : (tensor<1000x37xf32>, tensor<f32>) -> tensor<37xf32>\n"
      "  return %0 : tensor<37xf32>\n}",
      "func.func @main(%x: tensor<333x3x40xf32>) -> (tensor<40xf32>, "
      "tensor<40xf32>) {\n"
      "  %z = hlo.constant dense<0.0> : tensor<f32>\n"
      "  %q = hlo.multiply %x, %x : tensor<333x3x40xf32>\n"
      "  %0 = hlo.reduce(%q init: %z) applies hlo.add across dimensions = "
      "[0, 1] : (tensor<333x3x40xf32>, tensor<f32>) -> tensor<40xf32>\n"
      "  %s = hlo.constant dense<0.001> : tensor<40xf32>\n"
      "  %1 = hlo.multiply %0, %s : tensor<40xf32>\n"
      "  return %0, %1 : tensor<40xf32>, tensor<40xf32>\n}",
      "func.func @main(%x: tensor<6x4x2x20xf32>) -> tensor<4x2x20xf32> {\n"
      "  %z = hlo.constant dense<0.0> : tensor<f32>\n"
      "  %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = "
      "[0] : (tensor<6x4x2x20xf32>, tensor<f32>) -> tensor<4x2x20xf32>\n"
      "  return %0 : tensor<4x2x20xf32>\n}",
      "func.func @main(%x: tensor<5x3000xf32>) -> tensor<3000xf32> {\n"
      "  %z = hlo.constant dense<0.0> : tensor<f32>\n"
      "  %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = "
      "[0] : (tensor<5x3000xf32>, tensor<f32>) -> tensor<3000xf32>\n"
      "  return %0 : tensor<3000xf32>\n}",
      "func.func @main(%x: tensor<7x2x33xf32>) -> tensor<2x33xf32> {\n"
      "  %z = hlo.constant dense<0xFF800000> : tensor<f32>\n"
      "  %0 = hlo.reduce(%x init: %z) applies hlo.maximum across dimensions "
      "= [0] : (tensor<7x2x33xf32>, tensor<f32>) -> tensor<2x33xf32>\n"
      "  return %0 : tensor<2x33xf32>\n}",
      "func.func @main(%x: tensor<13x17xi32>) -> tensor<17xi32> {\n"
      "  %z = hlo.constant dense<0> : tensor<i32>\n"
      "  %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = "
      "[0] : (tensor<13x17xi32>, tensor<i32>) -> tensor<17xi32>\n"
      "  return %0 : tensor<17xi32>\n}",
  };
  auto identical = [](double actual, double expected) {
    return actual == expected;
  };
  for (const char *graph : graphs) {
    SCOPED_TRACE(graph);
    auto [native, reference] = runGraph(graph, /*seed=*/5, /*interpret=*/true);
    ASSERT_EQ(native.size(), reference.size());
    for (size_t i = 0; i < native.size(); ++i)
      EXPECT_EQ(
          kiln::testing::compareTensors(native[i], reference[i], identical), "")
          << "output " << i;
  }
}

/// Rows of `cols` values uniform in [-4, 4) with, in row r, the edge
/// case r % 8 at a column that moves with the row: a quiet NaN, a NaN with
/// the sign set (x86's default NaN), -0 among +0s, +0 among -0s, all -inf,
/// +inf, the smallest subnormals of both signs, and none.
kiln::HostTensor rowsWithEdgeCases(int64_t rows, int64_t cols) {
  std::vector<float> values(rows * cols);
  uint32_t state = 12345;
  for (float &value : values) {
    state = state * 1664525u + 1013904223u;
    value = static_cast<float>(static_cast<int32_t>(state)) * 0x1p-29f;
  }
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const float tiny = std::numeric_limits<float>::denorm_min();
  for (int64_t r = 0; r < rows; ++r) {
    float *row = &values[r * cols];
    int64_t at = (r * 37) % cols;
    switch (r % 8) {
    case 0:
      row[at] = nan;
      break;
    case 1:
      row[at] = -nan;
      break;
    case 2:
      std::fill(row, row + cols, 0.0f);
      row[at] = -0.0f;
      break;
    case 3:
      std::fill(row, row + cols, -0.0f);
      row[at] = 0.0f;
      break;
    case 4:
      std::fill(row, row + cols, -inf);
      break;
    case 5:
      row[at] = inf;
      break;
    case 6:
      std::fill(row, row + cols, -tiny);
      row[at] = tiny;
      break;
    default:
      break;
    }
  }
  return kiln::HostTensor::fromF32({rows, cols}, values);
}

/// Row maxima and minima reduce as integer keys (KeyedMinMax.h): they give
/// the interpreter's results bit for bit, the sign of a zero included, and
/// NaN for a row with a NaN of either sign. Rows of 1, 7, 33, 1000 and 4096
/// elements, a minimum's init inside the elements' range (-2.5), and rows
/// streamed beyond the caches, two in flight ([1024, 4096], 32 MiB).
TEST(JitRowMaxMin, KeyedReductionsGiveTheInterpretersBits) {
  auto graph = [](int64_t rows, int64_t cols, const char *minInit) {
    std::string type = llvm::formatv("tensor<{0}x{1}xf32>", rows, cols).str();
    std::string row = llvm::formatv("tensor<{0}xf32>", rows).str();
    return llvm::formatv(
               "func.func @main(%x: {0}) -> ({1}, {1}, {0}) {{\n"
               "  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>\n"
               "  %init = hlo.constant dense<{2}> : tensor<f32>\n"
               "  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum "
               "across dimensions = [1] : ({0}, tensor<f32>) -> {1}\n"
               "  %min = hlo.reduce(%x init: %init) applies hlo.minimum "
               "across dimensions = [1] : ({0}, tensor<f32>) -> {1}\n"
               "  %maxb = hlo.broadcast_in_dim %max, dims = [0] : ({1}) -> "
               "{0}\n"
               "  %shifted = hlo.subtract %x, %maxb : {0}\n"
               "  return %max, %min, %shifted : {1}, {1}, {0}\n",
               type, row, minInit)
               .str() +
           "}";
  };
  auto identical = [](double actual, double expected) {
    if (std::isnan(actual) || std::isnan(expected))
      return std::isnan(actual) && std::isnan(expected);
    return actual == expected && std::signbit(actual) == std::signbit(expected);
  };
  struct Case {
    int64_t rows, cols;
    const char *minInit;
  };
  for (Case c : {Case{16, 1, "0x7F800000"}, Case{16, 7, "0x7F800000"},
                 Case{24, 33, "-2.5"}, Case{16, 1000, "0x7F800000"},
                 Case{16, 4096, "-2.5"}, Case{1024, 4096, "0x7F800000"}}) {
    std::string text = graph(c.rows, c.cols, c.minInit);
    SCOPED_TRACE(text);
    auto [native, reference] = runGraph(text, /*seed=*/1, /*interpret=*/true,
                                        {rowsWithEdgeCases(c.rows, c.cols)});
    ASSERT_EQ(native.size(), 3u);
    ASSERT_EQ(reference.size(), 3u);
    for (size_t i = 0; i < native.size(); ++i)
      EXPECT_EQ(
          kiln::testing::compareTensors(native[i], reference[i], identical), "")
          << "output " << i;
  }
}

} // namespace
