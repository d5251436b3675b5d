//===- RandomGraphGenerator.h - The random graph generator's parts -*- C++ -*-//
//
// Private to compiler/RandomGraph*.cpp: the generator's random source, the
// values it tracks and the Generator class, whose steps are split over
// RandomGraph.cpp (driver, numeric hygiene), RandomGraphElementwise.cpp,
// RandomGraphShape.cpp, RandomGraphLayers.cpp and RandomGraphControlFlow.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SUPPORT_RANDOMGRAPHGENERATOR_H
#define KILN_TEST_SUPPORT_RANDOMGRAPHGENERATOR_H

#include "compiler/frontends/builder/GraphBuilder.h"
#include "tools/common/SplitMix64.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cmath>
#include <limits>
#include <numeric>

namespace kiln::random_graph {

using llvm::ArrayRef;
using llvm::SmallVector;

/// The choices a graph is drawn with, from SplitMix64, so a seed names the
/// same graph everywhere.
class Random {
public:
  explicit Random(uint64_t seed) : generator(seed ^ 0x6B696C6E67726170ull) {}

  uint64_t next() { return generator.next(); }
  /// Uniform in [0, n) for n >= 1.
  int64_t below(int64_t n) {
    return static_cast<int64_t>(generator.below(static_cast<uint64_t>(n)));
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
  SplitMix64 generator;
};

/// Largest tensor a step may make: the interpreter evaluates reductions one
/// element at a time, and ctest runs 200 graphs.
constexpr int64_t kMaxElements = 4096;
/// Largest multiply-accumulate count of a dot_general (interpreter time).
constexpr int64_t kMaxDotWork = 1 << 16;
/// f32 values whose bound exceeds this are scaled back by a power of two.
constexpr double kMaxBound = 8;

inline int64_t product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// NumPy's broadcast of two shapes, or nothing when they do not broadcast.
inline std::optional<SmallVector<int64_t>>
broadcastShapes(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
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
  /// A convolution's f32 kernel: a parameter, or now and then a dense
  /// constant as a model's weights are (which the tiled engine packs while
  /// compiling, and with which it may leave out products with padding).
  Val convolutionKernel(ArrayRef<int64_t> shape);
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
  /// f32 x with its NaNs replaced by 0 (other types as they are): the
  /// operand of a TOTALORDER comparison or sort, which orders NaNs by their
  /// sign, and a NaN an op makes has no fixed sign (x86 makes -NaN, LLVM's
  /// constant folder +NaN).
  Val withoutNaN(Val x);

  //===--- Steps (each returns false when it found nothing to do) ---------===//

  bool unaryFloat();
  bool binaryFloat();
  bool rawFloat();
  bool compareSelect();
  bool specialFloats();
  bool integerChain();
  bool broadcastStep();
  bool reshapeStep();
  bool transposeStep();
  bool sliceStep();
  bool takeStep();
  bool scatterStep();
  bool sortStep();
  bool otherTypeStep();
  bool dynamicSliceStep();
  bool concatenateStep();
  bool padStep();
  bool reduceStep();
  bool rowReduction();
  bool dotStep();
  bool dotBiasActivation();
  bool normalizationLayer();
  bool iotaStep();
  bool convolutionStep();
  bool poolStep();
  bool controlFlowStep();
  /// max |x| over all of x's dimensions, a scalar (exact).
  Val largestMagnitude(Val x);
  /// A scalar i32 in [lo, hi] that deterministic f32 data decides (so every
  /// correct implementation takes the same path), else `fallback`.
  Val dataDependentCount(Val x, int64_t lo, int64_t hi, int64_t fallback);

  /// A rank-4 f32 value to convolve or pool as NHWC: one from the pool
  /// sometimes, else a new small parameter.
  Val imageOperand();

  Random rng;
  GraphBuilder builder;
  mlir::Type f32, i32, i1;
  std::vector<PoolEntry> pool;
  llvm::Error failure = llvm::Error::success();
};

} // namespace kiln::random_graph

#endif // KILN_TEST_SUPPORT_RANDOMGRAPHGENERATOR_H
