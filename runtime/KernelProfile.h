//===- KernelProfile.h - Launch counts and times per kernel -----*- C++ -*-===//
//
// kiln_launch records each launch's wall time here when a call's kiln_context
// carries a profile; kiln-run --profile prints the totals beside the names and
// byte counts the compiler knows for each kernel id.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_KERNELPROFILE_H
#define KILN_RUNTIME_KERNELPROFILE_H

#include <cstdint>
#include <mutex>
#include <vector>

namespace kiln {

/// What a profile has recorded for one kernel.
struct KernelStats {
  /// Launches recorded.
  int64_t calls = 0;
  /// Their wall time summed, in seconds.
  double seconds = 0;
};

/// Per-kernel launch counts and wall times, indexed by the kernel ids the
/// compiler assigns (small non-negative integers). Recording takes a mutex,
/// so calls of graphs running at once may share a profile.
class KernelProfile {
public:
  /// Adds one launch of `kernelId` taking `seconds`; negative ids, which no
  /// compiled kernel has, are ignored.
  void record(int64_t kernelId, double seconds);

  /// The totals of `kernelId` (zero for a kernel never recorded).
  KernelStats stats(int64_t kernelId) const;
  /// The totals of every kernel id from 0 to the highest recorded one,
  /// indexed by id.
  std::vector<KernelStats> allStats() const;
  /// The wall time of all recorded launches, in seconds.
  double totalSeconds() const;

  /// Forgets everything recorded.
  void clear();

private:
  mutable std::mutex mutex;
  std::vector<KernelStats> kernels;
};

} // namespace kiln

#endif // KILN_RUNTIME_KERNELPROFILE_H
