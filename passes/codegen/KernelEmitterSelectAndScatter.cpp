//===- KernelEmitterSelectAndScatter.cpp - A select_and_scatter kernel ----===//
//
// Like a scatter, a select_and_scatter writes where its windows' selections
// say, and source values landing on one element combine in order, so its
// kernel is one task in two phases: the result is filled with init_value,
// then a loop over `source` in row-major order (the reference
// interpreter's order) finds each window's selected element, reads the
// result there, applies `scatter` and stores it back. A window walks its
// elements in row-major order, carrying the selected value and position;
// padding positions are skipped (read clamped, never taken).
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln {

/// The select_and_scatter whose result is all the fusion returns, if any.
static hlo::SelectAndScatterOp rootSelectAndScatter(hlo::FusionOp fusion) {
  return dyn_cast_or_null<hlo::SelectAndScatterOp>(soleRootOp(fusion));
}

bool isSelectAndScatterFusion(hlo::FusionOp fusion) {
  return static_cast<bool>(rootSelectAndScatter(fusion));
}

FailureOr<int64_t> emitSelectAndScatterKernel(KernelBuild &build) {
  hlo::SelectAndScatterOp op = rootSelectAndScatter(build.fusion);
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = op.getLoc();
  ArrayRef<int64_t> shape = op.getOperand().getType().getShape();
  auto rank = static_cast<int64_t>(shape.size());
  Value resultBuffer = build.output(0);

  // Phase 1: the result starts as init_value everywhere.
  FailureOr<Value> init = emitter.emitElement(op.getInitValue(), {});
  if (failed(init))
    return failure();
  auto filled = emitter.buildLoopNest(
      loc, shape, {},
      [&](ValueRange indices, ValueRange) -> FailureOr<SmallVector<Value>> {
        build.storeRoot(op.getResult(), *init, indices);
        return SmallVector<Value>{};
      });
  if (failed(filled))
    return failure();

  // Phase 2: each source element scattered to its window's selection.
  SmallVector<int64_t> window(rank, 1), strides(rank, 1), low(rank, 0);
  if (std::optional<ArrayRef<int64_t>> dims = op.getWindowDimensions())
    window.assign(dims->begin(), dims->end());
  if (std::optional<ArrayRef<int64_t>> values = op.getWindowStrides())
    strides.assign(values->begin(), values->end());
  if (std::optional<DenseIntElementsAttr> padding = op.getPadding())
    for (int64_t d = 0; d < rank; ++d)
      low[d] = padding->getValues<int64_t>()[2 * d];
  auto scattered = emitter.buildLoopNest(
      loc, op.getSource().getType().getShape(), {},
      [&](ValueRange sourceIndex, ValueRange) -> FailureOr<SmallVector<Value>> {
        // Carried: whether an element was selected, its value, its position.
        SmallVector<Value> inits{b.create<arith::ConstantIntOp>(loc, 0, 1),
                                 *init};
        for (int64_t d = 0; d < rank; ++d)
          inits.push_back(emitter.index(0));
        auto selection = emitter.buildLoopNest(
            loc, window, inits,
            [&](ValueRange offset,
                ValueRange carried) -> FailureOr<SmallVector<Value>> {
              Value inside;
              SmallVector<Value> position, clamped;
              for (int64_t d = 0; d < rank; ++d) {
                Value start = b.createOrFold<arith::MulIOp>(
                    loc, sourceIndex[d], emitter.index(strides[d]));
                Value at = b.createOrFold<arith::SubIOp>(
                    loc, b.createOrFold<arith::AddIOp>(loc, start, offset[d]),
                    emitter.index(low[d]));
                Value fits = emitter.isInRange(loc, at, shape[d]);
                inside =
                    inside ? b.create<arith::AndIOp>(loc, inside, fits) : fits;
                position.push_back(at);
                clamped.push_back(
                    b.create<arith::SelectOp>(loc, fits, at, emitter.index(0)));
              }
              FailureOr<Value> candidate =
                  emitter.emitElement(op.getOperand(), clamped);
              if (failed(candidate))
                return failure();
              Value found = carried[0];
              FailureOr<SmallVector<Value>> keep =
                  emitter.emitCombiner(op, {carried[1], *candidate},
                                       /*reassociate=*/false, &op.getSelect());
              if (failed(keep))
                return failure();
              // take = inside && (!found || !keep)
              Value one = b.create<arith::ConstantIntOp>(loc, 1, 1);
              Value replace = b.create<arith::OrIOp>(
                  loc, b.create<arith::XOrIOp>(loc, found, one),
                  b.create<arith::XOrIOp>(loc, keep->front(), one));
              Value take = b.create<arith::AndIOp>(loc, inside, replace);
              SmallVector<Value> next{
                  b.create<arith::OrIOp>(loc, found, inside),
                  b.create<arith::SelectOp>(loc, take, *candidate, carried[1])};
              for (int64_t d = 0; d < rank; ++d)
                next.push_back(b.create<arith::SelectOp>(loc, take, position[d],
                                                         carried[2 + d]));
              return next;
            });
        if (failed(selection))
          return failure();
        // A window with no operand element (all padding) scatters nothing.
        OpBuilder::InsertionGuard guard(b);
        auto ifFound = b.create<scf::IfOp>(loc, selection->front());
        b.setInsertionPointToStart(&ifFound.getThenRegion().front());
        ValueRange selected = ValueRange(*selection).drop_front(2);
        FailureOr<Value> value =
            emitter.emitElement(op.getSource(), sourceIndex);
        if (failed(value))
          return failure();
        Value current = b.create<memref::LoadOp>(loc, resultBuffer, selected);
        FailureOr<SmallVector<Value>> combined = emitter.emitCombiner(
            op, {current, *value}, /*reassociate=*/false, &op.getScatter());
        if (failed(combined))
          return failure();
        build.storeRoot(op.getResult(), combined->front(), selected);
        return SmallVector<Value>{};
      });
  if (failed(scattered))
    return failure();
  return 1;
}

} // namespace kiln
