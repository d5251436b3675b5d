//===- KernelEmitterDot.cpp - Row structure for dot_general + epilogue ----===//
//
// An output fusion computes its dot_general one output row (batch and lhs
// free indices) at a time, rows split into tasks. When the rhs free dims are
// rhs's trailing, contiguous dims, the row is accumulated in a scratch
// buffer on the stack with the contracting loop outside and the rhs free
// loop inside (row += lhs[k] * rhs[k, :]): the inner loop streams rhs and
// the row with unit stride and vectorizes, and every element still sums its
// products in increasing k, as the interpreter does. The epilogue then reads
// the dot value from the scratch row. Otherwise (rhs contracted along its
// last dim) each element is a dot product along contiguous k, reassociated
// so that it vectorizes.
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

/// The dims of a dot operand of `rank` that are neither batch nor
/// contracting.
static SmallVector<int64_t> freeDims(int64_t rank, ArrayRef<int64_t> batch,
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
  int64_t resultElementBytes = kiln::elementBytes(resultType.getElementType());
  bool rhsFreeInnermost =
      !rhsFree.empty() && rhsFree.back() == rhsType.getRank() - 1;
  if (!rhsFreeInnermost || cols * resultElementBytes > kMaxScratchBytes ||
      rows == 0 || cols == 0)
    return emitLoopKernel(build, /*reassociate=*/true);

  int64_t numTasks =
      chooseNumTasks(estimateCost(build.fusion, build.trafficBytes), rows);
  Type elementType = resultType.getElementType();
  Value scratch;
  {
    // At the kernel's entry, so the stack does not grow per row.
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&build.kernel.front());
    scratch =
        b.create<memref::AllocaOp>(loc, MemRefType::get(colShape, elementType));
  }

  auto [begin, end] = taskRange(emitter, build.task(), rows, numTasks);
  auto rowLoop = b.create<scf::ForOp>(loc, begin, end, emitter.index(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(rowLoop.getBody());
  SmallVector<Value> rowIndices =
      emitter.delinearize(rowLoop.getInductionVar(), rowShape);

  Value zero = buildZero(b, loc, elementType);
  auto fill = emitter.buildLoopNest(
      loc, colShape, {},
      [&](ValueRange n, ValueRange) -> FailureOr<SmallVector<Value>> {
        b.create<memref::StoreOp>(loc, zero, scratch, n);
        return SmallVector<Value>{};
      });
  if (failed(fill))
    return failure();

  SmallVector<int64_t> contractingShape;
  for (int64_t d : lhsContracting)
    contractingShape.push_back(lhsType.getDimSize(d));
  SmallVector<Value> lhsIndices(lhsType.getRank()),
      rhsIndices(rhsType.getRank());
  for (size_t i = 0; i < lhsBatch.size(); ++i) {
    lhsIndices[lhsBatch[i]] = rowIndices[i];
    rhsIndices[rhsBatch[i]] = rowIndices[i];
  }
  for (size_t i = 0; i < lhsFree.size(); ++i)
    lhsIndices[lhsFree[i]] = rowIndices[lhsBatch.size() + i];
  auto accumulate = emitter.buildLoopNest(
      loc, contractingShape, {},
      [&](ValueRange k, ValueRange) -> FailureOr<SmallVector<Value>> {
        for (size_t i = 0; i < k.size(); ++i) {
          lhsIndices[lhsContracting[i]] = k[i];
          rhsIndices[rhsContracting[i]] = k[i];
        }
        FailureOr<Value> lhs = emitter.emitElement(dot.getLhs(), lhsIndices);
        if (failed(lhs))
          return failure();
        return emitter.buildLoopNest(
            loc, colShape, {},
            [&](ValueRange n, ValueRange) -> FailureOr<SmallVector<Value>> {
              for (size_t i = 0; i < rhsFree.size(); ++i)
                rhsIndices[rhsFree[i]] = n[i];
              FailureOr<Value> rhs =
                  emitter.emitElement(dot.getRhs(), rhsIndices);
              if (failed(rhs))
                return failure();
              Value acc = b.create<memref::LoadOp>(loc, scratch, n);
              Value sum = emitter.emitMultiplyAdd(loc, *lhs, *rhs, acc,
                                                  /*reassociate=*/false);
              b.create<memref::StoreOp>(loc, sum, scratch, n);
              return SmallVector<Value>{};
            });
      });
  if (failed(accumulate))
    return failure();

  // The epilogue reads the dot's row from scratch.
  SmallVector<Value> roots = build.roots();
  auto epilogue = emitter.buildLoopNest(
      loc, colShape, {},
      [&](ValueRange n, ValueRange) -> FailureOr<SmallVector<Value>> {
        SmallVector<Value> indices(rowIndices);
        llvm::append_range(indices, n);
        emitter.provideElement(dot.getResult(), indices,
                               b.create<memref::LoadOp>(loc, scratch, n));
        for (Value root : roots) {
          FailureOr<Value> element = emitter.emitElement(root, indices);
          if (failed(element))
            return failure();
          build.storeRoot(root, *element, indices);
        }
        return SmallVector<Value>{};
      });
  if (failed(epilogue))
    return failure();
  return numTasks;
}

} // namespace kiln
