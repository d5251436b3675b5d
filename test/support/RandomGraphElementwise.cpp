//===- RandomGraphElementwise.cpp - Elementwise steps of the generator ---===//
//
// Unary, binary, compare/select and integer steps of the random graph
// generator.
//
//===----------------------------------------------------------------------===//

#include "test/support/RandomGraphGenerator.h"

namespace kiln::random_graph {

//===----------------------------------------------------------------------===//
// Elementwise steps
//===----------------------------------------------------------------------===//

bool Generator::unaryFloat() {
  std::optional<size_t> index =
      pickIndex([&](const Val &v) { return isType(v, f32); });
  if (!index)
    return false;
  Val x = use(*index);
  GraphValue xv = x.value;
  Val r;
  switch (rng.below(21)) {
  case 19: { // CHLO's inverse and hyperbolic functions, where slopes are mild
    Val inside = clampTo(x, 0.9);
    Val mild = clampTo(x, 3);
    Val atLeastTwo =
        make(builder.multiply(absPlusOne(x).value, scalar(2).value),
             2 * (x.bound + 1), false);
    switch (rng.below(8)) {
    case 0:
      r = make(builder.elementwise<hlo::AsinOp>({inside.value}), 1.2, false);
      break;
    case 1:
      r = make(builder.elementwise<hlo::AcosOp>({inside.value}), 2.7, false);
      break;
    case 2:
      r = make(builder.elementwise<hlo::AtanhOp>({inside.value}), 1.5, false);
      break;
    case 3:
      r = make(builder.elementwise<hlo::AtanOp>({xv}), 1.6, false);
      break;
    case 4:
      r = make(builder.elementwise<hlo::SinhOp>({mild.value}), 10.1, false);
      break;
    case 5:
      r = make(builder.elementwise<hlo::CoshOp>({mild.value}), 10.1, false);
      break;
    case 6:
      r = make(builder.elementwise<hlo::AsinhOp>({xv}), std::asinh(x.bound) + 1,
               false);
      break;
    default: // acosh's slope is unbounded at 1: its operand is at least 2
      r = make(builder.elementwise<hlo::AcoshOp>({atLeastTwo.value}),
               std::acosh(atLeastTwo.bound), false);
      break;
    }
    break;
  }
  case 20: { // CHLO's special functions, away from poles
    Val positive = absPlusOne(x);
    switch (rng.below(5)) {
    case 0:
      r = make(builder.elementwise<hlo::ErfcOp>({xv}), 2, false);
      break;
    case 1: // lgamma on [1, b + 1] lies in [-0.13, lgamma(b + 1)]
      r = make(builder.elementwise<hlo::LgammaOp>({positive.value}),
               std::lgamma(positive.bound) + 1, false);
      break;
    case 2: // digamma on [1, b + 1] lies in [-0.58, log(b + 1)]
      r = make(builder.elementwise<hlo::DigammaOp>({positive.value}),
               std::log(positive.bound) + 1, false);
      break;
    case 3:
      r = make(builder.elementwise<hlo::ErfInvOp>({clampTo(x, 0.9).value}), 1.2,
               false);
      break;
    default:
      r = make(builder.elementwise<hlo::BesselI1eOp>({xv}), 0.5, false);
      break;
    }
    break;
  }
  case 0:
    r = make(builder.abs(xv), x.bound, x.deterministic);
    break;
  case 15: // tan away from its poles
    r = make(builder.elementwise<hlo::TanOp>({clampTo(x, 1.2).value}), 3,
             false);
    break;
  case 16: // cbrt's slope is unbounded at 0: only exact operands go near it
    r = make(builder.elementwise<hlo::CbrtOp>(
                 {x.deterministic ? xv : absPlusOne(x).value}),
             std::cbrt(x.bound + 1), false);
    break;
  case 17: {
    Val y = operandLike(x.shape(), f32, false);
    if (!y || product(*broadcastShapes(x.shape(), y.shape())) > kMaxElements) {
      r = make(builder.negate(xv), x.bound, x.deterministic);
      break;
    }
    // x over |y| + 1 keeps atan2's slope at most 1, so that the rounding
    // noise of inexact operands is not amplified near the origin.
    r = make(builder.elementwise<hlo::Atan2Op>({xv, absPlusOne(y).value}), 3.2,
             false);
    break;
  }
  case 18: { // exact on an exact operand; scaled so that ties occur
    Val scaled = make(builder.multiply(xv, scalar(4).value), x.bound * 4,
                      x.deterministic);
    r = make(rng.chance(50)
                 ? builder.elementwise<hlo::RoundNearestAfzOp>({scaled.value})
                 : builder.elementwise<hlo::RoundNearestEvenOp>({scaled.value}),
             scaled.bound + 1, x.deterministic);
    break;
  }
  case 1:
    r = make(builder.negate(xv), x.bound, x.deterministic);
    break;
  case 2:
    r = make(builder.exp(clampTo(x, 4).value), std::exp(std::min(x.bound, 4.)),
             false);
    break;
  case 3:
    r = make(builder.expm1(clampTo(x, 3).value),
             std::exp(std::min(x.bound, 3.)), false);
    break;
  case 4:
    r = make(builder.log(absPlusOne(x).value), std::log(x.bound + 1), false);
    break;
  case 5:
    r = make(builder.log1p(make(builder.abs(xv), x.bound, false).value),
             std::log(x.bound + 1), false);
    break;
  case 6:
    r = make(builder.sqrt(absPlusOne(x).value), std::sqrt(x.bound + 1), false);
    break;
  case 7:
    r = make(builder.rsqrt(absPlusOne(x).value), 1, false);
    break;
  case 8:
    r = make(builder.tanh(xv), 1, false);
    break;
  case 9:
    r = make(builder.logistic(xv), 1, false);
    break;
  case 10:
    r = make(builder.erf(xv), 1, false);
    break;
  case 11:
    r = make(rng.chance(50) ? builder.sine(xv) : builder.cosine(xv), 1, false);
    break;
  default:
    // floor, ceil and sign jump: only where the operand is exact. The
    // operand is scaled by 4 first so that floor is not mostly -1 and 0.
    if (!x.deterministic) {
      r = make(builder.tanh(xv), 1, false);
      break;
    }
    Val scaled = make(builder.multiply(xv, scalar(4).value), x.bound * 4, true);
    if (rng.chance(35))
      r = make(builder.floor(scaled.value), scaled.bound + 1, true);
    else if (rng.chance(50))
      r = make(builder.ceil(scaled.value), scaled.bound + 1, true);
    else
      r = make(builder.sign(xv), 1, true);
    break;
  }
  push(normalize(r));
  return true;
}

bool Generator::binaryFloat() {
  std::optional<size_t> index =
      pickIndex([&](const Val &v) { return isType(v, f32); });
  if (!index)
    return false;
  Val x = use(*index);
  int op = rng.below(9);
  // remainder jumps where the dividend crosses a multiple of the divisor.
  Val y = operandLike(x.shape(), f32, /*needDeterministic=*/op == 8);
  if (!y)
    return false;
  if (product(*broadcastShapes(x.shape(), y.shape())) > kMaxElements)
    return false;
  if (rng.chance(50))
    std::swap(x, y);
  GraphValue xv = x.value, yv = y.value;
  Val r;
  switch (op) {
  case 0:
    r = make(builder.add(xv, yv), x.bound + y.bound, false);
    break;
  case 1:
    r = make(builder.subtract(xv, yv), x.bound + y.bound, false);
    break;
  case 2:
  case 3:
    r = make(builder.multiply(xv, yv), x.bound * y.bound, false);
    break;
  case 4:
    r = make(builder.divide(xv, absPlusOne(y).value), x.bound, false);
    break;
  case 5:
    r = make(builder.maximum(xv, yv), std::max(x.bound, y.bound),
             x.deterministic && y.deterministic);
    break;
  case 6:
    r = make(builder.minimum(xv, yv), std::max(x.bound, y.bound),
             x.deterministic && y.deterministic);
    break;
  case 7: {
    // pow(|x| + 1, clamp(y, -2, 2)) is in [(b+1)^-2, (b+1)^2].
    double base = x.bound + 1;
    r = make(builder.power(absPlusOne(x).value, clampTo(y, 2).value),
             base * base, false);
    break;
  }
  default:
    if (!x.deterministic) {
      r = make(builder.maximum(xv, yv), std::max(x.bound, y.bound), false);
      break;
    }
    r = make(builder.remainder(xv, absPlusOne(y).value), x.bound, true);
    break;
  }
  push(normalize(r));
  return true;
}

bool Generator::rawFloat() {
  // Unguarded ops on fresh inputs: NaN where the argument is negative, large
  // values where it is near 0. NaN compares equal to NaN, so these test that
  // every implementation makes NaN in the same places.
  Val x = parameter(randomShape(3), f32);
  if (!x)
    return false;
  Val r;
  switch (rng.below(4)) {
  case 0:
    r = make(builder.log(x.value), 17, false);
    break;
  case 1:
    r = make(builder.sqrt(x.value), 1, false);
    break;
  case 2:
    r = make(builder.rsqrt(x.value), 4096, false);
    break;
  default: {
    Val y = operandLike(x.shape(), f32, true);
    r = make(builder.divide(y.value, x.value), 1 << 24, false);
    break;
  }
  }
  push(normalize(r));
  return true;
}

bool Generator::specialFloats() {
  // Infinities and NaN mixed into an exact value: x / 0 is +-inf (NaN where
  // x is 0), (x - x) / 0 is NaN, chosen where x > 1/4; elsewhere x itself.
  // Every op on them gives IEEE's exact answer (inf + 1 = inf, inf - inf =
  // NaN, inf * 0 = NaN, tanh(inf) = 1) in any summation order, so native
  // code must put inf and NaN in the same places as the interpreter. The
  // bound stays x's: it speaks for the finite elements.
  std::optional<size_t> index = pickIndex(
      [&](const Val &v) { return isType(v, f32) && v.deterministic; });
  Val x = index ? use(*index) : parameter(randomShape(3), f32);
  if (!x)
    return false;
  Val dividend =
      rng.chance(70) ? x : make(builder.subtract(x.value, x.value), 0, true);
  Val special =
      make(builder.divide(dividend.value, scalar(0).value), INFINITY, true);
  Val where = make(builder.compare(hlo::ComparisonDirection::GT, x.value,
                                   scalar(0.25).value),
                   1, true);
  if (!dividend || !special || !where)
    return false;
  Val mixed =
      make(builder.select(where.value, special.value, x.value), x.bound, true);
  push(mixed);
  // Where the specials went, as an i1 value: is_finite is exact.
  if (mixed && rng.chance(30))
    push(make(builder.elementwise<hlo::IsFiniteOp>({mixed.value}), 1, true));
  return true;
}

bool Generator::compareSelect() {
  std::optional<size_t> index =
      pickIndex([&](const Val &v) { return isType(v, f32) || isType(v, i32); });
  if (!index)
    return false;
  Val a = pool[*index].val;
  Val pred;
  std::optional<size_t> predIndex =
      pickIndex([&](const Val &v) { return isType(v, i1); });
  if (predIndex && rng.chance(30)) {
    pred = use(*predIndex);
  } else if (rng.chance(10)) {
    pred = parameter(a.shape(), i1);
  } else {
    mlir::Type type = a.value.elementType();
    Val lhs = a.deterministic ? use(*index) : parameter(a.shape(), type);
    Val rhs = operandLike(lhs.shape(), type, /*needDeterministic=*/true);
    auto direction = rng.pick<hlo::ComparisonDirection>(
        {hlo::ComparisonDirection::EQ, hlo::ComparisonDirection::NE,
         hlo::ComparisonDirection::GE, hlo::ComparisonDirection::GT,
         hlo::ComparisonDirection::LE, hlo::ComparisonDirection::LT});
    std::optional<hlo::ComparisonType> compareType;
    if (type == f32 && rng.chance(20)) {
      compareType = hlo::ComparisonType::TOTALORDER;
      lhs = withoutNaN(lhs);
      rhs = withoutNaN(rhs);
    }
    pred = make(builder.compare(direction, lhs.value, rhs.value, compareType),
                1, true);
  }
  if (!pred)
    return false;
  if (rng.chance(15)) {
    // An i1 result or an i1 -> f32 convert, for the byte-per-element storage.
    if (rng.chance(50))
      push(pred);
    else
      push(make(builder.convert(pred.value, f32), 1, true));
    return true;
  }
  mlir::Type type = a.value.elementType();
  Val onTrue = use(*index);
  Val onFalse = operandLike(pred.shape(), type, false);
  auto joint = broadcastShapes(pred.shape(), onTrue.shape());
  if (!joint || !broadcastShapes(*joint, onFalse.shape()) ||
      product(*broadcastShapes(*joint, onFalse.shape())) > kMaxElements)
    return false;
  push(make(builder.select(pred.value, onTrue.value, onFalse.value),
            std::max(onTrue.bound, onFalse.bound),
            onTrue.deterministic && onFalse.deterministic));
  return true;
}

bool Generator::integerChain() {
  Val x;
  std::optional<size_t> index =
      pickIndex([&](const Val &v) { return isType(v, i32); });
  std::optional<size_t> det = pickIndex(
      [&](const Val &v) { return isType(v, f32) && v.deterministic; });
  if (index && rng.chance(50))
    x = use(*index);
  else if (det && rng.chance(60))
    x = toInt(use(*det));
  else
    x = parameter(randomShape(), i32);
  int64_t steps = rng.between(1, 3);
  for (int64_t s = 0; s < steps && x; ++s) {
    Val y = operandLike(x.shape(), i32, true);
    if (!y || product(*broadcastShapes(x.shape(), y.shape())) > kMaxElements)
      break;
    switch (rng.below(13)) {
    case 0:
      x = make(builder.add(x.value, y.value), x.bound + y.bound, true);
      break;
    case 1:
      x = make(builder.subtract(x.value, y.value), x.bound + y.bound, true);
      break;
    case 2:
      // Products stay small here; case 11 wraps on purpose.
      if (x.bound * y.bound < (1 << 24))
        x = make(builder.multiply(x.value, y.value), x.bound * y.bound, true);
      break;
    case 3: // Division by zero gives -1 (Kiln's rule).
      x = make(builder.divide(x.value, y.value), x.bound, true);
      break;
    case 4: // Remainder by zero gives the dividend.
      x = make(builder.remainder(x.value, y.value), x.bound, true);
      break;
    case 5:
      x = make(builder.maximum(x.value, y.value), std::max(x.bound, y.bound),
               true);
      break;
    case 6:
      x = make(builder.minimum(x.value, y.value), std::max(x.bound, y.bound),
               true);
      break;
    case 7: {
      // Base in [-2, 2], exponent in [-10, 10]: |result| <= 1024.
      Val base =
          make(builder.remainder(x.value, scalar(3, i32).value), 2, true);
      x = make(builder.power(base.value, y.value), 1024, true);
      break;
    }
    case 8:
      x = make(rng.chance(50) ? builder.abs(x.value) : builder.negate(x.value),
               x.bound, true);
      break;
    case 9: {
      // Bit operations stay within the next power of two of the operands.
      double bound = 2 * std::max(x.bound, y.bound) + 1;
      auto op = rng.pick<int>({0, 1, 2});
      x = make(op == 0   ? builder.bitwiseAnd(x.value, y.value)
               : op == 1 ? builder.bitwiseOr(x.value, y.value)
                         : builder.bitwiseXor(x.value, y.value),
               bound, true);
      break;
    }
    case 10: // ~x = -x - 1.
      x = make(builder.bitwiseNot(x.value), x.bound + 1, true);
      break;
    case 11: {
      // Overflow: i32 arithmetic wraps modulo 2^32, in native code as in
      // the interpreter. A multiply by a large odd constant scatters the
      // values over the whole range; adding INT32_MAX wraps the positive
      // ones to negative.
      x = make(rng.chance(50)
                   ? builder.multiply(x.value, scalar(1103515245, i32).value)
                   : builder.add(x.value, scalar(2147483647, i32).value),
               2147483648.0, true);
      break;
    }
    default:
      x = make(builder.sign(x.value), 1, true);
      break;
    }
  }
  if (!x)
    return false;
  if (rng.chance(40))
    push(x);
  else if (rng.chance(15))
    push(make(builder.convert(x.value, i1), 1, true));
  else
    push(normalize(make(builder.convert(x.value, f32), x.bound, true)));
  return true;
}

} // namespace kiln::random_graph
