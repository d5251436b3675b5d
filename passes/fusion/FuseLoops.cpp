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
using kiln::hlo::FusionOp;

namespace {

/// Fuses one producer of `consumer` into it when the decision allows;
/// returns the fusion formed, or null. A consumer that is already a fusion
/// takes the producer in place (mergeProducerIntoFusion), so growing a
/// fusion op by op costs time in the op, not in the fusion.
FusionOp fuseOneProducer(Operation *consumer, int64_t maxOps) {
  if (kernelKind(consumer) != hlo::FusionKind::Loop ||
      isa<hlo::ConstantOp>(consumer))
    return {};
  // The last operand first, as XLA does: its producer is usually the one
  // computed last, which keeps the chain's order in the body.
  for (Value operand : llvm::reverse(consumer->getOperands())) {
    Operation *producer = operand.getDefiningOp();
    if (!producer || producer->getBlock() != consumer->getBlock() ||
        isa<hlo::ConstantOp>(producer))
      continue;
    FusionDecision d = canFuseLoop(producer, consumer, maxOps);
    if (!d) {
      LLVM_DEBUG(llvm::dbgs()
                 << "not fusing " << producer->getName() << " into "
                 << consumer->getName() << ": " << d.reason() << "\n");
      continue;
    }
    if (auto fusion = dyn_cast<FusionOp>(consumer))
      return mergeProducerIntoFusion(producer, fusion);
    return formFusion({producer, consumer}, hlo::FusionKind::Loop, consumer);
  }
  return {};
}

struct FuseLoopsPass final : kiln::impl::FuseLoopsBase<FuseLoopsPass> {
  using FuseLoopsBase::FuseLoopsBase;

  void runOnOperation() override {
    getOperation().walk([&](func::FuncOp func) {
      if (func.isExternal())
        return;
      for (Block *graph : hlo::graphBlocks(func.getBody())) {
        Block &block = *graph;
        // Consumers are visited once each, from the end of the block: a
        // consumer takes in producers until none fits, then the scan moves to
        // the op before it. Fusing re-sorts only the ops between the producer
        // and the fusion, and those are the ones visited next.
        Operation *cursor = block.empty() ? nullptr : &block.back();
        while (cursor) {
          Operation *visited = cursor->getNextNode();
          FusionOp fused = fuseOneProducer(cursor, maxOps);
          if (!fused) {
            cursor = cursor->getPrevNode();
            continue;
          }
          cursor = visited ? visited->getPrevNode() : &block.back();
        }
        for (auto fusion : block.getOps<FusionOp>())
          if (fusion.getKind() == hlo::FusionKind::Loop)
            refreshFusedLocation(fusion);
      }
    });
  }
};

} // namespace
