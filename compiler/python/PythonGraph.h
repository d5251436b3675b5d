//===- PythonGraph.h - The compiler side of the Python module ---*- C++ -*-===//
//
// What the `kiln` Python module asks of the compiler (read a graph, compile
// it, interpret it, explain its fusion, run it on raw buffers), behind a
// header of plain C++17 types. The bindings are built with RTTI and
// exceptions, as pybind11 needs; LLVM may be built without RTTI (upstream's
// default; Debian's has it). Only this header's types cross between the two,
// so the bindings never compile an LLVM or MLIR class, and stay quick to
// build.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_PYTHON_PYTHONGRAPH_H
#define KILN_COMPILER_PYTHON_PYTHONGRAPH_H

#include "compiler/CompiledGraph.h"
#include "runtime/HostTensor.h"
#include "runtime/KernelProfile.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kiln::python {

/// Where a graph comes from: a file (`.mlir` text or an ONNX model) or text.
struct GraphSource {
  std::string pathOrText;
  bool isPath = false;
  /// For ONNX models: the shapes of inputs with dynamic dimensions, and
  /// inputs fixed to a value (GraphLoadOptions).
  std::map<std::string, std::vector<int64_t>> inputShapes;
  std::map<std::string, HostTensor> boundInputs;
};

/// CompileOptions in plain types.
struct CompileSettings {
  bool loopFusion = true;
  bool inputFusion = true;
  bool outputFusion = true;
  /// 0: the pipeline's default.
  int64_t maxLoopFusionOps = 0;
  /// The compile cache's directory; empty: none.
  std::string cacheDirectory;
  /// Threads LLVM's work may use (0: one per core).
  unsigned compileThreads = 0;
};

/// The compile cache's default directory (`$KILN_CACHE_DIR`, ...; empty when
/// there is none), as kiln-run chooses it.
std::string defaultCacheDirectory();

/// Makes the runtime's C symbols (kiln_launch) visible to the JIT. Python
/// loads an extension and its libraries with RTLD_LOCAL, where the JIT's
/// search of the process's symbols does not look; this promotes the runtime
/// library to the global scope. Called once, when the module is imported.
void exposeRuntimeSymbols();

/// A graph read into its own MLIR context: what `kiln.interpret` runs, and
/// what `kiln.compile` compiles and keeps for `explain_fusion()`. Not safe to
/// use from several threads at once (the Python module holds the GIL or a
/// lock around each use); the Executable it compiles is.
class PythonGraph {
public:
  /// Reads and verifies the graph; on failure returns null and sets `error`
  /// to the diagnostics, one `file:line:col: error: reason` per line.
  static std::unique_ptr<PythonGraph> load(const GraphSource &source,
                                           std::string &error);
  ~PythonGraph();
  PythonGraph(const PythonGraph &) = delete;
  PythonGraph &operator=(const PythonGraph &) = delete;

  /// The entry function's arguments and results.
  const std::vector<TensorSpec> &inputs() const { return inputSpecs; }
  const std::vector<TensorSpec> &outputs() const { return outputSpecs; }

  /// Runs the reference interpreter on `inputs` (exact types and shapes).
  bool interpret(const std::vector<HostTensor> &inputs,
                 std::vector<HostTensor> &outputs, std::string &error) const;

  /// Compiles the graph (left unchanged) to native code; null and `error`
  /// set on failure.
  std::unique_ptr<class PythonExecutable>
  compile(const CompileSettings &settings, std::string &error) const;

  /// `kilnc --explain-fusion`'s lines for the graph compiled with
  /// `settings`: one per producer/consumer edge left between two kernels.
  bool explainFusion(const CompileSettings &settings,
                     std::vector<std::string> &lines, std::string &error) const;

private:
  PythonGraph();
  struct State;
  std::unique_ptr<State> state;
  std::vector<TensorSpec> inputSpecs, outputSpecs;
};

/// A compiled graph, safe to run from several threads at once.
class PythonExecutable {
public:
  ~PythonExecutable();
  PythonExecutable(const PythonExecutable &) = delete;
  PythonExecutable &operator=(const PythonExecutable &) = delete;

  const std::vector<TensorSpec> &inputs() const;
  const std::vector<TensorSpec> &outputs() const;
  const std::vector<KernelInfo> &kernels() const;
  int64_t arenaSize() const;
  bool loadedFromCache() const;

  /// Executable::runBuffers: `buffers` holds each input's then each
  /// output's data, dense, row-major, 64-byte aligned; nothing is checked.
  /// `weightsUnchanged` as RunOptions says.
  void runBuffers(void *const *buffers, int threads, KernelProfile *profile,
                  bool weightsUnchanged = false) const;
  /// Executable::packedInputs.
  const std::vector<int64_t> &packedInputs() const;

  /// `kiln-run --profile`'s table for `profile` recorded over `calls` runs.
  std::string formatProfile(const KernelProfile &profile, int64_t calls) const;

private:
  friend class PythonGraph;
  PythonExecutable();
  struct State;
  std::unique_ptr<State> state;
};

} // namespace kiln::python

#endif // KILN_COMPILER_PYTHON_PYTHONGRAPH_H
