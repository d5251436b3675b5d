//===- FusionGroups.h - Turning groups of ops into hlo.fusion ---*- C++ -*-===//
//
// The graph machinery the fusion passes share: checking that a group of ops
// of the entry function can become one kernel without a cycle, forming the
// hlo.fusion (inputs, multi-output results, cheap producers duplicated,
// existing fusions merged), and finding the user's ops inside a kernel.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_FUSION_FUSIONGROUPS_H
#define KILN_PASSES_FUSION_FUSIONGROUPS_H

#include "dialects/hlo/Diagnostics.h"
#include "passes/fusion/FusionDecision.h"

#include "mlir/IR/Location.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <string>

namespace kiln {

/// Forbids fusing `group` (ops of one block, fusions included) when a path
/// leaves the group and comes back into it: the fusion would then have to
/// run both before and after the outside op.
FusionDecision checkNoCycle(llvm::ArrayRef<mlir::Operation *> group);

/// A group grown one op at a time (input fusion's row groups), checked for
/// cycles as each op joins: the answer checkNoCycle would give for the
/// grown group, found by walking only the outside ops that lie between
/// the group's members and the new op, rather than the whole group again.
class GrowingGroup {
public:
  explicit GrowingGroup(mlir::Operation *seed);

  /// Adds `op` (of the seed's block, not yet a member) unless a path would
  /// then leave the group and come back into it.
  FusionDecision tryAdd(mlir::Operation *op);

  bool contains(mlir::Operation *op) const { return members.contains(op); }
  const llvm::SetVector<mlir::Operation *> &ops() const { return members; }

private:
  llvm::SetVector<mlir::Operation *> members;
  /// Members that carry values the group computes (see checkNoCycle).
  llvm::SmallPtrSet<mlir::Operation *, 16> dependents;
  /// The members first and last in the block.
  mlir::Operation *first;
  mlir::Operation *last;
};

/// Replaces `group` (ops of one block; hlo.fusion members are merged) by one
/// hlo.fusion of `kind`. Results used outside the group become the fusion's
/// results, except those of cheap producers (isCheapToDuplicate), which stay
/// outside for their other users and are also copied in. Constants read by
/// the group are copied in. Ops keep their locations inside the body; the
/// fusion's location fuses its members' locations with `root`'s first.
/// The caller has checked checkNoCycle(group).
hlo::FusionOp formFusion(llvm::ArrayRef<mlir::Operation *> group,
                         hlo::FusionKind kind, mlir::Operation *root);

/// Merges `producer` (an op or loop fusion of the block, before `fusion`)
/// into the existing `fusion`, as formFusion({producer, fusion}) would, in
/// time proportional to the producer and the fusion's signature rather than
/// its body: the body is reused, not copied, and only the ops between the
/// producer and the fusion are re-sorted. The result keeps `fusion`'s
/// location; refreshFusedLocation adds the members' afterwards. The caller
/// has checked canFuseLoop(producer, fusion).
hlo::FusionOp mergeProducerIntoFusion(mlir::Operation *producer,
                                      hlo::FusionOp fusion);

/// Sets `fusion`'s location to its own (the root's first) fused with those
/// of the ops in its body.
void refreshFusedLocation(hlo::FusionOp fusion);

/// Restores the block's order after `fusion` replaced a group whose first
/// member came right after `beforeGroup` (null: at the block's start).
void sortAfterFusing(mlir::Block *block, mlir::Operation *beforeGroup,
                     mlir::Operation *fusion);

/// The uses of `value` by `kernel`: the uses of the matching body arguments
/// when `kernel` is a fusion, else the kernel's own operands.
llvm::SmallVector<mlir::OpOperand *> usesInKernel(mlir::Operation *kernel,
                                                  mlir::Value value);

/// The op that computes `result` of a kernel: the op inside a fusion whose
/// value the body returns, else the result's own defining op.
mlir::Operation *computingOp(mlir::Value result);

} // namespace kiln

#endif // KILN_PASSES_FUSION_FUSIONGROUPS_H
