//===- GraphFunctionBuilder.cpp - The graph function in buffer form -------===//
//
// Launches of the fusions' kernels, and the control flow between them:
//
//   hlo.while  ->  memref.copy of the operands into the carried buffers
//                  scf.while { cond's launches; scf.condition(pred) }
//                  do { body's launches; memref.copy of its results into
//                       the carried buffers }
//   hlo.if     ->  scf.if (pred) { launches; copies into the results }
//   hlo.case   ->  scf.index_switch (index) case 0..N-2, default: branch N-1
//
// A loop's carried values live in its results' buffers. Every buffer is
// allocated in the function's body, before the outermost control-flow op,
// so buffer assignment (which works on the body's ops) keeps a loop's
// buffers for the whole loop.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/GraphFunctionBuilder.h"

#include "dialects/hlo/BufferSize.h"
#include "passes/codegen/KernelEmitter.h"
#include "passes/codegen/ScalarSemantics.h"
#include "runtime/KilnRuntime.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace kiln;
using hlo::FusionOp;

MemRefType kiln::memrefTypeOf(Type tensorType) {
  auto tensor = cast<RankedTensorType>(tensorType);
  Type element = storageTypeOf(tensor.getElementType());
  if (tensor.getNumElements() == 0)
    return MemRefType::get({0}, element);
  return MemRefType::get(tensor.getShape(), element);
}

static bool isEmptyTensor(Type type) {
  return cast<RankedTensorType>(type).getNumElements() == 0;
}

GraphFunctionBuilder::GraphFunctionBuilder(Value context,
                                           DeclareLaunch declareLaunch)
    : context(context), declareLaunch(std::move(declareLaunch)) {}

LogicalResult GraphFunctionBuilder::emitBlock(Block &block,
                                              OpBuilder &builder) {
  for (Operation &op : block.without_terminator()) {
    LogicalResult outlined =
        llvm::TypeSwitch<Operation *, LogicalResult>(&op)
            .Case([&](FusionOp fusion) { return emitLaunch(fusion, builder); })
            .Case([&](hlo::WhileOp loop) { return emitWhile(loop, builder); })
            .Case([&](hlo::IfOp branch) { return emitIf(branch, builder); })
            .Case([&](hlo::CaseOp branch) { return emitCase(branch, builder); })
            .Default([](Operation *op) {
              return op->emitError("kiln-outline-kernels: unexpected op");
            });
    if (failed(outlined))
      return failure();
  }
  return success();
}

Value GraphFunctionBuilder::allocate(OpBuilder &builder, Location loc,
                                     MemRefType type) {
  if (!outermostControlFlow)
    return builder.create<memref::AllocOp>(loc, type);
  OpBuilder outside(outermostControlFlow);
  return outside.create<memref::AllocOp>(loc, type);
}

Value GraphFunctionBuilder::bufferOf(Value value, OpBuilder &builder) {
  Value &buffer = buffers[value];
  if (!buffer)
    buffer = allocate(builder, value.getLoc(), memrefTypeOf(value.getType()));
  return buffer;
}

void GraphFunctionBuilder::copyBuffer(OpBuilder &builder, Location loc,
                                      Value from, Value to) {
  if (from != to && cast<MemRefType>(from.getType()).getNumElements() != 0)
    builder.create<memref::CopyOp>(loc, from, to);
}

Value GraphFunctionBuilder::loadFlag(OpBuilder &builder, Location loc,
                                     Value value) {
  // Compared with 0 rather than taken as it is, whatever the storage type.
  Value byte = builder.create<memref::LoadOp>(loc, bufferOf(value, builder));
  Value zero = builder.create<arith::ConstantOp>(
      loc, builder.getIntegerAttr(byte.getType(), 0));
  return builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, byte,
                                       zero);
}

LogicalResult GraphFunctionBuilder::emitLaunch(FusionOp fusion,
                                               OpBuilder &builder) {
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
  if (std::optional<MemRefType> scratch = kernelScratchType(fusion))
    args.push_back(allocate(builder, fusion.getLoc(), *scratch));
  std::optional<PackedWeights> packed;
  if (weightsCache && (packed = matchPackedWeights(fusion)))
    appendWeightsCache(*packed, fusion.getLoc(), builder, args);
  FailureOr<func::FuncOp> launch = declareLaunch(fusion, kernelId++);
  if (failed(launch))
    return failure();
  args.push_back(context);
  if (packed && packed->packsPerPanel > 1)
    emitPackedOnce(*launch, args, builder, packed->packsOnceOnEveryThreadCount);
  else
    builder.create<func::CallOp>(fusion.getLoc(), *launch, args);
  return success();
}

void GraphFunctionBuilder::emitPackedOnce(func::FuncOp launch,
                                          ArrayRef<Value> args,
                                          OpBuilder &builder,
                                          bool onEveryThreadCount) {
  Location loc = launch.getLoc();
  // The arguments end with the cache's state and slot, then the context;
  // the call's own launches take its own state and slot instead.
  size_t stateArg = args.size() - 3, slotArg = args.size() - 2;
  auto stateType = cast<MemRefType>(args[stateArg].getType());
  SmallVector<Value> ownArgs(args);
  ownArgs[slotArg] =
      allocate(builder, loc, cast<MemRefType>(args[slotArg].getType()));
  Value ownState = ownArgs[stateArg] = allocate(builder, loc, stateType);
  Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
  auto stateValue = [&](kiln_weights_state value) {
    return builder.create<arith::ConstantIntOp>(loc, value,
                                                stateType.getElementType());
  };
  // KILN_WEIGHTS_PACK_ONCE: the panels are packed into a slot of the
  // call's own, once, then read from it; where so many tiles would pack
  // them, KILN_WEIGHTS_PACK_EACH_CALL (several threads) too.
  Value state =
      builder.create<memref::LoadOp>(loc, args[stateArg], ValueRange{zero});
  auto isState = [&](kiln_weights_state value) {
    return builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, state,
                                         stateValue(value));
  };
  Value once = isState(KILN_WEIGHTS_PACK_ONCE);
  if (onEveryThreadCount)
    once = builder.create<arith::OrIOp>(loc, once,
                                        isState(KILN_WEIGHTS_PACK_EACH_CALL));
  auto branch = builder.create<scf::IfOp>(loc, once, /*withElse=*/true);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(&branch.getElseRegion().front());
  builder.create<func::CallOp>(loc, launch, args);
  builder.setInsertionPointToStart(&branch.getThenRegion().front());
  for (kiln_weights_state step : {KILN_WEIGHTS_PACK_ONLY, KILN_WEIGHTS_READY}) {
    builder.create<memref::StoreOp>(loc, stateValue(step), ownState,
                                    ValueRange{zero});
    builder.create<func::CallOp>(loc, launch, ownArgs);
  }
}

void GraphFunctionBuilder::appendWeightsCache(const PackedWeights &packed,
                                              Location loc, OpBuilder &builder,
                                              SmallVectorImpl<Value> &args) {
  if (cacheBytes == 0)
    cacheBytes = KILN_WEIGHTS_HEADER_BYTES;
  auto view = [&](int64_t offset, MemRefType type) {
    Value at = builder.create<arith::ConstantIndexOp>(loc, offset);
    return builder.create<memref::ViewOp>(loc, type, weightsCache, at,
                                          ValueRange{});
  };
  args.push_back(view(0, MemRefType::get({1}, builder.getI32Type())));
  args.push_back(
      view(cacheBytes, MemRefType::get({packed.floats}, builder.getF32Type())));
  cacheBytes += llvm::alignTo(packed.floats * 4, KILN_ARENA_ALIGNMENT);
  if (!llvm::is_contained(packedArguments, packed.graphArgument))
    packedArguments.push_back(packed.graphArgument);
}

LogicalResult
GraphFunctionBuilder::inControlFlow(Operation *scfOp,
                                    llvm::function_ref<LogicalResult()> emit) {
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
LogicalResult GraphFunctionBuilder::emitWhile(hlo::WhileOp loop,
                                              OpBuilder &builder) {
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
    OpBuilder inner =
        OpBuilder::atBlockEnd(builder.createBlock(&scfWhile.getBefore()));
    if (failed(emitBlock(cond, inner)))
      return failure();
    Value flag = loadFlag(inner, loc, cond.getTerminator()->getOperand(0));
    inner.create<scf::ConditionOp>(loc, flag, ValueRange{});

    inner.setInsertionPointToEnd(builder.createBlock(&scfWhile.getAfter()));
    if (failed(emitBlock(body, inner)))
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

LogicalResult GraphFunctionBuilder::emitBranch(Operation *op, Block &branch,
                                               OpBuilder &builder) {
  if (failed(emitBlock(branch, builder)))
    return failure();
  for (auto [returned, result] :
       llvm::zip(branch.getTerminator()->getOperands(), op->getResults()))
    copyBuffer(builder, op->getLoc(), bufferOf(returned, builder),
               bufferOf(result, builder));
  return success();
}

/// hlo.if as scf.if on the predicate.
LogicalResult GraphFunctionBuilder::emitIf(hlo::IfOp op, OpBuilder &builder) {
  Location loc = op.getLoc();
  for (Value result : op->getResults())
    bufferOf(result, builder);
  Value flag = loadFlag(builder, loc, op.getPred());
  auto scfIf = builder.create<scf::IfOp>(loc, TypeRange{}, flag,
                                         /*withElseRegion=*/true);
  return inControlFlow(scfIf, [&]() -> LogicalResult {
    OpBuilder inner = scfIf.getThenBodyBuilder();
    if (failed(emitBranch(op, op.getTrueBranch().front(), inner)))
      return failure();
    inner = scfIf.getElseBodyBuilder();
    return emitBranch(op, op.getFalseBranch().front(), inner);
  });
}

/// hlo.case as scf.index_switch on the index: branches 0 to N-2 are
/// cases, the last branch is the default, which also takes an index out
/// of range, as StableHLO specifies.
LogicalResult GraphFunctionBuilder::emitCase(hlo::CaseOp op,
                                             OpBuilder &builder) {
  Location loc = op.getLoc();
  for (Value result : op->getResults())
    bufferOf(result, builder);
  Value stored =
      builder.create<memref::LoadOp>(loc, bufferOf(op.getIndex(), builder));
  Value index =
      builder.create<arith::IndexCastOp>(loc, builder.getIndexType(), stored);
  unsigned numCases = op.getBranches().size() - 1;
  auto cases = llvm::to_vector(llvm::seq<int64_t>(0, numCases));
  auto scfSwitch = builder.create<scf::IndexSwitchOp>(loc, TypeRange{}, index,
                                                      cases, numCases);
  return inControlFlow(scfSwitch, [&]() -> LogicalResult {
    for (auto [i, branch] : llvm::enumerate(op.getBranches())) {
      Region &region = i < numCases ? scfSwitch.getCaseRegions()[i]
                                    : scfSwitch.getDefaultRegion();
      OpBuilder inner = OpBuilder::atBlockEnd(builder.createBlock(&region));
      if (failed(emitBranch(op, branch.front(), inner)))
        return failure();
      inner.create<scf::YieldOp>(loc);
    }
    builder.setInsertionPointAfter(scfSwitch);
    return success();
  });
}
