//===- ArenaPoolTest.cpp - Scratch arenas reused across calls -------------===//

#include "runtime/ArenaPool.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <thread>
#include <vector>

using kiln::ArenaPool;

TEST(ArenaPool, ReusesAReleasedArena) {
  ArenaPool pool(1 << 20, 64);
  void *first;
  {
    ArenaPool::Lease lease = pool.acquire();
    first = lease.get();
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(first) % 64, 0u);
  }
  ArenaPool::Lease again = pool.acquire();
  EXPECT_EQ(again.get(), first);
}

TEST(ArenaPool, ConcurrentLeasesAreDistinct) {
  ArenaPool pool(4096, 64);
  ArenaPool::Lease a = pool.acquire();
  ArenaPool::Lease b = pool.acquire();
  EXPECT_NE(a.get(), b.get());
}

TEST(ArenaPool, ManyThreadsNeverShareAnArena) {
  ArenaPool pool(256, 64);
  constexpr int kThreads = 8, kRounds = 2000;
  std::vector<std::thread> threads;
  std::vector<int> clashes(kThreads, 0);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        ArenaPool::Lease lease = pool.acquire();
        auto *bytes = static_cast<volatile unsigned char *>(lease.get());
        // Each holder stamps the arena and checks nobody else wrote it.
        for (int i = 0; i < 256; ++i)
          bytes[i] = static_cast<unsigned char>(t);
        for (int i = 0; i < 256; ++i)
          clashes[t] += bytes[i] != static_cast<unsigned char>(t);
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  for (int t = 0; t < kThreads; ++t)
    EXPECT_EQ(clashes[t], 0) << "thread " << t;
}
