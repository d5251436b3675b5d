//===- ElementalEmitterShape.cpp - Index rules of the shape ops -----------===//
//
// A shape op moves elements without computing them: the element of its
// result at an index is the element of an operand at a mapped index (or a
// padding value). broadcast_in_dim, transpose and slice map each dim on its
// own; reshape maps groups of dims whose sizes multiply to the same product,
// so the common cases (adding or dropping unit dims, merging or splitting
// one dim) need no division per element; concatenate and pad choose with
// scf.if.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/ElementalEmitter.h"

#include "dialects/hlo/HloDialect.h"
#include "passes/codegen/ScalarSemantics.h"
#include "passes/codegen/TensorShapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace kiln {

static Type elementTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

FailureOr<Value> ElementalEmitter::emitShapeOp(Operation *op,
                                               ValueRange indices) {
  Location loc = op->getLoc();
  return TypeSwitch<Operation *, FailureOr<Value>>(op)
      .Case([&](hlo::BroadcastInDimOp broadcast) -> FailureOr<Value> {
        ArrayRef<int64_t> operandShape = shapeOf(broadcast.getOperand());
        ArrayRef<int64_t> resultShape = shapeOf(broadcast.getResult());
        SmallVector<Value> operandIndices;
        for (auto [i, dim] :
             llvm::enumerate(broadcast.getBroadcastDimensions())) {
          bool expanded = operandShape[i] == 1 && resultShape[dim] != 1;
          operandIndices.push_back(expanded ? index(0) : indices[dim]);
        }
        return emitElement(broadcast.getOperand(), operandIndices);
      })
      .Case([&](hlo::TransposeOp transpose) -> FailureOr<Value> {
        ArrayRef<int64_t> permutation = transpose.getPermutation();
        SmallVector<Value> operandIndices(permutation.size());
        for (auto [i, dim] : llvm::enumerate(permutation))
          operandIndices[dim] = indices[i];
        return emitElement(transpose.getOperand(), operandIndices);
      })
      .Case([&](hlo::SliceOp slice) -> FailureOr<Value> {
        SmallVector<Value> operandIndices;
        for (auto [i, start, stride] :
             llvm::enumerate(slice.getStartIndices(), slice.getStrides())) {
          Value scaled =
              b.createOrFold<arith::MulIOp>(loc, indices[i], index(stride));
          operandIndices.push_back(
              b.createOrFold<arith::AddIOp>(loc, scaled, index(start)));
        }
        return emitElement(slice.getOperand(), operandIndices);
      })
      .Case([&](hlo::IotaOp iota) -> FailureOr<Value> {
        Value position = b.create<arith::IndexCastOp>(
            loc, b.getI64Type(), indices[iota.getIotaDimension()]);
        return buildConvert(b, loc, position, b.getI64Type(),
                            elementTypeOf(iota.getOutput()));
      })
      .Case([&](hlo::ReshapeOp) { return emitReshape(op, indices); })
      .Case([&](hlo::ConcatenateOp) { return emitConcatenate(op, indices); })
      .Case([&](hlo::PadOp) { return emitPad(op, indices); })
      .Case([&](hlo::GatherOp) { return emitGather(op, indices); })
      .Case([&](hlo::ReverseOp reverse) -> FailureOr<Value> {
        ArrayRef<int64_t> shape = shapeOf(reverse.getResult());
        SmallVector<Value> operandIndices(indices);
        for (int64_t d : reverse.getDimensions())
          operandIndices[d] = b.createOrFold<arith::SubIOp>(
              loc, index(shape[d] - 1), indices[d]);
        return emitElement(reverse.getOperand(), operandIndices);
      })
      .Case([&](hlo::DynamicSliceOp slice) -> FailureOr<Value> {
        ArrayRef<int64_t> operandShape = shapeOf(slice.getOperand());
        SmallVector<Value> operandIndices;
        for (auto [d, start] : llvm::enumerate(slice.getStartIndices())) {
          FailureOr<Value> clamped = emitClampedStart(
              start, operandShape[d] - slice.getSliceSizes()[d]);
          if (failed(clamped))
            return failure();
          operandIndices.push_back(
              b.createOrFold<arith::AddIOp>(loc, *clamped, indices[d]));
        }
        return emitElement(slice.getOperand(), operandIndices);
      })
      .Case([&](hlo::DynamicUpdateSliceOp) {
        return emitDynamicUpdateSlice(op, indices);
      })
      .Default([&](Operation *) -> FailureOr<Value> {
        return op->emitError()
               << op->getName() << " cannot be emitted into a kernel";
      });
}

/// Reshape keeps the row-major order: the result index is linearized and
/// delinearized into the operand's, one group of dims at a time (unit dims
/// take no part; a unit operand dim reads index 0).
FailureOr<Value> ElementalEmitter::emitReshape(Operation *op,
                                               ValueRange indices) {
  Location loc = op->getLoc();
  Value operand = op->getOperand(0);
  ArrayRef<int64_t> operandShape = shapeOf(operand);
  ArrayRef<int64_t> resultShape = shapeOf(op->getResult(0));
  if (llvm::is_contained(resultShape, 0)) // No element is ever read.
    return buildZero(b, loc, elementTypeOf(operand));

  SmallVector<int64_t> operandDims, resultDims; // Non-unit dims.
  for (auto [d, size] : llvm::enumerate(operandShape))
    if (size != 1)
      operandDims.push_back(d);
  for (auto [d, size] : llvm::enumerate(resultShape))
    if (size != 1)
      resultDims.push_back(d);

  SmallVector<Value> operandIndices(operandShape.size(), Value());
  size_t i = 0, j = 0;
  while (i < operandDims.size() && j < resultDims.size()) {
    // Grow the group [i0, i] x [j0, j] until both sides hold equal products.
    size_t i0 = i, j0 = j;
    int64_t operandProduct = operandShape[operandDims[i]];
    int64_t resultProduct = resultShape[resultDims[j]];
    while (operandProduct != resultProduct) {
      if (operandProduct < resultProduct)
        operandProduct *= operandShape[operandDims[++i]];
      else
        resultProduct *= resultShape[resultDims[++j]];
    }
    if (i == i0 && j == j0) {
      operandIndices[operandDims[i]] = indices[resultDims[j]];
    } else {
      Value linear = index(0);
      for (size_t k = j0; k <= j; ++k) {
        Value scaled = b.createOrFold<arith::MulIOp>(
            loc, linear, index(resultShape[resultDims[k]]));
        linear =
            b.createOrFold<arith::AddIOp>(loc, scaled, indices[resultDims[k]]);
      }
      SmallVector<int64_t> groupShape;
      for (size_t k = i0; k <= i; ++k)
        groupShape.push_back(operandShape[operandDims[k]]);
      SmallVector<Value> group = delinearize(linear, groupShape);
      for (size_t k = i0; k <= i; ++k)
        operandIndices[operandDims[k]] = group[k - i0];
    }
    ++i;
    ++j;
  }
  for (Value &operandIndex : operandIndices)
    if (!operandIndex)
      operandIndex = index(0);
  return emitElement(operand, operandIndices);
}

/// An scf.if chain over the inputs' ranges along the concatenated dim.
FailureOr<Value> ElementalEmitter::emitConcatenate(Operation *op,
                                                   ValueRange indices) {
  auto concat = cast<hlo::ConcatenateOp>(op);
  Location loc = op->getLoc();
  int64_t dim = concat.getDimension();
  SmallVector<Value> inputs;
  SmallVector<int64_t> offsets;
  int64_t offset = 0;
  for (Value input : concat.getInputs()) {
    int64_t size = shapeOf(input)[dim];
    if (size == 0)
      continue;
    inputs.push_back(input);
    offsets.push_back(offset);
    offset += size;
  }
  if (inputs.empty())
    return buildZero(b, loc, elementTypeOf(concat.getResult()));
  Type type = storageTypeOf(elementTypeOf(concat.getResult()));

  std::function<FailureOr<Value>(size_t)> emitFrom =
      [&](size_t k) -> FailureOr<Value> {
    auto elementOf = [&](size_t k) {
      SmallVector<Value> inputIndices(indices);
      inputIndices[dim] =
          b.createOrFold<arith::SubIOp>(loc, indices[dim], index(offsets[k]));
      return emitElement(inputs[k], inputIndices);
    };
    if (k + 1 == inputs.size())
      return elementOf(k);
    Value inThis = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                           indices[dim], index(offsets[k + 1]));
    auto ifOp = b.create<scf::IfOp>(loc, TypeRange{type}, inThis,
                                    /*withElseRegion=*/true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifOp.getThenRegion().front());
    FailureOr<Value> thenValue = elementOf(k);
    if (failed(thenValue))
      return failure();
    b.create<scf::YieldOp>(loc, *thenValue);
    b.setInsertionPointToStart(&ifOp.getElseRegion().front());
    FailureOr<Value> elseValue = emitFrom(k + 1);
    if (failed(elseValue))
      return failure();
    b.create<scf::YieldOp>(loc, *elseValue);
    return ifOp.getResult(0);
  };
  return emitFrom(0);
}

/// Position p = index - low along each dim is an operand element when
/// 0 <= p <= (size - 1) * (interior + 1) and p is a multiple of
/// interior + 1; every other position holds the padding value.
FailureOr<Value> ElementalEmitter::emitPad(Operation *op, ValueRange indices) {
  auto pad = cast<hlo::PadOp>(op);
  Location loc = op->getLoc();
  FailureOr<Value> padValue = emitElement(pad.getPaddingValue(), {});
  if (failed(padValue))
    return failure();
  ArrayRef<int64_t> operandShape = shapeOf(pad.getOperand());
  if (llvm::is_contained(operandShape, 0))
    return *padValue;

  Value inside;
  SmallVector<Value> operandIndices;
  auto both = [&](Value a, Value c) {
    return a ? b.create<arith::AndIOp>(loc, a, c).getResult() : c;
  };
  for (auto [d, low, interior] :
       llvm::enumerate(pad.getEdgePaddingLow(), pad.getInteriorPadding())) {
    Value position = b.createOrFold<arith::SubIOp>(loc, indices[d], index(low));
    int64_t step = interior + 1;
    int64_t last = (operandShape[d] - 1) * step;
    if (low > 0)
      inside =
          both(inside, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge,
                                               position, index(0)));
    // Upper bound: needed unless the result ends where the operand does.
    inside =
        both(inside, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sle,
                                             position, index(last)));
    if (step == 1) {
      operandIndices.push_back(position);
      continue;
    }
    Value remainder = b.create<arith::RemSIOp>(loc, position, index(step));
    inside = both(inside, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq,
                                                  remainder, index(0)));
    operandIndices.push_back(
        b.create<arith::DivSIOp>(loc, position, index(step)));
  }
  Type type = storageTypeOf(elementTypeOf(pad.getResult()));
  auto ifOp = b.create<scf::IfOp>(loc, TypeRange{type}, inside,
                                  /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  FailureOr<Value> element = emitElement(pad.getOperand(), operandIndices);
  if (failed(element))
    return failure();
  b.create<scf::YieldOp>(loc, *element);
  b.setInsertionPointToStart(&ifOp.getElseRegion().front());
  b.create<scf::YieldOp>(loc, *padValue);
  return ifOp.getResult(0);
}

/// The element of gather's operand that the result index selects: the
/// start index read from start_indices (at the result's batch index, one
/// entry per start_index_map dimension), clamped into [0, size - slice
/// size], plus the offset within the slice and any batching index.
FailureOr<Value> ElementalEmitter::emitGather(Operation *op,
                                              ValueRange indices) {
  auto gather = cast<hlo::GatherOp>(op);
  Location loc = op->getLoc();
  hlo::GatherDimensionNumbersAttr dims = gather.getDimensionNumbers();
  ArrayRef<int64_t> offsetDims = dims.getOffsetDims();
  ArrayRef<int64_t> collapsed = dims.getCollapsedSliceDims();
  ArrayRef<int64_t> operandBatching = dims.getOperandBatchingDims();
  ArrayRef<int64_t> indicesBatching = dims.getStartIndicesBatchingDims();
  ArrayRef<int64_t> sliceSizes = gather.getSliceSizes();
  int64_t indexVectorDim = dims.getIndexVectorDim();
  ArrayRef<int64_t> operandShape = shapeOf(gather.getOperand());
  int64_t indicesRank =
      static_cast<int64_t>(shapeOf(gather.getStartIndices()).size());

  SmallVector<Value> operandIndices(operandShape.size(), index(0));
  SmallVector<Value> indicesIndices(indicesRank, Value());
  int64_t nextKept = 0, nextBatch = 0;
  for (auto [d, resultIndex] : llvm::enumerate(indices)) {
    if (llvm::is_contained(offsetDims, static_cast<int64_t>(d))) {
      while (llvm::is_contained(collapsed, nextKept) ||
             llvm::is_contained(operandBatching, nextKept))
        ++nextKept;
      operandIndices[nextKept++] = resultIndex;
      continue;
    }
    if (nextBatch == indexVectorDim)
      ++nextBatch;
    indicesIndices[nextBatch++] = resultIndex;
  }
  for (auto [k, d] : llvm::enumerate(dims.getStartIndexMap())) {
    if (indexVectorDim < indicesRank)
      indicesIndices[indexVectorDim] = index(k);
    FailureOr<Value> start =
        emitElement(gather.getStartIndices(), indicesIndices);
    if (failed(start))
      return failure();
    Value position =
        clampToIndex(loc, *start, elementTypeOf(gather.getStartIndices()),
                     operandShape[d] - sliceSizes[d]);
    operandIndices[d] =
        b.createOrFold<arith::AddIOp>(loc, operandIndices[d], position);
  }
  for (auto [operandDim, indicesDim] :
       llvm::zip(operandBatching, indicesBatching))
    operandIndices[operandDim] = b.createOrFold<arith::AddIOp>(
        loc, operandIndices[operandDim], indicesIndices[indicesDim]);
  return emitElement(gather.getOperand(), operandIndices);
}

Value ElementalEmitter::clampToIndex(Location loc, Value integer, Type type,
                                     int64_t limit) {
  Value position = castToIndex(b, loc, integer, type);
  position = b.create<arith::MaxSIOp>(loc, position, index(0));
  return b.create<arith::MinSIOp>(loc, position, index(limit));
}

FailureOr<Value> ElementalEmitter::emitClampedStart(Value start,
                                                    int64_t limit) {
  FailureOr<Value> value = emitElement(start, {});
  if (failed(value))
    return failure();
  return clampToIndex(start.getLoc(), *value, elementTypeOf(start), limit);
}

/// The update's element where the index lies in the update's window (its
/// clamped start plus its sizes), else the operand's. Both are read, the
/// update at an index clamped into it, and one is selected: no branch in
/// the loop.
FailureOr<Value> ElementalEmitter::emitDynamicUpdateSlice(Operation *op,
                                                          ValueRange indices) {
  auto update = cast<hlo::DynamicUpdateSliceOp>(op);
  Location loc = op->getLoc();
  ArrayRef<int64_t> operandShape = shapeOf(update.getOperand());
  ArrayRef<int64_t> updateShape = shapeOf(update.getUpdate());
  Value inside;
  SmallVector<Value> updateIndices;
  for (auto [d, start] : llvm::enumerate(update.getStartIndices())) {
    FailureOr<Value> clamped =
        emitClampedStart(start, operandShape[d] - updateShape[d]);
    if (failed(clamped))
      return failure();
    Value offset = b.create<arith::SubIOp>(loc, indices[d], *clamped);
    Value within = isInRange(loc, offset, updateShape[d]);
    inside = inside ? b.create<arith::AndIOp>(loc, inside, within) : within;
    Value low = b.create<arith::MaxSIOp>(loc, offset, index(0));
    updateIndices.push_back(
        b.create<arith::MinSIOp>(loc, low, index(updateShape[d] - 1)));
  }
  if (!inside) // Rank 0: the update replaces the operand.
    return emitElement(update.getUpdate(), {});
  FailureOr<Value> original = emitElement(update.getOperand(), indices);
  if (failed(original))
    return failure();
  FailureOr<Value> updated = emitElement(update.getUpdate(), updateIndices);
  if (failed(updated))
    return failure();
  return b.create<arith::SelectOp>(loc, inside, *updated, *original)
      .getResult();
}

} // namespace kiln
