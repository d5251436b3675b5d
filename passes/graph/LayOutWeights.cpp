//===- LayOutWeights.cpp - Constant contraction operands in kernel layout -===//
//
// A constant rhs of dot_general is transposed at compile time to
// [batch..., contracting..., free...], the layout whose packing is a
// contiguous copy (see KernelEmitterTiled.cpp); the dimension numbers
// follow, and the result (batch, lhs free, rhs free) is unchanged because
// the free dimensions keep their order.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/STLExtras.h"

namespace kiln {
#define GEN_PASS_DEF_LAYOUTWEIGHTS
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// `value` with its dimensions permuted (result dimension i is dimension
/// permutation[i]), by moving whole elements of its raw data; null for
/// element types not stored a byte or more per element.
DenseElementsAttr transposeConstant(DenseElementsAttr value,
                                    ArrayRef<int64_t> permutation) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  for (int64_t d : permutation)
    shape.push_back(type.getDimSize(d));
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  if (value.isSplat())
    return value.resizeSplat(resultType);
  unsigned bits = type.getElementTypeBitWidth();
  if (bits % 8 != 0)
    return {};
  size_t bytes = bits / 8;
  ArrayRef<char> source = value.getRawData();
  SmallVector<int64_t> sourceStrides(type.getRank(), 1);
  for (int64_t d = type.getRank() - 2; d >= 0; --d)
    sourceStrides[d] = sourceStrides[d + 1] * type.getDimSize(d + 1);
  std::vector<char> result(source.size());
  SmallVector<int64_t> index(shape.size(), 0);
  for (int64_t flat = 0, count = resultType.getNumElements(); flat < count;
       ++flat) {
    int64_t from = 0;
    for (auto [d, i] : llvm::enumerate(index))
      from += i * sourceStrides[permutation[d]];
    std::memcpy(result.data() + flat * bytes, source.data() + from * bytes,
                bytes);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return DenseElementsAttr::getFromRawBuffer(resultType, result);
}

struct LayOutWeightsPass
    : public kiln::impl::LayOutWeightsBase<LayOutWeightsPass> {
  void runOnOperation() override {
    getOperation().walk([](hlo::DotGeneralOp dot) {
      auto constant = dot.getRhs().getDefiningOp<hlo::ConstantOp>();
      if (!constant)
        return;
      auto value = dyn_cast<DenseElementsAttr>(constant.getValue());
      if (!value)
        return;
      hlo::DotDimensionNumbersAttr numbers = dot.getDotDimensionNumbers();
      ArrayRef<int64_t> batch = numbers.getRhsBatchingDimensions();
      ArrayRef<int64_t> contracting = numbers.getRhsContractingDimensions();
      int64_t rank = cast<RankedTensorType>(value.getType()).getRank();
      SmallVector<int64_t> permutation(batch);
      permutation.append(contracting.begin(), contracting.end());
      for (int64_t d = 0; d < rank; ++d)
        if (!llvm::is_contained(batch, d) &&
            !llvm::is_contained(contracting, d))
          permutation.push_back(d);
      if (llvm::equal(permutation, llvm::seq<int64_t>(0, rank)))
        return;
      DenseElementsAttr transposed = transposeConstant(value, permutation);
      if (!transposed)
        return;
      OpBuilder builder(dot);
      auto weights = builder.create<hlo::ConstantOp>(
          constant.getLoc(), transposed.getType(), transposed);
      auto batchDims = llvm::to_vector(
          llvm::seq<int64_t>(0, static_cast<int64_t>(batch.size())));
      auto contractingDims = llvm::to_vector(
          llvm::seq<int64_t>(batch.size(), batch.size() + contracting.size()));
      dot.setDotDimensionNumbersAttr(hlo::DotDimensionNumbersAttr::get(
          dot.getContext(), numbers.getLhsBatchingDimensions(), batchDims,
          numbers.getLhsContractingDimensions(), contractingDims));
      dot.getRhsMutable().assign(weights);
      if (constant->use_empty())
        constant->erase();
    });
  }
};

} // namespace
