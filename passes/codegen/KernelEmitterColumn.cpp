//===- KernelEmitterColumn.cpp - Column structure for outer-dim reductions ===//
//
// A reduce over the leading dims of its input (a sum over the batch, a batch
// norm's statistics, x.sum(axis=0)) keeps the trailing dims: each result
// element folds one column of the input. Element by element (the loop
// structure) each column is walked down with a whole input row as stride,
// one cache line per element, and the lines are read again for the next
// column. The column structure walks the input in memory order instead:
// per block of a kept row's columns, one accumulator per column on the
// stack, the reduced rows outer and the block's columns inner (contiguous,
// which LLVM vectorizes), then every root of the block from the
// accumulators. Each column still folds its elements in the interpreter's
// order (a plain f32 sum in f64, rounded once), so results are the loop
// structure's bit for bit.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"

#include "passes/codegen/TensorShapes.h"

#include "dialects/hlo/BufferSize.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln {

/// Rows of the input folded per pass over a block's accumulators.
constexpr int64_t kRowsPerPass = 4;

static int64_t roundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

hlo::ReduceOp matchColumnReduction(hlo::FusionOp fusion,
                                   const TargetDescription &target) {
  hlo::ReduceOp found;
  for (Operation &op : fusion.getBody().front()) {
    auto reduce = dyn_cast<hlo::ReduceOp>(op);
    if (!reduce)
      continue;
    if (found)
      return {};
    found = reduce;
  }
  if (!found || found.getInputs().size() != 1)
    return {};
  SmallVector<int64_t> dims(found.getDimensions());
  llvm::sort(dims);
  ArrayRef<int64_t> resultShape = shapeOf(found.getResult(0));
  // Leading dims reduced, a kept row at least one vector wide.
  if (!isIdentityOrder(dims) || resultShape.empty() ||
      resultShape.back() < target.lanes(4))
    return {};
  for (Value returned : fusion.getBody().front().getTerminator()->getOperands())
    if (shapeOf(returned) != resultShape)
      return {};
  return found;
}

FailureOr<int64_t> emitColumnKernel(KernelBuild &build, hlo::ReduceOp reduce) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = reduce.getLoc();
  Value input = reduce.getInputs()[0];
  ArrayRef<int64_t> inputShape = shapeOf(input);
  ArrayRef<int64_t> reducedShape =
      inputShape.take_front(reduce.getDimensions().size());
  ArrayRef<int64_t> keptShape = shapeOf(reduce.getResult(0));
  ArrayRef<int64_t> rowShape = keptShape.drop_back();
  int64_t width = keptShape.back();
  // A plain f32 sum accumulates in f64 (as ElementalEmitter::emitExactSum).
  // A block's accumulators take a quarter of L1, beside the input's rows.
  bool exactSum = hlo::isPlainF32Sum(reduce);
  Type elementType = getElementTypeOrSelf(input.getType());
  Type accumulatorType = exactSum ? b.getF64Type() : elementType;
  int64_t accumulatorBytes = elementBytes(accumulatorType);
  int64_t lanes = build.target.lanes(4);
  int64_t maxColumns =
      std::max(lanes, build.target.l1Bytes / 4 / accumulatorBytes);
  // Blocks of a row as even as whole vectors allow, so tasks are too.
  int64_t blocksPerRow = (width + maxColumns - 1) / maxColumns;
  int64_t blockColumns = std::min(
      width, roundUp((width + blocksPerRow - 1) / blocksPerRow, lanes));
  int64_t units = product(rowShape) * blocksPerRow;
  int64_t numTasks =
      chooseNumTasks(estimateCost(build.fusion, build.trafficBytes), units);
  auto idx = [&](int64_t value) { return emitter.index(value); };

  Value accumulators;
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&build.kernel.front());
    accumulators = b.create<memref::AllocaOp>(
        loc, MemRefType::get({blockColumns}, accumulatorType), ValueRange{},
        b.getI64IntegerAttr(64));
  }

  auto [begin, end] = taskRange(emitter, build.task(), units, numTasks);
  auto unitLoop = b.create<scf::ForOp>(loc, begin, end, idx(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(unitLoop.getBody());
  SmallVector<Value> unit = emitter.delinearize(
      unitLoop.getInductionVar(), {product(rowShape), blocksPerRow});
  SmallVector<Value> rowIndices = emitter.delinearize(unit[0], rowShape);
  Value first = b.createOrFold<arith::MulIOp>(loc, unit[1], idx(blockColumns));
  Value count = b.createOrFold<arith::MinSIOp>(
      loc, idx(blockColumns),
      b.createOrFold<arith::SubIOp>(loc, idx(width), first));
  auto indicesAt = [&](ValueRange leading, Value j) {
    SmallVector<Value> indices(leading);
    llvm::append_range(indices, rowIndices);
    indices.push_back(b.createOrFold<arith::AddIOp>(loc, first, j));
    return indices;
  };
  LogicalResult status = success();
  // Runs `body` for each column j of the block.
  auto forColumns = [&](function_ref<void(Value j)> body) {
    auto loop = b.create<scf::ForOp>(loc, idx(0), count, idx(1));
    OpBuilder::InsertionGuard columnGuard(b);
    b.setInsertionPointToStart(loop.getBody());
    body(loop.getInductionVar());
  };

  FailureOr<Value> init = emitter.emitElement(reduce.getInitValues()[0], {});
  if (failed(init))
    return failure();
  Value start =
      exactSum
          ? b.create<arith::ExtFOp>(loc, accumulatorType, *init).getResult()
          : *init;
  forColumns(
      [&](Value j) { b.create<memref::StoreOp>(loc, start, accumulators, j); });
  // Folds the rows [row0, row0 + rows) into every column's accumulator:
  // one load and store of it per column, the rows added in order between.
  auto foldRows = [&](Value row0, int64_t rows) {
    SmallVector<SmallVector<Value>> rowIndices;
    for (int64_t u = 0; u < rows; ++u)
      rowIndices.push_back(emitter.delinearize(
          b.createOrFold<arith::AddIOp>(loc, row0, idx(u)), reducedShape));
    forColumns([&](Value j) {
      Value sum = b.create<memref::LoadOp>(loc, accumulators, j);
      for (ArrayRef<Value> reduced : rowIndices) {
        FailureOr<Value> element =
            emitter.emitElement(input, indicesAt(reduced, j));
        if (failed(element)) {
          status = failure();
          return;
        }
        if (exactSum) {
          sum = b.create<arith::AddFOp>(
              loc, sum,
              b.create<arith::ExtFOp>(loc, accumulatorType, *element));
          continue;
        }
        FailureOr<SmallVector<Value>> combined = emitter.emitCombiner(
            reduce, {sum, *element}, /*reassociate=*/false);
        if (failed(combined)) {
          status = failure();
          return;
        }
        sum = (*combined)[0];
      }
      b.create<memref::StoreOp>(loc, sum, accumulators, j);
    });
  };
  int64_t rows = product(reducedShape);
  int64_t passes = rows / kRowsPerPass;
  if (passes > 0) {
    auto passLoop = b.create<scf::ForOp>(loc, idx(0), idx(passes), idx(1));
    OpBuilder::InsertionGuard passGuard(b);
    b.setInsertionPointToStart(passLoop.getBody());
    foldRows(b.createOrFold<arith::MulIOp>(loc, passLoop.getInductionVar(),
                                           idx(kRowsPerPass)),
             kRowsPerPass);
  }
  if (rows % kRowsPerPass != 0)
    foldRows(idx(passes * kRowsPerPass), rows % kRowsPerPass);
  if (failed(status))
    return failure();

  // The roots of the block's columns, from the accumulators.
  SmallVector<Value> roots = build.roots();
  forColumns([&](Value j) {
    SmallVector<Value> indices = indicesAt({}, j);
    Value result = b.create<memref::LoadOp>(loc, accumulators, j);
    if (exactSum)
      result = b.create<arith::TruncFOp>(loc, elementType, result);
    emitter.provideElement(reduce.getResult(0), indices, result);
    if (failed(build.storeRoots(roots, indices)))
      status = failure();
  });
  if (failed(status))
    return failure();
  return numTasks;
}

} // namespace kiln
