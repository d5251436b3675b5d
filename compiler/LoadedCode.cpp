//===- LoadedCode.cpp - Object code linked into this process ----------===//

#include "compiler/LoadedCode.h"

#include "compiler/Backend.h"

#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

static Error loadError(const Twine &what, Error cause) {
  return createStringError(inconvertibleErrorCode(),
                           "error: " + what + ": " +
                               toString(std::move(cause)));
}

kiln::LoadedCode::~LoadedCode() = default;

Expected<std::unique_ptr<kiln::LoadedCode>>
kiln::LoadedCode::load(ArrayRef<std::string> objects) {
  initializeNativeTarget();
  Expected<std::unique_ptr<orc::LLJIT>> jit = orc::LLJITBuilder().create();
  if (!jit)
    return loadError("cannot start the JIT linker", jit.takeError());
  // kiln_launch and the C library come from this process.
  Expected<std::unique_ptr<orc::DynamicLibrarySearchGenerator>> process =
      orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
          (*jit)->getDataLayout().getGlobalPrefix());
  if (!process)
    return loadError("cannot search this process's symbols",
                     process.takeError());
  (*jit)->getMainJITDylib().addGenerator(std::move(*process));
  for (const std::string &object : objects)
    if (Error error = (*jit)->addObjectFile(
            MemoryBuffer::getMemBufferCopy(object, "kiln-graph.o")))
      return loadError("cannot load the compiled code", std::move(error));
  Expected<orc::ExecutorAddr> entry = (*jit)->lookup("kiln_entry");
  if (!entry)
    return loadError("the compiled code has no kiln_entry", entry.takeError());

  std::unique_ptr<LoadedCode> code(new LoadedCode());
  code->entryPoint = entry->toPtr<kiln_entry_fn>();
  // Code from before the weights cache has neither constant.
  Expected<orc::ExecutorAddr> cacheBytes =
      (*jit)->lookup("kiln_weights_cache_bytes");
  Expected<orc::ExecutorAddr> packed = (*jit)->lookup("kiln_packed_inputs");
  if (cacheBytes && packed) {
    code->cacheBytes = *cacheBytes->toPtr<const int64_t *>();
    const int64_t *list = packed->toPtr<const int64_t *>();
    code->packed.assign(list + 1, list + 1 + list[0]);
  } else {
    consumeError(cacheBytes.takeError());
    consumeError(packed.takeError());
  }
  code->jit = std::move(*jit);
  return std::move(code);
}
