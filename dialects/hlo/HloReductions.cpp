//===- HloReductions.cpp - Questions about reduce bodies --------------===//

#include "dialects/hlo/HloDialect.h"

using namespace mlir;

mlir::Operation *kiln::hlo::plainF32Combiner(ReduceOp reduce) {
  if (reduce.getInputs().size() != 1 ||
      !cast<RankedTensorType>(reduce.getInputs()[0].getType())
           .getElementType()
           .isF32())
    return nullptr;
  Block &body = reduce.getBody().front();
  if (body.getNumArguments() != 2 ||
      !llvm::hasSingleElement(body.without_terminator()))
    return nullptr;
  Operation &op = body.front();
  Operation *terminator = body.getTerminator();
  if (op.getNumOperands() != 2 || op.getNumResults() != 1 ||
      terminator->getNumOperands() != 1 ||
      terminator->getOperand(0) != op.getResult(0))
    return nullptr;
  bool inOrder = op.getOperand(0) == body.getArgument(0) &&
                 op.getOperand(1) == body.getArgument(1);
  bool swapped = op.getOperand(0) == body.getArgument(1) &&
                 op.getOperand(1) == body.getArgument(0);
  return inOrder || swapped ? &op : nullptr;
}

bool kiln::hlo::isPlainF32Sum(ReduceOp reduce) {
  Operation *combiner = plainF32Combiner(reduce);
  return isa_and_nonnull<AddOp>(combiner) &&
         combiner->getOperand(0) == reduce.getBody().getArgument(0);
}
