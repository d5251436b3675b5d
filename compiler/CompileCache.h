//===- CompileCache.h - Compiled graphs kept on disk ------------*- C++ -*-===//
//
// A directory of compiled graphs, one file per key. The key is a SHA-256 of
// everything the compiled code depends on: the graph as parsed (with its
// locations, which name kernels in profiles), the compile options, the
// target CPU and its features, and the build of Kiln and LLVM. An entry
// carries its key and a SHA-256 of its contents, so a truncated, corrupt,
// foreign or stale file is never trusted: it reads as a miss and is
// rebuilt. Entries are written to a temporary file and renamed, so two
// processes storing the same key both leave a whole entry. After a store,
// the least recently used entries are removed while the directory holds
// more than kMaxCacheBytes.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_COMPILECACHE_H
#define KILN_COMPILER_COMPILECACHE_H

#include "compiler/CacheDirectory.h"
#include "compiler/CompiledGraph.h"
#include "compiler/Pipeline.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace kiln {

/// The files of this build of Kiln whose code shapes the compiled code:
/// each shared library of the compiler and the runtime (or the program,
/// when linked statically). A compile cache key names their sizes and
/// times, so a rebuilt Kiln never reads entries an older build wrote.
std::vector<std::string> kilnBuildFiles();

class CompileCache {
public:
  explicit CompileCache(std::string directory)
      : directory(std::move(directory)) {}

  /// The key of compiling `module` with `options` for `machine`.
  static std::string keyOf(mlir::ModuleOp module, const CompileOptions &options,
                           const llvm::TargetMachine &machine);

  /// The entry stored under `key`; nullopt when there is none or it cannot
  /// be trusted (truncated, corrupt, another key or format).
  std::optional<CompiledGraph> load(llvm::StringRef key) const;

  /// Stores `graph` under `key` whole or not at all, then trims the
  /// directory to kMaxCacheBytes.
  llvm::Error store(llvm::StringRef key, const CompiledGraph &graph) const;

  /// The file of `key`'s entry.
  std::string pathOf(llvm::StringRef key) const;

  /// Removes the least recently used entries (every file named *.kiln,
  /// kiln-run's quick-start entries included) while the directory holds
  /// more than kMaxCacheBytes.
  void trim() const;

private:
  std::string directory;
};

} // namespace kiln

#endif // KILN_COMPILER_COMPILECACHE_H
