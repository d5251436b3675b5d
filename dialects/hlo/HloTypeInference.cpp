//===- HloTypeInference.cpp - Result types of hlo ops ---------------------===//
//
// inferReturnTypes of every op with InferTypeOpAdaptor (except the
// elementwise ops, whose result type ODS derives from
// SameOperandsAndResultType, the indexing ops of HloIndexingInference.cpp
// and the ops with a body of HloReductionInference.cpp). Each check enforces
// one of StableHLO's spec constraints and is tagged with it; the op verifier
// then compares the inferred types with the declared ones.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"
#include "dialects/hlo/HloShapeChecks.h"

#include "llvm/ADT/SmallVector.h"

using namespace mlir;
using namespace kiln::hlo;
using namespace kiln::hlo::detail;

//===----------------------------------------------------------------------===//
// Compare, select, clamp, constant, optimization_barrier
//===----------------------------------------------------------------------===//

LogicalResult CompareOp::inferReturnTypes(MLIRContext *context,
                                          std::optional<Location> location,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  auto lhs = getStaticTensor(location, adaptor.getLhs().getType(), "lhs");
  if (failed(lhs))
    return failure();
  // compare_c2: the result has the operands' shape (SameTypeOperands and
  // SameOperandsAndResultShape check compare_c1 and the rest of compare_c2).
  inferred.push_back(
      RankedTensorType::get(lhs->getShape(), IntegerType::get(context, 1)));
  return success();
}

LogicalResult SelectOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  auto pred = getStaticTensor(location, adaptor.getPred().getType(), "pred");
  auto onTrue =
      getStaticTensor(location, adaptor.getOnTrue().getType(), "on_true");
  if (failed(pred) || failed(onTrue))
    return failure();
  // select_c1
  if (pred->getRank() != 0 && pred->getShape() != onTrue->getShape())
    return emitOptionalError(location, "pred of type ", *pred,
                             " must be a scalar or have the shape of on_true ",
                             *onTrue);
  // select_c2
  if (adaptor.getOnFalse().getType() != *onTrue)
    return emitOptionalError(
        location, "on_true of type ", *onTrue, " and on_false of type ",
        adaptor.getOnFalse().getType(), " must have the same type");
  inferred.push_back(*onTrue);
  return success();
}

LogicalResult ClampOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> location,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  auto operand =
      getStaticTensor(location, adaptor.getOperand().getType(), "operand");
  auto min = getStaticTensor(location, adaptor.getMin().getType(), "min");
  auto max = getStaticTensor(location, adaptor.getMax().getType(), "max");
  if (failed(operand) || failed(min) || failed(max))
    return failure();
  // clamp_c1, clamp_c2
  for (auto [name, bound] :
       {std::pair<StringRef, RankedTensorType>{"min", *min}, {"max", *max}})
    if (bound.getRank() != 0 && bound.getShape() != operand->getShape())
      return emitOptionalError(location, name, " of type ", bound,
                               " must be a scalar or have the shape of "
                               "operand ",
                               *operand);
  // clamp_c3
  if (min->getElementType() != operand->getElementType() ||
      max->getElementType() != operand->getElementType())
    return emitOptionalError(location,
                             "min, operand and max must have the "
                             "same element type, got ",
                             min->getElementType(), ", ",
                             operand->getElementType(), " and ",
                             max->getElementType());
  // clamp_c4
  inferred.push_back(*operand);
  return success();
}

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location> location,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &inferred) {
  // constant_c1
  auto type = llvm::dyn_cast<RankedTensorType>(adaptor.getValue().getType());
  if (!type)
    return emitOptionalError(location, "value must be a ranked tensor, got ",
                             adaptor.getValue().getType());
  inferred.push_back(type);
  return success();
}

LogicalResult
OptimizationBarrierOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  // optimization_barrier_c1
  llvm::append_range(inferred, adaptor.getOperand().getTypes());
  return success();
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  auto operand =
      getStaticTensor(location, adaptor.getOperand().getType(), "operand");
  if (failed(operand))
    return failure();
  ArrayRef<int64_t> permutation = adaptor.getPermutation();
  int64_t rank = operand->getRank();
  // transpose_c2
  SmallVector<bool> seen(rank, false);
  bool isPermutation = static_cast<int64_t>(permutation.size()) == rank;
  for (int64_t dim : permutation) {
    if (!isPermutation || dim < 0 || dim >= rank || seen[dim]) {
      isPermutation = false;
      break;
    }
    seen[dim] = true;
  }
  if (!isPermutation)
    return emitOptionalError(location, "permutation ", formatDims(permutation),
                             " is not a permutation of [0, ", rank, ")");
  // transpose_c1, transpose_c3
  SmallVector<int64_t> shape;
  for (int64_t dim : permutation)
    shape.push_back(operand->getDimSize(dim));
  inferred.push_back(RankedTensorType::get(shape, operand->getElementType()));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> location,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  auto operand =
      getStaticTensor(location, adaptor.getOperand().getType(), "operand");
  if (failed(operand))
    return failure();
  ArrayRef<int64_t> start = adaptor.getStartIndices();
  ArrayRef<int64_t> limit = adaptor.getLimitIndices();
  ArrayRef<int64_t> strides = adaptor.getStrides();
  int64_t rank = operand->getRank();
  // slice_c2
  if (static_cast<int64_t>(start.size()) != rank ||
      static_cast<int64_t>(limit.size()) != rank ||
      static_cast<int64_t>(strides.size()) != rank)
    return emitOptionalError(
        location, "start_indices, limit_indices and strides have sizes ",
        start.size(), ", ", limit.size(), " and ", strides.size(),
        ", expected the operand rank ", rank);
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    // slice_c3
    if (start[d] < 0 || start[d] > limit[d] ||
        limit[d] > operand->getDimSize(d))
      return emitOptionalError(location, "slice [", start[d], ":", limit[d],
                               "] of dimension ", d, " is not within [0, ",
                               operand->getDimSize(d), "]");
    // slice_c4
    if (strides[d] <= 0)
      return emitOptionalError(location, "stride ", strides[d],
                               " of dimension ", d, " must be positive");
    // slice_c5
    shape.push_back(llvm::divideCeil(limit[d] - start[d], strides[d]));
  }
  // slice_c1
  inferred.push_back(RankedTensorType::get(shape, operand->getElementType()));
  return success();
}

LogicalResult ConcatenateOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> location,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  // concatenate_c3
  if (adaptor.getInputs().empty())
    return emitOptionalError(location, "expects at least one input");
  auto first =
      getStaticTensor(location, adaptor.getInputs()[0].getType(), "input 0");
  if (failed(first))
    return failure();
  int64_t dimension = adaptor.getDimension();
  // concatenate_c4
  if (dimension < 0 || dimension >= first->getRank())
    return emitOptionalError(location, "dimension ", dimension,
                             " is out of bounds for inputs of rank ",
                             first->getRank());
  SmallVector<int64_t> shape(first->getShape());
  shape[dimension] = 0;
  for (auto [i, input] : llvm::enumerate(adaptor.getInputs())) {
    auto type = getStaticTensor(location, input.getType(),
                                "input " + std::to_string(i));
    if (failed(type))
      return failure();
    // concatenate_c1
    if (type->getElementType() != first->getElementType())
      return emitOptionalError(location, "input ", i, " has element type ",
                               type->getElementType(), ", expected ",
                               first->getElementType());
    // concatenate_c2
    if (type->getRank() != first->getRank())
      return emitOptionalError(location, "input ", i, " has rank ",
                               type->getRank(), ", expected ",
                               first->getRank());
    for (int64_t d = 0; d < first->getRank(); ++d)
      if (d != dimension && type->getDimSize(d) != first->getDimSize(d))
        return emitOptionalError(location, "input ", i, " has size ",
                                 type->getDimSize(d), " in dimension ", d,
                                 ", expected ", first->getDimSize(d));
    // concatenate_c5
    std::optional<int64_t> size =
        checkedSum({shape[dimension], type->getDimSize(dimension)});
    if (!size)
      return emitOptionalError(location, "dimension ", dimension,
                               " of the result overflows 64 bits");
    shape[dimension] = *size;
  }
  inferred.push_back(RankedTensorType::get(shape, first->getElementType()));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> location,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  auto operand =
      getStaticTensor(location, adaptor.getOperand().getType(), "operand");
  auto value = getStaticTensor(location, adaptor.getPaddingValue().getType(),
                               "padding_value");
  if (failed(operand) || failed(value))
    return failure();
  // pad_i2: padding_value is a 0-dimensional tensor.
  if (value->getRank() != 0)
    return emitOptionalError(location,
                             "padding_value must be a scalar "
                             "tensor, got ",
                             *value);
  // pad_c1
  if (value->getElementType() != operand->getElementType())
    return emitOptionalError(location, "padding_value has element type ",
                             value->getElementType(), ", expected ",
                             operand->getElementType());
  ArrayRef<int64_t> low = adaptor.getEdgePaddingLow();
  ArrayRef<int64_t> high = adaptor.getEdgePaddingHigh();
  ArrayRef<int64_t> interior = adaptor.getInteriorPadding();
  int64_t rank = operand->getRank();
  // pad_c2
  if (static_cast<int64_t>(low.size()) != rank ||
      static_cast<int64_t>(high.size()) != rank ||
      static_cast<int64_t>(interior.size()) != rank)
    return emitOptionalError(location,
                             "edge_padding_low, edge_padding_high and "
                             "interior_padding have sizes ",
                             low.size(), ", ", high.size(), " and ",
                             interior.size(), ", expected the operand rank ",
                             rank);
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    // pad_c3
    if (interior[d] < 0)
      return emitOptionalError(location, "interior padding ", interior[d],
                               " of dimension ", d, " must not be negative");
    // pad_c4
    int64_t size = operand->getDimSize(d);
    std::optional<int64_t> interiorTotal =
        checkedProduct(std::max<int64_t>(size - 1, 0), interior[d]);
    std::optional<int64_t> sum =
        interiorTotal ? checkedSum({low[d], size, *interiorTotal, high[d]})
                      : std::nullopt;
    if (!sum)
      return emitOptionalError(location, "padding gives dimension ", d,
                               " a size that overflows 64 bits");
    int64_t padded = *sum;
    if (padded < 0)
      return emitOptionalError(location, "padding gives dimension ", d,
                               " the negative size ", padded);
    shape.push_back(padded);
  }
  inferred.push_back(RankedTensorType::get(shape, operand->getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

namespace {

/// dot_general_c11 / convolution_c24: zero or two precisions.
LogicalResult checkPrecisionConfig(std::optional<Location> location,
                                   std::optional<ArrayAttr> precision) {
  if (precision && !precision->empty() && precision->size() != 2)
    return emitOptionalError(location, "precision_config has ",
                             precision->size(), " entries, expected 2");
  return success();
}

} // namespace

LogicalResult DotGeneralOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location> location,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  auto lhs = getStaticTensor(location, adaptor.getLhs().getType(), "lhs");
  auto rhs = getStaticTensor(location, adaptor.getRhs().getType(), "rhs");
  if (failed(lhs) || failed(rhs))
    return failure();
  DotDimensionNumbersAttr dims = adaptor.getDotDimensionNumbers();
  ArrayRef<int64_t> lhsBatch = dims.getLhsBatchingDimensions();
  ArrayRef<int64_t> rhsBatch = dims.getRhsBatchingDimensions();
  ArrayRef<int64_t> lhsContract = dims.getLhsContractingDimensions();
  ArrayRef<int64_t> rhsContract = dims.getRhsContractingDimensions();
  // dot_general_c1
  if (lhsBatch.size() != rhsBatch.size())
    return emitOptionalError(location, "lhs has ", lhsBatch.size(),
                             " batching dimensions but rhs has ",
                             rhsBatch.size());
  // dot_general_c2
  if (lhsContract.size() != rhsContract.size())
    return emitOptionalError(location, "lhs has ", lhsContract.size(),
                             " contracting dimensions but rhs has ",
                             rhsContract.size());
  // dot_general_c3
  SmallVector<int64_t> lhsUsed(lhsBatch);
  llvm::append_range(lhsUsed, lhsContract);
  if (failed(checkUnique(location, lhsUsed,
                         "lhs batching and contracting dimensions")))
    return failure();
  // dot_general_c4
  SmallVector<int64_t> rhsUsed(rhsBatch);
  llvm::append_range(rhsUsed, rhsContract);
  if (failed(checkUnique(location, rhsUsed,
                         "rhs batching and contracting dimensions")))
    return failure();
  // dot_general_c5, dot_general_c6
  if (failed(checkDimsInRange(location, lhsUsed, lhs->getRank(), "dimension",
                              "lhs")))
    return failure();
  // dot_general_c7, dot_general_c8
  if (failed(checkDimsInRange(location, rhsUsed, rhs->getRank(), "dimension",
                              "rhs")))
    return failure();
  // dot_general_c9
  for (auto [l, r] : llvm::zip(lhsBatch, rhsBatch))
    if (lhs->getDimSize(l) != rhs->getDimSize(r))
      return emitOptionalError(
          location, "batching dimension sizes differ: lhs dimension ", l,
          " has size ", lhs->getDimSize(l), ", rhs dimension ", r, " has size ",
          rhs->getDimSize(r));
  // dot_general_c10
  for (auto [l, r] : llvm::zip(lhsContract, rhsContract))
    if (lhs->getDimSize(l) != rhs->getDimSize(r))
      return emitOptionalError(
          location, "contracting dimension sizes differ: lhs dimension ", l,
          " has size ", lhs->getDimSize(l), ", rhs dimension ", r, " has size ",
          rhs->getDimSize(r));
  // dot_general_c11
  if (failed(checkPrecisionConfig(location, adaptor.getPrecisionConfig())))
    return failure();
  // dot_general_c13
  if (lhs->getElementType() != rhs->getElementType())
    return emitOptionalError(
        location, "lhs element type ", lhs->getElementType(),
        " differs from rhs element type ", rhs->getElementType());
  // dot_general_c12
  SmallVector<int64_t> shape;
  for (int64_t d : lhsBatch)
    shape.push_back(lhs->getDimSize(d));
  for (int64_t d = 0; d < lhs->getRank(); ++d)
    if (!llvm::is_contained(lhsUsed, d))
      shape.push_back(lhs->getDimSize(d));
  for (int64_t d = 0; d < rhs->getRank(); ++d)
    if (!llvm::is_contained(rhsUsed, d))
      shape.push_back(rhs->getDimSize(d));
  inferred.push_back(RankedTensorType::get(shape, lhs->getElementType()));
  return success();
}

LogicalResult ConvolutionOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> location,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  auto lhs = getStaticTensor(location, adaptor.getLhs().getType(), "lhs");
  auto rhs = getStaticTensor(location, adaptor.getRhs().getType(), "rhs");
  if (failed(lhs) || failed(rhs))
    return failure();
  // convolution_c1
  int64_t rank = lhs->getRank();
  if (rhs->getRank() != rank)
    return emitOptionalError(location, "lhs has rank ", rank,
                             " but rhs has rank ", rhs->getRank());
  if (rank < 2)
    return emitOptionalError(location,
                             "operands must have rank at least 2, "
                             "got ",
                             rank);
  int64_t spatial = rank - 2;
  // convolution_c2, convolution_c3
  auto strides = getWindowValues(location, adaptor.getWindowStrides(), spatial,
                                 "window_strides");
  if (failed(strides))
    return failure();
  // convolution_c4
  auto padding = readPadding(location, adaptor.getPadding(), spatial);
  if (failed(padding))
    return failure();
  // convolution_c5, convolution_c6
  auto lhsDilation = getWindowValues(location, adaptor.getLhsDilation(),
                                     spatial, "lhs_dilation");
  if (failed(lhsDilation))
    return failure();
  // convolution_c7, convolution_c8
  auto rhsDilation = getWindowValues(location, adaptor.getRhsDilation(),
                                     spatial, "rhs_dilation");
  if (failed(rhsDilation))
    return failure();
  // convolution_c9
  if (auto reversal = adaptor.getWindowReversal();
      reversal && static_cast<int64_t>(reversal->size()) != spatial)
    return emitOptionalError(location, "window_reversal has ", reversal->size(),
                             " entries, expected ", spatial);

  ConvDimensionNumbersAttr dims = adaptor.getDimensionNumbers();
  // convolution_c12, convolution_c17, convolution_c19
  for (auto [name, list] :
       {std::pair<StringRef, ArrayRef<int64_t>>{
            "input_spatial_dimensions", dims.getInputSpatialDimensions()},
        {"kernel_spatial_dimensions", dims.getKernelSpatialDimensions()},
        {"output_spatial_dimensions", dims.getOutputSpatialDimensions()}})
    if (static_cast<int64_t>(list.size()) != spatial)
      return emitOptionalError(location, name, " has ", list.size(),
                               " entries, expected ", spatial);
  // convolution_c13
  SmallVector<int64_t> inputDims{dims.getInputBatchDimension()};
  llvm::append_range(inputDims, dims.getInputSpatialDimensions());
  inputDims.push_back(dims.getInputFeatureDimension());
  // convolution_c18
  SmallVector<int64_t> kernelDims(dims.getKernelSpatialDimensions());
  kernelDims.push_back(dims.getKernelInputFeatureDimension());
  kernelDims.push_back(dims.getKernelOutputFeatureDimension());
  // convolution_c20
  SmallVector<int64_t> outputDims{dims.getOutputBatchDimension()};
  llvm::append_range(outputDims, dims.getOutputSpatialDimensions());
  outputDims.push_back(dims.getOutputFeatureDimension());
  for (auto [name, list] :
       {std::pair<StringRef, ArrayRef<int64_t>>{"input dimensions", inputDims},
        {"kernel dimensions", kernelDims},
        {"output dimensions", outputDims}})
    if (failed(checkDimsInRange(location, list, rank, name, "convolution")) ||
        failed(checkUnique(location, list, name)))
      return failure();

  int64_t featureGroups = adaptor.getFeatureGroupCount();
  int64_t batchGroups = adaptor.getBatchGroupCount();
  // convolution_c21
  if (featureGroups <= 0)
    return emitOptionalError(location, "feature_group_count = ", featureGroups,
                             " must be positive");
  // convolution_c22
  if (batchGroups <= 0)
    return emitOptionalError(location, "batch_group_count = ", batchGroups,
                             " must be positive");
  // convolution_c23
  if (featureGroups != 1 && batchGroups != 1)
    return emitOptionalError(location, "feature_group_count ", featureGroups,
                             " and batch_group_count ", batchGroups,
                             " cannot both exceed 1");
  int64_t inputBatch = lhs->getDimSize(dims.getInputBatchDimension());
  int64_t inputFeature = lhs->getDimSize(dims.getInputFeatureDimension());
  int64_t kernelInputFeature =
      rhs->getDimSize(dims.getKernelInputFeatureDimension());
  int64_t kernelOutputFeature =
      rhs->getDimSize(dims.getKernelOutputFeatureDimension());
  // convolution_c10
  if (inputBatch % batchGroups != 0)
    return emitOptionalError(location, "input batch size ", inputBatch,
                             " is not divisible by batch_group_count ",
                             batchGroups);
  // convolution_c11
  if (inputFeature % featureGroups != 0)
    return emitOptionalError(location, "input feature size ", inputFeature,
                             " is not divisible by feature_group_count ",
                             featureGroups);
  // convolution_c14
  if (checkedProduct(kernelInputFeature, featureGroups) !=
      std::optional<int64_t>(inputFeature))
    return emitOptionalError(
        location, "kernel input feature size ", kernelInputFeature,
        " times feature_group_count ", featureGroups,
        " must equal the input feature size ", inputFeature);
  // convolution_c15
  if (kernelOutputFeature % batchGroups != 0)
    return emitOptionalError(
        location, "kernel output feature size ", kernelOutputFeature,
        " is not divisible by batch_group_count ", batchGroups);
  // convolution_c16
  if (kernelOutputFeature % featureGroups != 0)
    return emitOptionalError(
        location, "kernel output feature size ", kernelOutputFeature,
        " is not divisible by feature_group_count ", featureGroups);
  // convolution_c24
  if (failed(checkPrecisionConfig(location, adaptor.getPrecisionConfig())))
    return failure();
  // convolution_c27
  if (lhs->getElementType() != rhs->getElementType())
    return emitOptionalError(
        location, "lhs element type ", lhs->getElementType(),
        " differs from rhs element type ", rhs->getElementType());

  // convolution_c25, convolution_c26
  SmallVector<int64_t> shape(rank, 0);
  shape[dims.getOutputBatchDimension()] = inputBatch / batchGroups;
  shape[dims.getOutputFeatureDimension()] = kernelOutputFeature;
  for (int64_t s = 0; s < spatial; ++s) {
    int64_t lhsDim = dims.getInputSpatialDimensions()[s];
    int64_t rhsDim = dims.getKernelSpatialDimensions()[s];
    std::optional<int64_t> input =
        dilatedSize(lhs->getDimSize(lhsDim), (*lhsDilation)[s]);
    std::optional<int64_t> padded =
        input ? checkedSum({(*padding)[s].first, *input, (*padding)[s].second})
              : std::nullopt;
    std::optional<int64_t> window =
        dilatedSize(rhs->getDimSize(rhsDim), (*rhsDilation)[s]);
    if (!padded || !window)
      return emitOptionalError(location, "the padded, dilated input or window ",
                               "of spatial dimension ", s,
                               " overflows 64 bits");
    shape[dims.getOutputSpatialDimensions()[s]] =
        numWindows(*padded, *window, (*strides)[s]);
  }
  inferred.push_back(RankedTensorType::get(shape, lhs->getElementType()));
  return success();
}
