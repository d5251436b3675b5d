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
#include "passes/codegen/TargetDescription.h"
#include "passes/codegen/TiledTiling.h"
#include "runtime/KernelProfile.h"
#include "runtime/KilnRuntime.h"
#include "test/support/CompileText.h"
#include "test/support/NumericsCompare.h"
#include "test/support/ReferenceRun.h"
#include "test/support/TensorTypeText.h"
#include "tools/common/RandomTensor.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
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

/// Contractions whose panels several tiles read: x @ w in 4 row tiles of
/// one column tile at every vector width, and a 3x3 convolution of two
/// images, its kernel packed as feature columns and shared by both.
constexpr const char *kTallLinear = R"(
func.func @main(%x: tensor<200x300xf32>, %w: tensor<300x100xf32>) -> tensor<200x100xf32> {
  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<200x300xf32>, tensor<300x100xf32>) -> tensor<200x100xf32>
  return %0 : tensor<200x100xf32>
})";
constexpr const char *kTwoImages = R"(
func.func @main(%x: tensor<2x32x14x14xf32>, %k: tensor<64x32x3x3xf32>) -> tensor<2x64x14x14xf32> {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<2x32x14x14xf32>, tensor<64x32x3x3xf32>) -> tensor<2x64x14x14xf32>
  return %0 : tensor<2x64x14x14xf32>
})";

/// The graph x @ w of x [rows, depth] and w [depth, cols].
std::string linearGraph(int64_t rows, int64_t depth, int64_t cols) {
  std::string x = kiln::testing::tensorType({rows, depth}),
              w = kiln::testing::tensorType({depth, cols}),
              y = kiln::testing::tensorType({rows, cols});
  return "func.func @main(%x: " + x + ", %w: " + w + ") -> " + y +
         " {\n  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (" +
         x + ", " + w + ") -> " + y + "\n  return %0 : " + y + "\n}\n";
}

/// x @ w in 6 row tiles or more of each column tile at every vector width
/// and L1 size (past kMinPacksPerPanelAcrossThreads), w's panels more than
/// this host's L2 holds.
std::string tallerLinear() {
  constexpr int64_t kDepth = 64;
  return linearGraph(2000, kDepth,
                     kiln::TargetDescription::host().l2Bytes / (kDepth * 4) +
                         37);
}

/// On one thread, a call without the cache packs those panels once, in a
/// launch of the kernel that only packs, before the one that reads them;
/// on several, where so many tiles share them and they pass L2
/// (tallerLinear), too; else, or with the cache, it launches the kernel
/// once, each tile packing its own. The results are the interpreter's, bit
/// for bit, either way.
TEST(WeightsPackedOnce, ACallWithoutTheCachePacksSharedPanelsOnce) {
  std::string taller = tallerLinear();
  for (const std::string &graph :
       {std::string(kTallLinear), std::string(kTwoImages), taller}) {
    mlir::MLIRContext context;
    auto executable = compileText(context, graph);
    ASSERT_TRUE(executable);
    ASSERT_EQ(executable->packedInputs(), std::vector<int64_t>{1});
    ASSERT_EQ(executable->kernels().size(), 1u);
    auto reference = kiln::testing::interpretRandomInputs(context, graph, 7);
    ASSERT_TRUE(reference);
    const std::vector<HostTensor> &inputs = reference->inputs;
    for (int threads : {1, 2, 3})
      for (bool unchanged : {false, true}) {
        kiln::KernelProfile profile;
        kiln::RunOptions options;
        options.threads = threads;
        options.weightsUnchanged = unchanged;
        options.profile = &profile;
        // With the cache: the first call fills it, the second reads it.
        for (int call = 0; call < 2; ++call) {
          auto results = executable->run(inputs, options);
          ASSERT_TRUE(bool(results)) << llvm::toString(results.takeError());
          EXPECT_TRUE(
              kiln::testing::sameBits((*results)[0], reference->results[0]))
              << threads << " threads, unchanged " << unchanged;
        }
        bool packsOnce = threads == 1 || graph == taller;
        int64_t launchesPerCall = packsOnce && !unchanged ? 2 : 1;
        EXPECT_EQ(profile.stats(executable->kernels()[0].id).calls,
                  2 * launchesPerCall)
            << threads << " threads, unchanged " << unchanged;
      }
  }
}

/// Where the graph's panels pass the caches (prefetchesNextPanel), the
/// micro-kernels reading a ready cache fetch the next panel's rows as they
/// go; a call that packs its own panels fetches nothing. x @ w with w sized
/// from this host's L2, the columns no multiple of a tile's: the results
/// are the interpreter's, bit for bit, on every path.
TEST(WeightsCache, PanelsFetchedAheadAgreeWithTheInterpreter) {
  kiln::TargetDescription host = kiln::TargetDescription::host();
  constexpr int64_t kRows = 13, kDepth = 1000;
  int64_t cols = 4 * host.l2Bytes / (kDepth * 4) + 37;
  ASSERT_TRUE(kiln::prefetchesNextPanel(host, kDepth * cols * 4));
  std::string graph = linearGraph(kRows, kDepth, cols);
  mlir::MLIRContext context;
  auto executable = compileText(context, graph);
  ASSERT_TRUE(executable);
  ASSERT_EQ(executable->packedInputs(), std::vector<int64_t>{1});
  auto reference = kiln::testing::interpretRandomInputs(context, graph, 11);
  ASSERT_TRUE(reference);
  for (int threads : {1, 2, 3})
    for (bool unchanged : {false, true})
      // With the cache, its first call fills it and the later ones read it.
      for (int call = 0; call < 2; ++call) {
        kiln::RunOptions options;
        options.threads = threads;
        options.weightsUnchanged = unchanged;
        auto results = executable->run(reference->inputs, options);
        ASSERT_TRUE(bool(results)) << llvm::toString(results.takeError());
        EXPECT_TRUE(
            kiln::testing::sameBits((*results)[0], reference->results[0]))
            << threads << " threads, unchanged " << unchanged << ", call "
            << call;
      }
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
