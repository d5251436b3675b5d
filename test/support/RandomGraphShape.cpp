//===- RandomGraphShape.cpp - Shape steps of the generator ---===//
//
// Broadcast, reshape, transpose, slice, concatenate and pad steps.
//
//===----------------------------------------------------------------------===//

#include "test/support/RandomGraphGenerator.h"

namespace kiln::random_graph {

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

/// Slices along one axis at run-time indices (hlo.gather): indices from a
/// small i32 parameter or an f32 value converted, so that some fall outside
/// the axis and clamp.
bool Generator::takeStep() {
  std::optional<size_t> index =
      pickIndex([](const Val &v) { return v.value.rank() >= 1; });
  if (!index)
    return false;
  ArrayRef<int64_t> shape = pool[*index].val.shape();
  int64_t axis = rng.below(static_cast<int64_t>(shape.size()));
  std::optional<size_t> det = pickIndex([&](const Val &v) {
    return isType(v, f32) && v.deterministic && v.value.rank() <= 2;
  });
  bool converted = det && rng.chance(40);
  SmallVector<int64_t> indexShape(
      converted ? pool[*det].val.shape() : ArrayRef<int64_t>(randomShape(2)));
  if (product(shape) / shape[axis] * product(indexShape) > kMaxElements)
    return false;
  Val indices = converted ? toInt(use(*det)) : parameter(indexShape, i32);
  Val x = use(*index);
  if (!indices || !x)
    return false;
  push(make(builder.take(x.value, indices.value, axis), x.bound,
            x.deterministic));
  return true;
}

/// Combines a new parameter into a pool value's slices along one axis at
/// run-time indices (hlo.scatter, take's inverse): set, add, max or min,
/// with an i32 index parameter small enough that some indices repeat and
/// some fall outside the axis and are skipped.
bool Generator::scatterStep() {
  std::optional<size_t> index = pickIndex([&](const Val &v) {
    return v.value.rank() >= 1 && (isType(v, f32) || isType(v, i32));
  });
  if (!index)
    return false;
  ArrayRef<int64_t> shape = pool[*index].val.shape();
  int64_t axis = rng.below(static_cast<int64_t>(shape.size()));
  SmallVector<int64_t> indexShape(randomShape(rng.below(3)));
  SmallVector<int64_t> updateShape(shape.begin(), shape.begin() + axis);
  llvm::append_range(updateShape, indexShape);
  updateShape.append(shape.begin() + axis + 1, shape.end());
  if (product(updateShape) > kMaxElements)
    return false;
  Val x = use(*index);
  Val indices = parameter(indexShape, i32);
  Val updates = parameter(updateShape, x.value.elementType());
  if (!x || !indices || !updates)
    return false;
  std::optional<ReductionKind> kind = rng.pick<std::optional<ReductionKind>>(
      {std::nullopt, ReductionKind::Add, ReductionKind::Maximum,
       ReductionKind::Minimum});
  // Each element takes at most every update once.
  double bound = std::max(x.bound, updates.bound);
  if (kind == ReductionKind::Add)
    bound = x.bound + static_cast<double>(product(indexShape)) * updates.bound;
  push(make(builder.scatter(x.value, indices.value, updates.value, axis, kind),
            bound, x.deterministic));
  return true;
}

/// A sort of a pool value along one dimension (ascending or descending,
/// carrying another value of its shape or its positions along), or its
/// top k. Only exact keys: the order of inexact ones could differ in the
/// last place between correct implementations; f32 keys without NaN, which
/// sort by their sign (withoutNaN).
bool Generator::sortStep() {
  std::optional<size_t> index = pickIndex([&](const Val &v) {
    return v.value.rank() >= 1 && v.deterministic &&
           (isType(v, f32) || isType(v, i32));
  });
  if (!index)
    return false;
  Val keys = withoutNaN(use(*index));
  if (!keys)
    return false;
  int64_t rank = keys.value.rank();
  if (keys.shape().back() >= 1 && rng.chance(30)) {
    // k >= 1: a zero-size result would only end the graph's growth.
    int64_t k = rng.between(1, keys.shape().back());
    auto top = builder.topK(keys.value, k);
    if (!top) {
      take(llvm::Expected<GraphValue>(top.takeError()));
      return false;
    }
    push(Val{top->first, keys.bound, true});
    push(Val{top->second, static_cast<double>(keys.shape().back()), true});
    return true;
  }
  int64_t dim = rng.below(rank);
  SmallVector<GraphValue> values{keys.value};
  std::optional<size_t> carried = pickIndex([&](const Val &v) {
    return v.shape() == keys.shape() && v.value.value() != keys.value.value();
  });
  Val along;
  if (carried && rng.chance(50))
    along = use(*carried);
  else if (rng.chance(50))
    along = make(builder.iota(keys.shape(), dim, i32),
                 static_cast<double>(keys.shape()[dim]), true);
  if (along)
    values.push_back(along.value);
  auto sorted = builder.sort(values, dim - (rng.chance(30) ? rank : 0),
                             /*descending=*/rng.chance(50));
  if (!sorted) {
    take(llvm::Expected<GraphValue>(sorted.takeError()));
    return false;
  }
  push(Val{(*sorted)[0], keys.bound, true});
  if (along)
    push(Val{(*sorted)[1], along.bound, along.deterministic});
  return true;
}

/// A reverse, a dynamic_slice or a dynamic_update_slice of a pool value at
/// run-time start indices (0-d i32 parameters in [-10, 10], so that some
/// clamp).
bool Generator::dynamicSliceStep() {
  std::optional<size_t> index =
      pickIndex([](const Val &v) { return v.value.rank() >= 1; });
  if (!index)
    return false;
  Val x = use(*index);
  int64_t rank = x.value.rank();
  int kind = rng.pick<int>({0, 1, 2});
  if (kind == 0) {
    SmallVector<int64_t> dims;
    for (int64_t d = 0; d < rank; ++d)
      if (rng.chance(60))
        dims.push_back(d);
    push(make(builder.reverse(x.value, dims), x.bound, x.deterministic));
    return true;
  }
  SmallVector<GraphValue> starts;
  SmallVector<int64_t> sizes;
  for (int64_t size : x.shape()) {
    starts.push_back(parameter({}, i32).value);
    sizes.push_back(rng.between(size == 0 ? 0 : 1, size));
  }
  if (kind == 1) {
    push(make(builder.dynamicSlice(x.value, starts, sizes), x.bound,
              x.deterministic));
    return true;
  }
  Val update = parameter(sizes, x.value.elementType());
  push(make(builder.dynamicUpdateSlice(x.value, update.value, starts),
            std::max(x.bound, update.bound),
            x.deterministic && update.deterministic));
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

bool Generator::iotaStep() {
  // 0, 1, 2, ... along one dimension: exact in i32 and in f32 (every
  // dimension is far below 2^24), so deterministic.
  SmallVector<int64_t> shape = randomShape();
  if (shape.empty())
    return false;
  int64_t dimension = rng.below(static_cast<int64_t>(shape.size()));
  mlir::Type type = rng.chance(50) ? f32 : i32;
  double bound = static_cast<double>(shape[dimension] - 1);
  push(normalize(make(builder.iota(shape, dimension, type), bound, true)));
  return true;
}

} // namespace kiln::random_graph
