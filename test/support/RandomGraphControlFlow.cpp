//===- RandomGraphControlFlow.cpp - Random while, if and case -------------===//
//
// Control flow around small computations: a loop whose trip count the data
// decides, and a branch the data picks. Trip counts and branch choices come
// from deterministic values (bitwise equal in every correct
// implementation) through exact ops (abs, max, a multiply by 2, a
// truncating convert), so native code and the interpreter take the same
// path; values built inside a region never join the pool.
//
//===----------------------------------------------------------------------===//

#include "test/support/RandomGraphGenerator.h"

namespace kiln::random_graph {

using Values = SmallVector<GraphValue>;

Val Generator::largestMagnitude(Val x) {
  Val magnitude = make(builder.abs(x.value), x.bound, x.deterministic);
  SmallVector<int64_t> all;
  for (int64_t d = 0; d < x.value.rank(); ++d)
    all.push_back(d);
  return make(builder.reduceMax(magnitude.value, all), x.bound,
              x.deterministic);
}

/// trunc(2 max|x|) clamped to [lo, hi].
Val Generator::dataDependentCount(Val x, int64_t lo, int64_t hi,
                                  int64_t fallback) {
  if (!x.deterministic || !isType(x, f32))
    return scalar(static_cast<double>(fallback), i32);
  Val largest = largestMagnitude(x);
  Val twice =
      make(builder.multiply(largest.value, scalar(2).value), 2 * x.bound, true);
  Val count = make(builder.convert(twice.value, i32), 2 * x.bound, true);
  return make(builder.clamp(scalar(static_cast<double>(lo), i32).value,
                            count.value,
                            scalar(static_cast<double>(hi), i32).value),
              static_cast<double>(std::max(std::abs(lo), std::abs(hi))), true);
}

bool Generator::controlFlowStep() {
  std::optional<size_t> index =
      pickIndex([&](const Val &v) { return isType(v, f32); });
  if (!index)
    return false;
  Val x = use(*index);
  // w of x's very shape: a loop carries, and branches return, x's type.
  Val w = operandLike(x.shape(), f32, /*needDeterministic=*/false);
  if (!w || broadcastShapes(w.shape(), x.shape()) !=
                SmallVector<int64_t>(x.shape().begin(), x.shape().end()))
    return false;
  if (w.shape() != x.shape())
    w = make(builder.broadcastTo(w.value, x.shape()), w.bound, w.deterministic);
  std::optional<size_t> decider = pickIndex(
      [&](const Val &v) { return isType(v, f32) && v.deterministic; });
  Val chooser = decider ? use(*decider) : x;
  double bound = std::max(x.bound, 2 * w.bound);

  switch (rng.below(3)) {
  case 0: {
    // 0 to 3 trips of x <- x/2 + w (x stays within 2 max|w| once there),
    // counted by a carried i32; w is read from outside the loop.
    Val limit = dataDependentCount(chooser, 0, 3, rng.between(0, 3));
    auto results = builder.whileLoop(
        {scalar(0, i32).value, x.value},
        [&](ArrayRef<GraphValue> carried) -> llvm::Expected<Values> {
          auto below = builder.compare(hlo::ComparisonDirection::LT, carried[0],
                                       limit.value);
          if (!below)
            return below.takeError();
          return Values{*below};
        },
        [&](ArrayRef<GraphValue> carried) -> llvm::Expected<Values> {
          GraphValue count =
              take(builder.add(carried[0], scalar(1, i32).value));
          GraphValue half =
              take(builder.multiply(carried[1], scalar(0.5).value));
          return Values{count, take(builder.add(half, w.value))};
        });
    if (!results) {
      take(results.takeError());
      return false;
    }
    push(Val{(*results)[0], 3, true});
    push(Val{(*results)[1], bound, false});
    return true;
  }
  case 1: {
    // x's negation or its product with w, as max|chooser| > 0.5 says.
    if (!chooser.deterministic)
      return false;
    Val pred = make(builder.compare(hlo::ComparisonDirection::GT,
                                    largestMagnitude(chooser).value,
                                    scalar(0.5).value),
                    1, true);
    auto results = builder.ifThenElse(
        pred.value,
        [&](ArrayRef<GraphValue>) -> llvm::Expected<Values> {
          return Values{take(builder.negate(x.value))};
        },
        [&](ArrayRef<GraphValue>) -> llvm::Expected<Values> {
          return Values{take(builder.multiply(x.value, w.value))};
        });
    if (!results) {
      take(results.takeError());
      return false;
    }
    push(Val{(*results)[0], std::max(x.bound, x.bound * w.bound), false});
    return true;
  }
  default: {
    // One of three branches, the index in [-1, 3] (out of range on both
    // sides runs the last branch).
    Val choice = dataDependentCount(chooser, -1, 3, rng.between(-1, 3));
    auto results = builder.caseOf(
        choice.value, {[&](ArrayRef<GraphValue>) -> llvm::Expected<Values> {
                         return Values{x.value};
                       },
                       [&](ArrayRef<GraphValue>) -> llvm::Expected<Values> {
                         return Values{take(builder.add(x.value, w.value))};
                       },
                       [&](ArrayRef<GraphValue>) -> llvm::Expected<Values> {
                         return Values{take(builder.tanh(x.value))};
                       }});
    if (!results) {
      take(results.takeError());
      return false;
    }
    push(Val{(*results)[0], x.bound + w.bound, false});
    return true;
  }
  }
}

} // namespace kiln::random_graph
