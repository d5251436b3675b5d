//===- Model.cpp - The C API of a compiled model ------------------------===//
//
// kiln_model_create checks the model against this runtime and this CPU once;
// kiln_model_run then only stages buffers off their elements' alignment, the
// one the kernels need, and calls the entry.
//
//===----------------------------------------------------------------------===//

#include "runtime/ArenaPool.h"
#include "runtime/CpuFeatures.h"
#include "runtime/HostTensor.h"
#include "runtime/KilnModel.h"
#include "runtime/ThreadPool.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

using namespace kiln;

// kiln_element_type numbers the C API's types as ElementType does.
static_assert(static_cast<int>(ElementType::F32) == KILN_F32 &&
                  static_cast<int>(ElementType::I1) == KILN_I1 &&
                  static_cast<int>(ElementType::I32) == KILN_I32 &&
                  static_cast<int>(ElementType::I64) == KILN_I64 &&
                  static_cast<int>(ElementType::F64) == KILN_F64 &&
                  static_cast<int>(ElementType::F16) == KILN_F16 &&
                  static_cast<int>(ElementType::BF16) == KILN_BF16 &&
                  static_cast<int>(ElementType::I8) == KILN_I8 &&
                  static_cast<int>(ElementType::I16) == KILN_I16 &&
                  static_cast<int>(ElementType::UI8) == KILN_UI8 &&
                  static_cast<int>(ElementType::UI16) == KILN_UI16 &&
                  static_cast<int>(ElementType::UI32) == KILN_UI32 &&
                  static_cast<int>(ElementType::UI64) == KILN_UI64,
              "kiln_element_type and ElementType disagree");

struct kiln_model {
  const kiln_model_info *info;
  int threads;
  ArenaPool arenas;
  /// Bytes of each buffer, inputs then outputs.
  std::vector<size_t> bufferBytes;
  /// The alignment each buffer needs, in bytes, inputs then outputs: its
  /// element's size (the kernels read and write buffers at any address of
  /// their elements).
  std::vector<size_t> bufferAlignments;

  kiln_model(const kiln_model_info *info, int threads,
             std::vector<size_t> bufferBytes,
             std::vector<size_t> bufferAlignments)
      : info(info), threads(threads),
        arenas(std::max<int64_t>(info->arena_size, KILN_ARENA_ALIGNMENT),
               KILN_ARENA_ALIGNMENT),
        bufferBytes(std::move(bufferBytes)),
        bufferAlignments(std::move(bufferAlignments)) {}
};

static thread_local std::string lastError;

static void setError(const std::string &message) { lastError = message; }

static std::string modelName(const kiln_model_info *info) {
  return std::string("model '") + (info->name ? info->name : "?") + "'";
}

/// Bytes of `tensor`, or false when its description is malformed (a
/// corrupt or foreign info) or its size overflows.
static bool bytesOf(const kiln_tensor_info &tensor, size_t &bytes) {
  if (tensor.element_type < KILN_F32 || tensor.element_type > KILN_UI64 ||
      tensor.rank < 0 || (tensor.rank > 0 && !tensor.shape))
    return false;
  bytes = elementSize(static_cast<ElementType>(tensor.element_type));
  for (int32_t i = 0; i < tensor.rank; ++i) {
    int64_t size = tensor.shape[i];
    if (size < 0 || (size > 0 && bytes > SIZE_MAX / size))
      return false;
    bytes *= static_cast<size_t>(size);
  }
  return true;
}

extern "C" kiln_model *kiln_model_create(const kiln_model_info *info,
                                         int32_t threads) {
  if (!info) {
    setError("kiln_model_create: the model info is null");
    return nullptr;
  }
  if (info->abi_version != KILN_MODEL_ABI_VERSION) {
    setError(modelName(info) + " was compiled for Kiln model ABI " +
             std::to_string(info->abi_version) + ", but this libkiln_runtime " +
             "runs ABI " + std::to_string(KILN_MODEL_ABI_VERSION) +
             "; recompile it with this Kiln's kilnc");
    return nullptr;
  }
  std::vector<std::string> missing =
      missingCpuFeatures(info->cpu_features ? info->cpu_features : "");
  if (!missing.empty()) {
    std::string list;
    for (const std::string &feature : missing)
      list += (list.empty() ? "" : ", ") + feature;
    setError(modelName(info) + " was compiled for " +
             (info->target ? info->target : "another CPU") +
             " and needs CPU features this machine lacks: " + list +
             "; recompile it for this machine (kilnc --target=native) or "
             "for an older level (--target=x86-64-v3)");
    return nullptr;
  }
  std::vector<size_t> bytes, alignments;
  for (int32_t i = 0; i < info->num_inputs + info->num_outputs; ++i) {
    const kiln_tensor_info &tensor = i < info->num_inputs
                                         ? info->inputs[i]
                                         : info->outputs[i - info->num_inputs];
    if (!bytesOf(tensor, bytes.emplace_back())) {
      setError(modelName(info) + " has a malformed description");
      return nullptr;
    }
    alignments.push_back(
        elementSize(static_cast<ElementType>(tensor.element_type)));
  }
  ThreadPool &pool = defaultThreadPool();
  int used = threads > 0 ? std::min<int>(threads, pool.maxThreads())
                         : pool.maxThreads();
  try {
    return new kiln_model(info, used, std::move(bytes), std::move(alignments));
  } catch (const std::bad_alloc &) {
    setError(modelName(info) + ": out of memory for its arena");
    return nullptr;
  }
}

namespace {
/// An aligned copy of a buffer the caller passed off its elements.
struct StagedBuffer {
  void *data = nullptr;
  ~StagedBuffer() { std::free(data); }
};
} // namespace

/// "input 'x'" or "output 'y'": buffer `index` of a run, inputs first.
static std::string bufferName(const kiln_model_info *info, int32_t index) {
  if (index < info->num_inputs)
    return "input '" + std::string(info->inputs[index].name) + "'";
  return "output '" +
         std::string(info->outputs[index - info->num_inputs].name) + "'";
}

static bool isAligned(const void *pointer, size_t alignment) {
  return reinterpret_cast<uintptr_t>(pointer) % alignment == 0;
}

extern "C" int32_t kiln_model_run(kiln_model *model, const void *const *inputs,
                                  void *const *outputs) {
  if (!model) {
    setError("kiln_model_run: the model is null");
    return 1;
  }
  const kiln_model_info *info = model->info;
  int32_t numInputs = info->num_inputs,
          numBuffers = numInputs + info->num_outputs;
  std::vector<void *> buffers(numBuffers);
  std::vector<StagedBuffer> staged(numBuffers);
  try {
    for (int32_t i = 0; i < numBuffers; ++i) {
      void *given = i < numInputs ? const_cast<void *>(inputs[i])
                                  : outputs[i - numInputs];
      size_t bytes = model->bufferBytes[i];
      if (!given && bytes > 0) {
        setError(modelName(info) + ": " + bufferName(info, i) + " is null");
        return 1;
      }
      buffers[i] = given;
      if (isAligned(given, model->bufferAlignments[i]) || bytes == 0)
        continue;
      staged[i].data = alignedAllocate(bytes, KILN_ARENA_ALIGNMENT);
      if (i < numInputs)
        std::memcpy(staged[i].data, given, bytes);
      buffers[i] = staged[i].data;
    }
    ArenaPool::Lease arena = model->arenas.acquire();
    kiln_context context{&defaultThreadPool(), model->threads, nullptr};
    info->entry(buffers.data(), arena.get(), &context);
  } catch (const std::bad_alloc &) {
    setError(modelName(info) + ": out of memory");
    return 1;
  }
  for (int32_t i = numInputs; i < numBuffers; ++i)
    if (staged[i].data)
      std::memcpy(outputs[i - numInputs], staged[i].data,
                  model->bufferBytes[i]);
  return 0;
}

extern "C" void kiln_model_destroy(kiln_model *model) { delete model; }

extern "C" const kiln_model_info *kiln_model_get_info(const kiln_model *model) {
  return model ? model->info : nullptr;
}

extern "C" const char *kiln_last_error(void) { return lastError.c_str(); }
