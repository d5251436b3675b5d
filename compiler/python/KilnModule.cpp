//===- KilnModule.cpp - The `_kiln` extension behind `import kiln` ----===//
//
// The classes and functions of the Python module; `kiln/__init__.py` adds
// compile() and interpret(), which read their arguments and call these.
// docs/python.md describes the API.
//
//===----------------------------------------------------------------------===//

#include "compiler/python/ExecutableObject.h"

#include <pybind11/stl.h>

#include <sstream>

namespace py = pybind11;
using namespace kiln;
using namespace kiln::python;

/// "(2, 3)": a shape as Python writes a tuple.
static py::tuple shapeTuple(const std::vector<int64_t> &shape) {
  py::tuple tuple(shape.size());
  for (size_t i = 0; i < shape.size(); ++i)
    tuple[i] = shape[i];
  return tuple;
}

static std::string specRepr(const TensorSpec &spec) {
  return "TensorSpec(name=" + py::repr(py::str(spec.name)).cast<std::string>() +
         ", shape=" + py::repr(shapeTuple(spec.shape)).cast<std::string>() +
         ", dtype=" + py::str(dtypeOf(spec.elementType)).cast<std::string>() +
         ")";
}

static std::string signatureRepr(const Signature &signature) {
  std::ostringstream os;
  auto list = [&](const std::vector<TensorSpec> &specs) {
    os << "(";
    for (size_t i = 0; i < specs.size(); ++i)
      os << (i ? ", " : "") << specs[i].name << ": " << specs[i].typeString();
    os << ")";
  };
  list(signature.inputs);
  os << " -> ";
  list(signature.outputs);
  return os.str();
}

/// The keyword arguments of kiln.compile and kiln.interpret that say how a
/// file is read.
static GraphSource graphSource(const std::string &pathOrText, bool isPath,
                               const py::dict &shapes, const py::dict &bind) {
  GraphSource source;
  source.pathOrText = pathOrText;
  source.isPath = isPath;
  for (auto [name, shape] : shapes)
    source.inputShapes[py::str(name)] = shape.cast<std::vector<int64_t>>();
  for (auto [name, value] : bind) {
    std::string key = py::str(name);
    py::array array =
        py::module_::import("numpy").attr("ascontiguousarray")(value);
    ElementType type = elementTypeOfDtype(array.dtype(), "bind['" + key + "']");
    TensorSpec spec{
        type, std::vector<int64_t>(array.shape(), array.shape() + array.ndim()),
        key};
    source.boundInputs.emplace(
        key, hostTensorOf(array, ArraySpec(spec, "bind['" + key + "']")));
  }
  return source;
}

PYBIND11_MODULE(_kiln, m) {
  m.doc() = "Kiln's compiler and runtime (import kiln instead)";
  exposeRuntimeSymbols();
  py::register_exception<GraphError>(m, "Error");

  py::class_<TensorSpec>(m, "TensorSpec",
                         "The name, shape and dtype of a graph's input or "
                         "result.")
      .def_readonly("name", &TensorSpec::name)
      .def_property_readonly(
          "shape",
          [](const TensorSpec &spec) { return shapeTuple(spec.shape); })
      .def_property_readonly(
          "dtype",
          [](const TensorSpec &spec) { return dtypeOf(spec.elementType); })
      .def_property_readonly("type", &TensorSpec::typeString,
                             "The MLIR type, e.g. 'tensor<2x3xf32>'.")
      .def("__eq__",
           [](const TensorSpec &a, const TensorSpec &b) {
             return a.name == b.name && a.shape == b.shape &&
                    a.elementType == b.elementType;
           })
      .def("__repr__", &specRepr);

  py::class_<Signature>(m, "Signature",
                        "A graph's inputs and results as TensorSpecs.")
      .def_readonly("inputs", &Signature::inputs)
      .def_readonly("outputs", &Signature::outputs)
      .def("__repr__", &signatureRepr);

  py::class_<KernelTime>(m, "KernelTime", "One kernel's line of a Profile.")
      .def_property_readonly("id",
                             [](const KernelTime &k) { return k.kernel.id; })
      .def_property_readonly("name",
                             [](const KernelTime &k) { return k.kernel.name; })
      .def_property_readonly(
          "location", [](const KernelTime &k) { return k.kernel.location; })
      .def_property_readonly(
          "bytes", [](const KernelTime &k) { return k.kernel.bytes; },
          "Bytes the kernel reads and writes per launch.")
      .def_property_readonly("tasks",
                             [](const KernelTime &k) { return k.kernel.tasks; })
      .def_readonly("calls", &KernelTime::calls, "Launches recorded.")
      .def_readonly("seconds", &KernelTime::seconds,
                    "Wall time of all recorded launches.")
      .def("__repr__", [](const KernelTime &k) {
        return "KernelTime(id=" + std::to_string(k.kernel.id) + ", name=" +
               py::repr(py::str(k.kernel.name)).cast<std::string>() +
               ", calls=" + std::to_string(k.calls) +
               ", seconds=" + std::to_string(k.seconds) + ")";
      });

  py::class_<ProfileResult>(m, "Profile",
                            "Kernel times recorded over Executable.profile's "
                            "runs; str() is kiln-run --profile's table.")
      .def_readonly("kernels", &ProfileResult::kernels)
      .def_readonly("runs", &ProfileResult::runs)
      .def_readonly("total_seconds", &ProfileResult::totalSeconds)
      .def("__str__", [](const ProfileResult &p) { return p.table; })
      .def("__repr__", [](const ProfileResult &p) {
        return "<kiln.Profile of " + std::to_string(p.kernels.size()) +
               " kernels over " + std::to_string(p.runs) + " runs>";
      });

  py::class_<GraphObject, std::shared_ptr<GraphObject>>(
      m, "Graph", "A graph read and verified, not compiled.")
      .def_property_readonly("signature", &GraphObject::signature)
      .def("interpret", &GraphObject::interpret,
           "Runs the reference interpreter.")
      .def(
          "compile",
          [](std::shared_ptr<GraphObject> graph, bool loopFusion,
             bool inputFusion, bool outputFusion, int64_t maxLoopFusionOps,
             std::string cacheDirectory, int threads, bool weightsUnchanged) {
            if (threads < 0)
              throw py::value_error("threads must be 0 (all cores) or more, "
                                    "got " +
                                    std::to_string(threads));
            CompileSettings settings;
            settings.loopFusion = loopFusion;
            settings.inputFusion = inputFusion;
            settings.outputFusion = outputFusion;
            settings.maxLoopFusionOps = maxLoopFusionOps;
            settings.cacheDirectory = std::move(cacheDirectory);
            settings.compileThreads = static_cast<unsigned>(threads);
            auto executable = std::make_unique<ExecutableObject>(
                std::move(graph), settings, threads);
            executable->weightsUnchanged = weightsUnchanged;
            return executable;
          },
          py::arg("loop_fusion"), py::arg("input_fusion"),
          py::arg("output_fusion"), py::arg("max_loop_fusion_ops"),
          py::arg("cache_dir"), py::arg("threads"),
          py::arg("weights_unchanged") = false);

  py::class_<ExecutableObject>(m, "Executable",
                               "A compiled graph: run it on NumPy arrays.")
      .def("run", &ExecutableObject::run,
           "Runs the graph; returns one array, or a tuple for several "
           "results.")
      .def("__call__", &ExecutableObject::run)
      .def("profile", &ExecutableObject::profile, py::arg("runs") = 1,
           "Runs the graph `runs` times and returns its kernels' times.")
      .def("_time_runs", &ExecutableObject::timeRuns, py::arg("runs"),
           "Mean seconds per call of the C++ API run in a loop on these "
           "inputs (bench/python_overhead.py).")
      .def("explain_fusion", &ExecutableObject::explainFusion,
           "One line per producer/consumer edge left between two kernels, "
           "with the reason.")
      .def("interpret", &ExecutableObject::interpret,
           "Runs the reference interpreter on the same graph.")
      .def_property_readonly("signature", &ExecutableObject::signature)
      .def_property(
          "threads",
          [](const ExecutableObject &self) { return self.threads.load(); },
          [](ExecutableObject &self, int threads) {
            if (threads < 0)
              throw py::value_error("threads must be 0 (all cores) or more");
            self.threads = threads;
          },
          "Threads each run uses (0: all cores); results are the same "
          "bits whatever the count.")
      .def_property(
          "weights_unchanged",
          [](const ExecutableObject &self) {
            return self.weightsUnchanged.load();
          },
          [](ExecutableObject &self, bool unchanged) {
            self.weightsUnchanged = unchanged;
          },
          "Whether runs declare the weights (packed_inputs) unchanged: the "
          "same values in the same array in every such run, so that they are "
          "packed once.")
      .def_property_readonly(
          "packed_inputs",
          [](const ExecutableObject &self) {
            return self.executable().packedInputs();
          },
          "The inputs the graph packs for its matmuls, which "
          "weights_unchanged lets it pack once.")
      .def_property_readonly("loaded_from_cache",
                             [](const ExecutableObject &self) {
                               return self.executable().loadedFromCache();
                             })
      .def_property_readonly(
          "last_run_copied_inputs",
          [](const ExecutableObject &self) {
            return self.lastRunCopiedInputs.load();
          },
          "How many inputs the latest run copied (0 when every input was "
          "passed as is).")
      .def("__repr__", [](const ExecutableObject &self) {
        return "<kiln.Executable " + signatureRepr(self.signature()) + ">";
      });

  m.def(
      "load",
      [](const std::string &pathOrText, bool isPath, const py::dict &shapes,
         const py::dict &bind) {
        return GraphObject::load(graphSource(pathOrText, isPath, shapes, bind));
      },
      py::arg("source"), py::arg("is_path"), py::arg("shapes"), py::arg("bind"),
      "Reads and verifies a graph (kiln.compile's first step).");
  m.def("default_cache_dir", &defaultCacheDirectory,
        "The compile cache's default directory ('' when there is none).");
}
