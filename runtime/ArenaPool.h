//===- ArenaPool.h - Scratch arenas reused across calls ---------*- C++ -*-===//
//
// Each call of a compiled graph needs an arena for its intermediates. A
// fresh allocation of megabytes comes from the OS with unmapped pages, and
// every page then faults in on its first write, in every call: for a CNN's
// intermediates that costs milliseconds, as much as its convolutions. A
// pool keeps released arenas for the next call instead. Plain C++17, no
// LLVM or MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_ARENAPOOL_H
#define KILN_RUNTIME_ARENAPOOL_H

#include <cstddef>
#include <mutex>
#include <vector>

namespace kiln {

/// Arenas of one size. Safe to use from several threads at once; it holds
/// at most as many arenas as calls ever ran at the same time.
class ArenaPool {
public:
  ArenaPool(size_t bytes, size_t alignment)
      : bytes(bytes), alignment(alignment) {}
  ~ArenaPool();
  ArenaPool(const ArenaPool &) = delete;
  ArenaPool &operator=(const ArenaPool &) = delete;

  /// An arena for one call, returned to the pool when the lease ends.
  class Lease {
  public:
    Lease(Lease &&other) noexcept : pool(other.pool), arena(other.arena) {
      other.arena = nullptr;
    }
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    Lease &operator=(Lease &&) = delete;
    ~Lease() {
      if (arena)
        pool.release(arena);
    }
    void *get() const { return arena; }

  private:
    friend class ArenaPool;
    Lease(ArenaPool &pool, void *arena) : pool(pool), arena(arena) {}
    ArenaPool &pool;
    void *arena;
  };

  /// A released arena, or a new one (throws std::bad_alloc when memory
  /// runs out, as HostTensor does).
  Lease acquire();

private:
  void release(void *arena);

  size_t bytes, alignment;
  std::mutex mutex;
  std::vector<void *> free;
};

} // namespace kiln

#endif // KILN_RUNTIME_ARENAPOOL_H
