//===- KernelEmitterScatter.cpp - The structure of a scatter kernel ------===//
//
// A scatter writes where its indices say, and repeated indices combine in
// order, so its kernel is one task in two phases: each input is copied to
// its result buffer, then a loop over the updates in row-major order (the
// reference interpreter's order) reads the result element each update
// lands on, applies the update computation and stores it back. An update
// whose place lies outside the results is skipped. Updates and indices are
// read through the ElementalEmitter, so producers fused into them are
// recomputed per element; the results are read from the output buffers,
// which the loop itself changes.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"
#include "passes/codegen/ScalarSemantics.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;

namespace kiln {

/// The scatter whose results are all the fusion returns, if there is one.
static hlo::ScatterOp rootScatter(hlo::FusionOp fusion) {
  return dyn_cast_or_null<hlo::ScatterOp>(soleRootOp(fusion));
}

bool isScatterFusion(hlo::FusionOp fusion) {
  return static_cast<bool>(rootScatter(fusion));
}

FailureOr<int64_t> emitScatterKernel(KernelBuild &build) {
  hlo::ScatterOp scatter = rootScatter(build.fusion);
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = scatter.getLoc();
  auto shapeOf = [](Value value) {
    return cast<RankedTensorType>(value.getType()).getShape();
  };
  // The output each result is read back from (any one that returns it).
  Operation *terminator = build.fusion.getBody().front().getTerminator();
  SmallVector<Value> resultBuffers;
  for (Value result : scatter.getResults())
    for (auto [i, returned] : llvm::enumerate(terminator->getOperands()))
      if (returned == result) {
        resultBuffers.push_back(build.output(i));
        break;
      }

  // Phase 1: the results start as the inputs.
  ArrayRef<int64_t> inputShape = shapeOf(scatter.getInputs().front());
  for (auto [input, result] :
       llvm::zip(scatter.getInputs(), scatter.getResults())) {
    auto copied = emitter.buildLoopNest(
        loc, inputShape, {},
        [&](ValueRange indices, ValueRange) -> FailureOr<SmallVector<Value>> {
          FailureOr<Value> element = emitter.emitElement(input, indices);
          if (failed(element))
            return failure();
          build.storeRoot(result, *element, indices);
          return SmallVector<Value>{};
        });
    if (failed(copied))
      return failure();
  }

  // Phase 2: each update combined into the element it lands on.
  hlo::ScatterDimensionNumbersAttr dims = scatter.getScatterDimensionNumbers();
  ArrayRef<int64_t> windowDims = dims.getUpdateWindowDims();
  ArrayRef<int64_t> inserted = dims.getInsertedWindowDims();
  ArrayRef<int64_t> inputBatching = dims.getInputBatchingDims();
  ArrayRef<int64_t> indicesBatching = dims.getScatterIndicesBatchingDims();
  ArrayRef<int64_t> toOperand = dims.getScatterDimsToOperandDims();
  int64_t indexVectorDim = dims.getIndexVectorDim();
  Value scatterIndices = scatter.getScatterIndices();
  int64_t indicesRank = static_cast<int64_t>(shapeOf(scatterIndices).size());
  int64_t inputRank = static_cast<int64_t>(inputShape.size());
  SmallVector<int64_t> windowInputDims;
  for (int64_t d = 0; d < inputRank; ++d)
    if (!llvm::is_contained(inserted, d) &&
        !llvm::is_contained(inputBatching, d))
      windowInputDims.push_back(d);

  auto updated = emitter.buildLoopNest(
      loc, shapeOf(scatter.getUpdates().front()), {},
      [&](ValueRange updateIndex, ValueRange) -> FailureOr<SmallVector<Value>> {
        // update_scatter_index in scatter_indices' dims, and the window
        // offset in the input's.
        SmallVector<Value> indicesIndex(indicesRank, emitter.index(0));
        SmallVector<Value> resultIndex(inputRank, emitter.index(0));
        int64_t nextScatter = 0, nextWindow = 0;
        for (auto [d, index] : llvm::enumerate(updateIndex)) {
          if (llvm::is_contained(windowDims, static_cast<int64_t>(d))) {
            resultIndex[windowInputDims[nextWindow++]] = index;
            continue;
          }
          if (nextScatter == indexVectorDim)
            ++nextScatter;
          indicesIndex[nextScatter++] = index;
        }
        // The start index, read unclamped, and the batching index.
        for (auto [k, inputDim] : llvm::enumerate(toOperand)) {
          if (indexVectorDim < indicesRank)
            indicesIndex[indexVectorDim] = emitter.index(k);
          FailureOr<Value> start =
              emitter.emitElement(scatterIndices, indicesIndex);
          if (failed(start))
            return failure();
          Value position = castToIndex(
              b, loc, *start, getElementTypeOrSelf(scatterIndices.getType()));
          resultIndex[inputDim] = b.createOrFold<arith::AddIOp>(
              loc, resultIndex[inputDim], position);
        }
        for (auto [inputDim, indicesDim] :
             llvm::zip(inputBatching, indicesBatching))
          resultIndex[inputDim] = b.createOrFold<arith::AddIOp>(
              loc, resultIndex[inputDim], indicesIndex[indicesDim]);
        // An update outside the results is skipped. A start near the i64
        // limits wraps when the offset is added and lands outside too.
        Value inside;
        for (auto [d, position] : llvm::enumerate(resultIndex)) {
          Value fits = emitter.isInRange(loc, position, inputShape[d]);
          inside = inside ? b.create<arith::AndIOp>(loc, inside, fits) : fits;
        }
        OpBuilder::InsertionGuard guard(b);
        if (inside) {
          auto ifInside = b.create<scf::IfOp>(loc, inside);
          b.setInsertionPointToStart(&ifInside.getThenRegion().front());
        }
        SmallVector<Value> arguments;
        for (Value buffer : resultBuffers)
          arguments.push_back(
              b.create<memref::LoadOp>(loc, buffer, resultIndex));
        for (Value update : scatter.getUpdates()) {
          FailureOr<Value> element = emitter.emitElement(update, updateIndex);
          if (failed(element))
            return failure();
          arguments.push_back(*element);
        }
        FailureOr<SmallVector<Value>> combined =
            emitter.emitCombiner(scatter, arguments, /*reassociate=*/false);
        if (failed(combined))
          return failure();
        for (auto [result, element] :
             llvm::zip(scatter.getResults(), *combined))
          build.storeRoot(result, element, resultIndex);
        return SmallVector<Value>{};
      });
  if (failed(updated))
    return failure();
  return 1;
}

} // namespace kiln
