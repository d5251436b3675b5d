//===- KernelEmitterLoop.cpp - The loop structure over a fusion's outputs -===//
//
// The general kernel structure (XLA's loop emitter): loops over the output
// shape computing every root element by element. Roots of one shape share
// the loops, so values they have in common are computed once. The rows (all
// dims but the last) are split into tasks; when there are fewer rows than
// tasks (rank 1, or a few long rows), flat element ranges are split instead.
// Either way the innermost loop walks the last dim with unit stride and no
// division, so LLVM's loop vectorizer widens it. Outputs beyond the caches
// are written with streaming stores (KernelEmitterStream.cpp). A fusion
// whose one root is a pad without interior padding (what
// kiln-pad-windows makes) splits each row into its padding and the
// operand's run, so that no element is branched on and the run is a copy.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"

#include "passes/codegen/TensorShapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

using namespace mlir;

namespace kiln {

/// Splits `loop`, a row's walk of its last dim, on the first branch of its
/// body that goes the same way along the whole row (an elemental
/// convolution's window inside its input or reaching past it, a
/// concatenate's or a pad's operand along an outer dim): one loop per way,
/// each without the branch. LLVM's own unswitching leaves loops this large
/// alone, and its vectorizer then computes both ways of the branch in
/// every iteration, the taken way's loads masked.
static void unswitchRowBranch(scf::ForOp loop) {
  moveLoopInvariantCode(cast<LoopLikeOpInterface>(loop.getOperation()));
  scf::IfOp branch;
  for (Operation &op : loop.getBody()->without_terminator())
    if (auto ifOp = dyn_cast<scf::IfOp>(op);
        ifOp && ifOp.elseBlock() &&
        loop.isDefinedOutsideOfLoop(ifOp.getCondition())) {
      branch = ifOp;
      break;
    }
  if (!branch)
    return;
  OpBuilder b(loop);
  auto split = b.create<scf::IfOp>(loop.getLoc(), branch.getCondition(),
                                   /*withElseRegion=*/true);
  for (bool taken : {true, false}) {
    b.setInsertionPointToStart(taken ? split.thenBlock() : split.elseBlock());
    IRMapping mapping;
    b.clone(*loop, mapping);
    auto clone = cast<scf::IfOp>(mapping.lookup(branch.getOperation()));
    Block *way = taken ? clone.thenBlock() : clone.elseBlock();
    Operation *yield = way->getTerminator();
    clone->getBlock()->getOperations().splice(
        Block::iterator(clone), way->getOperations(), way->begin(),
        Block::iterator(yield));
    clone->replaceAllUsesWith(yield->getOperands());
    clone->erase();
  }
  loop->erase();
}

/// The pad that is the fusion's one root, if it has no interior padding.
static hlo::PadOp rootPad(ArrayRef<Value> roots) {
  if (roots.size() != 1)
    return {};
  auto pad = roots.front().getDefiningOp<hlo::PadOp>();
  if (!pad ||
      llvm::any_of(pad.getInteriorPadding(), [](int64_t p) { return p != 0; }))
    return {};
  return pad;
}

/// The columns [colBegin, colEnd) of row `indices` of the pad `pad`: the
/// padding value where the row or the column is outside the operand, the
/// operand's elements in one run where both are inside.
static LogicalResult emitPadRow(KernelBuild &build, hlo::PadOp pad,
                                ValueRange indices, Value colBegin,
                                Value colEnd) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = pad.getLoc();
  ArrayRef<int64_t> operandShape =
      cast<RankedTensorType>(pad.getOperand().getType()).getShape();
  ArrayRef<int64_t> low = pad.getEdgePaddingLow();
  FailureOr<Value> padValue = emitter.emitElement(pad.getPaddingValue(), {});
  if (failed(padValue))
    return failure();
  auto fill = [&](Value begin, Value end) {
    auto loop = b.create<scf::ForOp>(loc, begin, end, emitter.index(1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    SmallVector<Value> at(indices);
    at.push_back(loop.getInductionVar());
    build.storeRoot(pad.getResult(), *padValue, at);
  };

  // The row's position in the operand, and whether it is inside.
  Value inside;
  SmallVector<Value> operandRow;
  for (auto [d, index] : llvm::enumerate(indices)) {
    Value position =
        b.createOrFold<arith::SubIOp>(loc, index, emitter.index(low[d]));
    operandRow.push_back(position);
    Value fits = emitter.isInRange(loc, position, operandShape[d]);
    inside = inside ? b.create<arith::AndIOp>(loc, inside, fits) : fits;
  }
  auto min = [&](Value x, Value y) {
    return b.createOrFold<arith::MinSIOp>(loc, x, y);
  };
  auto max = [&](Value x, Value y) {
    return b.createOrFold<arith::MaxSIOp>(loc, x, y);
  };
  auto emitInsideRow = [&]() -> LogicalResult {
    Value runBegin = emitter.index(low.back());
    Value runEnd = emitter.index(low.back() + operandShape.back());
    fill(colBegin, min(colEnd, runBegin));
    auto loop = b.create<scf::ForOp>(loc, max(colBegin, runBegin),
                                     min(colEnd, runEnd), emitter.index(1));
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value column = loop.getInductionVar();
      SmallVector<Value> operandIndices(operandRow);
      operandIndices.push_back(
          b.createOrFold<arith::SubIOp>(loc, column, runBegin));
      FailureOr<Value> element =
          emitter.emitElement(pad.getOperand(), operandIndices);
      if (failed(element))
        return failure();
      SmallVector<Value> at(indices);
      at.push_back(column);
      build.storeRoot(pad.getResult(), *element, at);
    }
    fill(max(colBegin, runEnd), colEnd);
    return success();
  };
  if (!inside)
    return emitInsideRow();
  auto ifOp = b.create<scf::IfOp>(loc, inside, /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  if (failed(emitInsideRow()))
    return failure();
  b.setInsertionPointToStart(&ifOp.getElseRegion().front());
  fill(colBegin, colEnd);
  return success();
}

/// Emits the elements of `roots` (all of `shape`) for task `task` of
/// `numTasks`.
static LogicalResult emitRootsOfShape(KernelBuild &build, ArrayRef<Value> roots,
                                      ArrayRef<int64_t> shape,
                                      int64_t numTasks) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = roots.front().getLoc();
  auto emitAt = [&](ValueRange indices) {
    return build.storeRoots(roots, indices);
  };

  int64_t total = product(shape);
  if (total == 0)
    return success();
  if (shape.empty()) {
    // One element: the task whose flat range holds it computes it.
    auto [begin, end] = taskRange(emitter, build.task(), 1, numTasks);
    Value mine = b.createOrFold<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                               begin, end);
    auto ifOp = b.create<scf::IfOp>(loc, mine, /*withElseRegion=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifOp.getThenRegion().front());
    return emitAt({});
  }

  int64_t cols = shape.back();
  ArrayRef<int64_t> rowShape = shape.drop_back();
  int64_t rows = total / cols;
  bool splitRows = rows >= numTasks;
  auto [begin, end] =
      taskRange(emitter, build.task(), splitRows ? rows : total, numTasks);
  Value rowBegin = begin, rowEnd = end;
  if (!splitRows) {
    // Rows that the flat range [begin, end) touches.
    rowBegin = b.createOrFold<arith::DivUIOp>(loc, begin, emitter.index(cols));
    rowEnd = b.createOrFold<arith::DivUIOp>(
        loc, b.createOrFold<arith::AddIOp>(loc, end, emitter.index(cols - 1)),
        emitter.index(cols));
  }
  auto rowLoop = b.create<scf::ForOp>(loc, rowBegin, rowEnd, emitter.index(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(rowLoop.getBody());
  Value row = rowLoop.getInductionVar();
  SmallVector<Value> indices = emitter.delinearize(row, rowShape);
  Value colBegin = emitter.index(0), colEnd = emitter.index(cols);
  if (!splitRows) {
    Value rowStart =
        b.createOrFold<arith::MulIOp>(loc, row, emitter.index(cols));
    colBegin = b.create<arith::MaxSIOp>(
        loc, b.create<arith::SubIOp>(loc, begin, rowStart), emitter.index(0));
    colEnd = b.create<arith::MinSIOp>(
        loc, b.create<arith::SubIOp>(loc, end, rowStart), emitter.index(cols));
  }
  if (streamsOutputs(build)) {
    Value rowStart =
        b.createOrFold<arith::MulIOp>(loc, row, emitter.index(cols));
    // Whole rows of whole cache lines: no unaligned ends to handle.
    bool aligned = splitRows && cols % kStreamLanes == 0;
    return emitStreamedColumns(build, roots, indices, rowStart, colBegin,
                               colEnd, aligned);
  }
  if (hlo::PadOp pad = rootPad(roots))
    return emitPadRow(build, pad, indices, colBegin, colEnd);
  auto colLoop = b.create<scf::ForOp>(loc, colBegin, colEnd, emitter.index(1));
  b.setInsertionPointToStart(colLoop.getBody());
  indices.push_back(colLoop.getInductionVar());
  if (failed(emitAt(indices)))
    return failure();
  unswitchRowBranch(colLoop);
  return success();
}

FailureOr<int64_t> emitLoopKernel(KernelBuild &build, bool reassociate) {
  build.emitter.setReassociateReductions(reassociate);
  // Roots grouped by shape, in order of first appearance.
  SmallVector<std::pair<SmallVector<int64_t>, SmallVector<Value>>> groups;
  for (Value root : build.roots()) {
    ArrayRef<int64_t> shape = cast<RankedTensorType>(root.getType()).getShape();
    auto it = llvm::find_if(groups, [&](auto &group) {
      return ArrayRef<int64_t>(group.first) == shape;
    });
    if (it == groups.end())
      groups.push_back({SmallVector<int64_t>(shape), {root}});
    else
      it->second.push_back(root);
  }
  // Tasks come from the largest output; smaller ones split the same way.
  int64_t units = 1;
  for (auto &group : groups) {
    ArrayRef<int64_t> shape = group.first;
    units = std::max(units, product(shape));
  }
  int64_t numTasks =
      chooseNumTasks(estimateCost(build.fusion, build.trafficBytes), units);
  for (auto &group : groups)
    if (failed(emitRootsOfShape(build, group.second, group.first, numTasks)))
      return failure();
  return numTasks;
}

} // namespace kiln
