//===- GraphBuilderShape.cpp - GraphBuilder's shape ops ------------------===//
//
// iota, broadcasts, reshape, transpose, slice, concatenate and pad: each
// checks its operands against the op's constraints (StableHLO's spec) and
// computes the result type itself, so no op is created that would fail type
// inference.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/builder/GraphBuilder.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using llvm::Expected;
using llvm::StringRef;

namespace kiln {

Expected<GraphValue> GraphBuilder::iota(llvm::ArrayRef<int64_t> shape,
                                        int64_t dimension, Type elementType) {
  StringRef method = "iota";
  if (!elementType)
    elementType = Float32Type::get(&context);
  if (auto err = checkUsable(method, {}))
    return std::move(err);
  if (auto err = checkSupportedElementType(method, elementType))
    return std::move(err);
  if (auto err = checkShape(method, shape))
    return std::move(err);
  auto rank = static_cast<int64_t>(shape.size());
  if (dimension < 0 || dimension >= rank)
    return error(method, "iota dimension " + llvm::Twine(dimension) +
                             " is out of range for rank " + llvm::Twine(rank));
  return wrap(create<hlo::IotaOp>(RankedTensorType::get(shape, elementType),
                                  static_cast<uint64_t>(dimension)));
}

Expected<GraphValue> GraphBuilder::broadcastTo(GraphValue x,
                                               llvm::ArrayRef<int64_t> shape) {
  StringRef method = "broadcastTo";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  if (auto err = checkShape(method, shape))
    return std::move(err);
  auto rank = static_cast<int64_t>(shape.size());
  if (x.rank() > rank)
    return error(method, "cannot broadcast " + std::to_string(x.rank()) +
                             "-d tensor to the lower rank shape " +
                             listText(shape));
  int64_t offset = rank - x.rank();
  for (auto [i, size] : llvm::enumerate(x.shape()))
    if (size != 1 && size != shape[offset + i])
      return error(method, "cannot broadcast shape " + listText(x.shape()) +
                               " to " + listText(shape) + ": dimension " +
                               llvm::Twine(offset + i) + " has size " +
                               llvm::Twine(size) + " vs " +
                               llvm::Twine(shape[offset + i]));
  return broadcastUnchecked(x, shape);
}

Expected<GraphValue>
GraphBuilder::broadcastInDim(GraphValue x, llvm::ArrayRef<int64_t> shape,
                             llvm::ArrayRef<int64_t> dims) {
  StringRef method = "broadcastInDim";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  if (auto err = checkShape(method, shape))
    return std::move(err);
  // broadcast_in_dim_c2: one result dimension per operand dimension.
  if (static_cast<int64_t>(dims.size()) != x.rank())
    return error(method, "got " + llvm::Twine(dims.size()) +
                             " dimensions for an operand of rank " +
                             llvm::Twine(x.rank()));
  auto rank = static_cast<int64_t>(shape.size());
  for (auto [i, dim] : llvm::enumerate(dims)) {
    // broadcast_in_dim_c3, c4: in range and unique.
    if (dim < 0 || dim >= rank)
      return error(method, "dimension " + llvm::Twine(dim) +
                               " is out of range for a result of rank " +
                               llvm::Twine(rank));
    if (llvm::count(dims, dim) > 1)
      return error(method, "dimension " + llvm::Twine(dim) + " is repeated");
    // broadcast_in_dim_c5: size 1 or equal.
    int64_t size = x.shape()[i];
    if (size != 1 && size != shape[dim])
      return error(method, "operand dimension " + llvm::Twine(i) +
                               " has size " + llvm::Twine(size) +
                               " but result dimension " + llvm::Twine(dim) +
                               " has size " + llvm::Twine(shape[dim]));
  }
  auto type = RankedTensorType::get(shape, x.elementType());
  return wrap(create<hlo::BroadcastInDimOp>(type, x.value(), dims));
}

Expected<GraphValue> GraphBuilder::reshape(GraphValue x,
                                           llvm::ArrayRef<int64_t> shape) {
  StringRef method = "reshape";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  llvm::SmallVector<int64_t> sizes(shape);
  auto inferred = llvm::find(sizes, -1);
  if (inferred != sizes.end()) {
    if (std::find(inferred + 1, sizes.end(), -1) != sizes.end())
      return error(method,
                   "only one dimension may be -1 in " + listText(shape));
    *inferred = 1;
  }
  if (auto err = checkShape(method, sizes))
    return std::move(err);
  int64_t known = ShapedType::getNumElements(sizes);
  int64_t total = x.type().getNumElements();
  if (inferred != sizes.end()) {
    if (known == 0 || total % known != 0)
      return error(method, "cannot infer the -1 dimension of " +
                               listText(shape) + " for " + llvm::Twine(total) +
                               " elements");
    *inferred = total / known;
  } else if (known != total) {
    // reshape_c1: same number of elements.
    return error(method, "cannot reshape " + listText(x.shape()) + " (" +
                             llvm::Twine(total) + " elements) to " +
                             listText(shape) + " (" + llvm::Twine(known) +
                             " elements)");
  }
  auto type = RankedTensorType::get(sizes, x.elementType());
  if (type == x.type())
    return x;
  return wrap(create<hlo::ReshapeOp>(type, x.value()));
}

Expected<GraphValue>
GraphBuilder::transpose(GraphValue x, llvm::ArrayRef<int64_t> permutation) {
  StringRef method = "transpose";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  // transpose_c2: a permutation of [0, rank).
  bool isPermutation =
      static_cast<int64_t>(permutation.size()) == x.rank() &&
      llvm::all_of(permutation, [&](int64_t dim) {
        return dim >= 0 && dim < x.rank() && llvm::count(permutation, dim) == 1;
      });
  if (!isPermutation)
    return error(method, listText(permutation) +
                             " is not a permutation of the dimensions of a "
                             "tensor of rank " +
                             llvm::Twine(x.rank()));
  llvm::SmallVector<int64_t> shape;
  for (int64_t dim : permutation)
    shape.push_back(x.shape()[dim]);
  auto type = RankedTensorType::get(shape, x.elementType());
  return wrap(create<hlo::TransposeOp>(
      type, x.value(), opBuilder.getDenseI64ArrayAttr(permutation)));
}

Expected<GraphValue> GraphBuilder::slice(GraphValue x,
                                         llvm::ArrayRef<int64_t> start,
                                         llvm::ArrayRef<int64_t> limit,
                                         llvm::ArrayRef<int64_t> strides) {
  StringRef method = "slice";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  llvm::SmallVector<int64_t> steps(strides);
  if (steps.empty())
    steps.assign(x.rank(), 1);
  // slice_c2: one start, limit and stride per dimension.
  auto rank = static_cast<size_t>(x.rank());
  if (start.size() != rank || limit.size() != rank || steps.size() != rank)
    return error(method, "expected " + llvm::Twine(rank) +
                             " start, limit and stride values (one per "
                             "dimension), got " +
                             llvm::Twine(start.size()) + ", " +
                             llvm::Twine(limit.size()) + " and " +
                             llvm::Twine(steps.size()));
  llvm::SmallVector<int64_t> shape;
  for (size_t i = 0; i < rank; ++i) {
    // slice_c3, c4: 0 <= start <= limit <= size, stride > 0.
    if (start[i] < 0 || start[i] > limit[i] || limit[i] > x.shape()[i])
      return error(method,
                   "dimension " + llvm::Twine(i) + " of size " +
                       llvm::Twine(x.shape()[i]) + " cannot be sliced from " +
                       llvm::Twine(start[i]) + " to " + llvm::Twine(limit[i]));
    if (steps[i] <= 0)
      return error(method, "stride " + llvm::Twine(steps[i]) +
                               " of dimension " + llvm::Twine(i) +
                               " is not positive");
    shape.push_back(llvm::divideCeil(limit[i] - start[i], steps[i]));
  }
  auto type = RankedTensorType::get(shape, x.elementType());
  return wrap(create<hlo::SliceOp>(type, x.value(),
                                   opBuilder.getDenseI64ArrayAttr(start),
                                   opBuilder.getDenseI64ArrayAttr(limit),
                                   opBuilder.getDenseI64ArrayAttr(steps)));
}

Expected<GraphValue> GraphBuilder::reverse(GraphValue x,
                                           llvm::ArrayRef<int64_t> dims) {
  StringRef method = "reverse";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  auto normalized = normalizeDims(method, dims, x.rank());
  if (!normalized)
    return normalized.takeError();
  return wrap(create<hlo::ReverseOp>(
      x.value(), opBuilder.getDenseI64ArrayAttr(*normalized)));
}

/// Why `starts` is not one 0-d i32 or i64 value per dimension of a tensor
/// of rank `rank`, all of one type ("" when it is).
static std::string startsProblem(llvm::ArrayRef<GraphValue> starts,
                                 int64_t rank) {
  if (static_cast<int64_t>(starts.size()) != rank)
    return ("expected " + llvm::Twine(rank) +
            " start indices (one per dimension), got " +
            llvm::Twine(starts.size()))
        .str();
  for (GraphValue start : starts)
    if (start.rank() != 0 ||
        start.elementType() != starts.front().elementType() ||
        !(start.elementType().isSignlessInteger(32) ||
          start.elementType().isSignlessInteger(64)))
      return "start indices must be 0-d i32 or i64 values of one type";
  return "";
}

Expected<GraphValue>
GraphBuilder::dynamicSlice(GraphValue x, llvm::ArrayRef<GraphValue> starts,
                           llvm::ArrayRef<int64_t> sizes) {
  StringRef method = "dynamicSlice";
  llvm::SmallVector<GraphValue> all(starts);
  all.push_back(x);
  if (auto err = checkUsable(method, all))
    return std::move(err);
  if (std::string problem = startsProblem(starts, x.rank()); !problem.empty())
    return error(method, problem);
  if (static_cast<int64_t>(sizes.size()) != x.rank())
    return error(method, "expected " + llvm::Twine(x.rank()) + " sizes, got " +
                             llvm::Twine(sizes.size()));
  for (auto [d, size] : llvm::enumerate(sizes))
    if (size < 0 || size > x.shape()[d])
      return error(method, "size " + llvm::Twine(size) + " of dimension " +
                               llvm::Twine(d) + " is not within [0, " +
                               llvm::Twine(x.shape()[d]) + "]");
  llvm::SmallVector<Value> startValues;
  for (GraphValue start : starts)
    startValues.push_back(start.value());
  return wrap(create<hlo::DynamicSliceOp>(
      x.value(), startValues, opBuilder.getDenseI64ArrayAttr(sizes)));
}

Expected<GraphValue>
GraphBuilder::dynamicUpdateSlice(GraphValue x, GraphValue update,
                                 llvm::ArrayRef<GraphValue> starts) {
  StringRef method = "dynamicUpdateSlice";
  llvm::SmallVector<GraphValue> all(starts);
  all.append({x, update});
  if (auto err = checkUsable(method, all))
    return std::move(err);
  if (auto err = checkSameElementType(method, {x, update}))
    return std::move(err);
  if (std::string problem = startsProblem(starts, x.rank()); !problem.empty())
    return error(method, problem);
  bool fits = update.rank() == x.rank();
  for (int64_t d = 0; fits && d < x.rank(); ++d)
    fits = update.shape()[d] <= x.shape()[d];
  if (!fits)
    return error(method, "an update of shape " + listText(update.shape()) +
                             " does not fit in a tensor of shape " +
                             listText(x.shape()));
  llvm::SmallVector<Value> startValues;
  for (GraphValue start : starts)
    startValues.push_back(start.value());
  return wrap(create<hlo::DynamicUpdateSliceOp>(x.value(), update.value(),
                                                startValues));
}

Expected<GraphBuilder::IndexedAxis>
GraphBuilder::indexedAxis(StringRef method, GraphValue x, GraphValue indices,
                          int64_t axis) {
  if (auto err = checkIndexType(method, indices))
    return std::move(err);
  auto dims = normalizeDims(method, {axis}, x.rank());
  if (!dims)
    return dims.takeError();
  // The index vector is implicit (index_vector_dim = indices' rank): each
  // element of `indices` is the position along `dim` of one window of x's
  // other dimensions, which sit around the indices' dimensions.
  IndexedAxis result{dims->front(), {}};
  for (int64_t d = 0; d < x.rank(); ++d)
    if (d != result.dim)
      result.windowDims.push_back(d < result.dim ? d : d - 1 + indices.rank());
  return result;
}

Expected<GraphValue> GraphBuilder::take(GraphValue x, GraphValue indices,
                                        int64_t axis) {
  StringRef method = "take";
  if (auto err = checkUsable(method, {x, indices}))
    return std::move(err);
  Expected<IndexedAxis> indexed = indexedAxis(method, x, indices, axis);
  if (!indexed)
    return indexed.takeError();
  // Each slice has size 1 along `dim`, which is collapsed.
  SmallVector<int64_t> sliceSizes(x.shape());
  sliceSizes[indexed->dim] = 1;
  auto numbers = hlo::GatherDimensionNumbersAttr::get(
      opBuilder.getContext(), indexed->windowDims, {indexed->dim}, {}, {},
      {indexed->dim}, indices.rank());
  return wrap(create<hlo::GatherOp>(x.value(), indices.value(), numbers,
                                    opBuilder.getDenseI64ArrayAttr(sliceSizes),
                                    opBuilder.getBoolAttr(false)));
}

Expected<GraphValue>
GraphBuilder::takeAlongAxis(GraphValue x, GraphValue indices, int64_t axis) {
  StringRef method = "takeAlongAxis";
  if (auto err = checkUsable(method, {x, indices}))
    return std::move(err);
  if (auto err = checkIndexType(method, indices))
    return std::move(err);
  if (indices.rank() != x.rank())
    return error(method, "indices must have x's rank " + llvm::Twine(x.rank()) +
                             ", got shape " + listText(indices.shape()));
  auto dims = normalizeDims(method, {axis}, x.rank());
  if (!dims)
    return dims.takeError();
  int64_t dim = dims->front();
  // Outside `axis`, the result reads x only where indices has elements:
  // x sliced to those sizes pairs with indices dimension by dimension, as
  // gather's batching dimensions.
  SmallVector<int64_t> start(x.rank(), 0), limit(indices.shape());
  limit[dim] = x.shape()[dim];
  SmallVector<int64_t> batching;
  for (int64_t d = 0; d < x.rank(); ++d) {
    if (d == dim)
      continue;
    if (indices.shape()[d] > x.shape()[d])
      return error(method, "indices of shape " + listText(indices.shape()) +
                               " reach past x of shape " + listText(x.shape()) +
                               " in dimension " + llvm::Twine(d));
    batching.push_back(d);
  }
  Expected<GraphValue> sliced = slice(x, start, limit);
  if (!sliced)
    return sliced.takeError();
  auto numbers = hlo::GatherDimensionNumbersAttr::get(
      opBuilder.getContext(), {}, {dim}, batching, batching, {dim},
      indices.rank());
  SmallVector<int64_t> sliceSizes(x.rank(), 1);
  return wrap(create<hlo::GatherOp>(sliced->value(), indices.value(), numbers,
                                    opBuilder.getDenseI64ArrayAttr(sliceSizes),
                                    opBuilder.getBoolAttr(false)));
}

Expected<GraphValue>
GraphBuilder::concatenate(llvm::ArrayRef<GraphValue> values,
                          int64_t dimension) {
  StringRef method = "concatenate";
  if (auto err = checkUsable(method, values))
    return std::move(err);
  if (values.empty())
    return error(method, "needs at least one value");
  if (auto err = checkSameElementType(method, values))
    return std::move(err);
  GraphValue first = values.front();
  auto dims = normalizeDims(method, {dimension}, first.rank());
  if (!dims)
    return dims.takeError();
  int64_t dim = dims->front();
  llvm::SmallVector<int64_t> shape(first.shape());
  shape[dim] = 0;
  llvm::SmallVector<Value> operands;
  for (auto [i, value] : llvm::enumerate(values)) {
    // concatenate_c2, c6: same rank, same sizes except along `dim`.
    bool compatible = value.rank() == first.rank();
    for (int64_t d = 0; compatible && d < first.rank(); ++d)
      compatible = d == dim || value.shape()[d] == first.shape()[d];
    if (!compatible)
      return error(method, "operand " + llvm::Twine(i) + " of shape " +
                               listText(value.shape()) +
                               " does not match operand 0 of shape " +
                               listText(first.shape()) + " outside dimension " +
                               llvm::Twine(dim));
    shape[dim] += value.shape()[dim];
    operands.push_back(value.value());
  }
  auto type = RankedTensorType::get(shape, first.elementType());
  return wrap(
      create<hlo::ConcatenateOp>(type, operands, static_cast<uint64_t>(dim)));
}

Expected<GraphValue> GraphBuilder::pad(GraphValue x, GraphValue paddingValue,
                                       llvm::ArrayRef<int64_t> low,
                                       llvm::ArrayRef<int64_t> high,
                                       llvm::ArrayRef<int64_t> interior) {
  StringRef method = "pad";
  if (auto err = checkUsable(method, {x, paddingValue}))
    return std::move(err);
  if (auto err = checkSameElementType(method, {x, paddingValue}))
    return std::move(err);
  if (paddingValue.rank() != 0)
    return error(method, "the padding value must be a scalar (rank 0), got "
                         "shape " +
                             listText(paddingValue.shape()));
  llvm::SmallVector<int64_t> inner(interior);
  if (inner.empty())
    inner.assign(x.rank(), 0);
  auto rank = static_cast<size_t>(x.rank());
  // pad_c2: one low, high and interior value per dimension.
  if (low.size() != rank || high.size() != rank || inner.size() != rank)
    return error(method, "expected " + llvm::Twine(rank) +
                             " low, high and interior values (one per "
                             "dimension), got " +
                             llvm::Twine(low.size()) + ", " +
                             llvm::Twine(high.size()) + " and " +
                             llvm::Twine(inner.size()));
  llvm::SmallVector<int64_t> shape;
  for (size_t i = 0; i < rank; ++i) {
    // pad_c3: interior padding is non-negative.
    if (inner[i] < 0)
      return error(method, "interior padding " + llvm::Twine(inner[i]) +
                               " of dimension " + llvm::Twine(i) +
                               " is negative");
    int64_t size = x.shape()[i];
    int64_t padded =
        low[i] + high[i] + size + std::max<int64_t>(size - 1, 0) * inner[i];
    // pad_c4: negative edge padding may crop, but not below zero.
    if (padded < 0)
      return error(method, "dimension " + llvm::Twine(i) +
                               " would have negative size " +
                               llvm::Twine(padded));
    shape.push_back(padded);
  }
  auto type = RankedTensorType::get(shape, x.elementType());
  return wrap(create<hlo::PadOp>(type, x.value(), paddingValue.value(), low,
                                 high, inner));
}

} // namespace kiln
