//===- InterpreterConfigs.cpp - Reading ops' attributes into configs ------===//
//
// The attributes of convolution, gather, scatter, reduce_window and
// select_and_scatter as the plain structs of InterpreterOps.h, for the
// interpreter and its error bounds.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/InterpreterOps.h"

using namespace mlir;

namespace kiln {
namespace {

std::vector<int64_t> toVector(std::optional<ArrayRef<int64_t>> values) {
  if (!values)
    return {};
  return {values->begin(), values->end()};
}

/// A [rank, 2] padding attribute as (low, high) pairs.
std::vector<std::pair<int64_t, int64_t>>
paddingPairs(std::optional<DenseIntElementsAttr> padding) {
  std::vector<std::pair<int64_t, int64_t>> pairs;
  if (!padding)
    return pairs;
  std::vector<int64_t> values;
  for (const APInt &v : padding->getValues<APInt>())
    values.push_back(v.getSExtValue());
  for (size_t i = 0; i + 1 < values.size(); i += 2)
    pairs.emplace_back(values[i], values[i + 1]);
  return pairs;
}

} // namespace

WindowConfig windowConfigOf(hlo::ReduceWindowOp op) {
  WindowConfig config;
  config.windowDimensions = toVector(op.getWindowDimensions());
  config.windowStrides = toVector(op.getWindowStrides());
  config.baseDilations = toVector(op.getBaseDilations());
  config.windowDilations = toVector(op.getWindowDilations());
  config.padding = paddingPairs(op.getPadding());
  return config;
}

WindowConfig windowConfigOf(hlo::SelectAndScatterOp op) {
  WindowConfig config;
  config.windowDimensions = toVector(op.getWindowDimensions());
  config.windowStrides = toVector(op.getWindowStrides());
  config.padding = paddingPairs(op.getPadding());
  if (config.windowDimensions.empty())
    config.windowDimensions.assign(op.getOperand().getType().getRank(), 1);
  return config;
}

ConvConfig convConfigOf(hlo::ConvolutionOp op) {
  ConvConfig config;
  config.windowStrides = toVector(op.getWindowStrides());
  config.padding = paddingPairs(op.getPadding());
  config.lhsDilation = toVector(op.getLhsDilation());
  config.rhsDilation = toVector(op.getRhsDilation());
  if (std::optional<ArrayRef<bool>> reversal = op.getWindowReversal())
    config.windowReversal.assign(reversal->begin(), reversal->end());
  hlo::ConvDimensionNumbersAttr dims = op.getDimensionNumbers();
  config.inputBatchDimension = dims.getInputBatchDimension();
  config.inputFeatureDimension = dims.getInputFeatureDimension();
  config.inputSpatialDimensions = toVector(dims.getInputSpatialDimensions());
  config.kernelInputFeatureDimension = dims.getKernelInputFeatureDimension();
  config.kernelOutputFeatureDimension = dims.getKernelOutputFeatureDimension();
  config.kernelSpatialDimensions = toVector(dims.getKernelSpatialDimensions());
  config.outputBatchDimension = dims.getOutputBatchDimension();
  config.outputFeatureDimension = dims.getOutputFeatureDimension();
  config.outputSpatialDimensions = toVector(dims.getOutputSpatialDimensions());
  config.featureGroupCount = op.getFeatureGroupCount();
  config.batchGroupCount = op.getBatchGroupCount();
  return config;
}

GatherConfig gatherConfigOf(hlo::GatherOp op) {
  hlo::GatherDimensionNumbersAttr dims = op.getDimensionNumbers();
  GatherConfig config;
  config.offsetDims = toVector(dims.getOffsetDims());
  config.collapsedSliceDims = toVector(dims.getCollapsedSliceDims());
  config.operandBatchingDims = toVector(dims.getOperandBatchingDims());
  config.startIndicesBatchingDims =
      toVector(dims.getStartIndicesBatchingDims());
  config.startIndexMap = toVector(dims.getStartIndexMap());
  config.indexVectorDim = dims.getIndexVectorDim();
  config.sliceSizes = toVector(op.getSliceSizes());
  return config;
}

ScatterConfig scatterConfigOf(hlo::ScatterOp op) {
  hlo::ScatterDimensionNumbersAttr dims = op.getScatterDimensionNumbers();
  ScatterConfig config;
  config.updateWindowDims = toVector(dims.getUpdateWindowDims());
  config.insertedWindowDims = toVector(dims.getInsertedWindowDims());
  config.inputBatchingDims = toVector(dims.getInputBatchingDims());
  config.scatterIndicesBatchingDims =
      toVector(dims.getScatterIndicesBatchingDims());
  config.scatterDimsToOperandDims =
      toVector(dims.getScatterDimsToOperandDims());
  config.indexVectorDim = dims.getIndexVectorDim();
  return config;
}

} // namespace kiln
