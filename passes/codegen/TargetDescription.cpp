//===- TargetDescription.cpp - The host as kernels see it -----------------===//

#include "passes/codegen/TargetDescription.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

#include <unistd.h>

namespace kiln {

TargetDescription
TargetDescription::fromFeatures(llvm::function_ref<bool(llvm::StringRef)> has) {
  TargetDescription target;
  if (has("avx512f"))
    return target.withVectorBits(512);
  if (has("avx2") && has("fma"))
    return target.withVectorBits(256);
  return target.withVectorBits(128);
}

TargetDescription TargetDescription::withVectorBits(int64_t bits) const {
  TargetDescription target = *this;
  target.vectorBits = bits;
  target.vectorRegisters = bits >= 512 ? 32 : 16;
  return target;
}

/// sysconf's cache size, or `fallback` where the OS does not know it.
static int64_t cacheBytes(int name, int64_t fallback) {
  long bytes = sysconf(name);
  return bytes > 0 ? bytes : fallback;
}

TargetDescription TargetDescription::host() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  TargetDescription target =
      fromFeatures([&](llvm::StringRef name) { return features.lookup(name); });
  target.l1Bytes = cacheBytes(_SC_LEVEL1_DCACHE_SIZE, target.l1Bytes);
  target.l2Bytes = cacheBytes(_SC_LEVEL2_CACHE_SIZE, target.l2Bytes);
  return target;
}

} // namespace kiln
