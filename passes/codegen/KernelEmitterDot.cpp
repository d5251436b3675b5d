//===- KernelEmitterDot.cpp - Row structure for dot_general + epilogue ----===//
//
// A dot fusion the tiled structure does not take (a single row: a
// matrix-vector product, or integers) computes its dot_general one output
// row (batch and lhs free indices) at a time. The task unit is a chunk of a
// row's columns, so that one long row still spreads over the cores. When
// the rhs free dims are rhs's trailing, contiguous dims, the chunk is
// accumulated in a scratch buffer on the stack with the contracting loop
// outside and the columns inside (row += lhs[k] * rhs[k, :]): the inner
// loop streams rhs and the row with unit stride and vectorizes, 4 or 8 k per
// pass over the row, and every element still sums its products in
// increasing k with one FMA each, as the interpreter does. The epilogue
// then reads the dot value from the scratch row. Otherwise (rhs contracted
// along its last dim) each element is a dot product along contiguous k,
// reassociated so that it vectorizes.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"

#include "dialects/hlo/BufferSize.h"
#include "passes/codegen/ScalarSemantics.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln {

/// Largest scratch row on a task's stack.
constexpr int64_t kMaxScratchBytes = 128 * 1024;
/// The fewest columns in a task's chunk of a row: a few cache lines per k.
constexpr int64_t kMinChunkColumns = 256;
/// Chunks widen up to a page of the rhs's row while each row keeps at least
/// kMinChunksPerRow of them: the hardware prefetchers stop at a page's end,
/// so a chunk that reads a quarter page per k waits on every page's first
/// lines, where one that reads a whole page streams it.
constexpr int64_t kPageBytes = 4096;
constexpr int64_t kMinChunksPerRow = 4;
/// Contracting indices per pass over the scratch chunk: each reads that
/// many rows of the rhs. Where consecutive rows' chunks lie in separate
/// pages but one time in kSeparatePagesDenominator or less (rows of 3840
/// bytes or more), each is a stream of its own for the hardware
/// prefetchers, and more of them keep more lines in flight (1x4096x4096 at
/// 1 thread: 3.6 -> 2.95 ms with 8; a classifier's 1x1280x1000, its
/// weights cold in MobileNetV2: 0.30-0.36 -> 0.25-0.26 ms); rows that
/// share pages more often share their streams, and 8 measured slower
/// (1x3072x768, rows of 3 KiB: 0.128 -> 0.148 ms).
constexpr int64_t kUnrollK = 4;
constexpr int64_t kUnrollKSeparatePages = 8;
constexpr int64_t kSeparatePagesDenominator = 16;

static hlo::DotGeneralOp findDot(hlo::FusionOp fusion) {
  auto dots = fusion.getBody().front().getOps<hlo::DotGeneralOp>();
  if (!llvm::hasSingleElement(dots))
    return {};
  return *dots.begin();
}

bool isDotFusion(hlo::FusionOp fusion) {
  hlo::DotGeneralOp dot = findDot(fusion);
  if (!dot)
    return false;
  ArrayRef<int64_t> shape = dot.getType().getShape();
  for (Value returned : fusion.getBody().front().getTerminator()->getOperands())
    if (cast<RankedTensorType>(returned.getType()).getShape() != shape)
      return false;
  return true;
}

SmallVector<int64_t> freeDims(int64_t rank, ArrayRef<int64_t> batch,
                              ArrayRef<int64_t> contracting) {
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(batch, d) && !llvm::is_contained(contracting, d))
      dims.push_back(d);
  return dims;
}

FailureOr<int64_t> emitDotKernel(KernelBuild &build) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  hlo::DotGeneralOp dot = findDot(build.fusion);
  Location loc = dot.getLoc();
  hlo::DotDimensionNumbersAttr dims = dot.getDotDimensionNumbers();
  ArrayRef<int64_t> lhsBatch = dims.getLhsBatchingDimensions();
  ArrayRef<int64_t> rhsBatch = dims.getRhsBatchingDimensions();
  ArrayRef<int64_t> lhsContracting = dims.getLhsContractingDimensions();
  ArrayRef<int64_t> rhsContracting = dims.getRhsContractingDimensions();
  auto lhsType = cast<RankedTensorType>(dot.getLhs().getType());
  auto rhsType = cast<RankedTensorType>(dot.getRhs().getType());
  RankedTensorType resultType = dot.getType();
  SmallVector<int64_t> lhsFree =
      freeDims(lhsType.getRank(), lhsBatch, lhsContracting);
  SmallVector<int64_t> rhsFree =
      freeDims(rhsType.getRank(), rhsBatch, rhsContracting);

  ArrayRef<int64_t> rowShape =
      resultType.getShape().take_front(lhsBatch.size() + lhsFree.size());
  ArrayRef<int64_t> colShape =
      resultType.getShape().drop_front(rowShape.size());
  int64_t rows = 1, cols = 1;
  for (int64_t size : rowShape)
    rows *= size;
  for (int64_t size : colShape)
    cols *= size;
  Type accType = accumulatorTypeOf(dot);
  int64_t resultElementBytes = kiln::elementBytes(accType);
  bool rhsFreeInnermost =
      !rhsFree.empty() && rhsFree.back() == rhsType.getRank() - 1;
  if (!rhsFreeInnermost || rows == 0 || cols == 0)
    return emitLoopKernel(build, /*reassociate=*/true);

  // Task units: chunks of each row's columns, at least kMinChunkColumns
  // wide (up to a page where the row allows kMinChunksPerRow of those), as
  // many as the cost asks for.
  int64_t cost = estimateCost(build.fusion, build.trafficBytes);
  int64_t pageColumns =
      kPageBytes / kiln::elementBytes(rhsType.getElementType());
  int64_t chunkColumns = std::max(
      kMinChunkColumns, std::min(pageColumns, cols / kMinChunksPerRow));
  int64_t chunksPerRow =
      std::max<int64_t>(1, std::min(cols / chunkColumns,
                                    chooseNumTasks(cost, rows * cols) / rows));
  // A chunk's scratch fits kMaxScratchBytes.
  chunksPerRow = std::max(chunksPerRow,
                          (cols * resultElementBytes + kMaxScratchBytes - 1) /
                              kMaxScratchBytes);
  int64_t chunk = (cols + chunksPerRow - 1) / chunksPerRow;
  chunksPerRow = (cols + chunk - 1) / chunk;
  int64_t numTasks = chooseNumTasks(cost, rows * chunksPerRow);
  Type elementType = storageTypeOf(accType);
  Value scratch;
  {
    // At the kernel's entry, so the stack does not grow per row.
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&build.kernel.front());
    scratch =
        b.create<memref::AllocaOp>(loc, MemRefType::get({chunk}, elementType));
  }
  auto idx = [&](int64_t value) { return emitter.index(value); };

  auto [begin, end] =
      taskRange(emitter, build.task(), rows * chunksPerRow, numTasks);
  auto unitLoop = b.create<scf::ForOp>(loc, begin, end, idx(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(unitLoop.getBody());
  SmallVector<Value> unit =
      emitter.delinearize(unitLoop.getInductionVar(), {rows, chunksPerRow});
  SmallVector<Value> rowIndices = emitter.delinearize(unit[0], rowShape);
  Value colBegin = b.createOrFold<arith::MulIOp>(loc, unit[1], idx(chunk));
  Value width = b.createOrFold<arith::MinSIOp>(
      loc, idx(chunk), b.createOrFold<arith::SubIOp>(loc, idx(cols), colBegin));
  // The loop over the chunk's columns: `body` gets the column in the chunk
  // and the rhs free / result column indices.
  auto forColumns = [&](function_ref<LogicalResult(Value, ValueRange)> body)
      -> LogicalResult {
    auto loop = b.create<scf::ForOp>(loc, idx(0), width, idx(1));
    OpBuilder::InsertionGuard columnGuard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value j = loop.getInductionVar();
    SmallVector<Value> column = emitter.delinearize(
        b.createOrFold<arith::AddIOp>(loc, colBegin, j), colShape);
    return body(j, column);
  };

  Value zero = buildZero(b, loc, accType);
  (void)forColumns([&](Value j, ValueRange) {
    b.create<memref::StoreOp>(loc, zero, scratch, j);
    return success();
  });

  SmallVector<int64_t> contractingShape;
  for (int64_t d : lhsContracting)
    contractingShape.push_back(lhsType.getDimSize(d));
  int64_t depth = 1;
  for (int64_t size : contractingShape)
    depth *= size;
  SmallVector<Value> lhsIndices(lhsType.getRank()),
      rhsIndices(rhsType.getRank());
  for (size_t i = 0; i < lhsBatch.size(); ++i) {
    lhsIndices[lhsBatch[i]] = rowIndices[i];
    rhsIndices[rhsBatch[i]] = rowIndices[i];
  }
  for (size_t i = 0; i < lhsFree.size(); ++i)
    lhsIndices[lhsFree[i]] = rowIndices[lhsBatch.size() + i];
  // One pass over the chunk for `count` consecutive k from `k0`: each
  // column's sum takes them in order, one FMA each.
  auto accumulate = [&](Value k0, int64_t count) -> LogicalResult {
    SmallVector<Value> lhsElements;
    SmallVector<SmallVector<Value>> kIndices;
    for (int64_t u = 0; u < count; ++u) {
      Value k = b.createOrFold<arith::AddIOp>(loc, k0, idx(u));
      kIndices.push_back(emitter.delinearize(k, contractingShape));
      for (size_t i = 0; i < lhsContracting.size(); ++i)
        lhsIndices[lhsContracting[i]] = kIndices.back()[i];
      FailureOr<Value> lhs = emitter.emitElement(dot.getLhs(), lhsIndices);
      if (failed(lhs))
        return failure();
      lhsElements.push_back(*lhs);
    }
    return forColumns([&](Value j, ValueRange column) -> LogicalResult {
      for (size_t i = 0; i < rhsFree.size(); ++i)
        rhsIndices[rhsFree[i]] = column[i];
      Value acc = b.create<memref::LoadOp>(loc, scratch, j);
      for (int64_t u = 0; u < count; ++u) {
        for (size_t i = 0; i < rhsContracting.size(); ++i)
          rhsIndices[rhsContracting[i]] = kIndices[u][i];
        FailureOr<Value> rhs = emitter.emitElement(dot.getRhs(), rhsIndices);
        if (failed(rhs))
          return failure();
        acc = emitter.emitMultiplyAdd(dot, loc, lhsElements[u], *rhs, acc,
                                      /*reassociate=*/false);
      }
      b.create<memref::StoreOp>(loc, acc, scratch, j);
      return success();
    });
  };
  LogicalResult status = success();
  // Consecutive k are this far apart in the rhs (an outer product has one
  // k and no contracting dim).
  int64_t rhsRowBytes = kiln::elementBytes(rhsType.getElementType());
  if (!rhsContracting.empty())
    for (int64_t size :
         rhsType.getShape().drop_front(rhsContracting.back() + 1))
      rhsRowBytes *= size;
  int64_t unrollK =
      (kPageBytes - rhsRowBytes) * kSeparatePagesDenominator <= kPageBytes
          ? kUnrollKSeparatePages
          : kUnrollK;
  int64_t unrolled = depth / unrollK * unrollK;
  if (unrolled > 0) {
    auto kLoop = b.create<scf::ForOp>(loc, idx(0), idx(unrolled), idx(unrollK));
    OpBuilder::InsertionGuard kGuard(b);
    b.setInsertionPointToStart(kLoop.getBody());
    status = accumulate(kLoop.getInductionVar(), unrollK);
  }
  for (int64_t k = unrolled; k < depth && succeeded(status); ++k)
    status = accumulate(idx(k), 1);
  if (failed(status))
    return failure();

  // The epilogue reads the dot's chunk from scratch.
  SmallVector<Value> roots = build.roots();
  if (failed(forColumns([&](Value j, ValueRange column) -> LogicalResult {
        SmallVector<Value> indices(rowIndices);
        llvm::append_range(indices, column);
        emitter.provideElement(
            dot.getResult(), indices,
            buildConvert(b, loc, b.create<memref::LoadOp>(loc, scratch, j),
                         accType, resultType.getElementType()));
        return build.storeRoots(roots, indices);
      })))
    return failure();
  return numTasks;
}

} // namespace kiln
