//===- TiledConvolution.cpp - Convolutions as implicit GEMMs -------------===//
//
// convolution: an implicit GEMM per image. Rows are the output features,
// columns the output positions, and k runs over the kernel's taps and input
// features in the kernel's layout order (OIHW: features outer; HWIO: taps
// outer), the interpreter's order, so each output sums the same products in
// the same order and consecutive k read adjacent weights. The kernel is the
// lhs, in any layout: a table per k slice holds each k's offset in it. The
// rhs is the input patch element, zero on padding, gathered while packing
// (im2col without the buffer), or read by one of the patch readers of
// TiledConvolutionPatches.cpp: contiguously, under masks, by segments of
// output rows, or through a per-tile table of offsets.
// Or the other way round (feature columns, where that gathers fewer
// elements): rows are the output positions, their lhs the input read in
// place, and the rhs the weights, packed. With a constant kernel on a small
// padded image, feature columns read the unpadded input and the
// micro-kernels leave out the products with the padding, which rows of
// features would compute (ContractionShape::tapGroup); so do padded
// channels-last convolutions with HWIO weights, tap by tap
// (ContractionShape::featuresPerTap). A grouped convolution is a product
// per image and feature group, its output features as rows
// (ConvolutionGroups).
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/TiledConvolutionPatches.h"

#include "passes/codegen/ScalarSemantics.h"
#include "passes/codegen/TensorShapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln {

/// A convolution takes its output features as columns only where at most
/// 1 / kMaxIdleLanesDenominator of the panels' lanes would be idle.
constexpr int64_t kMaxIdleLanesDenominator = 4;
/// With a constant kernel, it takes them wherever its positions as columns
/// would leave 1 / kIdlePositionLanesDenominator of the lanes idle or more
/// (a 7x7 output: 49 of 64 at 512 bits; 14x14, 196 of 224).
constexpr int64_t kIdlePositionLanesDenominator = 8;

/// Whether `conv`'s kernel holds its output features innermost (HWIO, as
/// JAX and TensorFlow lay it out): each k's weights are a run of the
/// features, which feature columns pack into panels whole vectors at a
/// time, not an element at a time as they gather patches.
static bool hasKernelFeatureRuns(hlo::ConvolutionOp conv) {
  return conv.getDimensionNumbers().getKernelOutputFeatureDimension() ==
         static_cast<int64_t>(shapeOf(conv.getRhs()).size()) - 1;
}

/// Whether `conv` is better computed as `columns` (its output features as
/// columns) than as `rows` (features x positions). As columns its input is
/// read in place (every tap inside it, after kiln-pad-windows), and what
/// costs is moving elements one at a time: each row tile gathers the
/// weights into panels (unless they are a constant, packed while
/// compiling), and each output is transposed once more on its way to the
/// epilogue. As rows, the patches are gathered instead, unless their
/// rows are contiguous runs of the input or read by masked loads
/// (hlo::isMaskedPatchConvolution), which keep the rows, but where a
/// constant kernel's features fill lanes that a small image's positions
/// would leave idle. Whole panels of features must leave few lanes idle.
static bool prefersFeatureColumns(hlo::ConvolutionOp conv,
                                  const ContractionShape &rows,
                                  const ContractionShape &columns,
                                  const TargetDescription &target) {
  int64_t features = rows.m, positions = rows.n;
  int64_t nr = panelColumns(target);
  // The last panel narrows to one vector where what is left of N fits one
  // (emitTiledKernel), so the features round up to whole vectors.
  int64_t lanes = target.lanes(4);
  int64_t paddedFeatures = (features + lanes - 1) / lanes * lanes;
  if (!isInMemory(conv.getLhs()) || !ConvolutionWindow(conv).staysInside() ||
      paddedFeatures * kMaxIdleLanesDenominator >
          features * (kMaxIdleLanesDenominator + 1))
    return false;
  // A constant kernel's panels cost nothing per call (packed while
  // compiling), those packed by squares little (hasKernelColumnRuns): the
  // features fill the lanes a small image's positions leave idle, whatever
  // reads the patches otherwise (1x1 stride 2 on 14x14, 7x7 outputs: 0.169
  // -> 0.135 ms with a constant kernel, 0.168 -> 0.135 with an argument; on
  // 28x28, 14x14 outputs, 12.5% idle at 512 bits: 0.073 -> 0.065 ms at 1
  // thread, 0.037 -> 0.033 at 2, in one tile per column tile,
  // kMinFeatureColumnTiles).
  bool constantKernel = bool(storedConstant(conv.getRhs()));
  int64_t paddedPositions = (positions + nr - 1) / nr * nr;
  if ((constantKernel || hasKernelColumnRuns(conv)) &&
      (paddedPositions - positions) * kIdlePositionLanesDenominator >=
          paddedPositions)
    return true;
  if (hasContiguousPatches(conv) || hlo::isMaskedPatchConvolution(conv))
    return false;
  int64_t gatheredPatches = rows.k * positions * rowTileCount(target, rows);
  // Constant weights are packed while compiling; a kernel whose output
  // features are its inner dim is packed a vector at a time.
  int64_t gatheredWeights =
      constantKernel ? 0 : rows.k * features * rowTileCount(target, columns);
  if (hasKernelFeatureRuns(conv))
    gatheredWeights /= lanes;
  // Each output is moved once more by the form whose rows are not the
  // output's inner dim: feature columns transpose their sums where the
  // positions are (NCHW), rows of features scatter theirs where the
  // features are (NHWC).
  int64_t transposedOutputs = features * positions;
  if (columns.rowsInner)
    gatheredWeights += transposedOutputs;
  else
    gatheredPatches += transposedOutputs;
  return gatheredWeights < gatheredPatches;
}

/// The most taps per input feature that the micro-kernels unroll where
/// they leave out the padding's products.
constexpr int64_t kMaxUnrolledTaps = 25;
/// They leave them out where that computes at most
/// kSkippedTapsNumerator / kSkippedTapsDenominator of the multiply-adds of
/// rows of features: a 3x3 window on 7x7 and 14x14 outputs (18% and 9% of
/// its products are with the padding; 7x7 positions also leave 15 of 64
/// lanes idle at 512 bits). With a contraction of kMinLongContraction or
/// more, also where they compute no more: rows of features pack the patches
/// per call, where columns read the input in place (3x3 on 28x28 and 56x56,
/// 4.6% and 2.4% with the padding, ResNet-18's layers 6-10% faster). A
/// short one would not pay for what columns add per output (a transposed
/// store, a run's table entry): MobileNetV2's stem, 27 long, 1% fewer
/// products, 6% slower. Columns count whole panels: 16 features on 512-bit
/// panels of 32 columns compute twice their products, and take rows.
constexpr int64_t kSkippedTapsNumerator = 9;
constexpr int64_t kSkippedTapsDenominator = 10;
constexpr int64_t kMinLongContraction = 64;
/// Runs of micro-kernel rows within output rows must hold more sums than
/// the FMAs in flight (two pipes of 4 cycles' latency); where the rows that
/// divide an output row hold no more (AVX2's 4 rows of 2 vectors on rows
/// of 28 or 56 outputs, where every late operand stalls a pipe), or where
/// none divides it (AVX2 code on rows of 7 or 14), the runs cross output
/// rows instead. AVX2 code on Zen 5, 1 / 2 threads, ContractionBench with
/// a constant kernel: 3x3 64@56 took 2.33 / 1.24-1.25 ms as rows of
/// features, 2.20-2.26 / 1.16-1.22 in runs of 5 rows across output rows;
/// 256@14 2.41-2.52 / 1.22-1.29 in runs of 7 rows of one vector, 2.03-2.09
/// / 1.08-1.12 across rows; 512@7 2.21-2.24 / 1.11 against 1.80-1.92 /
/// 0.91-1.00.
constexpr int64_t kFmasInFlight = 8;

/// Whether tap `t` (of k's spatial dims, in their order in kDims) of output
/// position `position` (over `outputPositions`) reads inside the input.
static bool tapReachesPosition(const ConvolutionWindow &window,
                               const ConvolutionK &kDims,
                               ArrayRef<int64_t> outputPositions, int64_t t,
                               int64_t position) {
  SmallVector<int64_t> at(outputPositions.size()), tap(outputPositions.size());
  for (int64_t d = at.size(); d-- > 0; position /= outputPositions[d])
    at[d] = position % outputPositions[d];
  for (int64_t i = kDims.shape.size(); i-- > 0;)
    if (int64_t d = kDims.spatialDim[i]; d >= 0) {
      tap[d] = t % kDims.shape[i];
      t /= kDims.shape[i];
    }
  return window.reaches(at, tap);
}

bool hasKernelColumnRuns(hlo::ConvolutionOp conv) {
  return isa<BlockArgument>(conv.getRhs()) &&
         conv.getFeatureGroupCount() == 1 &&
         conv.getDimensionNumbers().getKernelOutputFeatureDimension() == 0;
}

/// The taps per input feature where `conv` takes its output features as
/// columns on its unpadded input, leaving out the padding's products
/// (ContractionShape::tapGroup), or 0. The interpreter leaves them out too
/// (as XLA's elemental convolution does), so the results are its own, bit
/// for bit, whatever the weights: an infinite or NaN weight's products with
/// the padding are not NaN. It needs a kernel whose panels cost little: a
/// constant (packed while compiling) or runs of its columns along k
/// (hasKernelColumnRuns; element by element, ResNet's 3x3 512@7 with the
/// kernel an argument took 6.41 ms at 512 bits so, 2.77 as rows of
/// features), whose k runs over each input feature's taps innermost
/// (OIHW), and the input in memory, read in place. Sets `rowGroup` to the
/// output rows' length where the runs lie within them, or to 0.
static int64_t skippedTapGroup(hlo::ConvolutionOp conv,
                               const ContractionShape &rows,
                               const TargetDescription &target,
                               int64_t &rowGroup) {
  ConvolutionWindow window(conv);
  ConvolutionK kDims(conv);
  bool constantKernel = bool(storedConstant(conv.getRhs()));
  // Two spatial dims, the taps' rows along the first, and runs of
  // micro-kernel rows that fit an output row.
  ArrayRef<int64_t> resultShape = shapeOf(conv.getResult());
  ArrayRef<int64_t> outputSpatial =
      conv.getDimensionNumbers().getOutputSpatialDimensions();
  if ((!constantKernel && !hasKernelColumnRuns(conv)) ||
      !isInMemory(conv.getLhs()) || window.staysInside() ||
      kDims.spatialDim != ArrayRef<int64_t>{-1, 0, 1})
    return 0;
  int64_t rowLength = resultShape[outputSpatial[1]];
  rowGroup = groupedMicroRows(target, rowLength) * kPanelVectors > kFmasInFlight
                 ? rowLength
                 : 0;
  ArrayRef<int64_t> tapShape = ArrayRef<int64_t>(kDims.shape).drop_front();
  int64_t taps = product(tapShape);
  if (taps > kMaxUnrolledTaps)
    return 0;
  // Multiply-adds per feature column: rows of features compute every
  // position's products, feature columns those inside the input. A tap of
  // a position reaches inside where it does along each dim, so the pairs
  // inside are the product over dims of those inside along each.
  int64_t inside = 1;
  for (auto [d, dim] : llvm::enumerate(outputSpatial)) {
    int64_t along = 0;
    for (int64_t p = 0; p < resultShape[dim]; ++p)
      for (int64_t t = 0; t < tapShape[d]; ++t)
        along += window.reachesAlong(d, p, t);
    inside *= along;
  }
  int64_t lanes = target.lanes(4), nr = panelColumns(target);
  int64_t asRows = rows.m * ((rows.n + lanes - 1) / lanes * lanes) * taps;
  int64_t asColumns = (rows.m + nr - 1) / nr * nr * inside;
  bool fewer =
      asColumns * kSkippedTapsDenominator <= asRows * kSkippedTapsNumerator;
  bool noMore = asColumns <= asRows && rows.k >= kMinLongContraction;
  return fewer || noMore ? taps : 0;
}

std::optional<ContractionShape>
matchConvolution(hlo::ConvolutionOp conv, const TargetDescription &target) {
  bool grouped = hlo::isGroupedMatrixConvolution(conv);
  if (!hlo::isMatrixConvolution(conv) && !grouped)
    return std::nullopt;
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ArrayRef<int64_t> kernelShape = shapeOf(conv.getRhs());
  ArrayRef<int64_t> resultShape = shapeOf(conv.getResult());
  ConvolutionGroups groups(conv);
  ContractionShape shape;
  shape.op = conv;
  shape.batch = groups.images * groups.groups;
  shape.m = groups.outputFeatures;
  for (int64_t d : dn.getOutputSpatialDimensions())
    shape.n *= resultShape[d];
  shape.k = groups.inputFeatures;
  for (int64_t d : dn.getKernelSpatialDimensions())
    shape.k *= kernelShape[d];
  ContractionShape columns = shape;
  std::swap(columns.m, columns.n);
  columns.featureColumns = true;
  columns.sharedRhs = true;
  columns.rowsInner = dn.getOutputFeatureDimension() !=
                      static_cast<int64_t>(resultShape.size() - 1);
  // Each group of each image is a product of its own. Channels last, its
  // output features are columns over its positions, read in place from
  // the padded copy (kiln-pad-windows), where its patches as columns would
  // be gathered an element at a time; elsewhere they are rows over its
  // patches, read under masks or from the padded copy
  // (hlo::isMaskedPatchConvolution).
  if (grouped) {
    if (!columns.rowsInner && isInMemory(conv.getLhs()) &&
        ConvolutionWindow(conv).staysInside()) {
      columns.groups = groups.groups;
      return columns;
    }
    if (!isInMemory(conv.getRhs()))
      return std::nullopt;
    return shape;
  }
  int64_t rowGroup = 0;
  if ((columns.tapGroup = skippedTapGroup(conv, shape, target, rowGroup))) {
    columns.tapRowLength = kernelShape[dn.getKernelSpatialDimensions()[1]];
    columns.rowGroup = rowGroup;
    return columns;
  }
  // Padded and channels last, the runs of rows leave out the padding tap
  // by tap (3x3 512@7 at 512 bits computes 18% fewer products).
  if (hlo::isMaskedTapConvolution(conv) && isInMemory(conv.getLhs())) {
    columns.featuresPerTap = kernelShape[dn.getKernelInputFeatureDimension()];
    return columns;
  }
  if (prefersFeatureColumns(conv, shape, columns, target))
    return columns;
  // Otherwise the weights are the lhs, read in place.
  if (!isInMemory(conv.getRhs()))
    return std::nullopt;
  return shape;
}

/// The indices of a convolution's result at (batch, feature, position),
/// the feature one of the batch's group.
static SmallVector<Value> outputIndices(hlo::ConvolutionOp conv,
                                        const IndexMath &math, Value batch,
                                        Value feature,
                                        ArrayRef<Value> position) {
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ConvolutionGroups groups(conv);
  auto [image, group] = groups.split(math, batch);
  SmallVector<Value> indices(shapeOf(conv.getResult()).size());
  indices[dn.getOutputBatchDimension()] = image;
  indices[dn.getOutputFeatureDimension()] =
      ConvolutionGroups::feature(math, group, groups.outputFeatures, feature);
  for (auto [d, dim] : llvm::enumerate(dn.getOutputSpatialDimensions()))
    indices[dim] = position[d];
  return indices;
}

/// Sets resultIndices for a convolution whose grid rows are the output's
/// positions but the last, its grid columns the last, and whose second
/// argument is the output feature.
static void setGridResultIndices(TiledContraction &contraction,
                                 hlo::ConvolutionOp conv, IndexMath math,
                                 SmallVector<int64_t> outputPositions) {
  contraction.resultIndices =
      [math, conv, outputPositions](Value batch, Value feature, Value gridRow,
                                    Value gridColumn) {
        SmallVector<Value> position;
        if (!outputPositions.empty()) {
          position = math.delinearize(
              gridRow, ArrayRef<int64_t>(outputPositions).drop_back());
          position.push_back(gridColumn);
        }
        return outputIndices(conv, math, batch, feature, position);
      };
}

/// A table of one index per k of a slice, on the stack.
static Value allocSliceTable(KernelBuild &build, Location loc, int64_t k) {
  OpBuilder &b = build.emitter.getBuilder();
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&build.kernel.front());
  return b.create<memref::AllocaOp>(
      loc, MemRefType::get({std::min(k, kMaxSliceK)}, b.getIndexType()));
}

/// Fills `table` with `offsetOf(k)` for the slice [k0, k0 + count).
static void fillSliceTable(const IndexMath &math, Value table, Value k0,
                           Value count, function_ref<Value(Value)> offsetOf) {
  OpBuilder &b = math.builder();
  auto loop =
      b.create<scf::ForOp>(math.loc, math.constant(0), count, math.constant(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(loop.getBody());
  Value kk = loop.getInductionVar();
  b.create<memref::StoreOp>(math.loc, offsetOf(math.add(k0, kk)), table, kk);
}

TiledContraction buildConvolution(KernelBuild &build, ContractionShape shape,
                                  Value lhs) {
  auto conv = cast<hlo::ConvolutionOp>(shape.op);
  IndexMath math{&build.emitter, conv.getLoc()};
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  SmallVector<int64_t> inputShape(shapeOf(conv.getLhs()));
  ArrayRef<int64_t> kernelShape = shapeOf(conv.getRhs());
  ArrayRef<int64_t> resultShape = shapeOf(conv.getResult());
  SmallVector<int64_t> kernelStrides = stridesOf(kernelShape);
  ConvolutionWindow window(conv);
  // k runs over the kernel's taps and input features; columns over the
  // output positions in the order of the output's spatial dims.
  ConvolutionK kDims(conv);
  SmallVector<int64_t> outputPositions;
  for (int64_t d : dn.getOutputSpatialDimensions())
    outputPositions.push_back(resultShape[d]);

  TiledContraction contraction;
  contraction.shape = shape;
  contraction.lhs = lhs;
  int64_t outputFeatureDim = dn.getKernelOutputFeatureDimension();
  int64_t rowStride = kernelStrides[outputFeatureDim];
  ConvolutionGroups groups(conv);
  contraction.lhsRowOffset = [math, rowStride, groups](Value batch, Value row) {
    return math.mul(groups.outputFeature(math, batch, row), rowStride);
  };
  // k runs over the kernel's other dims in their memory order, so where the
  // output feature is the kernel's first dim (OIHW) k's offset from its row
  // is k itself, and where it is the last (HWIO) k times the output
  // features. The micro-kernels then compute it instead of loading it per k
  // from a table.
  if (outputFeatureDim == 0 ||
      outputFeatureDim == static_cast<int64_t>(kernelShape.size()) - 1) {
    int64_t kStride = outputFeatureDim == 0 ? 1 : kernelShape[outputFeatureDim];
    contraction.beginSlice = [](Value, Value) {};
    contraction.lhsColumnOffset = [math, kStride](Value k, Value) {
      return math.mul(k, kStride);
    };
  } else {
    // Offsets of the current slice's k in the kernel, filled per slice.
    Value table = allocSliceTable(build, math.loc, shape.k);
    contraction.beginSlice = [math, dn, kDims, kernelStrides,
                              table](Value k0, Value count) {
      fillSliceTable(math, table, k0, count, [&](Value k) {
        auto [taps, feature] = kDims.split(math, k);
        Value offset = math.mul(
            feature, kernelStrides[dn.getKernelInputFeatureDimension()]);
        for (auto [d, dim] : llvm::enumerate(dn.getKernelSpatialDimensions()))
          offset = math.add(offset, math.mul(taps[d], kernelStrides[dim]));
        return offset;
      });
    };
    contraction.lhsColumnOffset = [math, table](Value, Value kk) -> Value {
      return math.builder().create<memref::LoadOp>(math.loc, table, kk);
    };
  }
  contraction.rhsElement =
      [math, input = conv.getLhs(), dn, kDims, groups, outputPositions, window,
       inputShape](Value batch, Value k, Value n) -> FailureOr<Value> {
    OpBuilder &b = math.builder();
    Location loc = math.loc;
    auto [taps, feature] = kDims.split(math, k);
    auto [image, group] = groups.split(math, batch);
    SmallVector<Value> position = math.delinearize(n, outputPositions);
    SmallVector<Value> indices(inputShape.size());
    indices[dn.getInputBatchDimension()] = image;
    indices[dn.getInputFeatureDimension()] =
        ConvolutionGroups::feature(math, group, groups.inputFeatures, feature);
    Value inside;
    for (auto [d, dim] : llvm::enumerate(dn.getInputSpatialDimensions())) {
      // position * stride + tap * dilation - low padding; outside the input
      // the element is the padding's zero, read at a clamped position.
      Value at = b.createOrFold<arith::SubIOp>(
          loc,
          math.add(math.mul(position[d], window.strides[d]),
                   math.mul(taps[d], window.dilations[d])),
          math.constant(window.padLow[d]));
      if (window.mayLeave[d]) {
        Value valid = math.emitter->isInRange(loc, at, inputShape[dim]);
        inside = inside ? b.create<arith::AndIOp>(loc, inside, valid) : valid;
        at = b.create<arith::MaxSIOp>(
            loc,
            b.create<arith::MinSIOp>(loc, at,
                                     math.constant(inputShape[dim] - 1)),
            math.constant(0));
      }
      indices[dim] = at;
    }
    FailureOr<Value> element = math.emitter->emitElement(input, indices);
    if (failed(element) || !inside)
      return element;
    return b
        .create<arith::SelectOp>(loc, inside, *element,
                                 buildZero(b, loc, b.getF32Type()))
        .getResult();
  };
  if (!outputPositions.empty())
    contraction.gridInner = contraction.validInner = outputPositions.back();
  if (hasContiguousPatches(conv))
    readContiguousPatches(contraction, build, conv, math, kDims);
  else if (isInMemory(conv.getLhs()) && hlo::isMaskedPatchConvolution(conv))
    (hlo::hasSameWidthPatches(conv) ? readMaskedPatches : readSegmentedPatches)(
        contraction, build, conv, math, kDims);
  else if (isInMemory(conv.getLhs()) && window.staysInside())
    readTabledPatches(contraction, build, conv, math, kDims);
  setGridResultIndices(contraction, conv, math, outputPositions);
  contraction.resultIsMatrix =
      contraction.gridInner == contraction.validInner &&
      contraction.shape.n == product(outputPositions) &&
      isIdentityOrder(concatDims(
          {dn.getOutputBatchDimension(), dn.getOutputFeatureDimension()},
          dn.getOutputSpatialDimensions(), {}));
  return contraction;
}

/// A convolution with its output features as columns: row m is output
/// position m of an image, and its k-th lhs element is the input at the
/// position's origin plus tap k's offset (a table per slice), read in
/// place; the rhs is the weights, packed per tile like any rhs.
TiledContraction buildFeatureColumnConvolution(KernelBuild &build,
                                               ContractionShape shape) {
  auto conv = cast<hlo::ConvolutionOp>(shape.op);
  IndexMath math{&build.emitter, conv.getLoc()};
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ConvolutionK kDims(conv);
  PatchOrigins origins(build, conv, math, kDims);
  SmallVector<int64_t> outputPositions = origins.outputPositions;

  TiledContraction contraction;
  contraction.shape = shape;
  contraction.lhs = origins.flat;
  // On the unpadded input (tapGroup, featuresPerTap), a window's origin
  // lies the low padding before its position's; its taps on the padding
  // are never read.
  int64_t padShift = 0;
  if (shape.tapGroup || shape.featuresPerTap) {
    ConvolutionWindow window(conv);
    SmallVector<int64_t> inputStrides = stridesOf(shapeOf(conv.getLhs()));
    for (auto [d, dim] : llvm::enumerate(dn.getInputSpatialDimensions()))
      padShift += window.padLow[d] * inputStrides[dim];
    contraction.tapReachesRow = [window, kDims, outputPositions](int64_t t,
                                                                 int64_t row) {
      return tapReachesPosition(window, kDims, outputPositions, t, row);
    };
    contraction.rowOffsetInImage = [origins, padShift](int64_t row) {
      int64_t offset = -padShift;
      for (int64_t d = origins.outputPositions.size(); d-- > 0;
           row /= origins.outputPositions[d])
        offset += row % origins.outputPositions[d] * origins.positionStrides[d];
      return offset;
    };
    contraction.lhsFeatureStride = origins.featureStride;
    contraction.lhsTapRowStride = origins.tapStrides[0];
    contraction.lhsTapStride = origins.tapStrides[1];
  }
  contraction.lhsRowOffset = [origins, padShift](Value batch, Value row) {
    return origins.math.sub(origins.math.add(origins.batchOrigin(batch),
                                             origins.positionOffset(row)),
                            origins.math.constant(padShift));
  };
  bool oneTap =
      llvm::all_of(llvm::zip(kDims.shape, kDims.spatialDim), [](auto dim) {
        auto [size, spatial] = dim;
        return spatial < 0 || size == 1;
      });
  if (shape.tapGroup) {
    // The specialized micro-kernels compute their offsets themselves.
    contraction.beginSlice = [](Value, Value) {};
  } else if (oneTap) {
    // A window of one tap (1x1): k is the input feature, its offset k
    // feature strides, which the micro-kernels compute rather than load
    // from a table per k.
    contraction.beginSlice = [](Value, Value) {};
    contraction.lhsColumnOffset =
        [math, stride = origins.featureStride](Value k, Value) {
          return math.mul(k, stride);
        };
  } else {
    Value table = allocSliceTable(build, math.loc, shape.k);
    contraction.beginSlice = [origins, table](Value k0, Value count) {
      fillSliceTable(origins.math, table, k0, count,
                     [&](Value k) { return origins.tapOffset(k); });
    };
    contraction.lhsColumnOffset = [math, table](Value, Value kk) -> Value {
      return math.builder().create<memref::LoadOp>(math.loc, table, kk);
    };
  }
  // A constant kernel is packed while compiling: k runs over the kernel's
  // dims but the output feature, in its order, and n over that one, from
  // the first of the rhs batch's group.
  if (DenseElementsAttr value = storedConstant(conv.getRhs())) {
    ArrayRef<int64_t> kernelShape = shapeOf(conv.getRhs());
    int64_t outputFeature = dn.getKernelOutputFeatureDimension();
    SmallVector<int64_t> kernelKDims;
    for (int64_t d = 0; d < int64_t(kernelShape.size()); ++d)
      if (d != outputFeature)
        kernelKDims.push_back(d);
    int64_t featureStride = stridesOf(kernelShape)[outputFeature];
    SmallVector<int64_t> groupOffsets;
    for (int64_t group = 0; group < shape.groups; ++group)
      groupOffsets.push_back(group * shape.n * featureStride);
    contraction.rhsConstant = value;
    contraction.rhsConstantOffsets = {
        groupOffsets, flatOffsetsAlong(kernelShape, kernelKDims, kDims.shape),
        flatOffsetsAlong(kernelShape, {outputFeature}, {shape.n})};
  }
  // A kernel whose output feature is its outermost dim holds each column
  // as one run along k, in k's order (the kernel's dims but that one).
  if (hasKernelColumnRuns(conv)) {
    contraction.rhsColumns =
        flatView(build, build.emitter.memrefOf(conv.getRhs()), math.loc);
    contraction.rhsColumnOffset = [math, k = shape.k](Value n) {
      return math.mul(n, k);
    };
  }
  contraction.rhsElement =
      [math, kernel = conv.getRhs(), dn, kDims, groups = origins.groups](
          Value batch, Value k, Value n) -> FailureOr<Value> {
    auto [taps, feature] = kDims.split(math, k);
    SmallVector<Value> indices(shapeOf(kernel).size());
    indices[dn.getKernelOutputFeatureDimension()] =
        groups.outputFeature(math, batch, n);
    indices[dn.getKernelInputFeatureDimension()] = feature;
    for (auto [d, dim] : llvm::enumerate(dn.getKernelSpatialDimensions()))
      indices[dim] = taps[d];
    return math.emitter->emitElement(kernel, indices);
  };
  // Where features are innermost in the output, the epilogue walks each
  // row's columns; otherwise each column's rows, by rows of the output.
  if (shape.rowsInner) {
    contraction.gridInner = contraction.validInner =
        outputPositions.empty() ? 1 : outputPositions.back();
    setGridResultIndices(contraction, conv, math, outputPositions);
    contraction.resultIsTransposedMatrix = isIdentityOrder(concatDims(
        {dn.getOutputBatchDimension(), dn.getOutputFeatureDimension()},
        dn.getOutputSpatialDimensions(), {}));
  } else {
    contraction.resultIsMatrix = isIdentityOrder(concatDims(
        {dn.getOutputBatchDimension()}, dn.getOutputSpatialDimensions(),
        {dn.getOutputFeatureDimension()}));
    contraction.gridInner = contraction.validInner = shape.n;
    contraction.resultIndices = [math, conv, outputPositions](Value batch,
                                                              Value row, Value,
                                                              Value feature) {
      return outputIndices(conv, math, batch, feature,
                           math.delinearize(row, outputPositions));
    };
  }
  return contraction;
}

} // namespace kiln
