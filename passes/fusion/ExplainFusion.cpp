//===- ExplainFusion.cpp - Why edges were left unfused ----------------===//
//
// Replays, for each edge between two kernels, the decision that the pass in
// charge of that kind of edge makes: output fusion for a contraction's
// consumers, input fusion for a reduction's producers, loop fusion between
// loop kernels. The reasons are those of the decision functions the passes
// call, so the explanation cannot drift from the behaviour.
//
//===----------------------------------------------------------------------===//

#include "passes/fusion/ExplainFusion.h"

#include "passes/fusion/FusionDecision.h"
#include "passes/fusion/FusionGroups.h"

#include "dialects/hlo/HloDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;
using namespace kiln;
using kiln::hlo::FusionKind;
using kiln::hlo::FusionOp;

namespace {

/// Output fusion grows from the contraction towards its consumers; the
/// other values an epilogue reads come from other kernels.
constexpr const char *kEpilogueOperand =
    "consumer is an output fusion; its epilogue reads operands other than "
    "the result tile from memory";

/// The reason a fusible edge was not fused when no heuristic forbids it.
std::string passOffOr(bool on, llvm::StringRef kind) {
  if (!on)
    return (kind + " fusion is off").str();
  return ("fusible by " + kind + " fusion, but no fusion pass took it").str();
}

/// The first reduce the kernel `op` computes, if any.
hlo::ReduceOp firstReduce(Operation *op) {
  hlo::ReduceOp found;
  op->walk([&](hlo::ReduceOp reduce) {
    if (!found)
      found = reduce;
  });
  return found;
}

/// Why the consumers of a contraction's result tile were not fused.
std::string explainFromContraction(Operation *producer, Operation *consumer,
                                   ArrayRef<OpOperand *> uses,
                                   const FusionOptions &switches) {
  if (kernelKind(consumer) != FusionKind::Loop)
    return producerIsLoopFusible(producer).reason().str();
  ShapedType tile = iterationType(producer);
  for (OpOperand *use : uses)
    if (FusionDecision d = canJoinOutputTile(use->getOwner(), tile); !d)
      return d.reason().str();
  if (FusionDecision d = checkNoCycle({producer, consumer}); !d)
    return d.reason().str();
  return passOffOr(switches.outputFusion, "output");
}

/// Why the consumers of a reduction's result were not fused.
std::string explainFromReduction(Operation *producer, Operation *consumer,
                                 const FusionOptions &switches) {
  hlo::ReduceOp reduce = firstReduce(producer);
  if (!reduce)
    return producerIsLoopFusible(producer).reason().str();
  if (FusionDecision d = canRowFuse(reduce); !d)
    return "producer is a reduction and row fusion does not apply: " +
           d.reason().str();
  if (!switches.inputFusion)
    return "producer is a reduction and input (row) fusion is off";
  if (FusionDecision d =
          fitsInputFusion(producer, consumer, switches.maxInputFusionOps);
      !d)
    return d.reason().str();
  return "producer is a reduction and this consumer does not work along "
         "its rows; the result is complete only after the whole row";
}

/// Why a loop kernel's value was not fused into `consumer`.
std::string explainFromLoop(Operation *producer, Operation *consumer,
                            ArrayRef<OpOperand *> uses,
                            const FusionOptions &switches) {
  switch (*kernelKind(consumer)) {
  case FusionKind::Output:
    return kEpilogueOperand;
  case FusionKind::Input:
    if (FusionDecision d =
            fitsInputFusion(producer, consumer, switches.maxInputFusionOps);
        !d)
      return d.reason().str();
    for (OpOperand *use : uses)
      if (FusionDecision d = canFuseIntoReduction(
              producer, use->getOwner(), use->getOperandNumber(), {consumer});
          !d)
        return d.reason().str();
    return passOffOr(switches.inputFusion, "input");
  case FusionKind::Loop:
    if (FusionDecision d =
            canFuseLoop(producer, consumer, switches.maxLoopFusionOps);
        !d)
      return d.reason().str();
    return passOffOr(switches.loopFusion, "loop");
  }
  return "";
}

/// Why `value`, made by kernel `producer` and read by kernel `consumer`,
/// does not stay inside one kernel.
std::string explainEdge(Operation *producer, Operation *consumer, Value value,
                        const FusionOptions &switches) {
  SmallVector<OpOperand *> uses = usesInKernel(consumer, value);
  for (OpOperand *use : uses)
    if (isContraction(use->getOwner()))
      return readsEachElementOnce(use->getOwner(), use->getOperandNumber(),
                                  producer)
          .reason()
          .str();
  std::optional<FusionKind> producerKind = kernelKind(producer);
  if (kernelKind(consumer) == FusionKind::Output)
    return kEpilogueOperand;
  if (!producerKind || !kernelKind(consumer))
    return "'" +
           (producerKind ? consumer : producer)
               ->getName()
               .stripDialect()
               .str() +
           "' is not fusible";
  switch (*producerKind) {
  case FusionKind::Output:
    return explainFromContraction(producer, consumer, uses, switches);
  case FusionKind::Input:
    return explainFromReduction(producer, consumer, switches);
  case FusionKind::Loop:
    return explainFromLoop(producer, consumer, uses, switches);
  }
  return "";
}

std::string describeEnd(Operation *op) {
  return formatLocation(op->getLoc()) + " " +
         op->getName().stripDialect().str();
}

} // namespace

std::vector<std::string>
kiln::explainUnfusedEdges(ModuleOp fusedModule, const FusionOptions &switches) {
  std::vector<std::string> lines;
  fusedModule.walk([&](func::FuncOp func) {
    if (func.isExternal())
      return;
    for (Block *block : hlo::graphBlocks(func.getBody())) {
      for (Operation &consumer : block->without_terminator()) {
        llvm::SmallPtrSet<Value, 8> seen;
        for (Value value : consumer.getOperands()) {
          Operation *producer = value.getDefiningOp();
          if (!producer || producer->getBlock() != block ||
              isa<hlo::ConstantOp>(producer) || !seen.insert(value).second)
            continue;
          SmallVector<OpOperand *> uses = usesInKernel(&consumer, value);
          Operation *reader =
              uses.empty() ? &consumer : uses.front()->getOwner();
          lines.push_back(describeEnd(computingOp(value)) + " -> " +
                          describeEnd(reader) + ": " +
                          explainEdge(producer, &consumer, value, switches));
        }
      }
    }
  });
  return lines;
}
