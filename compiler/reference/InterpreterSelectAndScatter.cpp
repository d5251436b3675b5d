//===- InterpreterSelectAndScatter.cpp - Reference select_and_scatter -----===//
//
// StableHLO's select_and_scatter as the spec states it: each window's
// selection is a reduce_window without init over the window's operand
// elements, and the result is, at each element, the scatter reduction of
// the source values whose windows selected it, starting from init_value.
// The spec leaves open what a window without operand elements does (Kiln:
// nothing) and the order the source values combine in (Kiln: row-major
// order of `source`, as native code).
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/InterpreterOps.h"

namespace kiln {

llvm::Expected<HostTensor>
selectAndScatterOp(const HostTensor &operand, const HostTensor &source,
                   const HostTensor &initValue, const WindowConfig &config,
                   ReduceBody select, ReduceBody scatter) {
  const std::vector<int64_t> &shape = operand.shape();
  std::vector<int64_t> strides = stridesOf(shape);
  size_t rank = shape.size();
  HostTensor result(operand.elementType(), shape);
  for (int64_t i = 0; i < result.numElements(); ++i)
    copyElement(initValue, 0, result, i);

  llvm::Error error = llvm::Error::success();
  int64_t sourceIndex = 0;
  forEachIndex(source.shape(), [&](llvm::ArrayRef<int64_t> window) {
    int64_t sourceFlat = sourceIndex++;
    if (error)
      return;
    // The selected element's flat index in operand; -1 until one is seen.
    int64_t selected = -1;
    forEachIndex(config.windowDimensions, [&](llvm::ArrayRef<int64_t> offset) {
      if (error)
        return;
      int64_t element = 0;
      for (size_t d = 0; d < rank; ++d) {
        int64_t stride =
            config.windowStrides.empty() ? 1 : config.windowStrides[d];
        int64_t low = config.padding.empty() ? 0 : config.padding[d].first;
        int64_t position = window[d] * stride + offset[d] - low;
        if (position < 0 || position >= shape[d])
          return; // padding
        element += position * strides[d];
      }
      if (selected < 0) {
        selected = element;
        return;
      }
      llvm::Expected<std::vector<HostTensor>> keep =
          select({scalarAt(operand, selected), scalarAt(operand, element)});
      if (!keep) {
        error = keep.takeError();
        return;
      }
      if (keep->front().getAsInt(0) == 0)
        selected = element;
    });
    if (error || selected < 0)
      return;
    llvm::Expected<std::vector<HostTensor>> combined =
        scatter({scalarAt(result, selected), scalarAt(source, sourceFlat)});
    if (!combined) {
      error = combined.takeError();
      return;
    }
    copyElement(combined->front(), 0, result, selected);
  });
  if (error)
    return std::move(error);
  return result;
}

} // namespace kiln
