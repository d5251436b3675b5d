//===- InterpreterSort.cpp - Reference sort
//--------------------------------===//
//
// StableHLO's sort as a bottom-up merge sort of each slice's positions:
// runs of width 1, 2, 4, ... are merged pairwise, the left run's element
// first unless the comparator puts the right run's element strictly before
// it. That is a stable sort for any strict weak order, and it is the very
// order of comparisons native code makes (KernelEmitterSort.cpp), so the
// two agree even for a comparator that is not one (LT on NaN). CHLO's
// top_k is such a sort too.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/InterpreterOps.h"

#include <algorithm>
#include <numeric>

namespace kiln {

llvm::Expected<std::vector<HostTensor>>
sortOp(llvm::ArrayRef<HostTensor> inputs, int64_t dimension,
       ReduceBody comparator) {
  std::vector<int64_t> shape = inputs.front().shape();
  auto rank = static_cast<int64_t>(shape.size());
  if (dimension < 0)
    dimension += rank;
  int64_t size = shape[dimension];
  std::vector<int64_t> strides = stridesOf(shape);
  int64_t step = strides[dimension];
  std::vector<HostTensor> results;
  for (const HostTensor &input : inputs)
    results.emplace_back(input.elementType(), shape);

  // Whether the element at position `a` of the slice at `base` goes before
  // the one at `b`.
  auto before = [&](int64_t base, int64_t a,
                    int64_t b) -> llvm::Expected<bool> {
    std::vector<HostTensor> arguments;
    for (const HostTensor &input : inputs) {
      arguments.push_back(scalarAt(input, base + a * step));
      arguments.push_back(scalarAt(input, base + b * step));
    }
    llvm::Expected<std::vector<HostTensor>> result = comparator(arguments);
    if (!result)
      return result.takeError();
    return result->front().getAsInt(0) != 0;
  };

  std::vector<int64_t> sliceShape = shape;
  sliceShape[dimension] = 1;
  llvm::Error error = llvm::Error::success();
  forEachIndex(sliceShape, [&](llvm::ArrayRef<int64_t> slice) {
    if (error)
      return;
    int64_t base = flatIndex(slice, strides);
    std::vector<int64_t> order(size), merged(size);
    std::iota(order.begin(), order.end(), 0);
    for (int64_t width = 1; width < size; width *= 2) {
      for (int64_t low = 0; low < size; low += 2 * width) {
        int64_t middle = std::min(low + width, size);
        int64_t high = std::min(low + 2 * width, size);
        int64_t i = low, j = middle;
        for (int64_t k = low; k < high; ++k) {
          bool takeRight = false;
          if (j < high && i >= middle) {
            takeRight = true;
          } else if (j < high) {
            llvm::Expected<bool> rightFirst = before(base, order[j], order[i]);
            if (!rightFirst) {
              error = rightFirst.takeError();
              return;
            }
            takeRight = *rightFirst;
          }
          merged[k] = takeRight ? order[j++] : order[i++];
        }
      }
      std::swap(order, merged);
    }
    for (int64_t k = 0; k < size; ++k)
      for (auto [input, result] : llvm::zip(inputs, results))
        copyElement(input, base + order[k] * step, result, base + k * step);
  });
  if (error)
    return std::move(error);
  return results;
}

llvm::Expected<std::vector<HostTensor>> topKOp(const HostTensor &operand,
                                               int64_t k) {
  std::vector<int64_t> shape = operand.shape();
  auto last = static_cast<int64_t>(shape.size()) - 1;
  HostTensor positions = iotaOp(ElementType::I32, shape, last);
  hlo::ComparisonType order = isFloat(operand.elementType())
                                  ? hlo::ComparisonType::TOTALORDER
                                  : hlo::ComparisonType::NOTYPE;
  auto greater = [&](llvm::ArrayRef<HostTensor> arguments)
      -> llvm::Expected<std::vector<HostTensor>> {
    std::vector<HostTensor> result;
    result.push_back(compareOp(arguments[0], arguments[1],
                               hlo::ComparisonDirection::GT, order));
    return result;
  };
  llvm::Expected<std::vector<HostTensor>> sorted =
      sortOp({operand, positions}, last, greater);
  if (!sorted)
    return sorted.takeError();
  std::vector<int64_t> start(shape.size(), 0), limit = shape,
                                               strides(shape.size(), 1);
  limit.back() = k;
  std::vector<HostTensor> results;
  for (const HostTensor &tensor : *sorted)
    results.push_back(sliceOp(tensor, start, limit, strides));
  return results;
}

} // namespace kiln
