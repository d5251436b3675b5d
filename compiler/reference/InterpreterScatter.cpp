//===- InterpreterScatter.cpp - Reference scatter -------------------------===//
//
// StableHLO's scatter as the spec states it, one update element at a time:
// its place in the results is the start index read from scatter_indices,
// plus the batching index, plus its window offset. The spec leaves the order
// of updates to the implementation; Kiln applies them in row-major order of
// the updates, which native code follows too, so repeated indices and
// non-commutative update computations give one answer.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/InterpreterOps.h"

#include <algorithm>

namespace kiln {

namespace {

bool contains(const std::vector<int64_t> &dims, int64_t d) {
  return std::find(dims.begin(), dims.end(), d) != dims.end();
}

} // namespace

llvm::Expected<std::vector<HostTensor>>
scatterOp(llvm::ArrayRef<HostTensor> inputs, const HostTensor &scatterIndices,
          llvm::ArrayRef<HostTensor> updates, const ScatterConfig &config,
          ReduceBody body) {
  std::vector<HostTensor> results(inputs.begin(), inputs.end());
  const std::vector<int64_t> &inputShape = inputs.front().shape();
  const std::vector<int64_t> &updateShape = updates.front().shape();
  std::vector<int64_t> inputStrides = stridesOf(inputShape);
  std::vector<int64_t> indicesStrides = stridesOf(scatterIndices.shape());
  int64_t inputRank = static_cast<int64_t>(inputShape.size());
  int64_t indicesRank = static_cast<int64_t>(scatterIndices.shape().size());
  // The input dimensions an update window spans, in order:
  // update_window_dims index them.
  std::vector<int64_t> windowInputDims;
  for (int64_t d = 0; d < inputRank; ++d)
    if (!contains(config.insertedWindowDims, d) &&
        !contains(config.inputBatchingDims, d))
      windowInputDims.push_back(d);

  llvm::Error error = llvm::Error::success();
  int64_t flat = 0;
  forEachIndex(updateShape, [&](llvm::ArrayRef<int64_t> updateIndex) {
    int64_t updateFlat = flat++;
    if (error)
      return;
    // update_scatter_index, placed in scatter_indices' dimensions around
    // the index vector dimension, and full_window_index.
    std::vector<int64_t> indicesIndex(indicesRank, 0);
    std::vector<int64_t> resultIndex(inputRank, 0);
    int64_t nextScatter = 0, nextWindow = 0;
    for (int64_t d = 0; d < static_cast<int64_t>(updateIndex.size()); ++d) {
      if (contains(config.updateWindowDims, d)) {
        resultIndex[windowInputDims[nextWindow++]] += updateIndex[d];
        continue;
      }
      if (nextScatter == config.indexVectorDim)
        ++nextScatter;
      indicesIndex[nextScatter++] = updateIndex[d];
    }
    // full_start_index: unclamped, unlike gather's. A start so large that
    // the sum overflows lies outside the results.
    for (size_t k = 0; k < config.scatterDimsToOperandDims.size(); ++k) {
      if (config.indexVectorDim < indicesRank)
        indicesIndex[config.indexVectorDim] = static_cast<int64_t>(k);
      int64_t &position = resultIndex[config.scatterDimsToOperandDims[k]];
      if (__builtin_add_overflow(
              position,
              scatterIndices.getAsInt(flatIndex(indicesIndex, indicesStrides)),
              &position))
        return;
    }
    // full_batching_index.
    for (size_t i = 0; i < config.inputBatchingDims.size(); ++i)
      resultIndex[config.inputBatchingDims[i]] +=
          indicesIndex[config.scatterIndicesBatchingDims[i]];
    for (int64_t d = 0; d < inputRank; ++d)
      if (resultIndex[d] < 0 || resultIndex[d] >= inputShape[d])
        return;
    int64_t resultFlat = flatIndex(resultIndex, inputStrides);
    std::vector<HostTensor> arguments;
    for (const HostTensor &result : results)
      arguments.push_back(scalarAt(result, resultFlat));
    for (const HostTensor &update : updates)
      arguments.push_back(scalarAt(update, updateFlat));
    llvm::Expected<std::vector<HostTensor>> combined = body(arguments);
    if (!combined) {
      error = combined.takeError();
      return;
    }
    for (size_t k = 0; k < results.size(); ++k)
      copyElement((*combined)[k], 0, results[k], resultFlat);
  });
  if (error)
    return std::move(error);
  return results;
}

} // namespace kiln
