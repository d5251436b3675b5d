//===- FusionDecision.h - Fusion decisions and their reasons ----*- C++ -*-===//
//
// Every fusion heuristic answers with a FusionDecision: yes, or no and why
// (XLA's FusionDecision). The fusion passes and `--explain-fusion` call the
// same functions, so an explanation is the reason the pass actually had.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_FUSION_FUSIONDECISION_H
#define KILN_PASSES_FUSION_FUSIONDECISION_H

#include "dialects/hlo/HloDialect.h"

#include "llvm/ADT/SmallPtrSet.h"

#include <optional>
#include <string>

namespace kiln {

/// The answer of one fusion heuristic: allowed, or forbidden with a reason
/// that can be printed, tested and read.
class FusionDecision {
public:
  /// Fusion is allowed.
  static FusionDecision allow() { return FusionDecision(); }
  /// Fusion is forbidden because of `reason` (one clause, lower case).
  static FusionDecision forbid(llvm::StringRef reason) {
    return FusionDecision(reason.str());
  }

  /// True when fusion is allowed.
  explicit operator bool() const { return !reason_; }
  /// Why fusion is forbidden; empty when it is allowed.
  llvm::StringRef reason() const {
    return reason_ ? llvm::StringRef(*reason_) : llvm::StringRef();
  }

private:
  FusionDecision() = default;
  explicit FusionDecision(std::string reason) : reason_(std::move(reason)) {}
  std::optional<std::string> reason_;
};

/// Row fusion keeps a whole reduced row in the L1 data cache (32 KiB or more
/// on every x86 core of the last decade) while the kernel passes over it
/// several times: once per reduction and once for the consumers that
/// broadcast the results back. Only the input rows need to stay resident
/// (intermediates are recomputed from them in registers), so a [*, 4096] f32
/// row (16 KiB) qualifies with room to spare for a second input row.
inline constexpr int64_t kRowFusionBudgetBytes = 32 * 1024;

// The op categories are the dialect's (dialects/hlo/HloDialect.h).
using hlo::isCheapToDuplicate;
using hlo::isContraction;
using hlo::isElementwise;
using hlo::isReduction;

/// Ops a loop fusion can compute element by element: elementwise ops and
/// shape ops (broadcast_in_dim, reshape, transpose, slice, concatenate, pad)
/// plus the cheap leaf producers constant and iota.
bool isLoopFusible(mlir::Operation *op);

/// The structure of the kernel `op` (an op of the entry function, or a
/// fusion) is or would become; std::nullopt when it is no hlo op.
std::optional<hlo::FusionKind> kernelKind(mlir::Operation *op);
/// The shape the kernel of `op` iterates: a contraction's result, a
/// reduction's input, a loop kernel's (first) result.
mlir::ShapedType iterationType(mlir::Operation *op);

/// Row fusion applies to `reduce` when it reduces trailing dimensions whose
/// rows fit in kRowFusionBudgetBytes.
FusionDecision canRowFuse(hlo::ReduceOp reduce);

/// Whether `producer` (an op or fusion) can be fused into a consumer as a
/// loop-fusible computation.
FusionDecision producerIsLoopFusible(mlir::Operation *producer);

/// Whether `user` reads each element of its operand `operandIndex` (made
/// by `producer`) at most once, so that fusing the producer adds no work.
/// Contraction operands never fuse.
FusionDecision readsEachElementOnce(mlir::Operation *user,
                                    unsigned operandIndex,
                                    mlir::Operation *producer);

/// Whether `producer` may join `group` although some of its users stay
/// outside it: a cheap producer is duplicated; an expensive one becomes an
/// extra output (XLA's multi-output fusion: the value is written once
/// anyway, and the group no longer reads it back) only when its shape is
/// `iteration`, the shape the group's kernel iterates.
FusionDecision
canShareProducer(mlir::Operation *producer,
                 const llvm::SmallPtrSetImpl<mlir::Operation *> &group,
                 mlir::ShapedType iteration);

/// Whether elementwise `consumer` can be applied to the result tile (of
/// type `tile`) of a contraction before it is stored (output fusion).
FusionDecision canJoinOutputTile(mlir::Operation *consumer,
                                 mlir::ShapedType tile);

/// Loop fusion of `producer` into `consumer` (each an op of the entry
/// function or a loop fusion) into a fusion of at most `maxOps` ops,
/// including the cycle check.
FusionDecision canFuseLoop(mlir::Operation *producer, mlir::Operation *consumer,
                           int64_t maxOps);

/// Whether `producer` and `consumer` (ops or fusions) together stay within
/// `maxOps` ops, the size limit of one input fusion; constants not counted.
FusionDecision fitsInputFusion(mlir::Operation *producer,
                               mlir::Operation *consumer, int64_t maxOps);

/// Input fusion of elementwise `producer` into `group`, a reduction with the
/// producers fused so far; `user` reads the producer's result as operand
/// `operandIndex`. Includes the cycle check.
FusionDecision canFuseIntoReduction(mlir::Operation *producer,
                                    mlir::Operation *user,
                                    unsigned operandIndex,
                                    llvm::ArrayRef<mlir::Operation *> group);

} // namespace kiln

#endif // KILN_PASSES_FUSION_FUSIONDECISION_H
