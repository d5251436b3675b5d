//===- KernelEmitterSort.cpp - A sort kernel ------------------------------===//
//
// A sort kernel sorts each slice (the elements along the sort dimension at
// one index of the other dimensions) on its own; tasks split the slices.
// Within a slice it sorts positions, not elements: a bottom-up merge sort
// of the positions 0..n-1 ping-pongs between two rows of the kernel's
// scratch buffer (runs of width 1, 2, 4, ... merged pairwise, the left
// run's position first unless the comparator puts the right one strictly
// before it: stable, and the interpreter's very order). The comparator
// reads each input at the two positions; at the end each result takes its
// input's element at the sorted positions. Sorting positions keeps the
// scratch at two rows of 32-bit integers whatever the number and types of
// the inputs, and the scratch lives in the call's arena like any buffer.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include <limits>

using namespace mlir;

namespace kiln {

/// The sort whose results are all the fusion returns, if any.
static hlo::SortOp rootSort(hlo::FusionOp fusion) {
  return dyn_cast_or_null<hlo::SortOp>(soleRootOp(fusion));
}

bool isSortFusion(hlo::FusionOp fusion) {
  return static_cast<bool>(rootSort(fusion));
}

/// The sort's dimension (counted from the front) and its slices' shape
/// (the inputs' shape with that dimension 1).
static std::pair<int64_t, SmallVector<int64_t>> sliceShapeOf(hlo::SortOp sort) {
  ArrayRef<int64_t> shape =
      cast<RankedTensorType>(sort.getInputs().front().getType()).getShape();
  int64_t dimension = sort.getDimension();
  if (dimension < 0)
    dimension += static_cast<int64_t>(shape.size());
  SmallVector<int64_t> slice(shape);
  slice[dimension] = 1;
  return {dimension, slice};
}

std::optional<MemRefType> kernelScratchType(hlo::FusionOp fusion) {
  hlo::SortOp sort = rootSort(fusion);
  if (!sort)
    return std::nullopt;
  auto type = cast<RankedTensorType>(sort.getInputs().front().getType());
  int64_t size = type.getDimSize(sliceShapeOf(sort).first);
  unsigned width = size <= std::numeric_limits<int32_t>::max() ? 32 : 64;
  // Two rows of positions per slice.
  return MemRefType::get(
      {2, type.getNumElements() / std::max<int64_t>(size, 1), size},
      IntegerType::get(fusion.getContext(), width));
}

FailureOr<int64_t> emitSortKernel(KernelBuild &build) {
  hlo::SortOp sort = rootSort(build.fusion);
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = sort.getLoc();
  auto [dimension, sliceShape] = sliceShapeOf(sort);
  MemRefType scratchType = *kernelScratchType(build.fusion);
  Value scratch = build.scratch();
  int64_t size = scratchType.getDimSize(2);
  int64_t slices = scratchType.getDimSize(1);
  Type positionType = scratchType.getElementType();
  int64_t passes = llvm::Log2_64_Ceil(static_cast<uint64_t>(size));

  auto toIndex = [&](Value position) -> Value {
    return b.create<arith::IndexCastUIOp>(loc, b.getIndexType(), position);
  };
  auto toPosition = [&](Value index) -> Value {
    return b.create<arith::IndexCastUIOp>(loc, positionType, index);
  };
  auto forLoop = [&](Value begin, Value end, ValueRange inits,
                     function_ref<SmallVector<Value>(Value, ValueRange)> body) {
    auto loop = b.create<scf::ForOp>(loc, begin, end, emitter.index(1), inits);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    SmallVector<Value> next =
        body(loop.getInductionVar(), loop.getRegionIterArgs());
    // scf.for makes its own (empty) yield only when it carries nothing.
    if (loop.getBody()->empty() ||
        !loop.getBody()->back().hasTrait<OpTrait::IsTerminator>())
      b.create<scf::YieldOp>(loc, next);
    else
      loop.getBody()->back().setOperands(next);
    return loop;
  };

  // Each pass reads every position and element once more.
  int64_t numTasks =
      chooseNumTasks(build.trafficBytes * std::max<int64_t>(passes, 1), slices);
  auto [begin, end] = taskRange(emitter, build.task(), slices, numTasks);
  LogicalResult status = success();
  forLoop(begin, end, {}, [&](Value slice, ValueRange) {
    SmallVector<Value> sliceIndex = emitter.delinearize(slice, sliceShape);
    auto at = [&](Value position) {
      SmallVector<Value> indices(sliceIndex);
      indices[dimension] = position;
      return indices;
    };
    // Row 0 starts as the positions in order.
    forLoop(emitter.index(0), emitter.index(size), {},
            [&](Value k, ValueRange) {
              b.create<memref::StoreOp>(loc, toPosition(k), scratch,
                                        ValueRange{emitter.index(0), slice, k});
              return SmallVector<Value>{};
            });
    // Pass p merges runs of width 2^p from row p % 2 into the other row.
    forLoop(
        emitter.index(0), emitter.index(passes), {},
        [&](Value pass, ValueRange) {
          Value width = b.create<arith::ShLIOp>(loc, emitter.index(1), pass);
          Value from = b.create<arith::RemUIOp>(loc, pass, emitter.index(2));
          Value to = b.create<arith::SubIOp>(loc, emitter.index(1), from);
          Value pair = b.create<arith::MulIOp>(loc, width, emitter.index(2));
          Value pairs = b.create<arith::DivUIOp>(
              loc,
              b.create<arith::SubIOp>(
                  loc, b.create<arith::AddIOp>(loc, emitter.index(size), pair),
                  emitter.index(1)),
              pair);
          Value last = emitter.index(size - 1);
          forLoop(emitter.index(0), pairs, {}, [&](Value run, ValueRange) {
            Value low = b.create<arith::MulIOp>(loc, run, pair);
            Value middle = b.create<arith::MinUIOp>(
                loc, b.create<arith::AddIOp>(loc, low, width),
                emitter.index(size));
            Value high = b.create<arith::MinUIOp>(
                loc, b.create<arith::AddIOp>(loc, low, pair),
                emitter.index(size));
            forLoop(low, high, {low, middle}, [&](Value k, ValueRange ij) {
              Value i = ij[0], j = ij[1];
              // Both reads stay in the slice; a run already used up is never
              // taken from.
              Value left = b.create<memref::LoadOp>(
                  loc, scratch,
                  ValueRange{from, slice,
                             b.create<arith::MinUIOp>(loc, i, last)});
              Value right = b.create<memref::LoadOp>(
                  loc, scratch,
                  ValueRange{from, slice,
                             b.create<arith::MinUIOp>(loc, j, last)});
              SmallVector<Value> arguments;
              for (Value input : sort.getInputs()) {
                for (Value position : {right, left}) {
                  FailureOr<Value> element =
                      emitter.emitElement(input, at(toIndex(position)));
                  if (failed(element)) {
                    status = failure();
                    return SmallVector<Value>{i, j};
                  }
                  arguments.push_back(*element);
                }
              }
              FailureOr<SmallVector<Value>> rightFirst =
                  emitter.emitCombiner(sort, arguments, /*reassociate=*/false,
                                       &sort.getComparator());
              if (failed(rightFirst)) {
                status = failure();
                return SmallVector<Value>{i, j};
              }
              Value leftDone = b.create<arith::CmpIOp>(
                  loc, arith::CmpIPredicate::uge, i, middle);
              Value rightLeft = b.create<arith::CmpIOp>(
                  loc, arith::CmpIPredicate::ult, j, high);
              Value takeRight = b.create<arith::AndIOp>(
                  loc, rightLeft,
                  b.create<arith::OrIOp>(loc, leftDone, rightFirst->front()));
              b.create<memref::StoreOp>(
                  loc, b.create<arith::SelectOp>(loc, takeRight, right, left),
                  scratch, ValueRange{to, slice, k});
              Value one = emitter.index(1);
              return SmallVector<Value>{
                  b.create<arith::SelectOp>(
                      loc, takeRight, i, b.create<arith::AddIOp>(loc, i, one)),
                  b.create<arith::SelectOp>(
                      loc, takeRight, b.create<arith::AddIOp>(loc, j, one), j)};
            });
            return SmallVector<Value>{};
          });
          return SmallVector<Value>{};
        });
    // Each result takes its input's elements at the sorted positions.
    Value sorted = emitter.index(passes % 2);
    forLoop(
        emitter.index(0), emitter.index(size), {}, [&](Value k, ValueRange) {
          Value position = toIndex(b.create<memref::LoadOp>(
              loc, scratch, ValueRange{sorted, slice, k}));
          for (auto [input, result] :
               llvm::zip(sort.getInputs(), sort.getResults())) {
            FailureOr<Value> element = emitter.emitElement(input, at(position));
            if (failed(element)) {
              status = failure();
              break;
            }
            build.storeRoot(result, *element, at(k));
          }
          return SmallVector<Value>{};
        });
    return SmallVector<Value>{};
  });
  if (failed(status))
    return failure();
  return numTasks;
}

} // namespace kiln
