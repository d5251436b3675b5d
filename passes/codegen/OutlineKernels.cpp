//===- OutlineKernels.cpp - One native kernel per hlo.fusion --------------===//
//
// Turns the entry function, which after kiln-wrap-unfused holds only
// hlo.fusion ops, into buffer form:
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
#include "passes/codegen/KernelEmitter.h"
#include "passes/codegen/ScalarSemantics.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/TypeSwitch.h"

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

/// The buffer of a tensor. An empty tensor's buffer is `memref<0xT>`
/// whatever its shape: nothing reads or writes it (kiln-fold-empty-tensors
/// leaves no kernel an empty operand), and MLIR's bare-pointer calling
/// convention refuses a shape like 3x0, whose strides are not canonical.
MemRefType memrefTypeOf(Type tensorType) {
  auto tensor = cast<RankedTensorType>(tensorType);
  Type element = kiln::storageTypeOf(tensor.getElementType());
  if (tensor.getNumElements() == 0)
    return MemRefType::get({0}, element);
  return MemRefType::get(tensor.getShape(), element);
}

bool isEmptyTensor(Type type) {
  return cast<RankedTensorType>(type).getNumElements() == 0;
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
    buffers.clear();
    kernelId = 0;
    outermostControlFlow = nullptr;
    insertCopies(entry);
    MLIRContext *ctx = &getContext();
    Block &oldBody = entry.getBody().front();
    auto ret = cast<func::ReturnOp>(oldBody.getTerminator());

    SmallVector<Type> argTypes;
    for (Type type : entry.getArgumentTypes())
      argTypes.push_back(memrefTypeOf(type));
    for (Type type : entry.getResultTypes())
      argTypes.push_back(memrefTypeOf(type));
    auto contextType = MemRefType::get({1}, IntegerType::get(ctx, 8));
    argTypes.push_back(contextType);

    OpBuilder moduleBuilder(ctx);
    moduleBuilder.setInsertionPointAfter(entry);
    auto newEntry = moduleBuilder.create<func::FuncOp>(
        entry.getLoc(), entry.getName(), FunctionType::get(ctx, argTypes, {}));
    Block *body = newEntry.addEntryBlock();
    context = body->getArguments().back();

    for (auto [oldArg, newArg] :
         llvm::zip(oldBody.getArguments(), body->getArguments()))
      buffers[oldArg] = newArg;
    for (auto [i, returned] : llvm::enumerate(ret.getOperands()))
      buffers[returned] = body->getArgument(entry.getNumArguments() + i);

    OpBuilder builder = OpBuilder::atBlockEnd(body);
    if (failed(outlineBlock(oldBody, builder, moduleBuilder))) {
      newEntry.erase();
      return failure();
    }
    builder.create<func::ReturnOp>(ret.getLoc());
    entry.erase();
    return success();
  }

  /// Emits at `builder` the launches and control flow of `block`'s ops.
  LogicalResult outlineBlock(Block &block, OpBuilder &builder,
                             OpBuilder &moduleBuilder) {
    for (Operation &op : block.without_terminator()) {
      LogicalResult outlined =
          llvm::TypeSwitch<Operation *, LogicalResult>(&op)
              .Case([&](FusionOp fusion) {
                return outlineLaunch(fusion, builder, moduleBuilder);
              })
              .Case([&](kiln::hlo::WhileOp loop) {
                return outlineWhile(loop, builder, moduleBuilder);
              })
              .Case([&](kiln::hlo::IfOp branch) {
                return outlineIf(branch, builder, moduleBuilder);
              })
              .Case([&](kiln::hlo::CaseOp branch) {
                return outlineCase(branch, builder, moduleBuilder);
              })
              .Default([](Operation *op) {
                return op->emitError("kiln-outline-kernels: unexpected op");
              });
      if (failed(outlined))
        return failure();
    }
    return success();
  }

  /// A new buffer of `type`, allocated at `builder` in the function's body,
  /// or before the outermost control-flow op when `builder` is inside one:
  /// buffer assignment places allocations of the body only.
  Value allocate(OpBuilder &builder, Location loc, MemRefType type) {
    if (!outermostControlFlow)
      return builder.create<memref::AllocOp>(loc, type);
    OpBuilder outside(outermostControlFlow);
    return outside.create<memref::AllocOp>(loc, type);
  }

  /// The buffer that holds `value`, allocated on first request.
  Value bufferOf(Value value, OpBuilder &builder) {
    Value &buffer = buffers[value];
    if (!buffer)
      buffer = allocate(builder, value.getLoc(), memrefTypeOf(value.getType()));
    return buffer;
  }

  /// Copies buffer `from` into buffer `to` (of one tensor type).
  static void copyBuffer(OpBuilder &builder, Location loc, Value from,
                         Value to) {
    if (from != to && cast<MemRefType>(from.getType()).getNumElements() != 0)
      builder.create<memref::CopyOp>(loc, from, to);
  }

  /// The i1 in the rank-0 buffer of `value` (a pred is stored as a byte).
  Value loadFlag(OpBuilder &builder, Location loc, Value value) {
    Value byte = builder.create<memref::LoadOp>(loc, bufferOf(value, builder));
    Value zero = builder.create<arith::ConstantOp>(
        loc, builder.getIntegerAttr(byte.getType(), 0));
    return builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, byte,
                                         zero);
  }

  /// The launch of `fusion`'s kernel at `builder`.
  LogicalResult outlineLaunch(FusionOp fusion, OpBuilder &builder,
                              OpBuilder &moduleBuilder) {
    // Empty results have nothing to compute.
    if (llvm::all_of(fusion.getResultTypes(), isEmptyTensor))
      return success();
    if (llvm::any_of(fusion.getInputs().getTypes(), isEmptyTensor))
      return fusion.emitError("a kernel reads a zero-size tensor (run "
                              "kiln-fold-empty-tensors first)");
    SmallVector<Value> args;
    for (Value input : fusion.getInputs())
      args.push_back(bufferOf(input, builder));
    for (Value result : fusion.getResults())
      args.push_back(bufferOf(result, builder));
    if (std::optional<MemRefType> scratch = kiln::kernelScratchType(fusion))
      args.push_back(allocate(builder, fusion.getLoc(), *scratch));
    FailureOr<func::FuncOp> launch =
        outlineFusion(fusion, kernelId++, moduleBuilder);
    if (failed(launch))
      return failure();
    args.push_back(context);
    builder.create<func::CallOp>(fusion.getLoc(), *launch, args);
    return success();
  }

  /// Outlines the blocks of a control-flow op: `emit` builds the scf op at
  /// `builder` and outlines each region into it; allocations made meanwhile
  /// go before the outermost such op.
  template <typename Emit>
  LogicalResult inControlFlow(Operation *scfOp, Emit emit) {
    bool outermost = !outermostControlFlow;
    if (outermost)
      outermostControlFlow = scfOp;
    LogicalResult result = emit();
    if (outermost)
      outermostControlFlow = nullptr;
    return result;
  }

  /// hlo.while as scf.while over buffers: the loop-carried values live in
  /// one buffer each (the results' buffers), which cond and body read and
  /// which the body's results are copied into at the end of each trip.
  LogicalResult outlineWhile(kiln::hlo::WhileOp loop, OpBuilder &builder,
                             OpBuilder &moduleBuilder) {
    Location loc = loop.getLoc();
    SmallVector<Value> state;
    for (auto [operand, result] :
         llvm::zip(loop.getOperand(), loop->getResults())) {
      state.push_back(bufferOf(result, builder));
      copyBuffer(builder, loc, bufferOf(operand, builder), state.back());
    }
    Block &cond = loop.getCond().front();
    Block &body = loop.getBody().front();
    for (auto [i, buffer] : llvm::enumerate(state)) {
      buffers[cond.getArgument(i)] = buffer;
      buffers[body.getArgument(i)] = buffer;
    }
    auto scfWhile = builder.create<scf::WhileOp>(loc, TypeRange{}, ValueRange{});
    return inControlFlow(scfWhile, [&]() -> LogicalResult {
      OpBuilder inner = OpBuilder::atBlockEnd(
          builder.createBlock(&scfWhile.getBefore()));
      if (failed(outlineBlock(cond, inner, moduleBuilder)))
        return failure();
      Value flag = loadFlag(inner, loc, cond.getTerminator()->getOperand(0));
      inner.create<scf::ConditionOp>(loc, flag, ValueRange{});

      inner.setInsertionPointToEnd(builder.createBlock(&scfWhile.getAfter()));
      if (failed(outlineBlock(body, inner, moduleBuilder)))
        return failure();
      // A result that is another carried value (a swap) is copied aside
      // first, so that no carried value is overwritten before it is read.
      SmallVector<Value> next;
      for (auto [i, returned] :
           llvm::enumerate(body.getTerminator()->getOperands())) {
        Value from = bufferOf(returned, inner);
        if (from != state[i] && llvm::is_contained(state, from)) {
          Value aside = allocate(inner, loc, cast<MemRefType>(from.getType()));
          copyBuffer(inner, loc, from, aside);
          from = aside;
        }
        next.push_back(from);
      }
      for (auto [from, to] : llvm::zip(next, state))
        copyBuffer(inner, loc, from, to);
      inner.create<scf::YieldOp>(loc);
      builder.setInsertionPointAfter(scfWhile);
      return success();
    });
  }

  /// Outlines `branch` (a block of an if or case) at `builder` and copies
  /// what it returns into the buffers of `op`'s results.
  LogicalResult outlineBranch(Operation *op, Block &branch, OpBuilder &builder,
                              OpBuilder &moduleBuilder) {
    if (failed(outlineBlock(branch, builder, moduleBuilder)))
      return failure();
    for (auto [returned, result] :
         llvm::zip(branch.getTerminator()->getOperands(), op->getResults()))
      copyBuffer(builder, op->getLoc(), bufferOf(returned, builder),
                 bufferOf(result, builder));
    return success();
  }

  /// hlo.if as scf.if on the predicate's byte.
  LogicalResult outlineIf(kiln::hlo::IfOp op, OpBuilder &builder,
                          OpBuilder &moduleBuilder) {
    Location loc = op.getLoc();
    for (Value result : op->getResults())
      bufferOf(result, builder);
    Value flag = loadFlag(builder, loc, op.getPred());
    auto scfIf = builder.create<scf::IfOp>(loc, TypeRange{}, flag,
                                           /*withElseRegion=*/true);
    return inControlFlow(scfIf, [&]() -> LogicalResult {
      OpBuilder inner = scfIf.getThenBodyBuilder();
      if (failed(outlineBranch(op, op.getTrueBranch().front(), inner,
                               moduleBuilder)))
        return failure();
      inner = scfIf.getElseBodyBuilder();
      return outlineBranch(op, op.getFalseBranch().front(), inner,
                           moduleBuilder);
    });
  }

  /// hlo.case as scf.index_switch on the index: branches 0 to N-2 are
  /// cases, the last branch is the default, which also takes an index out
  /// of range, as StableHLO specifies.
  LogicalResult outlineCase(kiln::hlo::CaseOp op, OpBuilder &builder,
                            OpBuilder &moduleBuilder) {
    Location loc = op.getLoc();
    for (Value result : op->getResults())
      bufferOf(result, builder);
    Value stored = builder.create<memref::LoadOp>(
        loc, bufferOf(op.getIndex(), builder));
    Value index = builder.create<arith::IndexCastOp>(
        loc, builder.getIndexType(), stored);
    unsigned numCases = op.getBranches().size() - 1;
    auto cases = llvm::to_vector(llvm::seq<int64_t>(0, numCases));
    auto scfSwitch = builder.create<scf::IndexSwitchOp>(
        loc, TypeRange{}, index, cases, numCases);
    return inControlFlow(scfSwitch, [&]() -> LogicalResult {
      for (auto [i, branch] : llvm::enumerate(op.getBranches())) {
        Region &region = i < numCases ? scfSwitch.getCaseRegions()[i]
                                      : scfSwitch.getDefaultRegion();
        OpBuilder inner = OpBuilder::atBlockEnd(builder.createBlock(&region));
        if (failed(outlineBranch(op, branch.front(), inner, moduleBuilder)))
          return failure();
        inner.create<scf::YieldOp>(loc);
      }
      builder.setInsertionPointAfter(scfSwitch);
      return success();
    });
  }

  /// The buffer of each value outlined so far.
  DenseMap<Value, Value> buffers;
  /// The graph function's context argument, passed to every launch.
  Value context;
  /// The id of the next launch.
  int64_t kernelId = 0;
  /// The scf op the allocations of its regions go before; null outside.
  Operation *outermostControlFlow = nullptr;

  /// The machine kernels are sized for.
  kiln::TargetDescription target;

  /// Kernels emitted so far, by kernelHash of their fusion.
  DenseMap<llvm::hash_code, SmallVector<EmittedKernel, 1>> emitted;

  /// The kernel of a fusion equivalent to `fusion` emitted before, if any.
  const EmittedKernel *findEmitted(FusionOp fusion, llvm::hash_code hash) {
    auto it = emitted.find(hash);
    if (it == emitted.end())
      return nullptr;
    for (const EmittedKernel &candidate : it->second)
      if (sameKernel(candidate.fusion, fusion))
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
      buffers.push_back(memrefTypeOf(type));
      bytes += bytesOf(type);
    }
    for (Type type : fusion.getResultTypes()) {
      buffers.push_back(memrefTypeOf(type));
      bytes += bytesOf(type);
    }
    if (std::optional<MemRefType> scratch = kiln::kernelScratchType(fusion))
      buffers.push_back(*scratch);

    llvm::hash_code hash = kernelHash(fusion);
    const EmittedKernel *existing = findEmitted(fusion, hash);
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
    FailureOr<int64_t> numTasks = kiln::emitKernelBody(build);
    if (failed(numTasks)) {
      kernel.erase();
      return failure();
    }
    builder.create<func::ReturnOp>(loc);
    emitted[hash].push_back({fusion, kernel, *numTasks});
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
