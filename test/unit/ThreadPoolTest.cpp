//===- ThreadPoolTest.cpp - kiln::ThreadPool runs every task once ---------===//
//
// No timing assertions: launch overhead is measured by
// bench/ThreadPoolBench.cpp, not here.
//
//===----------------------------------------------------------------------===//

#include "runtime/ThreadPool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <thread>
#include <vector>

using namespace kiln;

namespace {

/// Counts how often each task ran.
class TaskCounts {
public:
  explicit TaskCounts(int64_t numTasks)
      : counts(new std::atomic<int>[numTasks]), numTasks(numTasks) {
    for (int64_t t = 0; t < numTasks; ++t)
      counts[t] = 0;
  }
  void run(int64_t task) {
    // Out-of-range tasks are counted separately so the test can see them.
    if (task < 0 || task >= numTasks)
      ++outOfRange;
    else
      ++counts[task];
  }
  /// Every task ran exactly once and nothing else ran.
  void expectEachOnce() const {
    EXPECT_EQ(outOfRange.load(), 0);
    for (int64_t t = 0; t < numTasks; ++t)
      ASSERT_EQ(counts[t].load(), 1) << "task " << t << " of " << numTasks;
  }

private:
  std::unique_ptr<std::atomic<int>[]> counts;
  int64_t numTasks;
  std::atomic<int> outOfRange{0};
};

TEST(ThreadPoolTest, EveryTaskRunsOnceForAllSizesAndThreadCounts) {
  int manyThreads = hardwareThreadCount() + 3;
  for (int workers : {0, 1, 3, 7, manyThreads}) {
    ThreadPool pool(workers);
    EXPECT_EQ(pool.numWorkers(), workers);
    EXPECT_EQ(pool.maxThreads(), workers + 1);
    for (int threads : {0, 1, 2, 4, 8, manyThreads + 1}) {
      // Around the size from which each thread gets a block of its own.
      for (int64_t numTasks : {0, 1, 2, 3, 7, 8, 9, 17, 33, 1000}) {
        SCOPED_TRACE(::testing::Message()
                     << workers << " workers, " << threads << " threads, "
                     << numTasks << " tasks");
        TaskCounts counts(numTasks);
        pool.parallelFor(numTasks, threads,
                         [&](int64_t task) { counts.run(task); });
        counts.expectEachOnce();
      }
    }
  }
}

TEST(ThreadPoolTest, EveryTaskRunsOnceWhenOneBlockIsSlow) {
  // The first tasks are slow, so threads that finish their own blocks take
  // the rest of the first one while its owner is still busy (which thread
  // runs what is up to the scheduler: only the counts are checked).
  ThreadPool pool(3);
  for (int64_t numTasks : {16, 64, 257}) {
    SCOPED_TRACE(::testing::Message() << numTasks << " tasks");
    TaskCounts counts(numTasks);
    pool.parallelFor(numTasks, 4, [&](int64_t task) {
      if (task < 4)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      counts.run(task);
    });
    counts.expectEachOnce();
  }
}

TEST(ThreadPoolTest, NegativeTaskCountRunsNothing) {
  ThreadPool pool(2);
  std::atomic<int> ran{0};
  pool.parallelFor(-5, 3, [&](int64_t) { ++ran; });
  EXPECT_EQ(ran.load(), 0);
}

TEST(ThreadPoolTest, ManyLaunchesInARow) {
  // Back-to-back launches are the common case (one per kernel of a graph)
  // and exercise the generation handshake between them.
  ThreadPool pool(3);
  for (int launch = 0; launch < 5000; ++launch) {
    int64_t numTasks = launch % 7;
    TaskCounts counts(numTasks);
    pool.parallelFor(numTasks, 1 + launch % 5,
                     [&](int64_t task) { counts.run(task); });
    counts.expectEachOnce();
  }
}

TEST(ThreadPoolTest, UsesNoMoreThreadsThanAllowed) {
  ThreadPool pool(7);
  for (int threads : {1, 2, 3, 8}) {
    std::mutex mutex;
    std::set<std::thread::id> seen;
    pool.parallelFor(200, threads, [&](int64_t) {
      // Long enough that idle workers would have time to join.
      std::this_thread::sleep_for(std::chrono::microseconds(20));
      std::lock_guard<std::mutex> lock(mutex);
      seen.insert(std::this_thread::get_id());
    });
    EXPECT_LE(static_cast<int>(seen.size()), threads);
    EXPECT_GE(seen.size(), 1u);
  }
}

TEST(ThreadPoolTest, SerialWhenOneThreadRunsInOrderOnCaller) {
  ThreadPool pool(3);
  std::vector<int64_t> order;
  std::thread::id caller = std::this_thread::get_id();
  bool allOnCaller = true;
  pool.parallelFor(10, 1, [&](int64_t task) {
    order.push_back(task);
    allOnCaller &= std::this_thread::get_id() == caller;
  });
  EXPECT_TRUE(allOnCaller);
  EXPECT_EQ(order, (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(ThreadPoolTest, ResultsOfTasksAreVisibleToTheCaller) {
  // Plain (non-atomic) writes by the tasks must be visible on return.
  ThreadPool pool(3);
  for (int repeat = 0; repeat < 200; ++repeat) {
    std::vector<int64_t> squares(257, -1);
    pool.parallelFor(257, 4, [&](int64_t t) { squares[t] = t * t; });
    for (int64_t t = 0; t < 257; ++t)
      ASSERT_EQ(squares[t], t * t);
  }
}

TEST(ThreadPoolTest, ConcurrentCallersDoNotInterfere) {
  ThreadPool pool(3);
  constexpr int kCallers = 4;
  std::vector<std::thread> callers;
  std::atomic<int> failures{0};
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      for (int launch = 0; launch < 300; ++launch) {
        // Each caller writes its own marker, so a task of another caller's
        // loop running here would show up as a wrong value.
        int64_t numTasks = 1 + (launch * 7 + c) % 50;
        std::vector<int> marks(numTasks, 0);
        pool.parallelFor(numTasks, 2 + c,
                         [&](int64_t t) { marks[t] += 1000 * (c + 1); });
        for (int mark : marks)
          if (mark != 1000 * (c + 1))
            ++failures;
      }
    });
  }
  for (std::thread &caller : callers)
    caller.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(ThreadPoolTest, NestedLoopOnTheSamePoolRunsInline) {
  ThreadPool pool(3);
  TaskCounts inner(8 * 8);
  TaskCounts outer(8);
  pool.parallelFor(8, 4, [&](int64_t i) {
    outer.run(i);
    pool.parallelFor(8, 4, [&](int64_t j) { inner.run(i * 8 + j); });
  });
  outer.expectEachOnce();
  inner.expectEachOnce();
}

TEST(ThreadPoolTest, DestroysWithIdleWorkers) {
  // Destroy at once (workers may still be starting), after they fell asleep,
  // and right after a launch (workers still spinning).
  {
    ThreadPool pool(4);
  }
  {
    ThreadPool pool(4);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  {
    ThreadPool pool(4);
    std::atomic<int> ran{0};
    pool.parallelFor(100, 5, [&](int64_t) { ++ran; });
    EXPECT_EQ(ran.load(), 100);
  }
  {
    ThreadPool pool(4);
    pool.parallelFor(100, 5, [](int64_t) {});
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // Workers are asleep now; a launch must wake them.
    TaskCounts counts(100);
    pool.parallelFor(100, 5, [&](int64_t t) { counts.run(t); });
    counts.expectEachOnce();
  }
}

TEST(ThreadPoolTest, DefaultPoolIsSharedAndSizedToTheMachine) {
  ThreadPool &pool = defaultThreadPool();
  EXPECT_EQ(&pool, &defaultThreadPool());
  EXPECT_EQ(pool.maxThreads(), hardwareThreadCount());
  TaskCounts counts(100);
  pool.parallelFor(100, pool.maxThreads(), [&](int64_t t) { counts.run(t); });
  counts.expectEachOnce();
}

TEST(ThreadPoolTest, TaskFunctionRefCallsAPlainFunction) {
  int64_t sum = 0;
  TaskFunctionRef ref(
      [](void *context, int64_t task) {
        *static_cast<int64_t *>(context) += task;
      },
      &sum);
  ref(5);
  ref(7);
  EXPECT_EQ(sum, 12);
}

} // namespace
