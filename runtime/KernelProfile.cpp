//===- KernelProfile.cpp - Launch counts and times per kernel -------------===//

#include "runtime/KernelProfile.h"

using namespace kiln;

void KernelProfile::record(int64_t kernelId, double seconds) {
  if (kernelId < 0)
    return;
  std::lock_guard<std::mutex> lock(mutex);
  if (static_cast<uint64_t>(kernelId) >= kernels.size())
    kernels.resize(kernelId + 1);
  KernelStats &stats = kernels[kernelId];
  ++stats.calls;
  stats.seconds += seconds;
}

KernelStats KernelProfile::stats(int64_t kernelId) const {
  std::lock_guard<std::mutex> lock(mutex);
  if (kernelId < 0 || static_cast<uint64_t>(kernelId) >= kernels.size())
    return {};
  return kernels[kernelId];
}

std::vector<KernelStats> KernelProfile::allStats() const {
  std::lock_guard<std::mutex> lock(mutex);
  return kernels;
}

double KernelProfile::totalSeconds() const {
  std::lock_guard<std::mutex> lock(mutex);
  double total = 0;
  for (const KernelStats &stats : kernels)
    total += stats.seconds;
  return total;
}

void KernelProfile::clear() {
  std::lock_guard<std::mutex> lock(mutex);
  kernels.clear();
}
