//===- ConcurrencyTest.cpp - Compiled graphs under concurrent load ----===//
//
// One Executable run from 8 threads, 100,000 runs in all, each result
// bitwise equal to a single-threaded run's; two executables sharing the
// thread pool at once; runs that fail (wrong inputs) in some threads while
// the others go on undisturbed. scripts/test.sh --sanitize=thread runs this
// under ThreadSanitizer.
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "test/support/CompileText.h"
#include "tools/common/RandomTensor.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace {

/// Softmax over rows of 64: a row reduction and a multi-task kernel, small
/// enough that 100,000 runs take seconds.
constexpr const char *kSoftmax = R"(
func.func @main(%x: tensor<16x64xf32>) -> tensor<16x64xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.0> : tensor<f32>
  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<16x64xf32>, tensor<f32>) -> tensor<16xf32>
  %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<16xf32>) -> tensor<16x64xf32>
  %shifted = hlo.subtract %x, %maxb : tensor<16x64xf32>
  %e = hlo.exponential %shifted : tensor<16x64xf32>
  %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<16x64xf32>, tensor<f32>) -> tensor<16xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<16xf32>) -> tensor<16x64xf32>
  %y = hlo.divide %e, %sumb : tensor<16x64xf32>
  return %y : tensor<16x64xf32>
})";

/// A dot with a tanh epilogue and an intermediate in the arena.
constexpr const char *kDense = R"(
func.func @main(%x: tensor<8x32xf32>, %w: tensor<32x32xf32>) -> tensor<8x32xf32> {
  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<8x32xf32>, tensor<32x32xf32>) -> tensor<8x32xf32>
  %1 = hlo.tanh %0 : tensor<8x32xf32>
  %2 = hlo.dot_general %1, %w, contracting_dims = [1] x [0] : (tensor<8x32xf32>, tensor<32x32xf32>) -> tensor<8x32xf32>
  return %2 : tensor<8x32xf32>
})";

using kiln::testing::compileText;

/// A graph with its inputs and its single-threaded result.
struct Case {
  std::unique_ptr<kiln::Executable> executable;
  std::vector<kiln::HostTensor> inputs;
  kiln::HostTensor expected;
};

Case makeCase(mlir::MLIRContext &context, const char *text, uint64_t seed) {
  Case c;
  c.executable = compileText(context, text);
  if (!c.executable)
    return c;
  for (const kiln::TensorSpec &spec : c.executable->inputs())
    c.inputs.push_back(
        kiln::randomTensor(spec.elementType, spec.shape, seed++, 0));
  kiln::RunOptions one;
  one.threads = 1;
  auto outputs = c.executable->run(c.inputs, one);
  EXPECT_TRUE(bool(outputs)) << llvm::toString(outputs.takeError());
  if (outputs)
    c.expected = std::move((*outputs)[0]);
  return c;
}

constexpr int kThreads = 8;

TEST(Concurrency, HundredThousandRunsFromEightThreads) {
  mlir::MLIRContext context;
  Case softmax = makeCase(context, kSoftmax, 1);
  ASSERT_TRUE(softmax.executable);
  constexpr int kRuns = 100000;
  std::atomic<int> next{0}, mismatches{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      // Each caller writes into buffers of its own, with 1, 2 or all
      // threads of the shared pool.
      std::vector<kiln::HostTensor> outputs;
      outputs.emplace_back(kiln::ElementType::F32,
                           std::vector<int64_t>{16, 64});
      kiln::RunOptions options;
      options.threads = t % 3;
      while (next.fetch_add(1) < kRuns) {
        if (llvm::Error error =
                softmax.executable->runInto(softmax.inputs, outputs, options)) {
          llvm::consumeError(std::move(error));
          ++failures;
        } else if (!(outputs[0] == softmax.expected)) {
          ++mismatches;
        }
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Concurrency, ExecutablesShareThePool) {
  mlir::MLIRContext context;
  Case softmax = makeCase(context, kSoftmax, 1);
  Case dense = makeCase(context, kDense, 7);
  ASSERT_TRUE(softmax.executable && dense.executable);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      Case &mine = t % 2 ? softmax : dense;
      for (int i = 0; i < 2000; ++i) {
        auto outputs = mine.executable->run(mine.inputs);
        if (!outputs) {
          llvm::consumeError(outputs.takeError());
          ++mismatches;
        } else if (!((*outputs)[0] == mine.expected)) {
          ++mismatches;
        }
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Concurrency, FailingRunsDoNotDisturbTheOthers) {
  mlir::MLIRContext context;
  Case softmax = makeCase(context, kSoftmax, 1);
  ASSERT_TRUE(softmax.executable);
  // Half the threads pass an input of the wrong shape: every one of their
  // runs fails with an error, and every run of the others is right.
  std::vector<kiln::HostTensor> wrong = {
      kiln::randomTensor(kiln::ElementType::F32, {16, 65}, 1, 0)};
  std::atomic<int> good{0}, bad{0}, errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      bool failing = t % 2;
      for (int i = 0; i < 2000; ++i) {
        auto outputs =
            softmax.executable->run(failing ? wrong : softmax.inputs);
        if (!outputs) {
          llvm::consumeError(outputs.takeError());
          ++errors;
        } else if ((*outputs)[0] == softmax.expected) {
          ++good;
        } else {
          ++bad;
        }
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(errors.load(), kThreads / 2 * 2000);
  EXPECT_EQ(good.load(), kThreads / 2 * 2000);
  EXPECT_EQ(bad.load(), 0);
}

} // namespace
