//===- OnnxOpsReduce.cpp - ONNX's reductions as hlo -----------------------===//
//
// The Reduce* family, ArgMax/ArgMin and CumSum, composed from hlo.reduce,
// hlo.reduce_window and elementwise ops.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/onnx/OnnxGraph.h"

#include "llvm/ADT/STLExtras.h"

#include <limits>

using llvm::Expected;
using llvm::SmallVector;
using mlir::ShapedType;

namespace kiln::onnx_import {

namespace {

using Cmp = hlo::ComparisonDirection;

/// What a Reduce* op computes: a transform of each element, the reduction,
/// and a transform of the result.
enum class Reduction {
  Sum,
  Mean,
  Max,
  Min,
  Prod,
  L1,
  L2,
  SumSquare,
  LogSumExp
};

/// The reduced dimensions (sorted, non-negative) of a Reduce* node, or an
/// empty list for "no reduction" (noop_with_empty_axes).
Expected<SmallVector<int64_t>> reducedDims(OnnxNode &node, int64_t rank,
                                           bool axesAreInput) {
  SmallVector<int64_t> axes;
  if (axesAreInput) {
    if (node.hasInput(1)) {
      Expected<SmallVector<int64_t>> given = node.knownInts(1, "axes");
      if (!given)
        return given.takeError();
      axes = *given;
    }
  } else {
    axes = node.intsAttr("axes").value_or(SmallVector<int64_t>());
  }
  bool noop = node.intAttr("noop_with_empty_axes", 0) != 0;
  if (axes.empty()) {
    if (noop)
      return SmallVector<int64_t>();
    return llvm::to_vector(llvm::seq<int64_t>(0, rank));
  }
  SmallVector<int64_t> dims;
  for (int64_t axis : axes) {
    Expected<int64_t> dim = normalizeAxis(node, axis, rank);
    if (!dim)
      return dim.takeError();
    if (!llvm::is_contained(dims, *dim))
      dims.push_back(*dim);
  }
  llvm::sort(dims);
  return dims;
}

template <Reduction kind> llvm::Error reduce(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  // ReduceSum takes its axes as an input from opset 13 (the others from 18,
  // beyond the opsets Kiln reads).
  bool axesAreInput = kind == Reduction::Sum && node.opset() >= 13;
  Expected<SmallVector<int64_t>> dims =
      reducedDims(node, x.rank(), axesAreInput);
  if (!dims)
    return dims.takeError();
  bool keepDims = node.intAttr("keepdims", 1) != 0;
  if (dims->empty())
    return node.setOutput(0, x);

  GraphValue operand = x;
  if (kind == Reduction::L1) {
    ONNX_ASSIGN_OR_RETURN(magnitude, b.abs(x));
    operand = magnitude;
  } else if (kind == Reduction::L2 || kind == Reduction::SumSquare) {
    ONNX_ASSIGN_OR_RETURN(square, b.multiply(x, x));
    operand = square;
  } else if (kind == Reduction::LogSumExp) {
    ONNX_ASSIGN_OR_RETURN(exponential, b.exp(x));
    operand = exponential;
  }
  Expected<GraphValue> reduced = [&]() -> Expected<GraphValue> {
    switch (kind) {
    case Reduction::Max:
      return b.reduceMax(operand, *dims);
    case Reduction::Min:
      return b.reduceMin(operand, *dims);
    case Reduction::Prod: {
      ONNX_ASSIGN_OR_RETURN(one, b.constant(1.0, x.elementType()));
      return b.reduce(operand, one, *dims, ReductionKind::Multiply);
    }
    default:
      return b.reduceSum(operand, *dims);
    }
  }();
  ONNX_ASSIGN_OR_RETURN(result, std::move(reduced));
  if (kind == Reduction::Mean) {
    int64_t count = 1;
    for (int64_t dim : *dims)
      count *= x.shape()[dim];
    ONNX_ASSIGN_OR_RETURN(divisor, b.constant(count, x.elementType()));
    ONNX_ASSIGN_OR_RETURN(mean, b.divide(result, divisor));
    result = mean;
  } else if (kind == Reduction::L2) {
    ONNX_ASSIGN_OR_RETURN(root, b.sqrt(result));
    result = root;
  } else if (kind == Reduction::LogSumExp) {
    ONNX_ASSIGN_OR_RETURN(logarithm, b.log(result));
    result = logarithm;
  }
  if (!keepDims)
    return node.setOutput(0, result);
  SmallVector<int64_t> kept(x.shape());
  for (int64_t dim : *dims)
    kept[dim] = 1;
  return node.setOutput(0, b.reshape(result, kept));
}

/// The position along `axis` (removed) where x is at its maximum (or
/// minimum): the first, or with `last` the last one; a NaN counts as the
/// extreme, as in NumPy.
Expected<GraphValue> extremePosition(OnnxNode &node, GraphValue x, int64_t axis,
                                     bool isMax, bool last) {
  GraphBuilder &b = node.builder();
  SmallVector<int64_t> kept(x.shape());
  kept[axis] = 1;
  ONNX_ASSIGN_OR_RETURN(extreme, isMax ? b.reduceMax(x, {axis})
                                       : b.reduceMin(x, {axis}));
  ONNX_ASSIGN_OR_RETURN(extremeKept, b.reshape(extreme, kept));
  ONNX_ASSIGN_OR_RETURN(isExtreme, b.compare(Cmp::EQ, x, extremeKept));
  GraphValue candidate = isExtreme;
  if (!x.elementType().isIntOrIndex()) {
    ONNX_ASSIGN_OR_RETURN(isNaN, b.compare(Cmp::NE, x, x));
    ONNX_ASSIGN_OR_RETURN(either, b.select(isNaN, isNaN, isExtreme));
    candidate = either;
  }
  mlir::Type i64 = mlir::IntegerType::get(&b.getContext(), 64);
  ONNX_ASSIGN_OR_RETURN(positions, b.iota(x.shape(), axis, i64));
  ONNX_ASSIGN_OR_RETURN(
      outside,
      b.constant(last ? -1.0 : std::numeric_limits<double>::max(), i64));
  ONNX_ASSIGN_OR_RETURN(chosen, b.select(candidate, positions, outside));
  return last ? b.reduceMax(chosen, {axis}) : b.reduceMin(chosen, {axis});
}

/// ArgMax / ArgMin.
template <bool isMax> llvm::Error argExtreme(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  Expected<int64_t> axis =
      normalizeAxis(node, node.intAttr("axis", 0), x.rank());
  if (!axis)
    return axis.takeError();
  bool keepDims = node.intAttr("keepdims", 1) != 0;
  bool last = node.intAttr("select_last_index", 0) != 0;
  ONNX_ASSIGN_OR_RETURN(index, extremePosition(node, x, *axis, isMax, last));
  if (!keepDims)
    return node.setOutput(0, index);
  SmallVector<int64_t> kept(x.shape());
  kept[*axis] = 1;
  return node.setOutput(0, node.builder().reshape(index, kept));
}

/// TopK: the K largest (or smallest) elements along the axis and their
/// int64 positions, in order; equal elements by position, as ONNX asks (a
/// stable sort of the values with their positions, floats in total
/// order). K must be known when importing.
llvm::Error topK(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  Expected<int64_t> axis =
      normalizeAxis(node, node.intAttr("axis", -1), x.rank());
  if (!axis)
    return axis.takeError();
  Expected<SmallVector<int64_t>> k = node.knownInts(1, "K");
  if (!k)
    return k.takeError();
  int64_t size = x.shape()[*axis];
  if (k->size() != 1 || k->front() < 0 || k->front() > size)
    return node.error("K must be one number in [0, " + llvm::Twine(size) +
                      "]");
  bool largest = node.intAttr("largest", 1) != 0;
  // sorted = 0 leaves the order open; sorted order is one of them.
  (void)node.intAttr("sorted", 1);
  mlir::Type i64 = mlir::IntegerType::get(&b.getContext(), 64);
  ONNX_ASSIGN_OR_RETURN(positions, b.iota(x.shape(), *axis, i64));
  Expected<SmallVector<GraphValue>> sorted =
      b.sort({x, positions}, *axis, /*descending=*/largest);
  if (!sorted)
    return node.error(sorted.takeError());
  SmallVector<int64_t> start(x.rank(), 0), limit(x.shape());
  limit[*axis] = k->front();
  if (llvm::Error err = node.setOutput(0, b.slice((*sorted)[0], start, limit)))
    return err;
  return node.setOutput(1, b.slice((*sorted)[1], start, limit));
}

/// Hardmax: 1 at the first maximum along the axis, 0 elsewhere. Before
/// opset 13 the input is seen as a matrix [dims before axis, dims from
/// axis], as Softmax does.
llvm::Error hardmax(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  bool flattens = node.opset() < 13;
  Expected<int64_t> axis =
      normalizeAxis(node, node.intAttr("axis", flattens ? 1 : -1), x.rank());
  if (!axis)
    return axis.takeError();
  GraphValue input = x;
  int64_t reduced = *axis;
  if (flattens) {
    int64_t rows = ShapedType::getNumElements(x.shape().take_front(*axis));
    int64_t columns = ShapedType::getNumElements(x.shape().drop_front(*axis));
    ONNX_ASSIGN_OR_RETURN(matrix, b.reshape(x, {rows, columns}));
    input = matrix;
    reduced = 1;
  }
  ONNX_ASSIGN_OR_RETURN(index, extremePosition(node, input, reduced,
                                               /*isMax=*/true, /*last=*/false));
  SmallVector<int64_t> kept(input.shape());
  kept[reduced] = 1;
  ONNX_ASSIGN_OR_RETURN(indexKept, b.reshape(index, kept));
  mlir::Type i64 = mlir::IntegerType::get(&b.getContext(), 64);
  ONNX_ASSIGN_OR_RETURN(positions, b.iota(input.shape(), reduced, i64));
  ONNX_ASSIGN_OR_RETURN(isChosen, b.compare(Cmp::EQ, positions, indexKept));
  ONNX_ASSIGN_OR_RETURN(one, b.constant(1.0, x.elementType()));
  ONNX_ASSIGN_OR_RETURN(zero, b.constant(0.0, x.elementType()));
  ONNX_ASSIGN_OR_RETURN(result, b.select(isChosen, one, zero));
  return node.setOutput(0, b.reshape(result, x.shape()));
}

/// CumSum: a reduce_window whose window spans the whole axis, padded so
/// that output i sums elements 0..i (or i..n-1 when reversed); the
/// exclusive form pads one more and drops the last (first) sum.
llvm::Error cumSum(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  Expected<const HostTensor *> axisTensor = node.knownInput(1, "axis");
  if (!axisTensor)
    return axisTensor.takeError();
  Expected<int64_t> axis =
      normalizeAxis(node, (*axisTensor)->getAsInt(0), x.rank());
  if (!axis)
    return axis.takeError();
  bool exclusive = node.intAttr("exclusive", 0) != 0;
  bool reverse = node.intAttr("reverse", 0) != 0;
  int64_t size = x.shape()[*axis];
  if (size == 0)
    return node.setOutput(0, x);
  WindowOptions options;
  options.window.assign(x.rank(), 1);
  options.window[*axis] = size;
  options.padding.assign(x.rank(), {0, 0});
  int64_t padded = exclusive ? size : size - 1;
  if (reverse)
    options.padding[*axis].second = padded;
  else
    options.padding[*axis].first = padded;
  ONNX_ASSIGN_OR_RETURN(sums, b.reduceWindow(x, ReductionKind::Add, options));
  if (!exclusive)
    return node.setOutput(0, sums);
  SmallVector<int64_t> start(x.rank(), 0), limit(x.shape());
  if (reverse) {
    start[*axis] = 1;
    limit[*axis] = size + 1;
  }
  return node.setOutput(0, b.slice(sums, start, limit));
}

} // namespace

void addReductionOps(llvm::StringMap<OpTranslation> &table) {
  table["ReduceSum"] = reduce<Reduction::Sum>;
  table["ReduceMean"] = reduce<Reduction::Mean>;
  table["ReduceMax"] = reduce<Reduction::Max>;
  table["ReduceMin"] = reduce<Reduction::Min>;
  table["ReduceProd"] = reduce<Reduction::Prod>;
  table["ReduceL1"] = reduce<Reduction::L1>;
  table["ReduceL2"] = reduce<Reduction::L2>;
  table["ReduceSumSquare"] = reduce<Reduction::SumSquare>;
  table["ReduceLogSumExp"] = reduce<Reduction::LogSumExp>;
  table["ArgMax"] = argExtreme<true>;
  table["ArgMin"] = argExtreme<false>;
  table["Hardmax"] = hardmax;
  table["TopK"] = topK;
  table["CumSum"] = cumSum;
}

} // namespace kiln::onnx_import
