//===- QuickStart.h - Running a compiled graph without LLVM -----*- C++ -*-===//
//
// Loading libLLVM and libMLIR costs a process 30 to 60 ms before it does
// anything (the dynamic loader binding their symbols), which is most of a
// warm `kiln-run`. So kiln-run is two parts:
// a launcher that links only Kiln's runtime, and the full tool, a shared
// library it loads when it must (Launcher.cpp).
//
// After the full tool compiles a graph file, it stores a quick-start entry:
// the graph's code linked into a shared library, with its signature and
// arena. The launcher finds the entry by a key computed from the command
// line alone, without parsing the graph:
//
//   - the flags that only shape the run (--seed, --input, --out, --bench,
//     --threads, --profile, --cache-dir) are taken out;
//   - every other argument goes into the key as written, and the bytes of
//     each one that names a regular file (the graph) go in with it;
//   - so do the CPU (its CPUID, cache sizes and core count) and the format.
//
// The full tool stores an entry only for a native compile of a graph file
// that reads no other file (not ONNX, which may keep weights beside it, and
// no --bind), so a key that finds an entry means exactly that compile.
// An entry also lists the size and time of each of Kiln's libraries and
// tools that built it, and ends with a SHA-256 of its contents: a rebuilt
// Kiln, a truncated or a corrupt entry reads as a miss, and the full tool
// then stores it again.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_KILN_RUN_QUICKSTART_H
#define KILN_TOOLS_KILN_RUN_QUICKSTART_H

#include "runtime/HostTensor.h"
#include "runtime/KilnRuntime.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiln::quickstart {

/// What kiln-run's command line asks for, as the quick start reads it.
struct Request {
  /// The arguments that shape the compile, in order, the graph's path
  /// among them.
  std::vector<std::string> compileArguments;
  /// The run-only flags, as the full tool reads them.
  std::vector<std::string> inputFiles;
  std::string outDirectory;
  uint64_t seed = 0;
  unsigned benchRuns = 0;
  /// 0: all cores.
  int threads = 0;
  /// The compile cache's directory; empty: no cache (--no-cache, or
  /// KILN_CACHE_DIR=off).
  std::string cacheDirectory;
  /// The running kiln-run's executable, its real path: part of the key, so
  /// that two builds of Kiln sharing one cache directory (an installed one
  /// and a checkout's) never run each other's entries, whose build files
  /// are unchanged where they lie.
  std::string tool;
  /// Whether keyOf names the compile: false when the command line holds
  /// what the key cannot stand for (a response file, '--', a flag missing
  /// its value).
  bool keyNamesCompile = true;
  /// Why the launcher leaves this run to the full tool ("" when it need
  /// not): a flag it does not serve (--profile, --reference, --help, ...),
  /// or one whose value it does not read as the full tool would.
  std::string fullToolReason;
};

/// Reads kiln-run's `argc`/`argv`.
Request parseRequest(int argc, char **argv);

/// The key of `request`'s entry: its tool, and each compile argument,
/// reading those that name a regular file.
std::string keyOf(const Request &request);

/// A file of Kiln's build as it was when an entry was stored.
struct BuildFile {
  std::string path;
  int64_t size = 0;
  int64_t modifiedNanoseconds = 0;
};

/// `path` as it is now; nullopt when it cannot be inspected.
std::optional<BuildFile> buildFileOf(const std::string &path);

/// A quick-start entry.
struct Entry {
  std::vector<BuildFile> build;
  std::vector<TensorSpec> inputs, outputs;
  int64_t arenaBytes = 0;
  /// A shared library defining kiln_entry, linked against libkiln_runtime.
  std::string library;
};

/// The file of `key`'s entry in `directory`. Its suffix is the compile
/// cache's, so trimming the cache counts and removes it too.
std::string entryPath(const std::string &directory, const std::string &key);

/// The entry stored under `key`; nullopt when there is none or it cannot be
/// trusted: truncated, corrupt, another key or format, or built by files of
/// Kiln that have changed since. A trusted entry is marked recently used.
std::optional<Entry> load(const std::string &directory, const std::string &key);

/// Loads `entry`'s library into this process and returns its kiln_entry;
/// null when it cannot.
kiln_entry_fn loadLibrary(const Entry &entry);

/// Stores `entry` under `key` whole or not at all (a temporary file renamed
/// over the entry, so two processes storing one key both leave it whole).
/// Returns false when it could not.
bool store(const std::string &directory, const std::string &key,
           const Entry &entry);

} // namespace kiln::quickstart

#endif // KILN_TOOLS_KILN_RUN_QUICKSTART_H
