//===- OutlineKernels.cpp - One native kernel per hlo.fusion --------------===//
//
// Turns the entry function, which after kiln-wrap-unfused holds only
// hlo.fusion ops and control flow, into buffer form
// (GraphFunctionBuilder.cpp; control flow becomes scf ops around the
// launches):
//
//   func.func @main(%in..., %out..., %ctx: memref<1xi8>)
//     %t = memref.alloc() : ...             // each intermediate, before use
//     func.call @kiln_launch_0(%in..., %t, %ctx)
//     ...
//   func.func private @kiln_launch_0(...)   // declaration, lowered by
//       attributes {kiln.kernel = @kernel_0, kiln.num_tasks = N, ...}
//                                           // kiln-emit-entry
//   func.func private @kernel_0(%in..., %out..., %task: index)
//
// A graph whose tiled contractions pack one of its inputs (a dot's weights
// that arrive as an argument) also takes a weights cache after the context
// (runtime/KilnRuntime.h): each such launch gets a view of its state and
// of a slot of its own, where calls that declare their weights unchanged
// keep the packed panels.
//
// Each kernel computes one task of its fusion with the loop structure of
// the fusion's kind (KernelEmitter.h) and the elemental emitter. Fusions
// that compute the same thing on buffers of the same types (a model's
// repeated layers) share one kernel: each gets its own launch, with its own
// id, name and location, calling the first one's kernel.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/hlo/BufferSize.h"

#include "dialects/hlo/Diagnostics.h"
#include "dialects/hlo/HloDialect.h"
#include "dialects/hlo/KilnAttributes.h"
#include "passes/codegen/GraphFunctionBuilder.h"
#include "passes/codegen/KernelEmitter.h"
#include "passes/codegen/ScalarSemantics.h"
#include "runtime/KilnRuntime.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"

#define DEBUG_TYPE "kiln-outline-kernels"

namespace kiln {
#define GEN_PASS_DEF_OUTLINEKERNELS
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using kiln::hlo::FusionKind;
using kiln::hlo::FusionOp;

namespace {

/// A kernel already emitted, for fusions equivalent to `fusion`.
struct EmittedKernel {
  FusionOp fusion;
  func::FuncOp kernel;
  int64_t numTasks;
  /// Whether it takes a slot of the weights cache (kiln::PackedWeights):
  /// an equal fusion whose weights are not a graph input does not.
  bool cachesWeights;
};

/// Hash of what a fusion's kernel depends on: its kind, its buffer types
/// and the ops of its body, but not which values it reads or its locations.
llvm::hash_code kernelHash(FusionOp fusion) {
  llvm::hash_code hash = llvm::hash_combine(
      fusion.getKind(), fusion->getNumOperands(), fusion->getNumResults());
  for (Type type : fusion->getOperandTypes())
    hash = llvm::hash_combine(hash, type);
  for (Type type : fusion->getResultTypes())
    hash = llvm::hash_combine(hash, type);
  fusion.getBody().walk([&](Operation *op) {
    hash =
        llvm::hash_combine(hash, OperationEquivalence::computeHash(
                                     op, OperationEquivalence::ignoreHashValue,
                                     OperationEquivalence::ignoreHashValue,
                                     OperationEquivalence::IgnoreLocations));
  });
  return hash;
}

/// Whether fusions `a` and `b` need the same kernel: same kind and buffer
/// types, and bodies equal up to locations.
bool sameKernel(FusionOp a, FusionOp b) {
  return a.getKind() == b.getKind() &&
         a->getOperandTypes() == b->getOperandTypes() &&
         a->getResultTypes() == b->getResultTypes() &&
         OperationEquivalence::isRegionEquivalentTo(
             &a.getBody(), &b.getBody(), OperationEquivalence::IgnoreLocations);
}

/// Bytes of one buffer of `type` (i1 takes a byte per element).
int64_t bytesOf(Type type) { return kiln::bufferBytes(cast<ShapedType>(type)); }

/// "file:line:col" of the fusion's root op, for profiles and diagnostics.
std::string sourceLocation(FusionOp fusion) {
  Location loc = fusion.getLoc();
  Operation *terminator = fusion.getBody().front().getTerminator();
  if (terminator->getNumOperands() != 0)
    if (Operation *root = terminator->getOperand(0).getDefiningOp())
      loc = root->getLoc();
  return kiln::formatLocation(kiln::hasFileLocation(loc) ? loc
                                                         : fusion.getLoc());
}

/// "<kind>: <op>+<op>..." naming the ops the kernel computes.
std::string kernelName(FusionOp fusion) {
  std::string ops;
  for (Operation &op : fusion.getBody().front().without_terminator()) {
    if (isa<kiln::hlo::ConstantOp>(op))
      continue;
    if (!ops.empty())
      ops += "+";
    ops += op.getName().stripDialect().str();
  }
  if (ops.empty())
    ops = "copy";
  return (kiln::hlo::stringifyFusionKind(fusion.getKind()) + ": " + ops).str();
}

/// A loop fusion that copies `value` into a result of its own.
FusionOp createCopyFusion(OpBuilder &builder, Value value) {
  Location loc = value.getLoc();
  auto fusion = builder.create<FusionOp>(loc, TypeRange{value.getType()},
                                         FusionKind::Loop, ValueRange{value});
  OpBuilder::InsertionGuard guard(builder);
  Block *body = builder.createBlock(&fusion.getBody());
  Value arg = body->addArgument(value.getType(), loc);
  builder.create<kiln::hlo::ReturnOp>(loc, ValueRange{arg});
  return fusion;
}

struct OutlineKernelsPass final
    : kiln::impl::OutlineKernelsBase<OutlineKernelsPass> {
  using OutlineKernelsBase::OutlineKernelsBase;

  /// Kernels whose outputs exceed the caches store them with LLVM dialect
  /// nontemporal vector stores (KernelEmitterStream.cpp).
  void getDependentDialects(DialectRegistry &registry) const override {
    OutlineKernelsBase::getDependentDialects(registry);
    registry.insert<LLVM::LLVMDialect>();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    target = kiln::TargetDescription::host();
    if (vectorBits != 0 && vectorBits != 128 && vectorBits != 256 &&
        vectorBits != 512) {
      module.emitError() << "kiln-outline-kernels: vector-bits must be 128, "
                            "256 or 512, not "
                         << static_cast<int64_t>(vectorBits);
      return signalPassFailure();
    }
    if (vectorBits != 0)
      target = target.withVectorBits(vectorBits);
    for (auto [option, name, field] :
         {std::tuple(int64_t(l1Bytes), "l1-bytes", &target.l1Bytes),
          std::tuple(int64_t(l2Bytes), "l2-bytes", &target.l2Bytes)}) {
      if (option < 0) {
        module.emitError() << "kiln-outline-kernels: " << name
                           << " must not be negative, not " << option;
        return signalPassFailure();
      }
      if (option != 0)
        *field = option;
    }
    SmallVector<func::FuncOp> entries;
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal())
        entries.push_back(func);
    if (entries.size() != 1) {
      module.emitError() << "kiln-outline-kernels expects one public entry "
                            "function, found "
                         << entries.size();
      return signalPassFailure();
    }
    if (failed(outline(entries.front())))
      signalPassFailure();
  }

  LogicalResult checkEntry(func::FuncOp entry) {
    if (!llvm::hasSingleElement(entry.getBody()))
      return entry.emitError("the entry function must have one block");
    for (Block *block : kiln::hlo::graphBlocks(entry.getBody()))
      for (Operation &op : block->without_terminator())
        if (!isa<FusionOp>(op) && !kiln::hlo::isControlFlow(&op))
          return op.emitError()
                 << op.getName()
                 << " is outside any hlo.fusion; kiln-outline-kernels "
                    "expects only fusions and control flow (run "
                    "kiln-wrap-unfused first)";
    return success();
  }

  /// Results returned straight from an argument, or returned a second time,
  /// need a buffer of their own: a copy kernel fills it.
  void insertCopies(func::FuncOp entry) {
    auto ret = cast<func::ReturnOp>(entry.getBody().front().getTerminator());
    OpBuilder builder(ret);
    SmallVector<Value> seen;
    for (OpOperand &operand : ret->getOpOperands()) {
      Value value = operand.get();
      if (isa<BlockArgument>(value) || llvm::is_contained(seen, value))
        operand.set(createCopyFusion(builder, value).getResult(0));
      seen.push_back(operand.get());
    }
  }

  LogicalResult outline(func::FuncOp entry) {
    if (failed(checkEntry(entry)))
      return failure();
    emitted.clear();
    insertCopies(entry);
    MLIRContext *ctx = &getContext();
    Block &oldBody = entry.getBody().front();
    auto ret = cast<func::ReturnOp>(oldBody.getTerminator());

    SmallVector<Type> argTypes;
    for (Type type : entry.getArgumentTypes())
      argTypes.push_back(kiln::memrefTypeOf(type));
    for (Type type : entry.getResultTypes())
      argTypes.push_back(kiln::memrefTypeOf(type));
    auto contextType = MemRefType::get({1}, IntegerType::get(ctx, 8));
    argTypes.push_back(contextType);
    // The weights cache, where some launch may keep packed weights; its
    // size is known once every launch is emitted.
    bool cachesWeights = false;
    graphPanelBytes = 0;
    entry.walk([&](FusionOp fusion) {
      cachesWeights |= kiln::matchPackedWeights(fusion, target).has_value();
      graphPanelBytes += kiln::prepackedPanelBytes(fusion, target);
    });
    auto cacheType = [&](int64_t bytes) {
      return MemRefType::get({bytes}, IntegerType::get(ctx, 8));
    };
    if (cachesWeights)
      argTypes.push_back(cacheType(KILN_WEIGHTS_HEADER_BYTES));

    OpBuilder moduleBuilder(ctx);
    moduleBuilder.setInsertionPointAfter(entry);
    auto newEntry = moduleBuilder.create<func::FuncOp>(
        entry.getLoc(), entry.getName(), FunctionType::get(ctx, argTypes, {}));
    Block *body = newEntry.addEntryBlock();
    Value context =
        body->getArgument(entry.getNumArguments() + entry.getNumResults());
    kiln::GraphFunctionBuilder graph(context, [&](FusionOp fusion, int64_t id) {
      return outlineFusion(fusion, id, moduleBuilder);
    });
    if (cachesWeights)
      graph.cacheWeights(body->getArguments().back(), [&](FusionOp fusion) {
        return kiln::matchPackedWeights(fusion, target);
      });
    for (auto [oldArg, newArg] :
         llvm::zip(oldBody.getArguments(), body->getArguments()))
      graph.setBuffer(oldArg, newArg);
    for (auto [i, returned] : llvm::enumerate(ret.getOperands()))
      graph.setBuffer(returned, body->getArgument(entry.getNumArguments() + i));

    OpBuilder builder = OpBuilder::atBlockEnd(body);
    if (failed(graph.emitBlock(oldBody, builder))) {
      newEntry.erase();
      return failure();
    }
    builder.create<func::ReturnOp>(ret.getLoc());
    if (cachesWeights) {
      BlockArgument cache = body->getArguments().back();
      cache.setType(cacheType(graph.weightsCacheBytes()));
      argTypes.back() = cache.getType();
      newEntry.setFunctionType(FunctionType::get(ctx, argTypes, {}));
      newEntry->setAttr(kiln::attr::kWeightsCacheBytes,
                        builder.getI64IntegerAttr(graph.weightsCacheBytes()));
      newEntry->setAttr(kiln::attr::kPackedInputs,
                        builder.getDenseI64ArrayAttr(graph.packedInputs()));
    }
    entry.erase();
    return success();
  }

  /// The machine kernels are sized for.
  kiln::TargetDescription target;
  /// Bytes of the panels the entry's contractions read packed before the
  /// call, in all (prepackedPanelBytes).
  int64_t graphPanelBytes = 0;

  /// Kernels emitted so far, by kernelHash of their fusion.
  DenseMap<llvm::hash_code, SmallVector<EmittedKernel, 1>> emitted;

  /// The kernel of a fusion equivalent to `fusion` emitted before, if any.
  const EmittedKernel *
  findEmitted(FusionOp fusion, llvm::hash_code hash,
              const std::optional<kiln::PackedWeights> &packed) {
    auto it = emitted.find(hash);
    if (it == emitted.end())
      return nullptr;
    for (const EmittedKernel &candidate : it->second)
      if (candidate.cachesWeights == packed.has_value() &&
          sameKernel(candidate.fusion, fusion))
        return &candidate;
    return nullptr;
  }

  /// Emits @kernel_<id> (unless an equivalent fusion's kernel exists) and
  /// the declaration @kiln_launch_<id> after the insertion point of
  /// `moduleBuilder`; returns the declaration.
  FailureOr<func::FuncOp> outlineFusion(FusionOp fusion, int64_t id,
                                        OpBuilder &moduleBuilder) {
    MLIRContext *ctx = &getContext();
    Location loc = fusion.getLoc();
    SmallVector<Type> buffers;
    int64_t bytes = 0;
    for (Type type : fusion.getInputs().getTypes()) {
      buffers.push_back(kiln::memrefTypeOf(type));
      bytes += bytesOf(type);
    }
    for (Type type : fusion.getResultTypes()) {
      buffers.push_back(kiln::memrefTypeOf(type));
      bytes += bytesOf(type);
    }
    if (std::optional<MemRefType> scratch = kiln::kernelScratchType(fusion))
      buffers.push_back(*scratch);
    std::optional<kiln::PackedWeights> packed =
        kiln::matchPackedWeights(fusion, target);
    if (packed) {
      buffers.push_back(MemRefType::get({1}, IntegerType::get(ctx, 32)));
      buffers.push_back(
          MemRefType::get({packed->floats}, Float32Type::get(ctx)));
    }

    llvm::hash_code hash = kernelHash(fusion);
    const EmittedKernel *existing = findEmitted(fusion, hash, packed);
    if (existing)
      return declareLaunch(fusion, id, existing->kernel, existing->numTasks,
                           buffers, bytes, moduleBuilder);

    SmallVector<Type> kernelArgs(buffers);
    kernelArgs.push_back(IndexType::get(ctx));
    std::string kernelSymbol = "kernel_" + std::to_string(id);
    auto kernel = moduleBuilder.create<func::FuncOp>(
        loc, kernelSymbol, FunctionType::get(ctx, kernelArgs, {}));
    kernel.setPrivate();
    Block *entry = kernel.addEntryBlock();
    // Distinct buffers: lets LLVM vectorize without runtime alias checks.
    for (unsigned i = 0; i < buffers.size(); ++i)
      kernel.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                        UnitAttr::get(ctx));

    OpBuilder builder = OpBuilder::atBlockEnd(entry);
    kiln::ElementalEmitter emitter(builder, getOperation(), kernel);
    for (auto [bodyArg, kernelArg] : llvm::zip(
             fusion.getBody().front().getArguments(), kernel.getArguments()))
      emitter.bindArgument(bodyArg, kernelArg);
    kiln::KernelBuild build{fusion, kernel, emitter, bytes, target};
    build.graphPanelBytes = graphPanelBytes;
    FailureOr<int64_t> numTasks = kiln::emitKernelBody(build);
    if (failed(numTasks)) {
      kernel.erase();
      return failure();
    }
    builder.create<func::ReturnOp>(loc);
    emitted[hash].push_back({fusion, kernel, *numTasks, packed.has_value()});
    moduleBuilder.setInsertionPoint(kernel);
    func::FuncOp launch = declareLaunch(fusion, id, kernel, *numTasks, buffers,
                                        bytes, moduleBuilder);
    moduleBuilder.setInsertionPointAfter(kernel);
    return launch;
  }

  /// Declares @kiln_launch_<id>, the launch of `kernel` for `fusion`, at
  /// the insertion point of `moduleBuilder`.
  func::FuncOp declareLaunch(FusionOp fusion, int64_t id, func::FuncOp kernel,
                             int64_t numTasks, ArrayRef<Type> buffers,
                             int64_t bytes, OpBuilder &moduleBuilder) {
    MLIRContext *ctx = &getContext();
    SmallVector<Type> launchArgs(buffers);
    launchArgs.push_back(MemRefType::get({1}, IntegerType::get(ctx, 8)));
    auto launch = moduleBuilder.create<func::FuncOp>(
        fusion.getLoc(), "kiln_launch_" + std::to_string(id),
        FunctionType::get(ctx, launchArgs, {}));
    launch.setPrivate();
    auto i64 = IntegerType::get(ctx, 64);
    launch->setAttr(kiln::attr::kKernel, FlatSymbolRefAttr::get(kernel));
    launch->setAttr(kiln::attr::kNumTasks, IntegerAttr::get(i64, numTasks));
    launch->setAttr(kiln::attr::kKernelId, IntegerAttr::get(i64, id));
    launch->setAttr(kiln::attr::kKernelName,
                    StringAttr::get(ctx, kernelName(fusion)));
    launch->setAttr(kiln::attr::kLocation,
                    StringAttr::get(ctx, sourceLocation(fusion)));
    launch->setAttr(kiln::attr::kBytes, IntegerAttr::get(i64, bytes));
    return launch;
  }
};

} // namespace
