//===- HloDialect.h - The hlo dialect, its attributes and ops ---*- C++ -*-===//
//
// Public header of Kiln's graph dialect: include this to use hlo ops.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_HLO_HLODIALECT_H
#define KILN_DIALECTS_HLO_HLODIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/hlo/HloDialect.h.inc"
#include "dialects/hlo/HloEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/hlo/HloAttrs.h.inc"

#define GET_OP_CLASSES
#include "dialects/hlo/HloOps.h.inc"

namespace kiln::hlo {

/// The most bytes a folder may materialize as a new constant that was not in
/// the input; larger results stay as ops so a graph never balloons.
constexpr int64_t kMaxFoldedConstantBytes = 64 * 1024;

/// Whether `reduce` sums one f32 input with a body that is just
/// `hlo.return (hlo.add %acc, %x)`: the reference interpreter takes such
/// sums exactly (StableHLO leaves the order of a reduction open).
bool isPlainF32Sum(ReduceOp reduce);
/// The one op of a two-argument body (reduce, reduce_window, scatter) when
/// it returns that op applied to its two arguments, in either order; else
/// null.
mlir::Operation *binaryCombiner(mlir::Region &body);
/// The one op of `reduce`'s body when the reduce has one f32 input and the
/// body returns that op applied to its two arguments (in either order),
/// as `applies hlo.maximum` writes it; else null.
mlir::Operation *plainF32Combiner(ReduceOp reduce);

/// A stable sort of `inputs` (of one shape) along `dimension` by the first
/// alone, ascending for `LT` or descending for `GT`, floats in total order:
/// lax.sort with one key, and top_k's decomposition (HloDecompositions.cpp).
SortOp buildSortByFirst(mlir::OpBuilder &builder, mlir::Location loc,
                        mlir::ValueRange inputs, int64_t dimension,
                        ComparisonDirection direction);

//===----------------------------------------------------------------------===//
// Op categories (HloOpCategories.cpp): what fusion and codegen need to know
//===----------------------------------------------------------------------===//

/// Ops a kernel computes element by element from the same element of each
/// operand: unary/binary arithmetic, compare, select, clamp, convert.
bool isElementwise(mlir::Operation *op);
/// Cheap producers may be duplicated into several consumers: recomputing
/// one costs an index computation and at most a load of a smaller operand.
bool isCheapToDuplicate(mlir::Operation *op);
/// dot_general and convolution: a kernel computes them with loops of their
/// own (output fusion).
bool isContraction(mlir::Operation *op);
/// A convolution that reads as one matrix product per image (Kiln's tiled
/// kernels compute it so): f32 operands and result, one feature and batch
/// group, no input dilation, no window reversal.
bool isMatrixConvolution(ConvolutionOp conv);
/// A convolution that reads as one matrix product per image and feature
/// group (Kiln's tiled kernels compute it so, each group a batch of its
/// own): what isMatrixConvolution asks but the one feature group, and at
/// least kMinGroupedConvolutionFeatures input features per group. With
/// fewer, each output sums few features' taps (depthwise with one), which
/// the row and loop kernels compute along the output rows or the
/// features: 64 groups of 2 features, 3x3 on 56x56, took 0.39 ms in the
/// loop kernel and 0.66 as products at 512 bits, NCHW (2.9 and 4.4
/// NHWC); 32 groups of 4, 7.3 and 0.54 (9.2 and 3.6 NHWC).
bool isGroupedMatrixConvolution(ConvolutionOp conv);
constexpr int64_t kMinGroupedConvolutionFeatures = 4;
/// Whether the spatial dims of `conv`'s input are its last ones, at most
/// two, in order: an output row's patch elements then lie along one input
/// row (TiledConvolutionPatches.cpp).
bool hasTrailingSpatialDims(ConvolutionOp conv);
/// hasTrailingSpatialDims, and the window slides by one: each tap then reads
/// an output row's elements from a run of an input row.
bool slidesOverTrailingDims(ConvolutionOp conv);
/// slidesOverTrailingDims, and one spatial dim or output rows as wide as
/// the input's: consecutive output positions then read consecutive input
/// elements across rows too.
bool hasSameWidthPatches(ConvolutionOp conv);
/// A matrix convolution, or a grouped one (isGroupedMatrixConvolution),
/// whose padding and strides Kiln's tiled kernel reads itself, by masked
/// loads of the unpadded input (TiledConvolutionPatches.cpp):
/// hasTrailingSpatialDims, padding none negative, some padding or a stride
/// (else the patches are contiguous as they are), a stride along the row of
/// at most kMaxMaskedPatchStride, at most kMaxMaskedPatchTaps taps, and
/// unless hasSameWidthPatches (read by segments of output rows) at most
/// kMaxSegmentedRowTaps along the row, where grouped at least
/// kMinMaskedGroupFeatures output features a group, and, where strided and
/// with one feature group, patches not many more elements than the
/// convolution moves as feature columns (those read their padded input in
/// place).
/// kiln-pad-windows leaves its padding alone.
bool isMaskedPatchConvolution(ConvolutionOp conv);
constexpr int64_t kMaxMaskedPatchStride = 2;
constexpr int64_t kMaxMaskedPatchTaps = 1024;
constexpr int64_t kMaxSegmentedRowTaps = 64;
/// ResNeXt's 3x3 on 56x56, 32 groups of 4 features, took 0.60 ms at 512
/// bits and 1 thread under masks, 0.54 from a padded copy; 32 groups of 8
/// on 28x28, 0.41 against 0.43.
constexpr int64_t kMinMaskedGroupFeatures = 8;
/// A matrix convolution whose padding Kiln's tiled kernel leaves out
/// itself, its output positions as rows over the unpadded input and, per
/// run of them and tap, only the rows whose tap reads inside it
/// (TiledConvolution.cpp): padded (none negative), features innermost in
/// input and output (NHWC, JAX's layout), the kernel's input feature after
/// its spatial dims (HWIO: the interpreter sums each tap's features in
/// turn), at least kMinMaskedTapFeatures input features per tap, at most
/// kMaxMaskedTaps taps, and output features that fill whole vectors of 16
/// to three quarters or more. kiln-pad-windows leaves its padding alone.
bool isMaskedTapConvolution(ConvolutionOp conv);
constexpr int64_t kMinMaskedTapFeatures = 16;
constexpr int64_t kMaxMaskedTaps = 49;
/// A depthwise convolution Kiln's row kernels compute in vectors along the
/// output rows, padding included (KernelEmitterRowWindow.cpp): f32, images
/// [batch, feature, height, width] in and out, one group per feature (a
/// kernel of one input feature, as many output features), a kernel with its
/// height before its width, a width stride of 1 or 2, no input dilation,
/// reversal or negative padding, and input rows of at most
/// kMaxDepthwiseRow elements.
bool isRowDepthwiseConvolution(ConvolutionOp conv);
constexpr int64_t kMaxDepthwiseRow = 4096;
/// A pooling window the same row kernels compute (max or sum pooling): one
/// f32 input [batch, feature, height, width] with an f32 init value, windows
/// over the last two dims only, a width stride of 1 or 2, no base dilation
/// or negative padding, input rows of at most kMaxDepthwiseRow elements, and
/// a body that is one hlo.maximum or hlo.add of its two arguments. Its
/// padding reads the init value.
bool isRowPoolingWindow(ReduceWindowOp window);
/// Whether the windows of `window` overlap along some dim, so that it reads
/// input elements more than once (fusion then keeps its producers out).
bool hasOverlappingWindows(ReduceWindowOp window);
/// reduce and reduce_window: a kernel computes them with loops of their own
/// (input fusion).
bool isReduction(mlir::Operation *op);
/// while, if and case: their regions are graphs that run between kernels,
/// not bodies a kernel computes (HloControlFlow.cpp).
bool isControlFlow(mlir::Operation *op);
/// The blocks that fusion and code generation treat as graphs: `body`'s
/// block and, in pre-order, the blocks of the control-flow ops in them.
llvm::SmallVector<mlir::Block *> graphBlocks(mlir::Region &body);

} // namespace kiln::hlo

#endif // KILN_DIALECTS_HLO_HLODIALECT_H
