//===- TiledPacking.h - The tiled engine's rhs panels, packed per call ----===//
//
// How KernelEmitterTiled.cpp packs a slice of the rhs into a tile's panels
// in every call (an rhs that is no constant of the graph, where the weights
// cache does not hold it ready), and what the micro-kernels fetch into the
// caches while they run: the next slice's rhs rows, the next panel's, their
// own lhs rows ahead.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_TILEDPACKING_H
#define KILN_PASSES_CODEGEN_TILEDPACKING_H

#include "passes/codegen/TiledTiling.h"

namespace kiln {

/// Packs the slice [k0, k0 + count) of the rhs, columns n0 on, into the
/// tile's `numPanels` panels: panels[p][kk][j] = rhs(batch, k0 + kk, n0 +
/// p * nr + j), zeros past N. Fails where an element of the rhs cannot be
/// emitted.
mlir::LogicalResult
packRhsSlice(mlir::OpBuilder &b, mlir::Location loc, const Tiling &t,
             const TiledContraction &contraction, mlir::Value panels,
             mlir::Value batch, mlir::Value k0, mlir::Value count,
             mlir::Value n0, mlir::Value numPanels, const IndexMath &math);

/// The rows of the next slice (k0 + kc on) that micro-kernel `r` of a
/// panel's `microKernels` fetches into the caches for their packing, rhs
/// rows [first, first + count): an even share of the slice each, fetched in
/// the first `count` k of its loop. None where the rhs is a weights cache that
/// is ready (`cacheState`, where there is one) or in the last slice.
struct NextSliceShare {
  mlir::Value first, count;
};
NextSliceShare nextSliceShare(mlir::OpBuilder &b, mlir::Location loc,
                              const Tiling &t, const ContractionShape &shape,
                              mlir::Value k0, mlir::Value r,
                              mlir::Value microKernels, mlir::Value cacheState,
                              const IndexMath &math);

/// Fetches into the caches the lines of rhs row `k` that panel `p` packs,
/// where the rhs rows lie in memory (TiledContraction::rhsRows).
void prefetchRhsRow(mlir::OpBuilder &b, mlir::Location loc, const Tiling &t,
                    const TiledContraction &contraction, mlir::Value batch,
                    mlir::Value k, mlir::Value n0, mlir::Value p,
                    const IndexMath &math);

/// Fetches into L2 the cache lines of `run` (a memref of floats) that hold
/// its floats [start, start + count).
void prefetchRun(mlir::OpBuilder &b, mlir::Location loc, mlir::Value run,
                 mlir::Value start, int64_t count, const IndexMath &math);

/// At slice position `kk` (of kcValid, from k0), fetches into L1 the lhs
/// lines that the first and last of `lhsRows` (a micro-kernel's row
/// offsets) read t.lhsFetchDistance k on, the slice's last k past its end:
/// the rows between read the same input rows, near one of the two
/// (Tiling::lhsFetchDistance).
void prefetchLhsAhead(mlir::OpBuilder &b, mlir::Location loc, const Tiling &t,
                      const TiledContraction &contraction,
                      llvm::ArrayRef<mlir::Value> lhsRows, mlir::Value k0,
                      mlir::Value kk, mlir::Value kcValid,
                      const IndexMath &math);

/// Stores into `table` the flat result offsets (resultOffset) of a
/// micro-kernel's vectors, row by row: rows `rows` of image `batch`, each
/// `vectors` vectors from column `panelStart` (clamped to N). The k loop
/// then loads an offset instead of computing it, short of registers.
void storeVectorOffsets(mlir::OpBuilder &b, mlir::Location loc, const Tiling &t,
                        const ContractionShape &shape, mlir::Value table,
                        mlir::Value batch, llvm::ArrayRef<mlir::Value> rows,
                        mlir::Value panelStart, int64_t vectors,
                        const IndexMath &math);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_TILEDPACKING_H
