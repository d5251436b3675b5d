//===- ErrorBounds.cpp - Each op's rule for carrying error bounds ---------===//
//
// The rules of ErrorBounds.h, op by op. Bounds are f64 tensors. Elementwise
// ops carry their operands' bounds by the op's change over the box of
// perturbed operands; sums (reduce, reduce_window, scatter, dot_general,
// convolution) by summing the bounds as the sum does, plus gamma_n times
// the sum of the magnitudes for the order; data movement ops move the
// bounds as they move the data. An op that rounds nothing and has no
// smooth dependence on its operands (integer arithmetic, sort, bitcasts)
// is exact when its operands are and unknown otherwise.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/ErrorBounds.h"

#include "compiler/reference/InterpreterOps.h"
#include "dialects/hlo/HloDialect.h"

#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <cmath>

using namespace mlir;

namespace kiln {
namespace {

using Tensors = std::vector<HostTensor>;
constexpr double kUnknown = INFINITY;

HostTensor filled(const std::vector<int64_t> &shape, double value) {
  HostTensor tensor(ElementType::F64, shape);
  for (int64_t i = 0; i < tensor.numElements(); ++i)
    tensor.setFromDouble(i, value);
  return tensor;
}

/// `t`'s elements, each through `fn`, as an f64 tensor.
template <class Fn> HostTensor mapToF64(const HostTensor &t, Fn fn) {
  HostTensor result(ElementType::F64, t.shape());
  for (int64_t i = 0; i < t.numElements(); ++i)
    result.setFromDouble(i, fn(t.getAsDouble(i), i));
  return result;
}

HostTensor absOf(const HostTensor &t) {
  return mapToF64(t, [](double x, int64_t) { return std::fabs(x); });
}

/// x + sign * bound, element by element (a corner of the operand's box).
HostTensor shifted(const HostTensor &x, const HostTensor &bound, double sign) {
  return mapToF64(
      x, [&](double v, int64_t i) { return v + sign * bound.getAsDouble(i); });
}

HostTensor sumOf(const HostTensor &a, const HostTensor &b) {
  return mapToF64(a, [&](double v, int64_t i) { return v + b.getAsDouble(i); });
}

bool allExact(ArrayRef<HostTensor> bounds) {
  return llvm::all_of(bounds, isExactBound);
}

/// Results that are exact when every operand is, else unknown: what an op
/// with no smooth dependence on its operands can promise.
Tensors exactOrUnknown(ArrayRef<HostTensor> operandBounds,
                       ArrayRef<HostTensor> results) {
  double bound = allExact(operandBounds) ? 0 : kUnknown;
  Tensors bounds;
  for (const HostTensor &result : results)
    bounds.push_back(filled(result.shape(), bound));
  return bounds;
}

/// The element of a scalar or full-shaped operand that element `i` of the
/// result reads.
double at(const HostTensor &t, int64_t i) {
  return t.getAsDouble(t.numElements() == 1 ? 0 : i);
}

bool isNarrowFloat(ElementType type) {
  return type == ElementType::F16 || type == ElementType::BF16;
}

/// The accumulator type of a sum of `type`: f16 and bf16 sum in f32.
ElementType accumulatorOf(ElementType type) {
  return isNarrowFloat(type) ? ElementType::F32 : type;
}

/// Whether compiled code may fuse multiply `op` into an FMA: an add or
/// subtract (or a sum) uses it, directly or through ops that only negate
/// or move elements, which a fused kernel computes in one expression.
bool mayFuseIntoFma(Operation *op, int depth = 0) {
  if (depth > 8)
    return true;
  for (Operation *user : op->getUsers()) {
    if (isa<hlo::AddOp, hlo::SubtractOp, hlo::ReduceOp, hlo::ReduceWindowOp>(
            user))
      return true;
    if (isa<hlo::NegOp, hlo::BroadcastInDimOp, hlo::ReshapeOp, hlo::TransposeOp,
            hlo::SliceOp, hlo::ReverseOp, hlo::ConcatenateOp, hlo::PadOp,
            hlo::SelectOp, hlo::DynamicSliceOp, hlo::GatherOp>(user) &&
        mayFuseIntoFma(user, depth + 1))
      return true;
  }
  return false;
}

/// The rounding an elementwise `op` may add to its result `y` of `type`,
/// with operands exact or not.
double ownRounding(Operation *op, ElementType type, double y,
                   bool exactOperands) {
  if (!std::isfinite(y))
    return exactOperands ? 0 : kUnknown;
  double ulp = unitInLastPlace(type, y);
  double ulps = mathUlpBound(op->getName().stripDialect());
  if (ulps > 0.5) {
    // A function Kiln approximates: f64 calls libm as the interpreter does;
    // f16 and bf16 round Kiln's f32 value, the interpreter's double.
    if (type == ElementType::F64)
      return exactOperands ? 0 : ulp;
    if (type == ElementType::F32)
      return (ulps + 0.5) * ulp;
    return ulp + (ulps + 0.5) * unitInLastPlace(ElementType::F32, y);
  }
  // Correctly rounded: the same operands give the same result, but for a
  // multiply that an FMA keeps unrounded.
  if (exactOperands)
    return isa<hlo::MulOp>(op) && mayFuseIntoFma(op) ? 0.5 * ulp : 0;
  return ulp;
}

/// Ops whose result is the exact function of the operands, so the op adds
/// no rounding of its own.
bool isExactOp(Operation *op) {
  return isa<hlo::AbsOp, hlo::NegOp, hlo::MaxOp, hlo::MinOp, hlo::RemOp>(op);
}

/// Ops that step between flat pieces (the step functions), whose result
/// is certain only when the operand's interval lies on one piece.
bool isStepOp(Operation *op) {
  return isa<hlo::FloorOp, hlo::CeilOp, hlo::RoundNearestEvenOp,
             hlo::RoundNearestAfzOp, hlo::SignOp, hlo::IsFiniteOp>(op);
}

/// Whether [x - e, x + e] reaches a pole or a branch point of unary `op`
/// that endpoint evaluation would step over.
bool crossesPole(Operation *op, double x, double e) {
  if (isa<hlo::TanOp>(op))
    return std::floor((x - e) / M_PI + 0.5) != std::floor((x + e) / M_PI + 0.5);
  if (isa<hlo::LgammaOp, hlo::DigammaOp>(op))
    return x - e <= 0 && std::floor(x - e) != std::floor(x + e);
  return false;
}

/// Elementwise ops of one operand. The change over [x - e, x + e] is taken
/// at the interval's ends: the largest for a function monotonic over it,
/// and for a smooth one with its extremum inside too, since the interval is
/// centred on x (near the extremum the change grows with the distance).
Tensors unaryBounds(Operation *op, UnaryFunction fn, const HostTensor &x,
                    const HostTensor &e, const HostTensor &y) {
  ElementType type = y.elementType();
  if (!isFloat(x.elementType()))
    return exactOrUnknown({e}, {y});
  bool exact = isExactBound(e);
  HostTensor bound(ElementType::F64, y.shape());
  HostTensor mid = fn(mapToF64(x, [](double v, int64_t) { return v; }));
  HostTensor low = exact ? mid : fn(shifted(x, e, -1));
  HostTensor high = exact ? mid : fn(shifted(x, e, +1));
  for (int64_t i = 0; i < y.numElements(); ++i) {
    double ei = e.getAsDouble(i), xi = x.getAsDouble(i);
    if (ei == 0) {
      bound.setFromDouble(
          i, isFloat(type) ? ownRounding(op, type, y.getAsDouble(i), true) : 0);
      continue;
    }
    double m = mid.getAsDouble(i), lo = low.getAsDouble(i),
           hi = high.getAsDouble(i);
    if (!std::isfinite(xi) || std::isinf(ei)) {
      bound.setFromDouble(i, kUnknown);
    } else if (isStepOp(op)) {
      bound.setFromDouble(i, lo == m && hi == m ? 0 : kUnknown);
    } else if (isa<hlo::SineOp, hlo::CosineOp>(op)) {
      // 1-Lipschitz: no interval is too wide.
      bound.setFromDouble(i,
                          std::min(ei, 2.0) +
                              ownRounding(op, type, y.getAsDouble(i), false));
    } else {
      double change = std::max(std::fabs(hi - m), std::fabs(lo - m));
      if (!std::isfinite(change) || crossesPole(op, xi, ei))
        change = kUnknown;
      double own =
          isExactOp(op) ? 0 : ownRounding(op, type, y.getAsDouble(i), false);
      bound.setFromDouble(i, change + own);
    }
  }
  return {bound};
}

/// Whether the box of binary `op`'s operands holds a point where the
/// function is not separately monotonic or not finite.
bool boxHasSingularity(Operation *op, double a, double ea, double b,
                       double eb) {
  if (isa<hlo::DivOp>(op))
    return std::fabs(b) <= eb;
  if (isa<hlo::PowOp>(op))
    return a - ea <= 0;
  if (isa<hlo::Atan2Op>(op))
    return std::fabs(a) <= ea && b - eb <= 0;
  return false;
}

/// Elementwise ops of two operands.
Tensors binaryBounds(Operation *op, BinaryFunction fn, const HostTensor &a,
                     const HostTensor &ea, const HostTensor &b,
                     const HostTensor &eb, const HostTensor &y) {
  ElementType type = y.elementType();
  if (!isFloat(type))
    return exactOrUnknown({ea, eb}, {y});
  bool exact = isExactBound(ea) && isExactBound(eb);
  // Division, power and atan2 take their change at the box's corners, which
  // holds the extremes of a function monotonic in each operand apart.
  bool corners = isa<hlo::DivOp, hlo::PowOp, hlo::Atan2Op>(op);
  Tensors cornerValues;
  HostTensor mid;
  if (corners && !exact) {
    mid = fn(mapToF64(a, [](double v, int64_t) { return v; }),
             mapToF64(b, [](double v, int64_t) { return v; }));
    for (double sa : {-1.0, 1.0})
      for (double sb : {-1.0, 1.0})
        cornerValues.push_back(fn(shifted(a, ea, sa), shifted(b, eb, sb)));
  }
  HostTensor bound(ElementType::F64, y.shape());
  for (int64_t i = 0; i < y.numElements(); ++i) {
    double av = a.getAsDouble(i), bv = b.getAsDouble(i);
    double eai = ea.getAsDouble(i), ebi = eb.getAsDouble(i);
    double yi = y.getAsDouble(i);
    bool exactHere = eai == 0 && ebi == 0;
    if (exactHere) {
      bound.setFromDouble(i,
                          isExactOp(op) ? 0 : ownRounding(op, type, yi, true));
      continue;
    }
    if (!std::isfinite(av) || !std::isfinite(bv) || std::isinf(eai) ||
        std::isinf(ebi)) {
      bound.setFromDouble(i, kUnknown);
      continue;
    }
    double change;
    if (isa<hlo::AddOp, hlo::SubtractOp>(op)) {
      change = eai + ebi;
    } else if (isa<hlo::MulOp>(op)) {
      change = std::fabs(av) * ebi + std::fabs(bv) * eai + eai * ebi;
    } else if (isa<hlo::MaxOp, hlo::MinOp>(op)) {
      change = std::max(eai, ebi);
    } else if (isa<hlo::RemOp>(op)) {
      // a - n b for the quotient n the whole box truncates to.
      double q1 = std::trunc((av - eai) / (bv - ebi));
      double q2 = std::trunc((av + eai) / (bv + ebi));
      double q3 = std::trunc((av - eai) / (bv + ebi));
      double q4 = std::trunc((av + eai) / (bv - ebi));
      bool sameQuotient = std::fabs(bv) > ebi && q1 == q2 && q2 == q3 &&
                          q3 == q4 && q1 == std::trunc(av / bv);
      change = sameQuotient ? eai + std::fabs(q1) * ebi : kUnknown;
    } else if (corners) {
      change = 0;
      for (const HostTensor &corner : cornerValues)
        change = std::max(
            change, std::fabs(corner.getAsDouble(i) - mid.getAsDouble(i)));
      if (!std::isfinite(change) || boxHasSingularity(op, av, eai, bv, ebi))
        change = kUnknown;
    } else {
      change = kUnknown; // nextafter and the bitwise ops.
    }
    double own = isExactOp(op) ? 0 : ownRounding(op, type, yi, false);
    bound.setFromDouble(i, change + own);
  }
  return {bound};
}

/// compare: certain where the operands' intervals do not meet.
Tensors compareBounds(const HostTensor &a, const HostTensor &ea,
                      const HostTensor &b, const HostTensor &eb,
                      const HostTensor &y) {
  HostTensor bound(ElementType::F64, y.shape());
  for (int64_t i = 0; i < y.numElements(); ++i) {
    double eai = ea.getAsDouble(i), ebi = eb.getAsDouble(i);
    if (eai == 0 && ebi == 0)
      continue;
    double av = a.getAsDouble(i), bv = b.getAsDouble(i);
    bool apart = std::isfinite(av) && std::isfinite(bv) &&
                 std::fabs(av - bv) > eai + ebi;
    bound.setFromDouble(i, apart ? 0 : kUnknown);
  }
  return {bound};
}

/// select: each element takes its branch's bound when the predicate is
/// exact there; otherwise either branch may be taken.
Tensors selectBounds(ArrayRef<HostTensor> operands, ArrayRef<HostTensor> bounds,
                     const HostTensor &y) {
  HostTensor bound(ElementType::F64, y.shape());
  for (int64_t i = 0; i < y.numElements(); ++i) {
    double et = at(bounds[1], i), ef = at(bounds[2], i);
    double value;
    if (at(bounds[0], i) == 0)
      value = at(operands[0], i) != 0 ? et : ef;
    else
      value =
          std::max(et, ef) + std::fabs(at(operands[1], i) - at(operands[2], i));
    bound.setFromDouble(i, value);
  }
  return {bound};
}

/// convert: between floats the bound plus one rounding; to an integer the
/// truncation must land on one value over the interval.
Tensors convertBounds(const HostTensor &x, const HostTensor &e,
                      const HostTensor &y) {
  ElementType to = y.elementType();
  if (!isFloat(x.elementType()) || isExactBound(e))
    return exactOrUnknown({e}, {y});
  HostTensor bound(ElementType::F64, y.shape());
  HostTensor low = convertOp(shifted(x, e, -1), to);
  HostTensor high = convertOp(shifted(x, e, +1), to);
  for (int64_t i = 0; i < y.numElements(); ++i) {
    double xi = x.getAsDouble(i), ei = e.getAsDouble(i);
    double value;
    if (ei == 0)
      value = 0;
    else if (!std::isfinite(xi) || std::isinf(ei))
      value = kUnknown;
    else if (isFloat(to))
      value = ei + unitInLastPlace(to, y.getAsDouble(i));
    else if (to == ElementType::I1) // x != 0 is not monotonic.
      value = std::fabs(xi) > ei ? 0 : kUnknown;
    else
      value =
          low.getAsInt(i) == y.getAsInt(i) && high.getAsInt(i) == y.getAsInt(i)
              ? 0
              : kUnknown;
    bound.setFromDouble(i, value);
  }
  return {bound};
}

/// A rank-0 f64 tensor.
HostTensor scalarF64(double value) { return filled({}, value); }

/// Bodies that fold f64 bounds and magnitudes.
llvm::Expected<Tensors> addBody(ArrayRef<HostTensor> args) {
  return Tensors{scalarF64(args[0].getAsDouble(0) + args[1].getAsDouble(0))};
}
llvm::Expected<Tensors> multiplyBody(ArrayRef<HostTensor> args) {
  return Tensors{scalarF64(args[0].getAsDouble(0) * args[1].getAsDouble(0))};
}
llvm::Expected<Tensors> maxBody(ArrayRef<HostTensor> args) {
  return Tensors{
      scalarF64(std::max(args[0].getAsDouble(0), args[1].getAsDouble(0)))};
}
llvm::Expected<Tensors> replaceBody(ArrayRef<HostTensor> args) {
  return Tensors{args[1]};
}

/// An op's own fold (reduceOp, reduceWindowOp, scatterOp) over other f64
/// tensors in the places of its two folded operands (inputs and inits, or
/// a scatter's inputs and updates), with another body.
using Fold = llvm::function_ref<llvm::Expected<Tensors>(
    const HostTensor &, const HostTensor &, ReduceBody)>;

/// The bound of a fold of `terms` values from x and c (`fold`'s two
/// operands) whose body is one `combiner`, which the interpreter computes
/// step by step in the type (or exactly, `interpreterExact`).
llvm::Expected<Tensors> foldBounds(Operation *combiner, Fold fold,
                                   const HostTensor &x, const HostTensor &ex,
                                   const HostTensor &c, const HostTensor &ec,
                                   const HostTensor &y, int64_t terms,
                                   bool interpreterExact) {
  ElementType type = y.elementType();
  if (isa<hlo::MaxOp, hlo::MinOp>(combiner))
    return fold(ex, ec, maxBody);
  bool isSum = isa<hlo::AddOp>(combiner);
  if (!isSum && !isa<hlo::MulOp>(combiner))
    return exactOrUnknown({ex, ec}, {y});
  llvm::Expected<Tensors> magnitude =
      isSum ? fold(absOf(x), absOf(c), addBody)
            : fold(sumOf(absOf(x), ex), sumOf(absOf(c), ec), multiplyBody);
  if (!magnitude)
    return magnitude.takeError();
  // A sum carries the sum of the bounds; a product, the product of the
  // magnitudes plus bounds less the product of the magnitudes.
  llvm::Expected<Tensors> carried =
      isSum ? fold(ex, ec, addBody) : fold(absOf(x), absOf(c), multiplyBody);
  if (!carried)
    return carried.takeError();
  const HostTensor &big = magnitude->front();
  double gamma = sumErrorFactor(terms, accumulatorOf(type));
  HostTensor bound(ElementType::F64, y.shape());
  for (int64_t i = 0; i < y.numElements(); ++i) {
    double yi = y.getAsDouble(i), m = big.getAsDouble(i);
    double change = isSum ? carried->front().getAsDouble(i)
                          : m - carried->front().getAsDouble(i);
    double own = interpreterExact
                     ? gamma * (m + change) + 0.5 * unitInLastPlace(type, yi)
                     : gamma * (2 * m + change);
    if (isNarrowFloat(type))
      own += unitInLastPlace(type, yi);
    bound.setFromDouble(i, std::isfinite(yi) ? change + own
                           : change == 0     ? 0
                                             : kUnknown);
  }
  return Tensors{bound};
}

/// The one combiner of a fold of one float input, or null.
Operation *floatCombiner(Region &body, size_t inputs,
                         const HostTensor &result) {
  if (inputs != 1 || !isFloat(result.elementType()))
    return nullptr;
  return hlo::binaryCombiner(body);
}

llvm::Expected<Tensors> reduceBounds(hlo::ReduceOp op,
                                     ArrayRef<HostTensor> operands,
                                     ArrayRef<HostTensor> bounds,
                                     ArrayRef<HostTensor> results) {
  Operation *combiner =
      floatCombiner(op.getBody(), op.getInputs().size(), results[0]);
  if (!combiner)
    return exactOrUnknown(bounds, results);
  ArrayRef<int64_t> dims = op.getDimensions();
  int64_t terms = 1;
  for (int64_t d : dims)
    terms *= operands[0].shape()[d];
  auto fold = [&](const HostTensor &in, const HostTensor &init,
                  ReduceBody body) {
    return reduceOp({in}, {init}, dims, body);
  };
  return foldBounds(combiner, fold, operands[0], bounds[0], operands[1],
                    bounds[1], results[0], terms, hlo::isPlainF32Sum(op));
}

llvm::Expected<Tensors> reduceWindowBounds(hlo::ReduceWindowOp op,
                                           ArrayRef<HostTensor> operands,
                                           ArrayRef<HostTensor> bounds,
                                           ArrayRef<HostTensor> results) {
  Operation *combiner =
      floatCombiner(op.getBody(), op.getInputs().size(), results[0]);
  if (!combiner)
    return exactOrUnknown(bounds, results);
  WindowConfig config = windowConfigOf(op);
  int64_t terms = 1;
  for (int64_t d : config.windowDimensions)
    terms *= d;
  auto fold = [&](const HostTensor &in, const HostTensor &init,
                  ReduceBody body) {
    return reduceWindowOp({in}, {init}, config, body);
  };
  return foldBounds(combiner, fold, operands[0], bounds[0], operands[1],
                    bounds[1], results[0], terms,
                    /*interpreterExact=*/false);
}

llvm::Expected<Tensors> scatterBounds(hlo::ScatterOp op,
                                      ArrayRef<HostTensor> operands,
                                      ArrayRef<HostTensor> bounds,
                                      ArrayRef<HostTensor> results) {
  if (op.getInputs().size() != 1 || !isExactBound(bounds[1]) ||
      !isFloat(results[0].elementType()))
    return exactOrUnknown(bounds, results);
  ScatterConfig config = scatterConfigOf(op);
  auto fold = [&](const HostTensor &in, const HostTensor &updates,
                  ReduceBody body) {
    return scatterOp({in}, operands[1], {updates}, config, body);
  };
  Block &body = op.getUpdateComputation().front();
  if (body.without_terminator().empty() &&
      body.getTerminator()->getOperand(0) == body.getArgument(1))
    return fold(bounds[0], bounds[2], replaceBody);
  Operation *combiner = hlo::binaryCombiner(op.getUpdateComputation());
  if (!combiner)
    return exactOrUnknown(bounds, results);
  // Every update may land on one element.
  return foldBounds(combiner, fold, operands[0], bounds[0], operands[2],
                    bounds[2], results[0], operands[2].numElements(),
                    /*interpreterExact=*/false);
}

/// dot_general and convolution: `contract(lhs, rhs)` is the op on other
/// f64 operands, each result element a sum of `terms` products.
using Contract =
    llvm::function_ref<HostTensor(const HostTensor &, const HostTensor &)>;

Tensors contractionBounds(Contract contract, ArrayRef<HostTensor> operands,
                          ArrayRef<HostTensor> bounds, const HostTensor &y,
                          int64_t terms) {
  ElementType type = y.elementType();
  if (!isFloat(type))
    return exactOrUnknown(bounds, {y});
  HostTensor absLhs = absOf(operands[0]), absRhs = absOf(operands[1]);
  HostTensor magnitude = contract(absLhs, absRhs);
  HostTensor carried = filled(y.shape(), 0);
  bool lhsExact = isExactBound(bounds[0]), rhsExact = isExactBound(bounds[1]);
  if (!lhsExact)
    carried = sumOf(carried, contract(bounds[0], absRhs));
  if (!rhsExact)
    carried = sumOf(carried, contract(absLhs, bounds[1]));
  if (!lhsExact && !rhsExact)
    carried = sumOf(carried, contract(bounds[0], bounds[1]));
  // The interpreter sums in order and compiled code in any: each is within
  // gamma_n of the exact sum.
  double gamma = sumErrorFactor(terms, accumulatorOf(type));
  HostTensor bound(ElementType::F64, y.shape());
  for (int64_t i = 0; i < y.numElements(); ++i) {
    double yi = y.getAsDouble(i), change = carried.getAsDouble(i);
    double own = gamma * (2 * magnitude.getAsDouble(i) + change);
    if (isNarrowFloat(type))
      own += unitInLastPlace(type, yi);
    bound.setFromDouble(i, std::isfinite(yi) ? change + own
                           : change == 0     ? 0
                                             : kUnknown);
  }
  return {bound};
}

/// Ops that move or pick their data's elements: the op itself moves the
/// bounds. `isData(i)` says which operands are data; the others are
/// indices, which must be exact.
llvm::Expected<Tensors> movedBounds(ArrayRef<HostTensor> operands,
                                    ArrayRef<HostTensor> bounds,
                                    ArrayRef<HostTensor> results, ApplyOp apply,
                                    llvm::function_ref<bool(size_t)> isData) {
  Tensors substituted;
  for (size_t i = 0; i < operands.size(); ++i) {
    if (isData(i)) {
      substituted.push_back(bounds[i]);
      continue;
    }
    if (!isExactBound(bounds[i]))
      return exactOrUnknown({bounds[i]}, results);
    substituted.push_back(operands[i]);
  }
  return apply(substituted);
}

llvm::Expected<Tensors> boundsByRule(Operation *op,
                                     ArrayRef<HostTensor> operands,
                                     ArrayRef<HostTensor> bounds,
                                     ArrayRef<HostTensor> results,
                                     ApplyOp apply) {
  if (UnaryFunction fn = unaryFunctionOf(op))
    return unaryBounds(op, fn, operands[0], bounds[0], results[0]);
  if (BinaryFunction fn = binaryFunctionOf(op))
    return binaryBounds(op, fn, operands[0], bounds[0], operands[1], bounds[1],
                        results[0]);
  auto all = [](size_t) { return true; };
  auto first = [](size_t i) { return i == 0; };
  using Result = llvm::Expected<Tensors>;
  return llvm::TypeSwitch<Operation *, Result>(op)
      .Case([&](hlo::CompareOp) -> Result {
        return compareBounds(operands[0], bounds[0], operands[1], bounds[1],
                             results[0]);
      })
      .Case([&](hlo::SelectOp) -> Result {
        return selectBounds(operands, bounds, results[0]);
      })
      .Case([&](hlo::ClampOp) -> Result {
        // 1-Lipschitz in the largest of the three changes.
        return Tensors{mapToF64(results[0], [&](double, int64_t i) {
          return std::max(
              {at(bounds[0], i), at(bounds[1], i), at(bounds[2], i)});
        })};
      })
      .Case([&](hlo::ConvertOp) -> Result {
        return convertBounds(operands[0], bounds[0], results[0]);
      })
      .Case<hlo::ConstantOp, hlo::IotaOp>(
          [&](Operation *) -> Result { return exactOrUnknown({}, results); })
      .Case<hlo::BroadcastInDimOp, hlo::ReshapeOp, hlo::TransposeOp,
            hlo::SliceOp, hlo::ReverseOp, hlo::DynamicSliceOp, hlo::GatherOp>(
          [&](Operation *) -> Result {
            return movedBounds(operands, bounds, results, apply, first);
          })
      .Case<hlo::ConcatenateOp, hlo::PadOp>([&](Operation *) -> Result {
        return movedBounds(operands, bounds, results, apply, all);
      })
      .Case([&](hlo::DynamicUpdateSliceOp) -> Result {
        return movedBounds(operands, bounds, results, apply,
                           [](size_t i) { return i < 2; });
      })
      .Case([&](hlo::ReduceOp op) -> Result {
        return reduceBounds(op, operands, bounds, results);
      })
      .Case([&](hlo::ReduceWindowOp op) -> Result {
        return reduceWindowBounds(op, operands, bounds, results);
      })
      .Case([&](hlo::ScatterOp op) -> Result {
        return scatterBounds(op, operands, bounds, results);
      })
      .Case([&](hlo::DotGeneralOp op) -> Result {
        hlo::DotDimensionNumbersAttr dims = op.getDotDimensionNumbers();
        int64_t terms = 1;
        for (int64_t d : dims.getLhsContractingDimensions())
          terms *= operands[0].shape()[d];
        auto contract = [&](const HostTensor &lhs, const HostTensor &rhs) {
          return dotGeneralOp(lhs, rhs, dims.getLhsBatchingDimensions(),
                              dims.getRhsBatchingDimensions(),
                              dims.getLhsContractingDimensions(),
                              dims.getRhsContractingDimensions(),
                              ElementType::F64);
        };
        return contractionBounds(contract, operands, bounds, results[0], terms);
      })
      .Case([&](hlo::ConvolutionOp op) -> Result {
        ConvConfig config = convConfigOf(op);
        const HostTensor &kernel = operands[1];
        int64_t terms =
            kernel.numElements() /
            std::max<int64_t>(
                1, kernel.shape()[config.kernelOutputFeatureDimension]);
        auto contract = [&](const HostTensor &lhs, const HostTensor &rhs) {
          return convolutionOp(lhs, rhs, config, results[0].shape(),
                               ElementType::F64);
        };
        return contractionBounds(contract, operands, bounds, results[0], terms);
      })
      // Sort, top_k, select_and_scatter, bitcasts, reduce_precision: no
      // smooth dependence on the operands, nothing summed.
      .Default([&](Operation *) -> Result {
        return exactOrUnknown(bounds, results);
      });
}

} // namespace

bool isExactBound(const HostTensor &bound) {
  for (int64_t i = 0; i < bound.numElements(); ++i)
    if (bound.getAsDouble(i) != 0)
      return false;
  return true;
}

std::vector<HostTensor> unknownBounds(ArrayRef<HostTensor> values) {
  std::vector<HostTensor> bounds;
  for (const HostTensor &value : values)
    bounds.push_back(filled(value.shape(), kUnknown));
  return bounds;
}

double mathUlpBound(llvm::StringRef op) {
  for (const MathUlpBound &bound : kMathUlpBounds)
    if (op == bound.op)
      return bound.ulps;
  return 0.5;
}

double unitInLastPlace(ElementType type, double value) {
  // Significand digits and the exponent (frexp's) of the smallest normal.
  int digits, minExponent;
  switch (type) {
  case ElementType::F64:
    digits = 53, minExponent = -1021;
    break;
  case ElementType::F32:
    digits = 24, minExponent = -125;
    break;
  case ElementType::F16:
    digits = 11, minExponent = -13;
    break;
  case ElementType::BF16:
    digits = 8, minExponent = -125;
    break;
  default:
    return 0;
  }
  int exponent = minExponent;
  if (std::isfinite(value) && value != 0)
    std::frexp(value, &exponent);
  return std::ldexp(1.0, std::max(exponent, minExponent) - digits);
}

double sumErrorFactor(int64_t n, ElementType type) {
  double nu = static_cast<double>(n) * unitInLastPlace(type, 0.5);
  if (nu == 0)
    return 0;
  return nu >= 1 ? kUnknown : nu / (1 - nu);
}

llvm::Expected<std::vector<HostTensor>>
errorBoundsOf(Operation *op, ArrayRef<HostTensor> operands,
              ArrayRef<HostTensor> operandBounds, ArrayRef<HostTensor> results,
              ApplyOp apply) {
  llvm::Expected<Tensors> bounds =
      boundsByRule(op, operands, operandBounds, results, apply);
  if (!bounds)
    return bounds.takeError();
  // Integers are right or wrong; a NaN bound came from an unbounded change.
  for (size_t r = 0; r < bounds->size(); ++r) {
    HostTensor &bound = (*bounds)[r];
    bool integer = !isFloat(results[r].elementType());
    for (int64_t i = 0; i < bound.numElements(); ++i) {
      double b = bound.getAsDouble(i);
      if (std::isnan(b) || (integer && b != 0))
        bound.setFromDouble(i, kUnknown);
    }
  }
  return bounds;
}

bool withinErrorBound(double actual, double expected, double bound) {
  if (std::isinf(bound))
    return true;
  if (std::isnan(actual) || std::isnan(expected))
    return std::isnan(actual) && std::isnan(expected);
  if (std::isinf(actual) || std::isinf(expected))
    return actual == expected;
  return std::fabs(actual - expected) <= bound;
}

} // namespace kiln
