//===- kiln-run.cpp - JIT-compile a graph and run it ------------------===//
//
//   kiln-run FILE.mlir [--input A.npy]... [--seed N] [--out DIR]
//            [--reference] [--bench N]
//
// Inputs come from .npy files in argument order, or are drawn from a seeded
// generator shared by native and --reference runs. Outputs are printed in
// NumPy's style or written to DIR/result<i>.npy.
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"
#include "compiler/GraphFile.h"
#include "compiler/Interpreter.h"
#include "runtime/Npy.h"
#include "runtime/RandomTensor.h"
#include "runtime/TensorFormat.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>

using namespace llvm;

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
cl::opt<unsigned> benchRuns("bench",
                            cl::desc("Time N runs after a warm-up"),
                            cl::value_desc("N"), cl::init(0),
                            cl::cat(runCategory));

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

/// The graph's arguments: read from --input files, or drawn from --seed.
static Expected<std::vector<kiln::HostTensor>>
loadInputs(const std::vector<kiln::TensorSpec> &specs) {
  std::vector<kiln::HostTensor> inputs;
  if (inputFiles.empty()) {
    for (size_t i = 0; i < specs.size(); ++i)
      inputs.push_back(kiln::randomTensor(specs[i].elementType, specs[i].shape,
                                          seed, i));
    return inputs;
  }
  if (inputFiles.size() != specs.size())
    return createStringError(inconvertibleErrorCode(),
                             "kiln-run: error: the graph takes " +
                                 std::to_string(specs.size()) +
                                 " arguments, got " +
                                 std::to_string(inputFiles.size()) +
                                 " --input files");
  for (size_t i = 0; i < specs.size(); ++i) {
    kiln::HostTensor tensor;
    std::string error;
    if (!kiln::readNpy(inputFiles[i], tensor, error))
      return createStringError(inconvertibleErrorCode(),
                               inputFiles[i] + ": error: " + error);
    if (tensor.elementType() != specs[i].elementType ||
        tensor.shape() != specs[i].shape)
      return createStringError(
          inconvertibleErrorCode(),
          inputFiles[i] + ": error: argument " + std::to_string(i) +
              " expects " + specs[i].typeString() + ", the file holds " +
              tensor.typeString());
    inputs.push_back(std::move(tensor));
  }
  return inputs;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(argc, argv, "Kiln: compile and run a graph\n");

  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  kiln::Compiler compiler(context);
  Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
      kiln::parseGraphFile(inputPath, context);
  if (!module)
    return fail(module.takeError());
  std::vector<kiln::TensorSpec> inputSpecs, outputSpecs;
  if (Error error =
          kiln::describeSignature(**module, inputSpecs, outputSpecs))
    return fail(std::move(error));
  Expected<std::vector<kiln::HostTensor>> inputs = loadInputs(inputSpecs);
  if (!inputs)
    return fail(inputs.takeError());

  // One function runs the graph once, natively or in the interpreter.
  std::function<Expected<std::vector<kiln::HostTensor>>()> runOnce;
  std::unique_ptr<kiln::Executable> executable;
  auto compileStart = Clock::now();
  if (reference) {
    Expected<mlir::func::FuncOp> entry = kiln::getEntryFunction(**module);
    if (!entry)
      return fail(entry.takeError());
    mlir::func::FuncOp func = *entry;
    runOnce = [&, func] { return kiln::interpret(func, *inputs); };
  } else {
    Expected<std::unique_ptr<kiln::Executable>> compiled =
        compiler.compile(**module);
    if (!compiled)
      return fail(compiled.takeError());
    executable = std::move(*compiled);
    runOnce = [&] { return executable->run(*inputs); };
  }
  double compileMs = millisecondsSince(compileStart);

  auto runStart = Clock::now();
  Expected<std::vector<kiln::HostTensor>> outputs = runOnce();
  double runMs = millisecondsSince(runStart);
  if (!outputs)
    return fail(outputs.takeError());

  if (!outDir.empty()) {
    if (std::error_code ec = sys::fs::create_directories(outDir))
      return failWith("cannot create '" + outDir + "': " + ec.message());
    for (size_t i = 0; i < outputs->size(); ++i) {
      SmallString<128> path(outDir);
      sys::path::append(path, "result" + std::to_string(i) + ".npy");
      std::string error;
      if (!kiln::writeNpy(std::string(path), (*outputs)[i], error))
        return failWith(Twine(path) + ": " + error);
    }
  } else {
    for (size_t i = 0; i < outputs->size(); ++i)
      outs() << "result" << i << ": " << (*outputs)[i].typeString() << "\n"
             << kiln::formatTensor((*outputs)[i]) << "\n";
  }

  if (benchRuns == 0) {
    outs() << "latency: run_ms=" << format("%.3f", runMs)
           << " compile_ms=" << format("%.1f", compileMs) << "\n";
    return 0;
  }
  std::vector<double> times;
  for (unsigned i = 0; i < benchRuns; ++i) {
    auto start = Clock::now();
    Expected<std::vector<kiln::HostTensor>> result = runOnce();
    times.push_back(millisecondsSince(start));
    if (!result)
      return fail(result.takeError());
  }
  std::sort(times.begin(), times.end());
  outs() << "bench: runs=" << benchRuns << " min_ms="
         << format("%.4f", times.front())
         << " median_ms=" << format("%.4f", times[times.size() / 2]) << "\n";
  return 0;
}
