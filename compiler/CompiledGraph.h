//===- CompiledGraph.h - What a compiled graph is ---------------*- C++ -*-===//
//
// A compiled graph apart from any process: its signature, its kernels, the
// arena it needs, its target and its native code. The JIT loads it
// (LoadedCode), the compile cache stores and reads it (CompileCache), the
// library writer wraps it in a C API (ModelLibrary.h), profiles name its
// kernels, and the Python module shows its signature.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_COMPILEDGRAPH_H
#define KILN_COMPILER_COMPILEDGRAPH_H

#include "runtime/HostTensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiln {

/// One native kernel launch of a compiled graph, for profiles and
/// explanations.
struct KernelInfo {
  int64_t id = 0;
  /// The fusion kind and the user's ops, e.g. "output: dot_general+add".
  std::string name;
  /// `file:line:col` of the kernel's root op in the user's graph.
  std::string location;
  /// Bytes the kernel reads and writes: its inputs plus its outputs.
  int64_t bytes = 0;
  /// Tasks its launch is split into (fixed at compile time).
  int64_t tasks = 1;
};

struct CompiledGraph {
  std::vector<TensorSpec> inputs, outputs;
  /// The kernel launches of each call, in launch order.
  std::vector<KernelInfo> kernels;
  /// Scratch bytes each call needs for intermediates.
  int64_t arenaBytes = 0;
  /// The most bytes of intermediates live at once over the launch order.
  int64_t livenessBound = 0;
  /// The target as the user named it ("native", "x86-64-v3", "znver4"), and
  /// the CPU features its code may use, comma separated in LLVM's spelling
  /// (those runtime/CpuFeatures.h can check; filled for code to ship).
  std::string target, cpuFeatures;
  /// ELF relocatable objects that together define kiln_entry
  /// (ParallelCodegen.h), for the JIT; kilnc writes its own.
  std::vector<std::string> objects;
};

} // namespace kiln

#endif // KILN_COMPILER_COMPILEDGRAPH_H
