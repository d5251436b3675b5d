//===- LaunchTest.cpp - kiln_launch, the C ABI compiled code calls --------===//

#include "runtime/KernelProfile.h"
#include "runtime/KilnRuntime.h"
#include "runtime/ThreadPool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace kiln;

namespace {

/// What a kernel's arguments look like to a task: one counter per task and
/// the threads that ran them.
struct Recorder {
  explicit Recorder(int64_t numTasks) : counts(numTasks) {
    for (std::atomic<int> &count : counts)
      count = 0;
  }
  std::vector<std::atomic<int>> counts;
  std::mutex mutex;
  std::set<std::thread::id> threads;
};

/// A kiln_task_fn, as the compiler's trampolines are.
void recordTask(void *args, int64_t task) {
  auto *recorder = static_cast<Recorder *>(args);
  ++recorder->counts[task];
  std::lock_guard<std::mutex> lock(recorder->mutex);
  recorder->threads.insert(std::this_thread::get_id());
}

void expectEachOnce(const Recorder &recorder) {
  for (size_t t = 0; t < recorder.counts.size(); ++t)
    ASSERT_EQ(recorder.counts[t].load(), 1) << "task " << t;
}

/// Runs `numTasks` tasks through kiln_launch and checks that each ran once
/// and, when `serial`, that all ran on the calling thread.
void checkLaunch(kiln_context *context, int64_t numTasks, bool serial) {
  Recorder recorder(numTasks);
  kiln_launch(context, /*kernel_id=*/0, numTasks, recordTask, &recorder);
  expectEachOnce(recorder);
  if (serial && numTasks > 0) {
    EXPECT_EQ(recorder.threads,
              std::set<std::thread::id>{std::this_thread::get_id()});
  }
}

TEST(LaunchTest, NullContextRunsSerially) {
  for (int64_t numTasks : {0, 1, 2, 3, 1000})
    checkLaunch(nullptr, numTasks, /*serial=*/true);
}

TEST(LaunchTest, NullPoolRunsSerially) {
  kiln_context context{/*pool=*/nullptr, /*num_threads=*/8,
                       /*profile=*/nullptr};
  for (int64_t numTasks : {0, 1, 2, 3, 1000})
    checkLaunch(&context, numTasks, /*serial=*/true);
}

TEST(LaunchTest, OneThreadRunsSerially) {
  ThreadPool pool(3);
  for (int32_t threads : {1, 0, -4}) {
    kiln_context context{&pool, threads, nullptr};
    for (int64_t numTasks : {0, 1, 2, 3, 1000})
      checkLaunch(&context, numTasks, /*serial=*/true);
  }
}

TEST(LaunchTest, PooledLaunchRunsEveryTaskOnce) {
  ThreadPool pool(3);
  for (int32_t threads : {2, 4, 8}) {
    kiln_context context{&pool, threads, nullptr};
    for (int64_t numTasks : {0, 1, 2, 3, 1000}) {
      SCOPED_TRACE(::testing::Message()
                   << threads << " threads, " << numTasks << " tasks");
      checkLaunch(&context, numTasks, /*serial=*/false);
    }
  }
}

TEST(LaunchTest, PooledLaunchUsesAtMostTheContextsThreads) {
  ThreadPool pool(5);
  kiln_context context{&pool, 2, nullptr};
  Recorder recorder(300);
  kiln_launch(&context, 0, 300, recordTask, &recorder);
  expectEachOnce(recorder);
  EXPECT_LE(recorder.threads.size(), 2u);
}

void noTask(void *, int64_t) {}

TEST(LaunchTest, ProfileRecordsCallsPerKernel) {
  ThreadPool pool(2);
  KernelProfile profile;
  kiln_context pooled{&pool, 3, &profile};
  kiln_context serial{nullptr, 1, &profile};
  kiln_launch(&pooled, 0, 10, noTask, nullptr);
  kiln_launch(&pooled, 0, 10, noTask, nullptr);
  kiln_launch(&serial, 2, 1, noTask, nullptr);
  kiln_launch(&pooled, 2, 0, noTask, nullptr);
  kiln_launch(&serial, 2, 5, noTask, nullptr);

  EXPECT_EQ(profile.stats(0).calls, 2);
  EXPECT_EQ(profile.stats(1).calls, 0);
  EXPECT_EQ(profile.stats(2).calls, 3);
  EXPECT_EQ(profile.stats(7).calls, 0);
  EXPECT_GE(profile.stats(0).seconds, 0.0);
  std::vector<KernelStats> all = profile.allStats();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].calls, 2);
  EXPECT_EQ(all[1].calls, 0);
  EXPECT_EQ(all[2].calls, 3);
  EXPECT_DOUBLE_EQ(profile.totalSeconds(),
                   all[0].seconds + all[1].seconds + all[2].seconds);
}

TEST(LaunchTest, ProfileMeasuresTheLaunch) {
  // A lower bound only: a launch of a task that sleeps 2 ms takes at least
  // that long, whatever the machine's load.
  KernelProfile profile;
  kiln_context context{nullptr, 1, &profile};
  kiln_launch(
      &context, 4, 1,
      [](void *, int64_t) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      },
      nullptr);
  EXPECT_GE(profile.stats(4).seconds, 0.002);
}

TEST(LaunchTest, ProfileClearAndNegativeIds) {
  KernelProfile profile;
  profile.record(1, 0.5);
  profile.record(-3, 1.0);
  EXPECT_EQ(profile.stats(-3).calls, 0);
  EXPECT_EQ(profile.allStats().size(), 2u);
  EXPECT_DOUBLE_EQ(profile.totalSeconds(), 0.5);
  profile.clear();
  EXPECT_EQ(profile.stats(1).calls, 0);
  EXPECT_TRUE(profile.allStats().empty());
  EXPECT_DOUBLE_EQ(profile.totalSeconds(), 0.0);
}

TEST(LaunchTest, ConcurrentLaunchesShareAPoolAndProfile) {
  ThreadPool pool(3);
  KernelProfile profile;
  std::vector<std::thread> callers;
  std::atomic<int> failures{0};
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&, c] {
      kiln_context context{&pool, 2 + c, &profile};
      for (int launch = 0; launch < 100; ++launch) {
        Recorder recorder(1 + launch % 37);
        kiln_launch(&context, c, recorder.counts.size(), recordTask, &recorder);
        for (std::atomic<int> &count : recorder.counts)
          if (count.load() != 1)
            ++failures;
      }
    });
  }
  for (std::thread &caller : callers)
    caller.join();
  EXPECT_EQ(failures.load(), 0);
  for (int c = 0; c < 4; ++c)
    EXPECT_EQ(profile.stats(c).calls, 100);
}

TEST(LaunchTest, DefaultPoolThroughTheContext) {
  kiln_context context{&defaultThreadPool(), defaultThreadPool().maxThreads(),
                       nullptr};
  checkLaunch(&context, 1000, /*serial=*/false);
}

} // namespace
