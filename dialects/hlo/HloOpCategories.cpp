//===- HloOpCategories.cpp - The kinds of hlo ops fusion and codegen know -===//
//
// The one definition of each op category. The fusion verifier, the fusion
// passes, kernel generation and the random graph generator all ask here.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"

using namespace mlir;

bool kiln::hlo::isElementwise(Operation *op) {
  return isa<HloDialect>(op->getDialect()) &&
         (op->hasTrait<OpTrait::Elementwise>() || isa<SelectOp, ClampOp>(op));
}

bool kiln::hlo::isCheapToDuplicate(Operation *op) {
  return isa<ConstantOp, IotaOp, BroadcastInDimOp>(op);
}

bool kiln::hlo::isContraction(Operation *op) {
  return isa<DotGeneralOp, ConvolutionOp>(op);
}

bool kiln::hlo::isMatrixConvolution(ConvolutionOp conv) {
  auto isF32 = [](Value value) {
    return cast<RankedTensorType>(value.getType()).getElementType().isF32();
  };
  if (!isF32(conv.getLhs()) || !isF32(conv.getRhs()) ||
      !isF32(conv.getResult()))
    return false;
  if (conv.getFeatureGroupCount() != 1 || conv.getBatchGroupCount() != 1)
    return false;
  if (std::optional<ArrayRef<int64_t>> dilation = conv.getLhsDilation())
    if (llvm::any_of(*dilation, [](int64_t d) { return d != 1; }))
      return false;
  if (std::optional<ArrayRef<bool>> reversal = conv.getWindowReversal())
    if (llvm::is_contained(*reversal, true))
      return false;
  return true;
}

bool kiln::hlo::isReduction(Operation *op) {
  return isa<ReduceOp, ReduceWindowOp>(op);
}
