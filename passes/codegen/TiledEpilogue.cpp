//===- TiledEpilogue.cpp - An output fusion's epilogue in registers -------===//
//
// RegisterEpilogue: the match walks the fusion body from the contraction's
// result along its one use per op to the fusion's root, classifying each
// op's other operand by how a vector of the result's row reads it; apply
// emits the same ops on vectors.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/TiledEpilogue.h"

#include "passes/codegen/TensorShapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace kiln {

/// The f32 splat `value` holds, directly or broadcast.
static std::optional<float> splatOf(Value value) {
  if (auto broadcast = value.getDefiningOp<hlo::BroadcastInDimOp>())
    value = broadcast.getOperand();
  auto constant = value.getDefiningOp<hlo::ConstantOp>();
  auto elements =
      constant ? dyn_cast<DenseElementsAttr>(constant.getValue()) : nullptr;
  if (!elements || !elements.isSplat() || !elements.getElementType().isF32())
    return std::nullopt;
  return elements.getSplatValue<float>();
}

/// Whether `value` lies in memory as the kernel reads it: a fusion input
/// or a non-splat constant.
static bool isReadable(Value value, hlo::FusionOp fusion) {
  if (auto argument = dyn_cast<BlockArgument>(value))
    return argument.getOwner() == &fusion.getBody().front();
  return bool(storedConstant(value));
}

std::optional<RegisterEpilogue>
RegisterEpilogue::match(hlo::FusionOp fusion, const ContractionShape &shape) {
  Value running = shape.op->getResult(0);
  ArrayRef<int64_t> resultShape = shapeOf(running);
  int64_t rank = resultShape.size();
  // The dims along which the [batch][M][N] result's rows and columns run.
  int64_t rowDim = -1, colDim = -1;
  if (auto conv = dyn_cast<hlo::ConvolutionOp>(shape.op)) {
    rowDim = conv.getDimensionNumbers().getOutputFeatureDimension();
  } else if (rank >= 2 && resultShape[rank - 2] == shape.m &&
             resultShape[rank - 1] == shape.n) {
    rowDim = rank - 2;
    colDim = rank - 1;
  } else {
    return std::nullopt;
  }
  Operation *terminator = fusion.getBody().front().getTerminator();
  if (terminator->getNumOperands() != 1)
    return std::nullopt;

  RegisterEpilogue epilogue;
  while (running != terminator->getOperand(0)) {
    if (!running.hasOneUse())
      return std::nullopt;
    Operation *user = *running.getUsers().begin();
    if (user->getNumResults() != 1 ||
        shapeOf(user->getResult(0)) != resultShape ||
        !cast<ShapedType>(user->getResult(0).getType())
             .getElementType()
             .isF32())
      return std::nullopt;
    Step step{user, running.getUses().begin()->getOperandNumber(),
              Operand::Splat};
    if (isa<hlo::ClampOp>(user)) {
      std::optional<float> low = splatOf(user->getOperand(0)),
                           high = splatOf(user->getOperand(2));
      if (step.chainOperand != 1 || !low || !high)
        return std::nullopt;
      step.splat = *low;
      step.splatHigh = *high;
    } else if (isa<hlo::AddOp, hlo::SubtractOp, hlo::MulOp, hlo::MaxOp,
                   hlo::MinOp>(user)) {
      Value other = user->getOperand(1 - step.chainOperand);
      auto broadcast = other.getDefiningOp<hlo::BroadcastInDimOp>();
      if (std::optional<float> splat = splatOf(other)) {
        step.splat = *splat;
      } else if (broadcast && shapeOf(broadcast.getOperand()).size() == 1 &&
                 isReadable(broadcast.getOperand(), fusion) &&
                 (broadcast.getBroadcastDimensions()[0] == rowDim ||
                  broadcast.getBroadcastDimensions()[0] == colDim) &&
                 // Not a single element stretched along the dim.
                 shapeOf(broadcast.getOperand())[0] ==
                     resultShape[broadcast.getBroadcastDimensions()[0]]) {
        step.kind = broadcast.getBroadcastDimensions()[0] == rowDim
                        ? Operand::PerRow
                        : Operand::PerColumn;
        step.value = broadcast.getOperand();
      } else if (isReadable(other, fusion) && shapeOf(other) == resultShape) {
        step.kind = Operand::PerElement;
        step.value = other;
      } else {
        return std::nullopt;
      }
      if (step.value &&
          !cast<ShapedType>(step.value.getType()).getElementType().isF32())
        return std::nullopt;
    } else {
      return std::nullopt;
    }
    epilogue.steps.push_back(step);
    running = user->getResult(0);
  }
  if (epilogue.steps.empty())
    return std::nullopt;
  return epilogue;
}

void RegisterEpilogue::bind(KernelBuild &build) {
  for (Step &step : steps)
    if (step.value)
      step.memref = flatView(build, build.emitter.memrefOf(step.value),
                             step.op->getLoc());
}

Value RegisterEpilogue::apply(OpBuilder &b, Location loc,
                              const ContractionShape &shape, Value sums,
                              Value batch, Value row, Value column, Value mask,
                              const IndexMath &math) const {
  auto vectorType = cast<VectorType>(sums.getType());
  auto splat = [&](float value) -> Value {
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(vectorType, b.getF32FloatAttr(value)));
  };
  // A vector of `memref` from `at`, the lanes outside the mask as zeros.
  auto load = [&](Value memref, Value at) -> Value {
    if (!mask)
      return b.create<vector::LoadOp>(loc, vectorType, memref, at);
    return b.create<vector::MaskedLoadOp>(loc, vectorType, memref, at, mask,
                                          splat(0));
  };
  Value value = sums;
  for (const Step &step : steps) {
    if (isa<hlo::ClampOp>(step.op)) {
      // ScalarSemantics: min(max(operand, low), high).
      value = b.create<arith::MinimumFOp>(
          loc, b.create<arith::MaximumFOp>(loc, value, splat(step.splat)),
          splat(step.splatHigh));
      continue;
    }
    Value other;
    switch (step.kind) {
    case Operand::Splat:
      other = splat(step.splat);
      break;
    case Operand::PerRow:
      other = b.create<vector::BroadcastOp>(
          loc, vectorType, b.create<memref::LoadOp>(loc, step.memref, row));
      break;
    case Operand::PerColumn:
      other = load(step.memref, column);
      break;
    case Operand::PerElement:
      other = load(
          step.memref,
          math.add(math.mul(math.add(math.mul(batch, shape.m), row), shape.n),
                   column));
      break;
    }
    Value lhs = step.chainOperand == 0 ? value : other;
    Value rhs = step.chainOperand == 0 ? other : value;
    // Each op's f32 meaning in ScalarSemantics.
    if (isa<hlo::AddOp>(step.op))
      value = b.create<arith::AddFOp>(loc, lhs, rhs);
    else if (isa<hlo::SubtractOp>(step.op))
      value = b.create<arith::SubFOp>(loc, lhs, rhs);
    else if (isa<hlo::MulOp>(step.op))
      value = b.create<arith::MulFOp>(loc, lhs, rhs);
    else if (isa<hlo::MaxOp>(step.op))
      value = b.create<arith::MaximumFOp>(loc, lhs, rhs);
    else
      value = b.create<arith::MinimumFOp>(loc, lhs, rhs);
  }
  return value;
}

} // namespace kiln
