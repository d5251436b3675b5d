//===- Roofs.h - The machine's roofs the benchmarks are held to -*- C++ -*-===//
//
// Shared by the benchmark binaries: the STREAM triad (the memory roof) and
// running one piece of work on several threads.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_BENCH_ROOFS_H
#define KILN_BENCH_ROOFS_H

#include <cstdint>
#include <thread>
#include <vector>

namespace kiln::bench {

/// Runs `work(thread)` on `threads` threads, the caller's included.
template <class Work> void onThreads(int threads, Work work) {
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads; ++t)
    helpers.emplace_back(work, t);
  work(0);
  for (std::thread &helper : helpers)
    helper.join();
}

/// STREAM triad a = b + 3c over `n` floats split across `threads`: 12 bytes
/// per element (two loads, one store).
inline void triad(float *__restrict a, const float *__restrict b,
                  const float *__restrict c, int64_t n, int threads) {
  onThreads(threads, [&](int t) {
    int64_t begin = n * t / threads, end = n * (t + 1) / threads;
    for (int64_t i = begin; i < end; ++i)
      a[i] = b[i] + 3.0f * c[i];
  });
}

} // namespace kiln::bench

#endif // KILN_BENCH_ROOFS_H
