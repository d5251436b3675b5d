/*===- KilnRuntime.h - The C ABI between Kiln's compiled code and runtime ===*/
/*
 * A compiled graph exports
 *   void kiln_entry(void **buffers, void *arena, kiln_context *context);
 *   const int64_t kiln_arena_size;
 * `buffers` holds the data pointers of the inputs then of the outputs, all
 * allocated by the caller, dense row-major. `arena` is scratch memory of at
 * least kiln_arena_size bytes, 64-byte aligned, owned by this call alone (so
 * calls may run concurrently). `context` carries the runtime services the
 * generated code may call (the thread pool, in a later version).
 */

#ifndef KILN_RUNTIME_KILNRUNTIME_H
#define KILN_RUNTIME_KILNRUNTIME_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Runtime services handed to every call of a compiled graph. */
typedef struct kiln_context {
  /** Threads the call may use; 1 runs everything on the calling thread. */
  int32_t num_threads;
} kiln_context;

/** The signature of `kiln_entry`. */
typedef void (*kiln_entry_fn)(void **buffers, void *arena,
                              kiln_context *context);

/** Alignment, in bytes, of the arena and of every buffer inside it. */
#define KILN_ARENA_ALIGNMENT 64

#ifdef __cplusplus
}
#endif

#endif /* KILN_RUNTIME_KILNRUNTIME_H */
