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

bool kiln::hlo::isReduction(Operation *op) {
  return isa<ReduceOp, ReduceWindowOp>(op);
}
