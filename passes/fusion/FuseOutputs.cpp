//===- FuseOutputs.cpp - Output fusion of contractions and epilogues --===//
//
// A dot_general or convolution computes its result tile by tile; the
// elementwise ops that consume the result (bias add, activation, residual
// add, scale) can be applied to each tile while it is still in registers,
// before it is stored, instead of in a later kernel that reads it back. The
// epilogue grows consumer by consumer; the bias broadcast and constants are
// cheap producers copied in. Operands of the contraction itself never fuse:
// the matmul loops read each of their elements many times.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "passes/fusion/FusionDecision.h"
#include "passes/fusion/FusionGroups.h"

#include "dialects/hlo/HloDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "kiln-fuse-outputs"

namespace kiln {
#define GEN_PASS_DEF_FUSEOUTPUTS
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// The group `contraction` and its epilogue so far would become if
/// `consumer` joined it, or nothing when the decision says no.
std::optional<SmallVector<Operation *>>
withConsumer(const llvm::SetVector<Operation *> &group, Operation *consumer,
             ShapedType tile) {
  if (FusionDecision d = canJoinOutputTile(consumer, tile); !d) {
    LLVM_DEBUG(llvm::dbgs() << "not fusing " << consumer->getName() << ": "
                            << d.reason() << "\n");
    return std::nullopt;
  }
  SmallVector<Operation *> candidate(group.begin(), group.end());
  candidate.push_back(consumer);
  // The epilogue's other operands: cheap producers (the bias broadcast,
  // constants) are copied into the tile loop; the rest are inputs.
  for (Value operand : consumer->getOperands())
    if (Operation *def = operand.getDefiningOp())
      if (!group.contains(def) && isCheapToDuplicate(def) &&
          def->getBlock() == consumer->getBlock() &&
          !llvm::is_contained(candidate, def))
        candidate.push_back(def);
  if (FusionDecision d = checkNoCycle(candidate); !d) {
    LLVM_DEBUG(llvm::dbgs() << "not fusing " << consumer->getName() << ": "
                            << d.reason() << "\n");
    return std::nullopt;
  }
  return candidate;
}

/// Grows the epilogue of `contraction` consumer by consumer, in program
/// order, so that an op joins after the epilogue ops it reads.
llvm::SetVector<Operation *> growEpilogue(Operation *contraction) {
  llvm::SetVector<Operation *> group;
  group.insert(contraction);
  auto tile = cast<ShapedType>(contraction->getResult(0).getType());
  bool grew = true;
  while (grew) {
    grew = false;
    for (Operation *op = contraction->getNextNode(); op;
         op = op->getNextNode()) {
      if (group.contains(op) || llvm::none_of(op->getOperands(), [&](Value v) {
            Operation *def = v.getDefiningOp();
            return def && group.contains(def) && !isCheapToDuplicate(def);
          }))
        continue;
      if (auto candidate = withConsumer(group, op, tile)) {
        group.insert(candidate->begin(), candidate->end());
        grew = true;
      }
    }
  }
  return group;
}

struct FuseOutputsPass final : kiln::impl::FuseOutputsBase<FuseOutputsPass> {
  void runOnOperation() override {
    getOperation().walk([](func::FuncOp func) {
      if (func.isExternal())
        return;
      for (Block *graph : hlo::graphBlocks(func.getBody())) {
        Block &block = *graph;
        SmallVector<Operation *> contractions;
        for (Operation &op : block)
          if (isContraction(&op))
            contractions.push_back(&op);
        // Each epilogue holds exactly one contraction, so forming one fusion
        // never erases another contraction.
        for (Operation *contraction : contractions) {
          llvm::SetVector<Operation *> group = growEpilogue(contraction);
          if (group.size() > 1)
            formFusion(group.getArrayRef(), hlo::FusionKind::Output,
                       contraction);
        }
      }
    });
  }
};

} // namespace
