//===- ExecutableObject.h - kiln.Graph and kiln.Executable ------*- C++ -*-===//
//
// The objects behind the Python classes: a read graph (what kiln.interpret
// runs and kiln.compile compiles) and a compiled one, which runs on NumPy
// arrays with the GIL released while its kernels run.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_PYTHON_EXECUTABLEOBJECT_H
#define KILN_COMPILER_PYTHON_EXECUTABLEOBJECT_H

#include "compiler/python/NumpyArrays.h"
#include "compiler/python/PythonGraph.h"

#include <atomic>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiln::python {

/// A compiler diagnostic (`file:line:col: error: reason`, one line per
/// error): raised in Python as kiln.Error.
struct GraphError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A graph's inputs and results, as `Executable.signature` gives them.
struct Signature {
  std::vector<TensorSpec> inputs, outputs;
};

/// One kernel's line of a profile.
struct KernelTime {
  KernelInfo kernel;
  /// Launches recorded, and their wall time summed in seconds.
  int64_t calls = 0;
  double seconds = 0;
};

/// What Executable.profile returns.
struct ProfileResult {
  std::vector<KernelTime> kernels;
  int64_t runs = 0;
  double totalSeconds = 0;
  /// kiln-run --profile's table.
  std::string table;
};

/// The input specs of `inputs`, named for messages.
std::vector<ArraySpec> inputArraySpecs(const std::vector<TensorSpec> &inputs);

/// Checks the count of `args` against `specs`.
void checkInputCount(const py::args &args, const std::vector<ArraySpec> &specs);

/// One result as an array, several (or none) as a tuple.
py::object packResults(std::vector<py::array> results);

/// kiln.Graph: a graph read from a file or text.
class GraphObject {
public:
  /// Reads the graph (without the GIL); raises kiln.Error on failure.
  static std::shared_ptr<GraphObject> load(GraphSource source);

  Signature signature() const;
  /// The reference interpreter on `args` (copied into host tensors).
  py::object interpret(const py::args &args) const;

  std::shared_ptr<PythonGraph> graph;
  std::vector<ArraySpec> inputs;
};

/// kiln.Executable: a compiled graph.
class ExecutableObject {
public:
  /// Compiles `graph` (without the GIL); raises kiln.Error on failure.
  ExecutableObject(std::shared_ptr<GraphObject> graph,
                   const CompileSettings &settings, int threads);

  /// Runs on `args` and returns the results; see prepareInput for when an
  /// input is copied. Safe from several Python threads at once.
  py::object run(const py::args &args);
  /// Runs `runs` times with a kernel profile.
  ProfileResult profile(const py::args &args, int64_t runs);
  /// Mean seconds per call of `runs` calls of the C++ API (runBuffers) on
  /// the buffers `args` give, in one loop without the GIL: the baseline
  /// bench/python_overhead.py measures run() against.
  double timeRuns(const py::args &args, int64_t runs);
  std::vector<std::string> explainFusion() const;
  Signature signature() const;
  py::object interpret(const py::args &args) const {
    return graph->interpret(args);
  }

  const PythonExecutable &executable() const { return *compiled; }
  /// Threads each run uses (0: all cores).
  std::atomic<int> threads;
  /// Whether runs declare the weights unchanged (RunOptions).
  std::atomic<bool> weightsUnchanged{false};
  /// How many inputs the latest run copied (a test's view of zero-copy).
  std::atomic<int> lastRunCopiedInputs{0};

private:
  /// Prepares `args` and fresh outputs into `buffers`; keeps copies alive in
  /// `copies` and returns the outputs.
  /// `unchanged`: the run declares the weights unchanged; `reused` keeps
  /// alive the copies kept from an earlier run that it passes again.
  std::vector<py::array> prepare(const py::args &args, bool unchanged,
                                 std::vector<void *> &buffers,
                                 std::vector<py::object> &copies,
                                 std::vector<py::object> &reused);
  /// The data of packed input `i`, given as `value`, where runs declare
  /// the weights unchanged: an array that needs an aligned copy gets the
  /// same copy again while the same array, with the same data, shape and
  /// type, comes back, so that the packed weights' address does not move.
  const void *prepareWeights(size_t i, py::handle value,
                             std::vector<py::object> &copies,
                             std::vector<py::object> &reused);

  /// The aligned copy of a packed input kept for the next run (with the
  /// GIL held, as every py::object here).
  struct KeptCopy {
    py::array original;
    const void *originalData;
    std::vector<py::ssize_t> shape;
    py::dtype dtype;
    py::object copy;
    const void *data;
  };
  std::map<size_t, KeptCopy> keptCopies;

  std::shared_ptr<GraphObject> graph;
  CompileSettings settings;
  std::unique_ptr<PythonExecutable> compiled;
  std::vector<ArraySpec> outputs;
};

} // namespace kiln::python

#endif // KILN_COMPILER_PYTHON_EXECUTABLEOBJECT_H
