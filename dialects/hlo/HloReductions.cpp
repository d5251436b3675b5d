//===- HloReductions.cpp - Questions about reduce bodies --------------===//

#include "dialects/hlo/HloDialect.h"

using namespace mlir;

mlir::Operation *kiln::hlo::binaryCombiner(Region &body) {
  Block &block = body.front();
  if (block.getNumArguments() != 2 ||
      !llvm::hasSingleElement(block.without_terminator()))
    return nullptr;
  Operation &op = block.front();
  Operation *terminator = block.getTerminator();
  if (op.getNumOperands() != 2 || op.getNumResults() != 1 ||
      terminator->getNumOperands() != 1 ||
      terminator->getOperand(0) != op.getResult(0))
    return nullptr;
  bool inOrder = op.getOperand(0) == block.getArgument(0) &&
                 op.getOperand(1) == block.getArgument(1);
  bool swapped = op.getOperand(0) == block.getArgument(1) &&
                 op.getOperand(1) == block.getArgument(0);
  return inOrder || swapped ? &op : nullptr;
}

mlir::Operation *kiln::hlo::plainF32Combiner(ReduceOp reduce) {
  if (reduce.getInputs().size() != 1 ||
      !cast<RankedTensorType>(reduce.getInputs()[0].getType())
           .getElementType()
           .isF32())
    return nullptr;
  return binaryCombiner(reduce.getBody());
}

bool kiln::hlo::isPlainF32Sum(ReduceOp reduce) {
  Operation *combiner = plainF32Combiner(reduce);
  return isa_and_nonnull<AddOp>(combiner) &&
         combiner->getOperand(0) == reduce.getBody().getArgument(0);
}
