//===- InterpreterElementwise.cpp - Reference elementwise hlo ops ---------===//
//
// Integer ops compute on int64 values (signed types sign-extended, unsigned
// ones zero-extended, i1 as 0/1) and store the result back with wrap-around
// (i1: nonzero is true), which gives two's-complement results and or/and
// for i1 add/multiply.
//
// Float ops compute in double and round once to the element type, so the
// results of f16, bf16 and f32 functions are correctly rounded but for the
// rarest ties: the oracle native code's ulp bounds are measured against
// (test/support/NumericsCompare.h).
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/InterpreterOps.h"
#include "compiler/reference/SpecialFunctions.h"

#include "llvm/ADT/TypeSwitch.h"
#include "llvm/ADT/bit.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace kiln {
namespace {

using hlo::ComparisonDirection;
using hlo::ComparisonType;

/// The smallest value of a signed integer element type (0 for the others,
/// where no quotient overflows).
int64_t minValueOf(ElementType type) {
  if (isFloat(type) || isUnsigned(type) || type == ElementType::I1)
    return 0;
  return static_cast<int64_t>(uint64_t(1) << (bitWidth(type) - 1));
}

/// Two's-complement arithmetic on int64 without signed overflow.
int64_t wrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) +
                              static_cast<uint64_t>(b));
}
int64_t wrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) -
                              static_cast<uint64_t>(b));
}
int64_t wrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) *
                              static_cast<uint64_t>(b));
}

// Floats compute in double and are rounded once to their type: exact for
// the IEEE operations of f32 and narrower (double has more than twice their
// precision), and correctly rounded but for the rarest ties for the
// functions libm computes in double. f64 functions are libm's.

template <class FloatFn, class IntFn>
HostTensor mapUnary(const HostTensor &x, FloatFn floatFn, IntFn intFn) {
  HostTensor result(x.elementType(), x.shape());
  bool floating = isFloat(x.elementType());
  for (int64_t i = 0; i < x.numElements(); ++i) {
    if (floating)
      result.setFromDouble(i, floatFn(x.getAsDouble(i)));
    else
      result.setFromInt(i, intFn(x.getAsInt(i)));
  }
  return result;
}

/// For ops defined on floats only.
template <class FloatFn> HostTensor mapFloat(const HostTensor &x, FloatFn fn) {
  return mapUnary(x, fn, [](int64_t v) { return v; });
}

/// A function computed by `fn` in double and rounded once.
HostTensor mapExact(const HostTensor &x, double (*fn)(double)) {
  return mapFloat(x, fn);
}

template <class FloatFn, class IntFn>
HostTensor mapBinary(const HostTensor &lhs, const HostTensor &rhs,
                     FloatFn floatFn, IntFn intFn) {
  HostTensor result(lhs.elementType(), lhs.shape());
  bool floating = isFloat(lhs.elementType());
  for (int64_t i = 0; i < lhs.numElements(); ++i) {
    if (floating)
      result.setFromDouble(i, floatFn(lhs.getAsDouble(i), rhs.getAsDouble(i)));
    else
      result.setFromInt(i, intFn(lhs.getAsInt(i), rhs.getAsInt(i)));
  }
  return result;
}

/// Integer order and division by the element type's signedness: unsigned
/// values (zero-extended by getAsInt, ui64 as its bits) compare and divide
/// as uint64, the others as int64.
struct IntegerKind {
  bool isUnsigned;
  explicit IntegerKind(ElementType type) : isUnsigned(kiln::isUnsigned(type)) {}
  bool less(int64_t a, int64_t b) const {
    return isUnsigned ? static_cast<uint64_t>(a) < static_cast<uint64_t>(b)
                      : a < b;
  }
  int64_t max(int64_t a, int64_t b) const { return less(a, b) ? b : a; }
  int64_t min(int64_t a, int64_t b) const { return less(b, a) ? b : a; }
};

/// base^exponent by squaring, wrapping; `exponent` is read by `kind`. A
/// negative exponent gives 0, except for base 1 (1) and base -1 (-1 for odd
/// exponents, 1 for even).
int64_t powerInt(int64_t base, int64_t exponent, IntegerKind kind) {
  if (!kind.isUnsigned && exponent < 0) {
    if (base == 1)
      return 1;
    if (base == -1)
      return exponent % 2 == 0 ? 1 : -1;
    return 0;
  }
  int64_t result = 1;
  for (uint64_t rest = static_cast<uint64_t>(exponent); rest != 0; rest >>= 1) {
    if (rest & 1)
      result = wrapMul(result, base);
    base = wrapMul(base, base);
  }
  return result;
}

/// Float bits mapped so that signed integer order is IEEE totalOrder (every
/// float type widens to double exactly, keeping the order).
int64_t totalOrderKey(double x) {
  int64_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  return bits < 0 ? bits ^ std::numeric_limits<int64_t>::max() : bits;
}

template <class T> bool compareValues(T a, T b, ComparisonDirection direction) {
  switch (direction) {
  case ComparisonDirection::EQ:
    return a == b;
  case ComparisonDirection::NE:
    return a != b;
  case ComparisonDirection::GE:
    return a >= b;
  case ComparisonDirection::GT:
    return a > b;
  case ComparisonDirection::LE:
    return a <= b;
  case ComparisonDirection::LT:
    return a < b;
  }
  return false;
}

/// `value`'s low `width` bits, unsigned.
uint64_t bitsOf(int64_t value, int width) {
  uint64_t bits = static_cast<uint64_t>(value);
  return width == 64 ? bits : bits & ((uint64_t(1) << width) - 1);
}

/// The low `width` bits of `value` read as a signed number.
int64_t signExtend(int64_t value, int width) {
  int unused = 64 - width;
  return static_cast<int64_t>(bitsOf(value, width) << unused) >> unused;
}

/// The element of `t` that element `i` of the result reads: a scalar `t`
/// broadcasts.
int64_t broadcastIndex(const HostTensor &t, int64_t i) {
  return t.rank() == 0 ? 0 : i;
}

} // namespace

// A NaN operand is the result, the first one when both are: the spec leaves
// the NaN open, and this is what LLVM's maximum and minimum (native code)
// return, so a total-order comparison or a bitcast of the result sees the
// same sign in both.
double maximumFloat(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) ? a : b;
  if (a == 0 && b == 0)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

double minimumFloat(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) ? a : b;
  if (a == 0 && b == 0)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

//===----------------------------------------------------------------------===//
// Unary
//===----------------------------------------------------------------------===//

namespace {

HostTensor absOp(const HostTensor &operand) {
  bool isUnsignedType = isUnsigned(operand.elementType());
  return mapUnary(
      operand, [](double x) { return std::fabs(x); },
      [isUnsignedType](int64_t x) {
        return x < 0 && !isUnsignedType ? wrapSub(0, x) : x;
      });
}

HostTensor negateOp(const HostTensor &operand) {
  return mapUnary(
      operand, [](double x) { return -x; },
      [](int64_t x) { return wrapSub(0, x); });
}

HostTensor signOp(const HostTensor &operand) {
  IntegerKind kind(operand.elementType());
  return mapUnary(
      operand,
      [](double x) -> double {
        // NaN and signed zeros are their own sign.
        if (std::isnan(x) || x == 0)
          return x;
        return x < 0 ? -1.0 : 1.0;
      },
      [kind](int64_t x) -> int64_t {
        return kind.less(0, x) - kind.less(x, 0);
      });
}

HostTensor exponentialOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::exp(x); });
}

HostTensor exponentialMinusOneOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::expm1(x); });
}

HostTensor logOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::log(x); });
}

HostTensor logPlusOneOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::log1p(x); });
}

HostTensor tanhOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::tanh(x); });
}

HostTensor logisticOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return 1.0 / (1.0 + std::exp(-x)); });
}

HostTensor sqrtOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::sqrt(x); });
}

HostTensor rsqrtOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return 1.0 / std::sqrt(x); });
}

HostTensor floorOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::floor(x); });
}

HostTensor ceilOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::ceil(x); });
}

HostTensor sineOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::sin(x); });
}

HostTensor cosineOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::cos(x); });
}

HostTensor erfOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::erf(x); });
}

HostTensor erfcOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::erfc(x); });
}

HostTensor asinOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::asin(x); });
}

HostTensor acosOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::acos(x); });
}

HostTensor atanOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::atan(x); });
}

HostTensor sinhOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::sinh(x); });
}

HostTensor coshOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::cosh(x); });
}

HostTensor asinhOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::asinh(x); });
}

HostTensor acoshOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::acosh(x); });
}

HostTensor atanhOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::atanh(x); });
}

HostTensor erfInvOp(const HostTensor &operand) {
  return mapExact(operand, reference::erfInverse);
}

HostTensor lgammaOp(const HostTensor &operand) {
  return mapExact(operand, reference::logGamma);
}

HostTensor digammaOp(const HostTensor &operand) {
  return mapExact(operand, reference::digamma);
}

HostTensor besselI1eOp(const HostTensor &operand) {
  return mapExact(operand, reference::besselI1e);
}

//===----------------------------------------------------------------------===//
// Binary
//===----------------------------------------------------------------------===//

HostTensor addOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, [](double a, double b) { return a + b; }, wrapAdd);
}

HostTensor subtractOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, [](double a, double b) { return a - b; }, wrapSub);
}

HostTensor multiplyOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, [](double a, double b) { return a * b; }, wrapMul);
}

HostTensor divideOp(const HostTensor &lhs, const HostTensor &rhs) {
  int64_t minValue = minValueOf(lhs.elementType());
  IntegerKind kind(lhs.elementType());
  return mapBinary(
      lhs, rhs, [](double a, double b) { return a / b; },
      [minValue, kind](int64_t a, int64_t b) -> int64_t {
        if (b == 0)
          return -1;
        if (kind.isUnsigned)
          return static_cast<int64_t>(static_cast<uint64_t>(a) /
                                      static_cast<uint64_t>(b));
        if (b == -1 && a == minValue)
          return minValue;
        return a / b;
      });
}

// and, or, xor, not: bit operations on the integer's two's complement; i1
// holds one bit, so it is the logical operation. The verifier admits no
// floats.

static double noFloat(double, double) {
  llvm_unreachable("bitwise op on a float");
}

HostTensor andOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, noFloat,
                   [](int64_t a, int64_t b) { return a & b; });
}

HostTensor orOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, noFloat,
                   [](int64_t a, int64_t b) { return a | b; });
}

HostTensor xorOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, noFloat,
                   [](int64_t a, int64_t b) { return a ^ b; });
}

HostTensor notOp(const HostTensor &operand) {
  bool isBool = operand.elementType() == ElementType::I1;
  return mapUnary(
      operand, [](double) -> double { llvm_unreachable("not of a float"); },
      [isBool](int64_t v) { return isBool ? 1 - v : ~v; });
}

// Shifts, popcnt and count_leading_zeros on the element's own width: a
// shift amount is read unsigned, and one of the width or more shifts every
// bit out (0, or the sign for the arithmetic right shift, which reads the
// top bit as a sign for unsigned types too).

HostTensor shiftLeftOp(const HostTensor &lhs, const HostTensor &rhs) {
  int width = bitWidth(lhs.elementType());
  return mapBinary(lhs, rhs, noFloat, [width](int64_t a, int64_t b) {
    uint64_t n = bitsOf(b, width);
    return n >= static_cast<uint64_t>(width)
               ? int64_t(0)
               : static_cast<int64_t>(static_cast<uint64_t>(a) << n);
  });
}

HostTensor shiftRightArithmeticOp(const HostTensor &lhs,
                                  const HostTensor &rhs) {
  int width = bitWidth(lhs.elementType());
  return mapBinary(lhs, rhs, noFloat, [width](int64_t a, int64_t b) {
    uint64_t n = bitsOf(b, width);
    return signExtend(a, width) >> std::min<uint64_t>(n, width - 1);
  });
}

HostTensor shiftRightLogicalOp(const HostTensor &lhs, const HostTensor &rhs) {
  int width = bitWidth(lhs.elementType());
  return mapBinary(lhs, rhs, noFloat, [width](int64_t a, int64_t b) {
    uint64_t n = bitsOf(b, width);
    return n >= static_cast<uint64_t>(width)
               ? int64_t(0)
               : static_cast<int64_t>(bitsOf(a, width) >> n);
  });
}

HostTensor popcntOp(const HostTensor &operand) {
  int width = bitWidth(operand.elementType());
  return mapUnary(
      operand, [](double) -> double { llvm_unreachable("popcnt of a float"); },
      [width](int64_t v) -> int64_t {
        return llvm::popcount(bitsOf(v, width));
      });
}

HostTensor countLeadingZerosOp(const HostTensor &operand) {
  int width = bitWidth(operand.elementType());
  return mapUnary(
      operand,
      [](double) -> double {
        llvm_unreachable("count_leading_zeros of a float");
      },
      [width](int64_t v) -> int64_t {
        return llvm::countl_zero(bitsOf(v, width)) - (64 - width);
      });
}

HostTensor maximumOp(const HostTensor &lhs, const HostTensor &rhs) {
  IntegerKind kind(lhs.elementType());
  return mapBinary(lhs, rhs, maximumFloat,
                   [kind](int64_t a, int64_t b) { return kind.max(a, b); });
}

HostTensor minimumOp(const HostTensor &lhs, const HostTensor &rhs) {
  IntegerKind kind(lhs.elementType());
  return mapBinary(lhs, rhs, minimumFloat,
                   [kind](int64_t a, int64_t b) { return kind.min(a, b); });
}

HostTensor powerOp(const HostTensor &lhs, const HostTensor &rhs) {
  IntegerKind kind(lhs.elementType());
  return mapBinary(
      lhs, rhs, [](double a, double b) { return std::pow(a, b); },
      [kind](int64_t a, int64_t b) { return powerInt(a, b, kind); });
}

HostTensor remainderOp(const HostTensor &lhs, const HostTensor &rhs) {
  int64_t minValue = minValueOf(lhs.elementType());
  IntegerKind kind(lhs.elementType());
  return mapBinary(
      lhs, rhs, [](double a, double b) { return std::fmod(a, b); },
      [minValue, kind](int64_t a, int64_t b) -> int64_t {
        if (b == 0)
          return a;
        if (kind.isUnsigned)
          return static_cast<int64_t>(static_cast<uint64_t>(a) %
                                      static_cast<uint64_t>(b));
        if (b == -1 && a == minValue)
          return 0;
        return a % b;
      });
}

HostTensor tanOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::tan(x); });
}

HostTensor cbrtOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::cbrt(x); });
}

/// Ties away from zero.
HostTensor roundNearestAfzOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::round(x); });
}

/// Ties to even (the default rounding mode).
HostTensor roundNearestEvenOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return std::nearbyint(x); });
}

/// An i1 tensor: neither infinite nor NaN.
HostTensor isFiniteOp(const HostTensor &operand) {
  HostTensor result(ElementType::I1, operand.shape());
  for (int64_t i = 0; i < operand.numElements(); ++i)
    result.dataAs<uint8_t>()[i] = std::isfinite(operand.getAsDouble(i));
  return result;
}

/// The value of lhs's type next to lhs toward rhs: the C library's for f32
/// and f64; f16 and bf16 step their bit patterns (sign and magnitude, so
/// one up in the bits is one value away from zero).
HostTensor nextAfterOp(const HostTensor &lhs, const HostTensor &rhs) {
  ElementType type = lhs.elementType();
  HostTensor result(type, lhs.shape());
  for (int64_t i = 0; i < lhs.numElements(); ++i) {
    double x = lhs.getAsDouble(i);
    double y = rhs.getAsDouble(i);
    if (type == ElementType::F64) {
      result.setFromDouble(i, std::nextafter(x, y));
    } else if (type == ElementType::F32) {
      result.setFromDouble(
          i, std::nextafterf(static_cast<float>(x), static_cast<float>(y)));
    } else if (std::isnan(x) || std::isnan(y) || x == y) {
      result.setFromDouble(i, std::isnan(x) ? x : y);
    } else {
      uint16_t bits = lhs.dataAs<uint16_t>()[i];
      if (x == 0)
        bits = (std::signbit(y) ? 0x8000 : 0) | 1;
      else
        bits += (x < y) == (x > 0) ? 1 : -1;
      result.dataAs<uint16_t>()[i] = bits;
    }
  }
  return result;
}

/// The angle of (rhs, lhs): C atan2, whose signed zeros and infinities
/// StableHLO follows.
HostTensor atan2Op(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(
      lhs, rhs, [](double y, double x) { return std::atan2(y, x); },
      [](int64_t, int64_t) -> int64_t { llvm_unreachable("atan2 of ints"); });
}

} // namespace

UnaryFunction unaryFunctionOf(mlir::Operation *op) {
  return llvm::TypeSwitch<mlir::Operation *, UnaryFunction>(op)
      .Case<hlo::AbsOp>([](auto) { return absOp; })
      .Case<hlo::NegOp>([](auto) { return negateOp; })
      .Case<hlo::SignOp>([](auto) { return signOp; })
      .Case<hlo::ExpOp>([](auto) { return exponentialOp; })
      .Case<hlo::Expm1Op>([](auto) { return exponentialMinusOneOp; })
      .Case<hlo::LogOp>([](auto) { return logOp; })
      .Case<hlo::Log1pOp>([](auto) { return logPlusOneOp; })
      .Case<hlo::TanhOp>([](auto) { return tanhOp; })
      .Case<hlo::LogisticOp>([](auto) { return logisticOp; })
      .Case<hlo::SqrtOp>([](auto) { return sqrtOp; })
      .Case<hlo::RsqrtOp>([](auto) { return rsqrtOp; })
      .Case<hlo::FloorOp>([](auto) { return floorOp; })
      .Case<hlo::CeilOp>([](auto) { return ceilOp; })
      .Case<hlo::SineOp>([](auto) { return sineOp; })
      .Case<hlo::CosineOp>([](auto) { return cosineOp; })
      .Case<hlo::ErfOp>([](auto) { return erfOp; })
      .Case<hlo::ErfcOp>([](auto) { return erfcOp; })
      .Case<hlo::ErfInvOp>([](auto) { return erfInvOp; })
      .Case<hlo::AsinOp>([](auto) { return asinOp; })
      .Case<hlo::AcosOp>([](auto) { return acosOp; })
      .Case<hlo::AtanOp>([](auto) { return atanOp; })
      .Case<hlo::SinhOp>([](auto) { return sinhOp; })
      .Case<hlo::CoshOp>([](auto) { return coshOp; })
      .Case<hlo::AsinhOp>([](auto) { return asinhOp; })
      .Case<hlo::AcoshOp>([](auto) { return acoshOp; })
      .Case<hlo::AtanhOp>([](auto) { return atanhOp; })
      .Case<hlo::LgammaOp>([](auto) { return lgammaOp; })
      .Case<hlo::DigammaOp>([](auto) { return digammaOp; })
      .Case<hlo::BesselI1eOp>([](auto) { return besselI1eOp; })
      .Case<hlo::TanOp>([](auto) { return tanOp; })
      .Case<hlo::CbrtOp>([](auto) { return cbrtOp; })
      .Case<hlo::RoundNearestAfzOp>([](auto) { return roundNearestAfzOp; })
      .Case<hlo::RoundNearestEvenOp>([](auto) { return roundNearestEvenOp; })
      .Case<hlo::IsFiniteOp>([](auto) { return isFiniteOp; })
      .Case<hlo::NotOp>([](auto) { return notOp; })
      .Case<hlo::PopulationCountOp>([](auto) { return popcntOp; })
      .Case<hlo::ClzOp>([](auto) { return countLeadingZerosOp; })
      .Default([](mlir::Operation *) { return nullptr; });
}

BinaryFunction binaryFunctionOf(mlir::Operation *op) {
  return llvm::TypeSwitch<mlir::Operation *, BinaryFunction>(op)
      .Case<hlo::AddOp>([](auto) { return addOp; })
      .Case<hlo::SubtractOp>([](auto) { return subtractOp; })
      .Case<hlo::MulOp>([](auto) { return multiplyOp; })
      .Case<hlo::DivOp>([](auto) { return divideOp; })
      .Case<hlo::MaxOp>([](auto) { return maximumOp; })
      .Case<hlo::MinOp>([](auto) { return minimumOp; })
      .Case<hlo::PowOp>([](auto) { return powerOp; })
      .Case<hlo::RemOp>([](auto) { return remainderOp; })
      .Case<hlo::Atan2Op>([](auto) { return atan2Op; })
      .Case<hlo::NextAfterOp>([](auto) { return nextAfterOp; })
      .Case<hlo::AndOp>([](auto) { return andOp; })
      .Case<hlo::OrOp>([](auto) { return orOp; })
      .Case<hlo::XorOp>([](auto) { return xorOp; })
      .Case<hlo::ShiftLeftOp>([](auto) { return shiftLeftOp; })
      .Case<hlo::ShiftRightArithmeticOp>(
          [](auto) { return shiftRightArithmeticOp; })
      .Case<hlo::ShiftRightLogicalOp>([](auto) { return shiftRightLogicalOp; })
      .Default([](mlir::Operation *) { return nullptr; });
}

//===----------------------------------------------------------------------===//
// Compare, select, clamp, convert
//===----------------------------------------------------------------------===//

HostTensor compareOp(const HostTensor &lhs, const HostTensor &rhs,
                     ComparisonDirection direction,
                     ComparisonType compareType) {
  ElementType type = lhs.elementType();
  if (isFloat(type)) {
    if (compareType != ComparisonType::TOTALORDER)
      compareType = ComparisonType::FLOAT;
  } else if (compareType != ComparisonType::SIGNED &&
             compareType != ComparisonType::UNSIGNED) {
    compareType = type == ElementType::I1 || isUnsigned(type)
                      ? ComparisonType::UNSIGNED
                      : ComparisonType::SIGNED;
  }

  int width = bitWidth(type);
  HostTensor result(ElementType::I1, lhs.shape());
  for (int64_t i = 0; i < lhs.numElements(); ++i) {
    bool value = false;
    switch (compareType) {
    case ComparisonType::FLOAT:
      value = compareValues(lhs.getAsDouble(i), rhs.getAsDouble(i), direction);
      break;
    case ComparisonType::TOTALORDER:
      value = compareValues(totalOrderKey(lhs.getAsDouble(i)),
                            totalOrderKey(rhs.getAsDouble(i)), direction);
      break;
    case ComparisonType::SIGNED:
    case ComparisonType::NOTYPE:
      value = compareValues(signExtend(lhs.getAsInt(i), width),
                            signExtend(rhs.getAsInt(i), width), direction);
      break;
    case ComparisonType::UNSIGNED:
      value = compareValues(bitsOf(lhs.getAsInt(i), width),
                            bitsOf(rhs.getAsInt(i), width), direction);
      break;
    }
    result.dataAs<uint8_t>()[i] = value;
  }
  return result;
}

HostTensor selectOp(const HostTensor &pred, const HostTensor &onTrue,
                    const HostTensor &onFalse) {
  HostTensor result(onTrue.elementType(), onTrue.shape());
  for (int64_t i = 0; i < result.numElements(); ++i) {
    bool choice = pred.dataAs<uint8_t>()[broadcastIndex(pred, i)] != 0;
    copyElement(choice ? onTrue : onFalse, i, result, i);
  }
  return result;
}

HostTensor clampOp(const HostTensor &min, const HostTensor &operand,
                   const HostTensor &max) {
  HostTensor result(operand.elementType(), operand.shape());
  IntegerKind kind(operand.elementType());
  for (int64_t i = 0; i < result.numElements(); ++i) {
    int64_t lo = broadcastIndex(min, i), hi = broadcastIndex(max, i);
    if (isFloat(operand.elementType())) {
      double x = maximumFloat(operand.getAsDouble(i), min.getAsDouble(lo));
      result.setFromDouble(i, minimumFloat(x, max.getAsDouble(hi)));
    } else {
      int64_t x = kind.max(operand.getAsInt(i), min.getAsInt(lo));
      result.setFromInt(i, kind.min(x, max.getAsInt(hi)));
    }
  }
  return result;
}

HostTensor reducePrecisionOp(const HostTensor &operand, int exponentBits,
                             int mantissaBits) {
  HostTensor result = operand;
  int width = bitWidth(operand.elementType());
  int sourceMantissa = width == 64                                 ? 52
                       : width == 32                               ? 23
                       : operand.elementType() == ElementType::F16 ? 10
                                                                   : 7;
  int sourceExponent = width - sourceMantissa - 1;
  auto bytes = static_cast<size_t>(width / 8);
  for (int64_t i = 0; i < operand.numElements(); ++i) {
    uint64_t bits = 0;
    std::memcpy(&bits, static_cast<const char *>(operand.data()) + i * bytes,
                bytes);
    uint64_t sign = bits & (uint64_t(1) << (width - 1));
    uint64_t magnitude = bits ^ sign;
    uint64_t exponentMask = ((uint64_t(1) << sourceExponent) - 1)
                            << sourceMantissa;
    bool isNaN = (magnitude & exponentMask) == exponentMask &&
                 (magnitude & ~exponentMask) != 0;
    if (mantissaBits < sourceMantissa) {
      // Round half to even at the new last mantissa bit: the bias is just
      // under half of the dropped part, plus the kept part's lowest bit.
      int dropped = sourceMantissa - mantissaBits;
      uint64_t keptLowest = (magnitude >> dropped) & 1;
      magnitude += (uint64_t(1) << (dropped - 1)) - 1 + keptLowest;
      magnitude &= ~((uint64_t(1) << dropped) - 1);
    }
    if (exponentBits < sourceExponent) {
      uint64_t bias = (uint64_t(1) << (sourceExponent - 1)) - 1;
      uint64_t reducedBias = (uint64_t(1) << (exponentBits - 1)) - 1;
      uint64_t exponent = (magnitude & exponentMask) >> sourceMantissa;
      if (exponent > bias + reducedBias)
        magnitude = exponentMask; // infinity
      else if (exponent <= bias - reducedBias)
        magnitude = 0; // below the smallest normal: zero
    }
    if (isNaN) // NaN stays NaN while a mantissa bit is left
      magnitude = mantissaBits > 0 ? bits ^ sign : exponentMask;
    bits = sign | magnitude;
    std::memcpy(static_cast<char *>(result.data()) + i * bytes, &bits, bytes);
  }
  return result;
}

HostTensor bitcastConvertOp(const HostTensor &operand, ElementType resultType) {
  HostTensor result(resultType, operand.shape());
  if (operand.sizeInBytes() != 0)
    std::memcpy(result.data(), operand.data(), operand.sizeInBytes());
  return result;
}

HostTensor convertOp(const HostTensor &operand, ElementType resultType) {
  HostTensor result(resultType, operand.shape());
  ElementType from = operand.elementType();
  for (int64_t i = 0; i < operand.numElements(); ++i) {
    if (resultType == ElementType::I1) {
      // NaN != 0, so NaN converts to true.
      bool nonzero = isFloat(from) ? operand.getAsDouble(i) != 0
                                   : operand.getAsInt(i) != 0;
      result.dataAs<uint8_t>()[i] = nonzero;
    } else if (isFloat(resultType)) {
      // One rounding from the source value: getAsDouble is exact for every
      // float and for integers up to 2^53; wider integers round twice
      // (through double) only for f16 and bf16.
      if (isFloat(from) || resultType != ElementType::F32)
        result.setFromDouble(i, operand.getAsDouble(i));
      else if (from == ElementType::UI64)
        result.dataAs<float>()[i] =
            static_cast<float>(static_cast<uint64_t>(operand.getAsInt(i)));
      else
        result.dataAs<float>()[i] = static_cast<float>(operand.getAsInt(i));
    } else if (isFloat(from)) {
      // setFromDouble truncates toward zero and saturates (NaN gives 0).
      result.setFromDouble(i, operand.getAsDouble(i));
    } else {
      // getAsInt extends by the source's signedness; setFromInt keeps the
      // low bits.
      result.setFromInt(i, operand.getAsInt(i));
    }
  }
  return result;
}

} // namespace kiln
