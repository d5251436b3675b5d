//===- InterpreterShape.cpp - Reference shape hlo ops ---------------------===//
//
// Shape ops move elements without looking at them, so they copy bytes and
// work for every element type alike.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/InterpreterOps.h"

#include <algorithm>
#include <cstring>

namespace kiln {

void forEachIndex(llvm::ArrayRef<int64_t> shape,
                  llvm::function_ref<void(llvm::ArrayRef<int64_t>)> fn) {
  for (int64_t d : shape)
    if (d == 0)
      return;
  std::vector<int64_t> index(shape.size(), 0);
  while (true) {
    fn(index);
    // Advance like an odometer, the last dimension fastest.
    int64_t axis = static_cast<int64_t>(shape.size()) - 1;
    for (; axis >= 0; --axis) {
      if (++index[axis] < shape[axis])
        break;
      index[axis] = 0;
    }
    if (axis < 0)
      return;
  }
}

int64_t flatIndex(llvm::ArrayRef<int64_t> index,
                  llvm::ArrayRef<int64_t> strides) {
  int64_t flat = 0;
  for (size_t i = 0; i < index.size(); ++i)
    flat += index[i] * strides[i];
  return flat;
}

void copyElement(const HostTensor &from, int64_t fromIndex, HostTensor &to,
                 int64_t toIndex) {
  size_t size = elementSize(from.elementType());
  std::memcpy(static_cast<char *>(to.data()) + toIndex * size,
              static_cast<const char *>(from.data()) + fromIndex * size, size);
}

HostTensor scalarAt(const HostTensor &tensor, int64_t index) {
  HostTensor scalar(tensor.elementType(), {});
  copyElement(tensor, index, scalar, 0);
  return scalar;
}

HostTensor iotaOp(ElementType type, const std::vector<int64_t> &shape,
                  int64_t iotaDimension) {
  HostTensor result(type, shape);
  int64_t flat = 0;
  forEachIndex(shape, [&](llvm::ArrayRef<int64_t> index) {
    result.setFromInt(flat++, index[iotaDimension]);
  });
  return result;
}

HostTensor broadcastInDimOp(const HostTensor &operand,
                            llvm::ArrayRef<int64_t> broadcastDimensions,
                            const std::vector<int64_t> &resultShape) {
  HostTensor result(operand.elementType(), resultShape);
  std::vector<int64_t> operandStrides = stridesOf(operand.shape());
  int64_t flat = 0;
  forEachIndex(resultShape, [&](llvm::ArrayRef<int64_t> index) {
    int64_t from = 0;
    for (size_t d = 0; d < broadcastDimensions.size(); ++d) {
      // A size-1 operand dimension is repeated along its result dimension.
      int64_t i = operand.shape()[d] == 1 ? 0 : index[broadcastDimensions[d]];
      from += i * operandStrides[d];
    }
    copyElement(operand, from, result, flat++);
  });
  return result;
}

HostTensor reshapeOp(const HostTensor &operand,
                     const std::vector<int64_t> &resultShape) {
  HostTensor result(operand.elementType(), resultShape);
  if (operand.sizeInBytes() != 0)
    std::memcpy(result.data(), operand.data(), operand.sizeInBytes());
  return result;
}

HostTensor transposeOp(const HostTensor &operand,
                       llvm::ArrayRef<int64_t> permutation) {
  std::vector<int64_t> resultShape;
  for (int64_t p : permutation)
    resultShape.push_back(operand.shape()[p]);
  HostTensor result(operand.elementType(), resultShape);
  std::vector<int64_t> operandStrides = stridesOf(operand.shape());
  int64_t flat = 0;
  // Result dimension i is operand dimension permutation[i].
  forEachIndex(resultShape, [&](llvm::ArrayRef<int64_t> index) {
    int64_t from = 0;
    for (size_t i = 0; i < permutation.size(); ++i)
      from += index[i] * operandStrides[permutation[i]];
    copyElement(operand, from, result, flat++);
  });
  return result;
}

HostTensor sliceOp(const HostTensor &operand, llvm::ArrayRef<int64_t> start,
                   llvm::ArrayRef<int64_t> limit,
                   llvm::ArrayRef<int64_t> strides) {
  std::vector<int64_t> resultShape;
  for (size_t d = 0; d < start.size(); ++d)
    resultShape.push_back(std::max<int64_t>(
        0, (limit[d] - start[d] + strides[d] - 1) / strides[d]));
  HostTensor result(operand.elementType(), resultShape);
  std::vector<int64_t> operandStrides = stridesOf(operand.shape());
  int64_t flat = 0;
  forEachIndex(resultShape, [&](llvm::ArrayRef<int64_t> index) {
    int64_t from = 0;
    for (size_t d = 0; d < index.size(); ++d)
      from += (start[d] + index[d] * strides[d]) * operandStrides[d];
    copyElement(operand, from, result, flat++);
  });
  return result;
}

HostTensor concatenateOp(llvm::ArrayRef<HostTensor> inputs, int64_t dimension) {
  std::vector<int64_t> resultShape = inputs.front().shape();
  resultShape[dimension] = 0;
  for (const HostTensor &input : inputs)
    resultShape[dimension] += input.shape()[dimension];
  HostTensor result(inputs.front().elementType(), resultShape);
  std::vector<int64_t> resultStrides = stridesOf(resultShape);
  int64_t offset = 0;
  for (const HostTensor &input : inputs) {
    int64_t flat = 0;
    forEachIndex(input.shape(), [&](llvm::ArrayRef<int64_t> index) {
      std::vector<int64_t> to(index.begin(), index.end());
      to[dimension] += offset;
      copyElement(input, flat++, result, flatIndex(to, resultStrides));
    });
    offset += input.shape()[dimension];
  }
  return result;
}

HostTensor padOp(const HostTensor &operand, const HostTensor &paddingValue,
                 llvm::ArrayRef<int64_t> low, llvm::ArrayRef<int64_t> high,
                 llvm::ArrayRef<int64_t> interior) {
  std::vector<int64_t> resultShape;
  for (size_t d = 0; d < low.size(); ++d) {
    int64_t n = operand.shape()[d];
    int64_t dilated = n == 0 ? 0 : (n - 1) * (interior[d] + 1) + 1;
    resultShape.push_back(std::max<int64_t>(0, low[d] + dilated + high[d]));
  }
  HostTensor result(operand.elementType(), resultShape);
  for (int64_t i = 0; i < result.numElements(); ++i)
    copyElement(paddingValue, 0, result, i);

  // Place each operand element; those that negative padding moves outside
  // the result are dropped.
  std::vector<int64_t> resultStrides = stridesOf(resultShape);
  int64_t flat = 0;
  forEachIndex(operand.shape(), [&](llvm::ArrayRef<int64_t> index) {
    int64_t from = flat++;
    int64_t to = 0;
    for (size_t d = 0; d < index.size(); ++d) {
      int64_t position = low[d] + index[d] * (interior[d] + 1);
      if (position < 0 || position >= resultShape[d])
        return;
      to += position * resultStrides[d];
    }
    copyElement(operand, from, result, to);
  });
  return result;
}

HostTensor reverseOp(const HostTensor &operand,
                     llvm::ArrayRef<int64_t> dimensions) {
  HostTensor result(operand.elementType(), operand.shape());
  std::vector<int64_t> strides = stridesOf(operand.shape());
  std::vector<int64_t> from;
  int64_t flat = 0;
  forEachIndex(operand.shape(), [&](llvm::ArrayRef<int64_t> index) {
    from.assign(index.begin(), index.end());
    for (int64_t d : dimensions)
      from[d] = operand.shape()[d] - 1 - index[d];
    copyElement(operand, flatIndex(from, strides), result, flat++);
  });
  return result;
}

/// The 0-d `start` clamped so that `size` elements from it fit in `limit`.
static int64_t clampedStart(const HostTensor &start, int64_t size,
                            int64_t limit) {
  return std::clamp<int64_t>(start.getAsInt(0), 0, limit - size);
}

HostTensor dynamicSliceOp(const HostTensor &operand,
                          llvm::ArrayRef<HostTensor> startIndices,
                          llvm::ArrayRef<int64_t> sliceSizes) {
  std::vector<int64_t> start, limit, strides(sliceSizes.size(), 1);
  for (size_t d = 0; d < sliceSizes.size(); ++d) {
    start.push_back(
        clampedStart(startIndices[d], sliceSizes[d], operand.shape()[d]));
    limit.push_back(start.back() + sliceSizes[d]);
  }
  return sliceOp(operand, start, limit, strides);
}

HostTensor dynamicUpdateSliceOp(const HostTensor &operand,
                                const HostTensor &update,
                                llvm::ArrayRef<HostTensor> startIndices) {
  HostTensor result = operand;
  std::vector<int64_t> start;
  for (size_t d = 0; d < update.shape().size(); ++d)
    start.push_back(
        clampedStart(startIndices[d], update.shape()[d], operand.shape()[d]));
  std::vector<int64_t> strides = stridesOf(operand.shape());
  std::vector<int64_t> to;
  int64_t flat = 0;
  forEachIndex(update.shape(), [&](llvm::ArrayRef<int64_t> index) {
    to.assign(index.begin(), index.end());
    for (size_t d = 0; d < to.size(); ++d)
      to[d] += start[d];
    copyElement(update, flat++, result, flatIndex(to, strides));
  });
  return result;
}

HostTensor gatherOp(const HostTensor &operand, const HostTensor &startIndices,
                    const GatherConfig &config,
                    const std::vector<int64_t> &resultShape) {
  HostTensor result(operand.elementType(), resultShape);
  std::vector<int64_t> operandStrides = stridesOf(operand.shape());
  std::vector<int64_t> indicesStrides = stridesOf(startIndices.shape());
  int64_t operandRank = static_cast<int64_t>(operand.shape().size());
  int64_t indicesRank = static_cast<int64_t>(startIndices.shape().size());
  auto contains = [](const std::vector<int64_t> &dims, int64_t d) {
    return std::find(dims.begin(), dims.end(), d) != dims.end();
  };
  // The operand dimensions a slice keeps, in order: offset_dims index them.
  std::vector<int64_t> keptDims;
  for (int64_t d = 0; d < operandRank; ++d)
    if (!contains(config.collapsedSliceDims, d) &&
        !contains(config.operandBatchingDims, d))
      keptDims.push_back(d);

  int64_t flat = 0;
  forEachIndex(resultShape, [&](llvm::ArrayRef<int64_t> resultIndex) {
    // The batch index (the result dimensions that are not offset_dims) is
    // the index of start_indices without its index vector dimension.
    std::vector<int64_t> indicesIndex(indicesRank, 0);
    std::vector<int64_t> operandIndex(operandRank, 0);
    int64_t nextBatch = 0, nextOffset = 0;
    for (int64_t d = 0; d < static_cast<int64_t>(resultIndex.size()); ++d) {
      if (contains(config.offsetDims, d)) {
        operandIndex[keptDims[nextOffset++]] += resultIndex[d];
        continue;
      }
      if (nextBatch == config.indexVectorDim)
        ++nextBatch;
      indicesIndex[nextBatch++] = resultIndex[d];
    }
    for (size_t k = 0; k < config.startIndexMap.size(); ++k) {
      if (config.indexVectorDim < indicesRank)
        indicesIndex[config.indexVectorDim] = static_cast<int64_t>(k);
      int64_t d = config.startIndexMap[k];
      int64_t start =
          startIndices.getAsInt(flatIndex(indicesIndex, indicesStrides));
      int64_t limit = operand.shape()[d] - config.sliceSizes[d];
      operandIndex[d] += std::clamp<int64_t>(start, 0, limit);
    }
    for (size_t i = 0; i < config.operandBatchingDims.size(); ++i)
      operandIndex[config.operandBatchingDims[i]] +=
          indicesIndex[config.startIndicesBatchingDims[i]];
    copyElement(operand, flatIndex(operandIndex, operandStrides), result,
                flat++);
  });
  return result;
}

} // namespace kiln
