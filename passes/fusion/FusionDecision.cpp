//===- FusionDecision.cpp - Fusion decisions and their reasons --------===//
//
// The heuristics, each returning its reason, in the order XLA applies
// them: is the producer fusible at all, does the consumer read each of its
// elements once (no recomputed work), can it be shared with users outside
// the fusion (duplicated if cheap, a multi-output if the shapes agree), and
// would the fusion close a cycle.
//
//===----------------------------------------------------------------------===//

#include "passes/fusion/FusionDecision.h"

#include "dialects/hlo/BufferSize.h"
#include "passes/fusion/FusionGroups.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace kiln;
using kiln::hlo::FusionKind;
using kiln::hlo::FusionOp;

static std::string opName(Operation *op) {
  return op->getName().stripDialect().str();
}

static std::string typeText(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

bool kiln::isLoopFusible(Operation *op) {
  return isElementwise(op) ||
         isa<hlo::BroadcastInDimOp, hlo::ReshapeOp, hlo::TransposeOp,
             hlo::SliceOp, hlo::ConcatenateOp, hlo::PadOp, hlo::GatherOp,
             hlo::ReverseOp, hlo::DynamicSliceOp, hlo::DynamicUpdateSliceOp,
             hlo::IotaOp, hlo::ConstantOp>(op);
}

std::optional<FusionKind> kiln::kernelKind(Operation *op) {
  if (auto fusion = dyn_cast<FusionOp>(op))
    return fusion.getKind();
  if (isContraction(op))
    return FusionKind::Output;
  if (isReduction(op))
    return FusionKind::Input;
  if (isLoopFusible(op))
    return FusionKind::Loop;
  return std::nullopt;
}

ShapedType kiln::iterationType(Operation *op) {
  Operation *structural = op;
  // A loop fusion holds no contraction or reduction: its first result is
  // the shape it iterates, found without walking its body.
  if (auto fusion = dyn_cast<FusionOp>(op);
      fusion && fusion.getKind() != FusionKind::Loop)
    fusion.getBody().walk([&](Operation *inner) {
      if (isContraction(inner) || isReduction(inner)) {
        structural = inner;
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
  if (isReduction(structural))
    return cast<ShapedType>(structural->getOperand(0).getType());
  if (structural->getNumResults() == 0)
    return {};
  return cast<ShapedType>(structural->getResult(0).getType());
}

FusionDecision kiln::canRowFuse(hlo::ReduceOp reduce) {
  auto input = cast<ShapedType>(reduce.getInputs().front().getType());
  ArrayRef<int64_t> dims = reduce.getDimensions();
  int64_t rank = input.getRank();
  int64_t kept = rank - static_cast<int64_t>(dims.size());
  SmallVector<int64_t> sortedDims(dims);
  llvm::sort(sortedDims);
  for (auto [i, dim] : llvm::enumerate(sortedDims))
    if (dim != kept + static_cast<int64_t>(i))
      return FusionDecision::forbid(
          "the reduced dimensions are not the trailing ones, so the "
          "reduction has no contiguous rows to keep in cache");
  int64_t rowBytes = 0;
  for (Value v : reduce.getInputs()) {
    auto type = cast<ShapedType>(v.getType());
    int64_t elements = 1;
    for (int64_t d = kept; d < rank; ++d)
      elements *= type.getDimSize(d);
    rowBytes += elements * kiln::elementBytes(type.getElementType());
  }
  if (rowBytes > kRowFusionBudgetBytes)
    return FusionDecision::forbid(
        llvm::formatv(
            "a reduced row holds {0} bytes, more than the {1} KiB row-fusion "
            "budget (a row must stay in the L1 cache)",
            rowBytes, kRowFusionBudgetBytes / 1024)
            .str());
  return FusionDecision::allow();
}

FusionDecision kiln::producerIsLoopFusible(Operation *producer) {
  std::optional<FusionKind> kind = kernelKind(producer);
  if (!kind)
    return FusionDecision::forbid("producer '" + opName(producer) +
                                  "' is not fusible");
  switch (*kind) {
  case FusionKind::Loop:
    return FusionDecision::allow();
  case FusionKind::Input:
    return FusionDecision::forbid(
        "producer is a reduction; its result is complete only after the "
        "whole reduction, so consumers read it from memory");
  case FusionKind::Output:
    return FusionDecision::forbid(
        "producer is a contraction; only elementwise consumers of its "
        "result tile join it (output fusion)");
  }
  return FusionDecision::allow();
}

FusionDecision kiln::readsEachElementOnce(Operation *user,
                                          unsigned operandIndex,
                                          Operation *producer) {
  bool cheap = isCheapToDuplicate(producer);
  if (isContraction(user))
    return FusionDecision::forbid(
        cheap ? "consumer is a contraction; its loops read their operands "
                "from memory"
              : "consumer is a contraction; fusing its operand would "
                "recompute the producer per output element");
  if (cheap)
    return FusionDecision::allow();
  if (auto broadcast = dyn_cast<hlo::BroadcastInDimOp>(user)) {
    auto from = cast<ShapedType>(broadcast.getOperand().getType());
    auto to = cast<ShapedType>(broadcast.getType());
    if (to.getNumElements() > from.getNumElements())
      return FusionDecision::forbid(
          llvm::formatv(
              "consumer broadcasts the producer to {0} times its size; fusing "
              "would recompute the producer for every copy",
              to.getNumElements() / std::max<int64_t>(1, from.getNumElements()))
              .str());
  }
  if (auto window = dyn_cast<hlo::ReduceWindowOp>(user))
    if (operandIndex < window.getInputs().size() &&
        hlo::hasOverlappingWindows(window))
      return FusionDecision::forbid(
          "consumer reduce_window has overlapping windows; fusing would "
          "recompute the producer once per window");
  return FusionDecision::allow();
}

/// Whether `op` reads a value at other indices than it writes; `computed`
/// says whether a value is computed by the same kernel (broadcasting a
/// kernel input is an indexed load, broadcasting a computed value reads it
/// at other indices).
static bool reordersElements(Operation *op,
                             llvm::function_ref<bool(Value)> computed) {
  if (isa<hlo::TransposeOp, hlo::ReshapeOp, hlo::SliceOp, hlo::ConcatenateOp,
          hlo::PadOp, hlo::GatherOp, hlo::ReverseOp, hlo::DynamicSliceOp,
          hlo::DynamicUpdateSliceOp, hlo::ReduceWindowOp>(op))
    return true;
  auto broadcast = dyn_cast<hlo::BroadcastInDimOp>(op);
  return broadcast && computed(broadcast.getOperand());
}

/// Whether a member of `group` (ops of a block; fusions looked into) reads
/// some value at other indices than it writes: then an extra output
/// computed at the iteration index would compute its producer again.
static bool
groupReordersElements(const llvm::SmallPtrSetImpl<Operation *> &group) {
  for (Operation *member : group) {
    if (auto fusion = dyn_cast<FusionOp>(member)) {
      auto computedInside = [](Value v) {
        Operation *def = v.getDefiningOp();
        return def && !isa<hlo::ConstantOp>(def);
      };
      for (Operation &op : fusion.getBody().front())
        if (reordersElements(&op, computedInside))
          return true;
      continue;
    }
    auto computedInGroup = [&](Value v) {
      Operation *def = v.getDefiningOp();
      return def && group.contains(def) && !isa<hlo::ConstantOp>(def);
    };
    if (reordersElements(member, computedInGroup))
      return true;
  }
  return false;
}

FusionDecision
kiln::canShareProducer(Operation *producer,
                       const llvm::SmallPtrSetImpl<Operation *> &group,
                       ShapedType iteration) {
  Block *block = producer->getBlock();
  bool usedOutside = llvm::any_of(producer->getUsers(), [&](Operation *user) {
    return !group.contains(block->findAncestorOpInBlock(*user));
  });
  if (!usedOutside || isCheapToDuplicate(producer))
    return FusionDecision::allow();
  for (Type type : producer->getResultTypes()) {
    auto shaped = cast<ShapedType>(type);
    if (!iteration || shaped.getShape() != iteration.getShape())
      return FusionDecision::forbid(
          "producer is expensive and has users outside the fusion; "
          "duplicating it would recompute it, and a multi-output fusion "
          "needs outputs of the shape the kernel iterates (" +
          typeText(shaped) + " vs " +
          (iteration ? typeText(iteration) : std::string("none")) + ")");
  }
  if (groupReordersElements(group))
    return FusionDecision::forbid(
        "producer is expensive and has users outside the fusion, and the "
        "fusion reads it at reordered indices, so an extra output would "
        "compute it twice");
  return FusionDecision::allow();
}

FusionDecision kiln::canJoinOutputTile(Operation *consumer, ShapedType tile) {
  if (!isElementwise(consumer))
    return FusionDecision::forbid(
        "consumer '" + opName(consumer) +
        "' is not elementwise; output fusion applies only elementwise ops "
        "to the result tile");
  for (Type type : consumer->getResultTypes())
    if (cast<ShapedType>(type).getShape() != tile.getShape())
      return FusionDecision::forbid(
          "consumer's shape differs from the contraction's result tile");
  return FusionDecision::allow();
}

/// Ops `kernel` computes: those of its body for a fusion (constants are
/// copies and not counted), else 1.
static int64_t opCount(Operation *kernel) {
  auto fusion = dyn_cast<FusionOp>(kernel);
  if (!fusion)
    return 1;
  int64_t count = 0;
  for (Operation &op : fusion.getBody().front().without_terminator())
    count += !isa<hlo::ConstantOp>(op);
  return count;
}

/// Whether `producer` and `consumer` together hold at most `maxOps` ops,
/// the limit of one `kind` kernel that `flag` sets.
static FusionDecision fitsKernel(Operation *producer, Operation *consumer,
                                 int64_t maxOps, StringRef kind,
                                 StringRef flag) {
  if (int64_t ops = opCount(producer) + opCount(consumer); ops > maxOps)
    return FusionDecision::forbid(
        llvm::formatv("the fusion would hold {0} ops, more than the {1} of "
                      "one {2} kernel ({3})",
                      ops, maxOps, kind, flag)
            .str());
  return FusionDecision::allow();
}

FusionDecision kiln::fitsInputFusion(Operation *producer, Operation *consumer,
                                     int64_t maxOps) {
  return fitsKernel(producer, consumer, maxOps, "input",
                    "--max-input-fusion-ops");
}

FusionDecision kiln::canFuseLoop(Operation *producer, Operation *consumer,
                                 int64_t maxOps) {
  if (FusionDecision d = producerIsLoopFusible(producer); !d)
    return d;
  if (kernelKind(consumer) != FusionKind::Loop)
    return FusionDecision::forbid("consumer '" + opName(consumer) +
                                  "' is not a loop kernel");
  // Counted before the walks below, which a capped fusion keeps short.
  if (FusionDecision d = fitsKernel(producer, consumer, maxOps, "loop",
                                    "--max-loop-fusion-ops");
      !d)
    return d;
  for (Value result : producer->getResults())
    for (OpOperand *use : usesInKernel(consumer, result))
      if (FusionDecision d = readsEachElementOnce(
              use->getOwner(), use->getOperandNumber(), producer);
          !d)
        return d;
  llvm::SmallPtrSet<Operation *, 2> group{consumer};
  if (FusionDecision d =
          canShareProducer(producer, group, iterationType(consumer));
      !d)
    return d;
  return checkNoCycle({producer, consumer});
}

FusionDecision kiln::canFuseIntoReduction(Operation *producer, Operation *user,
                                          unsigned operandIndex,
                                          ArrayRef<Operation *> group) {
  if (FusionDecision d = producerIsLoopFusible(producer); !d)
    return d;
  if (FusionDecision d = readsEachElementOnce(user, operandIndex, producer); !d)
    return d;
  llvm::SmallPtrSet<Operation *, 16> members(group.begin(), group.end());
  if (FusionDecision d =
          canShareProducer(producer, members, iterationType(group.front()));
      !d)
    return d;
  SmallVector<Operation *> candidate(group);
  candidate.push_back(producer);
  return checkNoCycle(candidate);
}
