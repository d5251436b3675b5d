//===- TiledTiling.h - The tiled engine's plan, fixed while compiling -*- C++
//-*-===//
//
// What KernelEmitterTiled.cpp decides before it emits a loop: the tile
// sizes for a target, the layout of the packed panels (a weights cache
// slot, a constant packed while compiling), and the classes of the runs of
// rows whose padding products the micro-kernels leave out.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_TILEDTILING_H
#define KILN_PASSES_CODEGEN_TILEDTILING_H

#include "passes/codegen/TiledContraction.h"

namespace kiln {

/// A class of runs of micro-kernel rows that leave out the padding's
/// products (ContractionShape::tapGroup): which taps of a row of taps its
/// rows reach, and each row's lhs offset from the first row's.
/// reaches[r][tap][i] holds either one pattern (r = 0) that every row of
/// taps reaching the run shares, the micro-kernels looping over those, or,
/// where they differ (a run across output rows at the image's top or
/// bottom), one per row of taps, each unrolled.
struct RowClass {
  llvm::SmallVector<llvm::SmallVector<llvm::SmallVector<bool>>> reaches;
  llvm::SmallVector<int64_t> offsets;
  bool operator==(const RowClass &other) const {
    return reaches == other.reaches && offsets == other.offsets;
  }
};

/// Sizes of the tiles, in elements.
struct Tiling {
  int64_t lanes, mr, nr, kc, mc, nc;
  /// Vectors across a panel (kPanelVectors).
  int64_t panelVectors() const { return nr / lanes; }
  /// Where the epilogue walks rows innermost: the micro-kernel rows
  /// rounded up to a power of two, which its last slice stores transposed
  /// into a block [nc][mc + transposedRows - mr] (storeTransposed); 0 where
  /// C stays [mc][nc] (also where the rounded rows exceed the lanes).
  int64_t transposedRows = 0;
  /// How many k ahead the micro-kernels fetch the lines of their first and
  /// last lhs rows; 0: none.
  int64_t lhsFetchDistance = 0;
};

/// Tiles for `target`: the micro-kernel uses all vector registers but the
/// panel's vectors and one broadcast; the panel slice (kc x nr), with the
/// lhs lines that the next micro-kernel rows read again, fills half of L1;
/// the accumulator block and the packed slice share the stack.
Tiling chooseTiling(const TargetDescription &target,
                    const ContractionShape &shape);

/// Floats of the weights cache that hold every packed panel of `shape`
/// tiled as `t` (PackedWeights).
int64_t cachedPanelFloats(const Tiling &t, const ContractionShape &shape);

/// Whether micro-kernels that read panels packed before the call fetch the
/// next panel's rows into L2 as they read their own, in a graph whose
/// contractions read `graphPanelBytes` of such panels in all
/// (prepackedPanelBytes): where those are too many for the caches to keep
/// between calls, the first micro-kernel of each panel would otherwise
/// wait on memory for it.
bool prefetchesNextPanel(const TargetDescription &target,
                         int64_t graphPanelBytes);

/// The panels of a constant rhs (TiledContraction::rhsConstant), packed as
/// the kernel would pack them and laid out as a weights cache slot
/// (PackedWeights): zeros past N and past K.
mlir::DenseElementsAttr packConstant(const Tiling &t,
                                     const ContractionShape &shape,
                                     const TiledContraction &contraction);

/// The classes of the runs of mr rows of a contraction that leaves out
/// the padding's products (ContractionShape::tapGroup), and per run its
/// class and the rows of taps [first, end) that reach it, appended to
/// `table` (all of them where the class has a pattern per row of taps).
/// Rows past M repeat the last one.
void classifyRuns(const Tiling &t, const ContractionShape &shape,
                  const TiledContraction &contraction,
                  llvm::SmallVectorImpl<RowClass> &classes,
                  llvm::SmallVectorImpl<int32_t> &table);

/// The masks of the runs of mr rows of a convolution that leaves out its
/// padding per tap (ContractionShape::featuresPerTap): `masks` the distinct
/// ones (mask[i]: whether row i's tap reads inside the input), and per run
/// and tap, runs outer, the index of its mask appended to `table`. Rows
/// past M repeat the last one.
void classifyTapMasks(const Tiling &t, const ContractionShape &shape,
                      const TiledContraction &contraction,
                      llvm::SmallVectorImpl<llvm::SmallVector<bool>> &masks,
                      llvm::SmallVectorImpl<int32_t> &table);

/// Whether the micro-kernel of `rowClass`, `vectors` of its panel's
/// vectors wide, can keep each lhs element it loads for the later taps
/// that read the same element. Within a row of taps, tap by tap, LLVM
/// loads an address once and keeps the value for its later reads; this
/// says whether those values, with the accumulators, a tap's panel
/// vectors and the next load, fit `registers`. Where they do not, LLVM
/// spills accumulators in the k loop: at stride 2, taps 0 and 2 of a row
/// read the same elements, kept across tap 1's loads (AVX2's 16 registers,
/// 5 rows of 2 vectors: 17). Such micro-kernels load every tap's elements
/// again instead.
bool keepsSharedTapLoads(const Tiling &t, const ContractionShape &shape,
                         const TiledContraction &contraction,
                         const RowClass &rowClass, int64_t vectors,
                         int64_t registers);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_TILEDTILING_H
