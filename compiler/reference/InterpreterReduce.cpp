//===- InterpreterReduce.cpp - Reference reduce and reduce_window ---------===//
//
// Both run the op's body on rank-0 tensors, one input element at a time, in
// the natural sequential order. A plain f32 sum is the exception: it is
// accumulated in f64 and rounded once (reduceSumF32).
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/InterpreterOps.h"

#include "llvm/ADT/STLExtras.h"

namespace kiln {
namespace {

/// Runs `body` on (accumulators, elements) and stores the new accumulators.
llvm::Error fold(std::vector<HostTensor> &accumulators,
                 llvm::ArrayRef<HostTensor> inputs, int64_t element,
                 ReduceBody body) {
  std::vector<HostTensor> arguments = accumulators;
  for (const HostTensor &input : inputs)
    arguments.push_back(scalarAt(input, element));
  llvm::Expected<std::vector<HostTensor>> results = body(arguments);
  if (!results)
    return results.takeError();
  accumulators = std::move(*results);
  return llvm::Error::success();
}

/// The shape `shape` has once `dimensions` are reduced away.
std::vector<int64_t> reducedResultShape(const std::vector<int64_t> &shape,
                                        llvm::ArrayRef<int64_t> dimensions) {
  std::vector<int64_t> result;
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d)
    if (!llvm::is_contained(dimensions, d))
      result.push_back(shape[d]);
  return result;
}

/// Calls `visit(resultIndex, elements)` for each element of the reduction's
/// result in row-major order, with `elements` the flat indices of the input
/// elements it reduces, in row-major order of the reduced dimensions.
void forEachReduction(
    const std::vector<int64_t> &shape, llvm::ArrayRef<int64_t> dimensions,
    llvm::function_ref<void(int64_t, llvm::ArrayRef<int64_t>)> visit) {
  std::vector<int64_t> strides = stridesOf(shape);
  std::vector<int64_t> keptDimensions, reducedDimensions, reducedShape;
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d) {
    bool reduced = llvm::is_contained(dimensions, d);
    (reduced ? reducedDimensions : keptDimensions).push_back(d);
    if (reduced)
      reducedShape.push_back(shape[d]);
  }
  int64_t resultIndex = 0;
  std::vector<int64_t> elements;
  forEachIndex(
      reducedResultShape(shape, dimensions), [&](llvm::ArrayRef<int64_t> kept) {
        int64_t base = 0;
        for (size_t i = 0; i < kept.size(); ++i)
          base += kept[i] * strides[keptDimensions[i]];
        elements.clear();
        forEachIndex(reducedShape, [&](llvm::ArrayRef<int64_t> reduced) {
          int64_t element = base;
          for (size_t i = 0; i < reduced.size(); ++i)
            element += reduced[i] * strides[reducedDimensions[i]];
          elements.push_back(element);
        });
        visit(resultIndex++, elements);
      });
}

} // namespace

llvm::Expected<std::vector<HostTensor>>
reduceOp(llvm::ArrayRef<HostTensor> inputs,
         llvm::ArrayRef<HostTensor> initValues,
         llvm::ArrayRef<int64_t> dimensions, ReduceBody body) {
  const std::vector<int64_t> &shape = inputs.front().shape();
  std::vector<HostTensor> results;
  for (const HostTensor &input : inputs)
    results.emplace_back(input.elementType(),
                         reducedResultShape(shape, dimensions));
  llvm::Error error = llvm::Error::success();
  forEachReduction(shape, dimensions,
                   [&](int64_t resultIndex, llvm::ArrayRef<int64_t> elements) {
                     if (error)
                       return;
                     std::vector<HostTensor> accumulators(initValues.begin(),
                                                          initValues.end());
                     for (int64_t element : elements)
                       if ((error = fold(accumulators, inputs, element, body)))
                         return;
                     for (size_t k = 0; k < results.size(); ++k)
                       copyElement(accumulators[k], 0, results[k], resultIndex);
                   });
  if (error)
    return std::move(error);
  return results;
}

/// Folds `input` over `dimensions` from `init` with `combine`, in
/// reduceOp's order, in an `Accumulator` rounded to f32 at the end.
template <class Accumulator, class Combine>
static HostTensor foldF32(const HostTensor &input, const HostTensor &init,
                          llvm::ArrayRef<int64_t> dimensions, Combine combine) {
  HostTensor result(ElementType::F32,
                    reducedResultShape(input.shape(), dimensions));
  const float *in = input.dataAs<float>();
  float *out = result.dataAs<float>();
  forEachReduction(input.shape(), dimensions,
                   [&](int64_t resultIndex, llvm::ArrayRef<int64_t> elements) {
                     Accumulator accumulator = init.dataAs<float>()[0];
                     for (int64_t element : elements)
                       accumulator = combine(accumulator, in[element]);
                     out[resultIndex] = static_cast<float>(accumulator);
                   });
  return result;
}

HostTensor reduceSumF32(const HostTensor &input, const HostTensor &init,
                        llvm::ArrayRef<int64_t> dimensions) {
  return foldF32<double>(input, init, dimensions,
                         [](double sum, float x) { return sum + x; });
}

HostTensor reduceMaximumF32(const HostTensor &input, const HostTensor &init,
                            llvm::ArrayRef<int64_t> dimensions) {
  return foldF32<float>(input, init, dimensions, maximumFloat);
}

HostTensor reduceMinimumF32(const HostTensor &input, const HostTensor &init,
                            llvm::ArrayRef<int64_t> dimensions) {
  return foldF32<float>(input, init, dimensions, minimumFloat);
}

llvm::Expected<std::vector<HostTensor>>
reduceWindowOp(llvm::ArrayRef<HostTensor> inputs,
               llvm::ArrayRef<HostTensor> initValues,
               const WindowConfig &config, ReduceBody body) {
  size_t rank = config.windowDimensions.size();
  auto orOne = [](const std::vector<int64_t> &values, size_t d) {
    return values.empty() ? 1 : values[d];
  };

  // The spec's padded_inputs: edge padding and base dilation (as interior
  // padding) filled with the init values.
  std::vector<int64_t> low, high, interior;
  for (size_t d = 0; d < rank; ++d) {
    low.push_back(config.padding.empty() ? 0 : config.padding[d].first);
    high.push_back(config.padding.empty() ? 0 : config.padding[d].second);
    interior.push_back(orOne(config.baseDilations, d) - 1);
  }
  std::vector<HostTensor> padded;
  for (size_t k = 0; k < inputs.size(); ++k)
    padded.push_back(padOp(inputs[k], initValues[k], low, high, interior));

  const std::vector<int64_t> &paddedShape = padded.front().shape();
  std::vector<int64_t> paddedStrides = stridesOf(paddedShape);
  std::vector<int64_t> resultShape;
  for (size_t d = 0; d < rank; ++d) {
    int64_t extent =
        (config.windowDimensions[d] - 1) * orOne(config.windowDilations, d) + 1;
    int64_t stride = orOne(config.windowStrides, d);
    resultShape.push_back(
        paddedShape[d] < extent ? 0 : (paddedShape[d] - extent) / stride + 1);
  }

  std::vector<HostTensor> results;
  for (const HostTensor &input : inputs)
    results.emplace_back(input.elementType(), resultShape);
  int64_t resultIndex = 0;
  llvm::Error error = llvm::Error::success();
  forEachIndex(resultShape, [&](llvm::ArrayRef<int64_t> output) {
    if (error)
      return;
    std::vector<HostTensor> accumulators(initValues.begin(), initValues.end());
    forEachIndex(config.windowDimensions, [&](llvm::ArrayRef<int64_t> window) {
      if (error)
        return;
      int64_t element = 0;
      for (size_t d = 0; d < rank; ++d)
        element += (output[d] * orOne(config.windowStrides, d) +
                    window[d] * orOne(config.windowDilations, d)) *
                   paddedStrides[d];
      error = fold(accumulators, padded, element, body);
    });
    if (error)
      return;
    for (size_t k = 0; k < results.size(); ++k)
      copyElement(accumulators[k], 0, results[k], resultIndex);
    ++resultIndex;
  });
  if (error)
    return std::move(error);
  return results;
}

} // namespace kiln
