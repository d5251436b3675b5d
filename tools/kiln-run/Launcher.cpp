//===- Launcher.cpp - kiln-run: the quick start, else the full tool ---===//
//
// The kiln-run program. It links Kiln's runtime and nothing of LLVM or
// MLIR, so that a graph whose quick-start entry is stored (QuickStart.h)
// starts running within a few milliseconds. Anything else (the first run
// of a graph, a stale entry, a flag the launcher does not serve, every
// error) goes to the full tool, kiln-run.cpp, a shared library beside
// libkiln_runtime that this loads and hands the whole command line.
//
// The launcher never writes or prints anything before it knows it will
// run the graph itself, so the full tool always starts from scratch.
//
//===----------------------------------------------------------------------===//

#include "runtime/KilnModel.h"
#include "tools/common/Npy.h"
#include "tools/common/OutputFile.h"
#include "tools/common/RandomTensor.h"
#include "tools/kiln-run/QuickStart.h"
#include "tools/kiln-run/RunMemory.h"
#include "tools/kiln-run/RunOutput.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

using namespace kiln;

namespace {
using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start)
      .count();
}

/// The shared library of the full tool and its entry point.
constexpr const char *kFullToolLibrary = "libkiln_run_tool.so";
constexpr const char *kFullToolMain = "kiln_run_tool_main";

/// The kiln_model_info of an entry, with the arrays it points into.
class ModelDescription {
public:
  ModelDescription(const quickstart::Entry &entry, kiln_entry_fn run)
      : inputs(describe(entry.inputs)), outputs(describe(entry.outputs)) {
    info.abi_version = KILN_MODEL_ABI_VERSION;
    info.num_inputs = static_cast<int32_t>(inputs.size());
    info.num_outputs = static_cast<int32_t>(outputs.size());
    info.name = "kiln-run";
    // Compiled for this CPU: the entry's key names it.
    info.target = "native";
    info.cpu_features = "";
    info.inputs = inputs.data();
    info.outputs = outputs.data();
    info.arena_size = entry.arenaBytes;
    info.entry = run;
  }
  ModelDescription(const ModelDescription &) = delete;
  ModelDescription &operator=(const ModelDescription &) = delete;

  const kiln_model_info *get() const { return &info; }

private:
  static std::vector<kiln_tensor_info>
  describe(const std::vector<TensorSpec> &specs) {
    std::vector<kiln_tensor_info> tensors;
    for (const TensorSpec &spec : specs)
      tensors.push_back({"", static_cast<int32_t>(spec.elementType),
                         static_cast<int32_t>(spec.shape.size()),
                         spec.shape.data()});
    return tensors;
  }

  std::vector<kiln_tensor_info> inputs, outputs;
  kiln_model_info info = {};
};

struct ModelDeleter {
  void operator()(kiln_model *model) const { kiln_model_destroy(model); }
};
} // namespace

static void print(const std::string &text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

/// The graph's arguments, read from --input files or drawn from --seed as
/// the full tool does; nullopt when a file cannot be read or does not
/// match, which the full tool reports with the graph's location.
static std::optional<std::vector<HostTensor>>
loadInputs(const quickstart::Request &request,
           const std::vector<TensorSpec> &specs) {
  std::vector<HostTensor> inputs;
  if (request.inputFiles.empty()) {
    for (size_t i = 0; i < specs.size(); ++i)
      inputs.push_back(
          randomTensor(specs[i].elementType, specs[i].shape, request.seed, i));
    return inputs;
  }
  if (request.inputFiles.size() != specs.size())
    return std::nullopt;
  for (size_t i = 0; i < specs.size(); ++i) {
    HostTensor tensor;
    std::string error;
    if (!readNpy(request.inputFiles[i], tensor, error) ||
        tensor.elementType() != specs[i].elementType ||
        tensor.shape() != specs[i].shape)
      return std::nullopt;
    inputs.push_back(std::move(tensor));
  }
  return inputs;
}

/// Runs the graph of `request`'s quick-start entry; nullopt when there is
/// none to trust or the full tool must run instead. Once the graph has
/// started running, the launcher finishes the run itself.
static std::optional<int> runQuickStart(int argc, char **argv) {
  quickstart::Request request = quickstart::parseRequest(argc, argv);
  if (!request.fullToolReason.empty() || request.cacheDirectory.empty())
    return std::nullopt;
  Clock::time_point loadStart = Clock::now();
  std::optional<quickstart::Entry> entry =
      quickstart::load(request.cacheDirectory, quickstart::keyOf(request));
  if (!entry)
    return std::nullopt;
  // A run that cannot fit in memory is the full tool's to report.
  std::optional<uint64_t> bytes =
      runmemory::runBytes(entry->inputs, entry->outputs, entry->arenaBytes);
  if (!bytes || *bytes > runmemory::physicalMemoryBytes())
    return std::nullopt;
  kiln_entry_fn run = quickstart::loadLibrary(*entry);
  if (!run)
    return std::nullopt;
  ModelDescription description(*entry, run);
  std::unique_ptr<kiln_model, ModelDeleter> model(
      kiln_model_create(description.get(), request.threads));
  if (!model)
    return std::nullopt;
  double loadMs = millisecondsSince(loadStart);

  std::optional<std::vector<HostTensor>> inputs =
      loadInputs(request, entry->inputs);
  if (!inputs)
    return std::nullopt;
  std::vector<HostTensor> outputs;
  std::vector<const void *> inputData;
  std::vector<void *> outputData;
  for (const HostTensor &input : *inputs)
    inputData.push_back(input.data());
  for (const TensorSpec &spec : entry->outputs) {
    outputs.emplace_back(spec.elementType, spec.shape);
    outputData.push_back(outputs.back().data());
  }

  auto runOnce = [&]() -> bool {
    if (kiln_model_run(model.get(), inputData.data(), outputData.data()) == 0)
      return true;
    std::fprintf(stderr, "kiln-run: error: %s\n", kiln_last_error());
    return false;
  };
  Clock::time_point runStart = Clock::now();
  if (!runOnce())
    return 1;
  double runMs = millisecondsSince(runStart);
  if (!request.outDirectory.empty()) {
    std::string error;
    if (!tools::writeOutputFiles(request.outDirectory,
                                 runoutput::resultFiles(outputs), error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
  } else {
    print(runoutput::formatResults(outputs));
  }

  // As the full tool does: the compile time is the time to get the code
  // ready, a cache hit here; timed runs write into the first run's outputs.
  if (request.benchRuns == 0) {
    print(runoutput::latencyLine(runMs, loadMs, "hit"));
    return 0;
  }
  std::vector<double> times;
  for (unsigned i = 0; i < request.benchRuns; ++i) {
    Clock::time_point start = Clock::now();
    if (!runOnce())
      return 1;
    times.push_back(millisecondsSince(start));
  }
  print(runoutput::benchLine(std::move(times)));
  return 0;
}

/// The directory of this program.
static std::string programDirectory() {
  std::string path(4096, '\0');
  ssize_t length = readlink("/proc/self/exe", path.data(), path.size());
  if (length <= 0 || static_cast<size_t>(length) >= path.size())
    return ".";
  path.resize(static_cast<size_t>(length));
  return path.substr(0, path.rfind('/'));
}

/// Loads the full tool from ../lib beside this program and runs it.
static int runFullTool(int argc, char **argv) {
  std::string path = programDirectory() + "/../lib/" + kFullToolLibrary;
  // Lazily bound, as a program linked to it would be: binding all of
  // LLVM's and MLIR's symbols up front costs more than the run.
  void *library = dlopen(path.c_str(), RTLD_LAZY | RTLD_LOCAL);
  auto fullMain = library ? reinterpret_cast<int (*)(int, char **)>(
                                dlsym(library, kFullToolMain))
                          : nullptr;
  if (!fullMain) {
    const char *why = dlerror();
    std::fprintf(stderr, "kiln-run: error: cannot load the full tool %s: %s\n",
                 path.c_str(), why ? why : "no entry point");
    return 1;
  }
  return fullMain(argc, argv);
}

int main(int argc, char **argv) {
  try {
    std::optional<int> exitCode = runQuickStart(argc, argv);
    if (!exitCode)
      return runFullTool(argc, argv);
    // A write error (a full disk, a closed pipe) is an error of the run.
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      std::fprintf(stderr, "<stdout>: error: cannot write: %s\n",
                   std::strerror(errno));
      return 1;
    }
    return *exitCode;
  } catch (const std::bad_alloc &) {
    std::fprintf(stderr, "kiln-run: error: out of memory\n");
    return 1;
  }
}
