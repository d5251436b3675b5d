/*===- KilnModel.h - The C API of a compiled model ---------------------===*/
/*
 * What `kilnc --emit=so|lib|obj` writes describes itself with a
 * kiln_model_info (names, shapes and element types of its inputs and
 * outputs, its arena, the target it was compiled for) and exports, for a
 * model named NAME:
 *
 *   extern const kiln_model_info NAME_info;
 *   kiln_model *NAME_create(int32_t threads);
 *   int32_t NAME_run(kiln_model *model, <one pointer per input>,
 *                    <one pointer per output>);
 *   void NAME_destroy(kiln_model *model);
 *
 * NAME.h, written beside the library, declares them with the model's types.
 * They call the functions below, which libkiln_runtime defines: a shipped
 * model links against libkiln_runtime only.
 */

#ifndef KILN_RUNTIME_KILNMODEL_H
#define KILN_RUNTIME_KILNMODEL_H

#include "runtime/KilnRuntime.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The layout of kiln_model_info and of the kiln_context its entry reads,
 *  and what the entry asks of its buffers (2: the weights cache; 3: buffers
 *  aligned to their elements alone, where 2's streaming stores needed
 *  outputs on a cache line). A model compiled for another version is
 *  refused by kiln_model_create with a message naming both. */
#define KILN_MODEL_ABI_VERSION 3

/** Element types of inputs and outputs; KILN_I1 is one byte per element
 *  holding 0 or 1, KILN_F16 and KILN_BF16 are the 16-bit patterns of IEEE
 *  binary16 and bfloat16. */
typedef enum kiln_element_type {
  KILN_F32 = 0,
  KILN_I1 = 1,
  KILN_I32 = 2,
  KILN_I64 = 3,
  KILN_F64 = 4,
  KILN_F16 = 5,
  KILN_BF16 = 6,
  KILN_I8 = 7,
  KILN_I16 = 8,
  KILN_UI8 = 9,
  KILN_UI16 = 10,
  KILN_UI32 = 11,
  KILN_UI64 = 12
} kiln_element_type;

/** One input or output: dense, row-major. */
typedef struct kiln_tensor_info {
  const char *name;
  int32_t element_type; /* a kiln_element_type */
  int32_t rank;
  const int64_t *shape; /* rank sizes */
} kiln_tensor_info;

/** What a compiled model is: emitted as constant data by kilnc. */
typedef struct kiln_model_info {
  int32_t abi_version; /* KILN_MODEL_ABI_VERSION when compiled */
  int32_t num_inputs;
  int32_t num_outputs;
  int32_t reserved;
  const char *name;
  /** The target the code was compiled for ("x86-64-v3", "znver4", ...). */
  const char *target;
  /** The CPU features the code needs, comma separated in LLVM's spelling
   *  ("avx,avx2,bmi,bmi2,f16c,fma,..."): checked before the first run. */
  const char *cpu_features;
  const kiln_tensor_info *inputs;
  const kiln_tensor_info *outputs;
  /** Scratch bytes each run needs. */
  int64_t arena_size;
  kiln_entry_fn entry;
} kiln_model_info;

/** A model ready to run: its arenas and the threads it may use. */
typedef struct kiln_model kiln_model;

/**
 * Checks that this runtime speaks the model's ABI version and that this CPU
 * has every feature the model's code needs, then returns a model that runs
 * on `threads` threads (0: all cores). Returns null when a check fails or
 * memory runs out; kiln_last_error() then says why.
 */
kiln_model *kiln_model_create(const kiln_model_info *info, int32_t threads);

/**
 * Runs the model: `inputs` holds the data of each input, `outputs` where
 * each output goes, dense row-major in the types of the model's info.
 * Buffers need no particular alignment: a buffer is read or written where it
 * lies, and only one off its elements' alignment is copied. Safe to call from
 * several threads at once on one model. Returns 0, or nonzero with
 * kiln_last_error() saying why.
 */
int32_t kiln_model_run(kiln_model *model, const void *const *inputs,
                       void *const *outputs);

/** Releases `model` (null is allowed). */
void kiln_model_destroy(kiln_model *model);

/** The description the model was created from. */
const kiln_model_info *kiln_model_get_info(const kiln_model *model);

/** Why this thread's last kiln_model_* call failed: one line, or "". */
const char *kiln_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* KILN_RUNTIME_KILNMODEL_H */
