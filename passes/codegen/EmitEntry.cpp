//===- EmitEntry.cpp - Kiln's C-ABI entry point and kernel launches ---===//
//
// Runs last, on the LLVM dialect. It gives a compiled graph the one entry
// point JIT and object code share,
//   void kiln_entry(void **buffers, void *arena, kiln_context *context)
// where `buffers` holds the inputs' then the outputs' data pointers, and
// the context carries, besides the runtime's services, the weights cache of
// a graph that keeps packed weights (runtime/KilnRuntime.h). It also
// defines each kernel launch that kiln-outline-kernels declared: the launch
// packs the kernel's buffer pointers into an array and asks the runtime's
// kiln_launch to run a task trampoline over the kernel's fixed task count.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/hlo/KilnAttributes.h"
#include "runtime/KilnRuntime.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

#include <cstddef>

#define DEBUG_TYPE "kiln-emit-entry"

namespace kiln {
#define GEN_PASS_DEF_EMITENTRY
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kEntryName = "kiln_entry";
constexpr llvm::StringLiteral kArenaSizeName = "kiln_arena_size";
constexpr llvm::StringLiteral kRuntimeLaunchName = "kiln_launch";
constexpr llvm::StringLiteral kWeightsCacheBytesName =
    "kiln_weights_cache_bytes";
constexpr llvm::StringLiteral kPackedInputsName = "kiln_packed_inputs";
constexpr llvm::StringLiteral kNoWeightsCacheName = "kiln_no_weights_cache";
constexpr llvm::StringLiteral kOneThreadNoWeightsCacheName =
    "kiln_one_thread_no_weights_cache";
/// kiln_context's fields `num_threads` and `weights_cache`, in the struct
/// type kiln_entry reads them through: {ptr pool, i32 num_threads, ptr
/// profile, ptr cache}.
constexpr int32_t kNumThreadsField = 1;
constexpr int32_t kWeightsCacheField = 3;
static_assert(offsetof(kiln_context, num_threads) == sizeof(void *) &&
                  offsetof(kiln_context, weights_cache) == 3 * sizeof(void *),
              "kiln_entry reads kiln_context as {ptr, i32, ptr, ptr}");

/// Loads `count` pointers from the array `array` of pointers.
SmallVector<Value> loadPointers(OpBuilder &builder, Location loc, Value array,
                                unsigned count) {
  auto ptr = LLVM::LLVMPointerType::get(builder.getContext());
  SmallVector<Value> pointers;
  for (unsigned i = 0; i < count; ++i) {
    Value slot = builder.create<LLVM::GEPOp>(
        loc, ptr, ptr, array, ArrayRef<LLVM::GEPArg>{int32_t(i)});
    pointers.push_back(builder.create<LLVM::LoadOp>(loc, ptr, slot));
  }
  return pointers;
}

struct EmitEntryPass final : kiln::impl::EmitEntryBase<EmitEntryPass> {

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<LLVM::LLVMFuncOp> launches;
    for (auto func : module.getOps<LLVM::LLVMFuncOp>())
      if (func.isExternal() && func->hasAttr(kiln::attr::kKernel))
        launches.push_back(func);
    for (LLVM::LLVMFuncOp launch : launches)
      if (failed(defineLaunch(launch, symbols)))
        return signalPassFailure();
    if (failed(emitEntry(module)))
      return signalPassFailure();
  }

  /// The runtime's kiln_launch, declared once.
  LLVM::LLVMFuncOp getRuntimeLaunch(ModuleOp module, SymbolTable &symbols) {
    if (auto existing = symbols.lookup<LLVM::LLVMFuncOp>(kRuntimeLaunchName))
      return existing;
    MLIRContext *ctx = module.getContext();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i64 = IntegerType::get(ctx, 64);
    auto type = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                            {ptr, i64, i64, ptr, ptr});
    OpBuilder builder = OpBuilder::atBlockBegin(module.getBody());
    auto decl = builder.create<LLVM::LLVMFuncOp>(module.getLoc(),
                                                 kRuntimeLaunchName, type);
    symbols.insert(decl);
    return decl;
  }

  /// `void <kernel>_task(void **buffers, int64_t task)`, which calls the
  /// kernel on the buffers of an array; one per kernel, shared by the
  /// launches of fusions that share the kernel.
  LLVM::LLVMFuncOp getTaskFunction(LLVM::LLVMFuncOp kernel, unsigned numBuffers,
                                   SymbolTable &symbols) {
    std::string name = (kernel.getName() + "_task").str();
    if (auto existing = symbols.lookup<LLVM::LLVMFuncOp>(name))
      return existing;
    MLIRContext *ctx = kernel.getContext();
    Location loc = kernel.getLoc();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i64 = IntegerType::get(ctx, 64);
    OpBuilder builder(ctx);
    builder.setInsertionPointAfter(kernel);
    auto taskType =
        LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx), {ptr, i64});
    auto task = builder.create<LLVM::LLVMFuncOp>(loc, name, taskType,
                                                 LLVM::Linkage::Internal);
    symbols.insert(task);
    Block *taskBody = task.addEntryBlock(builder);
    builder.setInsertionPointToStart(taskBody);
    SmallVector<Value> args =
        loadPointers(builder, loc, taskBody->getArgument(0), numBuffers);
    args.push_back(taskBody->getArgument(1));
    builder.create<LLVM::CallOp>(loc, kernel, args);
    builder.create<LLVM::ReturnOp>(loc, ValueRange{});
    return task;
  }

  /// Gives the declared launch `launch(ptr buffers..., ptr context)` a body
  /// that runs the kernel's tasks through the runtime.
  LogicalResult defineLaunch(LLVM::LLVMFuncOp launch, SymbolTable &symbols) {
    ModuleOp module = getOperation();
    MLIRContext *ctx = module.getContext();
    auto kernelRef =
        launch->getAttrOfType<FlatSymbolRefAttr>(kiln::attr::kKernel);
    auto numTasks = launch->getAttrOfType<IntegerAttr>(kiln::attr::kNumTasks);
    auto kernelId = launch->getAttrOfType<IntegerAttr>(kiln::attr::kKernelId);
    auto kernel = kernelRef
                      ? symbols.lookup<LLVM::LLVMFuncOp>(kernelRef.getValue())
                      : LLVM::LLVMFuncOp();
    if (!kernel || !numTasks || !kernelId || launch.getNumArguments() < 1)
      return launch.emitError("kernel launch without a kernel, task count "
                              "or id");
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i64 = IntegerType::get(ctx, 64);
    unsigned numBuffers = launch.getNumArguments() - 1;
    if (kernel.getNumArguments() != numBuffers + 1)
      return kernel.emitError() << "kernel takes " << kernel.getNumArguments()
                                << " arguments; its launch passes "
                                << numBuffers << " buffers and a task";
    kernel.setLinkage(LLVM::Linkage::Internal);
    kernel->removeAttr("sym_visibility");
    Location loc = kernel.getLoc();

    OpBuilder builder(module.getContext());
    LLVM::LLVMFuncOp task = getTaskFunction(kernel, numBuffers, symbols);

    // The launch: buffers into an array, then kiln_launch(context, ...).
    LLVM::LLVMFuncOp runtimeLaunch = getRuntimeLaunch(module, symbols);
    launch.setLinkage(LLVM::Linkage::Internal);
    // Inlined into the graph function before O3 optimizes functions one by
    // one: a model with hundreds of launches would otherwise pay the
    // function pipeline once for each.
    launch.setAlwaysInline(true);
    launch->removeAttr("sym_visibility");
    Block *body = launch.addEntryBlock(builder);
    builder.setInsertionPointToStart(body);
    Value count = builder.create<LLVM::ConstantOp>(
        loc, i64, builder.getI64IntegerAttr(std::max(numBuffers, 1u)));
    Value array = builder.create<LLVM::AllocaOp>(loc, ptr, ptr, count);
    for (unsigned i = 0; i < numBuffers; ++i) {
      Value slot = builder.create<LLVM::GEPOp>(
          loc, ptr, ptr, array, ArrayRef<LLVM::GEPArg>{int32_t(i)});
      builder.create<LLVM::StoreOp>(loc, body->getArgument(i), slot);
    }
    Value id = builder.create<LLVM::ConstantOp>(loc, i64, kernelId);
    Value tasks = builder.create<LLVM::ConstantOp>(loc, i64, numTasks);
    Value taskFn = builder.create<LLVM::AddressOfOp>(loc, task);
    builder.create<LLVM::CallOp>(
        loc, runtimeLaunch,
        ValueRange{body->getArgument(numBuffers), id, tasks, taskFn, array});
    builder.create<LLVM::ReturnOp>(loc, ValueRange{});
    return success();
  }

  /// Wraps the graph function `main(buffers..., context, [weights cache,]
  /// arena)` in kiln_entry and emits the kiln_arena_size,
  /// kiln_weights_cache_bytes and kiln_packed_inputs constants.
  LogicalResult emitEntry(ModuleOp module) {
    SmallVector<LLVM::LLVMFuncOp> graphs;
    for (auto func : module.getOps<LLVM::LLVMFuncOp>())
      if (!func.isExternal() && func.getLinkage() == LLVM::Linkage::External &&
          !func->hasAttr("sym_visibility") && func.getName() != kEntryName)
        graphs.push_back(func);
    if (graphs.size() != 1)
      return module.emitError()
             << "expected one public graph function, found " << graphs.size();
    LLVM::LLVMFuncOp graph = graphs.front();
    MLIRContext *ctx = module.getContext();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    if (graph.getNumArguments() < 2 ||
        llvm::any_of(graph.getArgumentTypes(),
                     [&](Type type) { return type != ptr; }))
      return graph.emitError("graph function must take buffer pointers, "
                             "then the context, the weights cache where it "
                             "has one, and the arena");
    auto cacheBytes =
        graph->getAttrOfType<IntegerAttr>(kiln::attr::kWeightsCacheBytes);
    auto packedInputs =
        graph->getAttrOfType<DenseI64ArrayAttr>(kiln::attr::kPackedInputs);
    if (bool(cacheBytes) != bool(packedInputs) ||
        graph.getNumArguments() < (cacheBytes ? 3u : 2u))
      return graph.emitError("graph function with a weights cache must say "
                             "its bytes and packed inputs, and take it");
    if (!isa<LLVM::LLVMVoidType>(graph.getFunctionType().getReturnType()))
      return graph.emitError("graph function must return its results in "
                             "buffers");

    int64_t arenaSize = 0;
    if (auto attr = graph->getAttrOfType<IntegerAttr>(kiln::attr::kArenaSize))
      arenaSize = attr.getInt();
    // The graph is reached only through the entry point.
    graph.setLinkage(LLVM::Linkage::Internal);
    // The graph and the entry only fill pointer arrays and call kiln_launch:
    // nothing to vectorize, and the SLP vectorizer, which would try the
    // pointer stores of every launch, takes time that grows faster than the
    // launch count. noimplicitfloat turns it off for these two functions.
    auto noVectors =
        ArrayAttr::get(ctx, {StringAttr::get(ctx, "noimplicitfloat")});
    graph.setPassthroughAttr(noVectors);

    OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
    Location loc = graph.getLoc();
    builder.create<LLVM::GlobalOp>(loc, builder.getI64Type(),
                                   /*isConstant=*/true, LLVM::Linkage::External,
                                   kArenaSizeName,
                                   builder.getI64IntegerAttr(arenaSize));
    builder.create<LLVM::GlobalOp>(
        loc, builder.getI64Type(), /*isConstant=*/true, LLVM::Linkage::External,
        kWeightsCacheBytesName,
        builder.getI64IntegerAttr(cacheBytes ? cacheBytes.getInt() : 0));
    // The count of packed inputs, then their indices.
    SmallVector<int64_t> packed = {0};
    if (packedInputs)
      llvm::append_range(packed, packedInputs.asArrayRef());
    packed.front() = int64_t(packed.size()) - 1;
    auto packedType =
        LLVM::LLVMArrayType::get(builder.getI64Type(), packed.size());
    builder.create<LLVM::GlobalOp>(
        loc, packedType, /*isConstant=*/true, LLVM::Linkage::External,
        kPackedInputsName,
        DenseElementsAttr::get(RankedTensorType::get({int64_t(packed.size())},
                                                     builder.getI64Type()),
                               ArrayRef<int64_t>(packed)));
    // A call whose context has no cache reads one of these, in the state
    // KILN_WEIGHTS_PACK_EACH_CALL, or on one thread KILN_WEIGHTS_PACK_ONCE
    // (the graph may pack once in either: GraphFunctionBuilder).
    LLVM::GlobalOp noCache, oneThreadNoCache;
    if (cacheBytes) {
      auto header = [&](StringRef name, kiln_weights_state state) {
        auto headerType = LLVM::LLVMArrayType::get(builder.getI8Type(),
                                                   KILN_WEIGHTS_HEADER_BYTES);
        // The state is the header's first i32, little-endian.
        SmallVector<int8_t> bytes(KILN_WEIGHTS_HEADER_BYTES, 0);
        bytes[0] = static_cast<int8_t>(state);
        return builder.create<LLVM::GlobalOp>(
            loc, headerType, /*isConstant=*/true, LLVM::Linkage::Internal, name,
            DenseElementsAttr::get(
                RankedTensorType::get({KILN_WEIGHTS_HEADER_BYTES},
                                      builder.getI8Type()),
                ArrayRef<int8_t>(bytes)),
            /*alignment=*/KILN_ARENA_ALIGNMENT);
      };
      noCache = header(kNoWeightsCacheName, KILN_WEIGHTS_PACK_EACH_CALL);
      oneThreadNoCache =
          header(kOneThreadNoWeightsCacheName, KILN_WEIGHTS_PACK_ONCE);
    }
    auto entryType = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                                 {ptr, ptr, ptr});
    auto entry = builder.create<LLVM::LLVMFuncOp>(loc, kEntryName, entryType);
    entry.setPassthroughAttr(noVectors);
    Block *block = entry.addEntryBlock(builder);
    builder.setInsertionPointToStart(block);
    unsigned numBuffers = graph.getNumArguments() - (cacheBytes ? 3 : 2);
    SmallVector<Value> args =
        loadPointers(builder, loc, block->getArgument(0), numBuffers);
    Value context = block->getArgument(2);
    args.push_back(context);
    if (cacheBytes) {
      auto contextType = LLVM::LLVMStructType::getLiteral(
          ctx, {ptr, builder.getI32Type(), ptr, ptr});
      Value field = builder.create<LLVM::GEPOp>(
          loc, ptr, contextType, context,
          ArrayRef<LLVM::GEPArg>{0, kWeightsCacheField});
      Value cache = builder.create<LLVM::LoadOp>(loc, ptr, field);
      Value null = builder.create<LLVM::ZeroOp>(loc, ptr);
      Value none = builder.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::eq,
                                                cache, null);
      Value threadsField = builder.create<LLVM::GEPOp>(
          loc, ptr, contextType, context,
          ArrayRef<LLVM::GEPArg>{0, kNumThreadsField});
      Value threads =
          builder.create<LLVM::LoadOp>(loc, builder.getI32Type(), threadsField);
      // As kiln_launch runs every task on the calling thread.
      Value pool = builder.create<LLVM::LoadOp>(loc, ptr, context);
      Value oneThread = builder.create<LLVM::OrOp>(
          loc,
          builder.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::eq, pool,
                                       null),
          builder.create<LLVM::ICmpOp>(
              loc, LLVM::ICmpPredicate::sle, threads,
              builder.create<LLVM::ConstantOp>(loc, builder.getI32Type(), 1)));
      Value header = builder.create<LLVM::SelectOp>(
          loc, oneThread,
          builder.create<LLVM::AddressOfOp>(loc, oneThreadNoCache),
          builder.create<LLVM::AddressOfOp>(loc, noCache));
      args.push_back(builder.create<LLVM::SelectOp>(loc, none, header, cache));
    }
    args.push_back(block->getArgument(1)); // arena
    builder.create<LLVM::CallOp>(loc, graph, args);
    builder.create<LLVM::ReturnOp>(loc, ValueRange{});
    return success();
  }
};

} // namespace
