//===- FuseLoops.cpp - Loop fusion of elementwise and shape-op chains -===//
//
// XLA's instruction fusion: visiting consumers from the end of the graph,
// each elementwise or shape op (or loop fusion) takes in the producers of
// its operands when canFuseLoop allows, so a chain of such ops becomes one
// loop over the output whose intermediates stay in registers. A cheap
// producer (broadcast_in_dim, iota) is copied into every consumer; an
// expensive one with other users becomes an extra output when its shape is
// the one the kernel iterates, and stays a kernel of its own otherwise.
// Constants are not fused here: each fusion copies the constants it reads.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "passes/fusion/FusionDecision.h"
#include "passes/fusion/FusionGroups.h"

#include "dialects/hlo/HloDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "kiln-fuse-loops"

namespace kiln {
#define GEN_PASS_DEF_FUSELOOPS
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// Fuses one producer of `consumer` into it when the decision allows;
/// returns whether the IR changed.
bool fuseOneProducer(Operation *consumer) {
  if (kernelKind(consumer) != hlo::FusionKind::Loop ||
      isa<hlo::ConstantOp>(consumer))
    return false;
  // The last operand first, as XLA does: its producer is usually the one
  // computed last, which keeps the chain's order in the body.
  for (Value operand : llvm::reverse(consumer->getOperands())) {
    Operation *producer = operand.getDefiningOp();
    if (!producer || producer->getBlock() != consumer->getBlock() ||
        isa<hlo::ConstantOp>(producer))
      continue;
    FusionDecision d = canFuseLoop(producer, consumer);
    if (!d) {
      LLVM_DEBUG(llvm::dbgs()
                 << "not fusing " << producer->getName() << " into "
                 << consumer->getName() << ": " << d.reason() << "\n");
      continue;
    }
    formFusion({producer, consumer}, hlo::FusionKind::Loop, consumer);
    return true;
  }
  return false;
}

struct FuseLoopsPass final : kiln::impl::FuseLoopsBase<FuseLoopsPass> {
  void runOnOperation() override {
    getOperation().walk([](func::FuncOp func) {
      if (func.isExternal())
        return;
      Block &block = func.getBody().front();
      // Each fusion removes at least one producer-consumer edge between
      // kernels, so this terminates; it restarts from the end because
      // forming a fusion re-sorts the block.
      bool changed = true;
      while (changed) {
        changed = false;
        for (Operation &op : llvm::reverse(block))
          if (fuseOneProducer(&op)) {
            changed = true;
            break;
          }
      }
    });
  }
};

} // namespace
