//===- HloFolders.cpp - Constant folding and exact identities of hlo ops --===//
//
// fold() of every hlo op with hasFolder. Folding computes what Kiln's
// interpreter computes (the edge cases are fixed in the project's semantics:
// integer division by zero gives -1, and so on), and leaves an op alone where
// C++ would have undefined behaviour (signed overflow) or where the result
// would be a new non-splat constant above kMaxFoldedConstantBytes.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/BufferSize.h"
#include "dialects/hlo/HloDialect.h"

#include "mlir/Dialect/CommonFolders.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/IR/TypeUtilities.h"

#include <cmath>

using namespace mlir;
using namespace kiln::hlo;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Whether a new non-splat constant of `type` may be materialized: Kiln keeps
/// one byte per i1 on the host, so every element counts whole bytes.
bool fitsFoldBudget(ShapedType type) {
  return kiln::bufferBytes(type) <= kMaxFoldedConstantBytes;
}

/// Whether folding `operands` elementwise into `resultType` stays in budget:
/// splat operands give a splat result, which is always fine.
bool mayFoldElementwise(ArrayRef<Attribute> operands, ShapedType resultType) {
  bool allSplat = llvm::all_of(operands, [](Attribute attr) {
    auto dense = llvm::dyn_cast_if_present<DenseElementsAttr>(attr);
    return dense && dense.isSplat();
  });
  return allSplat || fitsFoldBudget(resultType);
}

/// Whether the value folds below compute on elements of `type` as Kiln does:
/// they model f32 and signed integers (and i1). Values of the other types
/// (f16, bf16, f64, unsigned integers) are left to run.
bool foldsValuesOf(Type type) {
  Type element = getElementTypeOrSelf(type);
  return element.isF32() || element.isSignlessInteger();
}

/// Applies `fn` (In -> std::optional<Out>) to each element of a constant;
/// fails if any application does.
template <typename In, typename Out, typename Fn>
Attribute mapElements(Attribute operand, ShapedType resultType, Fn fn) {
  auto attr = llvm::dyn_cast_if_present<DenseElementsAttr>(operand);
  if (!attr || !mayFoldElementwise(operand, resultType) ||
      !foldsValuesOf(attr.getType()) || !foldsValuesOf(resultType))
    return {};
  if (attr.isSplat()) {
    std::optional<Out> value = fn(attr.getSplatValue<In>());
    if (!value)
      return {};
    return DenseElementsAttr::get(resultType, ArrayRef<Out>(*value));
  }
  SmallVector<Out> values;
  for (In element : attr.getValues<In>()) {
    std::optional<Out> value = fn(element);
    if (!value)
      return {};
    values.push_back(*value);
  }
  return DenseElementsAttr::get(resultType, values);
}

/// The splat value of a constant operand, if it is one.
template <typename T> std::optional<T> getSplat(Attribute attr) {
  auto dense = llvm::dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!dense || !dense.isSplat())
    return std::nullopt;
  return dense.getSplatValue<T>();
}

bool isSplatInt(Attribute attr, int64_t value) {
  auto dense = llvm::dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!dense || !dense.isSplat() ||
      !llvm::isa<IntegerType>(dense.getElementType()))
    return false;
  APInt splat = dense.getSplatValue<APInt>();
  // i1 true is 1 here, not the -1 its bit pattern reads as signed.
  if (splat.getBitWidth() == 1)
    return splat.getZExtValue() == static_cast<uint64_t>(value);
  return splat.getSExtValue() == value;
}

/// A float splat equal to `value`, bit for bit (so -0.0 differs from 0.0).
bool isSplatFloat(Attribute attr, float value) {
  std::optional<APFloat> splat = getSplat<APFloat>(attr);
  return splat && splat->bitwiseIsEqual(APFloat(value));
}

bool isFloat(Type type) {
  return llvm::isa<FloatType>(getElementTypeOrSelf(type));
}

using FloatFn = float (*)(float);

/// Folds a float unary op computed in single precision like the runtime.
Attribute foldFloatUnary(Attribute operand, Type type, FloatFn fn) {
  return mapElements<APFloat, APFloat>(
      operand, llvm::cast<ShapedType>(type),
      [&](const APFloat &x) -> std::optional<APFloat> {
        return APFloat(fn(x.convertToFloat()));
      });
}

/// Folds an integer unary op; `fn` returns nullopt where C++ would overflow.
template <typename Fn>
Attribute foldIntUnary(Attribute operand, Type type, Fn fn) {
  return mapElements<APInt, APInt>(operand, llvm::cast<ShapedType>(type), fn);
}

/// Folds a binary op on two constants of one float or integer type.
template <typename FloatFn2, typename IntFn2>
Attribute foldBinary(ArrayRef<Attribute> operands, Type type, FloatFn2 onFloat,
                     IntFn2 onInt) {
  auto shaped = llvm::cast<ShapedType>(type);
  if (!mayFoldElementwise(operands, shaped) || !foldsValuesOf(type))
    return {};
  if (isFloat(type))
    return constFoldBinaryOpConditional<FloatAttr>(
        operands, type,
        [&](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
          return APFloat(onFloat(a.convertToFloat(), b.convertToFloat()));
        });
  return constFoldBinaryOpConditional<IntegerAttr>(operands, type, onInt);
}

} // namespace

//===----------------------------------------------------------------------===//
// Unary elementwise ops
//===----------------------------------------------------------------------===//

OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  if (isFloat(getType()))
    return foldFloatUnary(adaptor.getOperand(), getType(),
                          [](float x) { return std::fabs(x); });
  return foldIntUnary(adaptor.getOperand(), getType(),
                      [](const APInt &x) -> std::optional<APInt> {
                        if (x.isMinSignedValue()) // |INT_MIN| overflows.
                          return std::nullopt;
                        return x.abs();
                      });
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  if (isFloat(getType()))
    return foldFloatUnary(adaptor.getOperand(), getType(),
                          [](float x) { return -x; });
  return foldIntUnary(adaptor.getOperand(), getType(),
                      [](const APInt &x) -> std::optional<APInt> {
                        if (x.isMinSignedValue()) // -INT_MIN overflows.
                          return std::nullopt;
                        return -x;
                      });
}

OpFoldResult SignOp::fold(FoldAdaptor adaptor) {
  if (isFloat(getType()))
    return foldFloatUnary(adaptor.getOperand(), getType(), [](float x) {
      // NaN and both zeros are their own sign.
      if (std::isnan(x) || x == 0.0f)
        return x;
      return x < 0.0f ? -1.0f : 1.0f;
    });
  return foldIntUnary(adaptor.getOperand(), getType(),
                      [](const APInt &x) -> std::optional<APInt> {
                        int64_t sign = x.isNegative() ? -1 : x.isZero() ? 0 : 1;
                        return APInt(x.getBitWidth(), sign, /*isSigned=*/true);
                      });
}

OpFoldResult NotOp::fold(FoldAdaptor adaptor) {
  return foldIntUnary(
      adaptor.getOperand(), getType(),
      [](const APInt &x) -> std::optional<APInt> { return ~x; });
}

OpFoldResult PopulationCountOp::fold(FoldAdaptor adaptor) {
  return foldIntUnary(adaptor.getOperand(), getType(),
                      [](const APInt &x) -> std::optional<APInt> {
                        return APInt(x.getBitWidth(), x.popcount());
                      });
}

OpFoldResult ClzOp::fold(FoldAdaptor adaptor) {
  return foldIntUnary(adaptor.getOperand(), getType(),
                      [](const APInt &x) -> std::optional<APInt> {
                        return APInt(x.getBitWidth(), x.countl_zero());
                      });
}

#define KILN_FOLD_FLOAT_UNARY(Op, expr)                                        \
  OpFoldResult Op::fold(FoldAdaptor adaptor) {                                 \
    return foldFloatUnary(adaptor.getOperand(), getType(),                     \
                          [](float x) -> float { return expr; });              \
  }

KILN_FOLD_FLOAT_UNARY(ExpOp, std::exp(x))
KILN_FOLD_FLOAT_UNARY(Expm1Op, std::expm1(x))
KILN_FOLD_FLOAT_UNARY(LogOp, std::log(x))
KILN_FOLD_FLOAT_UNARY(Log1pOp, std::log1p(x))
KILN_FOLD_FLOAT_UNARY(TanhOp, std::tanh(x))
KILN_FOLD_FLOAT_UNARY(LogisticOp, 1.0f / (1.0f + std::exp(-x)))
KILN_FOLD_FLOAT_UNARY(SqrtOp, std::sqrt(x))
KILN_FOLD_FLOAT_UNARY(RsqrtOp, 1.0f / std::sqrt(x))
KILN_FOLD_FLOAT_UNARY(FloorOp, std::floor(x))
KILN_FOLD_FLOAT_UNARY(CeilOp, std::ceil(x))
KILN_FOLD_FLOAT_UNARY(SineOp, std::sin(x))
KILN_FOLD_FLOAT_UNARY(CosineOp, std::cos(x))
KILN_FOLD_FLOAT_UNARY(ErfOp, std::erf(x))

#undef KILN_FOLD_FLOAT_UNARY

//===----------------------------------------------------------------------===//
// Binary elementwise ops
//===----------------------------------------------------------------------===//

// Constants sit on the right of commutative ops by the time these run (the
// IsCommutative trait folder moves them), so identities test the rhs only.

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  // x + 0 is exact for integers (and i1, where add is or); for floats only
  // x + -0.0 is, since -0.0 + 0.0 = +0.0.
  if (isFloat(getType()) ? isSplatFloat(adaptor.getRhs(), -0.0f)
                         : isSplatInt(adaptor.getRhs(), 0))
    return getLhs();
  bool isBool = getType().getElementType().isInteger(1);
  return foldBinary(
      adaptor.getOperands(), getType(), [](float a, float b) { return a + b; },
      [&](const APInt &a, const APInt &b) -> std::optional<APInt> {
        if (isBool)
          return a | b;
        bool overflow;
        APInt sum = a.sadd_ov(b, overflow);
        return overflow ? std::nullopt : std::optional<APInt>(sum);
      });
}

OpFoldResult SubtractOp::fold(FoldAdaptor adaptor) {
  // x - 0 and x - (+0.0) are exact.
  if (isFloat(getType()) ? isSplatFloat(adaptor.getRhs(), 0.0f)
                         : isSplatInt(adaptor.getRhs(), 0))
    return getLhs();
  return foldBinary(
      adaptor.getOperands(), getType(), [](float a, float b) { return a - b; },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        bool overflow;
        APInt difference = a.ssub_ov(b, overflow);
        return overflow ? std::nullopt : std::optional<APInt>(difference);
      });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  // x * 1 is exact for floats as well as integers (and i1, where it is and).
  if (isFloat(getType()) ? isSplatFloat(adaptor.getRhs(), 1.0f)
                         : isSplatInt(adaptor.getRhs(), 1))
    return getLhs();
  bool isBool = getType().getElementType().isInteger(1);
  return foldBinary(
      adaptor.getOperands(), getType(), [](float a, float b) { return a * b; },
      [&](const APInt &a, const APInt &b) -> std::optional<APInt> {
        if (isBool)
          return a & b;
        bool overflow;
        APInt product = a.smul_ov(b, overflow);
        return overflow ? std::nullopt : std::optional<APInt>(product);
      });
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (isFloat(getType()) ? isSplatFloat(adaptor.getRhs(), 1.0f)
                         : isSplatInt(adaptor.getRhs(), 1))
    return getLhs();
  return foldBinary(
      adaptor.getOperands(), getType(), [](float a, float b) { return a / b; },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        // Kiln's (XLA's) answers where C++ has none.
        if (b.isZero())
          return APInt::getAllOnes(a.getBitWidth());
        if (a.isMinSignedValue() && b.isAllOnes())
          return a;
        return a.sdiv(b);
      });
}

OpFoldResult RemOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getOperands(), getType(),
      [](float a, float b) { return std::fmod(a, b); },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        if (b.isZero())
          return a;
        if (a.isMinSignedValue() && b.isAllOnes())
          return APInt::getZero(a.getBitWidth());
        return a.srem(b);
      });
}

/// and, or, xor: the same bit operation on every integer type (i1 holds one
/// bit, so it is the logical one); never on floats (HLO_IntTensor).
#define KILN_FOLD_BITWISE(Op, expr)                                            \
  OpFoldResult Op::fold(FoldAdaptor adaptor) {                                 \
    return foldBinary(                                                         \
        adaptor.getOperands(), getType(), [](float, float) { return 0.0f; },   \
        [](const APInt &a, const APInt &b) -> std::optional<APInt> {           \
          return expr;                                                         \
        });                                                                    \
  }

KILN_FOLD_BITWISE(AndOp, a &b)
KILN_FOLD_BITWISE(OrOp, a | b)
KILN_FOLD_BITWISE(XorOp, a ^ b)

#undef KILN_FOLD_BITWISE

/// The shift amount `amount` (read unsigned) when it is below the width of
/// `value`, else nothing: the shifts' out-of-range case.
static std::optional<unsigned> shiftAmount(const APInt &value,
                                           const APInt &amount) {
  if (amount.uge(value.getBitWidth()))
    return std::nullopt;
  return static_cast<unsigned>(amount.getZExtValue());
}

OpFoldResult ShiftLeftOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getOperands(), getType(), [](float, float) { return 0.0f; },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        std::optional<unsigned> n = shiftAmount(a, b);
        return n ? a.shl(*n) : APInt::getZero(a.getBitWidth());
      });
}

OpFoldResult ShiftRightArithmeticOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getOperands(), getType(), [](float, float) { return 0.0f; },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        std::optional<unsigned> n = shiftAmount(a, b);
        return a.ashr(n ? *n : a.getBitWidth() - 1);
      });
}

OpFoldResult ShiftRightLogicalOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getOperands(), getType(), [](float, float) { return 0.0f; },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        std::optional<unsigned> n = shiftAmount(a, b);
        return n ? a.lshr(*n) : APInt::getZero(a.getBitWidth());
      });
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  bool isBool = getType().getElementType().isInteger(1);
  return foldBinary(
      adaptor.getOperands(), getType(),
      [](float a, float b) {
        return llvm::maximum(APFloat(a), APFloat(b)).convertToFloat();
      },
      [&](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return isBool ? a | b : llvm::APIntOps::smax(a, b);
      });
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  bool isBool = getType().getElementType().isInteger(1);
  return foldBinary(
      adaptor.getOperands(), getType(),
      [](float a, float b) {
        return llvm::minimum(APFloat(a), APFloat(b)).convertToFloat();
      },
      [&](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return isBool ? a & b : llvm::APIntOps::smin(a, b);
      });
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      adaptor.getOperands(), getType(),
      [](float a, float b) { return std::pow(a, b); },
      [](const APInt &base, const APInt &exponent) -> std::optional<APInt> {
        unsigned width = base.getBitWidth();
        if (exponent.isNegative()) {
          if (base.isOne())
            return base;
          if (base.isAllOnes()) // -1 to an odd power is -1, to an even one 1.
            return exponent[0] ? base : APInt(width, 1);
          return APInt::getZero(width);
        }
        // Exponentiation by squaring; give up where C++ would overflow.
        APInt result(width, 1), square = base, rest = exponent;
        while (!rest.isZero()) {
          bool overflow = false;
          if (rest[0])
            result = result.smul_ov(square, overflow);
          if (overflow)
            return std::nullopt;
          rest.lshrInPlace(1);
          if (!rest.isZero())
            square = square.smul_ov(square, overflow);
          if (overflow)
            return std::nullopt;
        }
        return result;
      });
}

//===----------------------------------------------------------------------===//
// Compare, select, convert
//===----------------------------------------------------------------------===//

namespace {

bool applyDirection(ComparisonDirection direction, int order) {
  switch (direction) {
  case ComparisonDirection::EQ:
    return order == 0;
  case ComparisonDirection::NE:
    return order != 0;
  case ComparisonDirection::GE:
    return order >= 0;
  case ComparisonDirection::GT:
    return order > 0;
  case ComparisonDirection::LE:
    return order <= 0;
  case ComparisonDirection::LT:
    return order < 0;
  }
  return false;
}

/// IEEE totalOrder as a signed integer key: negative floats have the bits
/// below the sign flipped so that larger magnitudes order lower.
int32_t totalOrderKey(const APFloat &x) {
  auto bits = static_cast<int32_t>(x.bitcastToAPInt().getZExtValue());
  return bits < 0 ? bits ^ 0x7fffffff : bits;
}

bool compareFloats(const APFloat &a, const APFloat &b,
                   ComparisonDirection direction, bool totalOrder) {
  if (totalOrder) {
    int32_t ka = totalOrderKey(a), kb = totalOrderKey(b);
    return applyDirection(direction, ka < kb ? -1 : ka > kb ? 1 : 0);
  }
  // IEEE: every comparison with NaN is false except NE.
  APFloat::cmpResult result = a.compare(b);
  if (result == APFloat::cmpUnordered)
    return direction == ComparisonDirection::NE;
  return applyDirection(direction, result == APFloat::cmpLessThan      ? -1
                                   : result == APFloat::cmpGreaterThan ? 1
                                                                       : 0);
}

bool compareInts(const APInt &a, const APInt &b, ComparisonDirection direction,
                 bool isUnsigned) {
  int order = isUnsigned ? (a.ult(b)   ? -1
                            : a.ugt(b) ? 1
                                       : 0)
                         : (a.slt(b)   ? -1
                            : a.sgt(b) ? 1
                                       : 0);
  return applyDirection(direction, order);
}

} // namespace

OpFoldResult CompareOp::fold(FoldAdaptor adaptor) {
  ComparisonDirection direction = getComparisonDirection();
  Type element = getLhs().getType().getElementType();
  ComparisonType type = getCompareType().value_or(ComparisonType::NOTYPE);
  auto resultType = llvm::cast<ShapedType>(getType());
  // x compared with itself is known for integers (a float may be NaN).
  if (getLhs() == getRhs() && !isFloat(element)) {
    bool value = applyDirection(direction, /*order=*/0);
    return DenseElementsAttr::get(resultType, ArrayRef<bool>(value));
  }

  auto lhs = llvm::dyn_cast_if_present<DenseElementsAttr>(adaptor.getLhs());
  auto rhs = llvm::dyn_cast_if_present<DenseElementsAttr>(adaptor.getRhs());
  if (!lhs || !rhs || !mayFoldElementwise({lhs, rhs}, resultType) ||
      !foldsValuesOf(element))
    return {};
  bool isUnsigned = type == ComparisonType::UNSIGNED || element.isInteger(1);
  auto compareAt = [&](int64_t i) {
    if (isFloat(element))
      return compareFloats(lhs.getValues<APFloat>()[i],
                           rhs.getValues<APFloat>()[i], direction,
                           type == ComparisonType::TOTALORDER);
    return compareInts(lhs.getValues<APInt>()[i], rhs.getValues<APInt>()[i],
                       direction, isUnsigned);
  };
  if (lhs.isSplat() && rhs.isSplat()) {
    bool value = compareAt(0);
    return DenseElementsAttr::get(resultType, ArrayRef<bool>(value));
  }
  SmallVector<bool> values;
  for (int64_t i = 0, e = resultType.getNumElements(); i < e; ++i)
    values.push_back(compareAt(i));
  return DenseElementsAttr::get(resultType, values);
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  if (getOnTrue() == getOnFalse())
    return getOnTrue();
  if (std::optional<APInt> pred = getSplat<APInt>(adaptor.getPred()))
    return pred->isZero() ? getOnFalse() : getOnTrue();
  return {};
}

namespace {

/// f32 -> integer: truncate toward zero, saturate, NaN -> 0.
APInt floatToInt(const APFloat &value, unsigned width) {
  double x = value.convertToFloat();
  if (std::isnan(x))
    return APInt::getZero(width);
  double limit = std::ldexp(1.0, width - 1); // 2^(width-1), exact in double
  if (x >= limit)
    return APInt::getSignedMaxValue(width);
  if (x < -limit)
    return APInt::getSignedMinValue(width);
  return APInt(width, static_cast<int64_t>(std::trunc(x)), /*isSigned=*/true);
}

} // namespace

OpFoldResult ConvertOp::fold(FoldAdaptor adaptor) {
  if (getOperand().getType() == getType())
    return getOperand();
  Type from = getOperand().getType().getElementType();
  Type to = getType().getElementType();
  auto resultType = llvm::cast<ShapedType>(getType());
  if (isFloat(from)) {
    if (to.isInteger(1)) // NaN != 0, so NaN converts to true.
      return mapElements<APFloat, APInt>(
          adaptor.getOperand(), resultType,
          [](const APFloat &x) -> std::optional<APInt> {
            return APInt(1, !x.isZero());
          });
    unsigned width = to.getIntOrFloatBitWidth();
    return mapElements<APFloat, APInt>(
        adaptor.getOperand(), resultType,
        [&](const APFloat &x) -> std::optional<APInt> {
          return floatToInt(x, width);
        });
  }
  // From an integer; i1 is 0 or 1, other integers are signed.
  bool isSigned = !from.isInteger(1);
  if (isFloat(to))
    return mapElements<APInt, APFloat>(
        adaptor.getOperand(), resultType,
        [&](const APInt &x) -> std::optional<APFloat> {
          APFloat result(APFloat::IEEEsingle());
          result.convertFromAPInt(x, isSigned, APFloat::rmNearestTiesToEven);
          return result;
        });
  unsigned width = to.getIntOrFloatBitWidth();
  return mapElements<APInt, APInt>(adaptor.getOperand(), resultType,
                                   [&](const APInt &x) -> std::optional<APInt> {
                                     if (width == 1)
                                       return APInt(1, !x.isZero());
                                     // Wider: extend by signedness; narrower:
                                     // keep the low bits.
                                     return isSigned ? x.sextOrTrunc(width)
                                                     : x.zextOrTrunc(width);
                                   });
}

//===----------------------------------------------------------------------===//
// Constants and shape ops
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

namespace {

/// The splat constant `attr` given the shape of `type`, if it is a splat.
Attribute resizeIfSplat(Attribute attr, Type type) {
  auto dense = llvm::dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!dense || !dense.isSplat())
    return {};
  return dense.resizeSplat(llvm::cast<ShapedType>(type));
}

/// Row-major strides of `shape`.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// A new constant of `resultType` whose element at each result index is the
/// operand's element at `sourceIndex(resultIndex)`; null when over budget.
template <typename IndexFn>
Attribute gatherElements(Attribute operand, ShapedType resultType,
                         IndexFn sourceIndex) {
  auto dense = llvm::dyn_cast_if_present<DenseElementsAttr>(operand);
  if (!dense || !fitsFoldBudget(resultType))
    return {};
  auto values = llvm::to_vector(dense.getValues<Attribute>());
  ArrayRef<int64_t> shape = resultType.getShape();
  SmallVector<Attribute> result;
  SmallVector<int64_t> index(shape.size(), 0);
  for (int64_t i = 0, e = resultType.getNumElements(); i < e; ++i) {
    result.push_back(values[sourceIndex(index)]);
    // Advance the multi-index in row-major order.
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return DenseElementsAttr::get(resultType, result);
}

} // namespace

OpFoldResult BroadcastInDimOp::fold(FoldAdaptor adaptor) {
  ArrayRef<int64_t> dims = getBroadcastDimensions();
  if (getOperand().getType() == getType() &&
      llvm::equal(dims, llvm::seq<int64_t>(0, dims.size())))
    return getOperand();
  return resizeIfSplat(adaptor.getOperand(), getType());
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getOperand().getType() == getType())
    return getOperand();
  if (Attribute splat = resizeIfSplat(adaptor.getOperand(), getType()))
    return splat;
  auto dense =
      llvm::dyn_cast_if_present<DenseElementsAttr>(adaptor.getOperand());
  if (!dense || !fitsFoldBudget(getType()))
    return {};
  return dense.reshape(getType());
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  ArrayRef<int64_t> permutation = getPermutation();
  if (llvm::equal(permutation, llvm::seq<int64_t>(0, permutation.size())))
    return getOperand();
  if (Attribute splat = resizeIfSplat(adaptor.getOperand(), getType()))
    return splat;
  SmallVector<int64_t> strides = stridesOf(getOperand().getType().getShape());
  return gatherElements(adaptor.getOperand(), getType(),
                        [&](ArrayRef<int64_t> index) {
                          int64_t source = 0;
                          for (auto [d, i] : llvm::enumerate(index))
                            source += i * strides[permutation[d]];
                          return source;
                        });
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  if (getOperand().getType() == getType())
    return getOperand(); // Same shape: a full-range slice with unit strides.
  if (Attribute splat = resizeIfSplat(adaptor.getOperand(), getType()))
    return splat;
  ArrayRef<int64_t> start = getStartIndices();
  ArrayRef<int64_t> steps = getStrides();
  SmallVector<int64_t> strides = stridesOf(getOperand().getType().getShape());
  return gatherElements(adaptor.getOperand(), getType(),
                        [&](ArrayRef<int64_t> index) {
                          int64_t source = 0;
                          for (auto [d, i] : llvm::enumerate(index))
                            source += (start[d] + i * steps[d]) * strides[d];
                          return source;
                        });
}

OpFoldResult ConcatenateOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1)
    return getInputs().front();
  return {};
}

LogicalResult
OptimizationBarrierOp::fold(FoldAdaptor,
                            SmallVectorImpl<OpFoldResult> &results) {
  // Kiln moves no work across a barrier in a way that changes a value
  // (docs/dialect.md), so the results are the operands.
  llvm::append_range(results, getOperand());
  return success();
}
