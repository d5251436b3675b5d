//===- HloReductions.cpp - Questions about reduce bodies --------------===//

#include "dialects/hlo/HloDialect.h"

using namespace mlir;

bool kiln::hlo::isPlainF32Sum(ReduceOp reduce) {
  if (reduce.getInputs().size() != 1 ||
      !cast<RankedTensorType>(reduce.getInputs()[0].getType())
           .getElementType()
           .isF32())
    return false;
  Block &body = reduce.getBody().front();
  if (body.getNumArguments() != 2 ||
      !llvm::hasSingleElement(body.without_terminator()))
    return false;
  auto add = dyn_cast<AddOp>(body.front());
  return add && add.getLhs() == body.getArgument(0) &&
         add.getRhs() == body.getArgument(1) &&
         body.getTerminator()->getNumOperands() == 1 &&
         body.getTerminator()->getOperand(0) == add.getResult();
}
