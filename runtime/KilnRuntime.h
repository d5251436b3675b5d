/*===- KilnRuntime.h - The C ABI between Kiln's compiled code and runtime ===*/
/*
 * A compiled graph exports
 *   void kiln_entry(void **buffers, void *arena, kiln_context *context);
 *   const int64_t kiln_arena_size;
 * `buffers` holds the data pointers of the inputs then of the outputs, all
 * allocated by the caller, dense row-major, each aligned to its elements
 * (kernels assume no more: they find the whole cache lines they stream to
 * from the outputs' addresses). `arena` is scratch memory of at
 * least kiln_arena_size bytes, 64-byte aligned, owned by this call alone (so
 * calls may run concurrently). `context` carries the runtime services the
 * generated code calls: the thread pool that kiln_launch runs kernel tasks
 * on, the thread count, the kernel profile and the packed weights cache.
 * It also exports `const int64_t kiln_weights_cache_bytes` and
 * `const int64_t kiln_packed_inputs[]`: the cache's size (0: the graph
 * packs no input) and the count, then the indices, of the inputs whose
 * packed panels it keeps.
 */

#ifndef KILN_RUNTIME_KILNRUNTIME_H
#define KILN_RUNTIME_KILNRUNTIME_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Runtime services handed to every call of a compiled graph. */
typedef struct kiln_context {
  /** The thread pool that runs kernel tasks (a kiln::ThreadPool), or null
   *  to run every task on the calling thread. */
  void *pool;
  /** Threads the call may use, the caller's included; 1 runs everything on
   *  the calling thread. */
  int32_t num_threads;
  /** Where launch times are recorded (a kiln::KernelProfile), or null. */
  void *profile;
  /** The packed weights cache, or null: kiln_weights_cache_bytes bytes,
   *  64-byte aligned, that outlive the call. Its first 4 bytes hold a
   *  kiln_weights_state (the rest of the first 64 are the runtime's); the
   *  packed panels of contractions whose weights are graph inputs follow.
   *  Null runs as KILN_WEIGHTS_PACK_EACH_CALL, or on one thread as
   *  KILN_WEIGHTS_PACK_ONCE. */
  void *weights_cache;
} kiln_context;

/** What a call does with the weights cache. */
typedef enum kiln_weights_state {
  /** Pack weights inside the call, as without a cache. */
  KILN_WEIGHTS_PACK_EACH_CALL = 0,
  /** Pack them and also keep the packed panels in the cache. */
  KILN_WEIGHTS_FILL = 1,
  /** Read the packed panels from the cache: the weights are those of the
   *  call that filled it. */
  KILN_WEIGHTS_READY = 2,
  /** The compiled graph's own states, never in a cache. A call without
   *  one on one thread: pack the panels that several tiles read once, into
   *  a slot of the call's own. On several threads (as
   *  KILN_WEIGHTS_PACK_EACH_CALL) each tile packs its own, except where
   *  many tiles read the same panels (the graph decides per kernel, and
   *  packs those once too): panels that one core rewrites in every call
   *  and the others then read cost more than packing them again a few
   *  times. */
  KILN_WEIGHTS_PACK_ONCE = 3,
  /** The first of the two launches of KILN_WEIGHTS_PACK_ONCE: only pack
   *  the panels into the slot; the second reads them as
   *  KILN_WEIGHTS_READY. */
  KILN_WEIGHTS_PACK_ONLY = 4
} kiln_weights_state;

/** Bytes at the start of the weights cache before the first panels. */
#define KILN_WEIGHTS_HEADER_BYTES 64

/** One task of a kernel: computes the part `task` of its output. */
typedef void (*kiln_task_fn)(void *args, int64_t task);

/**
 * Runs task(args, t) for every t in [0, num_tasks) on the context's threads
 * and returns when all are done. Task boundaries are fixed by the compiler,
 * so results do not depend on the thread count. `kernel_id` names the
 * launch in profiles.
 */
void kiln_launch(kiln_context *context, int64_t kernel_id, int64_t num_tasks,
                 kiln_task_fn task, void *args);

/** The signature of `kiln_entry`. */
typedef void (*kiln_entry_fn)(void **buffers, void *arena,
                              kiln_context *context);

/** Alignment, in bytes, of the arena and of every buffer inside it. */
#define KILN_ARENA_ALIGNMENT 64

#ifdef __cplusplus
}
#endif

#endif /* KILN_RUNTIME_KILNRUNTIME_H */
