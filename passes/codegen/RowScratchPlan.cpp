//===- RowScratchPlan.cpp - Which row values a row kernel keeps -----------===//

#include "passes/codegen/RowScratchPlan.h"

#include "dialects/hlo/HloDialect.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace mlir;

namespace kiln {

/// Recomputing a value costs at least this much (elementwise ops count 1)
/// before a scratch buffer pays: one op is about as cheap as its load.
constexpr int kMinRecomputeCost = 2;

/// Ops that expand to a polynomial (ExpandMath) or divide: each costs as
/// much as a store and a load on its own.
static bool isCostly(Operation *op) {
  return isa<hlo::ExpOp, hlo::Expm1Op, hlo::LogOp, hlo::Log1pOp, hlo::TanhOp,
             hlo::LogisticOp, hlo::SqrtOp, hlo::RsqrtOp, hlo::CbrtOp,
             hlo::SineOp, hlo::CosineOp, hlo::TanOp, hlo::ErfOp, hlo::DivOp,
             hlo::RemOp, hlo::PowOp, hlo::Atan2Op>(op);
}

/// Values a loop never recomputes per element: kernel arguments,
/// constants, and values of the row's own shape (a reduction's result, a
/// mean computed from it), which have one element per row: their code is
/// the same in every iteration of the loops over the row, and LLVM hoists
/// it out of them.
static bool isAvailable(Value value, ArrayRef<int64_t> rowShape) {
  Operation *op = value.getDefiningOp();
  return !op || isa<hlo::ConstantOp, hlo::IotaOp, hlo::ReduceOp>(op) ||
         cast<ShapedType>(value.getType()).getShape() == rowShape;
}

/// Whether `value` is computed, not a plain read or rearrangement of
/// another value.
static bool isComputed(Value value) {
  Operation *op = value.getDefiningOp();
  return op && !isa<hlo::ConstantOp, hlo::IotaOp, hlo::BroadcastInDimOp,
                    hlo::ReshapeOp, hlo::TransposeOp, hlo::SliceOp>(op);
}

/// The cost of recomputing `value` in a later loop, counted up to `limit`:
/// its elementwise ops, not those of values that are available or kept.
static int recomputeCost(Value value, ArrayRef<int64_t> rowShape,
                         const DenseMap<Value, size_t> &kept, int limit) {
  if (isAvailable(value, rowShape) || kept.contains(value) || limit <= 0)
    return 0;
  Operation *op = value.getDefiningOp();
  int cost = 0;
  if (hlo::isElementwise(op))
    cost = isCostly(op) ? kMinRecomputeCost : 1;
  for (Value operand : op->getOperands()) {
    if (cost >= limit)
      break;
    cost += recomputeCost(operand, rowShape, kept, limit - cost);
  }
  return cost;
}

/// Whether `value`, computed at its own indices by one loop, has the shape
/// of `user`'s result: an elementwise op reads it at the indices it is
/// computed at.
static bool sameShape(Value value, Value user) {
  return cast<ShapedType>(value.getType()).getShape() ==
         cast<ShapedType>(user.getType()).getShape();
}

SmallVector<SmallVector<KeptRowValue>>
planRowScratch(ArrayRef<SmallVector<Value>> loopRoots, size_t storingLoops,
               ArrayRef<int64_t> rowShape) {
  // The loop that computes each value at the loop's own indices, first.
  DenseMap<Value, size_t> computedBy;
  DenseSet<Value> rootOfItsLoop;
  // The kept values, in the order they were chosen, and their last readers.
  SmallVector<Value> kept;
  DenseMap<Value, size_t> lastReader;
  for (auto [loop, roots] : llvm::enumerate(loopRoots)) {
    // (value, whether at the loop's own indices): the elements this loop
    // emits, walked from its roots down to what it can load.
    SmallVector<std::pair<Value, bool>> worklist;
    DenseSet<Value> seen[2];
    for (Value root : roots)
      worklist.push_back({root, true});
    while (!worklist.empty()) {
      auto [value, own] = worklist.pop_back_val();
      if (isAvailable(value, rowShape) || !seen[own].insert(value).second)
        continue;
      auto reader = lastReader.find(value);
      if (reader != lastReader.end()) {
        reader->second = loop;
        continue;
      }
      auto earlier = computedBy.find(value);
      if (earlier != computedBy.end() && earlier->second < loop &&
          earlier->second < storingLoops) {
        bool root = rootOfItsLoop.contains(value) && isComputed(value);
        if (root || recomputeCost(value, rowShape, lastReader,
                                  kMinRecomputeCost) >= kMinRecomputeCost) {
          kept.push_back(value);
          lastReader[value] = loop;
          continue;
        }
      }
      if (own && earlier == computedBy.end()) {
        computedBy[value] = loop;
        if (llvm::is_contained(roots, value))
          rootOfItsLoop.insert(value);
      }
      Operation *op = value.getDefiningOp();
      bool elementwise = hlo::isElementwise(op);
      for (Value operand : op->getOperands())
        worklist.push_back(
            {operand, own && elementwise && sameShape(operand, value)});
    }
  }
  SmallVector<SmallVector<KeptRowValue>> stores(loopRoots.size());
  for (Value value : kept)
    stores[computedBy.lookup(value)].push_back(
        {value, lastReader.lookup(value)});
  return stores;
}

} // namespace kiln
