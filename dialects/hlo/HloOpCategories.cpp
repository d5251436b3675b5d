//===- HloOpCategories.cpp - The kinds of hlo ops fusion and codegen know -===//
//
// The one definition of each op category. The fusion verifier, the fusion
// passes, kernel generation and the random graph generator all ask here.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"

using namespace mlir;

bool kiln::hlo::isElementwise(Operation *op) {
  return isa<HloDialect>(op->getDialect()) &&
         (op->hasTrait<OpTrait::Elementwise>() || isa<SelectOp, ClampOp>(op));
}

bool kiln::hlo::isCheapToDuplicate(Operation *op) {
  return isa<ConstantOp, IotaOp, BroadcastInDimOp>(op);
}

bool kiln::hlo::isContraction(Operation *op) {
  return isa<DotGeneralOp, ConvolutionOp>(op);
}

/// What both of Kiln's convolution kernels need: f32 operands and result,
/// no input dilation and no window reversal.
static bool isPlainF32Convolution(kiln::hlo::ConvolutionOp conv) {
  auto isF32 = [](Value value) {
    return cast<RankedTensorType>(value.getType()).getElementType().isF32();
  };
  if (!isF32(conv.getLhs()) || !isF32(conv.getRhs()) ||
      !isF32(conv.getResult()))
    return false;
  if (std::optional<ArrayRef<int64_t>> dilation = conv.getLhsDilation())
    if (llvm::any_of(*dilation, [](int64_t d) { return d != 1; }))
      return false;
  if (std::optional<ArrayRef<bool>> reversal = conv.getWindowReversal())
    if (llvm::is_contained(*reversal, true))
      return false;
  return true;
}

bool kiln::hlo::isMatrixConvolution(ConvolutionOp conv) {
  return isPlainF32Convolution(conv) && conv.getFeatureGroupCount() == 1 &&
         conv.getBatchGroupCount() == 1;
}

bool kiln::hlo::isGroupedMatrixConvolution(ConvolutionOp conv) {
  ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  int64_t inputFeaturesPerGroup =
      cast<RankedTensorType>(conv.getRhs().getType())
          .getDimSize(dn.getKernelInputFeatureDimension());
  return isPlainF32Convolution(conv) && conv.getFeatureGroupCount() > 1 &&
         conv.getBatchGroupCount() == 1 &&
         inputFeaturesPerGroup >= kMinGroupedConvolutionFeatures;
}

bool kiln::hlo::hasTrailingSpatialDims(ConvolutionOp conv) {
  ArrayRef<int64_t> spatial =
      conv.getDimensionNumbers().getInputSpatialDimensions();
  int64_t rank = cast<RankedTensorType>(conv.getLhs().getType()).getRank();
  if (spatial.size() > 2)
    return false;
  for (auto [i, d] : llvm::enumerate(spatial))
    if (d != rank - static_cast<int64_t>(spatial.size() - i))
      return false;
  return true;
}

bool kiln::hlo::slidesOverTrailingDims(ConvolutionOp conv) {
  if (!hasTrailingSpatialDims(conv))
    return false;
  if (std::optional<ArrayRef<int64_t>> strides = conv.getWindowStrides())
    if (llvm::any_of(*strides, [](int64_t s) { return s != 1; }))
      return false;
  return true;
}

bool kiln::hlo::hasSameWidthPatches(ConvolutionOp conv) {
  ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ArrayRef<int64_t> spatial = dn.getInputSpatialDimensions();
  return slidesOverTrailingDims(conv) &&
         (spatial.size() == 1 ||
          cast<RankedTensorType>(conv.getResult().getType())
                  .getDimSize(dn.getOutputSpatialDimensions()[1]) ==
              cast<RankedTensorType>(conv.getLhs().getType())
                  .getDimSize(spatial[1]));
}

/// Whether strided `conv`'s patches (`taps` per input feature per output
/// position) are many more elements than its output features as columns
/// move (TiledConvolution.cpp): the outputs, stored transposed, the
/// weights, packed, and where it pads, the input, copied padded. Those convolutions read their padded input in place instead:
/// ResNet's stem, 7x7 stride 2 on 3 input features, gathers 1.9 times as
/// many elements as patches, and took 5-9% less time as feature columns on
/// its padded input (512-bit vectors, 1 and 2 threads), where 3x3 stride 2
/// 64 -> 128 on 56x56, at 1.16 times, took as long either way.
static bool hasManyMorePatchElements(kiln::hlo::ConvolutionOp conv,
                                     int64_t taps, bool padded) {
  constexpr int64_t kRatioNumerator = 3, kRatioDenominator = 2;
  auto shape = [](Value value) {
    return cast<RankedTensorType>(value.getType()).getShape();
  };
  kiln::hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ArrayRef<int64_t> input = shape(conv.getLhs()), kernel = shape(conv.getRhs()),
                    result = shape(conv.getResult());
  int64_t k = taps * kernel[dn.getKernelInputFeatureDimension()];
  int64_t features = kernel[dn.getKernelOutputFeatureDimension()];
  int64_t positions = result[dn.getOutputBatchDimension()];
  for (int64_t d : dn.getOutputSpatialDimensions())
    positions *= result[d];
  int64_t moved = positions * features + k * features;
  if (padded) {
    SmallVector<int64_t> copied(input);
    SmallVector<int64_t> pairs(conv.getPadding()->getValues<int64_t>());
    for (auto [d, dim] : llvm::enumerate(dn.getInputSpatialDimensions()))
      copied[dim] += pairs[2 * d] + pairs[2 * d + 1];
    moved += ShapedType::getNumElements(copied);
  }
  return k * positions * kRatioDenominator > moved * kRatioNumerator;
}

bool kiln::hlo::isMaskedPatchConvolution(ConvolutionOp conv) {
  bool grouped = isGroupedMatrixConvolution(conv);
  if ((!isMatrixConvolution(conv) && !grouped) || !hasTrailingSpatialDims(conv))
    return false;
  // Each patch element packed under a mask serves a group's output
  // features: where they are few, a padded copy's plain loads cost less.
  ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  if (grouped && cast<RankedTensorType>(conv.getRhs().getType())
                         .getDimSize(dn.getKernelOutputFeatureDimension()) <
                     kMinMaskedGroupFeatures * conv.getFeatureGroupCount())
    return false;
  std::optional<DenseIntElementsAttr> padding = conv.getPadding();
  if (padding && llvm::any_of(padding->getValues<int64_t>(),
                              [](int64_t p) { return p < 0; }))
    return false;
  bool padded = padding && llvm::any_of(padding->getValues<int64_t>(),
                                        [](int64_t p) { return p > 0; });
  // Unpadded with unit strides, the patch rows are contiguous runs of the
  // input already.
  if (!padded && slidesOverTrailingDims(conv))
    return false;
  if (std::optional<ArrayRef<int64_t>> strides = conv.getWindowStrides())
    if (strides->back() > kMaxMaskedPatchStride)
      return false;
  ArrayRef<int64_t> kernelSpatial =
      conv.getDimensionNumbers().getKernelSpatialDimensions();
  auto kernelType = cast<RankedTensorType>(conv.getRhs().getType());
  int64_t taps = 1;
  for (int64_t d : kernelSpatial)
    taps *= kernelType.getDimSize(d);
  // Segments keep a mask per tap along the row for each of a tile's
  // vectors and segments: up to 256 per tap.
  if (!hasSameWidthPatches(conv) &&
      kernelType.getDimSize(kernelSpatial.back()) > kMaxSegmentedRowTaps)
    return false;
  // At unit strides, a padded convolution that gathers many more takes
  // feature columns on its unpadded input where it can, leaving out the
  // padding's products (TiledConvolution.cpp, skippedTapGroup). A grouped
  // one takes no feature columns: the alternative is a padded copy.
  bool strided = !slidesOverTrailingDims(conv);
  return taps <= kMaxMaskedPatchTaps &&
         (grouped ||
          !(strided && hasManyMorePatchElements(conv, taps, padded)));
}

bool kiln::hlo::isMaskedTapConvolution(ConvolutionOp conv) {
  if (!isMatrixConvolution(conv))
    return false;
  std::optional<DenseIntElementsAttr> padding = conv.getPadding();
  if (!padding ||
      llvm::any_of(padding->getValues<int64_t>(),
                   [](int64_t p) { return p < 0; }) ||
      llvm::all_of(padding->getValues<int64_t>(),
                   [](int64_t p) { return p == 0; }))
    return false;
  auto shape = [](Value value) {
    return cast<RankedTensorType>(value.getType()).getShape();
  };
  ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  int64_t last = static_cast<int64_t>(shape(conv.getLhs()).size()) - 1;
  if (dn.getInputFeatureDimension() != last ||
      dn.getOutputFeatureDimension() != last)
    return false;
  // k runs over the kernel's dims but the output feature, in its order:
  // the input feature after every spatial dim puts the taps outermost.
  ArrayRef<int64_t> kernel = shape(conv.getRhs());
  int64_t inputFeature = dn.getKernelInputFeatureDimension();
  int64_t taps = 1;
  for (int64_t d : dn.getKernelSpatialDimensions()) {
    if (d > inputFeature)
      return false;
    taps *= kernel[d];
  }
  // Whole vectors of 16 output features leave at most a quarter of their
  // lanes idle.
  int64_t features = kernel[dn.getKernelOutputFeatureDimension()];
  int64_t vectors = (features + 15) / 16;
  return kernel[inputFeature] >= kMinMaskedTapFeatures &&
         taps <= kMaxMaskedTaps && vectors * 16 * 4 <= features * 5;
}

bool kiln::hlo::isRowDepthwiseConvolution(ConvolutionOp conv) {
  if (!isPlainF32Convolution(conv))
    return false;
  auto type = [](Value value) {
    return cast<RankedTensorType>(value.getType());
  };
  ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ArrayRef<int64_t> input = type(conv.getLhs()).getShape();
  ArrayRef<int64_t> kernel = type(conv.getRhs()).getShape();
  ArrayRef<int64_t> kernelSpatial = dn.getKernelSpatialDimensions();
  // NCHW in and out, so that an output row and its taps' rows are
  // contiguous; the taps summed height first, the elemental order.
  if (input.size() != 4 || dn.getInputBatchDimension() != 0 ||
      dn.getInputFeatureDimension() != 1 ||
      dn.getInputSpatialDimensions() != ArrayRef<int64_t>{2, 3} ||
      dn.getOutputBatchDimension() != 0 ||
      dn.getOutputFeatureDimension() != 1 ||
      dn.getOutputSpatialDimensions() != ArrayRef<int64_t>{2, 3} ||
      kernelSpatial[0] > kernelSpatial[1])
    return false;
  int64_t features = input[1];
  if (features < 2 || conv.getFeatureGroupCount() != features ||
      conv.getBatchGroupCount() != 1 ||
      kernel[dn.getKernelInputFeatureDimension()] != 1 ||
      kernel[dn.getKernelOutputFeatureDimension()] != features ||
      input[3] > kMaxDepthwiseRow)
    return false;
  if (std::optional<ArrayRef<int64_t>> strides = conv.getWindowStrides())
    if ((*strides)[1] != 1 && (*strides)[1] != 2)
      return false;
  if (std::optional<DenseIntElementsAttr> padding = conv.getPadding())
    if (llvm::any_of(padding->getValues<int64_t>(),
                     [](int64_t p) { return p < 0; }))
      return false;
  return true;
}

bool kiln::hlo::isRowPoolingWindow(ReduceWindowOp window) {
  if (window.getInputs().size() != 1)
    return false;
  auto inputType = cast<RankedTensorType>(window.getInputs()[0].getType());
  auto initType = cast<RankedTensorType>(window.getInitValues()[0].getType());
  ArrayRef<int64_t> input = inputType.getShape();
  if (!inputType.getElementType().isF32() ||
      !initType.getElementType().isF32() || input.size() != 4 ||
      input[3] > kMaxDepthwiseRow)
    return false;
  auto isAll = [](std::optional<ArrayRef<int64_t>> values, int64_t value) {
    return !values ||
           llvm::all_of(*values, [&](int64_t v) { return v == value; });
  };
  // Each output reads its own image and feature.
  auto unitAlongLeading = [](std::optional<ArrayRef<int64_t>> values) {
    return !values || ((*values)[0] == 1 && (*values)[1] == 1);
  };
  ArrayRef<int64_t> dims = window.getWindowDimensions();
  std::optional<ArrayRef<int64_t>> strides = window.getWindowStrides();
  if (dims[0] != 1 || dims[1] != 1 || !unitAlongLeading(strides) ||
      !unitAlongLeading(window.getWindowDilations()) ||
      !isAll(window.getBaseDilations(), 1) ||
      (strides && (*strides)[3] != 1 && (*strides)[3] != 2))
    return false;
  if (std::optional<DenseIntElementsAttr> padding = window.getPadding()) {
    SmallVector<int64_t> pairs(padding->getValues<int64_t>());
    if (llvm::any_of(pairs, [](int64_t p) { return p < 0; }) ||
        llvm::any_of(ArrayRef<int64_t>(pairs).take_front(4),
                     [](int64_t p) { return p != 0; }))
      return false;
  }
  // The body: one maximum or add of the accumulator and the element.
  Block &body = window.getBody().front();
  if (!llvm::hasNItems(body, 2) || !isa<MaxOp, AddOp>(body.front()))
    return false;
  Operation &combine = body.front();
  return combine.getOperand(0) == body.getArgument(0) &&
         combine.getOperand(1) == body.getArgument(1) &&
         body.getTerminator()->getOperand(0) == combine.getResult(0);
}

bool kiln::hlo::hasOverlappingWindows(ReduceWindowOp window) {
  std::optional<ArrayRef<int64_t>> strides = window.getWindowStrides();
  std::optional<ArrayRef<int64_t>> dilations = window.getWindowDilations();
  for (auto [i, size] : llvm::enumerate(window.getWindowDimensions())) {
    int64_t stride = strides ? (*strides)[i] : 1;
    int64_t dilation = dilations ? (*dilations)[i] : 1;
    if ((size - 1) * dilation + 1 > stride)
      return true;
  }
  return false;
}

bool kiln::hlo::isReduction(Operation *op) {
  return isa<ReduceOp, ReduceWindowOp>(op);
}
