//===- TiledPacking.cpp - The tiled engine's rhs panels, packed per call --===//
//
// packRhsSlice and the micro-kernels' fetches (TiledPacking.h).
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/TiledPacking.h"

#include "runtime/KilnRuntime.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace kiln {

/// Floats per cache line: what one prefetch fetches.
constexpr int64_t kFloatsPerLine = 16;

/// The float of a span [start, start + floats) that the fetch of its line
/// `line` (0, kFloatsPerLine, ...) names: that line's last. Where the span
/// starts on a cache line it lies in the line of the first; where it does
/// not (an input at any address of its elements, rows of a width off whole
/// lines), in the next, so the fetches reach every line of the span but the
/// one it starts in, which the span before it ends in. Fetching each line's
/// first float left each span's last line to miss when packed: 128x768 @
/// 768x3072 + bias + GELU with the rhs 16 bytes past a line, 1 thread at
/// 512 bits, 6.27-6.29 -> 5.94-6.00 ms a call (5.89-5.93 with it on a line),
/// and in a slower phase, six rounds in turns, 6.41-6.70 -> 6.28-6.49.
static int64_t fetchedFloat(int64_t line, int64_t floats) {
  return std::min(line + kFloatsPerLine, floats) - 1;
}

/// Packs row `k` of the rhs (slice position `kk`) into the tile's panels
/// by the view's own vectors (TiledContraction::rhsVector).
static void packVectors(OpBuilder &b, Location loc, const Tiling &t,
                        const TiledContraction &contraction, Value panels,
                        Value batch, Value k, Value kk, Value numPanels,
                        const IndexMath &math) {
  forLoop(b, loc, math.constant(0), numPanels, math.constant(1), [&](Value p) {
    for (int64_t v = 0; v < t.panelVectors(); ++v) {
      Value q = math.add(math.mul(p, t.panelVectors()), math.constant(v));
      b.create<vector::StoreOp>(loc, contraction.rhsVector(batch, k, q), panels,
                                ValueRange{p, kk, math.constant(v * t.lanes)});
    }
  });
}

/// Packs the slice's `count` rows from k0 into the tile's panels by the
/// view's own vectors, each vector down the rows
/// (TiledContraction::rhsVectorAlongK). With k outermost, 1x1 stride 2
/// 64@56 at 512 bits reloaded each vector's two segment starts and four
/// masks for every k and spent 13.5% of its time packing; down the rows
/// they stay in registers: 0.0673 -> 0.0640 ms at 1 thread. A 3x3
/// convolution's masks change with the tap, and k innermost made it slower
/// (AVX2 code, 3x3 256@14: 2.24 -> 2.39 ms).
static void packVectorsAlongK(OpBuilder &b, Location loc, const Tiling &t,
                              const TiledContraction &contraction, Value panels,
                              Value batch, Value k0, Value count,
                              Value numPanels, const IndexMath &math) {
  forLoop(b, loc, math.constant(0), numPanels, math.constant(1), [&](Value p) {
    for (int64_t v = 0; v < t.panelVectors(); ++v) {
      Value q = math.add(math.mul(p, t.panelVectors()), math.constant(v));
      forLoop(b, loc, math.constant(0), count, math.constant(1), [&](Value kk) {
        b.create<vector::StoreOp>(
            loc, contraction.rhsVector(batch, math.add(k0, kk), q), panels,
            ValueRange{p, kk, math.constant(v * t.lanes)});
      });
    }
  });
}

/// Packs row `k` of the rhs (slice position `kk`), columns n0 on, into the
/// tile's panels by vectors, where the row is contiguous in memory
/// (TiledContraction::rhsRows): the whole panels by plain loads in a loop
/// of their own, then the rhs's last partial one, if the tile holds it, by
/// loads masked at N, which leave zeros past it. Only the rhs's last tile
/// can hold a partial panel, so the whole panels take no branch: with the
/// choice made per panel, LLVM spent 20 instructions on a panel's two AVX2
/// vectors, 8 now (no faster on Zen 3, where packing reads the rhs from
/// L3: `perf annotate` put 7% of a 128x768x768 call there).
static void packRow(OpBuilder &b, Location loc, const Tiling &t,
                    const TiledContraction &contraction, Value panels,
                    Value batch, Value k, Value kk, Value n0, Value numPanels,
                    int64_t n, const IndexMath &math) {
  auto vectorType = VectorType::get({t.lanes}, b.getF32Type());
  Value row = math.add(contraction.rhsRowOffset(batch, k), n0);
  Value columnsLeft = math.sub(math.constant(n), n0);
  Value wholePanels =
      math.min(numPanels, b.createOrFold<arith::DivUIOp>(loc, columnsLeft,
                                                         math.constant(t.nr)));
  auto packPanel = [&](Value p, Value width) {
    Value column = math.mul(p, t.nr);
    for (int64_t v = 0; v < t.panelVectors(); ++v) {
      Value lane = math.constant(v * t.lanes);
      Value mask = width
                       ? firstLanesMask(b, loc, t.lanes, math.sub(width, lane))
                       : nullptr;
      Value loaded = loadVector(b, loc, vectorType, contraction.rhsRows,
                                math.add(row, math.add(column, lane)), mask);
      b.create<vector::StoreOp>(loc, loaded, panels, ValueRange{p, kk, lane});
    }
  };
  forLoop(b, loc, math.constant(0), wholePanels, math.constant(1),
          [&](Value p) { packPanel(p, nullptr); });
  auto partial = b.create<scf::IfOp>(
      loc,
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, wholePanels,
                              numPanels),
      /*withElse=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&partial.getThenRegion().front());
  packPanel(wholePanels, math.sub(columnsLeft, math.mul(wholePanels, t.nr)));
}

/// Packs the slice [k0, k0 + count) of the rhs, columns n0 on, into the
/// tile's panels, where each column is one run along k in memory
/// (TiledContraction::rhsColumns): a whole panel by squares of lanes
/// columns x lanes k, loaded along the columns' runs and transposed in
/// registers (transposeByBlocks), the k past the last square by one more
/// square of loads masked at the slice's end, and a partial panel element
/// by element. ResNet's 3x3 512@7 with the kernel an argument, at 512 bits,
/// packed its 2.4 million weights per call in 4.7 ms element by element
/// through rhsElement, 1.1 along the runs, 0.55 by squares. Its slices
/// hold whole input features of 9 taps (kc 189 on a 48 KiB L1), so each
/// left 13 k past the squares, which element by element (stored by
/// scatters) took 6% of the call: 1.18-1.25 -> 1.10-1.15 ms masked.
static void packColumns(OpBuilder &b, Location loc, const Tiling &t,
                        const TiledContraction &contraction, Value panels,
                        Value k0, Value count, Value n0, Value numPanels,
                        int64_t n, const IndexMath &math) {
  auto vectorType = VectorType::get({t.lanes}, b.getF32Type());
  Value lanes = math.constant(t.lanes);
  // The first `width` columns of a partial panel, element by element.
  auto packElements = [&](Value p, Value panelStart, Value width) {
    forLoop(b, loc, math.constant(0), width, math.constant(1), [&](Value j) {
      Value run =
          math.add(contraction.rhsColumnOffset(math.add(panelStart, j)), k0);
      forLoop(b, loc, math.constant(0), count, math.constant(1), [&](Value kk) {
        Value weight = b.create<memref::LoadOp>(loc, contraction.rhsColumns,
                                                math.add(run, kk));
        b.create<memref::StoreOp>(loc, weight, panels, ValueRange{p, kk, j});
      });
    });
  };
  // The squares of a whole panel's k from kk on: all lanes of them, or the
  // first `rest` (< lanes) by loads masked at the runs' end of the slice,
  // of which the rows below `rest` are stored.
  auto packSquares = [&](Value p, Value panelStart, Value kk, Value rest) {
    Value mask = rest ? firstLanesMask(b, loc, t.lanes, rest) : nullptr;
    for (int64_t v = 0; v < t.panelVectors(); ++v) {
      SmallVector<Value> rows;
      for (int64_t i = 0; i < t.lanes; ++i) {
        Value column = math.add(panelStart, math.constant(v * t.lanes + i));
        Value at =
            math.add(contraction.rhsColumnOffset(column), math.add(k0, kk));
        rows.push_back(
            loadVector(b, loc, vectorType, contraction.rhsColumns, at, mask));
      }
      transposeByBlocks(b, loc, rows);
      for (int64_t r = 0; r < t.lanes; ++r) {
        OpBuilder::InsertionGuard guard(b);
        if (rest) {
          auto inside = b.create<scf::IfOp>(
              loc,
              b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                      math.constant(r), rest),
              /*withElse=*/false);
          b.setInsertionPointToStart(&inside.getThenRegion().front());
        }
        b.create<vector::StoreOp>(loc, rows[r], panels,
                                  ValueRange{p, math.add(kk, math.constant(r)),
                                             math.constant(v * t.lanes)});
      }
    }
  };
  forLoop(b, loc, math.constant(0), numPanels, math.constant(1), [&](Value p) {
    Value panelStart = math.add(n0, math.mul(p, t.nr));
    Value width =
        math.min(math.constant(t.nr), math.sub(math.constant(n), panelStart));
    Value whole = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, width,
                                          math.constant(t.nr));
    auto branch = b.create<scf::IfOp>(loc, whole, /*withElse=*/true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&branch.getElseRegion().front());
    packElements(p, panelStart, width);
    b.setInsertionPointToStart(&branch.getThenRegion().front());
    Value squaresEnd =
        math.mul(b.createOrFold<arith::DivUIOp>(loc, count, lanes), t.lanes);
    forLoop(b, loc, math.constant(0), squaresEnd, lanes, [&](Value kk) {
      packSquares(p, panelStart, kk, /*rest=*/nullptr);
    });
    Value rest = math.sub(count, squaresEnd);
    auto partial = b.create<scf::IfOp>(
        loc,
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, rest,
                                math.constant(0)),
        /*withElse=*/false);
    b.setInsertionPointToStart(&partial.getThenRegion().front());
    packSquares(p, panelStart, squaresEnd, rest);
  });
}

LogicalResult packRhsSlice(OpBuilder &b, Location loc, const Tiling &t,
                           const TiledContraction &contraction, Value panels,
                           Value batch, Value k0, Value count, Value n0,
                           Value numPanels, const IndexMath &math) {
  const ContractionShape &shape = contraction.shape;
  if (contraction.rhsColumns) {
    packColumns(b, loc, t, contraction, panels, k0, count, n0, numPanels,
                shape.n, math);
    return success();
  }
  if (contraction.rhsVector && contraction.rhsVectorAlongK) {
    packVectorsAlongK(b, loc, t, contraction, panels, batch, k0, count,
                      numPanels, math);
    return success();
  }
  LogicalResult status = success();
  // k outermost, so that what depends on k alone (a convolution's tap
  // offset) is computed once per k and the tile's row of the rhs is read
  // in one run.
  forLoop(b, loc, math.constant(0), count, math.constant(1), [&](Value kk) {
    Value k = math.add(k0, kk);
    if (contraction.rhsVector) {
      packVectors(b, loc, t, contraction, panels, batch, k, kk, numPanels,
                  math);
      return;
    }
    if (contraction.rhsRows) {
      packRow(b, loc, t, contraction, panels, batch, k, kk, n0, numPanels,
              shape.n, math);
      return;
    }
    forLoop(
        b, loc, math.constant(0), numPanels, math.constant(1), [&](Value p) {
          Value panelStart = math.add(n0, math.mul(p, t.nr));
          Value width = math.min(math.constant(t.nr),
                                 math.sub(math.constant(shape.n), panelStart));
          forLoop(
              b, loc, math.constant(0), width, math.constant(1), [&](Value j) {
                FailureOr<Value> element =
                    contraction.rhsElement(batch, k, math.add(panelStart, j));
                if (failed(element)) {
                  status = failure();
                  return;
                }
                b.create<memref::StoreOp>(loc, *element, panels,
                                          ValueRange{p, kk, j});
              });
        });
  });
  return status;
}

// The micro-kernels fetch the next slice's rows so that packing reads
// them in the caches instead of waiting on memory with no FMAs to overlap
// (rows a page or more apart defeat the hardware prefetchers):
// 128x3072x768 6.1 -> 5.7 ms at 512 bits, as fast as with the weights kept
// packed. The first row of micro-kernels alone gained nothing: its fetches
// outran the misses the core tracks. Every micro-kernel fetching every row,
// one per k, fetched each line 22 times in a panel of 22 micro-kernels
// (AVX2, 128 rows), with a prefetch and its branch in every step of the k
// loop; on a Zen 3 core, with the next slice's rows in memory rather than
// L3, 128x3072x768 then ran at 0.72x OpenBLAS, with the shares 0.85-0.95x.
// Fetches go to the lowest locality (at the highest, the next slice evicted
// the panel from L1: 2048^3 6% slower).
NextSliceShare nextSliceShare(OpBuilder &b, Location loc, const Tiling &t,
                              const ContractionShape &shape, Value k0, Value r,
                              Value microKernels, Value cacheState,
                              const IndexMath &math) {
  Value end = math.constant(shape.k);
  Value nextBegin = math.min(math.add(k0, math.constant(t.kc)), end);
  Value rows = math.sub(math.min(math.add(nextBegin, math.constant(t.kc)), end),
                        nextBegin);
  if (cacheState)
    rows = b.create<arith::SelectOp>(
        loc,
        b.create<arith::CmpIOp>(
            loc, arith::CmpIPredicate::ne, cacheState,
            b.create<arith::ConstantIntOp>(loc, KILN_WEIGHTS_READY, 32)),
        rows, math.constant(0));
  Value share = b.createOrFold<arith::DivUIOp>(
      loc, math.sub(math.add(rows, microKernels), math.constant(1)),
      microKernels);
  Value first = math.min(b.createOrFold<arith::MulIOp>(loc, r, share), rows);
  return {math.add(nextBegin, first), math.min(share, math.sub(rows, first))};
}

void prefetchRhsRow(OpBuilder &b, Location loc, const Tiling &t,
                    const TiledContraction &contraction, Value batch, Value k,
                    Value n0, Value p, const IndexMath &math) {
  const ContractionShape &shape = contraction.shape;
  Value row = contraction.rhsRowOffset(batch, k);
  Value panelStart = math.add(n0, math.mul(p, t.nr));
  for (int64_t line = 0; line < t.nr; line += kFloatsPerLine)
    b.create<memref::PrefetchOp>(
        loc, contraction.rhsRows,
        ValueRange{math.add(
            row, math.min(math.add(panelStart,
                                   math.constant(fetchedFloat(line, t.nr))),
                          math.constant(shape.n - 1)))},
        /*isWrite=*/false, /*localityHint=*/1, /*isDataCache=*/true);
}

void prefetchRun(OpBuilder &b, Location loc, Value run, Value start,
                 int64_t count, const IndexMath &math) {
  for (int64_t line = 0; line < count; line += kFloatsPerLine)
    b.create<memref::PrefetchOp>(
        loc, run, ValueRange{math.add(start, math.constant(line))},
        /*isWrite=*/false, /*localityHint=*/2, /*isDataCache=*/true);
}

void prefetchLhsAhead(OpBuilder &b, Location loc, const Tiling &t,
                      const TiledContraction &contraction,
                      ArrayRef<Value> lhsRows, Value k0, Value kk,
                      Value kcValid, const IndexMath &math) {
  Value ahead = math.min(math.add(kk, math.constant(t.lhsFetchDistance)),
                         math.sub(kcValid, math.constant(1)));
  Value column = contraction.lhsColumnOffset(math.add(k0, ahead), ahead);
  for (Value row : {lhsRows.front(), lhsRows.back()})
    b.create<memref::PrefetchOp>(loc, contraction.lhs,
                                 ValueRange{math.add(row, column)},
                                 /*isWrite=*/false, /*localityHint=*/3,
                                 /*isDataCache=*/true);
}

void storeVectorOffsets(OpBuilder &b, Location loc, const Tiling &t,
                        const ContractionShape &shape, Value table, Value batch,
                        ArrayRef<Value> rows, Value panelStart, int64_t vectors,
                        const IndexMath &math) {
  for (auto [i, row] : llvm::enumerate(rows))
    for (int64_t v = 0; v < vectors; ++v) {
      Value column = math.min(math.add(panelStart, math.constant(v * t.lanes)),
                              math.constant(shape.n - 1));
      b.create<memref::StoreOp>(
          loc, resultOffset(shape, batch, row, column, math), table,
          ValueRange{math.constant(static_cast<int64_t>(i) * vectors + v)});
    }
}

} // namespace kiln
