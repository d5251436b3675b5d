//===- KernelEmitterRow.cpp - Row structure for reductions of rows --------===//
//
// Softmax and layer norm reduce the trailing dims of rows and broadcast the
// results back along the same rows. Their kernel walks its rows (split into
// tasks) and for each row computes every reduction in dependency order, one
// loop each, keeping the results as scalars, then computes all outputs of
// the row in one loop. A row is read from memory once per reduction and
// once for the outputs, and stays in cache between the loops. The
// reductions' float accumulation is marked reassociable so that LLVM keeps
// vector partial sums; their order is still fixed at compile time.
//
//===----------------------------------------------------------------------===//

#include "passes/KernelEmitter.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln {

/// The row shape of a row reduction: its result shape.
static ArrayRef<int64_t> rowShapeOf(hlo::ReduceOp reduce) {
  return cast<RankedTensorType>(reduce->getResult(0).getType()).getShape();
}

bool isRowFusion(hlo::FusionOp fusion) {
  std::optional<SmallVector<int64_t>> rowShape;
  for (Operation &op : fusion.getBody().front()) {
    if (isa<hlo::ReduceWindowOp, hlo::DotGeneralOp, hlo::ConvolutionOp>(op))
      return false;
    auto reduce = dyn_cast<hlo::ReduceOp>(op);
    if (!reduce)
      continue;
    if (!isRowReduction(reduce))
      return false;
    if (rowShape && ArrayRef<int64_t>(*rowShape) != rowShapeOf(reduce))
      return false;
    rowShape = SmallVector<int64_t>(rowShapeOf(reduce));
  }
  if (!rowShape)
    return false;
  for (Value returned :
       fusion.getBody().front().getTerminator()->getOperands()) {
    ArrayRef<int64_t> shape =
        cast<RankedTensorType>(returned.getType()).getShape();
    if (shape.size() < rowShape->size() ||
        shape.take_front(rowShape->size()) != ArrayRef<int64_t>(*rowShape))
      return false;
  }
  return true;
}

FailureOr<int64_t> emitRowKernel(KernelBuild &build) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Block &body = build.fusion.getBody().front();
  SmallVector<hlo::ReduceOp> reductions(body.getOps<hlo::ReduceOp>());
  SmallVector<int64_t> rowShape(rowShapeOf(reductions.front()));
  int64_t rows = 1;
  for (int64_t size : rowShape)
    rows *= size;
  int64_t numTasks = chooseNumTasks(build.trafficBytes, rows);
  if (rows == 0)
    return numTasks;

  Location loc = build.fusion.getLoc();
  auto [begin, end] = taskRange(emitter, build.task(), rows, numTasks);
  auto rowLoop = b.create<scf::ForOp>(loc, begin, end, emitter.index(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(rowLoop.getBody());
  SmallVector<Value> rowIndices =
      emitter.delinearize(rowLoop.getInductionVar(), rowShape);

  // The reductions of the row, each a loop at row level; later phases find
  // the results among the emitted elements (broadcasts along the row reuse
  // the row indices).
  emitter.setReassociateReductions(true);
  for (hlo::ReduceOp reduce : reductions)
    if (failed(emitter.emitElement(reduce->getResult(0), rowIndices)))
      return failure();

  // The outputs, one loop nest per trailing shape.
  SmallVector<std::pair<SmallVector<int64_t>, SmallVector<Value>>> groups;
  for (Value root : build.roots()) {
    ArrayRef<int64_t> trailing = cast<RankedTensorType>(root.getType())
                                     .getShape()
                                     .drop_front(rowShape.size());
    auto it = llvm::find_if(groups, [&](auto &group) {
      return ArrayRef<int64_t>(group.first) == trailing;
    });
    if (it == groups.end())
      groups.push_back({SmallVector<int64_t>(trailing), {root}});
    else
      it->second.push_back(root);
  }
  for (auto &[trailing, roots] : groups) {
    FailureOr<SmallVector<Value>> done = emitter.buildLoopNest(
        loc, trailing, {},
        [&](ValueRange inner, ValueRange) -> FailureOr<SmallVector<Value>> {
          SmallVector<Value> indices(rowIndices);
          llvm::append_range(indices, inner);
          for (Value root : roots) {
            FailureOr<Value> element = emitter.emitElement(root, indices);
            if (failed(element))
              return failure();
            build.storeRoot(root, *element, indices);
          }
          return SmallVector<Value>{};
        });
    if (failed(done))
      return failure();
  }
  return numTasks;
}

} // namespace kiln
