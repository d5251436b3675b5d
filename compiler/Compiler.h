//===- Compiler.h - Compile a graph once, run it many times -----*- C++ -*-===//
//
// The C++ API: a Compiler turns an hlo module into an Executable holding
// native code; an Executable runs on host tensors, from several threads at
// once (each call gets its own arena).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_COMPILER_H
#define KILN_COMPILER_COMPILER_H

#include "compiler/CompiledGraph.h"
#include "compiler/Pipeline.h"
#include "runtime/ArenaPool.h"
#include "runtime/HostTensor.h"
#include "runtime/KilnRuntime.h"
#include "runtime/WeightsCache.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir {
class MLIRContext;
class ModuleOp;
} // namespace mlir

namespace kiln {

class KernelProfile;
class LoadedCode;

/// Per-call choices of Executable::run.
struct RunOptions {
  /// Threads the call may use, the caller's included; 0 means all cores.
  /// Results are bitwise identical whatever the count.
  int threads = 0;
  /// When set, each kernel launch's wall time is recorded here under the
  /// kernel's id (Executable::kernels() describes the ids).
  KernelProfile *profile = nullptr;
  /// Declares that the graph's weights, the inputs it packs for its
  /// contractions (Executable::packedInputs()), hold the same values at the
  /// same addresses in every call that declares it: the first such call
  /// keeps them packed, and the later ones skip the packing. A call whose
  /// packed inputs lie elsewhere packs its own; new values at the same
  /// addresses are the caller's error (the results use the old ones).
  bool weightsUnchanged = false;
};

/// A compiled graph: native code plus the description of its signature.
class Executable {
public:
  ~Executable();
  Executable(const Executable &) = delete;
  Executable &operator=(const Executable &) = delete;

  const std::vector<TensorSpec> &inputs() const { return graph.inputs; }
  const std::vector<TensorSpec> &outputs() const { return graph.outputs; }
  /// Scratch bytes each call needs for intermediates.
  int64_t arenaSize() const { return graph.arenaBytes; }
  /// The most bytes of intermediates live at once over the launch order:
  /// no arena can be smaller; arenaSize() is measured against it.
  int64_t arenaLivenessBound() const { return graph.livenessBound; }
  /// The kernels each call launches, in launch order.
  const std::vector<KernelInfo> &kernels() const { return graph.kernels; }
  /// The ELF relocatable objects of the code (CompiledGraph::objects) when
  /// compiled with CompileOptions::keepObjects, else empty.
  const std::vector<std::string> &objects() const { return graph.objects; }
  /// The inputs the graph packs for its contractions, which
  /// RunOptions::weightsUnchanged lets it keep packed between calls.
  const std::vector<int64_t> &packedInputs() const {
    return weights->packedInputs();
  }
  /// Whether the code came from the compile cache rather than a compile.
  bool loadedFromCache() const { return cached; }

  /// Runs the graph on `inputs` (checked against inputs()) and returns
  /// freshly allocated outputs. Safe to call from several threads at once.
  llvm::Expected<std::vector<HostTensor>>
  run(const std::vector<HostTensor> &inputs,
      const RunOptions &options = {}) const;

  /// Runs the graph writing into caller-allocated `outputs`, which must
  /// match outputs(); no allocation but the call's arena.
  llvm::Error runInto(const std::vector<HostTensor> &inputs,
                      std::vector<HostTensor> &outputs,
                      const RunOptions &options = {}) const;

  /// Runs the graph on raw buffers, unchecked: `buffers` holds the data of
  /// each input then of each output, dense row-major with the types of
  /// inputs() and outputs(), each aligned to its element (kernels assume no
  /// more: they find the cache lines they stream to from the addresses).
  /// runInto() checks HostTensors and calls this; the Python module calls
  /// it on NumPy arrays without copying them.
  void runBuffers(void *const *buffers, const RunOptions &options = {}) const;

private:
  friend class Compiler;
  Executable() = default;

  /// The description of the graph (without the object, once loaded).
  CompiledGraph graph;
  std::unique_ptr<LoadedCode> code;
  /// Each call's arena, reused by the next call (ArenaPool.h says why).
  std::unique_ptr<ArenaPool> arenas;
  /// The packed weights of calls that declare them unchanged.
  std::unique_ptr<WeightsCache> weights;
  bool cached = false;
};

/// Compiles hlo graphs to native code for the host CPU.
class Compiler {
public:
  /// `context` must outlive the Compiler; Kiln's dialects are loaded into it.
  explicit Compiler(mlir::MLIRContext &context);

  /// Compiles `module` (left unchanged) through Kiln's pipeline. Errors name
  /// the user's op and location, one `file:line:col: error: ...` per line.
  llvm::Expected<std::unique_ptr<Executable>>
  compile(mlir::ModuleOp module, const CompileOptions &options = {});

  /// Runs only the lowering of `module` in place, down to the LLVM dialect
  /// with the `kiln_entry` entry point (what `kilnc --emit=llvm` translates).
  llvm::Error lowerToLLVMDialect(mlir::ModuleOp module,
                                 const CompileOptions &options = {});

  /// Runs the graph and fusion passes of `module` in place (`kilnc
  /// --emit=fused`, `--explain-fusion`, `--emit=dot`).
  llvm::Error runFusionPasses(mlir::ModuleOp module,
                              const CompileOptions &options = {});

  /// Runs only the graph passes of `module` in place (`kilnc --emit=hlo`).
  llvm::Error runGraphPasses(mlir::ModuleOp module,
                             const CompileOptions &options = {});
};

/// What the lowering left in `lowered` (Compiler::lowerToLLVMDialect):
/// its arena size and liveness bound and its kernel table, into `graph`.
void describeLoweredGraph(mlir::ModuleOp lowered, CompiledGraph &graph);

/// The signature of `module`'s entry function as tensor specs.
llvm::Error describeSignature(mlir::ModuleOp module,
                              std::vector<TensorSpec> &inputs,
                              std::vector<TensorSpec> &outputs);

} // namespace kiln

#endif // KILN_COMPILER_COMPILER_H
