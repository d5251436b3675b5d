//===- GraphBuilderLayers.cpp - Reductions, contractions and layers ------===//
//
// GraphBuilder's reduce, dot_general, matmul, convolution and pooling, and
// the layers composed from primitives (relu, softmax, layerNorm). Each method
// checks everything before creating IR and computes its result types itself.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/builder/GraphBuilder.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <limits>

using namespace mlir;
using llvm::Expected;
using llvm::StringRef;

/// Binds `var` to the value of the Expected<GraphValue> `expr`, or returns
/// its error. Composite layers only call methods whose inputs they checked,
/// so this propagates what would be a bug in the builder, not user misuse.
#define KILN_ASSIGN_OR_RETURN(var, expr)                                       \
  auto var##OrError = (expr);                                                  \
  if (!var##OrError)                                                           \
    return var##OrError.takeError();                                           \
  GraphValue var = *var##OrError

namespace kiln {

namespace {

/// Fills `region` with the body of a reduce or reduce_window applying `kind`
/// to two scalars of `elementType`.
void buildReductionBody(OpBuilder &builder, Location loc, Region &region,
                        Type elementType, ReductionKind kind) {
  OpBuilder::InsertionGuard guard(builder);
  auto scalarType = RankedTensorType::get({}, elementType);
  Block *body =
      builder.createBlock(&region, {}, {scalarType, scalarType}, {loc, loc});
  Value lhs = body->getArgument(0), rhs = body->getArgument(1);
  Value result;
  switch (kind) {
  case ReductionKind::Add:
    result = builder.create<hlo::AddOp>(loc, scalarType, lhs, rhs);
    break;
  case ReductionKind::Multiply:
    result = builder.create<hlo::MulOp>(loc, scalarType, lhs, rhs);
    break;
  case ReductionKind::Maximum:
    result = builder.create<hlo::MaxOp>(loc, scalarType, lhs, rhs);
    break;
  case ReductionKind::Minimum:
    result = builder.create<hlo::MinOp>(loc, scalarType, lhs, rhs);
    break;
  }
  builder.create<hlo::ReturnOp>(loc, ValueRange{result});
}

/// The identity of `kind` for `elementType`: 0, 1, or the lowest/highest
/// value (-inf/+inf for f32; false/true for i1).
double reductionIdentity(ReductionKind kind, Type elementType) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  bool isBool = elementType.isInteger(1);
  switch (kind) {
  case ReductionKind::Add:
    return 0.0;
  case ReductionKind::Multiply:
    return 1.0;
  case ReductionKind::Maximum:
    return isBool ? 0.0 : -inf;
  case ReductionKind::Minimum:
    return isBool ? 1.0 : inf;
  }
  return 0.0;
}
} // namespace

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

Expected<GraphValue> GraphBuilder::reduce(GraphValue x, GraphValue init,
                                          llvm::ArrayRef<int64_t> dims,
                                          ReductionKind kind) {
  StringRef method = "reduce";
  if (auto err = checkUsable(method, {x, init}))
    return std::move(err);
  if (auto err = checkSameElementType(method, {x, init}))
    return std::move(err);
  if (init.rank() != 0)
    return error(method, "the initial value must be a scalar (rank 0), got "
                         "shape " +
                             listText(init.shape()));
  auto normalized = normalizeDims(method, dims, x.rank());
  if (!normalized)
    return normalized.takeError();
  llvm::sort(*normalized);
  llvm::SmallVector<int64_t> shape;
  for (int64_t d = 0; d < x.rank(); ++d)
    if (!llvm::is_contained(*normalized, d))
      shape.push_back(x.shape()[d]);
  auto type = RankedTensorType::get(shape, x.elementType());
  auto op = create<hlo::ReduceOp>(TypeRange{type}, ValueRange{x.value()},
                                  ValueRange{init.value()},
                                  opBuilder.getDenseI64ArrayAttr(*normalized));
  buildReductionBody(opBuilder, location, op.getBody(), x.elementType(), kind);
  return wrap(op->getResult(0));
}

Expected<GraphValue> GraphBuilder::scatter(GraphValue x, GraphValue indices,
                                           GraphValue updates, int64_t axis,
                                           std::optional<ReductionKind> kind) {
  StringRef method = "scatter";
  if (auto err = checkUsable(method, {x, indices, updates}))
    return std::move(err);
  if (auto err = checkSameElementType(method, {x, updates}))
    return std::move(err);
  Expected<IndexedAxis> indexed = indexedAxis(method, x, indices, axis);
  if (!indexed)
    return indexed.takeError();
  int64_t dim = indexed->dim;
  // Take's result shape: x's with `dim` replaced by the indices' shape.
  SmallVector<int64_t> updateShape(x.shape().take_front(dim));
  llvm::append_range(updateShape, indices.shape());
  updateShape.append(x.shape().begin() + dim + 1, x.shape().end());
  if (updates.shape() != ArrayRef<int64_t>(updateShape))
    return error(method, "updates must have shape " + listText(updateShape) +
                             " (x's with dimension " + llvm::Twine(dim) +
                             " replaced by the indices' shape), got " +
                             listText(updates.shape()));
  auto numbers = hlo::ScatterDimensionNumbersAttr::get(
      opBuilder.getContext(), indexed->windowDims, {dim}, {}, {}, {dim},
      indices.rank());
  return scatterUnchecked(x, indices, updates, numbers, kind);
}

Expected<GraphValue>
GraphBuilder::scatterND(GraphValue x, GraphValue indices, GraphValue updates,
                        std::optional<ReductionKind> kind) {
  StringRef method = "scatterND";
  if (auto err = checkUsable(method, {x, indices, updates}))
    return std::move(err);
  if (auto err = checkSameElementType(method, {x, updates}))
    return std::move(err);
  if (auto err = checkIndexType(method, indices))
    return std::move(err);
  if (indices.rank() == 0)
    return error(method, "indices must have a last dimension of positions");
  int64_t k = indices.shape().back();
  if (k > x.rank())
    return error(method, "indices hold " + llvm::Twine(k) +
                             " positions, more than x's rank " +
                             llvm::Twine(x.rank()));
  int64_t q = indices.rank();
  SmallVector<int64_t> updateShape(indices.shape().drop_back());
  updateShape.append(x.shape().begin() + k, x.shape().end());
  if (updates.shape() != ArrayRef<int64_t>(updateShape))
    return error(method, "updates must have shape " + listText(updateShape) +
                             " (indices' without the last dimension, then "
                             "x's from dimension " +
                             llvm::Twine(k) + "), got " +
                             listText(updates.shape()));
  // The update's window is x's dimensions from k on, after the q - 1
  // scatter dimensions; the first k dimensions of x are indexed away.
  SmallVector<int64_t> windowDims, indexedDims;
  for (int64_t d = 0; d < x.rank() - k; ++d)
    windowDims.push_back(q - 1 + d);
  for (int64_t d = 0; d < k; ++d)
    indexedDims.push_back(d);
  auto numbers = hlo::ScatterDimensionNumbersAttr::get(
      opBuilder.getContext(), windowDims, indexedDims, {}, {}, indexedDims,
      q - 1);
  return scatterUnchecked(x, indices, updates, numbers, kind);
}

GraphValue
GraphBuilder::scatterUnchecked(GraphValue x, GraphValue indices,
                               GraphValue updates,
                               hlo::ScatterDimensionNumbersAttr numbers,
                               std::optional<ReductionKind> kind) {
  auto op = create<hlo::ScatterOp>(
      TypeRange{x.value().getType()}, ValueRange{x.value()}, indices.value(),
      ValueRange{updates.value()}, numbers, opBuilder.getBoolAttr(false),
      opBuilder.getBoolAttr(false));
  if (kind) {
    buildReductionBody(opBuilder, location, op.getUpdateComputation(),
                       x.elementType(), *kind);
  } else {
    // .set: the update replaces the element.
    OpBuilder::InsertionGuard guard(opBuilder);
    auto scalarType = RankedTensorType::get({}, x.elementType());
    Block *body =
        opBuilder.createBlock(&op.getUpdateComputation(), {},
                              {scalarType, scalarType}, {location, location});
    opBuilder.create<hlo::ReturnOp>(location, ValueRange{body->getArgument(1)});
  }
  return wrap(op->getResult(0));
}

Expected<SmallVector<GraphValue>>
GraphBuilder::sort(ArrayRef<GraphValue> values, int64_t dim, bool descending) {
  StringRef method = "sort";
  if (values.empty())
    return error(method, "needs at least one value");
  if (auto err = checkUsable(method, values))
    return std::move(err);
  for (GraphValue value : values)
    if (value.shape() != values.front().shape())
      return error(method, "values must have one shape, got " +
                               listText(values.front().shape()) + " and " +
                               listText(value.shape()));
  if (values.front().rank() == 0)
    return error(method, "a scalar has no dimension to sort along");
  Expected<SmallVector<int64_t>> normalized =
      normalizeDims(method, {dim}, values.front().rank());
  if (!normalized)
    return normalized.takeError();
  SmallVector<Value> inputs;
  for (GraphValue value : values)
    inputs.push_back(value.value());
  hlo::SortOp op = hlo::buildSortByFirst(
      opBuilder, location, inputs, normalized->front(),
      descending ? hlo::ComparisonDirection::GT : hlo::ComparisonDirection::LT);
  return wrapAll(op.getResults());
}

Expected<std::pair<GraphValue, GraphValue>> GraphBuilder::topK(GraphValue x,
                                                               int64_t k) {
  StringRef method = "topK";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  if (x.rank() == 0)
    return error(method, "a scalar has no last dimension");
  if (k < 0 || k > x.shape().back())
    return error(method, "k = " + llvm::Twine(k) +
                             " is out of range for a last dimension of " +
                             llvm::Twine(x.shape().back()));
  auto op = create<hlo::TopKOp>(x.value(), k);
  return std::make_pair(wrap(op.getValues()), wrap(op.getIndices()));
}

/// reduce() starting from the identity of `kind`.
static Expected<GraphValue> reduceWithIdentity(GraphBuilder &builder,
                                               GraphValue x,
                                               llvm::ArrayRef<int64_t> dims,
                                               ReductionKind kind) {
  KILN_ASSIGN_OR_RETURN(
      init, builder.constant(reductionIdentity(kind, x.elementType()),
                             x.elementType()));
  return builder.reduce(x, init, dims, kind);
}

Expected<GraphValue> GraphBuilder::reduceSum(GraphValue x,
                                             llvm::ArrayRef<int64_t> dims) {
  // Check first so that a misuse creates no init constant.
  if (auto err = checkUsable("reduceSum", {x}))
    return std::move(err);
  if (auto dimsOrError = normalizeDims("reduceSum", dims, x.rank());
      !dimsOrError)
    return dimsOrError.takeError();
  return reduceWithIdentity(*this, x, dims, ReductionKind::Add);
}

Expected<GraphValue> GraphBuilder::reduceMax(GraphValue x,
                                             llvm::ArrayRef<int64_t> dims) {
  if (auto err = checkUsable("reduceMax", {x}))
    return std::move(err);
  if (auto dimsOrError = normalizeDims("reduceMax", dims, x.rank());
      !dimsOrError)
    return dimsOrError.takeError();
  return reduceWithIdentity(*this, x, dims, ReductionKind::Maximum);
}

Expected<GraphValue> GraphBuilder::reduceMin(GraphValue x,
                                             llvm::ArrayRef<int64_t> dims) {
  if (auto err = checkUsable("reduceMin", {x}))
    return std::move(err);
  if (auto dimsOrError = normalizeDims("reduceMin", dims, x.rank());
      !dimsOrError)
    return dimsOrError.takeError();
  return reduceWithIdentity(*this, x, dims, ReductionKind::Minimum);
}

Expected<GraphValue> GraphBuilder::expandReduced(GraphValue reduced,
                                                 llvm::ArrayRef<int64_t> shape,
                                                 llvm::ArrayRef<int64_t> dims) {
  llvm::SmallVector<int64_t> kept;
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d)
    if (!llvm::is_contained(dims, d))
      kept.push_back(d);
  return broadcastInDim(reduced, shape, kept);
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

Expected<GraphValue> GraphBuilder::dotGeneral(
    GraphValue lhs, GraphValue rhs, llvm::ArrayRef<int64_t> lhsBatch,
    llvm::ArrayRef<int64_t> rhsBatch, llvm::ArrayRef<int64_t> lhsContract,
    llvm::ArrayRef<int64_t> rhsContract) {
  StringRef method = "dotGeneral";
  if (auto err = checkUsable(method, {lhs, rhs}))
    return std::move(err);
  if (auto err = checkSameElementType(method, {lhs, rhs}))
    return std::move(err);
  // dot_general_c1, c2: batching and contracting dimensions pair up.
  if (lhsBatch.size() != rhsBatch.size())
    return error(method, "lhs has " + llvm::Twine(lhsBatch.size()) +
                             " batching dimensions but rhs has " +
                             llvm::Twine(rhsBatch.size()));
  if (lhsContract.size() != rhsContract.size())
    return error(method, "lhs has " + llvm::Twine(lhsContract.size()) +
                             " contracting dimensions but rhs has " +
                             llvm::Twine(rhsContract.size()));
  // dot_general_c3-c8: in range and unique per side (normalizeDims checks
  // the batching and contracting dimensions of one side together).
  auto lhsDims = normalizeDims(
      method,
      llvm::to_vector(llvm::concat<const int64_t>(lhsBatch, lhsContract)),
      lhs.rank());
  if (!lhsDims)
    return lhsDims.takeError();
  auto rhsDims = normalizeDims(
      method,
      llvm::to_vector(llvm::concat<const int64_t>(rhsBatch, rhsContract)),
      rhs.rank());
  if (!rhsDims)
    return rhsDims.takeError();
  // dot_general_c9, c10: paired dimensions have equal sizes.
  for (auto [l, r] : llvm::zip_equal(*lhsDims, *rhsDims))
    if (lhs.shape()[l] != rhs.shape()[r])
      return error(method, "lhs dimension " + llvm::Twine(l) + " of size " +
                               llvm::Twine(lhs.shape()[l]) +
                               " is paired with rhs dimension " +
                               llvm::Twine(r) + " of size " +
                               llvm::Twine(rhs.shape()[r]));
  size_t batchCount = lhsBatch.size();
  llvm::ArrayRef<int64_t> lhsAll(*lhsDims), rhsAll(*rhsDims);
  llvm::SmallVector<int64_t> shape;
  for (int64_t d : lhsAll.take_front(batchCount))
    shape.push_back(lhs.shape()[d]);
  for (int64_t d = 0; d < lhs.rank(); ++d)
    if (!llvm::is_contained(lhsAll, d))
      shape.push_back(lhs.shape()[d]);
  for (int64_t d = 0; d < rhs.rank(); ++d)
    if (!llvm::is_contained(rhsAll, d))
      shape.push_back(rhs.shape()[d]);
  auto numbers = hlo::DotDimensionNumbersAttr::get(
      &context, lhsAll.take_front(batchCount), rhsAll.take_front(batchCount),
      lhsAll.drop_front(batchCount), rhsAll.drop_front(batchCount));
  auto type = RankedTensorType::get(shape, lhs.elementType());
  return wrap(create<hlo::DotGeneralOp>(type, lhs.value(), rhs.value(), numbers,
                                        ArrayAttr(), DictionaryAttr()));
}

Expected<GraphValue> GraphBuilder::matmul(GraphValue lhs, GraphValue rhs) {
  StringRef method = "matmul";
  if (auto err = checkUsable(method, {lhs, rhs}))
    return std::move(err);
  if (auto err = checkSameElementType(method, {lhs, rhs}))
    return std::move(err);
  if (lhs.rank() == 0 || rhs.rank() == 0)
    return error(method, "operands must have rank 1 or more, got shapes " +
                             listText(lhs.shape()) + " and " +
                             listText(rhs.shape()));
  int64_t lhsK = lhs.shape().back();
  int64_t rhsK = rhs.rank() == 1 ? rhs.shape()[0] : rhs.shape()[rhs.rank() - 2];
  if (lhsK != rhsK)
    return error(method, "cannot multiply " + listText(lhs.shape()) + " by " +
                             listText(rhs.shape()) + ": lhs has " +
                             llvm::Twine(lhsK) + " columns but rhs has " +
                             llvm::Twine(rhsK) + " rows");
  // The common case of a weight matrix: contract lhs's last dimension with
  // rhs's first; the result's dimension order is already NumPy's.
  if (rhs.rank() <= 2)
    return dotGeneral(lhs, rhs, {}, {}, {lhs.rank() - 1}, {0});
  if (lhs.rank() == 1) {
    // A vector times a stack of matrices: [k] x [..., k, m] -> [..., m].
    int64_t batch = rhs.rank() - 2;
    auto batchDims = llvm::to_vector(llvm::seq<int64_t>(0, batch));
    llvm::SmallVector<int64_t> shape(rhs.shape().drop_back(2));
    shape.push_back(lhsK);
    KILN_ASSIGN_OR_RETURN(stacked, broadcastTo(lhs, shape));
    return dotGeneral(stacked, rhs, batchDims, batchDims, {batch}, {batch});
  }
  // Both have batch dimensions (or rhs does): broadcast them NumPy-style and
  // contract in one batched dot_general.
  auto lhsBatchShape = lhs.shape().drop_back(2);
  auto rhsBatchShape = rhs.shape().drop_back(2);
  llvm::SmallVector<int64_t> batchShape;
  {
    size_t rank = std::max(lhsBatchShape.size(), rhsBatchShape.size());
    for (size_t i = 0; i < rank; ++i) {
      auto sizeAt = [&](llvm::ArrayRef<int64_t> s) -> int64_t {
        size_t offset = rank - s.size();
        return i < offset ? 1 : s[i - offset];
      };
      int64_t l = sizeAt(lhsBatchShape), r = sizeAt(rhsBatchShape);
      if (l != r && l != 1 && r != 1)
        return error(method, "cannot broadcast the batch dimensions of " +
                                 listText(lhs.shape()) + " and " +
                                 listText(rhs.shape()) + ": " + llvm::Twine(l) +
                                 " vs " + llvm::Twine(r));
      batchShape.push_back(l == 1 ? r : l);
    }
  }
  llvm::SmallVector<int64_t> lhsShape(batchShape), rhsShape(batchShape);
  lhsShape.append(lhs.shape().take_back(2).begin(),
                  lhs.shape().take_back(2).end());
  rhsShape.append(rhs.shape().take_back(2).begin(),
                  rhs.shape().take_back(2).end());
  KILN_ASSIGN_OR_RETURN(l, broadcastTo(lhs, lhsShape));
  KILN_ASSIGN_OR_RETURN(r, broadcastTo(rhs, rhsShape));
  auto batch = static_cast<int64_t>(batchShape.size());
  auto batchDims = llvm::to_vector(llvm::seq<int64_t>(0, batch));
  return dotGeneral(l, r, batchDims, batchDims, {batch + 1}, {batch});
}

Expected<GraphValue>
GraphBuilder::convolution(GraphValue input, GraphValue kernel,
                          const ConvolutionOptions &options) {
  StringRef method = "convolution";
  if (auto err = checkUsable(method, {input, kernel}))
    return std::move(err);
  if (auto err = checkSameElementType(method, {input, kernel}))
    return std::move(err);
  if (auto err = checkElementKinds(method, input, ElementKinds::IntOrFloat))
    return std::move(err);
  int64_t rank = input.rank();
  bool channelsFirst = options.layout == ConvolutionLayout::ChannelsFirst;
  if (rank < 3 || kernel.rank() != rank)
    return error(method, llvm::Twine("expected ") +
                             (channelsFirst ? "an N,C,spatial... input and an "
                                              "O,I,spatial... kernel"
                                            : "an N,spatial...,C input and a "
                                              "spatial...,I,O kernel") +
                             " of the same rank (3 or more), got shapes " +
                             listText(input.shape()) + " and " +
                             listText(kernel.shape()));
  int64_t spatial = rank - 2;
  // Where each operand keeps its features and its first spatial dimension.
  int64_t inputFeature = channelsFirst ? 1 : spatial + 1;
  int64_t kernelIn = channelsFirst ? 1 : spatial;
  int64_t kernelOutDim = channelsFirst ? 0 : spatial + 1;
  int64_t inputSpatial = channelsFirst ? 2 : 1;
  int64_t kernelSpatial = channelsFirst ? 2 : 0;
  auto sizeOk = [&](size_t size) {
    return size == 0 || size == size_t(spatial);
  };
  if (!sizeOk(options.strides.size()) || !sizeOk(options.padding.size()) ||
      !sizeOk(options.dilation.size()))
    return error(method, "strides, padding and dilation need one entry per "
                         "spatial dimension (" +
                             llvm::Twine(spatial) + ") or none");
  int64_t groups = options.featureGroupCount;
  int64_t channels = input.shape()[inputFeature];
  int64_t kernelInSize = kernel.shape()[kernelIn];
  int64_t kernelOut = kernel.shape()[kernelOutDim];
  if (groups < 1 || channels % groups != 0 || kernelOut % groups != 0)
    return error(method, "feature group count " + llvm::Twine(groups) +
                             " must be positive and divide the input "
                             "features (" +
                             llvm::Twine(channels) +
                             ") and the output features (" +
                             llvm::Twine(kernelOut) + ")");
  if (kernelInSize * groups != channels)
    return error(method, "the input has " + llvm::Twine(channels) +
                             " features but the kernel expects " +
                             llvm::Twine(kernelInSize) + " x " +
                             llvm::Twine(groups) + " groups");
  llvm::SmallVector<int64_t> strides, dilation, padding, outputSpatial;
  for (int64_t i = 0; i < spatial; ++i) {
    int64_t stride = options.strides.empty() ? 1 : options.strides[i];
    int64_t dilate = options.dilation.empty() ? 1 : options.dilation[i];
    auto [low, high] = options.padding.empty() ? std::pair<int64_t, int64_t>()
                                               : options.padding[i];
    if (stride < 1 || dilate < 1 || low < 0 || high < 0)
      return error(method, "spatial dimension " + llvm::Twine(i) +
                               ": strides and dilation must be positive and "
                               "padding non-negative");
    int64_t padded = input.shape()[inputSpatial + i] + low + high;
    int64_t window = (kernel.shape()[kernelSpatial + i] - 1) * dilate + 1;
    if (padded < window)
      return error(method, "spatial dimension " + llvm::Twine(i) +
                               ": the dilated kernel (" + llvm::Twine(window) +
                               ") is larger than the padded input (" +
                               llvm::Twine(padded) + ")");
    outputSpatial.push_back((padded - window) / stride + 1);
    strides.push_back(stride);
    dilation.push_back(dilate);
    padding.append({low, high});
  }
  llvm::SmallVector<int64_t> shape = {input.shape()[0]};
  if (channelsFirst)
    shape.push_back(kernelOut);
  shape.append(outputSpatial);
  if (!channelsFirst)
    shape.push_back(kernelOut);

  auto spatialDims =
      llvm::to_vector(llvm::seq<int64_t>(inputSpatial, inputSpatial + spatial));
  auto kernelSpatialDims = llvm::to_vector(
      llvm::seq<int64_t>(kernelSpatial, kernelSpatial + spatial));
  auto numbers = hlo::ConvDimensionNumbersAttr::get(
      &context, /*inputBatchDimension=*/0, inputFeature, spatialDims,
      /*kernelInputFeatureDimension=*/kernelIn,
      /*kernelOutputFeatureDimension=*/kernelOutDim, kernelSpatialDims,
      /*outputBatchDimension=*/0, /*outputFeatureDimension=*/inputFeature,
      spatialDims);
  auto paddingAttr = llvm::cast<DenseIntElementsAttr>(DenseElementsAttr::get(
      RankedTensorType::get({spatial, 2}, opBuilder.getI64Type()),
      llvm::ArrayRef(padding)));
  auto type = RankedTensorType::get(shape, input.elementType());
  return wrap(create<hlo::ConvolutionOp>(
      type, input.value(), kernel.value(),
      opBuilder.getDenseI64ArrayAttr(strides), paddingAttr,
      /*lhs_dilation=*/DenseI64ArrayAttr(),
      opBuilder.getDenseI64ArrayAttr(dilation),
      /*window_reversal=*/DenseBoolArrayAttr(), numbers,
      static_cast<uint64_t>(groups), /*batch_group_count=*/uint64_t(1),
      /*precision_config=*/ArrayAttr()));
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

Expected<GraphValue> GraphBuilder::reduceWindow(GraphValue x,
                                                ReductionKind kind,
                                                const WindowOptions &options) {
  return reduceWindow("reduceWindow", x, kind, options);
}

Expected<GraphValue> GraphBuilder::reduceWindow(StringRef method, GraphValue x,
                                                ReductionKind kind,
                                                const WindowOptions &options) {
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  if (auto err = checkElementKinds(method, x, ElementKinds::IntOrFloat))
    return std::move(err);
  auto rank = static_cast<size_t>(x.rank());
  auto sizeOk = [&](size_t size) { return size == 0 || size == rank; };
  if (options.window.size() != rank || !sizeOk(options.strides.size()) ||
      !sizeOk(options.dilation.size()) || !sizeOk(options.padding.size()))
    return error(method, "window (required), strides, dilation and padding "
                         "need one entry per dimension (" +
                             llvm::Twine(rank) + ")");
  llvm::SmallVector<int64_t> strides, dilation, padding, shape;
  for (size_t i = 0; i < rank; ++i) {
    int64_t size = options.window[i];
    int64_t stride = options.strides.empty() ? 1 : options.strides[i];
    int64_t dilate = options.dilation.empty() ? 1 : options.dilation[i];
    auto [low, high] = options.padding.empty() ? std::pair<int64_t, int64_t>()
                                               : options.padding[i];
    if (size < 1 || stride < 1 || dilate < 1 || low < 0 || high < 0)
      return error(method, "dimension " + llvm::Twine(i) +
                               ": window, strides and dilation must be "
                               "positive and padding non-negative");
    int64_t padded = x.shape()[i] + low + high;
    int64_t span = (size - 1) * dilate + 1;
    if (padded < span)
      return error(method, "dimension " + llvm::Twine(i) + ": the window (" +
                               llvm::Twine(span) +
                               ") is larger than the padded input (" +
                               llvm::Twine(padded) + ")");
    shape.push_back((padded - span) / stride + 1);
    strides.push_back(stride);
    dilation.push_back(dilate);
    padding.append({low, high});
  }
  Type elementType = x.elementType();
  GraphValue init =
      scalarUnchecked(reductionIdentity(kind, elementType), elementType);
  auto paddingAttr = llvm::cast<DenseIntElementsAttr>(DenseElementsAttr::get(
      RankedTensorType::get({x.rank(), 2}, opBuilder.getI64Type()),
      llvm::ArrayRef(padding)));
  auto type = RankedTensorType::get(shape, elementType);
  auto op = create<hlo::ReduceWindowOp>(
      TypeRange{type}, ValueRange{x.value()}, ValueRange{init.value()},
      opBuilder.getDenseI64ArrayAttr(options.window),
      opBuilder.getDenseI64ArrayAttr(strides),
      /*base_dilations=*/DenseI64ArrayAttr(),
      opBuilder.getDenseI64ArrayAttr(dilation), paddingAttr);
  buildReductionBody(opBuilder, location, op.getBody(), elementType, kind);
  return wrap(op->getResult(0));
}

Expected<GraphValue> GraphBuilder::pool(StringRef method, GraphValue x,
                                        const PoolOptions &options,
                                        ReductionKind kind) {
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  if (auto err = checkElementKinds(method, x,
                                   kind == ReductionKind::Add
                                       ? ElementKinds::Float
                                       : ElementKinds::IntOrFloat))
    return std::move(err);
  int64_t rank = x.rank();
  if (rank < 3)
    return error(method, "expected an N,spatial...,C tensor of rank 3 or "
                         "more, got shape " +
                             listText(x.shape()));
  auto spatial = static_cast<size_t>(rank - 2);
  if (options.window.size() != spatial ||
      (!options.strides.empty() && options.strides.size() != spatial) ||
      (!options.padding.empty() && options.padding.size() != spatial))
    return error(method, "window (required), strides and padding need one "
                         "entry per spatial dimension (" +
                             llvm::Twine(spatial) + ")");
  // The window covers one element of the batch and feature dimensions.
  WindowOptions window;
  window.window = {1};
  window.strides = {1};
  window.padding = {{0, 0}};
  for (size_t i = 0; i < spatial; ++i) {
    window.window.push_back(options.window[i]);
    window.strides.push_back(options.strides.empty() ? options.window[i]
                                                     : options.strides[i]);
    window.padding.push_back(options.padding.empty()
                                 ? std::pair<int64_t, int64_t>()
                                 : options.padding[i]);
  }
  window.window.push_back(1);
  window.strides.push_back(1);
  window.padding.push_back({0, 0});
  return reduceWindow(method, x, kind, window);
}

Expected<GraphValue> GraphBuilder::maxPool(GraphValue x,
                                           const PoolOptions &options) {
  return pool("maxPool", x, options, ReductionKind::Maximum);
}

Expected<GraphValue> GraphBuilder::avgPool(GraphValue x,
                                           const PoolOptions &options) {
  KILN_ASSIGN_OR_RETURN(sum, pool("avgPool", x, options, ReductionKind::Add));
  int64_t windowSize = ShapedType::getNumElements(options.window);
  return divide(sum, scalarUnchecked(windowSize, sum.elementType()));
}

//===----------------------------------------------------------------------===//
// Layers composed from primitives
//===----------------------------------------------------------------------===//

Expected<GraphValue> GraphBuilder::relu(GraphValue x) {
  StringRef method = "relu";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  if (auto err = checkElementKinds(method, x, ElementKinds::IntOrFloat))
    return std::move(err);
  return maximum(x, scalarUnchecked(0.0, x.elementType()));
}

Expected<GraphValue> GraphBuilder::softmax(GraphValue x, int64_t axis) {
  StringRef method = "softmax";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  if (auto err = checkElementKinds(method, x, ElementKinds::Float))
    return std::move(err);
  auto dims = normalizeDims(method, {axis}, x.rank());
  if (!dims)
    return dims.takeError();
  // Subtracting the maximum keeps exp from overflowing; the result is the
  // same in exact arithmetic.
  KILN_ASSIGN_OR_RETURN(max, reduceMax(x, *dims));
  KILN_ASSIGN_OR_RETURN(maxExpanded, expandReduced(max, x.shape(), *dims));
  KILN_ASSIGN_OR_RETURN(shifted, subtract(x, maxExpanded));
  KILN_ASSIGN_OR_RETURN(exps, exp(shifted));
  KILN_ASSIGN_OR_RETURN(sum, reduceSum(exps, *dims));
  KILN_ASSIGN_OR_RETURN(sumExpanded, expandReduced(sum, x.shape(), *dims));
  return divide(exps, sumExpanded);
}

Expected<GraphValue> GraphBuilder::layerNorm(GraphValue x, int64_t axis,
                                             float epsilon) {
  StringRef method = "layerNorm";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  if (auto err = checkElementKinds(method, x, ElementKinds::Float))
    return std::move(err);
  auto dims = normalizeDims(method, {axis}, x.rank());
  if (!dims)
    return dims.takeError();
  int64_t count = x.shape()[dims->front()];
  if (count == 0)
    return error(method, "dimension " + llvm::Twine(dims->front()) +
                             " is empty; its mean is undefined");
  GraphValue countValue = scalarUnchecked(count, x.elementType());
  KILN_ASSIGN_OR_RETURN(sum, reduceSum(x, *dims));
  KILN_ASSIGN_OR_RETURN(mean, divide(sum, countValue));
  KILN_ASSIGN_OR_RETURN(meanExpanded, expandReduced(mean, x.shape(), *dims));
  KILN_ASSIGN_OR_RETURN(centered, subtract(x, meanExpanded));
  KILN_ASSIGN_OR_RETURN(squares, multiply(centered, centered));
  KILN_ASSIGN_OR_RETURN(squareSum, reduceSum(squares, *dims));
  KILN_ASSIGN_OR_RETURN(variance, divide(squareSum, countValue));
  KILN_ASSIGN_OR_RETURN(
      shiftedVariance,
      add(variance, scalarUnchecked(epsilon, x.elementType())));
  KILN_ASSIGN_OR_RETURN(invStddev, rsqrt(shiftedVariance));
  KILN_ASSIGN_OR_RETURN(scale, expandReduced(invStddev, x.shape(), *dims));
  return multiply(centered, scale);
}

} // namespace kiln
