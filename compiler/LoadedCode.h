//===- LoadedCode.h - Object code linked into this process ------*- C++ -*-===//
//
// The JIT side of Kiln: a compiled graph's relocatable objects (from
// ParallelCodegen.h, or a compile cache entry) linked into this process by
// ORC, with the runtime's symbols resolved against the process.
// Compiling and loading are separate steps, so a cached object loads
// without any compilation.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_LOADEDCODE_H
#define KILN_COMPILER_LOADEDCODE_H

#include "runtime/KilnRuntime.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace llvm::orc {
class LLJIT;
} // namespace llvm::orc

namespace kiln {

class LoadedCode {
public:
  /// Links `objects` (ELF relocatable objects for the host) into this
  /// process and finds their `kiln_entry`.
  static llvm::Expected<std::unique_ptr<LoadedCode>>
  load(llvm::ArrayRef<std::string> objects);

  ~LoadedCode();
  LoadedCode(const LoadedCode &) = delete;
  LoadedCode &operator=(const LoadedCode &) = delete;

  kiln_entry_fn entry() const { return entryPoint; }
  /// kiln_weights_cache_bytes and kiln_packed_inputs' indices
  /// (KilnRuntime.h); 0 and none for code that keeps no packed weights.
  int64_t weightsCacheBytes() const { return cacheBytes; }
  const std::vector<int64_t> &packedInputs() const { return packed; }

private:
  LoadedCode() = default;

  std::unique_ptr<llvm::orc::LLJIT> jit;
  kiln_entry_fn entryPoint = nullptr;
  int64_t cacheBytes = 0;
  std::vector<int64_t> packed;
};

} // namespace kiln

#endif // KILN_COMPILER_LOADEDCODE_H
