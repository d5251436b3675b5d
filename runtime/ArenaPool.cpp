//===- ArenaPool.cpp - Scratch arenas reused across calls -----------------===//

#include "runtime/ArenaPool.h"

#include "runtime/HostTensor.h"

#include <cstdlib>

kiln::ArenaPool::~ArenaPool() {
  for (void *arena : free)
    std::free(arena);
}

kiln::ArenaPool::Lease kiln::ArenaPool::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (!free.empty()) {
      void *arena = free.back();
      free.pop_back();
      return Lease(*this, arena);
    }
  }
  return Lease(*this, alignedAllocate(bytes, alignment));
}

void kiln::ArenaPool::release(void *arena) {
  std::lock_guard<std::mutex> lock(mutex);
  free.push_back(arena);
}
