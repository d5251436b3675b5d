//===- TiledContraction.h - A contraction seen as a batch of matmuls -*- C++
//-*-===//
//
// The tiled structure (KernelEmitterTiled.cpp) computes any f32 contraction
// that reads as a batch of [M, K] x [K, N] products: dot_general, and a
// convolution as an implicit GEMM (output features x the kernel's taps and
// input features, times the input patches). A TiledContraction says where each
// operand element lives; the engine owns the loops, the packing and the
// micro-kernel.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_TILEDCONTRACTION_H
#define KILN_PASSES_CODEGEN_TILEDCONTRACTION_H

#include "passes/codegen/KernelEmitter.h"

#include <functional>
#include <memory>
#include <optional>

namespace kiln {

/// Index arithmetic at the emitter's insertion point, folded where it can
/// be. Copyable: the views' callbacks keep one and run after the builders
/// that made them have returned.
struct IndexMath {
  ElementalEmitter *emitter;
  mlir::Location loc;

  mlir::OpBuilder &builder() const { return emitter->getBuilder(); }
  mlir::Value constant(int64_t value) const { return emitter->index(value); }
  mlir::Value add(mlir::Value x, mlir::Value y) const;
  mlir::Value sub(mlir::Value x, mlir::Value y) const;
  mlir::Value mul(mlir::Value x, int64_t y) const;
  mlir::Value min(mlir::Value x, mlir::Value y) const;
  mlir::Value max(mlir::Value x, mlir::Value y) const;
  /// (x + y - 1) / y for a count x (never negative).
  mlir::Value ceilDiv(mlir::Value x, int64_t y) const;
  llvm::SmallVector<mlir::Value>
  delinearize(mlir::Value linear, llvm::ArrayRef<int64_t> shape) const {
    return emitter->delinearize(linear, shape);
  }
};

/// `index` through an empty inline asm: the same value, which LLVM cannot
/// see to be `index`, so that it loads the addresses computed from each
/// copy again rather than keep what it loaded from another's
/// (keepsSharedTapLoads). `tag` (the asm's comment) tells the copies
/// apart, so that neither MLIR nor LLVM merges two of them.
mlir::Value opaqueIndex(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value index, int64_t tag);

/// The values `body(c)` yields for the class `index()` names, one of
/// `classes` (0 on): through an `scf.index_switch` of results `types`
/// whose default region is class 0, or `body(0)` alone where there is one
/// class (and `index` is not called).
llvm::SmallVector<mlir::Value>
switchOnClass(mlir::OpBuilder &b, mlir::Location loc, mlir::TypeRange types,
              int64_t classes, llvm::function_ref<mlir::Value()> index,
              llvm::function_ref<llvm::SmallVector<mlir::Value>(int64_t)> body);

/// Transposes `vectors` by blocks, in place: R = vectors.size(), a power of
/// two no more than their lanes, in log2(R) rounds of two-vector shuffles,
/// round s swapping bit s of a vector's index with bit s of the lane.
/// Afterwards vector q holds, at lane h * R + i, vector i's lane h * R + q:
/// where R is the lanes, the square's transpose.
void transposeByBlocks(mlir::OpBuilder &b, mlir::Location loc,
                       llvm::MutableArrayRef<mlir::Value> vectors);

/// R consecutive rows of one column of a micro-kernel's sums: the column's
/// offset in the panel, and its vector of R rows.
struct TransposedRows {
  int64_t column;
  mlir::Value rows;
};
/// A micro-kernel's `microRows` rows of sums (`sums[i * panelVectors + v]`,
/// row i's columns v * lanes on) transposed into vectors of R = `rows`
/// rows of one column each (R a power of two no more than the lanes). Per
/// vector of columns, the rows (padded to R with copies of the last) are
/// transposed by blocks, so that vector q holds columns q + R * h in lanes
/// [h * R, h * R + R).
llvm::SmallVector<TransposedRows> transposeSums(mlir::OpBuilder &b,
                                                mlir::Location loc,
                                                int64_t rows, int64_t microRows,
                                                mlir::ValueRange sums);

/// A mask of `lanes` lanes whose first `count` are set: create_mask clamps
/// a count past the lanes or below zero.
mlir::Value firstLanesMask(mlir::OpBuilder &b, mlir::Location loc,
                           int64_t lanes, mlir::Value count);

/// A vector of `type` from `memref` at `at`; with a `mask`, the lanes
/// outside it read as zeros.
mlir::Value loadVector(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::VectorType type, mlir::Value memref,
                       mlir::Value at, mlir::Value mask = nullptr);

/// Stores `value` to `memref` at `at`: its first `count` lanes where
/// `count` is given, else all. A count that is a power of two below the
/// lanes stores that many lanes as a narrower vector, without a mask: AMD
/// cores run AVX2's masked stores (vmaskmovps) as microcode, a dozen cycles
/// each (a grouped convolution's 4 features a group in AVX2 code stored
/// every row so).
void storeFirstLanes(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                     mlir::Value memref, mlir::Value at,
                     std::optional<int64_t> count = std::nullopt);

/// The longest slice of the contracting range the engine packs at once.
constexpr int64_t kMaxSliceK = 512;
/// Vectors across a micro-kernel panel's columns.
constexpr int64_t kPanelVectors = 2;
/// The most columns of one tile.
constexpr int64_t kMaxTileColumns = 128;

/// The sizes of a contraction as a batch of matmuls, and whether the tiled
/// structure computes it: f32 throughout, the lhs (the dot's lhs laid out
/// [batch, rows, contracting], the convolution's kernel in any layout, or
/// with feature columns its input) read straight from memory (a kernel
/// argument or a constant), at least two rows; a convolution of one
/// feature group or of groups of 4 input features or more
/// (hlo::isGroupedMatrixConvolution), no input dilation or reversal.
struct ContractionShape {
  mlir::Operation *op = nullptr;
  /// A dot's batch, or a convolution's images (times its feature groups,
  /// ConvolutionGroups).
  int64_t batch = 1, m = 1, n = 1, k = 1;
  /// A convolution computed the other way round: rows are the output
  /// positions, read from the input in place, and columns the output
  /// features, whose weights are packed (TiledContraction.cpp).
  bool featureColumns = false;
  /// Whether consecutive rows are adjacent in the output, so that the
  /// epilogue walks each column's rows innermost.
  bool rowsInner = false;
  /// Whether every batch reads the same rhs (a feature-column convolution's
  /// weights, whatever the image): its panels are then kept once for all,
  /// or once per feature group (`groups`).
  bool sharedRhs = false;
  /// A grouped feature-column convolution's feature groups (1 otherwise):
  /// batch = image * groups + group, the columns are the group's output
  /// features, and the images share each group's weights. The result's
  /// rows (output positions) hold every group's columns side by side.
  int64_t groups = 1;
  /// A feature-column convolution that reads its unpadded input in place,
  /// its k running over each input feature's taps innermost, rows of
  /// `tapRowLength` taps: the taps per feature (0 otherwise). The
  /// micro-kernels then step k by whole features, loop over the rows of
  /// taps that reach their rows and unroll each row's taps, leaving out each
  /// row's products with the padding (TiledContraction::tapReachesRow).
  /// Slices hold whole features. Where `rowGroup` is not 0, the
  /// micro-kernels' rows lie within one of the groups of `rowGroup`
  /// consecutive rows (an output row); otherwise their runs cross output
  /// rows (RowClass).
  int64_t tapGroup = 0, tapRowLength = 0, rowGroup = 0;
  /// A feature-column convolution that reads its unpadded input in place,
  /// its k running over the taps outermost, each tap's `featuresPerTap`
  /// input features innermost (hlo::isMaskedTapConvolution; 0 otherwise).
  /// Each run of micro-kernel rows sums each tap's steps with only the rows
  /// whose tap reads inside the input (classifyTapMasks), leaving out their
  /// products with the padding.
  int64_t featuresPerTap = 0;

  /// The rhs batches whose panels are packed: one per batch, or where the
  /// rhs is shared, one per feature group.
  int64_t rhsBatches() const { return sharedRhs ? groups : batch; }
};
std::optional<ContractionShape>
matchTiledContraction(hlo::FusionOp fusion, const TargetDescription &target);

/// The rhs batch (rhsBatches()) that batch `batch` of `shape` reads.
mlir::Value rhsBatchOf(const ContractionShape &shape, mlir::Value batch,
                       const IndexMath &math);
/// The flat offset of element (batch, row, column) of `shape`'s result
/// laid out [batch][M][N] (TiledContraction::resultIsMatrix); with feature
/// groups, [image][M][group][N].
mlir::Value resultOffset(const ContractionShape &shape, mlir::Value batch,
                         mlir::Value row, mlir::Value column,
                         const IndexMath &math);
/// Its flat offset laid out [batch][N][M] instead
/// (TiledContraction::resultIsTransposedMatrix).
mlir::Value transposedResultOffset(const ContractionShape &shape,
                                   mlir::Value batch, mlir::Value row,
                                   mlir::Value column, const IndexMath &math);

/// The columns of one micro-kernel panel on `target`.
int64_t panelColumns(const TargetDescription &target);
/// The micro-kernel rows on `target` of runs that leave out the padding's
/// products (ContractionShape::tapGroup): as many as leave room beside
/// their sums for the broadcasts of their unrolled taps.
int64_t unrolledTapMicroRows(const TargetDescription &target);
/// Those of such runs that must lie within groups of `rowGroup` rows
/// (ContractionShape::rowGroup): the largest divisor of the group from
/// half unrolledTapMicroRows to all of them, or 0 where none is.
int64_t groupedMicroRows(const TargetDescription &target, int64_t rowGroup);
/// The tiles `shape`'s rows are cut into on `target`; each packs the rhs
/// again.
int64_t rowTileCount(const TargetDescription &target,
                     const ContractionShape &shape);

/// Where the elements of one contraction live, as code emitted through the
/// kernel's builder. Offsets index `lhs`, the lhs memref collapsed to 1-D.
/// The N columns form a grid of rows of `gridInner` columns, of which the
/// first `validInner` are results (a convolution may compute a few more
/// per row so that its patches are contiguous); the epilogue walks the grid
/// row by row, so that its inner loop is contiguous in the output.
struct TiledContraction {
  ContractionShape shape;
  int64_t gridInner = 1, validInner = 1;
  mlir::Value lhs;
  /// The offset of lhs(batch, row, 0).
  std::function<mlir::Value(mlir::Value batch, mlir::Value row)> lhsRowOffset;
  /// Emitted before the micro-kernels of the slice [k0, k0 + count) of the
  /// contracting range, outside their loops (for per-slice tables).
  std::function<void(mlir::Value k0, mlir::Value count)> beginSlice;
  /// Emitted at the start of each tile, whose columns are [n0, n0 + count)
  /// (for per-tile tables); null when the view needs none.
  std::function<void(mlir::Value n0, mlir::Value count)> beginTile;
  /// The offset of lhs(batch, row, k) from lhs(batch, row, 0), where `kk`
  /// is k's position in the current slice.
  std::function<mlir::Value(mlir::Value k, mlir::Value kk)> lhsColumnOffset;
  /// The element rhs(batch, k, n), reporting an unsupported op on failure.
  std::function<mlir::FailureOr<mlir::Value>(mlir::Value batch, mlir::Value k,
                                             mlir::Value n)>
      rhsElement;
  /// Where every row of the rhs lies contiguously in memory, rhs(batch, k,
  /// n) = rhsRows[rhsRowOffset(batch, k) + n] (a plain rhs argument or
  /// constant, a convolution's contiguous patches): the engine then packs
  /// whole vectors. Null where rows are read element by element.
  mlir::Value rhsRows;
  std::function<mlir::Value(mlir::Value batch, mlir::Value k)> rhsRowOffset;
  /// Where every column of the rhs lies contiguously along k in memory
  /// instead, rhs(batch, k, n) = rhsColumns[rhsColumnOffset(n) + k], shared
  /// by the images (a feature-column convolution's kernel, OIHW or any
  /// layout with its output feature outermost): the engine then packs
  /// squares of lanes columns x lanes k, transposed in registers. Null
  /// otherwise.
  mlir::Value rhsColumns;
  std::function<mlir::Value(mlir::Value n)> rhsColumnOffset;
  /// Where the rhs is a constant of the graph (the weights of a model's
  /// dot or feature-column convolution): its elements, rhs(batch, k, n) at
  /// rhsConstantOffsets.batch[batch] + .k[k] + .n[n] (batch 0 only where
  /// the shape's sharedRhs). The engine then packs the panels while compiling,
  /// into a constant of their own, and packs nothing at run time.
  mlir::DenseElementsAttr rhsConstant;
  struct ConstantOffsets {
    llvm::SmallVector<int64_t> batch, k, n;
  } rhsConstantOffsets;
  /// Where the view loads the rhs by vectors itself (a convolution's
  /// patches, read under masks from the unpadded input): vector `q` of row
  /// k of the tile, columns n0 + q * lanes on (beginTile's n0), zero at the
  /// lanes past N and at the padding's. Null where the engine packs from
  /// rhsRows or rhsElement.
  std::function<mlir::Value(mlir::Value batch, mlir::Value k, mlir::Value q)>
      rhsVector;
  /// Whether rhsVector's vectors are packed k innermost, each vector of the
  /// tile down the slice's k: where what a vector reads besides k (its
  /// masks, where its segments start) is the same for every k, as for a
  /// 1x1 strided convolution, it then stays in registers. Elsewhere k is
  /// outermost (TiledPacking.cpp).
  bool rhsVectorAlongK = false;
  /// The indices of the op's result at (batch, row) and the column in grid
  /// row `gridRow`, position `gridColumn` (< validInner). With rowsInner,
  /// the rows form the grid instead, all valid, and the second argument is
  /// the column.
  std::function<llvm::SmallVector<mlir::Value>(
      mlir::Value batch, mlir::Value row, mlir::Value gridRow,
      mlir::Value gridColumn)>
      resultIndices;
  /// With ContractionShape::tapGroup or featuresPerTap: whether tap `tap`
  /// (of the kernel's spatial dims, in their order) of row `row` reads
  /// inside the input. The micro-kernels are
  /// specialized on it, per run of rows; a product they leave out is one
  /// with the padding's zero.
  std::function<bool(int64_t tap, int64_t row)> tapReachesRow;
  /// And the offsets, known while compiling, that the specialized
  /// micro-kernels address the lhs by: row `row`'s from its image's
  /// (lhsRowOffset's), and k = f * tapGroup + tapRow * tapRowLength + tap's
  /// from the row's, f * lhsFeatureStride + tapRow * lhsTapRowStride +
  /// tap * lhsTapStride (lhsColumnOffset's).
  std::function<int64_t(int64_t row)> rowOffsetInImage;
  int64_t lhsFeatureStride = 0, lhsTapRowStride = 0, lhsTapStride = 0;
  /// Whether the op's result lies in memory as [batch][M][N], row-major,
  /// so that the columns of a row are one run of the output: where the
  /// fusion returns the contraction alone, the micro-kernel then stores its
  /// final sums there, with no pass through the accumulator block.
  bool resultIsMatrix = false;
  /// Whether it lies as [batch][N][M] instead, so that the rows of a
  /// column are one run of the output (a feature-column convolution's
  /// NCHW output): where the micro-kernels transpose their sums
  /// (Tiling::transposedRows), they then store their final ones there.
  bool resultIsTransposedMatrix = false;
};

/// Convolutions (TiledConvolution.cpp), for the entry points here: the
/// shape of `conv` as a contraction, or nothing when the tiled engine does
/// not take it.
std::optional<ContractionShape>
matchConvolution(hlo::ConvolutionOp conv, const TargetDescription &target);
/// The implicit GEMM of a matched convolution whose kernel is `lhs`, a flat
/// view.
TiledContraction buildConvolution(KernelBuild &build, ContractionShape shape,
                                  mlir::Value lhs);
/// A matched convolution that takes its output positions as rows
/// (ContractionShape::featureColumns).
TiledContraction buildFeatureColumnConvolution(KernelBuild &build,
                                               ContractionShape shape);
/// Whether `conv`'s kernel is an input of its fusion (no constant), of one
/// feature group, laid out with its output feature outermost (OIHW), so
/// that each feature column is one run along k: packed per call by squares
/// transposed in registers (TiledContraction::rhsColumns), its panels cost
/// little per row tile.
bool hasKernelColumnRuns(hlo::ConvolutionOp conv);

/// The contraction of a fusion that matchTiledContraction accepted, its
/// views created at the kernel's entry.
TiledContraction buildTiledContraction(KernelBuild &build,
                                       const ContractionShape &shape);

/// The packed operand of a tiled contraction (a dot's rhs, a feature-column
/// convolution's kernel) where it is one of the graph's inputs read as it
/// is: a call that declares its weights unchanged (RunOptions::
/// weightsUnchanged) keeps its panels between calls, in `floats` floats of
/// the weights cache (runtime/KilnRuntime.h), one run of [nc / nr][kc][nr]
/// per (batch, column tile, slice of k) in that order (one batch where
/// ContractionShape::sharedRhs).
struct PackedWeights {
  /// The fusion input packed, and the graph argument it is.
  unsigned input;
  unsigned graphArgument;
  int64_t floats;
  /// How many times a call without the cache packs each panel: once per
  /// row tile (and image, where the rhs is shared). Past one, the graph
  /// packs them once into a slot of its own first (KILN_WEIGHTS_PACK_ONLY).
  int64_t packsPerPanel;
  /// Whether it does so on several threads too, where many tiles would
  /// pack panels that pass the caches.
  bool packsOnceOnEveryThreadCount;
};
std::optional<PackedWeights>
matchPackedWeights(hlo::FusionOp fusion, const TargetDescription &target);

/// Bytes of the panels that `fusion`'s contraction reads packed before the
/// call: a constant rhs's, packed while compiling, or a weights cache
/// slot's (matchPackedWeights); 0 for any other fusion.
int64_t prepackedPanelBytes(hlo::FusionOp fusion,
                            const TargetDescription &target);

/// Tiled structure (KernelEmitterTiled.cpp): packed rhs panels and a
/// register-blocked vector micro-kernel sized by the build's target, then
/// the epilogue per tile. Returns the number of tasks.
mlir::FailureOr<int64_t> emitTiledKernel(KernelBuild &build,
                                         const ContractionShape &shape);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_TILEDCONTRACTION_H
