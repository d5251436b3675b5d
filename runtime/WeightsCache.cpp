//===- WeightsCache.cpp - Packed weights kept between calls ---------------===//

#include "runtime/WeightsCache.h"

#include "runtime/HostTensor.h"
#include "runtime/KilnRuntime.h"

#include <cstdlib>
#include <cstring>

kiln::WeightsCache::WeightsCache(int64_t bytes,
                                 std::vector<int64_t> packedInputs)
    : size(bytes), inputs(std::move(packedInputs)) {}

kiln::WeightsCache::~WeightsCache() { std::free(storage); }

void kiln::WeightsCache::setState(int32_t state) {
  std::memcpy(storage, &state, sizeof(state));
}

kiln::WeightsCache::Lease kiln::WeightsCache::acquire(void *const *buffers,
                                                      bool unchanged) {
  if (!unchanged || size == 0)
    return Lease(nullptr, false);
  std::vector<const void *> where;
  for (int64_t input : inputs)
    where.push_back(buffers[input]);
  std::lock_guard<std::mutex> lock(mutex);
  switch (stage) {
  case Stage::Empty:
    if (!storage) {
      storage = alignedAllocate(size, KILN_ARENA_ALIGNMENT);
      std::memset(storage, 0, KILN_WEIGHTS_HEADER_BYTES);
    }
    setState(KILN_WEIGHTS_FILL);
    addresses = std::move(where);
    stage = Stage::Filling;
    return Lease(this, true);
  case Stage::Filling:
    return Lease(nullptr, false);
  case Stage::Ready:
    return Lease(where == addresses ? this : nullptr, false);
  }
  return Lease(nullptr, false);
}

kiln::WeightsCache::Lease::~Lease() {
  if (!fills)
    return;
  std::lock_guard<std::mutex> lock(cache->mutex);
  cache->setState(KILN_WEIGHTS_READY);
  cache->stage = Stage::Ready;
}
