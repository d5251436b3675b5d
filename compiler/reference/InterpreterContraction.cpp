//===- InterpreterContraction.cpp - Reference dot_general and convolution -===//
//
// Sums start from zero and add one product at a time in the natural order
// (f32, f16 and bf16 sum in f32 and round once at the end, f64 sums in
// f64), each step one fused multiply-add (a single rounding):
// the order and the arithmetic of the native kernels that keep the order.
// A dot sums over its contracting dims in the lhs's order; a convolution
// over its kernel's dims but the output feature, in the kernel's layout
// order (taps and input features interleaved as the weights lie).
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/InterpreterOps.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

namespace kiln {
namespace {

/// A running sum: f64 in f64, the narrower floats in f32; integers wrap
/// (i1 is or of ands, as add and multiply are on i1).
class Accumulator {
public:
  explicit Accumulator(ElementType type) : type(type) {}

  void addProduct(const HostTensor &lhs, int64_t i, const HostTensor &rhs,
                  int64_t j) {
    if (type == ElementType::F64) {
      doubleSum = std::fma(lhs.getAsDouble(i), rhs.getAsDouble(j), doubleSum);
      return;
    }
    if (isFloat(type)) {
      floatSum = std::fma(static_cast<float>(lhs.getAsDouble(i)),
                          static_cast<float>(rhs.getAsDouble(j)), floatSum);
      return;
    }
    uint64_t product = static_cast<uint64_t>(lhs.getAsInt(i)) *
                       static_cast<uint64_t>(rhs.getAsInt(j));
    intSum += product;
  }

  void store(HostTensor &result, int64_t i) const {
    if (type == ElementType::F64)
      result.setFromDouble(i, doubleSum);
    else if (isFloat(type))
      result.setFromDouble(i, floatSum);
    else
      result.setFromInt(i, static_cast<int64_t>(intSum));
  }

private:
  ElementType type;
  double doubleSum = 0;
  float floatSum = 0;
  uint64_t intSum = 0;
};

/// The dimensions of a tensor of `rank` not named in `a` or `b`.
std::vector<int64_t> freeDimensions(int64_t rank, llvm::ArrayRef<int64_t> a,
                                    llvm::ArrayRef<int64_t> b) {
  std::vector<int64_t> result;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(a, d) && !llvm::is_contained(b, d))
      result.push_back(d);
  return result;
}

} // namespace

HostTensor dotGeneralOp(const HostTensor &lhs, const HostTensor &rhs,
                        llvm::ArrayRef<int64_t> lhsBatchingDimensions,
                        llvm::ArrayRef<int64_t> rhsBatchingDimensions,
                        llvm::ArrayRef<int64_t> lhsContractingDimensions,
                        llvm::ArrayRef<int64_t> rhsContractingDimensions,
                        ElementType resultType) {
  std::vector<int64_t> lhsFree = freeDimensions(
      lhs.rank(), lhsBatchingDimensions, lhsContractingDimensions);
  std::vector<int64_t> rhsFree = freeDimensions(
      rhs.rank(), rhsBatchingDimensions, rhsContractingDimensions);
  std::vector<int64_t> resultShape, contractingShape;
  for (int64_t d : lhsBatchingDimensions)
    resultShape.push_back(lhs.shape()[d]);
  for (int64_t d : lhsFree)
    resultShape.push_back(lhs.shape()[d]);
  for (int64_t d : rhsFree)
    resultShape.push_back(rhs.shape()[d]);
  for (int64_t d : lhsContractingDimensions)
    contractingShape.push_back(lhs.shape()[d]);

  std::vector<int64_t> lhsStrides = stridesOf(lhs.shape());
  std::vector<int64_t> rhsStrides = stridesOf(rhs.shape());
  size_t batchCount = lhsBatchingDimensions.size();
  HostTensor result(resultType, resultShape);
  int64_t resultIndex = 0;
  forEachIndex(resultShape, [&](llvm::ArrayRef<int64_t> index) {
    // Split the result index into batch, lhs free and rhs free parts.
    int64_t lhsBase = 0, rhsBase = 0;
    for (size_t i = 0; i < batchCount; ++i) {
      lhsBase += index[i] * lhsStrides[lhsBatchingDimensions[i]];
      rhsBase += index[i] * rhsStrides[rhsBatchingDimensions[i]];
    }
    for (size_t i = 0; i < lhsFree.size(); ++i)
      lhsBase += index[batchCount + i] * lhsStrides[lhsFree[i]];
    for (size_t i = 0; i < rhsFree.size(); ++i)
      rhsBase +=
          index[batchCount + lhsFree.size() + i] * rhsStrides[rhsFree[i]];

    Accumulator sum(resultType);
    forEachIndex(contractingShape, [&](llvm::ArrayRef<int64_t> k) {
      int64_t l = lhsBase, r = rhsBase;
      for (size_t i = 0; i < k.size(); ++i) {
        l += k[i] * lhsStrides[lhsContractingDimensions[i]];
        r += k[i] * rhsStrides[rhsContractingDimensions[i]];
      }
      sum.addProduct(lhs, l, rhs, r);
    });
    sum.store(result, resultIndex++);
  });
  return result;
}

HostTensor convolutionOp(const HostTensor &lhs, const HostTensor &rhs,
                         const ConvConfig &config,
                         const std::vector<int64_t> &resultShape,
                         ElementType resultType) {
  size_t spatialRank = config.inputSpatialDimensions.size();
  auto orOne = [](const std::vector<int64_t> &values, size_t d) {
    return values.empty() ? 1 : values[d];
  };
  std::vector<int64_t> lhsStrides = stridesOf(lhs.shape());
  std::vector<int64_t> rhsStrides = stridesOf(rhs.shape());

  int64_t inputBatch = lhs.shape()[config.inputBatchDimension];
  int64_t outputFeatures = rhs.shape()[config.kernelOutputFeatureDimension];
  int64_t kernelInputFeatures = rhs.shape()[config.kernelInputFeatureDimension];
  int64_t outputBatch = inputBatch / config.batchGroupCount;
  int64_t featuresPerGroup = outputFeatures / config.featureGroupCount;
  int64_t featuresPerBatchGroup = outputFeatures / config.batchGroupCount;
  std::vector<int64_t> windowShape;
  for (int64_t d : config.kernelSpatialDimensions)
    windowShape.push_back(rhs.shape()[d]);
  // The sum runs over the kernel's dims but its output feature, in the
  // kernel's layout order: per dim, the spatial dim it steps, or -1 for the
  // input feature.
  std::vector<int64_t> reductionShape, spatialOf;
  for (int64_t d = 0; d < static_cast<int64_t>(rhs.shape().size()); ++d) {
    if (d == config.kernelOutputFeatureDimension)
      continue;
    reductionShape.push_back(rhs.shape()[d]);
    auto it = llvm::find(config.kernelSpatialDimensions, d);
    spatialOf.push_back(it == config.kernelSpatialDimensions.end()
                            ? -1
                            : it - config.kernelSpatialDimensions.begin());
  }

  HostTensor result(resultType, resultShape);
  std::vector<int64_t> resultStrides = stridesOf(resultShape);
  forEachIndex(resultShape, [&](llvm::ArrayRef<int64_t> index) {
    int64_t batch = index[config.outputBatchDimension];
    int64_t feature = index[config.outputFeatureDimension];
    // batch_group_count splits the input batch into groups that each feed a
    // slice of the output features; feature_group_count does the same with
    // the input features.
    int64_t lhsBatch = batch + (feature / featuresPerBatchGroup) * outputBatch;
    int64_t firstInputFeature =
        (feature / featuresPerGroup) * kernelInputFeatures;

    Accumulator sum(resultType);
    forEachIndex(reductionShape, [&](llvm::ArrayRef<int64_t> reduction) {
      std::vector<int64_t> window(spatialRank);
      int64_t c = 0;
      for (size_t i = 0; i < reduction.size(); ++i)
        (spatialOf[i] < 0 ? c : window[spatialOf[i]]) = reduction[i];
      int64_t lhsBase = lhsBatch * lhsStrides[config.inputBatchDimension];
      int64_t rhsBase =
          feature * rhsStrides[config.kernelOutputFeatureDimension];
      for (size_t d = 0; d < spatialRank; ++d) {
        // The position in the padded, dilated input; skip taps on padding
        // and on the holes base dilation leaves.
        int64_t position =
            index[config.outputSpatialDimensions[d]] *
                orOne(config.windowStrides, d) +
            window[d] * orOne(config.rhsDilation, d) -
            (config.padding.empty() ? 0 : config.padding[d].first);
        int64_t dilation = orOne(config.lhsDilation, d);
        int64_t inputSize = lhs.shape()[config.inputSpatialDimensions[d]];
        if (position < 0 || position % dilation != 0 ||
            position / dilation >= inputSize)
          return;
        lhsBase +=
            position / dilation * lhsStrides[config.inputSpatialDimensions[d]];
        bool reversed =
            !config.windowReversal.empty() && config.windowReversal[d];
        int64_t tap = reversed ? windowShape[d] - 1 - window[d] : window[d];
        rhsBase += tap * rhsStrides[config.kernelSpatialDimensions[d]];
      }
      sum.addProduct(
          lhs,
          lhsBase + (firstInputFeature + c) *
                        lhsStrides[config.inputFeatureDimension],
          rhs, rhsBase + c * rhsStrides[config.kernelInputFeatureDimension]);
    });
    sum.store(result, flatIndex(index, resultStrides));
  });
  return result;
}

} // namespace kiln
