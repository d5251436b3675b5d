//===- ThreadPoolBench.cpp - Overhead of an empty kernel launch -----------===//
//
// A graph makes one kiln_launch per kernel and a kernel can run for only a
// few microseconds, so what a launch costs beyond its tasks bounds how small
// a kernel can usefully be. Each benchmark launches empty tasks back to back,
// as the kernels of one graph call follow each other.
//
//   ThreadPoolBench --benchmark_filter=Launch
//
//===----------------------------------------------------------------------===//

#include "runtime/KernelProfile.h"
#include "runtime/KilnRuntime.h"
#include "runtime/ThreadPool.h"

#include <benchmark/benchmark.h>

namespace {

void emptyTask(void *, int64_t task) { benchmark::DoNotOptimize(task); }

/// Arguments: threads (caller included), tasks per launch.
void BM_EmptyLaunch(benchmark::State &state) {
  int threads = static_cast<int>(state.range(0));
  int64_t numTasks = state.range(1);
  // A pool of its own, so the figure does not depend on the machine's size.
  kiln::ThreadPool pool(threads - 1);
  kiln_context context{&pool, threads, nullptr};
  for (auto _ : state)
    kiln_launch(&context, 0, numTasks, emptyTask, nullptr);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EmptyLaunch)
    ->ArgNames({"threads", "tasks"})
    ->Args({1, 1})
    ->Args({1, 16})
    ->Args({2, 2})
    ->Args({2, 16})
    ->Args({2, 256})
    ->UseRealTime();

/// The same launch with a profile attached: what --profile adds.
void BM_EmptyLaunchProfiled(benchmark::State &state) {
  int threads = static_cast<int>(state.range(0));
  kiln::ThreadPool pool(threads - 1);
  kiln::KernelProfile profile;
  kiln_context context{&pool, threads, &profile};
  for (auto _ : state)
    kiln_launch(&context, 0, 16, emptyTask, nullptr);
}
BENCHMARK(BM_EmptyLaunchProfiled)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime();

} // namespace

BENCHMARK_MAIN();
