//===- AccurateMath.cpp - Kiln's expansions where MLIR's lose accuracy ----===//
//
// kiln-expand-math runs these before MLIR's polynomial approximations, for
// the f32 functions whose approximations are wrong over part of the range:
//
//   - sin and cos reduce the argument by pi/2 with one f32 constant, so they
//     drift past |x| ~ 150 and are garbage past 1e8. Here the argument is
//     reduced exactly for every f32 (a Payne-Hanek reduction without a
//     table: 216 bits of 2/pi in nine 24-bit pieces, each product exact in
//     f64, summed as a double-double), then a Taylor polynomial in f64
//     evaluates the reduced argument in [-pi/4, pi/4].
//   - log reads the exponent from the bits, wrong for subnormals: they are
//     scaled by 2^24 first and 24 ln 2 subtracted after.
//   - sin is odd, so sin(-0) is -0.
//   - tanh and erf are rational and piecewise approximations whose error
//     reaches 4.9 and 4.8 ulp. Kiln's are piecewise polynomials, with exp
//     for tanh's upper piece: within 1.5 and 1.7 ulp.
//   - exp reduces its argument by ln 2 with one f32 constant, whose error
//     grows with the exponent (5.5 ulp next to overflow), and flushes
//     results below 2^-126 to zero. AccurateExp reduces it in two steps and
//     scales by 2^k in two factors (one for -|x|, which is at most 0):
//     within 1 ulp, subnormal results kept.
//
// Everything is elementwise arith/math on the operand's shape (scalar or
// vector), so LLVM vectorizes it like the rest of a kernel.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/AccurateMath.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"

#include <cmath>

using namespace mlir;

namespace {

/// `scalar` as a constant shaped like `shapeLike`: itself for a scalar type,
/// splat over the vector's shape for a vector type.
Value splatConstant(OpBuilder &b, Location loc, Type shapeLike,
                    TypedAttr scalar) {
  TypedAttr attr = scalar;
  if (auto vector = dyn_cast<VectorType>(shapeLike))
    attr = DenseElementsAttr::get(vector.clone(scalar.getType()), scalar);
  return b.create<arith::ConstantOp>(loc, attr);
}

/// 2/pi = sum of kTwoOverPiPieces[i] * 2^(-24 (i + 1)): 216 bits, enough for
/// the largest f32 exponent plus the 60-odd bits of the closest approach of
/// an f32 to a multiple of pi/2, with margin.
constexpr uint32_t kTwoOverPiPieces[] = {0xA2F983, 0x6E4E44, 0x1529FC,
                                         0x2757D1, 0xF534DD, 0xC0DB62,
                                         0x95993C, 0x439041, 0xFE5163};

/// Elementwise arithmetic in one float type (f32 or f64) on values shaped
/// like a given f32 operand (scalar or vector).
class ShapedMath {
public:
  ShapedMath(OpBuilder &b, Location loc, Type shapeLike, FloatType element)
      : b(b), loc(loc), type(element) {
    if (auto vector = dyn_cast<VectorType>(shapeLike))
      type = vector.clone(element);
  }

  Value constant(double value) {
    return splatConstant(b, loc, type,
                         b.getFloatAttr(getElementTypeOrSelf(type), value));
  }
  Value extend(Value x) { return b.create<arith::ExtFOp>(loc, type, x); }
  Value add(Value x, Value y) { return b.create<arith::AddFOp>(loc, x, y); }
  Value sub(Value x, Value y) { return b.create<arith::SubFOp>(loc, x, y); }
  Value mul(Value x, Value y) { return b.create<arith::MulFOp>(loc, x, y); }
  Value div(Value x, Value y) { return b.create<arith::DivFOp>(loc, x, y); }
  Value fma(Value x, Value y, Value z) {
    return b.create<math::FmaOp>(loc, x, y, z);
  }
  Value neg(Value x) { return b.create<arith::NegFOp>(loc, x); }
  Value abs(Value x) { return b.create<math::AbsFOp>(loc, x); }
  Value floor(Value x) { return b.create<math::FloorOp>(loc, x); }
  Value roundEven(Value x) { return b.create<math::RoundEvenOp>(loc, x); }
  /// min(x, y); NaN propagates.
  Value minimum(Value x, Value y) {
    return b.create<arith::MinimumFOp>(loc, x, y);
  }
  /// min(x, y); a NaN `x` gives `y`.
  Value minNumber(Value x, Value y) {
    return b.create<arith::MinNumFOp>(loc, x, y);
  }
  Value copySign(Value x, Value y) {
    return b.create<math::CopySignOp>(loc, x, y);
  }
  Value equals(Value x, double value) {
    return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ, x,
                                   constant(value));
  }
  Value lessThan(Value x, double value) {
    return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x,
                                   constant(value));
  }
  Value isNaN(Value x) {
    return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, x, x);
  }
  Value select(Value condition, Value x, Value y) {
    return b.create<arith::SelectOp>(loc, condition, x, y);
  }
  /// x mod 4 for x >= 0, exact: x and 4 floor(x / 4) share x's ulp.
  Value mod4(Value x) {
    return sub(x, mul(constant(4), floor(mul(x, constant(0.25)))));
  }
  /// c0 + y (c1 + y (c2 + ...)) by Horner's rule, a multiply and an add
  /// per step.
  Value polynomial(Value y, ArrayRef<double> coefficients) {
    Value sum = constant(coefficients.back());
    for (double c : llvm::reverse(coefficients.drop_back()))
      sum = add(constant(c), mul(y, sum));
    return sum;
  }
  /// The same with one FMA per step.
  Value polynomialFma(Value y, ArrayRef<double> coefficients) {
    Value sum = constant(coefficients.back());
    for (double c : llvm::reverse(coefficients.drop_back()))
      sum = fma(sum, y, constant(c));
    return sum;
  }

private:
  OpBuilder &b;
  Location loc;
  Type type;
};

/// sin(|x|) and cos(|x|) in f64, for an f32 `x` already extended to f64.
std::pair<Value, Value> sinCosOfMagnitude(ShapedMath &m, Value x) {
  Value a = m.abs(x);
  // F = |x| * 2/pi mod 4, as hi + lo. Each product is exact (24 x 24 bits),
  // and so is its residue mod 4; TwoSum keeps every bit the sum rounds off.
  Value hi = m.constant(0), lo = m.constant(0);
  for (auto [i, piece] : llvm::enumerate(kTwoOverPiPieces)) {
    double scaled = std::ldexp(double(piece), -24 * int(i + 1));
    Value residue = m.mod4(m.mul(a, m.constant(scaled)));
    Value sum = m.add(hi, residue);
    Value fromResidue = m.sub(sum, hi);
    Value error =
        m.add(m.sub(hi, m.sub(sum, fromResidue)), m.sub(residue, fromResidue));
    hi = sum;
    lo = m.add(lo, error);
  }
  // The quadrant, and what is left of the argument in [-pi/4, pi/4].
  Value quadrant = m.roundEven(hi);
  Value fraction = m.add(m.sub(hi, quadrant), lo);
  quadrant = m.mod4(quadrant);
  Value y = m.mul(fraction, m.constant(M_PI_2));
  Value y2 = m.mul(y, y);
  // Taylor series, truncated where the next term is below 2^-45 of the
  // result on [-pi/4, pi/4].
  Value sinY = m.add(
      y, m.mul(m.mul(y, y2),
               m.polynomial(y2, {-1.0 / 6, 1.0 / 120, -1.0 / 5040, 1.0 / 362880,
                                 -1.0 / 39916800, 1.0 / 6227020800})));
  Value cosY =
      m.polynomial(y2, {1.0, -1.0 / 2, 1.0 / 24, -1.0 / 720, 1.0 / 40320,
                        -1.0 / 3628800, 1.0 / 479001600, -1.0 / 87178291200});
  // sin(y + q pi/2) and cos(y + q pi/2) by quadrant.
  auto byQuadrant = [&](Value q0, Value q1, Value q2, Value q3) {
    return m.select(m.equals(quadrant, 0), q0,
                    m.select(m.equals(quadrant, 1), q1,
                             m.select(m.equals(quadrant, 2), q2, q3)));
  };
  Value sinA = byQuadrant(sinY, cosY, m.neg(sinY), m.neg(cosY));
  Value cosA = byQuadrant(cosY, m.neg(sinY), m.neg(cosY), sinY);
  return {sinA, cosA};
}

bool isF32(Type type) { return getElementTypeOrSelf(type).isF32(); }

void expandSinCos(Operation *op) {
  OpBuilder b(op);
  Value x = op->getOperand(0);
  ShapedMath m(b, op->getLoc(), x.getType(), b.getF64Type());
  Value xd = m.extend(x);
  auto [sinA, cosA] = sinCosOfMagnitude(m, xd);
  // sin is odd (sin(-0) = -0); cos is even. NaN and inf give NaN above.
  Value result =
      isa<math::SinOp>(op) ? m.mul(sinA, m.copySign(m.constant(1), xd)) : cosA;
  result = b.create<arith::TruncFOp>(op->getLoc(), x.getType(), result);
  op->getResult(0).replaceAllUsesWith(result);
  op->erase();
}

/// A constant of `type` (f32 or a vector of it) holding `value`.
Value f32Constant(OpBuilder &b, Location loc, Type type, float value) {
  return splatConstant(b, loc, type, b.getF32FloatAttr(value));
}

void scaleLogSubnormal(math::LogOp log) {
  OpBuilder b(log);
  Location loc = log.getLoc();
  Value x = log.getOperand();
  Type type = x.getType();
  Value subnormal = b.create<arith::AndIOp>(
      loc,
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x,
                              f32Constant(b, loc, type, 0.0f)),
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x,
                              f32Constant(b, loc, type, 0x1p-126f)));
  Value scaled = b.create<arith::SelectOp>(
      loc, subnormal,
      b.create<arith::MulFOp>(loc, x, f32Constant(b, loc, type, 0x1p24f)), x);
  Value logScaled = b.create<math::LogOp>(loc, scaled);
  Value correction = b.create<arith::SelectOp>(
      loc, subnormal, f32Constant(b, loc, type, float(24 * M_LN2)),
      f32Constant(b, loc, type, 0.0f));
  log.getResult().replaceAllUsesWith(
      b.create<arith::SubFOp>(loc, logScaled, correction));
  log.erase();
}

/// An i32 constant shaped like `type` (an f32 or vector of f32 type).
Value i32Constant(OpBuilder &b, Location loc, Type type, int32_t value) {
  return splatConstant(b, loc, type, b.getI32IntegerAttr(value));
}

/// exp(y) = 2^k exp(r) for an f32 `y`: k = round(y / ln 2) as an i32, and
/// exp(r) for r = y - k ln 2, reduced in two steps (Cody and Waite): ln 2's
/// leading part has 9 bits, so k times it is exact, and r keeps the bits
/// MLIR's one-constant reduction loses as k grows (5.5 ulp next to
/// overflow). exp(r) on |r| <= ln 2 / 2 is Cephes' expf polynomial.
std::pair<Value, Value> reduceExp(OpBuilder &b, Location loc, Value y) {
  Type type = y.getType();
  auto f32 = [&](float value) { return f32Constant(b, loc, type, value); };
  auto fma = [&](Value a, Value c, Value d) -> Value {
    return b.create<math::FmaOp>(loc, a, c, d);
  };
  Value k = b.create<math::RoundEvenOp>(
      loc, b.create<arith::MulFOp>(loc, y, f32(float(M_LOG2E))));
  Value negK = b.create<arith::NegFOp>(loc, k);
  Value r = fma(negK, f32(0.693359375f), y);
  r = fma(negK, f32(-2.12194440e-4f), r);
  Value p = f32(1.9875691500e-4f);
  for (float c : {1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f,
                  1.6666665459e-1f, 5.0000001201e-1f})
    p = fma(p, r, f32(c));
  Value r2 = b.create<arith::MulFOp>(loc, r, r);
  Value expR = b.create<arith::AddFOp>(loc, fma(p, r2, r), f32(1.0f));
  // Frozen: for a NaN y, k is NaN and its conversion poison, which would
  // make the result poison; frozen, it is some integer, and the result NaN
  // from expR, with no select on the input (AccurateExp).
  Value kInt = b.create<LLVM::FreezeOp>(
      loc, b.create<arith::FPToSIOp>(
               loc, i32Constant(b, loc, type, 0).getType(), k));
  return {kInt, expR};
}

/// 2^e as an f32 shaped like `type`, for an i32 `e` in [-126, 127], from its
/// exponent field.
Value powerOfTwo(OpBuilder &b, Location loc, Type type, Value e) {
  Value bits = b.create<arith::ShLIOp>(
      loc, b.create<arith::AddIOp>(loc, e, i32Constant(b, loc, type, 127)),
      i32Constant(b, loc, type, 23));
  return b.create<arith::BitcastOp>(loc, type, bits);
}

/// exp(y) for an f32 `y` within [-104, 89] (reduceExp). 2^k is applied as
/// 2^(k/2) 2^(k - k/2), each a normal f32 for every k in [-150, 128], so
/// results next to overflow and subnormal results round once. On AVX-512,
/// PowerOfTwoScalingPass (compiler/PowerOfTwoScaling.cpp) finds this form
/// and expWithinNonPositiveRange's once vectorized and makes each one
/// `vscalefps`: the two change together.
Value expWithinRange(OpBuilder &b, Location loc, Value y) {
  Type type = y.getType();
  auto [k, expR] = reduceExp(b, loc, y);
  Value k1 = b.create<arith::ShRSIOp>(loc, k, i32Constant(b, loc, type, 1));
  Value k2 = b.create<arith::SubIOp>(loc, k, k1);
  return b.create<arith::MulFOp>(
      loc, b.create<arith::MulFOp>(loc, expR, powerOfTwo(b, loc, type, k1)),
      powerOfTwo(b, loc, type, k2));
}

/// exp(y) for an f32 `y` within [-104, 0]: k is in [-150, 0], so 2^(k + 64)
/// is one normal factor and its product with exp(r) (at least 1/sqrt(2))
/// a normal f32, exact; the one rounding is the multiplication by 2^-64.
/// The same bits as expWithinRange in four fewer instructions.
Value expWithinNonPositiveRange(OpBuilder &b, Location loc, Value y) {
  Type type = y.getType();
  auto [k, expR] = reduceExp(b, loc, y);
  Value scaled = b.create<arith::MulFOp>(
      loc, expR,
      powerOfTwo(
          b, loc, type,
          b.create<arith::AddIOp>(loc, k, i32Constant(b, loc, type, 64))));
  return b.create<arith::MulFOp>(loc, scaled,
                                 f32Constant(b, loc, type, 0x1p-64f));
}

/// Whether `x` is at most 0, or NaN: -|v| for some v (logistic's), or the
/// minimum of v and a constant at most 0 (softmax's shifted values, which
/// the elemental emitter marks so).
bool isNonPositive(Value x) {
  if (auto negate = x.getDefiningOp<arith::NegFOp>())
    return bool(negate.getOperand().getDefiningOp<math::AbsFOp>());
  auto minimum = x.getDefiningOp<arith::MinimumFOp>();
  if (!minimum)
    return false;
  return llvm::any_of(minimum->getOperands(), [](Value operand) {
    FloatAttr bound;
    return matchPattern(operand, m_Constant(&bound)) &&
           !bound.getValue().isNaN() &&
           (bound.getValue().isNegative() || bound.getValue().isZero());
  });
}

/// exp over the whole f32 range (expWithinRange): within 1 ulp, subnormal
/// results kept. Of values at most 0 (isNonPositive), no upper clamp and
/// one scale factor (expWithinNonPositiveRange).
struct AccurateExp final : OpRewritePattern<math::ExpOp> {
  // Before MLIR's exp approximation, also for the exps that its expm1
  // expansion creates.
  AccurateExp(MLIRContext *context)
      : OpRewritePattern<math::ExpOp>(context, /*benefit=*/2) {}

  LogicalResult matchAndRewrite(math::ExpOp exp,
                                PatternRewriter &b) const override {
    Value x = exp.getOperand();
    Type type = x.getType();
    if (!isF32(type))
      return failure();
    Location loc = exp.getLoc();
    // Past these bounds the result is +inf or 0 already. A NaN x goes
    // through the clamps and the polynomial and comes out NaN.
    Value atLeastLowest =
        b.create<arith::MaximumFOp>(loc, x, f32Constant(b, loc, type, -104));
    Value result = isNonPositive(x)
                       ? expWithinNonPositiveRange(b, loc, atLeastLowest)
                       : expWithinRange(b, loc,
                                        b.create<arith::MinimumFOp>(
                                            loc, atLeastLowest,
                                            f32Constant(b, loc, type, 89)));
    b.replaceOp(exp, result);
    return success();
  }
};

/// tanh for f32: |x| + |x|^3 P(x^2) below |x| = 0.55, 1 - 2 / (exp(2|x|) + 1)
/// above, where the second term is at most 0.45, so exp's error never meets
/// a result near 0. The sign from x; 1 past |x| = 10 (9.01 rounds to 1).
/// Within 1.5 ulp over every f32 (MLIR's rational approximation: 4.9).
/// P is a near-minimax fit (scripts/fit-math-coefficients.py).
void expandTanh(math::TanhOp tanh) {
  OpBuilder b(tanh);
  Location loc = tanh.getLoc();
  Value x = tanh.getOperand();
  ShapedMath m(b, loc, x.getType(), b.getF32Type());
  // A NaN x goes on as 10, so exp's conversion to an integer sees no NaN;
  // it is put back at the end.
  Value a = m.minNumber(m.abs(x), m.constant(10));
  Value t = m.mul(a, a);
  Value small =
      m.fma(m.mul(a, t),
            m.polynomialFma(t, {-0.333333313f, 0.133331135f, -0.0539094470f,
                                0.0213094801f, -0.00661037583f}),
            a);
  // exp(2|x|) for 2|x| <= 20: 2^k is one normal factor.
  auto [k, expR] = reduceExp(b, loc, m.add(a, a));
  Value e = m.mul(expR, powerOfTwo(b, loc, x.getType(), k));
  Value large =
      m.sub(m.constant(1), m.div(m.constant(2), m.add(e, m.constant(1))));
  Value result = m.copySign(m.select(m.lessThan(a, 0.55), small, large), x);
  tanh.getResult().replaceAllUsesWith(m.select(m.isNaN(x), x, result));
  tanh.erase();
}

/// erf for f32: |x| (2/sqrt(pi) + x^2 P(x^2)) below |x| = 1, with 2/sqrt(pi)
/// in two f32 pieces; 1 - Q(|x| - 2.46) up to 3.92, Q fitting erfc's value
/// there within 3e-8; 1 past it (erf rounds to 1 from 3.92). The sign from
/// x, so erf(-0) = -0. Within 1.7 ulp over every f32 (MLIR's approximation:
/// 4.8). P and Q are near-minimax fits (scripts/fit-math-coefficients.py).
void expandErf(math::ErfOp erf) {
  OpBuilder b(erf);
  Location loc = erf.getLoc();
  Value x = erf.getOperand();
  ShapedMath m(b, loc, x.getType(), b.getF32Type());
  Value a = m.minimum(m.abs(x), m.constant(3.92f));
  Value t = m.mul(a, a);
  Value p =
      m.polynomialFma(t, {-0.376126379f, 0.112837516f, -0.0268615279f,
                          0.00520410482f, -0.000815663603f, 8.35855972e-05f});
  Value small = m.fma(a, m.constant(1.12837923f),
                      m.mul(a, m.fma(t, p, m.constant(-5.86353828e-08f))));
  Value q = m.polynomialFma(m.sub(a, m.constant(2.46f)),
                            {0.000503326766f, -0.00265619345f, 0.00653576339f,
                             -0.00983299501f, 0.00990482699f, -0.00679765502f,
                             0.00296350964f, -0.000462166558f, -0.000391131645f,
                             0.000301675376f, -5.16665496e-05f,
                             -2.54204988e-05f, 9.12469932e-06f});
  Value large = m.sub(m.constant(1), q);
  erf.getResult().replaceAllUsesWith(
      m.copySign(m.select(m.lessThan(a, 1), small, large), x));
  erf.erase();
}

} // namespace

void kiln::populateAccurateMathPatterns(RewritePatternSet &patterns) {
  patterns.add<AccurateExp>(patterns.getContext());
}

void kiln::expandAccurateMath(Operation *root) {
  SmallVector<Operation *> sinCos;
  SmallVector<math::LogOp> logs;
  SmallVector<math::TanhOp> tanhs;
  SmallVector<math::ErfOp> erfs;
  root->walk([&](Operation *op) {
    if (op->getNumOperands() != 1 || !isF32(op->getOperand(0).getType()))
      return;
    if (isa<math::SinOp, math::CosOp>(op))
      sinCos.push_back(op);
    else if (auto log = dyn_cast<math::LogOp>(op))
      logs.push_back(log);
    else if (auto tanh = dyn_cast<math::TanhOp>(op))
      tanhs.push_back(tanh);
    else if (auto erf = dyn_cast<math::ErfOp>(op))
      erfs.push_back(erf);
  });
  for (Operation *op : sinCos)
    expandSinCos(op);
  for (math::LogOp log : logs)
    scaleLogSubnormal(log);
  for (math::TanhOp tanh : tanhs)
    expandTanh(tanh);
  for (math::ErfOp erf : erfs)
    expandErf(erf);
}
