//===- ScalarSpecialFunctions.cpp - Special functions on one scalar -------===//
//
// atan2 and cbrt first (MLIR's approximations, corrected in the operand's
// type), then the CHLO functions, each in f64.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/ScalarSpecialFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/APFloat.h"

#include <cmath>

using namespace mlir;

namespace kiln {
namespace {

/// f64 arithmetic, spelled short: the formulas below read as formulas.
struct F64 {
  OpBuilder &b;
  Location loc;

  Value c(double value) const {
    return b.create<arith::ConstantOp>(loc, b.getF64FloatAttr(value));
  }
  Value add(Value x, Value y) const {
    return b.create<arith::AddFOp>(loc, x, y);
  }
  Value sub(Value x, Value y) const {
    return b.create<arith::SubFOp>(loc, x, y);
  }
  Value mul(Value x, Value y) const {
    return b.create<arith::MulFOp>(loc, x, y);
  }
  Value div(Value x, Value y) const {
    return b.create<arith::DivFOp>(loc, x, y);
  }
  Value abs(Value x) const { return b.create<math::AbsFOp>(loc, x); }
  Value log(Value x) const { return b.create<math::LogOp>(loc, x); }
  Value exp(Value x) const { return b.create<math::ExpOp>(loc, x); }
  Value sqrt(Value x) const { return b.create<math::SqrtOp>(loc, x); }
  Value copySign(Value x, Value sign) const {
    return b.create<math::CopySignOp>(loc, x, sign);
  }
  Value cmp(arith::CmpFPredicate predicate, Value x, Value y) const {
    return b.create<arith::CmpFOp>(loc, predicate, x, y);
  }
  Value lt(Value x, double y) const {
    return cmp(arith::CmpFPredicate::OLT, x, c(y));
  }
  Value eq(Value x, double y) const {
    return cmp(arith::CmpFPredicate::OEQ, x, c(y));
  }
  Value select(Value condition, Value x, Value y) const {
    return b.create<arith::SelectOp>(loc, condition, x, y);
  }
  /// p[0] + w (p[1] + w (p[2] + ...)).
  Value horner(ArrayRef<double> p, Value w) const {
    Value sum = c(p.back());
    for (double coefficient : llvm::reverse(p.drop_back()))
      sum = add(c(coefficient), mul(w, sum));
    return sum;
  }
  /// The distance of x to its nearest integer, exactly.
  Value fractionToNearest(Value x) const {
    return sub(x, b.create<math::RoundEvenOp>(loc, x));
  }
};

/// `x` (f32 or f64) in f64, `fn` of it, rounded back to `x`'s type.
template <class Fn> Value inF64(OpBuilder &b, Location loc, Value x, Fn fn) {
  Type type = x.getType();
  Value wide =
      type.isF64() ? x : b.create<arith::ExtFOp>(loc, b.getF64Type(), x);
  Value result = fn(F64{b, loc}, wide);
  return type.isF64() ? result : b.create<arith::TruncFOp>(loc, type, result);
}

/// A call to the C library's double function `name`, declared in the
/// enclosing module on first use.
Value callLibm(OpBuilder &b, Location loc, StringRef name, Value x) {
  auto module =
      b.getInsertionBlock()->getParentOp()->getParentOfType<ModuleOp>();
  auto function = module.lookupSymbol<func::FuncOp>(name);
  if (!function) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    function = b.create<func::FuncOp>(
        loc, name, b.getFunctionType({x.getType()}, {x.getType()}));
    function.setPrivate();
  }
  return b.create<func::CallOp>(loc, function, x).getResult(0);
}

Value floatConst(OpBuilder &b, Location loc, Type type, double value) {
  return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, value));
}

Value select(OpBuilder &b, Location loc, Value cond, Value onTrue,
             Value onFalse) {
  return b.create<arith::SelectOp>(loc, cond, onTrue, onFalse);
}

} // namespace

/// atan2(y, x): MLIR's approximation, with the cases it gets wrong set as
/// C's atan2 has them: the result takes y's sign (the approximation drops
/// it on the negative x axis), atan2(±0, ±0) is 0 or pi by x's sign, and
/// atan2(±inf, ±inf) is pi/4 or 3pi/4 (the approximation gives NaN).
Value buildAtan2(OpBuilder &b, Location loc, Value y, Value x) {
  Type type = y.getType();
  auto isEqual = [&](Value value, double constant) {
    return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ, value,
                                   floatConst(b, loc, type, constant));
  };
  Value absY = b.create<math::AbsFOp>(loc, y);
  Value absX = b.create<math::AbsFOp>(loc, x);
  Value bothZero =
      b.create<arith::AndIOp>(loc, isEqual(absY, 0.0), isEqual(absX, 0.0));
  Value bothInfinite = b.create<arith::AndIOp>(loc, isEqual(absY, INFINITY),
                                               isEqual(absX, INFINITY));
  // x's sign bit, so that -0 counts as negative.
  Value xNegative = b.create<arith::CmpFOp>(
      loc, arith::CmpFPredicate::OLT,
      b.create<math::CopySignOp>(loc, floatConst(b, loc, type, 1.0), x),
      floatConst(b, loc, type, 0.0));
  Value zeroCase = select(b, loc, xNegative, floatConst(b, loc, type, M_PI),
                          floatConst(b, loc, type, 0.0));
  Value infiniteCase =
      select(b, loc, xNegative, floatConst(b, loc, type, 3 * M_PI / 4),
             floatConst(b, loc, type, M_PI / 4));
  // The approximation is up to 40 ulp off. One Newton step on the point
  // turned back by the angle t, (x, y) scaled by max(|x|, |y|): it lies at
  // angle d = atan2(y c - x s, x c + y s) ~ (y c - x s) / (x c + y s) past
  // t (c, s = cos t, sin t), which takes the error to about 2 ulp.
  Value approximate = b.create<math::Atan2Op>(loc, y, x);
  Value scale = b.create<arith::MaximumFOp>(loc, absY, absX);
  Value yn = b.create<arith::DivFOp>(loc, y, scale);
  Value xn = b.create<arith::DivFOp>(loc, x, scale);
  Value c = b.create<math::CosOp>(loc, approximate);
  Value s = b.create<math::SinOp>(loc, approximate);
  Value across =
      b.create<arith::SubFOp>(loc, b.create<arith::MulFOp>(loc, yn, c),
                              b.create<arith::MulFOp>(loc, xn, s));
  Value along =
      b.create<arith::AddFOp>(loc, b.create<arith::MulFOp>(loc, xn, c),
                              b.create<arith::MulFOp>(loc, yn, s));
  Value refined = b.create<arith::AddFOp>(
      loc, approximate, b.create<arith::DivFOp>(loc, across, along));
  // Where the step cannot help (an infinite operand: the scaled point is
  // exact, or NaN), the approximation stands.
  Value finite = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, scale,
                                         floatConst(b, loc, type, INFINITY));
  Value angle = select(b, loc, bothZero, zeroCase,
                       select(b, loc, bothInfinite, infiniteCase,
                              select(b, loc, finite, refined, approximate)));
  return b.create<math::CopySignOp>(loc, angle, y);
}

/// sqrt(1 - x^2) as sqrt((1 - x)(1 + x)), exact in its factors near ±1.
Value buildCosineOfArcsine(OpBuilder &b, Location loc, Value x) {
  Value one = floatConst(b, loc, x.getType(), 1.0);
  return b.create<math::SqrtOp>(
      loc, b.create<arith::MulFOp>(loc, b.create<arith::SubFOp>(loc, one, x),
                                   b.create<arith::AddFOp>(loc, one, x)));
}

/// cbrt of a float scalar.
Value buildCbrt(OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  // MLIR's cbrt approximation fails below 2^-100 and at infinity and
  // is 12 ulp off elsewhere: tiny inputs are scaled by 2^102 and the
  // root by 2^-34 (exact), a Newton step follows, and zeros and
  // infinities, their own cube roots, pass through.
  Value magnitude = b.create<math::AbsFOp>(loc, x);
  Value tiny =
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, magnitude,
                              floatConst(b, loc, type, 0x1p-100));
  Value scaled = select(
      b, loc, tiny,
      b.create<arith::MulFOp>(loc, x, floatConst(b, loc, type, 0x1p102)), x);
  Value root = b.create<math::CbrtOp>(loc, scaled);
  // One Newton step, r + (x / r^2 - r) / 3, takes its ~12 ulp to ~1.
  Value quotient = b.create<arith::DivFOp>(
      loc, scaled, b.create<arith::MulFOp>(loc, root, root));
  root = b.create<arith::AddFOp>(
      loc, root,
      b.create<arith::MulFOp>(loc, b.create<arith::SubFOp>(loc, quotient, root),
                              floatConst(b, loc, type, 1.0 / 3)));
  root = select(
      b, loc, tiny,
      b.create<arith::MulFOp>(loc, root, floatConst(b, loc, type, 0x1p-34)),
      root);
  Value special = b.create<arith::OrIOp>(
      loc,
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ, magnitude,
                              floatConst(b, loc, type, INFINITY)),
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ, x,
                              floatConst(b, loc, type, 0.0)));
  return select(b, loc, special, x, root);
}

Value buildLgamma(OpBuilder &b, Location loc, Value x) {
  return inF64(b, loc, x, [](const F64 &f, Value x) {
    // Lanczos (g = 7, 9 terms), accurate to ~1e-15 for x >= 1/2:
    // lgamma(z + 1) = log(2 pi) / 2 + (z + 1/2) log t - t + log A(z),
    // t = z + 7.5, A(z) = p0 + sum p_k / (z + k).
    static constexpr double kLanczos[] = {
        0.99999999999980993,  676.5203681218851,     -1259.1392167224028,
        771.32342877765313,   -176.61502916214059,   12.507343278686905,
        -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    // Below 1/2 by reflection: lgamma(x) = log pi - log |sin(pi x)|
    // - lgamma(1 - x), with sin taken at x's distance to an integer (exact).
    Value reflect = f.lt(x, 0.5);
    Value z = f.sub(f.select(reflect, f.sub(f.c(1), x), x), f.c(1));
    Value series = f.c(kLanczos[0]);
    for (int k = 1; k < 9; ++k)
      series = f.add(series, f.div(f.c(kLanczos[k]), f.add(z, f.c(k))));
    Value t = f.add(z, f.c(7.5));
    Value lgamma = f.add(f.sub(f.add(f.c(0.5 * std::log(2 * M_PI)),
                                     f.mul(f.add(z, f.c(0.5)), f.log(t))),
                               t),
                         f.log(series));
    Value sine = f.abs(f.b.create<math::SinOp>(
        f.loc, f.mul(f.c(M_PI), f.fractionToNearest(x))));
    Value reflected = f.sub(f.sub(f.c(std::log(M_PI)), f.log(sine)), lgamma);
    Value result = f.select(reflect, reflected, lgamma);
    // lgamma(1) = lgamma(2) = 0 exactly (the series leaves ~1e-16), and
    // both infinities give +inf (the formulas give NaN).
    Value one = f.eq(x, 1);
    Value two = f.eq(x, 2);
    result =
        f.select(f.b.create<arith::OrIOp>(f.loc, one, two), f.c(0), result);
    return f.select(f.eq(f.abs(x), INFINITY), f.c(INFINITY), result);
  });
}

Value buildDigamma(OpBuilder &b, Location loc, Value x) {
  return inF64(b, loc, x, [](const F64 &f, Value x) {
    // Below 1/2 by reflection: digamma(x) = digamma(1 - x) - pi / tan(pi x).
    Value reflect = f.lt(x, 0.5);
    Value z = f.select(reflect, f.sub(f.c(1), x), x);
    // digamma(z) = digamma(z + 10) - sum 1 / (z + k), k < 10, and at
    // y = z + 10 the asymptotic series log y - 1/(2y) - sum B_2k / (2k y^2k)
    // is exact to double precision after six terms.
    Value shift = f.c(0);
    for (int k = 0; k < 10; ++k)
      shift = f.add(shift, f.div(f.c(1), f.add(z, f.c(k))));
    Value y = f.add(z, f.c(10));
    Value inverseSquare = f.div(f.c(1), f.mul(y, y));
    Value tail =
        f.mul(inverseSquare, f.horner({1.0 / 12, -1.0 / 120, 1.0 / 252,
                                       -1.0 / 240, 1.0 / 132, -691.0 / 32760},
                                      inverseSquare));
    Value digamma =
        f.sub(f.sub(f.sub(f.log(y), f.div(f.c(0.5), y)), tail), shift);
    Value tangent = f.b.create<math::TanOp>(
        f.loc, f.mul(f.c(M_PI), f.fractionToNearest(x)));
    Value result =
        f.select(reflect, f.sub(digamma, f.div(f.c(M_PI), tangent)), digamma);
    // The poles 0, -1, -2, ... and -inf.
    Value pole = f.b.create<arith::AndIOp>(
        f.loc, f.cmp(arith::CmpFPredicate::OLE, x, f.c(0)),
        f.cmp(arith::CmpFPredicate::OEQ, x,
              f.b.create<math::FloorOp>(f.loc, x)));
    return f.select(pole, f.c(NAN), result);
  });
}

Value buildErfInv(OpBuilder &b, Location loc, Value x) {
  return inF64(b, loc, x, [&](const F64 &f, Value x) {
    // Giles' single-precision approximation ("Approximating the erfinv
    // function", 2010) as the start, then two Newton steps in double on
    // erf(y) = a, a = |x|, whose residual is taken through erfc above 1/2
    // so that it keeps its precision near 1, where 1 - a is exact.
    Value a = f.abs(x);
    Value w = f.b.create<arith::NegFOp>(
        f.loc, f.log(f.mul(f.sub(f.c(1), a), f.add(f.c(1), a))));
    Value central = f.horner({1.50140941, 0.246640727, -0.00417768164,
                              -0.00125372503, 0.00021858087, -4.39150654e-06,
                              -3.5233877e-06, 3.43273939e-07, 2.81022636e-08},
                             f.sub(w, f.c(2.5)));
    Value tail = f.horner({2.83297682, 1.00167406, 0.00943887047, -0.0076224613,
                           0.00573950773, -0.00367342844, 0.00134934322,
                           0.000100950558, -0.000200214257},
                          f.sub(f.sqrt(w), f.c(3)));
    Value y = f.mul(f.select(f.lt(w, 5), central, tail), a);
    Value nearOne = f.cmp(arith::CmpFPredicate::OGT, a, f.c(0.5));
    for (int step = 0; step < 2; ++step) {
      Value residual = f.select(
          nearOne, f.sub(f.sub(f.c(1), a), callLibm(f.b, f.loc, "erfc", y)),
          f.sub(f.b.create<math::ErfOp>(f.loc, y), a));
      Value slope =
          f.mul(f.c(2 / std::sqrt(M_PI)), f.exp(f.mul(f.sub(f.c(0), y), y)));
      y = f.sub(y, f.div(residual, slope));
    }
    // ±1 give ±inf (the steps give NaN); beyond 1 the log gave NaN.
    return f.copySign(f.select(f.eq(a, 1), f.c(INFINITY), y), x);
  });
}

Value buildErfc(OpBuilder &b, Location loc, Value x) {
  return inF64(b, loc, x, [&](const F64 &f, Value x) {
    return callLibm(f.b, f.loc, "erfc", x);
  });
}

Value buildBesselI1e(OpBuilder &b, Location loc, Value x) {
  return inF64(b, loc, x, [](const F64 &f, Value x) {
    Value a = f.abs(x);
    // Up to 20, the power series I1(a) = sum (a/2)^(2k+1) / (k! (k+1)!),
    // whose terms past k = 34 are below 1e-17 of the sum.
    Value quarterSquare = f.mul(f.mul(a, a), f.c(0.25));
    Value term = f.mul(a, f.c(0.5));
    Value series = term;
    for (int k = 1; k <= 34; ++k) {
      term = f.mul(term, f.div(quarterSquare, f.c(k * (k + 1.0))));
      series = f.add(series, term);
    }
    Value small = f.mul(series, f.exp(f.sub(f.c(0), a)));
    // Above, the asymptotic series (1 + sum c_k) / sqrt(2 pi a),
    // c_k = c_(k-1) (2k - 1)^2 - 4) / (8 k a), within 1e-17 after 25 terms.
    Value coefficient = f.c(1);
    Value sum = coefficient;
    for (int k = 1; k <= 25; ++k) {
      double odd = 2 * k - 1;
      coefficient =
          f.mul(coefficient, f.div(f.c(odd * odd - 4), f.mul(f.c(8.0 * k), a)));
      sum = f.add(sum, coefficient);
    }
    Value large = f.div(sum, f.sqrt(f.mul(f.c(2 * M_PI), a)));
    return f.copySign(f.select(f.lt(a, 20), small, large), x);
  });
}

Value buildNextAfter(OpBuilder &b, Location loc, Value x, Value y) {
  auto floatType = cast<FloatType>(x.getType());
  unsigned width = floatType.getWidth();
  auto intType = b.getIntegerType(width);
  auto constant = [&](const APInt &value) -> Value {
    return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(intType, value));
  };
  auto cmp = [&](arith::CmpIPredicate predicate, Value lhs, Value rhs) {
    return b.create<arith::CmpIOp>(loc, predicate, lhs, rhs);
  };
  auto select = [&](Value condition, Value onTrue, Value onFalse) {
    return b.create<arith::SelectOp>(loc, condition, onTrue, onFalse);
  };
  Value xBits = b.create<arith::BitcastOp>(loc, intType, x);
  Value yBits = b.create<arith::BitcastOp>(loc, intType, y);
  Value zero = constant(APInt(width, 0));
  Value one = constant(APInt(width, 1));
  Value signMask = constant(APInt::getSignMask(width));
  Value magnitudeMask = constant(APInt::getSignedMaxValue(width));
  Value infinity =
      constant(APFloat::getInf(floatType.getFloatSemantics()).bitcastToAPInt());
  Value xMagnitude = b.create<arith::AndIOp>(loc, xBits, magnitudeMask);
  Value yMagnitude = b.create<arith::AndIOp>(loc, yBits, magnitudeMask);
  Value xNaN = cmp(arith::CmpIPredicate::ugt, xMagnitude, infinity);
  Value yNaN = cmp(arith::CmpIPredicate::ugt, yMagnitude, infinity);
  // Signed integers in IEEE order: the magnitude, negated for negatives.
  auto orderKey = [&](Value bits, Value magnitude) {
    return select(cmp(arith::CmpIPredicate::slt, bits, zero),
                  b.create<arith::SubIOp>(loc, zero, magnitude), magnitude);
  };
  Value xKey = orderKey(xBits, xMagnitude);
  Value yKey = orderKey(yBits, yMagnitude);
  // Sign and magnitude: one up in the bits is one value away from zero.
  Value towardPositive = cmp(arith::CmpIPredicate::slt, xKey, yKey);
  Value xPositive = cmp(arith::CmpIPredicate::sge, xBits, zero);
  Value away = cmp(arith::CmpIPredicate::eq, towardPositive, xPositive);
  Value stepped = select(away, b.create<arith::AddIOp>(loc, xBits, one),
                         b.create<arith::SubIOp>(loc, xBits, one));
  // From ±0, the smallest subnormal with y's sign.
  Value fromZero = b.create<arith::OrIOp>(
      loc, b.create<arith::AndIOp>(loc, yBits, signMask), one);
  Value result = select(cmp(arith::CmpIPredicate::eq, xMagnitude, zero),
                        fromZero, stepped);
  result = select(cmp(arith::CmpIPredicate::eq, xKey, yKey), yBits, result);
  result = select(yNaN, yBits, result);
  result = select(xNaN, xBits, result);
  return b.create<arith::BitcastOp>(loc, floatType, result);
}

} // namespace kiln
