//===- RandomGraph.cpp - Random hlo graphs for differential testing -------===//
//
// Builds a graph step by step with GraphBuilder. Each step picks operands
// from a pool of values built so far (preferring the newest, so that chains
// form and the fusion passes have something to fuse) or adds a parameter,
// and pushes its result. The graph returns every value nothing else used.
//
// Every value carries a magnitude bound and a "deterministic" flag (every
// correct implementation computes it bit for bit: parameters, constants and
// what exact ops such as max, select, slice or a power-of-two scale make of
// them). Rounding differences between implementations (summation order, FMA
// contraction, polynomial exp) are proportional to the bound, so keeping the
// bound small keeps them far below the tolerance; discontinuous ops only get
// deterministic operands, since a rounding difference there flips a result.
//
//===----------------------------------------------------------------------===//

#include "compiler/RandomGraph.h"

#include "compiler/GraphBuilder.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cmath>
#include <limits>
#include <numeric>

using llvm::ArrayRef;
using llvm::SmallVector;

namespace kiln {
namespace {

/// splitmix64 (Steele, Lea and Flood, 2014): its output is fixed by its
/// definition, so a seed names the same graph everywhere.
class Random {
public:
  explicit Random(uint64_t seed) : state(seed ^ 0x6B696C6E67726170ull) {}

  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n) for n >= 1 (multiply-shift, no modulo bias to speak
  /// of at these sizes).
  int64_t below(int64_t n) {
    return static_cast<int64_t>(((next() >> 32) * static_cast<uint64_t>(n)) >>
                                32);
  }
  /// Uniform in [lo, hi].
  int64_t between(int64_t lo, int64_t hi) { return lo + below(hi - lo + 1); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T> T pick(std::initializer_list<T> items) {
    return items.begin()[below(static_cast<int64_t>(items.size()))];
  }
  /// An index drawn with the given relative weights.
  size_t weighted(ArrayRef<int> weights) {
    int64_t total = std::accumulate(weights.begin(), weights.end(), 0);
    int64_t r = below(total);
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  template <class T> void shuffle(SmallVector<T> &items) {
    for (size_t i = items.size(); i > 1; --i)
      std::swap(items[i - 1], items[below(static_cast<int64_t>(i))]);
  }

private:
  uint64_t state;
};

/// Largest tensor a step may make: the interpreter evaluates reductions one
/// element at a time, and ctest runs 200 graphs.
constexpr int64_t kMaxElements = 4096;
/// Largest multiply-accumulate count of a dot_general (interpreter time).
constexpr int64_t kMaxDotWork = 1 << 16;
/// f32 values whose bound exceeds this are scaled back by a power of two.
constexpr double kMaxBound = 8;

int64_t product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// NumPy's broadcast of two shapes, or nothing when they do not broadcast.
std::optional<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> a,
                                                    ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return std::nullopt;
    result[i] = da == 1 ? db : da;
  }
  return result;
}

/// A value of the graph with what the generator knows about it.
struct Val {
  GraphValue value;
  /// Estimate of the largest |element| (f32 and integers).
  double bound = 1;
  /// Bitwise equal in every correct implementation.
  bool deterministic = true;

  explicit operator bool() const { return static_cast<bool>(value); }
  ArrayRef<int64_t> shape() const { return value.shape(); }
};

/// One graph under construction.
class Generator {
public:
  Generator(mlir::MLIRContext &context, uint64_t seed)
      : rng(seed), builder(context), f32(mlir::Float32Type::get(&context)),
        i32(mlir::IntegerType::get(&context, 32)),
        i1(mlir::IntegerType::get(&context, 1)) {}

  llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> generate();

private:
  struct PoolEntry {
    Val val;
    bool isParameter = false;
    int uses = 0;
  };

  //===--- Bookkeeping ---------------------------------------------------===//

  /// The value of `result`, or a null value after recording its error (the
  /// first one wins; later builder calls on null values fail and are
  /// dropped).
  GraphValue take(llvm::Expected<GraphValue> result) {
    if (result)
      return *result;
    if (failure)
      llvm::consumeError(result.takeError());
    else
      failure = result.takeError();
    return {};
  }
  Val make(llvm::Expected<GraphValue> result, double bound,
           bool deterministic) {
    return Val{take(std::move(result)), bound, deterministic};
  }
  /// Adds `v` to the pool, scaled back into its bound (normalize).
  void push(Val v, bool isParameter = false) {
    if (v)
      v = normalize(v);
    if (v)
      pool.push_back({v, isParameter, 0});
  }
  /// Marks pool entry `index` used and returns it.
  Val use(size_t index) {
    ++pool[index].uses;
    return pool[index].val;
  }
  bool isType(const Val &v, mlir::Type type) const {
    return v.value.elementType() == type;
  }
  /// A pool entry accepted by `accept`, usually one of the newest; nothing
  /// when none is.
  template <class Pred> std::optional<size_t> pickIndex(Pred accept) {
    SmallVector<size_t> candidates;
    for (size_t i = 0; i < pool.size(); ++i)
      if (accept(pool[i].val))
        candidates.push_back(i);
    if (candidates.empty())
      return std::nullopt;
    if (rng.chance(60))
      return candidates.back();
    return candidates[rng.below(static_cast<int64_t>(candidates.size()))];
  }

  //===--- Shapes and leaf values -----------------------------------------===//

  int64_t randomDim() {
    if (rng.chance(4))
      return rng.pick<int64_t>({64, 65, 128});
    return rng.pick<int64_t>({1, 2, 3, 5, 7, 16, 17, 33});
  }
  SmallVector<int64_t> randomShape(int64_t maxRank = 4);
  /// A fresh parameter (f32 in [-1, 1), i32 in [-10, 10], i1).
  Val parameter(ArrayRef<int64_t> shape, mlir::Type type);
  Val scalar(double value, mlir::Type type = {}) {
    if (!type)
      type = f32;
    return make(builder.constant(value, type), std::fabs(value), true);
  }
  /// A second operand for an elementwise op on a value of `shape`: a pool
  /// value or a new parameter/constant whose shape broadcasts with it
  /// (equal, some dimensions 1, leading dimensions dropped, or rarely a
  /// size-1 dimension of `shape` stretched), within kMaxElements.
  Val operandLike(ArrayRef<int64_t> shape, mlir::Type type,
                  bool needDeterministic);

  //===--- Numeric hygiene
  //-------------------------------------------------===//

  /// `x` scaled by a power of two so its bound is at most kMaxBound; exact,
  /// so determinism survives.
  Val normalize(Val x);
  /// abs(x) + 1: a positive argument for log, rsqrt, divide and pow.
  Val absPlusOne(Val x);
  /// x clamped to [-limit, limit] when its bound exceeds limit.
  Val clampTo(Val x, double limit);
  /// x multiplied by 8 and converted to i32 (x deterministic).
  Val toInt(Val x);

  //===--- Steps (each returns false when it found nothing to do) ---------===//

  bool unaryFloat();
  bool binaryFloat();
  bool rawFloat();
  bool compareSelect();
  bool integerChain();
  bool broadcastStep();
  bool reshapeStep();
  bool transposeStep();
  bool sliceStep();
  bool concatenateStep();
  bool padStep();
  bool reduceStep();
  bool rowReduction();
  bool dotStep();
  bool dotBiasActivation();
  bool normalizationLayer();

  Random rng;
  GraphBuilder builder;
  mlir::Type f32, i32, i1;
  std::vector<PoolEntry> pool;
  llvm::Error failure = llvm::Error::success();
};

SmallVector<int64_t> Generator::randomShape(int64_t maxRank) {
  int64_t rank = std::min<int64_t>(maxRank, rng.weighted({5, 20, 35, 25, 15}));
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i)
    shape.push_back(randomDim());
  // Shrink the largest dimension until the tensor fits.
  while (product(shape) > kMaxElements) {
    int64_t *largest = std::max_element(shape.begin(), shape.end());
    *largest = std::max<int64_t>(1, *largest / rng.between(2, 5));
  }
  return shape;
}

Val Generator::parameter(ArrayRef<int64_t> shape, mlir::Type type) {
  double bound = type == f32 ? 1 : type == i32 ? 10 : 1;
  Val v = make(builder.parameter(shape, type), bound, true);
  push(v, /*isParameter=*/true);
  if (v)
    ++pool.back().uses; // A parameter made for a step is used by it.
  return v;
}

Val Generator::operandLike(ArrayRef<int64_t> shape, mlir::Type type,
                           bool needDeterministic) {
  if (rng.chance(45)) {
    std::optional<size_t> index = pickIndex([&](const Val &v) {
      if (!isType(v, type) || (needDeterministic && !v.deterministic))
        return false;
      auto joint = broadcastShapes(shape, v.shape());
      return joint && ArrayRef<int64_t>(*joint) == shape;
    });
    if (index)
      return use(*index);
  }
  if (type == f32 && rng.chance(10))
    return scalar(rng.pick<double>({0.5, -1.25, 2.0, 0.0, 0.75}));
  if (type == f32 && rng.chance(8)) {
    // A dense constant, which the outliner must clone into kernels.
    SmallVector<int64_t> s(shape);
    if (product(s) > 64)
      s.assign(shape.end() - std::min<size_t>(shape.size(), 1), shape.end());
    if (product(s) <= 64) {
      SmallVector<float> values;
      for (int64_t i = 0; i < product(s); ++i)
        values.push_back(static_cast<float>(rng.between(-16, 16)) / 8);
      return make(builder.constantF32(s, values), 2, true);
    }
  }
  SmallVector<int64_t> s(shape);
  if (rng.chance(40)) {
    int64_t drop = rng.between(0, static_cast<int64_t>(s.size()));
    s.erase(s.begin(), s.begin() + drop);
  }
  for (int64_t &d : s)
    if (rng.chance(20))
      d = 1;
  return parameter(s, type);
}

Val Generator::normalize(Val x) {
  if (!x || !isType(x, f32) || x.bound <= kMaxBound || !std::isfinite(x.bound))
    return x;
  int exponent = static_cast<int>(std::ceil(std::log2(x.bound / kMaxBound)));
  double factor = std::ldexp(1.0, -exponent);
  return make(builder.multiply(x.value, scalar(factor).value), x.bound * factor,
              x.deterministic);
}

Val Generator::absPlusOne(Val x) {
  Val a = make(builder.abs(x.value), x.bound, x.deterministic);
  // abs(x) + 1 has no product to contract, so it stays deterministic.
  return make(builder.add(a.value, scalar(1).value), x.bound + 1,
              x.deterministic);
}

Val Generator::clampTo(Val x, double limit) {
  if (x.bound <= limit)
    return x;
  return make(builder.clamp(scalar(-limit).value, x.value, scalar(limit).value),
              limit, x.deterministic);
}

Val Generator::toInt(Val x) {
  Val scaled = make(builder.multiply(x.value, scalar(8).value), x.bound * 8,
                    x.deterministic);
  return make(builder.convert(scaled.value, i32), std::min(scaled.bound, 2e9),
              true);
}

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
  switch (rng.below(15)) {
  case 0:
    r = make(builder.abs(xv), x.bound, x.deterministic);
    break;
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
    if (type == f32 && rng.chance(20))
      compareType = hlo::ComparisonType::TOTALORDER;
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
    switch (rng.below(10)) {
    case 0:
      x = make(builder.add(x.value, y.value), x.bound + y.bound, true);
      break;
    case 1:
      x = make(builder.subtract(x.value, y.value), x.bound + y.bound, true);
      break;
    case 2:
      // Signed overflow is left out: the interpreter is C++.
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

//===----------------------------------------------------------------------===//
// Shape steps (any element type)
//===----------------------------------------------------------------------===//

bool Generator::broadcastStep() {
  std::optional<size_t> index =
      pickIndex([&](const Val &v) { return v.value.rank() < 4; });
  if (!index)
    return false;
  Val x = pool[*index].val;
  int64_t rank = x.value.rank();
  int64_t resultRank = std::min<int64_t>(4, rank + rng.between(0, 2));
  // Where x's dimensions go: increasing usually, any order sometimes.
  SmallVector<int64_t> positions(resultRank);
  std::iota(positions.begin(), positions.end(), 0);
  rng.shuffle(positions);
  positions.resize(rank);
  if (rng.chance(80))
    llvm::sort(positions);
  SmallVector<int64_t> shape(resultRank, 0);
  for (int64_t i = 0; i < rank; ++i) {
    int64_t size = x.shape()[i];
    shape[positions[i]] = size == 1 && rng.chance(60) ? randomDim() : size;
  }
  for (int64_t &d : shape)
    if (d == 0)
      d = randomDim();
  if (product(shape) > kMaxElements || shape == SmallVector<int64_t>(x.shape()))
    return false;
  use(*index);
  push(make(builder.broadcastInDim(x.value, shape, positions), x.bound,
            x.deterministic));
  return true;
}

bool Generator::reshapeStep() {
  std::optional<size_t> index = pickIndex([](const Val &) { return true; });
  if (!index)
    return false;
  Val x = use(*index);
  // Split the element count into prime factors and deal them out.
  int64_t n = product(x.shape());
  SmallVector<int64_t> factors;
  for (int64_t p = 2; n > 1; ++p)
    for (; n % p == 0; n /= p)
      factors.push_back(p);
  int64_t rank = std::min<int64_t>(
      4, std::max<int64_t>(factors.empty() ? 0 : 1, rng.between(0, 4)));
  SmallVector<int64_t> shape(rank, 1);
  if (rank > 0)
    for (int64_t f : factors)
      shape[rng.below(rank)] *= f;
  push(make(builder.reshape(x.value, shape), x.bound, x.deterministic));
  return true;
}

bool Generator::transposeStep() {
  std::optional<size_t> index =
      pickIndex([](const Val &v) { return v.value.rank() >= 2; });
  if (!index)
    return false;
  Val x = use(*index);
  SmallVector<int64_t> permutation(x.value.rank());
  std::iota(permutation.begin(), permutation.end(), 0);
  rng.shuffle(permutation);
  push(make(builder.transpose(x.value, permutation), x.bound, x.deterministic));
  return true;
}

bool Generator::sliceStep() {
  std::optional<size_t> index =
      pickIndex([](const Val &v) { return v.value.rank() >= 1; });
  if (!index)
    return false;
  Val x = use(*index);
  SmallVector<int64_t> start, limit, strides;
  for (int64_t size : x.shape()) {
    if (rng.chance(30)) {
      start.push_back(0);
      limit.push_back(size);
      strides.push_back(1);
      continue;
    }
    int64_t s = rng.below(size);
    start.push_back(s);
    limit.push_back(rng.between(s + 1, size));
    strides.push_back(rng.pick<int64_t>({1, 1, 2, 3}));
  }
  push(make(builder.slice(x.value, start, limit, strides), x.bound,
            x.deterministic));
  return true;
}

bool Generator::concatenateStep() {
  std::optional<size_t> index =
      pickIndex([](const Val &v) { return v.value.rank() >= 1; });
  if (!index)
    return false;
  Val x = pool[*index].val;
  int64_t dim = rng.below(x.value.rank());
  SmallVector<Val> parts = {x};
  int64_t count = rng.between(1, 2);
  for (int64_t k = 0; k < count; ++k) {
    if (rng.chance(30)) {
      parts.push_back(x); // Concatenating a value with itself.
      continue;
    }
    SmallVector<int64_t> shape(x.shape());
    shape[dim] = randomDim();
    parts.push_back(parameter(shape, x.value.elementType()));
  }
  SmallVector<GraphValue> values;
  double bound = 0;
  bool deterministic = true;
  int64_t total = 0;
  for (const Val &p : parts) {
    values.push_back(p.value);
    bound = std::max(bound, p.bound);
    deterministic &= p.deterministic;
    total += p ? product(p.shape()) : 0;
  }
  if (total > kMaxElements)
    return false;
  use(*index);
  push(make(builder.concatenate(values, dim), bound, deterministic));
  return true;
}

bool Generator::padStep() {
  std::optional<size_t> index =
      pickIndex([](const Val &v) { return v.value.rank() >= 1; });
  if (!index)
    return false;
  Val x = pool[*index].val;
  SmallVector<int64_t> low, high, interior;
  int64_t total = 1;
  for (int64_t size : x.shape()) {
    int64_t in = size > 1 ? rng.pick<int64_t>({0, 0, 1, 2}) : 0;
    int64_t l = rng.between(-1, 2), h = rng.between(-1, 2);
    int64_t padded = size + (size - 1) * in;
    // Negative padding crops; keep at least one element.
    while (padded + l + h < 1)
      ++h;
    low.push_back(l);
    high.push_back(h);
    interior.push_back(in);
    total *= padded + l + h;
  }
  if (total > kMaxElements)
    return false;
  use(*index);
  mlir::Type type = x.value.elementType();
  double value = type == i1 ? 1 : rng.pick<double>({0, 0, -1, 0.5});
  Val padValue = scalar(value, type);
  push(make(builder.pad(x.value, padValue.value, low, high, interior),
            std::max(x.bound, 1.0), x.deterministic));
  return true;
}

//===----------------------------------------------------------------------===//
// Reductions, contractions and layers
//===----------------------------------------------------------------------===//

bool Generator::reduceStep() {
  std::optional<size_t> index = pickIndex([&](const Val &v) {
    return v.value.rank() >= 1 && (isType(v, f32) || isType(v, i32));
  });
  if (!index)
    return false;
  Val x = use(*index);
  int64_t rank = x.value.rank();
  SmallVector<int64_t> dims;
  if (rng.chance(35)) {
    dims.push_back(rank - 1);
  } else {
    for (int64_t d = 0; d < rank; ++d)
      if (rng.chance(50))
        dims.push_back(d);
    if (dims.empty())
      dims.push_back(rng.below(rank));
  }
  int64_t reduced = 1;
  for (int64_t d : dims)
    reduced *= x.shape()[d];
  mlir::Type type = x.value.elementType();
  Val r;
  switch (rng.weighted({50, 20, 20, 10})) {
  case 0: {
    double bound = x.bound * reduced;
    if (type == i32 && bound > (1 << 30))
      return false;
    if (rng.chance(20)) {
      // A non-zero init, which must be added once, not once per task.
      Val init = scalar(1, type);
      r = make(builder.reduce(x.value, init.value, dims, ReductionKind::Add),
               bound + 1, type == i32);
    } else {
      r = make(builder.reduceSum(x.value, dims), bound, type == i32);
    }
    break;
  }
  case 1:
    r = make(builder.reduceMax(x.value, dims), x.bound, x.deterministic);
    break;
  case 2:
    r = make(builder.reduceMin(x.value, dims), x.bound, x.deterministic);
    break;
  default: {
    // Products grow fast: only a few factors, each in [1, 2].
    if (type != f32 || reduced > 7)
      return false;
    Val factors = make(builder.logistic(x.value), 1, false);
    factors = make(builder.add(factors.value, scalar(1).value), 2, false);
    r = make(builder.reduce(factors.value, scalar(1).value, dims,
                            ReductionKind::Multiply),
             std::pow(2.0, static_cast<double>(reduced)), false);
    break;
  }
  }
  push(normalize(r));
  return true;
}

bool Generator::rowReduction() {
  std::optional<size_t> index = pickIndex(
      [&](const Val &v) { return v.value.rank() >= 1 && isType(v, f32); });
  if (!index)
    return false;
  Val x = use(*index);
  int64_t rank = x.value.rank();
  int64_t rowSize = x.shape()[rank - 1];
  SmallVector<int64_t> keep(rank - 1);
  std::iota(keep.begin(), keep.end(), 0);
  auto back = [&](Val reduced) {
    return make(builder.broadcastInDim(reduced.value, x.shape(), keep),
                reduced.bound, reduced.deterministic);
  };
  switch (rng.below(4)) {
  case 0: { // x - max(x): the first half of softmax.
    Val max =
        make(builder.reduceMax(x.value, {rank - 1}), x.bound, x.deterministic);
    push(make(builder.subtract(x.value, back(max).value), 2 * x.bound, false));
    if (rng.chance(30))
      push(max); // A second result of the row kernel.
    break;
  }
  case 1: { // x - mean(x): centering, as in layer norm.
    Val sum =
        make(builder.reduceSum(x.value, {rank - 1}), x.bound * rowSize, false);
    Val mean = make(builder.multiply(sum.value, scalar(1.0 / rowSize).value),
                    x.bound, false);
    push(make(builder.subtract(x.value, back(mean).value), 2 * x.bound, false));
    break;
  }
  case 2: { // x / (mean(|x|) + 1): a row scale.
    Val a = make(builder.abs(x.value), x.bound, x.deterministic);
    Val sum =
        make(builder.reduceSum(a.value, {rank - 1}), x.bound * rowSize, false);
    Val mean = make(builder.multiply(sum.value, scalar(1.0 / rowSize).value),
                    x.bound, false);
    Val denominator =
        make(builder.add(mean.value, scalar(1).value), x.bound + 1, false);
    push(
        make(builder.divide(x.value, back(denominator).value), x.bound, false));
    break;
  }
  default: { // Softmax written out, returning the row sums too.
    Val max =
        make(builder.reduceMax(x.value, {rank - 1}), x.bound, x.deterministic);
    Val shifted =
        make(builder.subtract(x.value, back(max).value), 2 * x.bound, false);
    Val e = make(builder.exp(shifted.value), 1, false);
    Val sum = make(builder.reduceSum(e.value, {rank - 1}), rowSize, false);
    push(make(builder.divide(e.value, back(sum).value), 1, false));
    if (rng.chance(40))
      push(normalize(sum));
    break;
  }
  }
  return true;
}

bool Generator::dotStep() {
  std::optional<size_t> index = pickIndex(
      [&](const Val &v) { return v.value.rank() >= 1 && isType(v, f32); });
  if (!index)
    return false;
  Val x = pool[*index].val;
  int64_t rank = x.value.rank();
  ArrayRef<int64_t> xs = x.shape();
  // Batch over a leading dimension sometimes, contract one other dimension.
  SmallVector<int64_t> lhsBatch, rhsBatch, lhsContract, rhsContract;
  SmallVector<int64_t> rhsShape;
  if (rank >= 3 && rng.chance(50)) {
    lhsBatch.push_back(0);
    rhsBatch.push_back(0);
    rhsShape.push_back(xs[0]);
  }
  int64_t contract =
      lhsBatch.empty() ? rng.below(rank) : rng.between(1, rank - 1);
  if (rng.chance(60))
    contract = rank - 1; // The usual matmul layout.
  lhsContract.push_back(contract);
  int64_t k = xs[contract];
  int64_t n = rng.chance(15) ? 1 : randomDim();
  // rhs: [batch] k n, [batch] n k, or (a matrix-vector product) [batch] k.
  bool rhsVector = rng.chance(20);
  bool rhsTransposed = !rhsVector && rng.chance(30);
  if (rhsTransposed)
    rhsShape.push_back(n);
  rhsContract.push_back(static_cast<int64_t>(rhsShape.size()));
  rhsShape.push_back(k);
  if (!rhsVector && !rhsTransposed)
    rhsShape.push_back(n);
  int64_t resultElements = product(xs) / k * (rhsVector ? 1 : n);
  if (resultElements > kMaxElements || resultElements * k > kMaxDotWork)
    return false;
  use(*index);
  Val w = parameter(rhsShape, f32);
  push(normalize(make(builder.dotGeneral(x.value, w.value, lhsBatch, rhsBatch,
                                         lhsContract, rhsContract),
                      x.bound * w.bound * k, false)));
  return true;
}

bool Generator::dotBiasActivation() {
  // relu/gelu/tanh(x . W + b) over a rank-2 x: what output fusion targets.
  std::optional<size_t> index = pickIndex(
      [&](const Val &v) { return isType(v, f32) && v.value.rank() == 2; });
  int64_t m = randomDim(), k = randomDim(), n = randomDim();
  bool reuse = index && rng.chance(50);
  if (reuse) {
    m = pool[*index].val.shape()[0];
    k = pool[*index].val.shape()[1];
  }
  if (m * k > kMaxElements || m * n > kMaxElements || m * n * k > kMaxDotWork)
    return false;
  Val x = reuse ? use(*index) : parameter({m, k}, f32);
  Val w = parameter({k, n}, f32);
  Val y = normalize(
      make(builder.matmul(x.value, w.value), x.bound * w.bound * k, false));
  Val bias = parameter({n}, f32);
  y = make(builder.add(y.value, bias.value), y.bound + 1, false);
  switch (rng.below(3)) {
  case 0:
    y = make(builder.relu(y.value), y.bound, false);
    break;
  case 1: { // Exact GELU: 0.5 x (1 + erf(x / sqrt 2)).
    Val e = make(
        builder.erf(
            make(builder.multiply(y.value, scalar(0.7071067811865476).value),
                 y.bound, false)
                .value),
        1, false);
    Val onePlus = make(builder.add(e.value, scalar(1).value), 2, false);
    Val half =
        make(builder.multiply(y.value, scalar(0.5).value), y.bound / 2, false);
    y = make(builder.multiply(half.value, onePlus.value), y.bound, false);
    break;
  }
  default:
    y = make(builder.tanh(y.value), 1, false);
    break;
  }
  if (rng.chance(30)) { // A residual add.
    Val r = operandLike(y.shape(), f32, false);
    if (r && broadcastShapes(y.shape(), r.shape()) &&
        ArrayRef<int64_t>(*broadcastShapes(y.shape(), r.shape())) == y.shape())
      y = make(builder.add(y.value, r.value), y.bound + r.bound, false);
  }
  push(normalize(y));
  return true;
}

bool Generator::normalizationLayer() {
  std::optional<size_t> index = pickIndex([&](const Val &v) {
    return isType(v, f32) && v.value.rank() >= 1 && v.shape().back() >= 16;
  });
  Val x;
  if (index && rng.chance(60)) {
    // A fresh term keeps the row variance well away from 0, where layer
    // norm's 1/sqrt(var + eps) would magnify rounding differences.
    Val v = use(*index);
    Val noise = parameter(v.shape(), f32);
    x = make(builder.add(v.value, noise.value), v.bound + 1, false);
  } else {
    SmallVector<int64_t> shape = randomShape(3);
    if (shape.empty() || shape.back() < 16)
      shape.push_back(rng.pick<int64_t>({16, 17, 33, 64}));
    if (product(shape) > kMaxElements)
      return false;
    x = parameter(shape, f32);
  }
  if (rng.chance(50)) {
    push(make(builder.softmax(x.value, -1), 1, false));
    return true;
  }
  // With its scale and bias, as layers use it; a normalized row has
  // |element| < sqrt(row size).
  double bound = std::sqrt(static_cast<double>(x.shape().back()));
  Val y = make(builder.layerNorm(x.value, -1), bound, false);
  Val gamma = parameter({x.shape().back()}, f32);
  // The bias is kept small (an exact 1/16 scale): a bias of the size of
  // y * gamma cancels it, and then the f32 rounding of the row statistics,
  // which depends on the summation order, exceeds the relative tolerance
  // (seed 3104). Real layers have small biases too.
  Val beta = parameter({x.shape().back()}, f32);
  beta = make(builder.multiply(beta.value, scalar(0.0625).value), 0.0625,
              false);
  y = make(builder.multiply(y.value, gamma.value), bound, false);
  y = make(builder.add(y.value, beta.value), bound + 0.0625, false);
  push(normalize(y));
  return true;
}

llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> Generator::generate() {
  int64_t inputs = rng.between(1, 3);
  for (int64_t i = 0; i < inputs; ++i) {
    mlir::Type type = rng.chance(85) ? f32 : rng.chance(60) ? i32 : i1;
    push(make(builder.parameter(randomShape(), type), type == i32 ? 10 : 1,
              true),
         /*isParameter=*/true);
  }
  using Step = bool (Generator::*)();
  static constexpr Step steps[] = {
      &Generator::unaryFloat,        &Generator::binaryFloat,
      &Generator::rawFloat,          &Generator::compareSelect,
      &Generator::integerChain,      &Generator::broadcastStep,
      &Generator::reshapeStep,       &Generator::transposeStep,
      &Generator::sliceStep,         &Generator::concatenateStep,
      &Generator::padStep,           &Generator::reduceStep,
      &Generator::rowReduction,      &Generator::dotStep,
      &Generator::dotBiasActivation, &Generator::normalizationLayer};
  static constexpr int weights[] = {14, 16, 2, 6, 4, 6, 6, 5,
                                    6,  4,  4, 8, 5, 6, 3, 3};
  int64_t target = rng.between(3, 12);
  for (int64_t done = 0, attempts = 0; done < target && attempts < 200;
       ++attempts) {
    if (failure)
      break;
    if ((this->*steps[rng.weighted(weights)])())
      ++done;
  }
  if (failure)
    return std::move(failure);

  // Return what nothing used, and now and then an intermediate too, so that
  // a fused value must also be written out.
  SmallVector<GraphValue> results;
  for (const PoolEntry &entry : pool)
    if (!entry.isParameter &&
        (entry.uses == 0 || (entry.uses > 0 && rng.chance(10))))
      results.push_back(entry.val.value);
  if (results.empty())
    results.push_back(pool.back().val.value);
  return builder.build(results);
}

} // namespace

llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
generateRandomGraph(mlir::MLIRContext &context, uint64_t seed) {
  Generator generator(context, seed);
  auto module = generator.generate();
  if (!module)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "random graph " + std::to_string(seed) +
                                       ": " +
                                       llvm::toString(module.takeError()));
  return module;
}

} // namespace kiln
