//===- MinMaxOfVariables.cpp - IEEE min and max in x86's compare-selects --===//
//
// IEEE 754's minimum and maximum (arith.minimumf, arith.maximumf) return NaN
// if either operand is NaN and order -0 below +0. x86's minps(a, b) is
// a < b ? a : b: the second operand where they are unordered or equal
// (both zeros, of either sign). LLVM 19 lowers llvm.minimum of two
// variables on AVX2 in five instructions, three blends among them, all on
// the two pipes that also run the FMAs and multiplies (Zen 3's FP0 and
// FP1), which bind the elementwise chain there.
//
// Here min(a, b) is minps(a, b) | minps(b, a), the two as bits:
//   - a < b or b < a: both give the smaller;
//   - a NaN: one gives a, and NaN | anything keeps an all-ones exponent
//     and a nonzero fraction, a NaN (so for b NaN);
//   - -0 and +0: one gives each, and -0 | +0 is -0.
// max(a, b) joins maxps(a, b) and maxps(b, a) the same way but for the
// sign bit, which is the and of theirs (+0 from -0 and +0): three bit
// operations more, which run on the other two pipes (FP2 and FP3). Against a
// constant (ReLU's 0, a clamp's bounds) LLVM's lowering is as short already,
// and a loop's running maximum stays an intrinsic that the vectorizer
// recognizes as a reduction, so both are left alone.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/MinMaxOfVariables.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

using namespace mlir;

namespace {

/// Whether `value` varies from element to element: not a constant, and
/// not a loop's running value (a region argument that the loop carries).
bool isVariable(Value value) {
  if (matchPattern(value, m_Constant()))
    return false;
  auto argument = dyn_cast<BlockArgument>(value);
  if (!argument)
    return true;
  auto loop = dyn_cast<LoopLikeOpInterface>(argument.getOwner()->getParentOp());
  return !loop || !llvm::is_contained(loop.getRegionIterArgs(), argument);
}

/// IEEE's minimum (or maximum) of `x` and `y` from x86's minps (maxps)
/// both ways round, joined as bits (the file's comment).
Value ofVariables(PatternRewriter &b, Location loc, Value x, Value y,
                  bool isMaximum) {
  auto predicate =
      isMaximum ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT;
  Type type = x.getType();
  unsigned width = getElementTypeOrSelf(type).getIntOrFloatBitWidth();
  Type bitsType = b.getIntegerType(width);
  if (auto vector = dyn_cast<VectorType>(type))
    bitsType = vector.clone(bitsType);
  // x86's minps(u, v) (maxps): u < v ? u : v (u > v), as bits.
  auto select = [&](Value u, Value v) -> Value {
    Value chosen = b.create<arith::SelectOp>(
        loc, b.create<arith::CmpFOp>(loc, predicate, u, v), u, v);
    return b.create<arith::BitcastOp>(loc, bitsType, chosen);
  };
  Value one = select(x, y), other = select(y, x);
  Value either = b.create<arith::OrIOp>(loc, one, other);
  if (isMaximum) {
    // -0 and +0 give +0: the sign bit of both, the other bits of either,
    // (one | other) ^ ((one ^ other) & sign).
    Value signMask = createScalarOrSplatConstant(b, loc, bitsType,
                                                 APInt::getSignMask(width));
    Value differentSigns = b.create<arith::AndIOp>(
        loc, b.create<arith::XOrIOp>(loc, one, other), signMask);
    either = b.create<arith::XOrIOp>(loc, either, differentSigns);
  }
  return b.create<arith::BitcastOp>(loc, type, either);
}

template <typename Op, bool isMaximum>
struct OfVariables final : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;

  LogicalResult matchAndRewrite(Op op, PatternRewriter &b) const override {
    if (!isVariable(op.getLhs()) || !isVariable(op.getRhs()))
      return failure();
    b.replaceOp(
        op, ofVariables(b, op.getLoc(), op.getLhs(), op.getRhs(), isMaximum));
    return success();
  }
};

} // namespace

void kiln::populateMinMaxOfVariablesPatterns(RewritePatternSet &patterns) {
  patterns.add<OfVariables<arith::MinimumFOp, false>,
               OfVariables<arith::MaximumFOp, true>>(patterns.getContext());
}
