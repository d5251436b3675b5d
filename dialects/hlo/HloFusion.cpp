//===- HloFusion.cpp - hlo.fusion's verifier --------------------------===//
//
// A fusion becomes one kernel whose intermediate values never go through
// memory, so its body may hold only ops that kernel structure supports:
// elementwise and shape ops everywhere, reductions in input fusions, one
// dot_general or convolution in output fusions, and no nested fusion.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"

using namespace mlir;
using namespace kiln::hlo;

LogicalResult FusionOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != getInputs().size())
    return emitOpError() << "body takes " << body.getNumArguments()
                         << " arguments for " << getInputs().size()
                         << " inputs";
  for (auto [i, arg, input] : llvm::enumerate(body.getArguments(), getInputs()))
    if (arg.getType() != input.getType())
      return emitOpError() << "body argument " << i << " has type "
                           << arg.getType() << " but input " << i
                           << " has type " << input.getType();
  auto terminator =
      body.empty() ? ReturnOp() : llvm::dyn_cast<ReturnOp>(body.back());
  if (!terminator)
    return emitOpError("body must end in hlo.return");
  if (terminator->getOperandTypes() != getResultTypes())
    return emitOpError("body returns values whose types differ from the "
                       "fusion's results");

  int contractions = 0, reductions = 0;
  for (Operation &op : body.without_terminator()) {
    if (isa<FusionOp>(op))
      return op.emitOpError("cannot be nested in another hlo.fusion");
    if (!isa<HloDialect>(op.getDialect()))
      return op.emitOpError("is not an hlo op and cannot be fused");
    contractions += isContraction(&op);
    reductions += isReduction(&op);
  }
  switch (getKind()) {
  case FusionKind::Loop:
    if (contractions || reductions)
      return emitOpError("a loop fusion holds only elementwise and shape "
                         "ops; found a reduction or contraction");
    break;
  case FusionKind::Input:
    if (contractions)
      return emitOpError("an input fusion cannot hold a dot_general or "
                         "convolution");
    if (!reductions)
      return emitOpError("an input fusion must hold a reduce or "
                         "reduce_window");
    break;
  case FusionKind::Output:
    if (contractions != 1 || reductions)
      return emitOpError("an output fusion holds exactly one dot_general or "
                         "convolution and elementwise consumers; found ")
             << contractions << " contractions and " << reductions
             << " reductions";
    break;
  }
  return success();
}
