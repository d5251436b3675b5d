//===- ExecutableObject.cpp - kiln.Graph and kiln.Executable ----------===//

#include "compiler/python/ExecutableObject.h"

#include <algorithm>
#include <chrono>

namespace py = pybind11;
using namespace kiln;
using namespace kiln::python;

std::vector<ArraySpec>
kiln::python::inputArraySpecs(const std::vector<TensorSpec> &inputs) {
  std::vector<ArraySpec> specs;
  for (const TensorSpec &spec : inputs)
    specs.emplace_back(spec, "input '" + spec.name + "'");
  return specs;
}

void kiln::python::checkInputCount(const py::args &args,
                                   const std::vector<ArraySpec> &specs) {
  if (args.size() == specs.size())
    return;
  std::string expected;
  for (const ArraySpec &spec : specs)
    expected += (expected.empty() ? "" : ", ") + spec.spec.name + ": " +
                spec.spec.typeString();
  throw py::type_error("the graph takes " + std::to_string(specs.size()) +
                       " input" + (specs.size() == 1 ? "" : "s") + " (" +
                       expected + "), got " + std::to_string(args.size()));
}

py::object kiln::python::packResults(std::vector<py::array> results) {
  if (results.size() == 1)
    return std::move(results.front());
  py::tuple tuple(results.size());
  for (size_t i = 0; i < results.size(); ++i)
    tuple[i] = std::move(results[i]);
  return std::move(tuple);
}

//===----------------------------------------------------------------------===//
// kiln.Graph
//===----------------------------------------------------------------------===//

std::shared_ptr<GraphObject> GraphObject::load(GraphSource source) {
  std::string error;
  std::unique_ptr<PythonGraph> graph;
  {
    py::gil_scoped_release release;
    graph = PythonGraph::load(source, error);
  }
  if (!graph)
    throw GraphError(error);
  auto object = std::make_shared<GraphObject>();
  object->inputs = inputArraySpecs(graph->inputs());
  object->graph = std::move(graph);
  return object;
}

Signature GraphObject::signature() const {
  return {graph->inputs(), graph->outputs()};
}

py::object GraphObject::interpret(const py::args &args) const {
  checkInputCount(args, inputs);
  std::vector<HostTensor> tensors;
  for (size_t i = 0; i < inputs.size(); ++i)
    tensors.push_back(hostTensorOf(args[i], inputs[i]));
  std::vector<HostTensor> outputs;
  std::string error;
  bool ok;
  {
    py::gil_scoped_release release;
    ok = graph->interpret(tensors, outputs, error);
  }
  if (!ok)
    throw GraphError(error);
  std::vector<py::array> results;
  for (HostTensor &output : outputs)
    results.push_back(arrayOf(std::move(output)));
  return packResults(std::move(results));
}

//===----------------------------------------------------------------------===//
// kiln.Executable
//===----------------------------------------------------------------------===//

ExecutableObject::ExecutableObject(std::shared_ptr<GraphObject> graph,
                                   const CompileSettings &settings, int threads)
    : threads(threads), graph(std::move(graph)), settings(settings) {
  std::string error;
  {
    py::gil_scoped_release release;
    compiled = this->graph->graph->compile(settings, error);
  }
  if (!compiled)
    throw GraphError(error);
  for (const TensorSpec &spec : compiled->outputs())
    outputs.emplace_back(spec, "result '" + spec.name + "'");
}

const void *ExecutableObject::prepareWeights(size_t i, py::handle value,
                                             std::vector<py::object> &copies,
                                             std::vector<py::object> &reused) {
  auto sameArray = [&](const KeptCopy &kept) {
    if (!py::isinstance<py::array>(value) || !value.is(kept.original))
      return false;
    auto array = py::reinterpret_borrow<py::array>(value);
    return array.data() == kept.originalData &&
           array.dtype().equal(kept.dtype) &&
           std::vector<py::ssize_t>(array.shape(),
                                    array.shape() + array.ndim()) == kept.shape;
  };
  auto kept = keptCopies.find(i);
  if (kept != keptCopies.end() && sameArray(kept->second)) {
    reused.push_back(kept->second.copy);
    return kept->second.data;
  }
  py::object copy;
  const void *data = prepareInput(value, graph->inputs[i], copy);
  if (!copy)
    return data;
  copies.push_back(copy);
  if (py::isinstance<py::array>(value)) {
    auto array = py::reinterpret_borrow<py::array>(value);
    keptCopies[i] = {array,
                     array.data(),
                     {array.shape(), array.shape() + array.ndim()},
                     array.dtype(),
                     copy,
                     data};
  }
  return data;
}

std::vector<py::array> ExecutableObject::prepare(
    const py::args &args, bool unchanged, std::vector<void *> &buffers,
    std::vector<py::object> &copies, std::vector<py::object> &reused) {
  const std::vector<ArraySpec> &inputs = graph->inputs;
  checkInputCount(args, inputs);
  buffers.reserve(inputs.size() + outputs.size());
  const std::vector<int64_t> &packed = compiled->packedInputs();
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (unchanged &&
        std::find(packed.begin(), packed.end(), int64_t(i)) != packed.end()) {
      buffers.push_back(
          const_cast<void *>(prepareWeights(i, args[i], copies, reused)));
      continue;
    }
    py::object copy;
    buffers.push_back(
        const_cast<void *>(prepareInput(args[i], inputs[i], copy)));
    if (copy)
      copies.push_back(std::move(copy));
  }
  std::vector<py::array> results;
  results.reserve(outputs.size());
  for (const ArraySpec &spec : outputs) {
    results.push_back(allocateArray(spec));
    buffers.push_back(results.back().mutable_data());
  }
  return results;
}

/// A run count of profile() or _time_runs(): at least 1.
static void checkRuns(int64_t runs) {
  if (runs < 1)
    throw py::value_error("runs must be at least 1, got " +
                          std::to_string(runs));
}

py::object ExecutableObject::run(const py::args &args) {
  std::vector<void *> buffers;
  std::vector<py::object> copies, reused;
  bool unchanged = weightsUnchanged;
  std::vector<py::array> results =
      prepare(args, unchanged, buffers, copies, reused);
  lastRunCopiedInputs = static_cast<int>(copies.size());
  {
    py::gil_scoped_release release;
    compiled->runBuffers(buffers.data(), threads, nullptr, unchanged);
  }
  return packResults(std::move(results));
}

ProfileResult ExecutableObject::profile(const py::args &args, int64_t runs) {
  checkRuns(runs);
  std::vector<void *> buffers;
  std::vector<py::object> copies, reused;
  bool unchanged = weightsUnchanged;
  std::vector<py::array> results =
      prepare(args, unchanged, buffers, copies, reused);
  KernelProfile profile;
  {
    py::gil_scoped_release release;
    for (int64_t i = 0; i < runs; ++i)
      compiled->runBuffers(buffers.data(), threads, &profile, unchanged);
  }
  ProfileResult result;
  for (const KernelInfo &kernel : compiled->kernels()) {
    KernelStats stats = profile.stats(kernel.id);
    result.kernels.push_back({kernel, stats.calls, stats.seconds});
  }
  result.runs = runs;
  result.totalSeconds = profile.totalSeconds();
  result.table = compiled->formatProfile(profile, runs);
  return result;
}

double ExecutableObject::timeRuns(const py::args &args, int64_t runs) {
  checkRuns(runs);
  std::vector<void *> buffers;
  std::vector<py::object> copies, reused;
  bool unchanged = weightsUnchanged;
  std::vector<py::array> results =
      prepare(args, unchanged, buffers, copies, reused);
  py::gil_scoped_release release;
  auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < runs; ++i)
    compiled->runBuffers(buffers.data(), threads, nullptr, unchanged);
  std::chrono::duration<double> elapsed =
      std::chrono::steady_clock::now() - start;
  return elapsed.count() / static_cast<double>(runs);
}

std::vector<std::string> ExecutableObject::explainFusion() const {
  std::vector<std::string> lines;
  std::string error;
  bool ok;
  {
    py::gil_scoped_release release;
    ok = graph->graph->explainFusion(settings, lines, error);
  }
  if (!ok)
    throw GraphError(error);
  return lines;
}

Signature ExecutableObject::signature() const {
  return {compiled->inputs(), compiled->outputs()};
}
