//===- OnnxOpsShape.cpp - ONNX's shape and data-movement ops as hlo -------===//
//
// Reshape, Transpose, Concat, Slice and friends. Their shape arguments are
// inputs in recent opsets; they must be known at import time (constants,
// or computed from constants and the static shapes, which the importer
// folds), because Kiln's tensors are statically shaped. Shape, Size,
// Constant, ConstantOfShape and Range produce such known values.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/onnx/OnnxGraph.h"
#include "compiler/frontends/onnx/OnnxTensor.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using llvm::Expected;
using llvm::SmallVector;
using mlir::ShapedType;

namespace kiln::onnx_import {

namespace {

/// Axes from the attribute `axes` before `inputSinceOpset`, from input
/// `inputIndex` after; nullopt when neither is given.
Expected<std::optional<SmallVector<int64_t>>>
readAxes(OnnxNode &node, int64_t inputSinceOpset, int inputIndex) {
  if (node.opset() < inputSinceOpset)
    return node.intsAttr("axes");
  if (!node.hasInput(inputIndex))
    return std::nullopt;
  Expected<SmallVector<int64_t>> axes = node.knownInts(inputIndex, "axes");
  if (!axes)
    return axes.takeError();
  return std::optional(*axes);
}

/// `axes` made non-negative for `rank`, failing on a repeated one.
Expected<SmallVector<int64_t>> normalizeAxes(const OnnxNode &node,
                                             llvm::ArrayRef<int64_t> axes,
                                             int64_t rank) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    Expected<int64_t> normalized = normalizeAxis(node, axis, rank);
    if (!normalized)
      return normalized.takeError();
    if (llvm::is_contained(result, *normalized))
      return node.error("axis " + llvm::Twine(axis) + " is repeated");
    result.push_back(*normalized);
  }
  return result;
}

llvm::Error reshape(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  SmallVector<int64_t> shape;
  if (node.opset() < 5) {
    shape = node.intsAttr("shape").value_or(SmallVector<int64_t>());
  } else {
    Expected<SmallVector<int64_t>> given = node.knownInts(1, "shape");
    if (!given)
      return given.takeError();
    shape = *given;
  }
  bool allowZero = node.intAttr("allowzero", 0) != 0;
  for (size_t i = 0; i < shape.size(); ++i)
    if (shape[i] == 0 && !allowZero) {
      if (i >= static_cast<size_t>(x.rank()))
        return node.error("shape entry " + llvm::Twine(i) +
                          " is 0 (copy the input's), but the input has rank " +
                          llvm::Twine(x.rank()));
      shape[i] = x.shape()[i];
    }
  return node.setOutput(0, node.builder().reshape(x, shape));
}

llvm::Error flatten(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  int64_t axis = node.intAttr("axis", 1);
  if (axis < 0)
    axis += x.rank();
  if (axis < 0 || axis > x.rank())
    return node.error("axis " + llvm::Twine(node.intAttr("axis", 1)) +
                      " is out of range for rank " + llvm::Twine(x.rank()));
  int64_t rows = ShapedType::getNumElements(x.shape().take_front(axis));
  int64_t columns = ShapedType::getNumElements(x.shape().drop_front(axis));
  return node.setOutput(0, node.builder().reshape(x, {rows, columns}));
}

llvm::Error squeeze(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  auto axes = readAxes(node, 13, 1);
  if (!axes)
    return axes.takeError();
  SmallVector<int64_t> removed;
  if (*axes) {
    auto normalized = normalizeAxes(node, **axes, x.rank());
    if (!normalized)
      return normalized.takeError();
    removed = *normalized;
  }
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < x.rank(); ++i) {
    bool named = llvm::is_contained(removed, i);
    if (named && x.shape()[i] != 1)
      return node.error("cannot squeeze dimension " + llvm::Twine(i) +
                        " of size " + llvm::Twine(x.shape()[i]));
    if (!named && (*axes || x.shape()[i] != 1))
      shape.push_back(x.shape()[i]);
  }
  return node.setOutput(0, node.builder().reshape(x, shape));
}

llvm::Error unsqueeze(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  auto axes = readAxes(node, 13, 1);
  if (!axes)
    return axes.takeError();
  if (!*axes)
    return node.error("axes are required");
  int64_t rank = x.rank() + static_cast<int64_t>((*axes)->size());
  auto added = normalizeAxes(node, **axes, rank);
  if (!added)
    return added.takeError();
  SmallVector<int64_t> shape;
  auto next = x.shape().begin();
  for (int64_t i = 0; i < rank; ++i)
    shape.push_back(llvm::is_contained(*added, i) ? 1 : *next++);
  return node.setOutput(0, node.builder().reshape(x, shape));
}

llvm::Error transpose(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  SmallVector<int64_t> permutation =
      node.intsAttr("perm").value_or(SmallVector<int64_t>());
  if (permutation.empty())
    for (int64_t i = x.rank() - 1; i >= 0; --i)
      permutation.push_back(i);
  return node.setOutput(0, node.builder().transpose(x, permutation));
}

llvm::Error concat(OnnxNode &node) {
  SmallVector<GraphValue> values;
  for (int i = 0; i < node.inputCount(); ++i) {
    ONNX_ASSIGN_OR_RETURN(value, node.input(i));
    values.push_back(value);
  }
  return node.setOutput(
      0, node.builder().concatenate(values, node.intAttr("axis", 0)));
}

llvm::Error split(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  Expected<int64_t> axis =
      normalizeAxis(node, node.intAttr("axis", 0), x.rank());
  if (!axis)
    return axis.takeError();
  SmallVector<int64_t> sizes;
  if (node.opset() < 13) {
    sizes = node.intsAttr("split").value_or(SmallVector<int64_t>());
  } else if (node.hasInput(1)) {
    Expected<SmallVector<int64_t>> given = node.knownInts(1, "split");
    if (!given)
      return given.takeError();
    sizes = *given;
  }
  int64_t size = x.shape()[*axis];
  int outputs = node.proto.output_size();
  if (sizes.empty()) {
    if (size % outputs != 0)
      return node.error("dimension " + llvm::Twine(*axis) + " (size " +
                        llvm::Twine(size) + ") does not split evenly into " +
                        llvm::Twine(outputs) + " outputs");
    sizes.assign(outputs, size / outputs);
  }
  if (static_cast<int>(sizes.size()) != outputs ||
      llvm::any_of(sizes, [](int64_t s) { return s < 0; }) ||
      std::accumulate(sizes.begin(), sizes.end(), int64_t(0)) != size)
    return node.error("the split sizes do not add up to dimension " +
                      llvm::Twine(*axis) + " (size " + llvm::Twine(size) +
                      ") over " + llvm::Twine(outputs) + " outputs");
  SmallVector<int64_t> start(x.rank(), 0), limit(x.shape());
  for (int i = 0; i < outputs; ++i) {
    limit[*axis] = start[*axis] + sizes[i];
    if (llvm::Error error =
            node.setOutput(i, node.builder().slice(x, start, limit)))
      return error;
    start[*axis] = limit[*axis];
  }
  return llvm::Error::success();
}

llvm::Error slice(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  SmallVector<int64_t> starts, ends, axes, steps;
  if (node.opset() < 10) {
    starts = node.intsAttr("starts").value_or(SmallVector<int64_t>());
    ends = node.intsAttr("ends").value_or(SmallVector<int64_t>());
    axes = node.intsAttr("axes").value_or(SmallVector<int64_t>());
  } else {
    auto read = [&](int i, llvm::StringRef what,
                    SmallVector<int64_t> &out) -> llvm::Error {
      if (!node.hasInput(i))
        return llvm::Error::success();
      Expected<SmallVector<int64_t>> values = node.knownInts(i, what);
      if (!values)
        return values.takeError();
      out = *values;
      return llvm::Error::success();
    };
    if (auto error = read(1, "starts", starts))
      return error;
    if (auto error = read(2, "ends", ends))
      return error;
    if (auto error = read(3, "axes", axes))
      return error;
    if (auto error = read(4, "steps", steps))
      return error;
  }
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i)
      axes.push_back(static_cast<int64_t>(i));
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return node.error("starts, ends, axes and steps differ in length");
  auto normalized = normalizeAxes(node, axes, x.rank());
  if (!normalized)
    return normalized.takeError();
  SmallVector<int64_t> start(x.rank(), 0), limit(x.shape()),
      stride(x.rank(), 1), reversed;
  for (size_t i = 0; i < starts.size(); ++i) {
    int64_t axis = (*normalized)[i], size = x.shape()[axis];
    if (steps[i] == 0)
      return node.error("steps must not be 0");
    // ONNX clamps out-of-range starts and ends (INT64_MAX means "to the
    // end"), into [0, size] for a positive step and [-1, size - 1] for a
    // negative one.
    bool backward = steps[i] < 0;
    auto clampIndex = [&](int64_t index) {
      if (index < 0)
        index = std::max<int64_t>(index, -size - 1) + size;
      return std::clamp<int64_t>(index, backward ? -1 : 0,
                                 backward ? size - 1 : size);
    };
    int64_t first = clampIndex(starts[i]), end = clampIndex(ends[i]);
    if (backward) {
      // Walking down from `first` to just above `end` is walking up the
      // reversed axis from size - 1 - first to just below size - 1 - end.
      reversed.push_back(axis);
      first = size - 1 - first;
      end = size - 1 - end;
    }
    start[axis] = first;
    limit[axis] = std::max(first, end);
    stride[axis] = backward ? -steps[i] : steps[i];
  }
  GraphBuilder &b = node.builder();
  GraphValue source = x;
  if (!reversed.empty()) {
    ONNX_ASSIGN_OR_RETURN(flipped, b.reverse(x, reversed));
    source = flipped;
  }
  return node.setOutput(0, b.slice(source, start, limit, stride));
}

llvm::Error shape(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  int64_t rank = x.rank();
  auto clampIndex = [&](int64_t index) {
    if (index < 0)
      index += rank;
    return std::clamp<int64_t>(index, 0, rank);
  };
  int64_t first = clampIndex(node.intAttr("start", 0));
  int64_t last = std::max(first, clampIndex(node.intAttr("end", rank)));
  std::vector<int64_t> sizes(x.shape().begin() + first,
                             x.shape().begin() + last);
  int64_t count = static_cast<int64_t>(sizes.size());
  return node.setKnownOutput(
      0, HostTensor::fromI64(ElementType::I64, {count}, sizes));
}

llvm::Error size(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  return node.setKnownOutput(
      0,
      HostTensor::fromI64(ElementType::I64, {}, {x.type().getNumElements()}));
}

/// The node's input 1, which must hold int32 or int64 indices.
Expected<GraphValue> indexInput(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(indices, node.input(1));
  mlir::Type type = indices.elementType();
  if (!type.isSignlessInteger(32) && !type.isSignlessInteger(64))
    return node.error("indices must be int32 or int64");
  return indices;
}

/// `indices` with negative positions counted from the end of their
/// dimension, as ONNX reads them: `sizes` holds one size for every
/// position, or one per element of the indices' last dimension.
Expected<GraphValue> wrapNegative(OnnxNode &node, GraphValue indices,
                                  llvm::ArrayRef<int64_t> sizes) {
  GraphBuilder &b = node.builder();
  mlir::Type type = indices.elementType();
  GraphValue extent;
  if (sizes.size() == 1) {
    ONNX_ASSIGN_OR_RETURN(size,
                          b.constant(static_cast<double>(sizes.front()), type));
    extent = size;
  } else {
    int64_t count = static_cast<int64_t>(sizes.size());
    ONNX_ASSIGN_OR_RETURN(sizesI64, b.constantI64({count}, sizes));
    ONNX_ASSIGN_OR_RETURN(perPosition, b.convert(sizesI64, type));
    extent = perPosition;
  }
  ONNX_ASSIGN_OR_RETURN(zero, b.constant(0, type));
  ONNX_ASSIGN_OR_RETURN(negative,
                        b.compare(hlo::ComparisonDirection::LT, indices, zero));
  ONNX_ASSIGN_OR_RETURN(wrapped, b.add(indices, extent));
  return b.select(negative, wrapped, indices);
}

/// Gather along `axis` through hlo.gather: negative indices count from the
/// end, as ONNX says, then hlo.gather reads the slices (clamping an index
/// that is still out of range, which ONNX leaves undefined).
llvm::Error gatherWithOp(OnnxNode &node, GraphValue data, int64_t axis) {
  ONNX_ASSIGN_OR_RETURN(indices, indexInput(node));
  ONNX_ASSIGN_OR_RETURN(index,
                        wrapNegative(node, indices, {data.shape()[axis]}));
  return node.setOutput(0, node.builder().take(data, index, axis));
}

/// GatherElements: NumPy's take_along_axis.
llvm::Error gatherElements(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(data, node.input(0));
  Expected<int64_t> axis =
      normalizeAxis(node, node.intAttr("axis", 0), data.rank());
  if (!axis)
    return axis.takeError();
  ONNX_ASSIGN_OR_RETURN(indices, indexInput(node));
  ONNX_ASSIGN_OR_RETURN(index,
                        wrapNegative(node, indices, {data.shape()[*axis]}));
  return node.setOutput(0, node.builder().takeAlongAxis(data, index, *axis));
}

/// ScatterND: updates set into (or added to, multiplied into) the slices
/// of data that the last dimension of indices names; negative positions
/// count from the end of their dimension.
llvm::Error scatterND(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(data, node.input(0));
  ONNX_ASSIGN_OR_RETURN(updates, node.input(2));
  std::string reduction = node.stringAttr("reduction", "none");
  std::optional<ReductionKind> kind;
  if (reduction == "add")
    kind = ReductionKind::Add;
  else if (reduction == "mul")
    kind = ReductionKind::Multiply;
  else if (reduction != "none")
    return node.error("reduction '" + reduction + "' is not supported");
  ONNX_ASSIGN_OR_RETURN(indices, indexInput(node));
  if (indices.rank() == 0 || indices.shape().back() > data.rank())
    return node.error("indices must end in a dimension of at most " +
                      llvm::Twine(data.rank()) + " positions");
  ONNX_ASSIGN_OR_RETURN(
      positions, wrapNegative(node, indices,
                              data.shape().take_front(indices.shape().back())));
  return node.setOutput(0, b.scatterND(data, positions, updates, kind));
}

/// Gather along `axis`. Indices known at import time become slices (one per
/// run of consecutive indices), which fold and fuse like any slice; many
/// scattered ones, and indices computed at run time, go through hlo.gather.
llvm::Error gather(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(data, node.input(0));
  Expected<int64_t> axis =
      normalizeAxis(node, node.intAttr("axis", 0), data.rank());
  if (!axis)
    return axis.takeError();
  if (!node.hasInput(1))
    return node.error("Gather needs indices");
  if (!node.graph.known(node.proto.input(1)))
    return gatherWithOp(node, data, *axis);
  const HostTensor &indices = *node.graph.known(node.proto.input(1));
  if (indices.elementType() == ElementType::F32)
    return node.error("indices must be integers");
  int64_t size = data.shape()[*axis];
  // Runs of consecutive indices (a position embedding's 0, 1, 2, ...):
  // each run is one slice.
  SmallVector<std::pair<int64_t, int64_t>> runs; // [first, end)
  for (int64_t i = 0; i < indices.numElements(); ++i) {
    int64_t index = indices.getAsInt(i);
    if (index < -size || index >= size)
      return node.error("index " + llvm::Twine(index) +
                        " is out of range for dimension " + llvm::Twine(*axis) +
                        " of size " + llvm::Twine(size));
    if (index < 0)
      index += size;
    if (!runs.empty() && runs.back().second == index)
      ++runs.back().second;
    else
      runs.push_back({index, index + 1});
  }
  if (runs.empty())
    return node.error("Gather with no indices (an empty result) is not "
                      "supported");
  SmallVector<int64_t> shape(data.shape().take_front(*axis));
  shape.append(indices.shape().begin(), indices.shape().end());
  shape.append(data.shape().begin() + *axis + 1, data.shape().end());
  // Many scattered indices: one gather reads them better than a
  // concatenate of that many slices, which tests each piece per element.
  constexpr size_t kMaxSlices = 16;
  if (runs.size() > kMaxSlices)
    return gatherWithOp(node, data, *axis);
  SmallVector<GraphValue> pieces;
  SmallVector<int64_t> start(data.rank(), 0), limit(data.shape());
  for (auto [first, end] : runs) {
    start[*axis] = first;
    limit[*axis] = end;
    ONNX_ASSIGN_OR_RETURN(piece, b.slice(data, start, limit));
    pieces.push_back(piece);
  }
  GraphValue joined = pieces.front();
  if (pieces.size() > 1) {
    ONNX_ASSIGN_OR_RETURN(all, b.concatenate(pieces, *axis));
    joined = all;
  }
  return node.setOutput(0, b.reshape(joined, shape));
}

llvm::Error expand(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  Expected<SmallVector<int64_t>> target = node.knownInts(1, "shape");
  if (!target)
    return target.takeError();
  // Broadcast both ways: a 1 in the requested shape keeps x's size.
  size_t rank = std::max<size_t>(x.rank(), target->size());
  SmallVector<int64_t> shape(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t fromX = i + x.rank() >= rank ? x.shape()[i + x.rank() - rank] : 1;
    int64_t fromTarget =
        i + target->size() >= rank ? (*target)[i + target->size() - rank] : 1;
    if (fromX != fromTarget && fromX != 1 && fromTarget != 1)
      return node.error("cannot expand a dimension of size " +
                        llvm::Twine(fromX) + " to " + llvm::Twine(fromTarget));
    shape[i] = fromX == 1 ? fromTarget : fromX;
  }
  return node.setOutput(0, node.builder().broadcastTo(x, shape));
}

llvm::Error tile(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  Expected<SmallVector<int64_t>> repeats = node.knownInts(1, "repeats");
  if (!repeats)
    return repeats.takeError();
  if (static_cast<int64_t>(repeats->size()) != x.rank())
    return node.error("repeats has " + llvm::Twine(repeats->size()) +
                      " values for an input of rank " + llvm::Twine(x.rank()));
  // [r0, d0, r1, d1, ...] by broadcasting, then merged pairwise.
  SmallVector<int64_t> expanded, dims, shape;
  for (int64_t i = 0; i < x.rank(); ++i) {
    if ((*repeats)[i] < 0)
      return node.error("repeats must not be negative");
    expanded.append({(*repeats)[i], x.shape()[i]});
    dims.push_back(2 * i + 1);
    shape.push_back((*repeats)[i] * x.shape()[i]);
  }
  ONNX_ASSIGN_OR_RETURN(broadcast, b.broadcastInDim(x, expanded, dims));
  return node.setOutput(0, b.reshape(broadcast, shape));
}

/// Pad's 'edge' and 'reflect' modes, axis by axis: the padding is the
/// edge element repeated, or the elements next to the edge mirrored (which
/// needs a pad smaller than the axis).
Expected<GraphValue> padByCopying(OnnxNode &node, GraphValue x,
                                  llvm::ArrayRef<int64_t> low,
                                  llvm::ArrayRef<int64_t> high, bool reflect) {
  GraphBuilder &b = node.builder();
  GraphValue current = x;
  for (int64_t d = 0; d < x.rank(); ++d) {
    int64_t size = current.shape()[d];
    if (low[d] < 0 || high[d] < 0)
      return node.error("pads must not be negative in mode '" +
                        llvm::Twine(reflect ? "reflect" : "edge") + "'");
    if (low[d] == 0 && high[d] == 0)
      continue;
    if (size == 0 || (reflect && std::max(low[d], high[d]) >= size))
      return node.error("dimension " + llvm::Twine(d) + " of size " +
                        llvm::Twine(size) + " cannot be padded by " +
                        llvm::Twine(std::max(low[d], high[d])) + " in mode '" +
                        (reflect ? "reflect" : "edge") + "'");
    // The part of `current` along d from `begin` to `end`.
    auto part = [&](int64_t begin, int64_t end) {
      SmallVector<int64_t> start(current.rank(), 0), limit(current.shape());
      start[d] = begin;
      limit[d] = end;
      return b.slice(current, start, limit);
    };
    auto padding = [&](int64_t count, bool atStart) -> Expected<GraphValue> {
      if (reflect) {
        Expected<GraphValue> mirrored =
            atStart ? part(1, count + 1) : part(size - 1 - count, size - 1);
        if (!mirrored)
          return mirrored.takeError();
        return b.reverse(*mirrored, {d});
      }
      Expected<GraphValue> edge = atStart ? part(0, 1) : part(size - 1, size);
      if (!edge)
        return edge.takeError();
      SmallVector<int64_t> shape(current.shape());
      shape[d] = count;
      return b.broadcastTo(*edge, shape);
    };
    SmallVector<GraphValue> pieces;
    if (low[d] > 0) {
      ONNX_ASSIGN_OR_RETURN(before, padding(low[d], /*atStart=*/true));
      pieces.push_back(before);
    }
    pieces.push_back(current);
    if (high[d] > 0) {
      ONNX_ASSIGN_OR_RETURN(after, padding(high[d], /*atStart=*/false));
      pieces.push_back(after);
    }
    ONNX_ASSIGN_OR_RETURN(joined, b.concatenate(pieces, d));
    current = joined;
  }
  return current;
}

llvm::Error pad(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  std::string mode = node.stringAttr("mode", "constant");
  if (mode != "constant" && mode != "edge" && mode != "reflect")
    return node.error("pad mode '" + mode +
                      "' is not supported (only 'constant', 'edge' and "
                      "'reflect' are)");
  SmallVector<int64_t> pads;
  GraphValue value;
  if (node.opset() < 11) {
    pads = node.intsAttr("pads").value_or(SmallVector<int64_t>());
    ONNX_ASSIGN_OR_RETURN(
        constant, b.constant(node.floatAttr("value", 0.0f), x.elementType()));
    value = constant;
  } else {
    Expected<SmallVector<int64_t>> given = node.knownInts(1, "pads");
    if (!given)
      return given.takeError();
    pads = *given;
    if (node.hasInput(2)) {
      ONNX_ASSIGN_OR_RETURN(constant, node.input(2));
      ONNX_ASSIGN_OR_RETURN(scalar, b.reshape(constant, {}));
      value = scalar;
    } else {
      ONNX_ASSIGN_OR_RETURN(zero, b.constant(0.0, x.elementType()));
      value = zero;
    }
  }
  if (static_cast<int64_t>(pads.size()) != 2 * x.rank())
    return node.error("pads has " + llvm::Twine(pads.size()) +
                      " values for an input of rank " + llvm::Twine(x.rank()));
  llvm::ArrayRef<int64_t> all(pads);
  if (mode != "constant")
    return node.setOutput(0, padByCopying(node, x, all.take_front(x.rank()),
                                          all.drop_front(x.rank()),
                                          mode == "reflect"));
  return node.setOutput(
      0, b.pad(x, value, all.take_front(x.rank()), all.drop_front(x.rank())));
}

/// The value of a Constant node or of ConstantOfShape's `value` attribute.
Expected<HostTensor> attributeTensor(OnnxNode &node,
                                     const onnx::AttributeProto &attr) {
  Expected<HostTensor> value = decodeOnnxTensor(attr.t(), node.graph.baseDir);
  if (!value)
    return node.error("attribute " + attr.name() + ": " +
                      llvm::toString(value.takeError()));
  return value;
}

llvm::Error constant(OnnxNode &node) {
  for (const onnx::AttributeProto &attr : node.proto.attribute()) {
    node.attribute(attr.name());
    const std::string &name = attr.name();
    if (name == "value") {
      Expected<HostTensor> value = attributeTensor(node, attr);
      if (!value)
        return value.takeError();
      return node.setKnownOutput(0, *value);
    }
    if (name == "value_float")
      return node.setKnownOutput(0, HostTensor::fromF32({}, {attr.f()}));
    if (name == "value_floats")
      return node.setKnownOutput(
          0, HostTensor::fromF32({attr.floats_size()},
                                 std::vector<float>(attr.floats().begin(),
                                                    attr.floats().end())));
    if (name == "value_int")
      return node.setKnownOutput(
          0, HostTensor::fromI64(ElementType::I64, {}, {attr.i()}));
    if (name == "value_ints")
      return node.setKnownOutput(
          0, HostTensor::fromI64(
                 ElementType::I64, {attr.ints_size()},
                 std::vector<int64_t>(attr.ints().begin(), attr.ints().end())));
    return node.error("a constant given as '" + name +
                      "' is not supported (only numeric tensors are)");
  }
  return node.error("the constant has no value");
}

llvm::Error constantOfShape(OnnxNode &node) {
  Expected<SmallVector<int64_t>> shape = node.knownInts(0, "shape");
  if (!shape)
    return shape.takeError();
  HostTensor fill = HostTensor::fromF32({1}, {0.0f});
  if (const onnx::AttributeProto *attr = node.attribute("value")) {
    Expected<HostTensor> value = attributeTensor(node, *attr);
    if (!value)
      return value.takeError();
    fill = *value;
  }
  if (fill.numElements() != 1)
    return node.error("value must hold one element");
  mlir::Type type =
      mlirElementType(fill.elementType(), node.builder().getContext());
  return node.setOutput(
      0, node.builder().constant(fill.getAsDouble(0), type, *shape));
}

llvm::Error range(OnnxNode &node) {
  Expected<const HostTensor *> start = node.knownInput(0, "start");
  Expected<const HostTensor *> limit = node.knownInput(1, "limit");
  Expected<const HostTensor *> delta = node.knownInput(2, "delta");
  if (!start)
    return start.takeError();
  if (!limit)
    return limit.takeError();
  if (!delta)
    return delta.takeError();
  ElementType type = (*start)->elementType();
  double first = (*start)->getAsDouble(0), step = (*delta)->getAsDouble(0);
  if (step == 0)
    return node.error("delta must not be 0");
  int64_t count =
      std::max<int64_t>(0, static_cast<int64_t>(std::ceil(
                               ((*limit)->getAsDouble(0) - first) / step)));
  HostTensor result(type, {count});
  for (int64_t i = 0; i < count; ++i)
    result.setFromDouble(i, first + static_cast<double>(i) * step);
  return node.setKnownOutput(0, result);
}

/// Trilu: keeps the elements on and above (upper) or below the k-th
/// diagonal of the last two dimensions, zeroing the rest.
llvm::Error trilu(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  if (x.rank() < 2)
    return node.error("the input needs rank 2 or more");
  int64_t k = 0;
  if (node.hasInput(1)) {
    Expected<const HostTensor *> given = node.knownInput(1, "k");
    if (!given)
      return given.takeError();
    k = (*given)->getAsInt(0);
  }
  bool upper = node.intAttr("upper", 1) != 0;
  SmallVector<int64_t> matrix(x.shape().take_back(2));
  mlir::Type i64 = mlir::IntegerType::get(&b.getContext(), 64);
  ONNX_ASSIGN_OR_RETURN(rows, b.iota(matrix, 0, i64));
  ONNX_ASSIGN_OR_RETURN(columns, b.iota(matrix, 1, i64));
  ONNX_ASSIGN_OR_RETURN(offset, b.subtract(columns, rows));
  ONNX_ASSIGN_OR_RETURN(diagonal, b.constant(static_cast<double>(k), i64));
  ONNX_ASSIGN_OR_RETURN(keep, b.compare(upper ? hlo::ComparisonDirection::GE
                                              : hlo::ComparisonDirection::LE,
                                        offset, diagonal));
  ONNX_ASSIGN_OR_RETURN(zero, b.constant(0.0, x.elementType()));
  return node.setOutput(0, b.select(keep, x, zero));
}

} // namespace

void addShapeOps(llvm::StringMap<OpTranslation> &table) {
  table["Reshape"] = reshape;
  table["Flatten"] = flatten;
  table["Squeeze"] = squeeze;
  table["Unsqueeze"] = unsqueeze;
  table["Transpose"] = transpose;
  table["Concat"] = concat;
  table["Split"] = split;
  table["Slice"] = slice;
  table["Shape"] = shape;
  table["Size"] = size;
  table["Gather"] = gather;
  table["GatherElements"] = gatherElements;
  table["ScatterND"] = scatterND;
  table["Expand"] = expand;
  table["Tile"] = tile;
  table["Pad"] = pad;
  table["Constant"] = constant;
  table["ConstantOfShape"] = constantOfShape;
  table["Range"] = range;
  table["Trilu"] = trilu;
}

} // namespace kiln::onnx_import
