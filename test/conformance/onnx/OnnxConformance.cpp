//===- OnnxConformance.cpp - ONNX's own tests, natively and interpreted ---===//
//
// Runs each test of ONNX's test data (a folder holding model.onnx and
// test_data_set_0/{input,output}_N.pb), and each model of Kiln's zoo (a
// folder holding model.onnx and {input,output}_N.npy, PyTorch's outputs, as
// examples/zoo/export_zoo.py writes them), through Kiln's ONNX frontend,
// then natively and in the reference interpreter, and compares both with
// the expected outputs. Each test ends as
//   pass         both results match
//   fail         an error Kiln should not give, or a wrong result
//   unsupported  an op, attribute or element type Kiln does not take yet
// and the run is compared with a checked-in list of expected results: a
// test that did worse than listed fails the run.
//
//   kiln-onnx-conformance [--data DIR] [--zoo DIR] [--expected FILE]
//                         [--write FILE] [--filter TEXT] [--shard I/N]
//                         [--verbose]
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/frontends/onnx/OnnxImporter.h"
#include "compiler/frontends/onnx/OnnxTensor.h"
#include "compiler/reference/Interpreter.h"
#include "test/conformance/common/ConformanceSuite.h"
#include "test/support/NumericsCompare.h"
#include "tools/common/Npy.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>
#include <regex>

using namespace llvm;
using kiln::conformance::isUnsupported;
using kiln::conformance::Result;
using kiln::conformance::Status;
using kiln::conformance::TestCase;

namespace {

cl::list<std::string>
    dataDirs("data",
             cl::desc("ONNX's test data root (its node/, simple/, "
                      "pytorch-converted/ and pytorch-operator/ folders)"),
             cl::value_desc("dir"));
cl::list<std::string> zooDirs(
    "zoo",
    cl::desc("A folder of exported models (examples/zoo/export_zoo.py), "
             "tested as zoo/<name>"),
    cl::value_desc("dir"));

/// The folders of the test data Kiln runs.
const char *const kSuites[] = {"node", "simple", "pytorch-converted",
                               "pytorch-operator"};

/// An error message without the file and node it names, for grouping
/// reasons: "x.onnx: node 3 (Foo): error: the attribute ..." becomes
/// "Foo: the attribute ...".
std::string reasonOf(const std::string &message) {
  std::string line = message.substr(0, message.find('\n'));
  std::smatch match;
  static const std::regex node(R"(node [^(]*\(([A-Za-z0-9_]+)\): error: (.*))");
  if (std::regex_search(line, match, node))
    return match[1].str() + ": " + match[2].str();
  return kiln::conformance::firstErrorOf(line);
}

/// The test data set's tensors named prefix_0.pb, prefix_1.pb, ...; their
/// names (the model's inputs they feed) go to `names` when given.
Expected<std::vector<kiln::HostTensor>>
readTensors(const std::string &dir, const std::string &prefix,
            std::vector<std::string> *names = nullptr) {
  std::vector<kiln::HostTensor> tensors;
  for (int i = 0;; ++i) {
    std::string path = dir + "/" + prefix + "_" + std::to_string(i) + ".pb";
    if (!sys::fs::exists(path))
      return tensors;
    std::string name;
    Expected<kiln::HostTensor> tensor = kiln::readOnnxTensorFile(path, &name);
    if (!tensor)
      return tensor.takeError();
    if (names)
      names->push_back(name);
    tensors.push_back(std::move(*tensor));
  }
}

/// The zoo's tensors, prefix_0.npy, prefix_1.npy, ...
Expected<std::vector<kiln::HostTensor>>
readNpyTensors(const std::string &dir, const std::string &prefix) {
  std::vector<kiln::HostTensor> tensors;
  for (int i = 0;; ++i) {
    std::string path = dir + "/" + prefix + "_" + std::to_string(i) + ".npy";
    if (!sys::fs::exists(path))
      return tensors;
    kiln::HostTensor tensor;
    std::string error;
    if (!kiln::readNpy(path, tensor, error))
      return createStringError(inconvertibleErrorCode(), path + ": " + error);
    tensors.push_back(std::move(tensor));
  }
}

/// Empty when every output matches the expected one, else which one and
/// how. One op's outputs (ONNX's data) are compared element by element, a
/// whole model's (the zoo's) norm-wise.
std::string compareOutputs(const std::vector<kiln::HostTensor> &actual,
                           const std::vector<kiln::HostTensor> &expected,
                           bool isModel) {
  if (actual.size() != expected.size())
    return std::to_string(actual.size()) + " outputs, expected " +
           std::to_string(expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    std::string mismatch =
        isModel
            ? kiln::testing::compareModelOutputs(actual[i], expected[i])
            : kiln::testing::compareTensors(
                  actual[i], expected[i], kiln::testing::withinOracleTolerance);
    if (!mismatch.empty())
      return "output " + std::to_string(i) + ": " + mismatch;
  }
  return "";
}

/// The input an import error says must be known at compile time
/// ("input 1 ('shape', shape) is computed at run time ..."), or "".
std::string runTimeInputOf(const std::string &message) {
  if (message.find("is computed at run time") == std::string::npos)
    return "";
  size_t open = message.find("('"), close = message.find("',", open);
  if (open == std::string::npos || close == std::string::npos)
    return "";
  return message.substr(open + 2, close - open - 2);
}

/// Imports the model, binding inputs that decide shapes to the test's
/// values (ONNX's tests feed a Reshape's shape or a Slice's starts as model
/// inputs; a static-shape compiler needs them when compiling, as a user
/// would bind them through OnnxImportOptions::boundInputs).
Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importBinding(const std::string &path, mlir::MLIRContext &context,
              kiln::OnnxImportOptions &options,
              const std::vector<std::string> &names,
              const std::vector<kiln::HostTensor> &inputs) {
  for (;;) {
    auto module = kiln::importOnnxFile(path, context, options);
    if (module)
      return module;
    std::string message = toString(module.takeError());
    std::string name = runTimeInputOf(message);
    auto at = std::find(names.begin(), names.end(), name);
    if (name.empty() || at == names.end() || options.boundInputs.count(name))
      return createStringError(inconvertibleErrorCode(), message);
    options.boundInputs[name] = inputs[at - names.begin()];
    options.inputShapes.erase(name);
  }
}

/// ONNX 1.12's test data stores bfloat16 tensors as uint16 (the generator
/// of that release wrote the bits under the wrong type): where `types` (the
/// model's) says bf16 and the data holds ui16 of the same shape, the bits
/// are read as bf16.
void readBfloat16Bits(std::vector<kiln::HostTensor> &tensors,
                      mlir::TypeRange types) {
  for (auto [tensor, type] : llvm::zip(tensors, types)) {
    auto shaped = dyn_cast<mlir::RankedTensorType>(type);
    if (!shaped || !shaped.getElementType().isBF16() ||
        tensor.elementType() != kiln::ElementType::UI16 ||
        tensor.shape() != std::vector<int64_t>(shaped.getShape()))
      continue;
    kiln::HostTensor bits(kiln::ElementType::BF16, tensor.shape());
    if (tensor.sizeInBytes() != 0)
      std::memcpy(bits.data(), tensor.data(), tensor.sizeInBytes());
    tensor = std::move(bits);
  }
}

Result runTest(const std::string &dir) {
  // The inputs' shapes specialize a model with dynamic dimensions, as a
  // user's --shape would. Data that does not decode is reported after the
  // import, which names what Kiln lacks (a sequence input, say) better.
  std::string data = dir + "/test_data_set_0";
  kiln::OnnxImportOptions options;
  bool isZoo = sys::fs::exists(dir + "/input_0.npy");
  std::vector<std::string> names;
  auto inputs =
      isZoo ? readNpyTensors(dir, "input") : readTensors(data, "input", &names);
  auto expected =
      isZoo ? readNpyTensors(dir, "output") : readTensors(data, "output");
  if (inputs && expected)
    for (size_t i = 0; i < names.size(); ++i)
      if (!names[i].empty())
        options.inputShapes[names[i]] = (*inputs)[i].shape();
  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  auto module =
      inputs && expected
          ? importBinding(dir + "/model.onnx", context, options, names, *inputs)
          : kiln::importOnnxFile(dir + "/model.onnx", context, options);
  if (!module || !inputs || !expected) {
    std::string message = !module ? toString(module.takeError())
                          : !inputs
                              ? "test data: " + toString(inputs.takeError())
                              : "test data: " + toString(expected.takeError());
    if (!inputs)
      consumeError(inputs.takeError());
    if (!expected)
      consumeError(expected.takeError());
    // A few of ONNX's tests feed data of another shape than their model
    // declares (CastLike's `like`); those cannot run as written.
    if (message.find("does not match the input's declared shape") !=
        std::string::npos)
      return {Status::Unsupported,
              "test data does not match the model: " + reasonOf(message)};
    return {isUnsupported(message) ? Status::Unsupported : Status::Fail,
            reasonOf(message)};
  }
  // What runs are the inputs left unbound.
  std::vector<kiln::HostTensor> runInputs;
  for (size_t i = 0; i < inputs->size(); ++i)
    if (i >= names.size() || !options.boundInputs.count(names[i]))
      runInputs.push_back((*inputs)[i]);
  auto entry = kiln::getEntryFunction(**module);
  if (!entry)
    return {Status::Fail, reasonOf(toString(entry.takeError()))};
  readBfloat16Bits(runInputs, entry->getArgumentTypes());
  readBfloat16Bits(*expected, entry->getResultTypes());
  auto interpreted = kiln::interpret(*entry, runInputs);
  if (!interpreted)
    return {Status::Fail,
            "interpreter: " + reasonOf(toString(interpreted.takeError()))};
  if (std::string mismatch = compareOutputs(*interpreted, *expected, isZoo);
      !mismatch.empty())
    return {Status::Fail, "interpreter: " + mismatch};

  kiln::Compiler compiler(context);
  auto executable = compiler.compile(**module);
  if (!executable)
    return {Status::Fail,
            "compile: " + reasonOf(toString(executable.takeError()))};
  auto outputs = (*executable)->run(runInputs);
  if (!outputs)
    return {Status::Fail, "run: " + reasonOf(toString(outputs.takeError()))};
  if (std::string mismatch = compareOutputs(*outputs, *expected, isZoo);
      !mismatch.empty())
    return {Status::Fail, "native: " + mismatch};
  return {Status::Pass, ""};
}

} // namespace

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv,
                              "Kiln on ONNX's conformance test data\n");
  std::vector<TestCase> tests;
  for (const std::string &root : dataDirs)
    for (const char *suite : kSuites) {
      std::error_code error;
      std::vector<std::string> names;
      for (sys::fs::directory_iterator it(root + "/" + suite, error), end;
           !error && it != end; it.increment(error))
        if (sys::fs::exists(it->path() + "/model.onnx"))
          names.push_back(sys::path::filename(it->path()).str());
      std::sort(names.begin(), names.end());
      for (const std::string &name : names)
        tests.push_back(
            {std::string(suite) + "/" + name, root + "/" + suite + "/" + name});
    }
  for (const std::string &root : zooDirs) {
    std::error_code error;
    std::vector<std::string> names;
    for (sys::fs::directory_iterator it(root, error), end; !error && it != end;
         it.increment(error))
      if (sys::fs::exists(it->path() + "/model.onnx"))
        names.push_back(sys::path::filename(it->path()).str());
    std::sort(names.begin(), names.end());
    for (const std::string &name : names)
      tests.push_back({"zoo/" + name, root + "/" + name});
  }
  if (tests.empty()) {
    outs() << "ONNX's test data is not installed (apt install "
              "libonnx-testdata); nothing to run\n";
    return kiln::conformance::kSkipped;
  }
  return kiln::conformance::runSuite(
      tests, [](const TestCase &test) { return runTest(test.path); });
}
