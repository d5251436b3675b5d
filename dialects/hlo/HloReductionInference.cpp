//===- HloReductionInference.cpp - Result types of the ops with a body ----===//
//
// inferReturnTypes of the ops that combine or reorder elements with a
// body: reduce, reduce_window, select_and_scatter, sort, and CHLO's top_k
// (which becomes a sort). As in HloTypeInference.cpp, each check enforces
// one of StableHLO's spec constraints and is tagged with it; the bodies'
// types are checked by the ops' region verifiers (HloVerifiers.cpp).
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"
#include "dialects/hlo/HloShapeChecks.h"

#include "llvm/ADT/SmallVector.h"

using namespace mlir;
using namespace kiln::hlo;
using namespace kiln::hlo::detail;

namespace {

/// The checks reduce and reduce_window share on their operands: as many
/// inputs as init values (c1/c3), inputs of one shape (c1/c2), and scalar
/// init values of the inputs' element types (c2/c3). Returns the inputs'
/// types.
FailureOr<SmallVector<RankedTensorType>>
checkReductionOperands(std::optional<Location> location, ValueRange operands,
                       ValueRange inputs, ValueRange initValues) {
  if (inputs.empty() || operands.size() % 2 != 0)
    return emitOptionalError(location,
                             "expects N > 0 inputs followed by N "
                             "init values, got ",
                             operands.size(), " operands");
  SmallVector<RankedTensorType> types;
  for (auto [i, input] : llvm::enumerate(inputs)) {
    auto type = getStaticTensor(location, input.getType(),
                                "input " + std::to_string(i));
    if (failed(type))
      return failure();
    if (!types.empty() && type->getShape() != types.front().getShape())
      return emitOptionalError(location, "input ", i, " has shape ",
                               formatDims(type->getShape()), ", expected ",
                               formatDims(types.front().getShape()));
    types.push_back(*type);
  }
  for (auto [i, init] : llvm::enumerate(initValues)) {
    auto type = getStaticTensor(location, init.getType(),
                                "init value " + std::to_string(i));
    if (failed(type))
      return failure();
    if (type->getRank() != 0 ||
        type->getElementType() != types[i].getElementType())
      return emitOptionalError(
          location, "init value ", i, " has type ", *type, ", expected ",
          RankedTensorType::get({}, types[i].getElementType()));
  }
  return types;
}

/// The attributes of a windowed op (each absent one means windows, strides
/// and dilations of 1 and no padding).
struct WindowAttributes {
  std::optional<ArrayRef<int64_t>> dimensions, strides, baseDilations,
      windowDilations;
  std::optional<DenseIntElementsAttr> padding;
};

/// The number of windows along each dimension of `shape` (num_windows of
/// the padded, dilated operand), after checking that each attribute has an
/// entry per dimension, each positive, and padding is [rank, 2].
FailureOr<SmallVector<int64_t>> countWindows(std::optional<Location> location,
                                             ArrayRef<int64_t> shape,
                                             const WindowAttributes &attrs) {
  auto rank = static_cast<int64_t>(shape.size());
  auto dimensions =
      getWindowValues(location, attrs.dimensions, rank, "window_dimensions");
  if (failed(dimensions))
    return failure();
  auto strides =
      getWindowValues(location, attrs.strides, rank, "window_strides");
  if (failed(strides))
    return failure();
  auto baseDilations =
      getWindowValues(location, attrs.baseDilations, rank, "base_dilations");
  if (failed(baseDilations))
    return failure();
  auto windowDilations = getWindowValues(location, attrs.windowDilations, rank,
                                         "window_dilations");
  if (failed(windowDilations))
    return failure();
  auto padding = readPadding(location, attrs.padding, rank);
  if (failed(padding))
    return failure();
  SmallVector<int64_t> counts;
  for (int64_t d = 0; d < rank; ++d) {
    std::optional<int64_t> input = dilatedSize(shape[d], (*baseDilations)[d]);
    std::optional<int64_t> padded =
        input ? checkedSum({(*padding)[d].first, *input, (*padding)[d].second})
              : std::nullopt;
    std::optional<int64_t> window =
        dilatedSize((*dimensions)[d], (*windowDilations)[d]);
    if (!padded || !window)
      return emitOptionalError(location, "the padded, dilated input or window ",
                               "of dimension ", d, " overflows 64 bits");
    counts.push_back(numWindows(*padded, *window, (*strides)[d]));
  }
  return counts;
}

} // namespace

LogicalResult ReduceOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  // reduce_c1, reduce_c2, reduce_c3
  auto inputs =
      checkReductionOperands(location, adaptor.getOperands(),
                             adaptor.getInputs(), adaptor.getInitValues());
  if (failed(inputs))
    return failure();
  ArrayRef<int64_t> dimensions = adaptor.getDimensions();
  int64_t rank = inputs->front().getRank();
  // reduce_c4
  if (failed(
          checkDimsInRange(location, dimensions, rank, "dimension", "inputs")))
    return failure();
  // reduce_c5
  if (failed(checkUnique(location, dimensions, "dimensions")))
    return failure();
  // reduce_c7, reduce_c8 (the body's types are the inputs' element types;
  // verifyRegions checks reduce_c6).
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(dimensions, d))
      shape.push_back(inputs->front().getDimSize(d));
  for (RankedTensorType input : *inputs)
    inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult ReduceWindowOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  // reduce_window_c1, reduce_window_c2, reduce_window_c3
  auto inputs =
      checkReductionOperands(location, adaptor.getOperands(),
                             adaptor.getInputs(), adaptor.getInitValues());
  if (failed(inputs))
    return failure();
  // reduce_window_c4 to reduce_window_c12, reduce_window_c14 to
  // reduce_window_c16
  auto shape =
      countWindows(location, inputs->front().getShape(),
                   {adaptor.getWindowDimensions(), adaptor.getWindowStrides(),
                    adaptor.getBaseDilations(), adaptor.getWindowDilations(),
                    adaptor.getPadding()});
  if (failed(shape))
    return failure();
  for (RankedTensorType input : *inputs)
    inferred.push_back(RankedTensorType::get(*shape, input.getElementType()));
  return success();
}

LogicalResult SelectAndScatterOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  auto operand =
      getStaticTensor(location, adaptor.getOperand().getType(), "operand");
  if (failed(operand))
    return failure();
  auto source =
      getStaticTensor(location, adaptor.getSource().getType(), "source");
  if (failed(source))
    return failure();
  auto init =
      getStaticTensor(location, adaptor.getInitValue().getType(), "init_value");
  if (failed(init))
    return failure();
  Type elementType = operand->getElementType();
  // select_and_scatter_c1
  if (source->getElementType() != elementType)
    return emitOptionalError(location, "source has element type ",
                             source->getElementType(), ", expected ",
                             elementType, " (the operand's)");
  // select_and_scatter_c3
  if (init->getRank() != 0 || init->getElementType() != elementType)
    return emitOptionalError(location, "init_value has type ", *init,
                             ", expected ",
                             RankedTensorType::get({}, elementType));
  // select_and_scatter_c4 to select_and_scatter_c8
  auto windows =
      countWindows(location, operand->getShape(),
                   {adaptor.getWindowDimensions(), adaptor.getWindowStrides(),
                    std::nullopt, std::nullopt, adaptor.getPadding()});
  if (failed(windows))
    return failure();
  // select_and_scatter_c2
  if (source->getShape() != ArrayRef<int64_t>(*windows))
    return emitOptionalError(
        location, "source has shape ", formatDims(source->getShape()),
        ", expected the number of windows ", formatDims(*windows));
  // select_and_scatter_c11, select_and_scatter_c12
  inferred.push_back(*operand);
  return success();
}

LogicalResult SortOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  ValueRange inputs = adaptor.getInputs();
  // sort_c1
  if (inputs.empty())
    return emitOptionalError(location, "expects at least one input");
  // sort_c3
  auto first = getStaticTensor(location, inputs[0].getType(), "input 0");
  if (failed(first))
    return failure();
  for (auto [i, input] : llvm::enumerate(inputs)) {
    auto type = getStaticTensor(location, input.getType(),
                                "input " + std::to_string(i));
    if (failed(type))
      return failure();
    if (type->getShape() != first->getShape())
      return emitOptionalError(location, "input ", i, " has shape ",
                               formatDims(type->getShape()), ", expected ",
                               formatDims(first->getShape()), " (input 0's)");
    // sort_c2
    inferred.push_back(*type);
  }
  // sort_c4
  int64_t rank = first->getRank();
  int64_t dimension = adaptor.getDimension();
  if (dimension < -rank || dimension >= rank)
    return emitOptionalError(location, "dimension ", dimension,
                             " is out of range for rank ", rank);
  return success();
}

LogicalResult TopKOp::inferReturnTypes(MLIRContext *context,
                                       std::optional<Location> location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  auto operand =
      getStaticTensor(location, adaptor.getOperand().getType(), "operand");
  if (failed(operand))
    return failure();
  if (operand->getRank() == 0)
    return emitOptionalError(location, "operand must have rank 1 or more");
  int64_t k = static_cast<int64_t>(adaptor.getK());
  int64_t last = operand->getShape().back();
  if (k < 0 || k > last)
    return emitOptionalError(location, "k = ", k,
                             " is out of range for a last dimension of ", last);
  SmallVector<int64_t> shape(operand->getShape());
  shape.back() = k;
  inferred.push_back(RankedTensorType::get(shape, operand->getElementType()));
  inferred.push_back(
      RankedTensorType::get(shape, IntegerType::get(context, 32)));
  return success();
}
