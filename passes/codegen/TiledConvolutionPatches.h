//===- TiledConvolutionPatches.h - A convolution's patch readers -*- C++
//-*-===//
//
// What TiledConvolution.cpp's entry points and its patch readers
// (TiledConvolutionPatches.cpp) share: a convolution's window, the dims its
// contracting index k runs over, and the offsets in the flat input that
// the readers load from; and the readers, each of which fills in the rhs
// of the implicit GEMM (TiledContraction's rhs fields) one way.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_TILEDCONVOLUTIONPATCHES_H
#define KILN_PASSES_CODEGEN_TILEDCONVOLUTIONPATCHES_H

#include "passes/codegen/TiledContraction.h"

#include "dialects/hlo/HloDialect.h"

namespace kiln {

/// Row-major strides of `shape`, in elements.
llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape);

/// A convolution's window along each spatial dim, defaults filled in.
struct ConvolutionWindow {
  llvm::SmallVector<int64_t> strides, dilations, padLow, inputSizes;
  /// Whether a tap can fall outside the input along each spatial dim.
  llvm::SmallVector<bool> mayLeave;

  explicit ConvolutionWindow(hlo::ConvolutionOp conv);
  bool staysInside() const;
  /// Whether `tap` of output position `position` (each per spatial dim)
  /// reads inside the input.
  bool reaches(llvm::ArrayRef<int64_t> position,
               llvm::ArrayRef<int64_t> tap) const;
  /// The same along spatial dim `d` alone.
  bool reachesAlong(size_t d, int64_t position, int64_t tap) const;
};

/// The dims k runs over, outermost first: the kernel's dims but its output
/// feature, in the kernel's layout order (the order the interpreter sums
/// in), so that consecutive k are adjacent weights wherever the layout
/// allows.
struct ConvolutionK {
  llvm::SmallVector<int64_t> shape;
  /// Per k dim: the spatial dim it steps, or -1 for the input feature.
  llvm::SmallVector<int64_t> spatialDim;

  explicit ConvolutionK(hlo::ConvolutionOp conv);
  /// The taps (one per spatial dim) and the input feature of `k`.
  std::pair<llvm::SmallVector<mlir::Value>, mlir::Value>
  split(const IndexMath &math, mlir::Value k) const;
};

/// A convolution's feature groups in its implicit GEMM: each batch is one
/// group of one image (batch = image * groups + group), its rows the
/// group's output features, its k the group's input features and taps
/// (hlo::isGroupedMatrixConvolution). Without groups, batches are images.
struct ConvolutionGroups {
  int64_t groups, images;
  /// Features per group of the output and of the input.
  int64_t outputFeatures, inputFeatures;

  explicit ConvolutionGroups(hlo::ConvolutionOp conv);
  /// The image of `batch`, and its group (null where there is one group).
  std::pair<mlir::Value, mlir::Value> split(const IndexMath &math,
                                            mlir::Value batch) const;
  /// Feature `feature` of `group` (null: the only one), `perGroup`
  /// features a group, as a feature of the whole tensor.
  static mlir::Value feature(const IndexMath &math, mlir::Value group,
                             int64_t perGroup, mlir::Value feature);
  /// Output feature `feature` of `batch`'s group, as the result's feature.
  mlir::Value outputFeature(const IndexMath &math, mlir::Value batch,
                            mlir::Value feature) const;
};

/// What the patch readers that load the flat input share: the input as one
/// dim, and per (batch, k) the offset of the tap's origin in it. A patch
/// element is the input at that offset plus its column's.
struct PatchOrigins {
  IndexMath math;
  mlir::Value flat;
  ConvolutionK kDims;
  ConvolutionGroups groups;
  llvm::SmallVector<int64_t> tapStrides;
  int64_t batchStride, featureStride;
  /// The output's positions, and how far each spatial step of one moves
  /// the window's origin in the input (the window stride * the dim's).
  llvm::SmallVector<int64_t> outputPositions, positionStrides;

  PatchOrigins(KernelBuild &build, hlo::ConvolutionOp conv, IndexMath math,
               const ConvolutionK &kDims);
  /// The offset of output position `position`'s window origin from its
  /// image's.
  mlir::Value positionOffset(mlir::Value position) const;
  /// The offset of tap `k`'s origin from its image's.
  mlir::Value tapOffset(mlir::Value k) const;
  /// The offset of `batch`'s first input feature at the image's origin
  /// (an image, or an image's group: k then runs over the group's input
  /// features).
  mlir::Value batchOrigin(mlir::Value batch) const;
  /// The offset of tap `k`'s origin in `batch`.
  mlir::Value origin(mlir::Value batch, mlir::Value k) const;
  /// The element at the origin of tap `k` of `batch`, plus `column`.
  mlir::Value load(mlir::Value batch, mlir::Value k, mlir::Value column) const;
};

/// Whether the patch rows of `conv` lie contiguously in its input: in
/// memory, hlo::slidesOverTrailingDims, no padding. Columns then run over
/// the input's positions (rows of the input's width, of which the output's
/// width are results) and a patch element is the input at a fixed offset
/// from the column (TiledContraction.h's grid).
bool hasContiguousPatches(hlo::ConvolutionOp conv);

/// The rhs readers: each sets the rhs fields of `contraction` (and
/// beginTile where it keeps per-tile tables) for `conv`'s patches.
/// Contiguous patches (hasContiguousPatches).
void readContiguousPatches(TiledContraction &contraction, KernelBuild &build,
                           hlo::ConvolutionOp conv, IndexMath math,
                           const ConvolutionK &kDims);
/// Padding read under masks where output rows are runs of the input
/// (hlo::hasSameWidthPatches).
void readMaskedPatches(TiledContraction &contraction, KernelBuild &build,
                       hlo::ConvolutionOp conv, IndexMath math,
                       const ConvolutionK &kDims);
/// Padding and strides read under masks by segments of output rows (any
/// other hlo::isMaskedPatchConvolution).
void readSegmentedPatches(TiledContraction &contraction, KernelBuild &build,
                          hlo::ConvolutionOp conv, IndexMath math,
                          const ConvolutionK &kDims);
/// Taps inside the input, columns' offsets from a per-tile table.
void readTabledPatches(TiledContraction &contraction, KernelBuild &build,
                       hlo::ConvolutionOp conv, IndexMath math,
                       const ConvolutionK &kDims);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_TILEDCONVOLUTIONPATCHES_H
