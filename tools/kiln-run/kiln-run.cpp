//===- kiln-run.cpp - JIT-compile a graph and run it ------------------===//
//
// The full kiln-run, a shared library the launcher (Launcher.cpp) loads
// when a run needs more than a stored quick start:
//
//   kiln-run FILE.mlir [--input A.npy]... [--seed N] [--out DIR]
//            [--reference] [--bench N] [--threads N] [--profile]
//            [--weights-unchanged]
//            [--no-fusion] [--no-loop-fusion] [--no-input-fusion]
//            [--no-output-fusion] [--max-loop-fusion-ops N]
//            [--cache-dir DIR] [--no-cache]
//
// Inputs come from .npy files in argument order, or are drawn from a seeded
// generator shared by native and --reference runs. Outputs are printed in
// NumPy's style or written to DIR/result<i>.npy. Errors are one line each,
// `file:line:col: error: reason`, exit code 1; DIR gets all results or none.
// Compiled graphs are kept in the compile cache (compiler/CompileCache.h),
// so a second run of the same graph loads its code instead of compiling;
// a graph file's code is also stored as a quick-start entry
// (QuickStart.h), which the launcher runs without this library.
//
//===----------------------------------------------------------------------===//

#include "compiler/CompileCache.h"
#include "compiler/Compiler.h"
#include "compiler/ModelLibrary.h"
#include "compiler/ProfileReport.h"
#include "compiler/frontends/GraphLoader.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "dialects/hlo/BufferSize.h"
#include "dialects/hlo/Diagnostics.h"
#include "runtime/KernelProfile.h"
#include "tools/common/CommandLine.h"
#include "tools/common/FusionFlags.h"
#include "tools/common/ModelFlags.h"
#include "tools/common/Npy.h"
#include "tools/common/OutputFile.h"
#include "tools/common/RandomTensor.h"
#include "tools/common/StandardOutput.h"
#include "tools/common/TargetFlags.h"
#include "tools/kiln-run/QuickStart.h"
#include "tools/kiln-run/RunMemory.h"
#include "tools/kiln-run/RunOutput.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <dlfcn.h>

#include <chrono>
#include <new>
#include <optional>

using namespace llvm;
using namespace kiln::runmemory;

namespace {
cl::OptionCategory runCategory("kiln-run options");
cl::opt<std::string> inputPath(cl::Positional, cl::desc("<graph.mlir>"),
                               cl::Required, cl::cat(runCategory));
cl::list<std::string> inputFiles("input",
                                 cl::desc("A .npy file per argument, in order"),
                                 cl::value_desc("file.npy"),
                                 cl::cat(runCategory));
cl::opt<uint64_t> seed("seed",
                       cl::desc("Seed of the random inputs (default 0)"),
                       cl::init(0), cl::cat(runCategory));
cl::opt<std::string> outDir("out",
                            cl::desc("Write outputs as DIR/result<i>.npy"),
                            cl::value_desc("dir"), cl::cat(runCategory));
cl::opt<bool> reference("reference",
                        cl::desc("Run the reference interpreter instead"),
                        cl::cat(runCategory));
cl::opt<unsigned> benchRuns("bench", cl::desc("Time N runs after a warm-up"),
                            cl::value_desc("N"), cl::init(0),
                            cl::cat(runCategory));
cl::opt<bool> weightsUnchanged(
    "weights-unchanged",
    cl::desc("Declare the weights (the inputs the graph packs) unchanged "
             "across runs: the first run keeps them packed, the timed runs "
             "of --bench reuse them"),
    cl::cat(runCategory));
/// `--threads N`: LLVM already registers a `threads` option of its own, so
/// this one is taken off the command line before LLVM parses it.
unsigned threads = 0;
cl::opt<std::string> cacheDir(
    "cache-dir",
    cl::desc(
        "The compile cache's directory (default: $KILN_CACHE_DIR, else "
        "$XDG_CACHE_HOME/kiln or ~/.cache/kiln; KILN_CACHE_DIR=off: none)"),
    cl::value_desc("dir"), cl::cat(runCategory));
cl::opt<bool> noCache("no-cache",
                      cl::desc("Compile without reading or writing the "
                               "compile cache"),
                      cl::cat(runCategory));
cl::opt<bool> profile("profile",
                      cl::desc("Print each kernel's time, share, bytes "
                               "moved and GB/s"),
                      cl::cat(runCategory));

/// The compile cache's directory the flags ask for; empty: no cache.
std::string cacheDirectoryFromFlags() {
  if (noCache)
    return "";
  return cacheDir.getNumOccurrences() ? std::string(cacheDir)
                                      : kiln::defaultCacheDirectory();
}

using Clock = std::chrono::steady_clock;
double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start)
      .count();
}
} // namespace

static int fail(Error error) {
  std::string message = toString(std::move(error));
  errs() << message << (StringRef(message).ends_with("\n") ? "" : "\n");
  return 1;
}

static int failWith(const Twine &message) {
  errs() << "kiln-run: error: " << message << "\n";
  return 1;
}

/// An error diagnosed at `loc`, formatted as `file:line:col: error: ...`.
static Error errorAt(mlir::Location loc, const Twine &message) {
  kiln::DiagnosticCollector diagnostics(*loc.getContext());
  mlir::emitError(loc) << message.str();
  return createStringError(
      inconvertibleErrorCode(),
      diagnostics.message("kiln-run: error: " + message.str()));
}

//===----------------------------------------------------------------------===//
// Memory: a graph whose tensors cannot fit gets an error, not std::bad_alloc
//===----------------------------------------------------------------------===//

static std::optional<uint64_t> bytesOf(mlir::Type type) {
  auto tensor = dyn_cast<mlir::RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape() ||
      !tensor.getElementType().isIntOrFloat())
    return 0; // Not a buffer the run allocates.
  return bytesOf(
      std::vector<int64_t>(tensor.getShape().begin(), tensor.getShape().end()),
      kiln::elementBytes(tensor.getElementType()));
}

static std::string typeString(mlir::Type type) {
  std::string text;
  raw_string_ostream os(text);
  type.print(os);
  return text;
}

/// Whether `bytes` (nullopt: more than 2^64) fits in memory; else says why.
static std::optional<std::string> tooBig(std::optional<uint64_t> bytes) {
  uint64_t memory = physicalMemoryBytes();
  if (bytes && *bytes <= memory)
    return std::nullopt;
  return "needs " +
         (bytes ? std::to_string(*bytes) : std::string("more than 2^64")) +
         " bytes; this machine has " + std::to_string(memory) +
         " bytes of memory";
}

/// Checks that the entry's arguments and results fit in memory together.
static Error checkSignatureFits(mlir::func::FuncOp entry) {
  std::optional<uint64_t> total = 0;
  mlir::FunctionType type = entry.getFunctionType();
  auto check = [&](StringRef what, size_t i, mlir::Type t) -> Error {
    std::optional<uint64_t> bytes = bytesOf(t);
    if (std::optional<std::string> why = tooBig(bytes))
      return errorAt(entry.getLoc(), what + " " + Twine(i) + " of '" +
                                         entry.getName() + "' (" +
                                         typeString(t) + ") " + *why);
    total = addBytes(total, bytes);
    return Error::success();
  };
  for (auto [i, t] : enumerate(type.getInputs()))
    if (Error error = check("argument", i, t))
      return error;
  for (auto [i, t] : enumerate(type.getResults()))
    if (Error error = check("result", i, t))
      return error;
  if (std::optional<std::string> why = tooBig(total))
    return errorAt(entry.getLoc(), "the arguments and results of '" +
                                       entry.getName() + "' together " + *why);
  return Error::success();
}

/// The interpreter holds every value in host memory: checks each one fits.
static Error checkInterpreterValuesFit(mlir::ModuleOp module) {
  Error result = Error::success();
  module.walk([&](mlir::Operation *op) {
    for (auto [i, value] : enumerate(op->getResults()))
      if (std::optional<std::string> why = tooBig(bytesOf(value.getType()))) {
        result = errorAt(op->getLoc(),
                         "result " + Twine(i) + " of '" +
                             op->getName().getStringRef() + "' (" +
                             typeString(value.getType()) + ") " + *why +
                             " (the reference interpreter holds every "
                             "value in memory)");
        return mlir::WalkResult::interrupt();
      }
    return mlir::WalkResult::advance();
  });
  return result;
}

/// Checks that one native run's arguments, results and scratch arena fit.
static Error checkNativeRunFits(mlir::func::FuncOp entry,
                                const kiln::Executable &executable) {
  if (std::optional<std::string> why = tooBig(runBytes(
          executable.inputs(), executable.outputs(), executable.arenaSize())))
    return errorAt(entry.getLoc(), "running '" + entry.getName() +
                                       "' (arguments, results "
                                       "and " +
                                       Twine(executable.arenaSize()) +
                                       " bytes of intermediates) " + *why);
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Inputs and outputs
//===----------------------------------------------------------------------===//

/// The graph's arguments: read from --input files, or drawn from --seed.
static Expected<std::vector<kiln::HostTensor>>
loadInputs(mlir::func::FuncOp entry,
           const std::vector<kiln::TensorSpec> &specs) {
  std::vector<kiln::HostTensor> inputs;
  if (inputFiles.empty()) {
    for (size_t i = 0; i < specs.size(); ++i)
      inputs.push_back(
          kiln::randomTensor(specs[i].elementType, specs[i].shape, seed, i));
    return inputs;
  }
  if (inputFiles.size() != specs.size())
    return errorAt(entry.getLoc(),
                   "'" + entry.getName() + "' takes " + Twine(specs.size()) +
                       " arguments, got " + Twine(inputFiles.size()) +
                       " --input files");
  for (size_t i = 0; i < specs.size(); ++i) {
    kiln::HostTensor tensor;
    std::string error;
    if (!kiln::readNpy(inputFiles[i], tensor, error))
      return createStringError(inconvertibleErrorCode(),
                               inputFiles[i] + ": error: " + error);
    if (tensor.elementType() != specs[i].elementType ||
        tensor.shape() != specs[i].shape)
      return createStringError(inconvertibleErrorCode(),
                               inputFiles[i] + ": error: argument " +
                                   std::to_string(i) + " expects " +
                                   specs[i].typeString() + ", the file holds " +
                                   tensor.typeString());
    inputs.push_back(std::move(tensor));
  }
  return inputs;
}

/// Writes DIR/result<i>.npy for every output, or none of them.
static Error writeOutputs(StringRef dir,
                          const std::vector<kiln::HostTensor> &outputs) {
  std::string error;
  if (!kiln::tools::writeOutputFiles(
          dir.str(), kiln::runoutput::resultFiles(outputs), error))
    return createStringError(inconvertibleErrorCode(), error);
  return Error::success();
}

//===----------------------------------------------------------------------===//
// The quick start
//===----------------------------------------------------------------------===//

/// Whether the launcher's key for `request` will name this run's compile
/// (QuickStart.h): a native compile of one graph file that reads no other
/// file (an ONNX model may keep its weights beside it; --bind reads .npy
/// files).
static bool quickStartApplies(const kiln::quickstart::Request &request) {
  return !reference && !request.cacheDirectory.empty() &&
         request.keyNamesCompile && kiln::tools::boundInputFlags.empty() &&
         is_contained(request.compileArguments, inputPath) &&
         sys::fs::is_regular_file(inputPath) &&
         !kiln::isOnnxModelFile(inputPath);
}

/// The files whose change makes a quick-start entry stale: Kiln's
/// libraries, this one and the launcher.
static std::vector<kiln::quickstart::BuildFile> quickStartBuildFiles() {
  std::vector<std::string> paths = kiln::kilnBuildFiles();
  Dl_info self;
  if (dladdr(reinterpret_cast<const void *>(&quickStartBuildFiles), &self) &&
      self.dli_fname)
    paths.push_back(self.dli_fname);
  static int anchor;
  paths.push_back(sys::fs::getMainExecutable(nullptr, &anchor));
  std::vector<kiln::quickstart::BuildFile> files;
  for (const std::string &path : paths)
    if (std::optional<kiln::quickstart::BuildFile> file =
            kiln::quickstart::buildFileOf(path))
      files.push_back(*file);
  return files;
}

/// Stores the quick-start entry of `executable` unless a trusted one is
/// there. The entry only saves later runs time: when it cannot be made (no
/// C compiler driver to link it, a read-only cache), the run goes on.
static void storeQuickStart(const kiln::quickstart::Request &request,
                            const kiln::Executable &executable) {
  std::string key = kiln::quickstart::keyOf(request);
  if (kiln::quickstart::load(request.cacheDirectory, key))
    return;
  Expected<std::string> runtimeDirectory = kiln::runtimeLibraryDirectory();
  if (!runtimeDirectory)
    return consumeError(runtimeDirectory.takeError());
  Expected<std::string> library = kiln::linkSharedLibrary(
      executable.objects(), kiln::ModelIdentity{"quick_start", inputPath},
      *runtimeDirectory, "kiln-quick-start.so");
  if (!library)
    return consumeError(library.takeError());
  kiln::quickstart::Entry entry;
  entry.build = quickStartBuildFiles();
  entry.inputs = executable.inputs();
  entry.outputs = executable.outputs();
  entry.arenaBytes = executable.arenaSize();
  entry.library = std::move(*library);
  if (kiln::quickstart::store(request.cacheDirectory, key, entry))
    kiln::CompileCache(request.cacheDirectory).trim();
}

//===----------------------------------------------------------------------===//
// The tool
//===----------------------------------------------------------------------===//

static int runTool(const kiln::quickstart::Request &quickStart) {
  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  kiln::Compiler compiler(context);
  Expected<kiln::GraphLoadOptions> loadOptions =
      kiln::tools::graphLoadOptionsFromFlags();
  if (!loadOptions)
    return fail(loadOptions.takeError());
  Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
      kiln::loadGraphFile(inputPath, context, *loadOptions);
  if (!module)
    return fail(module.takeError());
  Expected<mlir::func::FuncOp> entry = kiln::getEntryFunction(**module);
  if (!entry)
    return fail(entry.takeError());
  std::vector<kiln::TensorSpec> inputSpecs, outputSpecs;
  if (Error error = kiln::describeSignature(**module, inputSpecs, outputSpecs))
    return fail(std::move(error));
  // Checked before anything is allocated, so that a graph too big for the
  // machine is an error message rather than std::bad_alloc or the OOM killer.
  if (Error error = checkSignatureFits(*entry))
    return fail(std::move(error));
  if (reference)
    if (Error error = checkInterpreterValuesFit(**module))
      return fail(std::move(error));

  Expected<std::vector<kiln::HostTensor>> inputs =
      loadInputs(*entry, inputSpecs);
  if (!inputs)
    return fail(inputs.takeError());

  // One function runs the graph once, natively or in the interpreter.
  std::function<Expected<std::vector<kiln::HostTensor>>()> runOnce;
  std::unique_ptr<kiln::Executable> executable;
  kiln::KernelProfile kernelProfile;
  kiln::RunOptions runOptions;
  runOptions.threads = threads;
  runOptions.weightsUnchanged = weightsUnchanged;
  if (profile)
    runOptions.profile = &kernelProfile;
  std::string cacheDirectory = cacheDirectoryFromFlags();
  bool storesQuickStart = quickStartApplies(quickStart);
  auto compileStart = Clock::now();
  if (reference) {
    mlir::func::FuncOp func = *entry;
    runOnce = [&, func] { return kiln::interpret(func, *inputs); };
  } else {
    kiln::CompileOptions options = kiln::tools::fusionOptionsFromFlags();
    Expected<kiln::TargetChoice> target = kiln::tools::targetFromFlags();
    if (!target)
      return failWith(toString(target.takeError()));
    options.target = *target;
    options.cacheDirectory = cacheDirectory;
    options.keepObjects = storesQuickStart;
    Expected<std::unique_ptr<kiln::Executable>> compiled =
        compiler.compile(**module, options);
    if (!compiled)
      return fail(compiled.takeError());
    executable = std::move(*compiled);
    if (Error error = checkNativeRunFits(*entry, *executable))
      return fail(std::move(error));
    runOnce = [&] { return executable->run(*inputs, runOptions); };
  }
  double compileMs = millisecondsSince(compileStart);
  // The quick-start entry is linked once the results are out: linking it
  // (tens of milliseconds) is no part of this run's latency.
  auto finish = [&] {
    if (storesQuickStart) {
      outs().flush();
      storeQuickStart(quickStart, *executable);
    }
    return 0;
  };

  auto runStart = Clock::now();
  Expected<std::vector<kiln::HostTensor>> outputs = runOnce();
  double runMs = millisecondsSince(runStart);
  if (!outputs)
    return fail(outputs.takeError());

  if (!outDir.empty()) {
    if (Error error = writeOutputs(outDir, *outputs))
      return fail(std::move(error));
  } else {
    outs() << kiln::runoutput::formatResults(*outputs);
  }

  if (benchRuns == 0) {
    if (executable && profile)
      outs() << kiln::formatProfile(*executable, kernelProfile, 1);
    outs() << kiln::runoutput::latencyLine(
        runMs, compileMs,
        !executable || cacheDirectory.empty() ? "off"
        : executable->loadedFromCache()       ? "hit"
                                              : "miss");
    return finish();
  }
  // The profile reports the timed runs, not the first (warm-up) one.
  kernelProfile.clear();
  // Natively, timed runs write into the first run's output buffers, as a
  // serving loop would, so the times are the graph's and not the cost of
  // fresh output pages.
  std::vector<double> times;
  for (unsigned i = 0; i < benchRuns; ++i) {
    auto start = Clock::now();
    Error error = Error::success();
    if (executable) {
      error = executable->runInto(*inputs, *outputs, runOptions);
    } else if (Expected<std::vector<kiln::HostTensor>> result = runOnce();
               !result) {
      error = result.takeError();
    }
    times.push_back(millisecondsSince(start));
    if (error)
      return fail(std::move(error));
  }
  if (executable && profile)
    outs() << kiln::formatProfile(*executable, kernelProfile, benchRuns);
  outs() << kiln::runoutput::benchLine(std::move(times));
  return finish();
}

/// Removes `--threads N` / `--threads=N` from `args`, storing N in
/// `threads`; false (with `error` set) for a missing or bad value.
static bool takeThreadsFlag(std::vector<char *> &args, std::string &error) {
  for (size_t i = 1; i < args.size(); ++i) {
    StringRef arg = args[i];
    if (!arg.consume_front("--threads") && !arg.consume_front("-threads"))
      continue;
    StringRef value;
    size_t taken = 1;
    if (arg.consume_front("=")) {
      value = arg;
    } else if (arg.empty() && i + 1 < args.size()) {
      value = args[i + 1];
      taken = 2;
    } else if (!arg.empty()) {
      continue; // Another flag that starts with "threads".
    }
    if (value.getAsInteger(10, threads) || threads == 0) {
      error = "--threads needs a positive number, got '" + value.str() + "'";
      return false;
    }
    args.erase(args.begin() + i, args.begin() + i + taken);
    --i;
  }
  return true;
}

/// The launcher's way in: kiln-run's whole command line.
extern "C" __attribute__((visibility("default"))) int
kiln_run_tool_main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  kiln::quickstart::Request quickStart =
      kiln::quickstart::parseRequest(argc, argv);
  std::vector<char *> args(argv, argv + argc);
  std::string threadsError;
  if (!takeThreadsFlag(args, threadsError))
    return failWith(threadsError);
  argc = static_cast<int>(args.size());
  argv = args.data();
  cl::HideUnrelatedOptions({&runCategory, &kiln::tools::fusionCategory(),
                            &kiln::tools::targetCategory()});
  if (!kiln::tools::parseCommandLine(
          argc, argv,
          "Kiln: compile and run a graph\n\n  --threads N  run on N threads "
          "(default: all cores)\n"))
    return 1;
  // The checks above keep known sizes within memory; this catches what is
  // left (several large intermediates alive at once in the interpreter).
  try {
    return kiln::tools::finishStandardOutput(runTool(quickStart));
  } catch (const std::bad_alloc &) {
    return failWith("out of memory running '" + inputPath + "'");
  }
}
