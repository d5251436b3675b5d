//===- Compiler.cpp - Compile a graph once, run it many times ---------===//

#include "compiler/Compiler.h"

#include "compiler/Backend.h"
#include "compiler/CompileCache.h"
#include "compiler/LoadedCode.h"
#include "compiler/ParallelCodegen.h"
#include "compiler/Pipeline.h"
#include "compiler/Registration.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "dialects/hlo/Diagnostics.h"
#include "dialects/hlo/HloElementTypes.h"
#include "dialects/hlo/KilnAttributes.h"
#include "runtime/ThreadPool.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <cstdlib>
#include <functional>
#include <optional>

using namespace mlir;

static llvm::Error makeError(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static llvm::Expected<kiln::TensorSpec> specOf(Type type) {
  auto tensor = llvm::dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return makeError("error: unsupported boundary type");
  std::optional<kiln::ElementType> element =
      kiln::hlo::hostElementTypeOf(tensor.getElementType());
  if (!element)
    return makeError("error: unsupported element type");
  kiln::TensorSpec spec;
  spec.elementType = *element;
  spec.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  return spec;
}

/// The name a NameLoc inside `loc` gives, or "".
static std::string nameIn(Location loc) {
  if (auto name = loc->findInstanceOf<NameLoc>())
    return name.getName().str();
  return "";
}

llvm::Error kiln::describeSignature(ModuleOp module,
                                    std::vector<TensorSpec> &inputs,
                                    std::vector<TensorSpec> &outputs) {
  llvm::Expected<func::FuncOp> entry = getEntryFunction(module);
  if (!entry)
    return entry.takeError();
  inputs.clear();
  outputs.clear();
  for (BlockArgument argument : entry->getArguments()) {
    llvm::Expected<TensorSpec> spec = specOf(argument.getType());
    if (!spec)
      return spec.takeError();
    spec->name = nameIn(argument.getLoc());
    if (spec->name.empty())
      spec->name = "input" + std::to_string(argument.getArgNumber());
    inputs.push_back(std::move(*spec));
  }
  for (auto [index, type] :
       llvm::enumerate(entry->getFunctionType().getResults())) {
    llvm::Expected<TensorSpec> spec = specOf(type);
    if (!spec)
      return spec.takeError();
    auto name =
        entry->getResultAttrOfType<StringAttr>(index, attr::kResultName);
    spec->name = name ? name.str() : "result" + std::to_string(index);
    outputs.push_back(std::move(*spec));
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Compiler
//===----------------------------------------------------------------------===//

kiln::Compiler::Compiler(MLIRContext &context) { loadKilnDialects(context); }

namespace {
/// A named part of the pipeline, timed on its own under CompileOptions'
/// timing scope.
struct Stage {
  const char *name;
  std::function<void(OpPassManager &)> build;
};
} // namespace

/// `timing`'s child scope `name`, or no scope when timing is off.
static TimingScope nestTiming(const kiln::CompileOptions &options,
                              StringRef name) {
  return options.timing ? options.timing->nest(name) : TimingScope();
}

/// Runs `stages` in order on `module`, turning diagnostics into the
/// returned error.
static llvm::Error runStages(ModuleOp module, ArrayRef<Stage> stages,
                             const kiln::CompileOptions &options) {
  MLIRContext *context = module.getContext();
  kiln::DiagnosticCollector diagnostics(*context);
  for (const Stage &stage : stages) {
    // Declared before the pass manager: its timing instrumentation keeps a
    // reference to the scope.
    TimingScope scope = nestTiming(options, stage.name);
    PassManager pm(context, ModuleOp::getOperationName());
    if (options.timing)
      pm.enableTiming(scope);
    stage.build(pm);
    if (failed(pm.run(module)))
      return makeError(diagnostics.message("error: compilation failed"));
  }
  return llvm::Error::success();
}

namespace {
/// Multithreading for the kernel stage, whose per-function passes MLIR then
/// runs on all cores (the context's own thread pool). A context its owner
/// made single-threaded (kilnc's, kiln-run's and the Python module's are)
/// is multithreaded for the stage and single-threaded again after it,
/// unless `threads` is 1. Being single-threaded, such a context is not in
/// use on any other thread meanwhile.
class MultithreadedWhile {
public:
  MultithreadedWhile(MLIRContext &context, unsigned threads)
      : context(context),
        enabled(threads != 1 && !context.isMultithreadingEnabled()) {
    if (enabled)
      context.enableMultithreading();
  }
  ~MultithreadedWhile() {
    if (enabled)
      context.disableMultithreading();
  }

private:
  MLIRContext &context;
  bool enabled;
};
} // namespace

static Stage graphStage() { return {"graph passes", kiln::buildGraphPipeline}; }

static Stage fusionStage(const kiln::CompileOptions &options) {
  return {"fusion", [options](OpPassManager &pm) {
            kiln::buildFusionPipeline(pm, options);
          }};
}

llvm::Error kiln::Compiler::runGraphPasses(ModuleOp module,
                                           const CompileOptions &options) {
  if (llvm::Error error = checkGraphSupported(module))
    return error;
  return runStages(module, {graphStage()}, options);
}

llvm::Error kiln::Compiler::runFusionPasses(ModuleOp module,
                                            const CompileOptions &options) {
  if (llvm::Error error = checkGraphSupported(module))
    return error;
  return runStages(module, {graphStage(), fusionStage(options)}, options);
}

llvm::Error kiln::Compiler::lowerToLLVMDialect(ModuleOp module,
                                               const CompileOptions &options) {
  if (llvm::Error error = checkGraphSupported(module))
    return error;
  // The host's vector width is the pipeline's default (0); a named target
  // sizes kernels for its own.
  int64_t vectorBits = 0;
  if (!options.target.isHost()) {
    llvm::Expected<int64_t> bits = kiln::vectorBitsOf(options.target);
    if (!bits)
      return bits.takeError();
    vectorBits = *bits;
  }
  Stage kernelStage{"kernel code generation",
                    [bits = vectorBits](OpPassManager &pm) {
                      kiln::buildKernelPipeline(pm, bits);
                    }};
  if (llvm::Error error =
          runStages(module, {graphStage(), fusionStage(options)}, options))
    return error;
  MultithreadedWhile threads(*module.getContext(), options.compileThreads);
  return runStages(module, {kernelStage}, options);
}

/// The kernels the lowering launches, from the attributes of their launch
/// functions, in launch order.
static std::vector<kiln::KernelInfo> kernelsOf(ModuleOp module) {
  std::vector<kiln::KernelInfo> kernels;
  for (auto func : module.getOps<LLVM::LLVMFuncOp>()) {
    auto id = func->getAttrOfType<IntegerAttr>(kiln::attr::kKernelId);
    if (!id)
      continue;
    kiln::KernelInfo info;
    info.id = id.getInt();
    if (auto name = func->getAttrOfType<StringAttr>(kiln::attr::kKernelName))
      info.name = name.str();
    if (auto location = func->getAttrOfType<StringAttr>(kiln::attr::kLocation))
      info.location = location.str();
    if (auto bytes = func->getAttrOfType<IntegerAttr>(kiln::attr::kBytes))
      info.bytes = bytes.getInt();
    if (auto tasks = func->getAttrOfType<IntegerAttr>(kiln::attr::kNumTasks))
      info.tasks = tasks.getInt();
    kernels.push_back(std::move(info));
  }
  llvm::sort(kernels, [](const kiln::KernelInfo &a, const kiln::KernelInfo &b) {
    return a.id < b.id;
  });
  return kernels;
}

/// The value of the `kiln_arena_size` constant the lowering emitted.
static int64_t arenaSizeOf(ModuleOp module) {
  for (auto global : module.getOps<LLVM::GlobalOp>())
    if (global.getSymName() == "kiln_arena_size")
      if (auto value =
              llvm::dyn_cast_or_null<IntegerAttr>(global.getValueAttr()))
        return value.getInt();
  return 0;
}

void kiln::describeLoweredGraph(ModuleOp lowered, CompiledGraph &graph) {
  graph.arenaBytes = arenaSizeOf(lowered);
  graph.kernels = kernelsOf(lowered);
  for (auto func : lowered.getOps<LLVM::LLVMFuncOp>())
    if (auto bound =
            func->getAttrOfType<IntegerAttr>(attr::kArenaLivenessBound))
      graph.livenessBound = bound.getInt();
}

/// Compiles `module` to relocatable objects for the host, with the
/// description of its signature, kernels and arena.
static llvm::Expected<kiln::CompiledGraph>
compileGraph(kiln::Compiler &compiler, ModuleOp module,
             const kiln::CompileOptions &options) {
  kiln::CompiledGraph graph;
  if (llvm::Error error =
          kiln::describeSignature(module, graph.inputs, graph.outputs))
    return std::move(error);
  OwningOpRef<ModuleOp> lowered(module.clone());
  if (llvm::Error error = compiler.lowerToLLVMDialect(*lowered, options))
    return std::move(error);
  kiln::describeLoweredGraph(*lowered, graph);

  TimingScope llvmScope =
      nestTiming(options, "LLVM (O3 and machine code, in parallel)");
  llvm::Expected<std::vector<std::string>> objects =
      kiln::compileToObjects(*lowered, options.target, options.compileThreads,
                             options.minPartitionInstructions);
  if (!objects)
    return objects.takeError();
  graph.objects = std::move(*objects);
  return std::move(graph);
}

llvm::Expected<std::unique_ptr<kiln::Executable>>
kiln::Compiler::compile(ModuleOp module, const CompileOptions &options) {
  if (llvm::Error error = checkGraphSupported(module))
    return std::move(error);

  // One target machine serves the host check and the cache key.
  std::unique_ptr<llvm::TargetMachine> machine;
  if (!options.target.isHost() || !options.cacheDirectory.empty()) {
    llvm::Expected<std::unique_ptr<llvm::TargetMachine>> created =
        createTargetMachine(options.target);
    if (!created)
      return created.takeError();
    machine = std::move(*created);
  }
  // The code runs here: a target beyond the host would fault.
  if (!options.target.isHost())
    if (llvm::Error error = checkRunsOnHost(*machine))
      return std::move(error);

  std::unique_ptr<Executable> executable(new Executable());
  std::optional<CompileCache> cache;
  std::string key;
  if (!options.cacheDirectory.empty()) {
    TimingScope cacheScope = nestTiming(options, "compile cache lookup");
    // The key names the target the code is for.
    cache.emplace(options.cacheDirectory);
    key = CompileCache::keyOf(module, options, *machine);
    if (std::optional<CompiledGraph> graph = cache->load(key)) {
      executable->graph = std::move(*graph);
      executable->cached = true;
    }
  }
  if (!executable->cached) {
    llvm::Expected<CompiledGraph> graph = compileGraph(*this, module, options);
    if (!graph)
      return graph.takeError();
    executable->graph = std::move(*graph);
    // The cache is a convenience: failing to store an entry (a read-only
    // or full disk) never fails the compile.
    if (cache)
      llvm::consumeError(cache->store(key, executable->graph));
  }
  // The names are the module's own, even where the code came from an entry
  // stored for a graph that differs only in names (the cache key ignores
  // locations, where input names live).
  if (executable->cached)
    if (llvm::Error error = describeSignature(module, executable->graph.inputs,
                                              executable->graph.outputs))
      return std::move(error);
  executable->graph.target = options.target.name();

  TimingScope loadScope = nestTiming(options, "load (JIT link)");
  llvm::Expected<std::unique_ptr<LoadedCode>> code =
      LoadedCode::load(executable->graph.objects);
  if (!code)
    return code.takeError();
  executable->code = std::move(*code);
  // The linked copy is what runs; the object's bytes are not needed.
  if (!options.keepObjects)
    executable->graph.objects.clear();
  executable->arenas = std::make_unique<ArenaPool>(
      std::max<int64_t>(executable->graph.arenaBytes, KILN_ARENA_ALIGNMENT),
      KILN_ARENA_ALIGNMENT);
  // Indices past the inputs would come from a damaged cache entry: its
  // code then packs inside every call.
  std::vector<int64_t> packed = executable->code->packedInputs();
  bool packedValid = llvm::all_of(packed, [&](int64_t input) {
    return input >= 0 && size_t(input) < executable->graph.inputs.size();
  });
  executable->weights = std::make_unique<WeightsCache>(
      packedValid ? executable->code->weightsCacheBytes() : 0,
      packedValid ? packed : std::vector<int64_t>());
  return std::move(executable);
}

//===----------------------------------------------------------------------===//
// Executable
//===----------------------------------------------------------------------===//

kiln::Executable::~Executable() = default;

static llvm::Error checkTensors(const std::vector<kiln::HostTensor> &tensors,
                                const std::vector<kiln::TensorSpec> &specs,
                                const char *what) {
  if (tensors.size() != specs.size())
    return makeError("error: the graph takes " + std::to_string(specs.size()) +
                     " " + what + "s, got " + std::to_string(tensors.size()));
  for (size_t i = 0; i < specs.size(); ++i)
    if (tensors[i].elementType() != specs[i].elementType ||
        tensors[i].shape() != specs[i].shape)
      return makeError("error: " + std::string(what) + " " + std::to_string(i) +
                       " has type " + tensors[i].typeString() + ", expected " +
                       specs[i].typeString());
  return llvm::Error::success();
}

llvm::Expected<std::vector<kiln::HostTensor>>
kiln::Executable::run(const std::vector<HostTensor> &inputs,
                      const RunOptions &options) const {
  std::vector<HostTensor> outputs;
  for (const TensorSpec &spec : graph.outputs)
    outputs.emplace_back(spec.elementType, spec.shape);
  if (llvm::Error error = runInto(inputs, outputs, options))
    return std::move(error);
  return std::move(outputs);
}

llvm::Error kiln::Executable::runInto(const std::vector<HostTensor> &inputs,
                                      std::vector<HostTensor> &outputs,
                                      const RunOptions &options) const {
  if (llvm::Error error = checkTensors(inputs, graph.inputs, "input"))
    return error;
  if (llvm::Error error = checkTensors(outputs, graph.outputs, "output"))
    return error;
  // HostTensor storage is 64-byte aligned, as the C ABI requires.
  std::vector<void *> buffers;
  buffers.reserve(inputs.size() + outputs.size());
  for (const HostTensor &input : inputs)
    buffers.push_back(const_cast<void *>(input.data()));
  for (HostTensor &output : outputs)
    buffers.push_back(output.data());
  runBuffers(buffers.data(), options);
  return llvm::Error::success();
}

void kiln::Executable::runBuffers(void *const *buffers,
                                  const RunOptions &options) const {
  ArenaPool::Lease arena = arenas->acquire();
  ThreadPool &pool = defaultThreadPool();
  int threads = options.threads > 0
                    ? std::min(options.threads, pool.maxThreads())
                    : pool.maxThreads();
  WeightsCache::Lease weightsCache =
      weights->acquire(buffers, options.weightsUnchanged);
  kiln_context context{&pool, threads, options.profile, weightsCache.get()};
  code->entry()(const_cast<void **>(buffers), arena.get(), &context);
}
