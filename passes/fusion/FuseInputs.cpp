//===- FuseInputs.cpp - Input fusion of reductions; row fusion --------===//
//
// A reduction reads its input once, so the elementwise ops producing that
// input can be computed inside the reduction loop instead of in a kernel of
// their own (XLA's input fusion). When the reduced rows fit in cache, more
// fuses (row fusion, as XLA's GPU softmax fusion does): every reduction
// over the same rows, the per-row values computed from their results, the
// consumers that broadcast those back along the rows, and the elementwise
// ops on whole rows become one kernel that makes several passes over each
// row while it stays in cache. Softmax and layer norm become one kernel.
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

#define DEBUG_TYPE "kiln-fuse-inputs"

namespace kiln {
#define GEN_PASS_DEF_FUSEINPUTS
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// The iteration space of a row fusion: `rows` is the shape of the
/// per-row values (the kept leading dimensions), `full` the shape of whole
/// rows (the reduction's input).
struct RowSpace {
  ArrayRef<int64_t> rows;
  ArrayRef<int64_t> full;

  bool holds(Type type) const {
    ArrayRef<int64_t> shape = cast<ShapedType>(type).getShape();
    return shape == rows || shape == full;
  }

  /// A broadcast_in_dim that copies per-row values along their rows.
  bool isRowBroadcast(hlo::BroadcastInDimOp op) const {
    return cast<ShapedType>(op.getOperand().getType()).getShape() == rows &&
           cast<ShapedType>(op.getType()).getShape() == full &&
           llvm::equal(op.getBroadcastDimensions(),
                       llvm::seq<int64_t>(0, rows.size()));
  }

  /// Whether the row kernel can compute `op` row by row.
  bool computes(Operation *op) const {
    if (auto reduce = dyn_cast<hlo::ReduceOp>(op))
      return llvm::all_of(reduce.getInputs().getTypes(),
                          [&](Type t) {
                            return cast<ShapedType>(t).getShape() == full;
                          }) &&
             llvm::all_of(reduce->getResultTypes(),
                          [&](Type t) {
                            return cast<ShapedType>(t).getShape() == rows;
                          }) &&
             canRowFuse(reduce);
    if (auto broadcast = dyn_cast<hlo::BroadcastInDimOp>(op))
      return holds(broadcast.getType());
    if (isElementwise(op) || isa<hlo::ConstantOp, hlo::IotaOp>(op))
      return llvm::all_of(op->getResultTypes(),
                          [&](Type t) { return holds(t); });
    return false;
  }
};

/// Whether `producer`'s value may flow into the row group through `user`:
/// per-row values reach whole rows only through a row broadcast, which
/// the row kernel computes once per row.
bool flowsAlongRows(Operation *producer, Operation *user,
                    const RowSpace &space) {
  auto broadcast = dyn_cast<hlo::BroadcastInDimOp>(user);
  if (!broadcast)
    return true;
  return space.isRowBroadcast(broadcast) ||
         (isCheapToDuplicate(producer) && !isa<hlo::ReduceOp>(producer));
}

/// The ops a growing input fusion holds, against its limit: constants are
/// copied in and not counted, as in loop fusion.
class OpBudget {
public:
  explicit OpBudget(int64_t maxOps) : maxOps(maxOps) {}
  /// Whether `op` may still join.
  bool admits(Operation *op) const { return !counts(op) || held < maxOps; }
  void add(Operation *op) { held += counts(op); }

private:
  static bool counts(Operation *op) { return !isa<hlo::ConstantOp>(op); }
  int64_t maxOps;
  /// The reduction the group grows from.
  int64_t held = 1;
};

/// Grows the row group of `reduce` over both producers and consumers, up to
/// `maxOps` ops.
llvm::SetVector<Operation *> growRowGroup(hlo::ReduceOp reduce,
                                          int64_t maxOps) {
  RowSpace space{
      cast<ShapedType>(reduce->getResult(0).getType()).getShape(),
      cast<ShapedType>(reduce.getInputs().front().getType()).getShape()};
  Block *block = reduce->getBlock();
  GrowingGroup group(reduce);
  SmallVector<Operation *> worklist{reduce};
  OpBudget budget(maxOps);
  auto tryAdd = [&](Operation *op) {
    if (!op || op->getBlock() != block || group.contains(op) ||
        !space.computes(op) || !budget.admits(op))
      return;
    if (FusionDecision d = group.tryAdd(op); !d) {
      LLVM_DEBUG(llvm::dbgs() << "row fusion skips " << op->getName() << ": "
                              << d.reason() << "\n");
      return;
    }
    budget.add(op);
    worklist.push_back(op);
  };
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val();
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp())
        if (flowsAlongRows(def, op, space))
          tryAdd(def);
    // A cheap producer that reads nothing the group computes is a leaf
    // copied in; its other users belong to other kernels.
    if (isCheapToDuplicate(op) &&
        llvm::none_of(op->getOperands(), [&](Value v) {
          return group.contains(v.getDefiningOp());
        }))
      continue;
    for (Operation *user : op->getUsers())
      if (flowsAlongRows(op, user, space))
        tryAdd(block->findAncestorOpInBlock(*user));
  }
  return group.ops();
}

/// Grows the group of a reduction that is not row-fused: the elementwise
/// producers of its inputs, up to `maxOps` ops.
llvm::SetVector<Operation *> growReductionProducers(Operation *reduction,
                                                    int64_t maxOps) {
  llvm::SetVector<Operation *> group;
  group.insert(reduction);
  SmallVector<Operation *> worklist{reduction};
  OpBudget budget(maxOps);
  while (!worklist.empty()) {
    Operation *user = worklist.pop_back_val();
    for (OpOperand &operand : user->getOpOperands()) {
      Operation *producer = operand.get().getDefiningOp();
      if (!producer || producer->getBlock() != reduction->getBlock() ||
          group.contains(producer))
        continue;
      if (!budget.admits(producer))
        continue;
      // Init values are scalars; constants are copied in anyway.
      if (user == reduction &&
          operand.getOperandNumber() >= reduction->getNumOperands() / 2)
        continue;
      FusionDecision d = canFuseIntoReduction(
          producer, user, operand.getOperandNumber(), group.getArrayRef());
      if (!d) {
        LLVM_DEBUG(llvm::dbgs() << "input fusion skips " << producer->getName()
                                << ": " << d.reason() << "\n");
        continue;
      }
      group.insert(producer);
      budget.add(producer);
      worklist.push_back(producer);
    }
  }
  return group;
}

/// Whether the group computes more than its reduction and copied constants.
bool fusesSomething(const llvm::SetVector<Operation *> &group) {
  return llvm::count_if(group, [](Operation *op) {
           return !isa<hlo::ConstantOp>(op);
         }) > 1;
}

struct FuseInputsPass final : kiln::impl::FuseInputsBase<FuseInputsPass> {
  using FuseInputsBase::FuseInputsBase;

  void runOnOperation() override {
    int64_t maxOps = this->maxOps;
    getOperation().walk([&](func::FuncOp func) {
      if (func.isExternal())
        return;
      for (Block *graph : hlo::graphBlocks(func.getBody())) {
        Block &block = *graph;
        // Reductions still outside a fusion, in program order; forming a
        // fusion erases ops, so the scan restarts after each one.
        llvm::SmallPtrSet<Operation *, 8> done;
        for (;;) {
          Operation *next = nullptr;
          for (Operation &op : block)
            if (isReduction(&op) && !done.contains(&op)) {
              next = &op;
              break;
            }
          if (!next)
            break;
          auto reduce = dyn_cast<hlo::ReduceOp>(next);
          llvm::SetVector<Operation *> group =
              reduce && canRowFuse(reduce)
                  ? growRowGroup(reduce, maxOps)
                  : growReductionProducers(next, maxOps);
          if (!fusesSomething(group)) {
            done.insert(next);
            continue;
          }
          for (Operation *op : group)
            done.erase(op);
          formFusion(group.getArrayRef(), hlo::FusionKind::Input, next);
        }
      }
    });
  }
};

} // namespace
