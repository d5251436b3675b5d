//===- WrapUnfused.cpp - One fusion per op left outside a fusion ------===//
//
// Kernel generation sees only hlo.fusion ops: every op the fusion passes
// left alone becomes a fusion of its own, of the kind its structure needs.
// Constants are cheap producers: each fusion gets its own copy of the
// constants it reads, so no kernel loads a constant from another kernel's
// output. With fusion turned off, this pass alone gives one kernel per op.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/hlo/HloDialect.h"
#include "passes/fusion/FusionDecision.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"

#define DEBUG_TYPE "kiln-wrap-unfused"

namespace kiln {
#define GEN_PASS_DEF_WRAPUNFUSED
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using kiln::hlo::FusionKind;
using kiln::hlo::FusionOp;

namespace {

/// Replaces `op` by a fusion holding only it; constant operands are copied
/// into the body rather than passed in. Values a body of `op` captures (a
/// constant the canonicalizer hoisted out of a reduce or scatter body) count
/// as operands: the fusion is isolated from above.
void wrapInFusion(Operation *op) {
  OpBuilder builder(op);
  SmallVector<Value> used(op->getOperands());
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  used.append(captured.begin(), captured.end());
  SmallVector<Value> inputs;
  for (Value operand : used)
    if (!operand.getDefiningOp<kiln::hlo::ConstantOp>() &&
        !llvm::is_contained(inputs, operand))
      inputs.push_back(operand);
  auto fusion = builder.create<FusionOp>(
      op->getLoc(), op->getResultTypes(),
      kiln::kernelKind(op).value_or(FusionKind::Loop), inputs);
  Block *body = builder.createBlock(&fusion.getBody());
  IRMapping mapping;
  for (Value input : inputs)
    mapping.map(input, body->addArgument(input.getType(), input.getLoc()));
  for (Value operand : used)
    if (auto constant = operand.getDefiningOp<kiln::hlo::ConstantOp>();
        constant && !mapping.contains(operand))
      builder.clone(*constant, mapping);
  Operation *clone = builder.clone(*op, mapping);
  builder.create<kiln::hlo::ReturnOp>(op->getLoc(), clone->getResults());
  op->replaceAllUsesWith(fusion.getResults());
  op->erase();
}

/// Copies constant inputs of `fusion` into its body and drops those inputs.
void internalizeConstants(FusionOp fusion) {
  Block &body = fusion.getBody().front();
  for (int i = static_cast<int>(fusion.getInputs().size()) - 1; i >= 0; --i) {
    auto constant =
        fusion.getInputs()[i].getDefiningOp<kiln::hlo::ConstantOp>();
    if (!constant)
      continue;
    OpBuilder builder = OpBuilder::atBlockBegin(&body);
    Operation *copy = builder.clone(*constant);
    body.getArgument(i).replaceAllUsesWith(copy->getResult(0));
    body.eraseArgument(i);
    fusion->eraseOperand(i);
  }
}

struct WrapUnfusedPass final : kiln::impl::WrapUnfusedBase<WrapUnfusedPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      // Inner blocks first: their fusions copy in the constants they read
      // from outside, which may then leave those unused.
      SmallVector<Block *> blocks = kiln::hlo::graphBlocks(func.getBody());
      for (Block *block : llvm::reverse(blocks))
        wrapBlock(*block);
    }
  }

  /// Leaves `block` (the function's body or a control-flow op's region)
  /// holding only fusions, control-flow ops and its terminator.
  static void wrapBlock(Block &block) {
    SmallVector<Operation *> unfused;
    for (Operation &op : block.without_terminator())
      if (!isa<FusionOp, kiln::hlo::ConstantOp>(op) &&
          !kiln::hlo::isControlFlow(&op))
        unfused.push_back(&op);
    for (Operation *op : unfused)
      wrapInFusion(op);
    for (auto fusion : block.getOps<FusionOp>())
      internalizeConstants(fusion);
    // A constant still used here is returned or carried by control flow:
    // it becomes a kernel that writes it to a buffer.
    for (auto constant : llvm::make_early_inc_range(
             block.getOps<kiln::hlo::ConstantOp>())) {
      if (constant->use_empty())
        constant->erase();
      else
        wrapInFusion(constant);
    }
  }
};

} // namespace
