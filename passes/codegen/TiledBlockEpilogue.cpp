//===- TiledBlockEpilogue.cpp - A tile's sums through its block -----------===//
//
// The epilogue provides each sum read from the block to the elemental
// emitter as the contraction's element and stores the roots it computes
// from it, walking the tile in the order its outputs lie.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/TiledBlockEpilogue.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace kiln {

void storeTransposed(OpBuilder &b, Location loc,
                     ArrayRef<TransposedRows> pieces, Value cT, Value row0,
                     Value column0, const IndexMath &math) {
  for (const TransposedRows &piece : pieces)
    b.create<vector::StoreOp>(
        loc, piece.rows, cT,
        ValueRange{math.add(column0, math.constant(piece.column)), row0});
}

LogicalResult emitBlockEpilogue(KernelBuild &build,
                                const TiledContraction &contraction,
                                const TileBlock &tile,
                                ArrayRef<Value> flatOutputs) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  const ContractionShape &shape = contraction.shape;
  Location loc = shape.op->getLoc();
  IndexMath math{&emitter, loc};
  auto idx = [&](int64_t value) { return math.constant(value); };
  auto add = [&](Value x, Value y) { return math.add(x, y); };
  auto sub = [&](Value x, Value y) { return math.sub(x, y); };
  auto mul = [&](Value x, int64_t y) { return math.mul(x, y); };
  SmallVector<Value> roots = build.roots();
  LogicalResult status = success();
  // The roots at element (i, j) of the tile, stored at `flat` of the flat
  // outputs where given, else at the indices.
  auto emitOutput = [&](Value i, Value j, ArrayRef<Value> indices,
                        Value flat = {}) {
    if (failed(status))
      return;
    Value sum =
        tile.transposed
            ? b.create<memref::LoadOp>(loc, tile.block, ValueRange{j, i})
            : b.create<memref::LoadOp>(loc, tile.block, ValueRange{i, j});
    emitter.provideElement(shape.op->getResult(0), indices, sum);
    if (failed(flat ? build.storeRoots(roots, indices, flatOutputs, flat)
                    : build.storeRoots(roots, indices)))
      status = failure();
  };
  Value batch = tile.batch, m0 = tile.m0, n0 = tile.n0;
  int64_t inner = contraction.gridInner;
  if (!flatOutputs.empty()) {
    forLoop(b, loc, idx(0), tile.rowsValid, idx(1), [&](Value i) {
      Value row = add(m0, i);
      Value rowStart = mul(add(mul(batch, shape.m), row), shape.n);
      forLoop(b, loc, idx(0), tile.colsValid, idx(1), [&](Value j) {
        Value n = add(n0, j);
        emitOutput(i, j,
                   contraction.resultIndices(
                       batch, row,
                       b.createOrFold<arith::DivUIOp>(loc, n, idx(inner)),
                       b.createOrFold<arith::RemUIOp>(loc, n, idx(inner))),
                   add(rowStart, n));
      });
    });
    return status;
  }
  // The inner dim, columns or (rowsInner) rows, by grid rows of `inner`,
  // so that the inner loop is contiguous in the output.
  auto walkGrid =
      [&](Value start, Value count, int64_t valid,
          function_ref<void(Value gridRow, Value position, Value offset)>
              body) {
        Value end = add(start, count);
        Value firstGridRow =
            b.createOrFold<arith::DivUIOp>(loc, start, idx(inner));
        forLoop(b, loc, firstGridRow, math.ceilDiv(end, inner), idx(1),
                [&](Value gridRow) {
                  Value rowStart = mul(gridRow, inner);
                  Value first = math.max(sub(start, rowStart), idx(0));
                  Value last = math.min(sub(end, rowStart), idx(valid));
                  forLoop(b, loc, first, last, idx(1), [&](Value position) {
                    body(gridRow, position,
                         sub(add(rowStart, position), start));
                  });
                });
      };
  if (shape.rowsInner) {
    forLoop(b, loc, idx(0), tile.colsValid, idx(1), [&](Value j) {
      walkGrid(m0, tile.rowsValid, inner, [&](Value gridRow, Value x, Value i) {
        emitOutput(i, j,
                   contraction.resultIndices(batch, add(n0, j), gridRow, x));
      });
    });
  } else {
    forLoop(b, loc, idx(0), tile.rowsValid, idx(1), [&](Value i) {
      walkGrid(n0, tile.colsValid, contraction.validInner,
               [&](Value gridRow, Value column, Value j) {
                 emitOutput(i, j,
                            contraction.resultIndices(batch, add(m0, i),
                                                      gridRow, column));
               });
    });
  }
  return status;
}

} // namespace kiln
