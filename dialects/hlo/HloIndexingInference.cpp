//===- HloIndexingInference.cpp - Result types of the indexing hlo ops ----===//
//
// inferReturnTypes of the ops that read or write at indices computed at run
// time: gather, scatter, dynamic_slice and dynamic_update_slice. As in
// HloTypeInference.cpp, each check enforces one of StableHLO's spec
// constraints and is tagged with it.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"
#include "dialects/hlo/HloShapeChecks.h"

using namespace mlir;
using namespace kiln::hlo;
using namespace kiln::hlo::detail;

//===----------------------------------------------------------------------===//
// Gather
//===----------------------------------------------------------------------===//

namespace {

/// Fails with "<what> [2, 0] must be sorted" unless `dims` ascend.
LogicalResult checkSorted(std::optional<Location> loc, ArrayRef<int64_t> dims,
                          StringRef what) {
  if (!llvm::is_sorted(dims))
    return emitOptionalError(loc, what, " ", formatDims(dims),
                             " must be sorted");
  return success();
}

} // namespace

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  auto operand =
      getStaticTensor(location, adaptor.getOperand().getType(), "operand");
  auto indices = getStaticTensor(location, adaptor.getStartIndices().getType(),
                                 "start_indices");
  if (failed(operand) || failed(indices))
    return failure();
  GatherDimensionNumbersAttr dims = adaptor.getDimensionNumbers();
  ArrayRef<int64_t> offsetDims = dims.getOffsetDims();
  ArrayRef<int64_t> collapsed = dims.getCollapsedSliceDims();
  ArrayRef<int64_t> operandBatching = dims.getOperandBatchingDims();
  ArrayRef<int64_t> indicesBatching = dims.getStartIndicesBatchingDims();
  ArrayRef<int64_t> startIndexMap = dims.getStartIndexMap();
  int64_t indexVectorDim = dims.getIndexVectorDim();
  ArrayRef<int64_t> sliceSizes = adaptor.getSliceSizes();
  int64_t operandRank = operand->getRank();
  int64_t indicesRank = indices->getRank();

  // gather_c1
  if (static_cast<int64_t>(offsetDims.size() + collapsed.size() +
                           operandBatching.size()) != operandRank)
    return emitOptionalError(
        location,
        "offset_dims, collapsed_slice_dims and "
        "operand_batching_dims have ",
        offsetDims.size() + collapsed.size() + operandBatching.size(),
        " entries together, expected the operand rank ", operandRank);
  // gather_c2
  if (indexVectorDim < 0 || indexVectorDim > indicesRank)
    return emitOptionalError(location, "index_vector_dim ", indexVectorDim,
                             " is out of bounds for start_indices of rank ",
                             indicesRank, " (at most the rank)");
  // gather_c3
  int64_t indexCount =
      indexVectorDim < indicesRank ? indices->getDimSize(indexVectorDim) : 1;
  if (static_cast<int64_t>(startIndexMap.size()) != indexCount)
    return emitOptionalError(location, "start_index_map has ",
                             startIndexMap.size(),
                             " entries, expected the size of the index "
                             "vector, ",
                             indexCount);
  // gather_c4
  if (failed(checkUnique(location, offsetDims, "offset_dims")) ||
      failed(checkSorted(location, offsetDims, "offset_dims")))
    return failure();
  // gather_c6
  SmallVector<int64_t> dropped(collapsed);
  dropped.append(operandBatching.begin(), operandBatching.end());
  if (failed(checkUnique(location, dropped,
                         "collapsed_slice_dims and operand_batching_dims")))
    return failure();
  // gather_c7, gather_c8
  if (failed(checkSorted(location, collapsed, "collapsed_slice_dims")) ||
      failed(checkDimsInRange(location, collapsed, operandRank,
                              "collapsed slice dimension", "operand")))
    return failure();
  // gather_c20
  if (static_cast<int64_t>(sliceSizes.size()) != operandRank)
    return emitOptionalError(location, "slice_sizes has ", sliceSizes.size(),
                             " entries, expected the operand rank ",
                             operandRank);
  // gather_c9
  for (int64_t d : collapsed)
    if (sliceSizes[d] > 1)
      return emitOptionalError(location, "collapsed slice dimension ", d,
                               " has slice size ", sliceSizes[d],
                               ", expected at most 1");
  // gather_c10, gather_c11
  if (failed(checkSorted(location, operandBatching, "operand_batching_dims")) ||
      failed(checkDimsInRange(location, operandBatching, operandRank,
                              "operand batching dimension", "operand")))
    return failure();
  // gather_c12
  for (int64_t d : operandBatching)
    if (sliceSizes[d] > 1)
      return emitOptionalError(location, "operand batching dimension ", d,
                               " has slice size ", sliceSizes[d],
                               ", expected at most 1");
  // gather_c13, gather_c14
  if (failed(checkUnique(location, indicesBatching,
                         "start_indices_batching_dims")) ||
      failed(checkDimsInRange(location, indicesBatching, indicesRank,
                              "start indices batching dimension",
                              "start_indices")))
    return failure();
  // gather_c15
  if (llvm::is_contained(indicesBatching, indexVectorDim))
    return emitOptionalError(location, "index_vector_dim ", indexVectorDim,
                             " is also a start indices batching dimension");
  // gather_c16
  if (operandBatching.size() != indicesBatching.size())
    return emitOptionalError(location, "operand_batching_dims has ",
                             operandBatching.size(),
                             " entries but start_indices_batching_dims has ",
                             indicesBatching.size());
  // gather_c17
  for (auto [d, i] : llvm::zip(operandBatching, indicesBatching))
    if (operand->getDimSize(d) != indices->getDimSize(i))
      return emitOptionalError(location, "operand batching dimension ", d,
                               " has size ", operand->getDimSize(d),
                               " but start indices batching dimension ", i,
                               " has size ", indices->getDimSize(i));
  // gather_c18, gather_c19
  SmallVector<int64_t> mapped(startIndexMap);
  mapped.append(operandBatching.begin(), operandBatching.end());
  if (failed(checkUnique(location, mapped,
                         "start_index_map and operand_batching_dims")) ||
      failed(checkDimsInRange(location, startIndexMap, operandRank,
                              "start_index_map entry", "operand")))
    return failure();
  // gather_c21
  for (auto [d, size] : llvm::enumerate(sliceSizes))
    if (size < 0 || size > operand->getDimSize(d))
      return emitOptionalError(location, "slice size ", size, " of dimension ",
                               d, " is not within [0, ", operand->getDimSize(d),
                               "]");

  // gather_c22: the batch dimensions (start_indices' but the index vector
  // dimension) fill the result's dimensions that are not offset_dims, in
  // order; the slice sizes of the kept operand dimensions fill offset_dims.
  int64_t resultRank = static_cast<int64_t>(offsetDims.size()) + indicesRank -
                       (indexVectorDim < indicesRank ? 1 : 0);
  // gather_c5
  if (failed(checkDimsInRange(location, offsetDims, resultRank, "offset dim",
                              "result")))
    return failure();
  SmallVector<int64_t> batchSizes, offsetSizes;
  for (int64_t d = 0; d < indicesRank; ++d)
    if (d != indexVectorDim)
      batchSizes.push_back(indices->getDimSize(d));
  for (int64_t d = 0; d < operandRank; ++d)
    if (!llvm::is_contained(dropped, d))
      offsetSizes.push_back(sliceSizes[d]);
  SmallVector<int64_t> shape;
  size_t nextBatch = 0, nextOffset = 0;
  for (int64_t d = 0; d < resultRank; ++d)
    shape.push_back(llvm::is_contained(offsetDims, d)
                        ? offsetSizes[nextOffset++]
                        : batchSizes[nextBatch++]);
  // gather_c23
  inferred.push_back(RankedTensorType::get(shape, operand->getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Scatter
//===----------------------------------------------------------------------===//

LogicalResult ScatterOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> location,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  ValueRange inputs = adaptor.getInputs();
  ValueRange updates = adaptor.getUpdates();
  // scatter_c5 (the trait SameVariadicOperandSize checks the equal counts)
  if (inputs.empty() || inputs.size() != updates.size())
    return emitOptionalError(location,
                             "expected as many updates as inputs, "
                             "and at least one of each; got ",
                             inputs.size(), " inputs and ", updates.size(),
                             " updates");
  // Each value's static type, all of one shape (scatter_c1 for the inputs,
  // scatter_c3 for the updates).
  auto typesOfOneShape =
      [&](ValueRange values, StringRef one, StringRef many,
          SmallVectorImpl<RankedTensorType> &types) -> LogicalResult {
    for (Value value : values) {
      auto type = getStaticTensor(location, value.getType(), one);
      if (failed(type))
        return failure();
      if (!types.empty() && type->getShape() != types.front().getShape())
        return emitOptionalError(location, many, " must have one shape, got ",
                                 types.front(), " and ", *type);
      types.push_back(*type);
    }
    return success();
  };
  SmallVector<RankedTensorType> inputTypes, updateTypes;
  if (failed(typesOfOneShape(inputs, "input", "inputs", inputTypes)) ||
      failed(typesOfOneShape(updates, "update", "updates", updateTypes)))
    return failure();
  auto indices = getStaticTensor(
      location, adaptor.getScatterIndices().getType(), "scatter_indices");
  if (failed(indices))
    return failure();
  // scatter_c6
  for (auto [input, update] : llvm::zip(inputTypes, updateTypes))
    if (input.getElementType() != update.getElementType())
      return emitOptionalError(
          location, "update element type ", update.getElementType(),
          " differs from input element type ", input.getElementType());

  ScatterDimensionNumbersAttr dims = adaptor.getScatterDimensionNumbers();
  ArrayRef<int64_t> windowDims = dims.getUpdateWindowDims();
  ArrayRef<int64_t> inserted = dims.getInsertedWindowDims();
  ArrayRef<int64_t> inputBatching = dims.getInputBatchingDims();
  ArrayRef<int64_t> indicesBatching = dims.getScatterIndicesBatchingDims();
  ArrayRef<int64_t> toOperand = dims.getScatterDimsToOperandDims();
  int64_t indexVectorDim = dims.getIndexVectorDim();
  RankedTensorType input = inputTypes.front();
  RankedTensorType update = updateTypes.front();
  int64_t inputRank = input.getRank();
  int64_t updateRank = update.getRank();
  int64_t indicesRank = indices->getRank();

  // scatter_c2
  if (static_cast<int64_t>(windowDims.size() + inserted.size() +
                           inputBatching.size()) != inputRank)
    return emitOptionalError(
        location,
        "update_window_dims, inserted_window_dims and input_batching_dims "
        "have ",
        windowDims.size() + inserted.size() + inputBatching.size(),
        " entries together, expected the input rank ", inputRank);
  // scatter_c7, scatter_c8
  if (failed(checkUnique(location, windowDims, "update_window_dims")) ||
      failed(checkSorted(location, windowDims, "update_window_dims")) ||
      failed(checkDimsInRange(location, windowDims, updateRank,
                              "update window dimension", "updates")))
    return failure();
  // scatter_c9
  SmallVector<int64_t> dropped(inserted);
  dropped.append(inputBatching.begin(), inputBatching.end());
  if (failed(checkUnique(location, dropped,
                         "inserted_window_dims and input_batching_dims")))
    return failure();
  // scatter_c10, scatter_c11
  if (failed(checkSorted(location, inserted, "inserted_window_dims")) ||
      failed(checkDimsInRange(location, inserted, inputRank,
                              "inserted window dimension", "inputs")))
    return failure();
  // scatter_c12, scatter_c13
  if (failed(checkSorted(location, inputBatching, "input_batching_dims")) ||
      failed(checkDimsInRange(location, inputBatching, inputRank,
                              "input batching dimension", "inputs")))
    return failure();
  // scatter_c14, scatter_c15
  if (failed(checkUnique(location, indicesBatching,
                         "scatter_indices_batching_dims")) ||
      failed(checkDimsInRange(location, indicesBatching, indicesRank,
                              "scatter indices batching dimension",
                              "scatter_indices")))
    return failure();
  // scatter_c16
  if (llvm::is_contained(indicesBatching, indexVectorDim))
    return emitOptionalError(location, "index_vector_dim ", indexVectorDim,
                             " is also a scatter indices batching dimension");
  // scatter_c17
  if (inputBatching.size() != indicesBatching.size())
    return emitOptionalError(location, "input_batching_dims has ",
                             inputBatching.size(),
                             " entries but scatter_indices_batching_dims has ",
                             indicesBatching.size());
  // scatter_c18
  for (auto [d, i] : llvm::zip(inputBatching, indicesBatching))
    if (input.getDimSize(d) != indices->getDimSize(i))
      return emitOptionalError(location, "input batching dimension ", d,
                               " has size ", input.getDimSize(d),
                               " but scatter indices batching dimension ", i,
                               " has size ", indices->getDimSize(i));
  // scatter_c22
  if (indexVectorDim < 0 || indexVectorDim > indicesRank)
    return emitOptionalError(location, "index_vector_dim ", indexVectorDim,
                             " is out of bounds for scatter_indices of rank ",
                             indicesRank, " (at most the rank)");
  // scatter_c19
  int64_t indexCount =
      indexVectorDim < indicesRank ? indices->getDimSize(indexVectorDim) : 1;
  if (static_cast<int64_t>(toOperand.size()) != indexCount)
    return emitOptionalError(location, "scatter_dims_to_operand_dims has ",
                             toOperand.size(),
                             " entries, expected the size of the index "
                             "vector, ",
                             indexCount);
  // scatter_c20, scatter_c21
  SmallVector<int64_t> mapped(toOperand);
  mapped.append(inputBatching.begin(), inputBatching.end());
  if (failed(checkUnique(location, mapped,
                         "scatter_dims_to_operand_dims and "
                         "input_batching_dims")) ||
      failed(checkDimsInRange(location, toOperand, inputRank,
                              "scatter_dims_to_operand_dims entry", "inputs")))
    return failure();
  // scatter_c4: the updates' scatter dims are scatter_indices' dims but the
  // index vector dim, in order; their window dims fit in the input's dims
  // that are neither inserted nor batching, in order.
  SmallVector<int64_t> scatterSizes, windowLimits;
  for (int64_t d = 0; d < indicesRank; ++d)
    if (d != indexVectorDim)
      scatterSizes.push_back(indices->getDimSize(d));
  for (int64_t d = 0; d < inputRank; ++d)
    if (!llvm::is_contained(dropped, d))
      windowLimits.push_back(input.getDimSize(d));
  if (updateRank !=
      static_cast<int64_t>(scatterSizes.size() + windowDims.size()))
    return emitOptionalError(
        location, "updates have rank ", updateRank, ", expected ",
        scatterSizes.size() + windowDims.size(),
        " (the scatter_indices dimensions but the index vector dimension, "
        "plus update_window_dims)");
  size_t nextScatter = 0, nextWindow = 0;
  for (int64_t d = 0; d < updateRank; ++d) {
    int64_t size = update.getDimSize(d);
    if (!llvm::is_contained(windowDims, d)) {
      int64_t expected = scatterSizes[nextScatter++];
      if (size != expected)
        return emitOptionalError(location, "update dimension ", d, " has size ",
                                 size, ", expected ", expected,
                                 " from scatter_indices");
      continue;
    }
    int64_t limit = windowLimits[nextWindow++];
    if (size > limit)
      return emitOptionalError(location, "update window dimension ", d,
                               " has size ", size, ", larger than the input's ",
                               limit);
  }
  // scatter_c24, scatter_c25 (Kiln promotes no element types)
  llvm::append_range(inferred, inputTypes);
  return success();
}

//===----------------------------------------------------------------------===//
// dynamic_slice, dynamic_update_slice
//===----------------------------------------------------------------------===//

namespace {

/// dynamic_slice_c2, c3 / dynamic_update_slice_c4, c5: one 0-d start index
/// per dimension, all of one type.
LogicalResult checkStartIndices(std::optional<Location> loc, ValueRange starts,
                                int64_t rank) {
  if (static_cast<int64_t>(starts.size()) != rank)
    return emitOptionalError(loc, "expected ", rank,
                             " start indices (one per operand dimension), got ",
                             starts.size());
  for (Value start : starts) {
    auto type = cast<RankedTensorType>(start.getType());
    if (type.getRank() != 0)
      return emitOptionalError(loc, "start indices must be 0-d tensors, got ",
                               type);
    if (type != starts.front().getType())
      return emitOptionalError(loc, "start indices must have one type, got ",
                               starts.front().getType(), " and ", type);
  }
  return success();
}

} // namespace

LogicalResult DynamicSliceOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  auto operand =
      getStaticTensor(location, adaptor.getOperand().getType(), "operand");
  if (failed(operand))
    return failure();
  if (failed(checkStartIndices(location, adaptor.getStartIndices(),
                               operand->getRank())))
    return failure();
  ArrayRef<int64_t> sizes = adaptor.getSliceSizes();
  if (static_cast<int64_t>(sizes.size()) != operand->getRank())
    return emitOptionalError(location, "slice_sizes has ", sizes.size(),
                             " entries, expected the operand rank ",
                             operand->getRank());
  // dynamic_slice_c4
  for (auto [d, size] : llvm::enumerate(sizes))
    if (size < 0 || size > operand->getDimSize(d))
      return emitOptionalError(location, "slice size ", size, " of dimension ",
                               d, " is not within [0, ", operand->getDimSize(d),
                               "]");
  // dynamic_slice_c1, c5
  inferred.push_back(RankedTensorType::get(sizes, operand->getElementType()));
  return success();
}

LogicalResult DynamicUpdateSliceOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  auto operand =
      getStaticTensor(location, adaptor.getOperand().getType(), "operand");
  auto update =
      getStaticTensor(location, adaptor.getUpdate().getType(), "update");
  if (failed(operand) || failed(update))
    return failure();
  // dynamic_update_slice_c2
  if (update->getElementType() != operand->getElementType())
    return emitOptionalError(
        location, "update element type ", update->getElementType(),
        " differs from operand element type ", operand->getElementType());
  // dynamic_update_slice_c3
  if (update->getRank() != operand->getRank())
    return emitOptionalError(location, "update has rank ", update->getRank(),
                             " but operand has rank ", operand->getRank());
  if (failed(checkStartIndices(location, adaptor.getStartIndices(),
                               operand->getRank())))
    return failure();
  // dynamic_update_slice_c6
  for (int64_t d = 0; d < operand->getRank(); ++d)
    if (update->getDimSize(d) > operand->getDimSize(d))
      return emitOptionalError(
          location, "update dimension ", d, " of size ", update->getDimSize(d),
          " is larger than the operand's ", operand->getDimSize(d));
  // dynamic_update_slice_c1
  inferred.push_back(*operand);
  return success();
}
