//===- PythonGraph.cpp - The compiler side of the Python module -------===//

#include "compiler/python/PythonGraph.h"

#include "compiler/CompileCache.h"
#include "compiler/Compiler.h"
#include "compiler/ProfileReport.h"
#include "compiler/frontends/GraphLoader.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "passes/fusion/ExplainFusion.h"
#include "runtime/KilnRuntime.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <dlfcn.h>
#include <mutex>

using namespace kiln;
using namespace kiln::python;

/// The diagnostics of `error`, without a trailing newline.
static std::string messageOf(llvm::Error error) {
  std::string message = llvm::toString(std::move(error));
  while (!message.empty() && message.back() == '\n')
    message.pop_back();
  return message;
}

static CompileOptions compileOptionsOf(const CompileSettings &settings) {
  CompileOptions options;
  options.loopFusion = settings.loopFusion;
  options.inputFusion = settings.inputFusion;
  options.outputFusion = settings.outputFusion;
  if (settings.maxLoopFusionOps > 0)
    options.maxLoopFusionOps = settings.maxLoopFusionOps;
  options.cacheDirectory = settings.cacheDirectory;
  options.compileThreads = settings.compileThreads;
  return options;
}

std::string kiln::python::defaultCacheDirectory() {
  return kiln::defaultCacheDirectory();
}

void kiln::python::exposeRuntimeSymbols() {
  Dl_info info;
  if (!dladdr(reinterpret_cast<void *>(&kiln_launch), &info) || !info.dli_fname)
    return;
  // RTLD_NOLOAD: the library is already loaded (this module links it); the
  // call only adds it to the global scope. The handle is kept for good.
  dlopen(info.dli_fname, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD);
}

//===----------------------------------------------------------------------===//
// PythonGraph
//===----------------------------------------------------------------------===//

struct PythonExecutable::State {
  std::unique_ptr<Executable> executable;
};

struct PythonGraph::State {
  /// Declared first so that the module is destroyed before it.
  mlir::MLIRContext context{mlir::MLIRContext::Threading::DISABLED};
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// The context is used by one thread at a time: Python may call
  /// interpret and explain_fusion from several threads, without the GIL.
  mutable std::mutex mutex;
};

PythonGraph::PythonGraph() : state(std::make_unique<State>()) {}
PythonGraph::~PythonGraph() = default;

std::unique_ptr<PythonGraph> PythonGraph::load(const GraphSource &source,
                                               std::string &error) {
  std::unique_ptr<PythonGraph> graph(new PythonGraph());
  mlir::MLIRContext &context = graph->state->context;
  // The Compiler loads every dialect its pipeline needs into the context.
  Compiler compiler(context);
  llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
      [&]() -> llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> {
    if (!source.isPath)
      return parseGraphString(source.pathOrText, context);
    GraphLoadOptions options;
    options.inputShapes = source.inputShapes;
    options.boundInputs = source.boundInputs;
    return loadGraphFile(source.pathOrText, context, options);
  }();
  if (!module) {
    error = messageOf(module.takeError());
    return nullptr;
  }
  graph->state->module = std::move(*module);
  if (llvm::Error failure = describeSignature(
          *graph->state->module, graph->inputSpecs, graph->outputSpecs)) {
    error = messageOf(std::move(failure));
    return nullptr;
  }
  return graph;
}

bool PythonGraph::interpret(const std::vector<HostTensor> &inputs,
                            std::vector<HostTensor> &outputs,
                            std::string &error) const {
  std::lock_guard<std::mutex> lock(state->mutex);
  llvm::Expected<mlir::func::FuncOp> entry = getEntryFunction(*state->module);
  if (!entry) {
    error = messageOf(entry.takeError());
    return false;
  }
  llvm::Expected<std::vector<HostTensor>> results =
      kiln::interpret(*entry, inputs);
  if (!results) {
    error = messageOf(results.takeError());
    return false;
  }
  outputs = std::move(*results);
  return true;
}

/// Compiles run one at a time: each is spread over the cores already, and
/// this keeps LLVM's process-wide state out of the question.
static std::mutex compileMutex;

std::unique_ptr<PythonExecutable>
PythonGraph::compile(const CompileSettings &settings,
                     std::string &error) const {
  std::lock_guard<std::mutex> compileLock(compileMutex);
  std::lock_guard<std::mutex> lock(state->mutex);
  Compiler compiler(state->context);
  llvm::Expected<std::unique_ptr<Executable>> executable =
      compiler.compile(*state->module, compileOptionsOf(settings));
  if (!executable) {
    error = messageOf(executable.takeError());
    return nullptr;
  }
  std::unique_ptr<PythonExecutable> result(new PythonExecutable());
  result->state->executable = std::move(*executable);
  return result;
}

bool PythonGraph::explainFusion(const CompileSettings &settings,
                                std::vector<std::string> &lines,
                                std::string &error) const {
  std::lock_guard<std::mutex> lock(state->mutex);
  CompileOptions options = compileOptionsOf(settings);
  mlir::OwningOpRef<mlir::ModuleOp> fused(state->module->clone());
  Compiler compiler(state->context);
  if (llvm::Error failure = compiler.runFusionPasses(*fused, options)) {
    error = messageOf(std::move(failure));
    return false;
  }
  lines = explainUnfusedEdges(*fused, options);
  return true;
}

//===----------------------------------------------------------------------===//
// PythonExecutable
//===----------------------------------------------------------------------===//

PythonExecutable::PythonExecutable() : state(std::make_unique<State>()) {}
PythonExecutable::~PythonExecutable() = default;

const std::vector<TensorSpec> &PythonExecutable::inputs() const {
  return state->executable->inputs();
}
const std::vector<TensorSpec> &PythonExecutable::outputs() const {
  return state->executable->outputs();
}
const std::vector<KernelInfo> &PythonExecutable::kernels() const {
  return state->executable->kernels();
}
int64_t PythonExecutable::arenaSize() const {
  return state->executable->arenaSize();
}
bool PythonExecutable::loadedFromCache() const {
  return state->executable->loadedFromCache();
}

void PythonExecutable::runBuffers(void *const *buffers, int threads,
                                  KernelProfile *profile,
                                  bool weightsUnchanged) const {
  RunOptions options;
  options.threads = threads;
  options.profile = profile;
  options.weightsUnchanged = weightsUnchanged;
  state->executable->runBuffers(buffers, options);
}

const std::vector<int64_t> &PythonExecutable::packedInputs() const {
  return state->executable->packedInputs();
}

std::string PythonExecutable::formatProfile(const KernelProfile &profile,
                                            int64_t calls) const {
  return kiln::formatProfile(*state->executable, profile, calls);
}
