//===- FoldEmptyTensors.cpp - Zero-size tensors become constants -------===//
//
// A tensor with a zero-size dimension holds no elements, so its value is
// known without running anything: it is `dense<>`. This pass makes that
// explicit before fusion, so that no kernel ever reads or writes an empty
// buffer:
//
//  - an op whose results are all empty becomes an empty constant (and so
//    does each use of an empty entry argument);
//  - an op that reads an empty operand but has a non-empty result is
//    rewritten by what its semantics say about the empty case: concatenate
//    drops the operand; an empty update changes nothing (dynamic_update_slice
//    and scatter); pad is all padding
//    (a broadcast of the padding value); dot_general and convolution sum over
//    nothing (zeros); reduce yields its init values; reduce_window reduces
//    windows made only of its padding, which StableHLO fills with the init
//    value.
//
// What is left for the kernels reads no empty operand (the one empty
// operand left is the indices of a scatter whose index vectors are empty,
// which no kernel reads), and only empty constants are returned
// (kiln-outline-kernels launches nothing for them).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/hlo/HloDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"

#define DEBUG_TYPE "kiln-fold-empty-tensors"

namespace kiln {
#define GEN_PASS_DEF_FOLDEMPTYTENSORS
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

bool isEmpty(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.hasStaticShape() && tensor.getNumElements() == 0;
}

bool isEmpty(Value value) { return isEmpty(value.getType()); }

/// `dense<>` of the empty tensor type `type`.
Value emptyConstant(OpBuilder &b, Location loc, Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return b.create<hlo::ConstantOp>(
      loc, DenseElementsAttr::get(tensor, ArrayRef<Attribute>{}));
}

/// The 0-d `scalar` broadcast to `type`.
Value broadcastScalar(OpBuilder &b, Location loc, Value scalar, Type type) {
  return b.create<hlo::BroadcastInDimOp>(loc, type, scalar,
                                         b.getDenseI64ArrayAttr({}));
}

/// Zeros of `type`: a sum over no terms.
Value zeros(OpBuilder &b, Location loc, Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return b.create<hlo::ConstantOp>(
      loc,
      DenseElementsAttr::get(tensor, b.getZeroAttr(tensor.getElementType())));
}

/// The result of `window` when its input is empty: every window holds only
/// padding, that is `n` copies of the init value where `n` is the window's
/// size, so each result is the body folded over n inits, starting from the
/// init: a reduce of a broadcast init, broadcast to the result shape.
SmallVector<Value> emptyWindowResults(OpBuilder &b,
                                      hlo::ReduceWindowOp window) {
  Location loc = window.getLoc();
  int64_t count = 1;
  for (int64_t size : window.getWindowDimensions())
    count *= size;
  SmallVector<Value> copies;
  SmallVector<Type> scalarTypes;
  for (Value init : window.getInitValues()) {
    auto scalar = cast<RankedTensorType>(init.getType());
    copies.push_back(broadcastScalar(
        b, loc, init, RankedTensorType::get({count}, scalar.getElementType())));
    scalarTypes.push_back(scalar);
  }
  auto reduce =
      b.create<hlo::ReduceOp>(loc, scalarTypes, copies, window.getInitValues(),
                              b.getDenseI64ArrayAttr({0}));
  IRMapping mapping;
  window.getBody().cloneInto(&reduce.getBody(), mapping);
  SmallVector<Value> results;
  for (auto [value, type] :
       llvm::zip(reduce.getResults(), window.getResultTypes()))
    results.push_back(broadcastScalar(b, loc, value, type));
  return results;
}

/// Whether `op`, whose results are not empty, reads elements of an empty
/// operand. A scatter with non-empty updates and empty indices has empty
/// index vectors (scatter_indices of shape [n, 0], index_vector_dim 1): it
/// reads no index, and each update lands at the start of its window, so the
/// op stays as it is.
bool readsEmptyOperand(Operation *op) {
  if (auto scatter = dyn_cast<hlo::ScatterOp>(op);
      scatter && !isEmpty(scatter.getUpdates().front()))
    return false;
  return llvm::any_of(op->getOperands(), [](Value v) { return isEmpty(v); });
}

/// The values that replace `op`, which reads an empty operand and has a
/// non-empty result; failure (after an error) for an op whose empty case
/// Kiln does not know.
FailureOr<SmallVector<Value>> replaceReaderOfEmpty(OpBuilder &b,
                                                   Operation *op) {
  Location loc = op->getLoc();
  if (auto concat = dyn_cast<hlo::ConcatenateOp>(op)) {
    SmallVector<Value> kept;
    for (Value input : concat.getInputs())
      if (!isEmpty(input))
        kept.push_back(input);
    if (kept.size() == 1)
      return SmallVector<Value>{kept.front()};
    return SmallVector<Value>{b.create<hlo::ConcatenateOp>(
        loc, concat.getType(), kept, concat.getDimension())};
  }
  if (auto update = dyn_cast<hlo::DynamicUpdateSliceOp>(op))
    return SmallVector<Value>{update.getOperand()};
  // No update lands anywhere (empty updates, or empty indices with which
  // the updates are empty too).
  if (auto scatter = dyn_cast<hlo::ScatterOp>(op);
      scatter && isEmpty(scatter.getUpdates().front()))
    return SmallVector<Value>(scatter.getInputs());
  // No source element scatters anywhere.
  if (auto select = dyn_cast<hlo::SelectAndScatterOp>(op))
    return SmallVector<Value>{
        broadcastScalar(b, loc, select.getInitValue(), select.getType())};
  if (auto pad = dyn_cast<hlo::PadOp>(op))
    return SmallVector<Value>{
        broadcastScalar(b, loc, pad.getPaddingValue(), pad.getType())};
  if (isa<hlo::DotGeneralOp, hlo::ConvolutionOp>(op))
    return SmallVector<Value>{zeros(b, loc, op->getResult(0).getType())};
  if (auto reduce = dyn_cast<hlo::ReduceOp>(op)) {
    SmallVector<Value> results;
    for (auto [init, type] :
         llvm::zip(reduce.getInitValues(), reduce.getResultTypes()))
      results.push_back(broadcastScalar(b, loc, init, type));
    return results;
  }
  if (auto window = dyn_cast<hlo::ReduceWindowOp>(op))
    return emptyWindowResults(b, window);
  return op->emitError() << "'" << op->getName()
                         << "' with a zero-size operand and a non-empty "
                            "result is not supported";
}

/// Folds the empty tensors of `body`, the function's block or a control-flow
/// op's. Control flow and tuples pass empty values through untouched: inside
/// a region they are folded in turn, and a tuple's elements once read.
LogicalResult foldEmptyTensors(Block &body) {
  OpBuilder b = OpBuilder::atBlockBegin(&body);
  for (BlockArgument arg : body.getArguments())
    if (isEmpty(arg) && !arg.use_empty())
      arg.replaceAllUsesWith(emptyConstant(b, arg.getLoc(), arg.getType()));

  for (Operation &op : llvm::make_early_inc_range(body)) {
    if (op.getNumResults() == 0 || isa<hlo::ConstantOp>(op))
      continue;
    b.setInsertionPoint(&op);
    SmallVector<Value> replacements;
    if (llvm::all_of(op.getResultTypes(),
                     [](Type type) { return isEmpty(type); })) {
      for (Type type : op.getResultTypes())
        replacements.push_back(emptyConstant(b, op.getLoc(), type));
    } else if (readsEmptyOperand(&op) && !hlo::isControlFlow(&op) &&
               !isa<hlo::TupleOp>(op)) {
      FailureOr<SmallVector<Value>> values = replaceReaderOfEmpty(b, &op);
      if (failed(values))
        return failure();
      replacements = std::move(*values);
    } else {
      continue;
    }
    op.replaceAllUsesWith(replacements);
    op.erase();
  }
  return success();
}

struct FoldEmptyTensorsPass
    : public kiln::impl::FoldEmptyTensorsBase<FoldEmptyTensorsPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (!func.isExternal()) {
        // Inner blocks first: folding an outer block may erase a
        // control-flow op whose results are all empty, with its blocks.
        SmallVector<Block *> blocks = hlo::graphBlocks(func.getBody());
        for (Block *block : llvm::reverse(blocks))
          if (failed(foldEmptyTensors(*block)))
            return signalPassFailure();
      }
  }
};

} // namespace
