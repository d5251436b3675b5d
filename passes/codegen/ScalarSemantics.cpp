//===- ScalarSemantics.cpp - Kiln's semantics of one hlo op on scalars ----===//
//
// The scalar code spells out Kiln's edge-case semantics so that nothing
// reaches LLVM as undefined behaviour or poison: guarded integer division,
// saturating float-to-int conversion, NaN-propagating max/min and IEEE
// totalOrder comparison. The kernel emitters build every elementwise op and
// every reduction body through these functions.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/ScalarSemantics.h"
#include "passes/codegen/ScalarSpecialFunctions.h"

#include "dialects/hlo/HloDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;

namespace kiln {
namespace {

//===----------------------------------------------------------------------===//
// Scalar helpers
//===----------------------------------------------------------------------===//

Value intConst(OpBuilder &b, Location loc, Type type, int64_t value) {
  return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(type, value));
}

Value floatConst(OpBuilder &b, Location loc, Type type, double value) {
  return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, value));
}

bool isBool(Type type) { return type.isInteger(1); }

Value cmpi(OpBuilder &b, Location loc, arith::CmpIPredicate pred, Value lhs,
           Value rhs) {
  return b.create<arith::CmpIOp>(loc, pred, lhs, rhs);
}

Value select(OpBuilder &b, Location loc, Value cond, Value onTrue,
             Value onFalse) {
  return b.create<arith::SelectOp>(loc, cond, onTrue, onFalse);
}

/// The signed minimum of an integer type (INT_MIN).
Value intMin(OpBuilder &b, Location loc, IntegerType type) {
  return b.create<arith::ConstantOp>(
      loc, b.getIntegerAttr(type, APInt::getSignedMinValue(type.getWidth())));
}

/// A divisor that is never 0 nor the -1 of INT_MIN / -1, so that divsi/remsi
/// stay defined; callers select the Kiln result for those cases.
Value safeDivisor(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  Type type = rhs.getType();
  Value zero = intConst(b, loc, type, 0);
  Value one = intConst(b, loc, type, 1);
  Value minusOne = intConst(b, loc, type, -1);
  Value isZero = cmpi(b, loc, arith::CmpIPredicate::eq, rhs, zero);
  Value overflows = b.create<arith::AndIOp>(
      loc,
      cmpi(b, loc, arith::CmpIPredicate::eq, lhs,
           intMin(b, loc, cast<IntegerType>(type))),
      cmpi(b, loc, arith::CmpIPredicate::eq, rhs, minusOne));
  Value unsafe = b.create<arith::OrIOp>(loc, isZero, overflows);
  return select(b, loc, unsafe, one, rhs);
}

/// x / 0 = -1; INT_MIN / -1 = INT_MIN (the safe divisor 1 yields it).
Value buildIntDivide(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  Type type = lhs.getType();
  Value quotient =
      b.create<arith::DivSIOp>(loc, lhs, safeDivisor(b, loc, lhs, rhs));
  Value isZero =
      cmpi(b, loc, arith::CmpIPredicate::eq, rhs, intConst(b, loc, type, 0));
  return select(b, loc, isZero, intConst(b, loc, type, -1), quotient);
}

/// x % 0 = x; INT_MIN % -1 = 0 (the safe divisor 1 yields it).
Value buildIntRemainder(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  Type type = lhs.getType();
  Value remainder =
      b.create<arith::RemSIOp>(loc, lhs, safeDivisor(b, loc, lhs, rhs));
  Value isZero =
      cmpi(b, loc, arith::CmpIPredicate::eq, rhs, intConst(b, loc, type, 0));
  return select(b, loc, isZero, lhs, remainder);
}

/// Unsigned: x / 0 = all ones (-1, as for signed), x % 0 = x.
Value buildUnsignedDivide(OpBuilder &b, Location loc, Value lhs, Value rhs,
                          bool remainder) {
  Type type = lhs.getType();
  Value isZero =
      cmpi(b, loc, arith::CmpIPredicate::eq, rhs, intConst(b, loc, type, 0));
  Value divisor = select(b, loc, isZero, intConst(b, loc, type, 1), rhs);
  if (remainder)
    return select(b, loc, isZero, lhs,
                  b.create<arith::RemUIOp>(loc, lhs, divisor));
  return select(b, loc, isZero, intConst(b, loc, type, -1),
                b.create<arith::DivUIOp>(loc, lhs, divisor));
}

/// Exponentiation by squaring over every bit of the exponent (a fixed trip
/// count, wrapping like the interpreter). A negative signed exponent gives
/// 0, except for base 1 (1) and base -1 (-1 for odd exponents, 1 for even).
Value buildIntPower(OpBuilder &b, Location loc, Value base, Value exponent,
                    bool isUnsigned) {
  auto type = cast<IntegerType>(base.getType());
  Value zero = intConst(b, loc, type, 0);
  Value one = intConst(b, loc, type, 1);
  Value minusOne = intConst(b, loc, type, -1);
  Value lower = b.create<arith::ConstantIndexOp>(loc, 0);
  Value upper = b.create<arith::ConstantIndexOp>(loc, type.getWidth());
  Value step = b.create<arith::ConstantIndexOp>(loc, 1);
  auto loop = b.create<scf::ForOp>(
      loc, lower, upper, step, ValueRange{one, base, exponent},
      [&](OpBuilder &lb, Location l, Value, ValueRange iter) {
        Value result = iter[0], square = iter[1], rest = iter[2];
        Value bitSet = cmpi(lb, l, arith::CmpIPredicate::ne,
                            lb.create<arith::AndIOp>(l, rest, one), zero);
        Value product = lb.create<arith::MulIOp>(l, result, square);
        Value nextResult = select(lb, l, bitSet, product, result);
        Value nextSquare = lb.create<arith::MulIOp>(l, square, square);
        Value nextRest = lb.create<arith::ShRUIOp>(l, rest, one);
        lb.create<scf::YieldOp>(l,
                                ValueRange{nextResult, nextSquare, nextRest});
      });
  Value odd = cmpi(b, loc, arith::CmpIPredicate::ne,
                   b.create<arith::AndIOp>(loc, exponent, one), zero);
  Value minusOnePower = select(b, loc, odd, minusOne, one);
  Value negativePower = select(
      b, loc, cmpi(b, loc, arith::CmpIPredicate::eq, base, one), one,
      select(b, loc, cmpi(b, loc, arith::CmpIPredicate::eq, base, minusOne),
             minusOnePower, zero));
  if (isUnsigned)
    return loop.getResult(0);
  Value negative = cmpi(b, loc, arith::CmpIPredicate::slt, exponent, zero);
  return select(b, loc, negative, negativePower, loop.getResult(0));
}

/// sign: -1/0/+1 (0/1 unsigned); floats keep -0.0, +0.0 and NaN as they are.
Value buildSign(OpBuilder &b, Location loc, Value x, bool isUnsigned) {
  Type type = x.getType();
  if (isa<FloatType>(type)) {
    Value zero = floatConst(b, loc, type, 0.0);
    Value one = floatConst(b, loc, type, 1.0);
    // ONE is false for zeros and NaN: exactly the values returned unchanged.
    Value nonZero =
        b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::ONE, x, zero);
    Value unit = b.create<math::CopySignOp>(loc, one, x);
    return select(b, loc, nonZero, unit, x);
  }
  Value zero = intConst(b, loc, type, 0);
  if (isUnsigned)
    return b.create<arith::ExtUIOp>(
        loc, type, cmpi(b, loc, arith::CmpIPredicate::ne, x, zero));
  Value positive = b.create<arith::ExtUIOp>(
      loc, type, cmpi(b, loc, arith::CmpIPredicate::sgt, x, zero));
  Value negative = b.create<arith::ExtUIOp>(
      loc, type, cmpi(b, loc, arith::CmpIPredicate::slt, x, zero));
  return b.create<arith::SubIOp>(loc, positive, negative);
}

arith::CmpFPredicate floatPredicate(hlo::ComparisonDirection direction) {
  switch (direction) {
  case hlo::ComparisonDirection::EQ:
    return arith::CmpFPredicate::OEQ;
  case hlo::ComparisonDirection::NE:
    return arith::CmpFPredicate::UNE;
  case hlo::ComparisonDirection::GE:
    return arith::CmpFPredicate::OGE;
  case hlo::ComparisonDirection::GT:
    return arith::CmpFPredicate::OGT;
  case hlo::ComparisonDirection::LE:
    return arith::CmpFPredicate::OLE;
  case hlo::ComparisonDirection::LT:
    return arith::CmpFPredicate::OLT;
  }
  return arith::CmpFPredicate::OEQ;
}

arith::CmpIPredicate intPredicate(hlo::ComparisonDirection direction,
                                  bool isUnsigned) {
  using P = arith::CmpIPredicate;
  switch (direction) {
  case hlo::ComparisonDirection::EQ:
    return P::eq;
  case hlo::ComparisonDirection::NE:
    return P::ne;
  case hlo::ComparisonDirection::GE:
    return isUnsigned ? P::uge : P::sge;
  case hlo::ComparisonDirection::GT:
    return isUnsigned ? P::ugt : P::sgt;
  case hlo::ComparisonDirection::LE:
    return isUnsigned ? P::ule : P::sle;
  case hlo::ComparisonDirection::LT:
    return isUnsigned ? P::ult : P::slt;
  }
  return P::eq;
}

Value buildCompare(OpBuilder &b, Location loc, hlo::CompareOp op, Value lhs,
                   Value rhs, bool isUnsignedType) {
  hlo::ComparisonDirection direction = op.getComparisonDirection();
  hlo::ComparisonType compareType =
      op.getCompareType().value_or(hlo::ComparisonType::NOTYPE);
  Type type = lhs.getType();
  if (isa<FloatType>(type)) {
    if (compareType == hlo::ComparisonType::TOTALORDER)
      return cmpi(b, loc, intPredicate(direction, /*isUnsigned=*/false),
                  totalOrderKey(b, loc, lhs), totalOrderKey(b, loc, rhs));
    return b.create<arith::CmpFOp>(loc, floatPredicate(direction), lhs, rhs);
  }
  // Without a type, i1 (false < true) and unsigned integers compare as
  // unsigned, the others as signed.
  bool isUnsigned = compareType == hlo::ComparisonType::UNSIGNED ||
                    (compareType == hlo::ComparisonType::NOTYPE &&
                     (isBool(type) || isUnsignedType));
  return cmpi(b, loc, intPredicate(direction, isUnsigned), lhs, rhs);
}

Value buildMax(OpBuilder &b, Location loc, Value lhs, Value rhs,
               bool isUnsigned) {
  Type type = getElementTypeOrSelf(lhs.getType());
  if (isa<FloatType>(type))
    return b.create<arith::MaximumFOp>(loc, lhs, rhs);
  if (isBool(type) || isUnsigned)
    return b.create<arith::MaxUIOp>(loc, lhs, rhs);
  return b.create<arith::MaxSIOp>(loc, lhs, rhs);
}

Value buildMin(OpBuilder &b, Location loc, Value lhs, Value rhs,
               bool isUnsigned) {
  Type type = getElementTypeOrSelf(lhs.getType());
  if (isa<FloatType>(type))
    return b.create<arith::MinimumFOp>(loc, lhs, rhs);
  if (isBool(type) || isUnsigned)
    return b.create<arith::MinUIOp>(loc, lhs, rhs);
  return b.create<arith::MinSIOp>(loc, lhs, rhs);
}

/// f32 or f64 -> iN, signed or unsigned: NaN -> 0, values beyond the range
/// saturate. The input of fptosi/fptoui is clamped into range first so that
/// it never produces poison.
Value buildFloatToInt(OpBuilder &b, Location loc, Value x, IntegerType dst,
                      bool isUnsigned) {
  auto src = cast<FloatType>(x.getType());
  unsigned width = dst.getWidth();
  // The range is [lowest, 2^top): both bounds are exact floats, and the
  // largest float below 2^top is 2^top - 2^(top - precision).
  int top = isUnsigned ? width : width - 1;
  int precision = src.getFPMantissaWidth();
  double lowest = isUnsigned ? 0.0 : -std::ldexp(1.0, top);
  double highest = std::ldexp(1.0, top) - std::ldexp(1.0, top - precision);
  Value clamped = b.create<arith::MinimumFOp>(
      loc, b.create<arith::MaximumFOp>(loc, x, floatConst(b, loc, src, lowest)),
      floatConst(b, loc, src, highest));
  Value isNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, x, x);
  Value inRange = select(b, loc, isNaN, floatConst(b, loc, src, 0.0), clamped);
  Value truncated =
      isUnsigned ? b.create<arith::FPToUIOp>(loc, dst, inRange).getResult()
                 : b.create<arith::FPToSIOp>(loc, dst, inRange).getResult();
  Value tooLarge =
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGE, x,
                              floatConst(b, loc, src, std::ldexp(1.0, top)));
  APInt maxValue =
      isUnsigned ? APInt::getMaxValue(width) : APInt::getSignedMaxValue(width);
  Value intMax =
      b.create<arith::ConstantOp>(loc, b.getIntegerAttr(dst, maxValue));
  return select(b, loc, tooLarge, intMax, truncated);
}

/// f32 -> bf16, rounded to nearest even, NaN kept quiet with its sign: by
/// integer arithmetic on the bits, which vectorizes, because LLVM lowers
/// fptrunc to bfloat to a call of __truncsfbf2 per element where the CPU has
/// no AVX512-BF16 (a call Debian 12's libgcc lacks; BFloat16TruncationPass
/// defines it, the same bits, for the calls instcombine's narrowing brings
/// back).
Value buildTruncToBF16(OpBuilder &b, Location loc, Value x) {
  Type i32 = b.getI32Type();
  Type i16 = b.getI16Type();
  Value bits = b.create<arith::BitcastOp>(loc, i32, x);
  Value sixteen = intConst(b, loc, i32, 16);
  Value high = b.create<arith::ShRUIOp>(loc, bits, sixteen);
  // Adding 0x7FFF plus the kept part's lowest bit rounds half to even; a
  // carry into the exponent gives the next binade or infinity, as it must.
  Value odd = b.create<arith::AndIOp>(loc, high, intConst(b, loc, i32, 1));
  Value bias = b.create<arith::AddIOp>(loc, odd, intConst(b, loc, i32, 0x7FFF));
  Value rounded = b.create<arith::ShRUIOp>(
      loc, b.create<arith::AddIOp>(loc, bits, bias), sixteen);
  Value quietNaN =
      b.create<arith::OrIOp>(loc, high, intConst(b, loc, i32, 0x40));
  Value isNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, x, x);
  Value result = b.create<arith::TruncIOp>(
      loc, i16, select(b, loc, isNaN, quietNaN, rounded));
  return b.create<arith::BitcastOp>(loc, b.getBF16Type(), result);
}

/// f64 -> f32 rounded to odd (inexact results get an odd last bit): rounding
/// that f32 to a type of at most 22 bits of precision gives the correctly
/// rounded f64 result, where plain rounding twice may not.
Value buildTruncToOddF32(OpBuilder &b, Location loc, Value x) {
  Type f32 = b.getF32Type();
  Type i32 = b.getI32Type();
  Value nearest = b.create<arith::TruncFOp>(loc, f32, x);
  Value back = b.create<arith::ExtFOp>(loc, x.getType(), nearest);
  Value inexact =
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::ONE, back, x);
  Value bits = b.create<arith::BitcastOp>(loc, i32, nearest);
  Value one = intConst(b, loc, i32, 1);
  Value even =
      cmpi(b, loc, arith::CmpIPredicate::eq,
           b.create<arith::AndIOp>(loc, bits, one), intConst(b, loc, i32, 0));
  // Step the magnitude toward x: sign-magnitude bits count in magnitude.
  Value grow = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT,
                                       b.create<math::AbsFOp>(loc, back),
                                       b.create<math::AbsFOp>(loc, x));
  Value stepped = select(b, loc, grow, b.create<arith::AddIOp>(loc, bits, one),
                         b.create<arith::SubIOp>(loc, bits, one));
  Value odd = select(b, loc, b.create<arith::AndIOp>(loc, inexact, even),
                     stepped, bits);
  return b.create<arith::BitcastOp>(loc, f32, odd);
}

/// An f32 or f64 `x` rounded once to the float type `dst` (of any width).
Value buildFloatToFloat(OpBuilder &b, Location loc, Value x, FloatType dst) {
  auto src = cast<FloatType>(x.getType());
  if (src == dst)
    return x;
  if (src.getWidth() < dst.getWidth())
    return b.create<arith::ExtFOp>(loc, dst, x);
  if (dst.getWidth() < 32 && src.getWidth() > 32)
    x = buildTruncToOddF32(b, loc, x);
  if (dst.isBF16())
    return buildTruncToBF16(b, loc, x);
  return b.create<arith::TruncFOp>(loc, dst, x);
}

/// `Shift lhs, rhs` where rhs, read unsigned, is below the bit width;
/// otherwise every bit is shifted out: 0, or with `fill` the sign (lhs
/// shifted by width - 1). arith's shifts are poison past the width, and
/// select keeps only the defined arm.
template <class Shift>
Value buildShift(OpBuilder &b, Location loc, Value lhs, Value rhs, bool fill) {
  Type type = lhs.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  Value widthValue = intConst(b, loc, type, width);
  Value inRange = cmpi(b, loc, arith::CmpIPredicate::ult, rhs, widthValue);
  Value shifted = b.create<Shift>(loc, lhs, rhs);
  Value outside =
      fill ? b.create<Shift>(loc, lhs, intConst(b, loc, type, width - 1))
           : intConst(b, loc, type, 0);
  return select(b, loc, inRange, shifted, outside);
}

/// reduce_precision on x's own bits (any float type): the mantissa rounded
/// half to even at `mantissaBits`, exponents beyond the format's range to
/// infinity and at or below its smallest normal to zero, NaN kept (or
/// infinity without mantissa bits).
Value buildReducePrecision(OpBuilder &b, Location loc, Value x,
                           int exponentBits, int mantissaBits) {
  auto type = cast<FloatType>(x.getType());
  int width = type.getWidth();
  int sourceMantissa = type.getFPMantissaWidth() - 1;
  int sourceExponent = width - sourceMantissa - 1;
  Type intType = b.getIntegerType(width);
  auto constant = [&](uint64_t value) {
    return b.create<arith::ConstantOp>(
        loc, b.getIntegerAttr(intType, APInt(width, value)));
  };
  Value bits = b.create<arith::BitcastOp>(loc, intType, x);
  Value sign =
      b.create<arith::AndIOp>(loc, bits, constant(uint64_t(1) << (width - 1)));
  Value magnitude = b.create<arith::XOrIOp>(loc, bits, sign);
  uint64_t exponentMask = ((uint64_t(1) << sourceExponent) - 1)
                          << sourceMantissa;
  Value infinity = constant(exponentMask);
  Value isNaN = cmpi(b, loc, arith::CmpIPredicate::ugt, magnitude, infinity);
  Value original = magnitude;
  if (mantissaBits < sourceMantissa) {
    int dropped = sourceMantissa - mantissaBits;
    Value keptLowest = b.create<arith::AndIOp>(
        loc, b.create<arith::ShRUIOp>(loc, magnitude, constant(dropped)),
        constant(1));
    Value bias = b.create<arith::AddIOp>(
        loc, keptLowest, constant((uint64_t(1) << (dropped - 1)) - 1));
    magnitude = b.create<arith::AndIOp>(
        loc, b.create<arith::AddIOp>(loc, magnitude, bias),
        constant(~((uint64_t(1) << dropped) - 1)));
  }
  if (exponentBits < sourceExponent) {
    uint64_t bias = (uint64_t(1) << (sourceExponent - 1)) - 1;
    uint64_t reducedBias = (uint64_t(1) << (exponentBits - 1)) - 1;
    Value exponent = b.create<arith::AndIOp>(loc, magnitude, infinity);
    Value overflows = cmpi(b, loc, arith::CmpIPredicate::ugt, exponent,
                           constant((bias + reducedBias) << sourceMantissa));
    Value underflows = cmpi(b, loc, arith::CmpIPredicate::ule, exponent,
                            constant((bias - reducedBias) << sourceMantissa));
    magnitude = select(b, loc, overflows, infinity, magnitude);
    magnitude = select(b, loc, underflows, constant(0), magnitude);
  }
  magnitude =
      select(b, loc, isNaN, mantissaBits > 0 ? original : infinity, magnitude);
  return b.create<arith::BitcastOp>(
      loc, type, b.create<arith::OrIOp>(loc, sign, magnitude));
}

Value buildBinary(OpBuilder &b, Location loc, Operation *op, Value lhs,
                  Value rhs, bool isUnsigned) {
  Type type = getElementTypeOrSelf(lhs.getType());
  bool isFloat = isa<FloatType>(type);
  return TypeSwitch<Operation *, Value>(op)
      .Case([&](hlo::AddOp) -> Value {
        if (isFloat)
          return b.create<arith::AddFOp>(loc, lhs, rhs);
        if (isBool(type)) // i1 addition is logical or, not xor.
          return b.create<arith::OrIOp>(loc, lhs, rhs);
        return b.create<arith::AddIOp>(loc, lhs, rhs);
      })
      .Case([&](hlo::SubtractOp) -> Value {
        if (isFloat)
          return b.create<arith::SubFOp>(loc, lhs, rhs);
        return b.create<arith::SubIOp>(loc, lhs, rhs);
      })
      .Case([&](hlo::MulOp) -> Value {
        if (isFloat)
          return b.create<arith::MulFOp>(loc, lhs, rhs);
        if (isBool(type))
          return b.create<arith::AndIOp>(loc, lhs, rhs);
        return b.create<arith::MulIOp>(loc, lhs, rhs);
      })
      .Case([&](hlo::DivOp) -> Value {
        if (isFloat)
          return b.create<arith::DivFOp>(loc, lhs, rhs);
        if (isUnsigned)
          return buildUnsignedDivide(b, loc, lhs, rhs, /*remainder=*/false);
        return buildIntDivide(b, loc, lhs, rhs);
      })
      .Case([&](hlo::RemOp) -> Value {
        if (isFloat) // frem is C fmod: the sign of the dividend.
          return b.create<arith::RemFOp>(loc, lhs, rhs);
        if (isUnsigned)
          return buildUnsignedDivide(b, loc, lhs, rhs, /*remainder=*/true);
        return buildIntRemainder(b, loc, lhs, rhs);
      })
      .Case([&](hlo::PowOp) -> Value {
        if (isFloat)
          return b.create<math::PowFOp>(loc, lhs, rhs);
        return buildIntPower(b, loc, lhs, rhs, isUnsigned);
      })
      .Case([&](hlo::Atan2Op) { return buildAtan2(b, loc, lhs, rhs); })
      .Case([&](hlo::MaxOp) { return buildMax(b, loc, lhs, rhs, isUnsigned); })
      .Case([&](hlo::MinOp) { return buildMin(b, loc, lhs, rhs, isUnsigned); })
      .Case([&](hlo::AndOp) { return b.create<arith::AndIOp>(loc, lhs, rhs); })
      .Case([&](hlo::OrOp) { return b.create<arith::OrIOp>(loc, lhs, rhs); })
      .Case([&](hlo::XorOp) { return b.create<arith::XOrIOp>(loc, lhs, rhs); })
      .Case([&](hlo::ShiftLeftOp) {
        return buildShift<arith::ShLIOp>(b, loc, lhs, rhs, /*fill=*/false);
      })
      .Case([&](hlo::ShiftRightArithmeticOp) {
        return buildShift<arith::ShRSIOp>(b, loc, lhs, rhs, /*fill=*/true);
      })
      .Case([&](hlo::ShiftRightLogicalOp) {
        return buildShift<arith::ShRUIOp>(b, loc, lhs, rhs, /*fill=*/false);
      })
      .Default([](Operation *) { return Value(); });
}

Value buildUnary(OpBuilder &b, Location loc, Operation *op, Value x,
                 bool isUnsigned) {
  Type type = getElementTypeOrSelf(x.getType());
  bool isFloat = isa<FloatType>(type);
  return TypeSwitch<Operation *, Value>(op)
      .Case([&](hlo::AbsOp) -> Value {
        if (isFloat)
          return b.create<math::AbsFOp>(loc, x);
        if (isUnsigned)
          return x;
        // Wrapping negation: abs(INT_MIN) = INT_MIN without poison.
        Value zero = intConst(b, loc, type, 0);
        Value negated = b.create<arith::SubIOp>(loc, zero, x);
        return select(b, loc, cmpi(b, loc, arith::CmpIPredicate::slt, x, zero),
                      negated, x);
      })
      .Case([&](hlo::NegOp) -> Value {
        if (isFloat)
          return b.create<arith::NegFOp>(loc, x);
        return b.create<arith::SubIOp>(loc, intConst(b, loc, type, 0), x);
      })
      .Case([&](hlo::ExpOp) { return b.create<math::ExpOp>(loc, x); })
      .Case([&](hlo::Expm1Op) { return b.create<math::ExpM1Op>(loc, x); })
      .Case([&](hlo::LogOp) { return b.create<math::LogOp>(loc, x); })
      .Case([&](hlo::Log1pOp) { return b.create<math::Log1pOp>(loc, x); })
      .Case([&](hlo::TanhOp) { return b.create<math::TanhOp>(loc, x); })
      .Case([&](hlo::LogisticOp) -> Value {
        // With e = exp(-|x|) <= 1: n / (1 + e), n = 1 for x >= 0 and e
        // below, so that exp's error never meets a large e (2.5 ulp as
        // 1 / (1 + exp(-x))) and tiny results stay subnormal, not 0. The
        // rounding of s = 1 + e is compensated: err = (1 - s) + e is exact
        // (Fast2Sum, 1 >= e), and n / (s + err) = q - q err / s to first
        // order, q = n / s, where 1 / s is q for x >= 0 and 1 - q below
        // (1 / (1 + e) = 1 - e / (1 + e)): no second division. 2.40 ulp
        // without it.
        Value one = floatConst(b, loc, type, 1.0);
        Value e = b.create<math::ExpOp>(
            loc, b.create<arith::NegFOp>(loc, b.create<math::AbsFOp>(loc, x)));
        // x's sign bit set: x86 blends on that bit directly, where x < 0
        // would take a compare. x = -0 gives 1 / 2 either way, and a NaN x
        // a NaN e.
        Type bits = b.getIntegerType(type.getIntOrFloatBitWidth());
        Value signSet =
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt,
                                    b.create<arith::BitcastOp>(loc, bits, x),
                                    intConst(b, loc, bits, 0));
        Value numerator = b.create<arith::SelectOp>(loc, signSet, e, one);
        Value sum = b.create<arith::AddFOp>(loc, one, e);
        Value sumError = b.create<arith::AddFOp>(
            loc, b.create<arith::SubFOp>(loc, one, sum), e);
        Value quotient = b.create<arith::DivFOp>(loc, numerator, sum);
        Value reciprocal = b.create<arith::SelectOp>(
            loc, signSet, b.create<arith::SubFOp>(loc, one, quotient),
            quotient);
        Value correction = b.create<arith::MulFOp>(
            loc, b.create<arith::MulFOp>(loc, quotient, sumError), reciprocal);
        return b.create<arith::SubFOp>(loc, quotient, correction);
      })
      .Case([&](hlo::SqrtOp) { return b.create<math::SqrtOp>(loc, x); })
      .Case([&](hlo::RsqrtOp) -> Value {
        // Kiln defines rsqrt as 1 / sqrt(x); math.rsqrt may be approximated.
        return b.create<arith::DivFOp>(loc, floatConst(b, loc, type, 1.0),
                                       b.create<math::SqrtOp>(loc, x));
      })
      .Case([&](hlo::FloorOp) { return b.create<math::FloorOp>(loc, x); })
      .Case([&](hlo::CeilOp) { return b.create<math::CeilOp>(loc, x); })
      .Case([&](hlo::SignOp) { return buildSign(b, loc, x, isUnsigned); })
      .Case([&](hlo::SineOp) { return b.create<math::SinOp>(loc, x); })
      .Case([&](hlo::CosineOp) { return b.create<math::CosOp>(loc, x); })
      .Case([&](hlo::ErfOp) { return b.create<math::ErfOp>(loc, x); })
      .Case([&](hlo::TanOp) { return b.create<math::TanOp>(loc, x); })
      // Through atan2, whose correction step MLIR's asin, acos and atan
      // approximations lack (up to 36 ulp; asin(1) is far off, and both
      // give finite values beyond ±1); sqrt((1 - x)(1 + x)) is accurate
      // near ±1 and NaN beyond.
      .Case([&](hlo::AsinOp) {
        return buildAtan2(b, loc, x, buildCosineOfArcsine(b, loc, x));
      })
      .Case([&](hlo::AcosOp) {
        return buildAtan2(b, loc, buildCosineOfArcsine(b, loc, x), x);
      })
      .Case([&](hlo::AtanOp) {
        return buildAtan2(b, loc, x, floatConst(b, loc, type, 1.0));
      })
      .Case([&](hlo::SinhOp) { return b.create<math::SinhOp>(loc, x); })
      .Case([&](hlo::CoshOp) { return b.create<math::CoshOp>(loc, x); })
      .Case([&](hlo::AsinhOp) { return b.create<math::AsinhOp>(loc, x); })
      .Case([&](hlo::AcoshOp) { return b.create<math::AcoshOp>(loc, x); })
      .Case([&](hlo::AtanhOp) { return b.create<math::AtanhOp>(loc, x); })
      .Case([&](hlo::ErfcOp) { return buildErfc(b, loc, x); })
      .Case([&](hlo::ErfInvOp) { return buildErfInv(b, loc, x); })
      .Case([&](hlo::LgammaOp) { return buildLgamma(b, loc, x); })
      .Case([&](hlo::DigammaOp) { return buildDigamma(b, loc, x); })
      .Case([&](hlo::BesselI1eOp) { return buildBesselI1e(b, loc, x); })
      .Case([&](hlo::CbrtOp) { return buildCbrt(b, loc, x); })
      .Case([&](hlo::RoundNearestAfzOp) {
        return b.create<math::RoundOp>(loc, x);
      })
      .Case([&](hlo::RoundNearestEvenOp) {
        return b.create<math::RoundEvenOp>(loc, x);
      })
      .Case([&](hlo::IsFiniteOp) -> Value {
        // |x| != inf, ordered: false for NaN too.
        return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::ONE,
                                       b.create<math::AbsFOp>(loc, x),
                                       floatConst(b, loc, type, INFINITY));
      })
      .Case([&](hlo::PopulationCountOp) {
        return b.create<math::CtPopOp>(loc, x);
      })
      .Case([&](hlo::ClzOp) {
        return b.create<math::CountLeadingZerosOp>(loc, x);
      })
      .Case([&](hlo::NotOp) -> Value {
        // All ones of the type: ~x, and for i1 the logical not.
        return b.create<arith::XOrIOp>(loc, x, intConst(b, loc, type, -1));
      })
      .Default([](Operation *) { return Value(); });
}

} // namespace

Value totalOrderKey(OpBuilder &b, Location loc, Value x) {
  auto floatType = cast<FloatType>(x.getType());
  Type intType = b.getIntegerType(floatType.getWidth());
  Value bits = b.create<arith::BitcastOp>(loc, intType, x);
  Value signFill = b.create<arith::ShRSIOp>(
      loc, bits, intConst(b, loc, intType, floatType.getWidth() - 1));
  // All magnitude bits where the sign is set: an and rather than a shift,
  // which AVX-512 code turns with the xor into one masked vpxord.
  Value magnitudeMask = b.create<arith::AndIOp>(
      loc, signFill,
      intConst(b, loc, intType,
               APInt::getSignedMaxValue(floatType.getWidth()).getZExtValue()));
  return b.create<arith::XOrIOp>(loc, bits, magnitudeMask);
}

//===----------------------------------------------------------------------===//
// Shared scalar builders
//===----------------------------------------------------------------------===//

Type storageTypeOf(Type type) {
  if (type.isUnsignedInteger())
    return IntegerType::get(type.getContext(), type.getIntOrFloatBitWidth());
  return type;
}

Type computeTypeOf(Type type) {
  if (type.isF16() || type.isBF16())
    return Float32Type::get(type.getContext());
  return type;
}

Value castToIndex(OpBuilder &b, Location loc, Value x, Type type) {
  if (type.isUnsignedInteger())
    return b.create<arith::IndexCastUIOp>(loc, b.getIndexType(), x);
  return b.create<arith::IndexCastOp>(loc, b.getIndexType(), x);
}

Value buildZero(OpBuilder &b, Location loc, Type type) {
  type = storageTypeOf(type);
  if (isa<FloatType>(type))
    return floatConst(b, loc, type, 0.0);
  return intConst(b, loc, type, 0);
}

Value buildConvert(OpBuilder &b, Location loc, Value x, Type srcType,
                   Type dstType) {
  if (srcType == dstType)
    return x;
  Type dst = storageTypeOf(dstType);
  // f16 and bf16 are read as the f32 they widen to exactly.
  if (srcType.isF16() || srcType.isBF16()) {
    x = b.create<arith::ExtFOp>(loc, b.getF32Type(), x);
    srcType = b.getF32Type();
  }
  if (isBool(dst)) {
    // x != 0; NaN != 0 is true (unordered).
    if (isa<FloatType>(srcType))
      return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, x,
                                     buildZero(b, loc, srcType));
    return cmpi(b, loc, arith::CmpIPredicate::ne, x,
                buildZero(b, loc, srcType));
  }
  if (auto dstFloat = dyn_cast<FloatType>(dst)) {
    if (isa<FloatType>(srcType))
      return buildFloatToFloat(b, loc, x, dstFloat);
    // Integers convert exactly to f64 up to 2^53 and to f32 up to 2^24, so
    // narrow targets go through the one that holds the source exactly.
    unsigned srcWidth = srcType.getIntOrFloatBitWidth();
    FloatType wide = dstFloat.getWidth() >= 32 ? dstFloat
                     : srcWidth <= 16          ? b.getF32Type()
                                               : b.getF64Type();
    // i1's true is 1, not -1.
    Value converted = isBool(srcType) || srcType.isUnsignedInteger()
                          ? b.create<arith::UIToFPOp>(loc, wide, x).getResult()
                          : b.create<arith::SIToFPOp>(loc, wide, x).getResult();
    return buildFloatToFloat(b, loc, converted, dstFloat);
  }
  auto dstInt = cast<IntegerType>(dst);
  if (isa<FloatType>(srcType))
    return buildFloatToInt(b, loc, x, dstInt, dstType.isUnsignedInteger());
  unsigned srcWidth = srcType.getIntOrFloatBitWidth();
  if (srcWidth == dstInt.getWidth())
    return x;
  if (srcWidth > dstInt.getWidth())
    return b.create<arith::TruncIOp>(loc, dst, x);
  if (isBool(srcType) || srcType.isUnsignedInteger())
    return b.create<arith::ExtUIOp>(loc, dst, x);
  return b.create<arith::ExtSIOp>(loc, dst, x);
}

bool isScalarizable(Operation *op) { return hlo::isElementwise(op); }

Value buildScalarOp(OpBuilder &b, Location loc, Operation *hloOp,
                    ValueRange scalarArgs) {
  if (!isScalarizable(hloOp) || scalarArgs.size() != hloOp->getNumOperands())
    return {};
  // The element type the op computes on: its last operand's (select's
  // predicate comes first).
  Type type = getElementTypeOrSelf(hloOp->getOperands().back().getType());
  if (isa<hlo::ConvertOp>(hloOp))
    return buildConvert(b, loc, scalarArgs[0],
                        getElementTypeOrSelf(hloOp->getOperand(0).getType()),
                        getElementTypeOrSelf(hloOp->getResult(0).getType()));
  if (isa<hlo::SelectOp>(hloOp))
    return select(b, loc, scalarArgs[0], scalarArgs[1], scalarArgs[2]);
  if (auto reduce = dyn_cast<hlo::ReducePrecisionOp>(hloOp))
    return buildReducePrecision(b, loc, scalarArgs[0], reduce.getExponentBits(),
                                reduce.getMantissaBits());
  // On the bits of the operands' own type, not of the type they compute in.
  if (isa<hlo::NextAfterOp>(hloOp))
    return buildNextAfter(b, loc, scalarArgs[0], scalarArgs[1]);
  if (isa<hlo::BitcastConvertOp>(hloOp)) {
    Type to = storageTypeOf(getElementTypeOrSelf(hloOp->getResult(0)));
    if (scalarArgs[0].getType() == to)
      return scalarArgs[0];
    return b.create<arith::BitcastOp>(loc, to, scalarArgs[0]);
  }

  // f16 and bf16 compute in f32 and round once.
  Type computeType = computeTypeOf(type);
  SmallVector<Value> args;
  for (Value arg : scalarArgs)
    args.push_back(buildConvert(b, loc, arg, type, computeType));
  bool isUnsigned = type.isUnsignedInteger();
  Value result;
  if (auto compare = dyn_cast<hlo::CompareOp>(hloOp))
    result = buildCompare(b, loc, compare, args[0], args[1], isUnsigned);
  else if (isa<hlo::ClampOp>(hloOp)) // min(max(operand, lo), hi)
    result = buildMin(b, loc, buildMax(b, loc, args[1], args[0], isUnsigned),
                      args[2], isUnsigned);
  else if (args.size() == 1)
    result = buildUnary(b, loc, hloOp, args[0], isUnsigned);
  else
    result = buildBinary(b, loc, hloOp, args[0], args[1], isUnsigned);
  if (!result)
    return result;
  Type resultType = getElementTypeOrSelf(hloOp->getResult(0).getType());
  return buildConvert(b, loc, result, computeTypeOf(resultType), resultType);
}

} // namespace kiln
