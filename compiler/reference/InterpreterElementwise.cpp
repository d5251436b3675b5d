//===- InterpreterElementwise.cpp - Reference elementwise hlo ops ---------===//
//
// Integer ops compute on int64 values (i32 sign-extended, i1 as 0/1) and
// store the result back with wrap-around (i1: nonzero is true), which gives
// two's-complement results for i32 and or/and for i1 add/multiply.
//
// Transcendental functions of f32 are computed in double and rounded once
// (mapExact), so the interpreter's results are correctly rounded but for
// the rarest ties: the oracle native code's ulp bounds are measured
// against (test/support/NumericsCompare.h).
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/InterpreterOps.h"

#include "llvm/ADT/bit.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace kiln {
namespace {

using hlo::ComparisonDirection;
using hlo::ComparisonType;

/// The smallest value of an integer element type.
int64_t minValueOf(ElementType type) {
  switch (type) {
  case ElementType::I32:
    return std::numeric_limits<int32_t>::min();
  case ElementType::I64:
    return std::numeric_limits<int64_t>::min();
  default:
    return 0;
  }
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

template <class FloatFn, class IntFn>
HostTensor mapUnary(const HostTensor &x, FloatFn floatFn, IntFn intFn) {
  HostTensor result(x.elementType(), x.shape());
  for (int64_t i = 0; i < x.numElements(); ++i) {
    if (x.elementType() == ElementType::F32)
      result.dataAs<float>()[i] = floatFn(x.dataAs<float>()[i]);
    else
      result.setFromInt(i, intFn(x.getAsInt(i)));
  }
  return result;
}

/// For ops defined on f32 only.
template <class FloatFn> HostTensor mapFloat(const HostTensor &x, FloatFn fn) {
  return mapUnary(x, fn, [](int64_t v) { return v; });
}

/// An f32 function computed by `fn` in double and rounded once.
HostTensor mapExact(const HostTensor &x, double (*fn)(double)) {
  return mapFloat(x, [fn](float v) { return static_cast<float>(fn(v)); });
}

template <class FloatFn, class IntFn>
HostTensor mapBinary(const HostTensor &lhs, const HostTensor &rhs,
                     FloatFn floatFn, IntFn intFn) {
  HostTensor result(lhs.elementType(), lhs.shape());
  for (int64_t i = 0; i < lhs.numElements(); ++i) {
    if (lhs.elementType() == ElementType::F32)
      result.dataAs<float>()[i] =
          floatFn(lhs.dataAs<float>()[i], rhs.dataAs<float>()[i]);
    else
      result.setFromInt(i, intFn(lhs.getAsInt(i), rhs.getAsInt(i)));
  }
  return result;
}

int64_t powerInt(int64_t base, int64_t exponent) {
  if (exponent < 0) {
    if (base == 1)
      return 1;
    if (base == -1)
      return exponent % 2 == 0 ? 1 : -1;
    return 0;
  }
  int64_t result = 1;
  while (exponent > 0) {
    if (exponent & 1)
      result = wrapMul(result, base);
    base = wrapMul(base, base);
    exponent >>= 1;
  }
  return result;
}

/// f32 bits mapped so that signed integer order is IEEE totalOrder.
int32_t totalOrderKey(float x) {
  int32_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  return bits < 0 ? bits ^ std::numeric_limits<int32_t>::max() : bits;
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

/// The unsigned value of an integer element in its own width.
uint64_t unsignedValue(const HostTensor &t, int64_t i) {
  switch (t.elementType()) {
  case ElementType::I32:
    return static_cast<uint32_t>(t.dataAs<int32_t>()[i]);
  case ElementType::I64:
    return static_cast<uint64_t>(t.dataAs<int64_t>()[i]);
  default:
    return static_cast<uint64_t>(t.getAsInt(i));
  }
}

int64_t saturatingFloatToInt(float x, ElementType type) {
  if (std::isnan(x))
    return 0;
  double lowest =
      type == ElementType::I32
          ? std::numeric_limits<int32_t>::min()
          : static_cast<double>(std::numeric_limits<int64_t>::min());
  // 2^31 and 2^63 are exact in double; anything at or above is out of range.
  double limit =
      type == ElementType::I32 ? 2147483648.0 : 9223372036854775808.0;
  if (x <= lowest)
    return minValueOf(type);
  if (x >= limit)
    return type == ElementType::I32 ? std::numeric_limits<int32_t>::max()
                                    : std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(x);
}

/// The element of `t` that element `i` of the result reads: a scalar `t`
/// broadcasts.
int64_t broadcastIndex(const HostTensor &t, int64_t i) {
  return t.rank() == 0 ? 0 : i;
}

} // namespace

float maximumFloat(float a, float b) {
  if (std::isnan(a) || std::isnan(b))
    return std::numeric_limits<float>::quiet_NaN();
  if (a == 0 && b == 0)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

float minimumFloat(float a, float b) {
  if (std::isnan(a) || std::isnan(b))
    return std::numeric_limits<float>::quiet_NaN();
  if (a == 0 && b == 0)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

//===----------------------------------------------------------------------===//
// Unary
//===----------------------------------------------------------------------===//

HostTensor absOp(const HostTensor &operand) {
  return mapUnary(
      operand, [](float x) { return std::fabs(x); },
      [](int64_t x) { return x < 0 ? wrapSub(0, x) : x; });
}

HostTensor negateOp(const HostTensor &operand) {
  return mapUnary(
      operand, [](float x) { return -x; },
      [](int64_t x) { return wrapSub(0, x); });
}

HostTensor signOp(const HostTensor &operand) {
  return mapUnary(
      operand,
      [](float x) -> float {
        // NaN and signed zeros are their own sign.
        if (std::isnan(x) || x == 0)
          return x;
        return x < 0 ? -1.0f : 1.0f;
      },
      [](int64_t x) -> int64_t { return (x > 0) - (x < 0); });
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
  return mapFloat(operand, [](float x) { return std::sqrt(x); });
}

HostTensor rsqrtOp(const HostTensor &operand) {
  return mapExact(operand, [](double x) { return 1.0 / std::sqrt(x); });
}

HostTensor floorOp(const HostTensor &operand) {
  return mapFloat(operand, [](float x) { return std::floor(x); });
}

HostTensor ceilOp(const HostTensor &operand) {
  return mapFloat(operand, [](float x) { return std::ceil(x); });
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

//===----------------------------------------------------------------------===//
// Binary
//===----------------------------------------------------------------------===//

HostTensor addOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, [](float a, float b) { return a + b; }, wrapAdd);
}

HostTensor subtractOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, [](float a, float b) { return a - b; }, wrapSub);
}

HostTensor multiplyOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, [](float a, float b) { return a * b; }, wrapMul);
}

HostTensor divideOp(const HostTensor &lhs, const HostTensor &rhs) {
  int64_t minValue = minValueOf(lhs.elementType());
  return mapBinary(
      lhs, rhs, [](float a, float b) { return a / b; },
      [minValue](int64_t a, int64_t b) -> int64_t {
        if (b == 0)
          return -1;
        if (b == -1 && a == minValue)
          return minValue;
        return a / b;
      });
}

// and, or, xor, not: bit operations on the integer's two's complement; i1
// holds one bit, so it is the logical operation. The verifier admits no f32.

static float noFloat(float, float) { llvm_unreachable("bitwise op on f32"); }

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
      operand, [](float) -> float { llvm_unreachable("not of f32"); },
      [isBool](int64_t v) { return isBool ? 1 - v : ~v; });
}

// Shifts, popcnt and count_leading_zeros on the element's own width: a
// shift amount is read unsigned, and one of the width or more shifts every
// bit out (0, or the sign for the arithmetic right shift).

static int bitWidthOf(const HostTensor &tensor) {
  return tensor.elementType() == ElementType::I32 ? 32 : 64;
}

/// `value`'s low `width` bits, unsigned.
static uint64_t bitsOf(int64_t value, int width) {
  uint64_t bits = static_cast<uint64_t>(value);
  return width == 64 ? bits : bits & ((uint64_t(1) << width) - 1);
}

HostTensor shiftLeftOp(const HostTensor &lhs, const HostTensor &rhs) {
  int width = bitWidthOf(lhs);
  return mapBinary(lhs, rhs, noFloat, [width](int64_t a, int64_t b) {
    uint64_t n = bitsOf(b, width);
    return n >= static_cast<uint64_t>(width)
               ? int64_t(0)
               : static_cast<int64_t>(static_cast<uint64_t>(a) << n);
  });
}

HostTensor shiftRightArithmeticOp(const HostTensor &lhs,
                                  const HostTensor &rhs) {
  int width = bitWidthOf(lhs);
  return mapBinary(lhs, rhs, noFloat, [width](int64_t a, int64_t b) {
    uint64_t n = bitsOf(b, width);
    return a >> std::min<uint64_t>(n, width - 1);
  });
}

HostTensor shiftRightLogicalOp(const HostTensor &lhs, const HostTensor &rhs) {
  int width = bitWidthOf(lhs);
  return mapBinary(lhs, rhs, noFloat, [width](int64_t a, int64_t b) {
    uint64_t n = bitsOf(b, width);
    return n >= static_cast<uint64_t>(width)
               ? int64_t(0)
               : static_cast<int64_t>(bitsOf(a, width) >> n);
  });
}

HostTensor popcntOp(const HostTensor &operand) {
  int width = bitWidthOf(operand);
  return mapUnary(
      operand, [](float) -> float { llvm_unreachable("popcnt of f32"); },
      [width](int64_t v) -> int64_t {
        return llvm::popcount(bitsOf(v, width));
      });
}

HostTensor countLeadingZerosOp(const HostTensor &operand) {
  int width = bitWidthOf(operand);
  return mapUnary(
      operand,
      [](float) -> float { llvm_unreachable("count_leading_zeros of f32"); },
      [width](int64_t v) -> int64_t {
        return llvm::countl_zero(bitsOf(v, width)) - (64 - width);
      });
}

HostTensor maximumOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, maximumFloat,
                   [](int64_t a, int64_t b) { return std::max(a, b); });
}

HostTensor minimumOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(lhs, rhs, minimumFloat,
                   [](int64_t a, int64_t b) { return std::min(a, b); });
}

HostTensor powerOp(const HostTensor &lhs, const HostTensor &rhs) {
  return mapBinary(
      lhs, rhs,
      [](float a, float b) {
        return static_cast<float>(std::pow(double(a), double(b)));
      },
      powerInt);
}

HostTensor remainderOp(const HostTensor &lhs, const HostTensor &rhs) {
  int64_t minValue = minValueOf(lhs.elementType());
  return mapBinary(
      lhs, rhs, [](float a, float b) { return ::fmodf(a, b); },
      [minValue](int64_t a, int64_t b) -> int64_t {
        if (b == 0)
          return a;
        if (b == -1 && a == minValue)
          return 0;
        return a % b;
      });
}

//===----------------------------------------------------------------------===//
// Compare, select, clamp, convert
//===----------------------------------------------------------------------===//

HostTensor compareOp(const HostTensor &lhs, const HostTensor &rhs,
                     ComparisonDirection direction,
                     ComparisonType compareType) {
  ElementType type = lhs.elementType();
  if (type == ElementType::F32) {
    if (compareType != ComparisonType::TOTALORDER)
      compareType = ComparisonType::FLOAT;
  } else if (compareType != ComparisonType::SIGNED &&
             compareType != ComparisonType::UNSIGNED) {
    compareType = type == ElementType::I1 ? ComparisonType::UNSIGNED
                                          : ComparisonType::SIGNED;
  }

  HostTensor result(ElementType::I1, lhs.shape());
  for (int64_t i = 0; i < lhs.numElements(); ++i) {
    bool value = false;
    switch (compareType) {
    case ComparisonType::FLOAT:
      value = compareValues(lhs.dataAs<float>()[i], rhs.dataAs<float>()[i],
                            direction);
      break;
    case ComparisonType::TOTALORDER:
      value = compareValues(totalOrderKey(lhs.dataAs<float>()[i]),
                            totalOrderKey(rhs.dataAs<float>()[i]), direction);
      break;
    case ComparisonType::SIGNED:
    case ComparisonType::NOTYPE:
      value = compareValues(lhs.getAsInt(i), rhs.getAsInt(i), direction);
      break;
    case ComparisonType::UNSIGNED:
      value = compareValues(unsignedValue(lhs, i), unsignedValue(rhs, i),
                            direction);
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
  for (int64_t i = 0; i < result.numElements(); ++i) {
    int64_t lo = broadcastIndex(min, i), hi = broadcastIndex(max, i);
    if (operand.elementType() == ElementType::F32) {
      float x =
          maximumFloat(operand.dataAs<float>()[i], min.dataAs<float>()[lo]);
      result.dataAs<float>()[i] = minimumFloat(x, max.dataAs<float>()[hi]);
    } else {
      int64_t x = std::max(operand.getAsInt(i), min.getAsInt(lo));
      result.setFromInt(i, std::min(x, max.getAsInt(hi)));
    }
  }
  return result;
}

HostTensor convertOp(const HostTensor &operand, ElementType resultType) {
  HostTensor result(resultType, operand.shape());
  bool fromFloat = operand.elementType() == ElementType::F32;
  for (int64_t i = 0; i < operand.numElements(); ++i) {
    if (resultType == ElementType::I1) {
      // NaN != 0, so NaN converts to true.
      bool nonzero = fromFloat ? operand.dataAs<float>()[i] != 0
                               : operand.getAsInt(i) != 0;
      result.dataAs<uint8_t>()[i] = nonzero;
    } else if (resultType == ElementType::F32) {
      result.dataAs<float>()[i] = fromFloat
                                      ? operand.dataAs<float>()[i]
                                      : static_cast<float>(operand.getAsInt(i));
    } else if (fromFloat) {
      result.setFromInt(
          i, saturatingFloatToInt(operand.dataAs<float>()[i], resultType));
    } else {
      result.setFromInt(i, operand.getAsInt(i));
    }
  }
  return result;
}

} // namespace kiln
