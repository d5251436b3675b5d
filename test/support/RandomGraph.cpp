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

#include "test/support/RandomGraph.h"
#include "test/support/RandomGraphGenerator.h"

#include <iterator>

namespace kiln {
namespace random_graph {

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

Val Generator::convolutionKernel(ArrayRef<int64_t> shape) {
  if (!rng.chance(30))
    return parameter(shape, f32);
  SmallVector<float> values;
  for (int64_t i = 0; i < product(shape); ++i)
    values.push_back(static_cast<float>(rng.between(-16, 16)) / 8);
  return make(builder.constantF32(shape, values), 2, true);
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

Val Generator::withoutNaN(Val x) {
  if (!x || !isType(x, f32))
    return x;
  Val isNaN = make(
      builder.compare(hlo::ComparisonDirection::NE, x.value, x.value), 1, true);
  if (!isNaN)
    return isNaN;
  return make(builder.select(isNaN.value, scalar(0).value, x.value), x.bound,
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
      &Generator::dotBiasActivation, &Generator::normalizationLayer,
      &Generator::iotaStep,          &Generator::convolutionStep,
      &Generator::poolStep,          &Generator::takeStep,
      &Generator::dynamicSliceStep,  &Generator::specialFloats,
      &Generator::scatterStep,       &Generator::otherTypeStep,
      &Generator::sortStep,          &Generator::controlFlowStep};
  static constexpr int weights[] = {14, 16, 2, 6, 4, 6, 6, 5, 6, 4, 4, 8, 5,
                                    6,  3,  3, 2, 4, 3, 3, 3, 2, 3, 3, 3, 3};
  static_assert(std::size(steps) == std::size(weights), "one weight per step");
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

} // namespace random_graph

llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
generateRandomGraph(mlir::MLIRContext &context, uint64_t seed) {
  random_graph::Generator generator(context, seed);
  auto module = generator.generate();
  if (!module)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "random graph " + std::to_string(seed) +
                                       ": " +
                                       llvm::toString(module.takeError()));
  return module;
}

} // namespace kiln
