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

#include <gtest/gtest.h>

namespace {

/// Runs `text` natively on seeded random inputs and, with `interpret`, in
/// the interpreter: the native outputs, then the interpreter's (if any).
std::pair<std::vector<kiln::HostTensor>, std::vector<kiln::HostTensor>>
runGraph(const std::string &text, uint64_t seed, bool interpret) {
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
  std::vector<kiln::HostTensor> inputs;
  for (size_t i = 0; i < (*executable)->inputs().size(); ++i) {
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

} // namespace
