//===- WeightsCacheTest.cpp - Packed weights kept between calls -----------===//
//
// RunOptions::weightsUnchanged: the first call that declares it keeps the
// packed panels of the graph's weights, and the later ones read them. The
// proof that they do is the caller's error the API documents: weights
// changed in place under the declaration leave the results computed from
// the old ones, while a call without it, or with the weights at another
// address, packs the new ones. Products are checked against the reference
// interpreter, which sums in the kernel's order: bit for bit.
//
//===----------------------------------------------------------------------===//

#include "runtime/WeightsCache.h"
#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "runtime/KilnRuntime.h"
#include "test/support/CompileText.h"
#include "test/support/NumericsCompare.h"
#include "tools/common/RandomTensor.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <cstring>
#include <thread>

namespace {

using kiln::HostTensor;
using kiln::testing::compileText;

/// x @ w + bias, the weights an argument: 3 column tiles and 2 slices of k
/// at every vector width.
constexpr const char *kLinear = R"(
func.func @main(%x: tensor<37x700xf32>, %w: tensor<700x300xf32>, %bias: tensor<300xf32>) -> tensor<37x300xf32> {
  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<37x700xf32>, tensor<700x300xf32>) -> tensor<37x300xf32>
  %1 = hlo.broadcast_in_dim %bias, dims = [1] : (tensor<300xf32>) -> tensor<37x300xf32>
  %2 = hlo.add %0, %1 : tensor<37x300xf32>
  return %2 : tensor<37x300xf32>
})";

class WeightsCacheRuns : public ::testing::Test {
protected:
  void SetUp() override {
    auto parsed = kiln::parseGraphString(kLinear, context);
    ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
    module = std::move(*parsed);
    executable = compileText(context, kLinear);
    ASSERT_TRUE(executable);
    for (size_t i = 0; i < executable->inputs().size(); ++i)
      inputs.push_back(kiln::randomTensor(executable->inputs()[i].elementType,
                                          executable->inputs()[i].shape, 5, i));
  }

  /// The interpreter's result on `given`.
  HostTensor reference(const std::vector<HostTensor> &given) {
    auto entry = kiln::getEntryFunction(*module);
    EXPECT_TRUE(bool(entry));
    auto results = kiln::interpret(*entry, given);
    EXPECT_TRUE(bool(results)) << llvm::toString(results.takeError());
    return std::move((*results)[0]);
  }

  HostTensor run(const std::vector<HostTensor> &given, bool unchanged,
                 int threads = 2) {
    kiln::RunOptions options;
    options.threads = threads;
    options.weightsUnchanged = unchanged;
    auto results = executable->run(given, options);
    EXPECT_TRUE(bool(results)) << llvm::toString(results.takeError());
    return std::move((*results)[0]);
  }

  /// A copy of `tensor` with every element scaled by -2.
  static HostTensor negatedTwice(const HostTensor &tensor) {
    HostTensor copy = tensor;
    float *data = copy.dataAs<float>();
    for (int64_t i = 0; i < copy.numElements(); ++i)
      data[i] *= -2;
    return copy;
  }

  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<kiln::Executable> executable;
  std::vector<HostTensor> inputs;
};

TEST_F(WeightsCacheRuns, NamesTheWeightsItPacks) {
  EXPECT_EQ(executable->packedInputs(), std::vector<int64_t>{1});
}

TEST_F(WeightsCacheRuns, LaterCallsReadThePanelsOfTheFirst) {
  HostTensor expected = reference(inputs);
  EXPECT_TRUE(
      kiln::testing::sameBits(run(inputs, /*unchanged=*/true, 1), expected));
  EXPECT_TRUE(
      kiln::testing::sameBits(run(inputs, /*unchanged=*/true, 2), expected));
  EXPECT_TRUE(
      kiln::testing::sameBits(run(inputs, /*unchanged=*/true, 3), expected));

  // New weights at the same address, under the declaration: the caller's
  // error, and the results still come from the old panels.
  HostTensor changed = negatedTwice(inputs[1]);
  std::memcpy(inputs[1].data(), changed.data(), changed.numElements() * 4);
  HostTensor fresh = reference(inputs);
  ASSERT_FALSE(kiln::testing::sameBits(fresh, expected));
  EXPECT_TRUE(
      kiln::testing::sameBits(run(inputs, /*unchanged=*/true), expected));
  // Without the declaration, the call packs them itself.
  EXPECT_TRUE(kiln::testing::sameBits(run(inputs, /*unchanged=*/false), fresh));
  // Elsewhere in memory, they are packed again, and the cache is kept for
  // the first address.
  std::vector<HostTensor> moved = inputs;
  EXPECT_TRUE(kiln::testing::sameBits(run(moved, /*unchanged=*/true), fresh));
  EXPECT_TRUE(
      kiln::testing::sameBits(run(inputs, /*unchanged=*/true), expected));
}

TEST_F(WeightsCacheRuns, ConcurrentCallsAgreeWithTheInterpreter) {
  HostTensor expected = reference(inputs);
  std::vector<std::thread> callers;
  std::vector<HostTensor> results(8);
  for (size_t c = 0; c < results.size(); ++c)
    callers.emplace_back([&, c] {
      kiln::RunOptions options;
      options.threads = 1;
      options.weightsUnchanged = c % 2 == 0;
      auto outputs = executable->run(inputs, options);
      if (outputs)
        results[c] = std::move((*outputs)[0]);
      else
        llvm::consumeError(outputs.takeError());
    });
  for (std::thread &caller : callers)
    caller.join();
  for (size_t c = 0; c < results.size(); ++c)
    EXPECT_TRUE(kiln::testing::sameBits(results[c], expected)) << "call " << c;
}

/// Weights that the graph computes, not an argument, are never cached.
TEST(WeightsCache, OnlyGraphInputsArePacked) {
  mlir::MLIRContext context;
  auto executable = compileText(context, R"(
func.func @main(%x: tensor<37x70xf32>, %w: tensor<70x30xf32>) -> tensor<37x30xf32> {
  %e = hlo.exponential %w : tensor<70x30xf32>
  %0 = hlo.dot_general %x, %e, contracting_dims = [1] x [0] : (tensor<37x70xf32>, tensor<70x30xf32>) -> tensor<37x30xf32>
  return %0 : tensor<37x30xf32>
})");
  ASSERT_TRUE(executable);
  EXPECT_TRUE(executable->packedInputs().empty());
}

/// The runtime's side: who fills, who reads, who packs alone.
TEST(WeightsCache, FirstDeclaringCallFillsItForTheLaterOnes) {
  kiln::WeightsCache cache(KILN_WEIGHTS_HEADER_BYTES + 64, {1});
  float a, w, other;
  void *buffers[] = {&a, &w};
  void *elsewhere[] = {&a, &other};
  auto state = [](const kiln::WeightsCache::Lease &lease) {
    int32_t value;
    std::memcpy(&value, lease.get(), sizeof(value));
    return value;
  };
  EXPECT_EQ(cache.acquire(buffers, /*unchanged=*/false).get(), nullptr);
  {
    kiln::WeightsCache::Lease filling = cache.acquire(buffers, true);
    ASSERT_NE(filling.get(), nullptr);
    EXPECT_EQ(state(filling), KILN_WEIGHTS_FILL);
    // Meanwhile, another declaring call packs its own.
    EXPECT_EQ(cache.acquire(buffers, true).get(), nullptr);
  }
  kiln::WeightsCache::Lease ready = cache.acquire(buffers, true);
  ASSERT_NE(ready.get(), nullptr);
  EXPECT_EQ(state(ready), KILN_WEIGHTS_READY);
  EXPECT_EQ(cache.acquire(elsewhere, true).get(), nullptr);
  EXPECT_EQ(cache.acquire(buffers, false).get(), nullptr);
}

TEST(WeightsCache, GraphWithoutPackedInputsHasNone) {
  kiln::WeightsCache cache(0, {});
  float a;
  void *buffers[] = {&a};
  EXPECT_EQ(cache.acquire(buffers, true).get(), nullptr);
}

} // namespace
