//===- OnnxOpsNeural.cpp - ONNX's neural-network ops as hlo ---------------===//
//
// Conv, pooling, normalization, Gemm/MatMul and softmax. ONNX keeps
// activations channels-first (N, C, spatial...), so convolutions are built
// in that layout and pools reduce windows over the spatial dimensions only.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/onnx/OnnxGraph.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cctype>

using llvm::Expected;
using llvm::SmallVector;
using mlir::ShapedType;

namespace kiln::onnx_import {

namespace {

using Cmp = hlo::ComparisonDirection;

/// The window of a Conv or pool over the spatial dimensions, from
/// kernel_shape, strides, dilations, pads and auto_pad.
struct SpatialWindow {
  SmallVector<int64_t> kernel, strides, dilations;
  SmallVector<std::pair<int64_t, int64_t>> pads;
  /// Extra high padding that ceil_mode adds (never counted by AveragePool).
  SmallVector<int64_t> ceilPads;
  /// Output size per spatial dimension.
  SmallVector<int64_t> output;
};

/// Reads the window attributes for an input whose spatial sizes are
/// `input`; `kernel` is the kernel's spatial shape (a Conv's weights) or
/// empty when kernel_shape is required (pools).
Expected<SpatialWindow> readWindow(const OnnxNode &node,
                                   llvm::ArrayRef<int64_t> input,
                                   llvm::ArrayRef<int64_t> kernel,
                                   bool hasDilations, bool hasCeilMode) {
  size_t spatial = input.size();
  SpatialWindow w;
  std::optional<SmallVector<int64_t>> kernelShape =
      node.intsAttr("kernel_shape");
  if (kernelShape)
    w.kernel = *kernelShape;
  else if (!kernel.empty())
    w.kernel.assign(kernel.begin(), kernel.end());
  else
    return node.error("the attribute kernel_shape is required");
  if (!kernel.empty() && llvm::ArrayRef(w.kernel) != kernel)
    return node.error("kernel_shape does not match the weights' spatial "
                      "shape");
  if (w.kernel.size() != spatial)
    return node.error("kernel_shape has " + llvm::Twine(w.kernel.size()) +
                      " values for " + llvm::Twine(spatial) +
                      " spatial dimensions");
  Expected<SmallVector<int64_t>> strides = node.intsAttr("strides", 1, spatial);
  if (!strides)
    return strides.takeError();
  w.strides = *strides;
  w.dilations.assign(spatial, 1);
  if (hasDilations) {
    Expected<SmallVector<int64_t>> dilations =
        node.intsAttr("dilations", 1, spatial);
    if (!dilations)
      return dilations.takeError();
    w.dilations = *dilations;
  }
  Expected<SmallVector<int64_t>> pads = node.intsAttr("pads", 0, 2 * spatial);
  if (!pads)
    return pads.takeError();
  bool ceilMode = hasCeilMode && node.intAttr("ceil_mode", 0) != 0;
  std::string autoPad = node.stringAttr("auto_pad", "NOTSET");
  for (size_t i = 0; i < spatial; ++i) {
    int64_t stride = w.strides[i], dilation = w.dilations[i];
    if (stride < 1 || dilation < 1 || w.kernel[i] < 1)
      return node.error("kernel_shape, strides and dilations must be "
                        "positive");
    int64_t span = (w.kernel[i] - 1) * dilation + 1;
    int64_t low = (*pads)[i], high = (*pads)[i + spatial];
    if (autoPad == "VALID") {
      low = high = 0;
    } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      int64_t out = (input[i] + stride - 1) / stride;
      int64_t total =
          std::max<int64_t>(0, (out - 1) * stride + span - input[i]);
      int64_t smaller = total / 2;
      low = autoPad == "SAME_UPPER" ? smaller : total - smaller;
      high = total - low;
    } else if (autoPad != "NOTSET") {
      return node.error("auto_pad '" + autoPad +
                        "' is not one of NOTSET, "
                        "SAME_UPPER, SAME_LOWER and VALID");
    }
    if (low < 0 || high < 0)
      return node.error("negative pads are not supported");
    int64_t room = input[i] + low + high - span;
    if (room < 0)
      return node.error("the window (" + llvm::Twine(span) +
                        ") is larger than the padded input (" +
                        llvm::Twine(input[i] + low + high) + ")");
    int64_t out = (ceilMode ? (room + stride - 1) / stride : room / stride) + 1;
    w.pads.push_back({low, high});
    w.ceilPads.push_back(std::max<int64_t>(0, (out - 1) * stride - room));
    w.output.push_back(out);
  }
  return w;
}

/// Reshapes a per-channel vector [C] to [1, C, 1, ...] for a channels-first
/// tensor of rank `rank`.
Expected<GraphValue> perChannel(OnnxNode &node, GraphValue vector,
                                int64_t rank) {
  SmallVector<int64_t> shape(rank, 1);
  if (rank > 1)
    shape[1] = vector.type().getNumElements();
  return node.builder().reshape(vector, shape);
}

/// Fails unless a Conv's or ConvTranspose's input is N x C x spatial...
/// and its weights have the same rank.
llvm::Error checkConvolutionOperands(const OnnxNode &node, GraphValue x,
                                     GraphValue w) {
  if (x.rank() < 3 || w.rank() != x.rank())
    return node.error("expected an N x C x spatial... input and weights of "
                      "the same rank, got ranks " +
                      llvm::Twine(x.rank()) + " and " + llvm::Twine(w.rank()));
  return llvm::Error::success();
}

/// Output 0 of a Conv or ConvTranspose: `y` plus the optional per-channel
/// bias (input 2).
llvm::Error setConvolutionOutput(OnnxNode &node, GraphValue y) {
  if (!node.hasInput(2))
    return node.setOutput(0, y);
  ONNX_ASSIGN_OR_RETURN(bias, node.input(2));
  ONNX_ASSIGN_OR_RETURN(biasShaped, perChannel(node, bias, y.rank()));
  return node.setOutput(0, node.builder().add(y, biasShaped));
}

llvm::Error conv(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(w, node.input(1));
  if (llvm::Error error = checkConvolutionOperands(node, x, w))
    return error;
  Expected<SpatialWindow> window =
      readWindow(node, x.shape().drop_front(2), w.shape().drop_front(2),
                 /*hasDilations=*/true, /*hasCeilMode=*/false);
  if (!window)
    return window.takeError();
  ConvolutionOptions options;
  options.layout = ConvolutionLayout::ChannelsFirst;
  options.strides = window->strides;
  options.dilation = window->dilations;
  options.padding = window->pads;
  options.featureGroupCount = node.intAttr("group", 1);
  ONNX_ASSIGN_OR_RETURN(y, b.convolution(x, w, options));
  return setConvolutionOutput(node, y);
}

/// `x` reversed along each dimension in `dims`, as slices joined back in
/// the opposite order (constant folding turns a constant kernel's into a
/// constant).
Expected<GraphValue> reverse(OnnxNode &node, GraphValue x,
                             llvm::ArrayRef<int64_t> dims) {
  GraphBuilder &b = node.builder();
  for (int64_t d : dims) {
    int64_t size = x.shape()[d];
    if (size < 2)
      continue;
    SmallVector<GraphValue> pieces;
    SmallVector<int64_t> start(x.rank(), 0), limit(x.shape());
    for (int64_t i = size - 1; i >= 0; --i) {
      start[d] = i;
      limit[d] = i + 1;
      ONNX_ASSIGN_OR_RETURN(piece, b.slice(x, start, limit));
      pieces.push_back(piece);
    }
    ONNX_ASSIGN_OR_RETURN(reversed, b.concatenate(pieces, d));
    x = reversed;
  }
  return x;
}

/// ConvTranspose as a convolution: the input dilated by the strides (a pad
/// with interior zeros), padded by dilation * (k - 1) - pads (negative
/// values crop) plus output_padding at the end, and convolved at stride 1
/// with the kernel flipped in space and its [C, O/group] features swapped
/// into [O, C/group].
llvm::Error convTranspose(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(w, node.input(1));
  if (llvm::Error error = checkConvolutionOperands(node, x, w))
    return error;
  int64_t spatial = x.rank() - 2;
  int64_t groups = node.intAttr("group", 1);
  int64_t channels = x.shape()[1];
  if (groups < 1 || channels % groups != 0 || w.shape()[0] != channels)
    return node.error(
        "the weights' first dimension (" + llvm::Twine(w.shape()[0]) +
        ") must be the input's channels (" + llvm::Twine(channels) +
        "), divisible by group " + llvm::Twine(groups));
  auto kernelShape = w.shape().drop_front(2);
  if (std::optional<SmallVector<int64_t>> given = node.intsAttr("kernel_shape"))
    if (llvm::ArrayRef(*given) != kernelShape)
      return node.error("kernel_shape does not match the weights' spatial "
                        "shape");
  Expected<SmallVector<int64_t>> strides = node.intsAttr("strides", 1, spatial);
  Expected<SmallVector<int64_t>> dilations =
      node.intsAttr("dilations", 1, spatial);
  Expected<SmallVector<int64_t>> pads = node.intsAttr("pads", 0, 2 * spatial);
  Expected<SmallVector<int64_t>> outputPadding =
      node.intsAttr("output_padding", 0, spatial);
  Expected<SmallVector<int64_t>> outputShape =
      node.intsAttr("output_shape", -1, spatial);
  for (auto *values :
       {&strides, &dilations, &pads, &outputPadding, &outputShape})
    if (!*values)
      return values->takeError();
  std::string autoPad = node.stringAttr("auto_pad", "NOTSET");
  if (autoPad != "NOTSET" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER" && autoPad != "VALID")
    return node.error("auto_pad '" + autoPad +
                      "' is not one of NOTSET, "
                      "SAME_UPPER, SAME_LOWER and VALID");

  SmallVector<int64_t> low(x.rank(), 0), high(x.rank(), 0),
      interior(x.rank(), 0);
  for (int64_t i = 0; i < spatial; ++i) {
    int64_t in = x.shape()[i + 2], stride = (*strides)[i];
    int64_t span = (kernelShape[i] - 1) * (*dilations)[i] + 1;
    if (stride < 1 || (*dilations)[i] < 1)
      return node.error("strides and dilations must be positive");
    int64_t begin = (*pads)[i], end = (*pads)[i + spatial];
    // An output shape (given, or the input's times the strides for SAME)
    // decides the pads, as the ONNX spec computes them.
    int64_t target = (*outputShape)[i];
    if (target < 0 && autoPad.rfind("SAME", 0) == 0)
      target = in * stride;
    if (target >= 0) {
      int64_t total = stride * (in - 1) + (*outputPadding)[i] + span - target;
      // Half, rounded down (total is negative when the output is larger
      // than the input reaches: the extra end is zeros).
      int64_t half = total >= 0 ? total / 2 : -((-total + 1) / 2);
      begin = autoPad == "SAME_UPPER" ? half : total - half;
      end = total - begin;
    } else if (autoPad == "VALID") {
      begin = end = 0;
    }
    low[i + 2] = span - 1 - begin;
    high[i + 2] = span - 1 - end + (*outputPadding)[i];
    interior[i + 2] = stride - 1;
  }
  ONNX_ASSIGN_OR_RETURN(zero, b.constant(0.0, x.elementType()));
  ONNX_ASSIGN_OR_RETURN(dilated, b.pad(x, zero, low, high, interior));

  // [C, O/g, k...] -> [g, C/g, O/g, k...] -> [g, O/g, C/g, k...] ->
  // [O, C/g, k...], then flipped in space.
  int64_t perGroupIn = channels / groups, perGroupOut = w.shape()[1];
  SmallVector<int64_t> grouped = {groups, perGroupIn, perGroupOut};
  grouped.append(kernelShape.begin(), kernelShape.end());
  SmallVector<int64_t> swap = {0, 2, 1};
  for (int64_t i = 0; i < spatial; ++i)
    swap.push_back(3 + i);
  SmallVector<int64_t> oihw = {groups * perGroupOut, perGroupIn};
  oihw.append(kernelShape.begin(), kernelShape.end());
  ONNX_ASSIGN_OR_RETURN(groupedW, b.reshape(w, grouped));
  ONNX_ASSIGN_OR_RETURN(swapped, b.transpose(groupedW, swap));
  ONNX_ASSIGN_OR_RETURN(kernel, b.reshape(swapped, oihw));
  ONNX_ASSIGN_OR_RETURN(
      flipped,
      reverse(node, kernel, llvm::to_vector(llvm::seq<int64_t>(2, x.rank()))));

  ConvolutionOptions options;
  options.layout = ConvolutionLayout::ChannelsFirst;
  options.dilation = *dilations;
  options.featureGroupCount = groups;
  ONNX_ASSIGN_OR_RETURN(y, b.convolution(dilated, flipped, options));
  return setConvolutionOutput(node, y);
}

llvm::Error batchNormalization(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  node.floatAttr("momentum", 0.9f); // training only
  if (node.opset() < 9)
    node.intAttr("spatial", 1);
  // Before opset 7, is_test = 0 meant training (batch statistics).
  bool training = node.intAttr("training_mode", 0) != 0 ||
                  (node.opset() < 7 && node.intAttr("is_test", 0) == 0);
  if (training || node.hasOutput(1))
    return node.error("training mode (running mean and variance outputs) is "
                      "not supported; Kiln compiles inference graphs");
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(scale, node.input(1));
  ONNX_ASSIGN_OR_RETURN(bias, node.input(2));
  ONNX_ASSIGN_OR_RETURN(mean, node.input(3));
  ONNX_ASSIGN_OR_RETURN(variance, node.input(4));
  int64_t rank = x.rank();
  ONNX_ASSIGN_OR_RETURN(
      epsilon, b.constant(node.floatAttr("epsilon", 1e-5f), x.elementType()));
  // y = (x - mean) * (scale / sqrt(variance + epsilon)) + bias; the factor
  // is per channel, so constant folding computes it once for constants.
  ONNX_ASSIGN_OR_RETURN(shifted, b.add(variance, epsilon));
  ONNX_ASSIGN_OR_RETURN(inverse, b.rsqrt(shifted));
  ONNX_ASSIGN_OR_RETURN(factor, b.multiply(scale, inverse));
  ONNX_ASSIGN_OR_RETURN(factorShaped, perChannel(node, factor, rank));
  ONNX_ASSIGN_OR_RETURN(meanShaped, perChannel(node, mean, rank));
  ONNX_ASSIGN_OR_RETURN(biasShaped, perChannel(node, bias, rank));
  ONNX_ASSIGN_OR_RETURN(centered, b.subtract(x, meanShaped));
  ONNX_ASSIGN_OR_RETURN(scaled, b.multiply(centered, factorShaped));
  return node.setOutput(0, b.add(scaled, biasShaped));
}

/// MaxPool and AveragePool: a reduce_window over the spatial dimensions.
llvm::Error pool(OnnxNode &node, ReductionKind kind) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  if (x.rank() < 3)
    return node.error("expected an N x C x spatial... input, got rank " +
                      llvm::Twine(x.rank()));
  if (node.hasOutput(1))
    return node.error("the Indices output is not supported");
  bool isMax = kind == ReductionKind::Maximum;
  if (isMax)
    node.intAttr("storage_order", 0); // only matters for Indices
  Expected<SpatialWindow> window =
      readWindow(node, x.shape().drop_front(2), {},
                 /*hasDilations=*/isMax, /*hasCeilMode=*/node.opset() >= 10);
  if (!window)
    return window.takeError();
  WindowOptions options;
  options.window = {1, 1};
  options.strides = {1, 1};
  options.dilation = {1, 1};
  options.padding = {{0, 0}, {0, 0}};
  size_t spatial = window->kernel.size();
  for (size_t i = 0; i < spatial; ++i) {
    options.window.push_back(window->kernel[i]);
    options.strides.push_back(window->strides[i]);
    options.dilation.push_back(window->dilations[i]);
    options.padding.push_back(
        {window->pads[i].first, window->pads[i].second + window->ceilPads[i]});
  }
  ONNX_ASSIGN_OR_RETURN(reduced, b.reduceWindow(x, kind, options));
  if (isMax)
    return node.setOutput(0, reduced);

  // The divisor of each output: the window's elements inside the input, or
  // inside the explicitly padded input with count_include_pad; the padding
  // ceil_mode adds never counts. It is separable per dimension.
  bool countPads = node.intAttr("count_include_pad", 0) != 0;
  SmallVector<int64_t> countShape = {1, 1};
  countShape.append(window->output);
  std::vector<float> counts(ShapedType::getNumElements(countShape), 1.0f);
  int64_t repeat = static_cast<int64_t>(counts.size());
  for (size_t i = 0; i < spatial; ++i) {
    int64_t size = x.shape()[i + 2], out = window->output[i];
    int64_t lo = countPads ? -window->pads[i].first : 0;
    int64_t hi = countPads ? size + window->pads[i].second : size;
    repeat /= out;
    for (size_t flat = 0; flat < counts.size(); ++flat) {
      int64_t o = (static_cast<int64_t>(flat) / repeat) % out;
      int64_t start = o * window->strides[i] - window->pads[i].first;
      int64_t inside = 0;
      for (int64_t k = 0; k < window->kernel[i]; ++k) {
        int64_t position = start + k * window->dilations[i];
        inside += position >= lo && position < hi;
      }
      counts[flat] *= static_cast<float>(inside);
    }
  }
  ONNX_ASSIGN_OR_RETURN(counted, b.constantF32(countShape, counts));
  // Window sizes are small integers: exact in every float type.
  ONNX_ASSIGN_OR_RETURN(divisor, b.convert(counted, reduced.elementType()));
  return node.setOutput(0, b.divide(reduced, divisor));
}

llvm::Error maxPool(OnnxNode &node) {
  return pool(node, ReductionKind::Maximum);
}
llvm::Error averagePool(OnnxNode &node) {
  return pool(node, ReductionKind::Add);
}

/// GlobalAveragePool and GlobalMaxPool: reduce all spatial dimensions,
/// keeping them as size 1.
template <bool isMax> llvm::Error globalPool(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  if (x.rank() < 3)
    return node.error("expected an N x C x spatial... input, got rank " +
                      llvm::Twine(x.rank()));
  auto dims = llvm::to_vector(llvm::seq<int64_t>(2, x.rank()));
  SmallVector<int64_t> kept(x.shape().begin(), x.shape().begin() + 2);
  kept.append(x.rank() - 2, 1);
  if (isMax) {
    ONNX_ASSIGN_OR_RETURN(reduced, b.reduceMax(x, dims));
    return node.setOutput(0, b.reshape(reduced, kept));
  }
  ONNX_ASSIGN_OR_RETURN(sum, b.reduceSum(x, dims));
  int64_t count = ShapedType::getNumElements(x.shape().drop_front(2));
  ONNX_ASSIGN_OR_RETURN(divisor, b.constant(count, x.elementType()));
  ONNX_ASSIGN_OR_RETURN(mean, b.divide(sum, divisor));
  return node.setOutput(0, b.reshape(mean, kept));
}

llvm::Error gemm(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(a, node.input(0));
  ONNX_ASSIGN_OR_RETURN(bMatrix, node.input(1));
  if (a.rank() != 2 || bMatrix.rank() != 2)
    return node.error("A and B must be matrices");
  bool transA = node.intAttr("transA", 0) != 0;
  bool transB = node.intAttr("transB", 0) != 0;
  float alpha = node.floatAttr("alpha", 1.0f);
  float beta = node.floatAttr("beta", 1.0f);
  if (node.opset() < 7)
    node.intAttr("broadcast", 0);
  // A transposed operand contracts along its first dimension instead.
  ONNX_ASSIGN_OR_RETURN(
      product,
      b.dotGeneral(a, bMatrix, {}, {}, {transA ? 0 : 1}, {transB ? 1 : 0}));
  GraphValue result = product;
  if (alpha != 1.0f) {
    ONNX_ASSIGN_OR_RETURN(alphaValue, b.constant(alpha, a.elementType()));
    ONNX_ASSIGN_OR_RETURN(scaled, b.multiply(alphaValue, result));
    result = scaled;
  }
  if (!node.hasInput(2) || beta == 0.0f)
    return node.setOutput(0, result);
  ONNX_ASSIGN_OR_RETURN(c, node.input(2));
  if (beta != 1.0f) {
    ONNX_ASSIGN_OR_RETURN(betaValue, b.constant(beta, a.elementType()));
    ONNX_ASSIGN_OR_RETURN(scaledC, b.multiply(betaValue, c));
    c = scaledC;
  }
  return node.setOutput(0, b.add(result, c));
}

llvm::Error matMul(OnnxNode &node) {
  ONNX_ASSIGN_OR_RETURN(a, node.input(0));
  ONNX_ASSIGN_OR_RETURN(bMatrix, node.input(1));
  return node.setOutput(0, node.builder().matmul(a, bMatrix));
}

/// Softmax and LogSoftmax. Before opset 13 the input is seen as a matrix
/// [prod(dims before axis), prod(dims from axis)] normalized along its
/// rows; from 13 on, along the one axis.
template <bool isLog> llvm::Error softmax(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  bool flattens = node.opset() < 13;
  Expected<int64_t> axis =
      normalizeAxis(node, node.intAttr("axis", flattens ? 1 : -1),
                    std::max<int64_t>(x.rank(), 1));
  if (!axis)
    return axis.takeError();
  GraphValue input = x;
  int64_t reduced = *axis;
  if (flattens && x.rank() > 0) {
    int64_t rows = ShapedType::getNumElements(x.shape().take_front(*axis));
    int64_t columns = ShapedType::getNumElements(x.shape().drop_front(*axis));
    ONNX_ASSIGN_OR_RETURN(matrix, b.reshape(x, {rows, columns}));
    input = matrix;
    reduced = 1;
  }
  GraphValue result;
  if (!isLog) {
    ONNX_ASSIGN_OR_RETURN(normalized, b.softmax(input, reduced));
    result = normalized;
  } else {
    // x - max - log(sum(exp(x - max))).
    SmallVector<int64_t> keptShape(input.shape());
    keptShape[reduced] = 1;
    ONNX_ASSIGN_OR_RETURN(max, b.reduceMax(input, {reduced}));
    ONNX_ASSIGN_OR_RETURN(maxKept, b.reshape(max, keptShape));
    ONNX_ASSIGN_OR_RETURN(shifted, b.subtract(input, maxKept));
    ONNX_ASSIGN_OR_RETURN(exponential, b.exp(shifted));
    ONNX_ASSIGN_OR_RETURN(sum, b.reduceSum(exponential, {reduced}));
    ONNX_ASSIGN_OR_RETURN(logSum, b.log(sum));
    ONNX_ASSIGN_OR_RETURN(logSumKept, b.reshape(logSum, keptShape));
    ONNX_ASSIGN_OR_RETURN(normalized, b.subtract(shifted, logSumKept));
    result = normalized;
  }
  return node.setOutput(0, b.reshape(result, x.shape()));
}

/// (x - mean) / sqrt(variance + epsilon) over the dimensions from
/// `firstDim` on, as one flattened dimension.
Expected<GraphValue> normalizeTrailing(OnnxNode &node, GraphValue x,
                                       int64_t firstDim, float epsilon) {
  GraphBuilder &b = node.builder();
  SmallVector<int64_t> flat(x.shape().take_front(firstDim));
  flat.push_back(ShapedType::getNumElements(x.shape().drop_front(firstDim)));
  ONNX_ASSIGN_OR_RETURN(rows, b.reshape(x, flat));
  ONNX_ASSIGN_OR_RETURN(normalized, b.layerNorm(rows, -1, epsilon));
  return b.reshape(normalized, x.shape());
}

/// LayerNormalization's optional outputs: the mean and 1 / sqrt(variance +
/// epsilon) over the dimensions from `axis` on, kept as size 1.
llvm::Error layerNormStatistics(OnnxNode &node, GraphValue x, int64_t axis,
                                float epsilon) {
  GraphBuilder &b = node.builder();
  auto dims = llvm::to_vector(llvm::seq<int64_t>(axis, x.rank()));
  SmallVector<int64_t> kept(x.shape().take_front(axis));
  kept.append(x.rank() - axis, 1);
  int64_t count = ShapedType::getNumElements(x.shape().drop_front(axis));
  ONNX_ASSIGN_OR_RETURN(countValue, b.constant(count, x.elementType()));
  ONNX_ASSIGN_OR_RETURN(sum, b.reduceSum(x, dims));
  ONNX_ASSIGN_OR_RETURN(meanFlat, b.divide(sum, countValue));
  ONNX_ASSIGN_OR_RETURN(mean, b.reshape(meanFlat, kept));
  if (llvm::Error error = node.setOutput(1, mean))
    return error;
  if (!node.hasOutput(2))
    return llvm::Error::success();
  ONNX_ASSIGN_OR_RETURN(centered, b.subtract(x, mean));
  ONNX_ASSIGN_OR_RETURN(squares, b.multiply(centered, centered));
  ONNX_ASSIGN_OR_RETURN(squareSum, b.reduceSum(squares, dims));
  ONNX_ASSIGN_OR_RETURN(variance, b.divide(squareSum, countValue));
  ONNX_ASSIGN_OR_RETURN(epsilonValue, b.constant(epsilon, x.elementType()));
  ONNX_ASSIGN_OR_RETURN(shifted, b.add(variance, epsilonValue));
  ONNX_ASSIGN_OR_RETURN(inverse, b.rsqrt(shifted));
  return node.setOutput(2, b.reshape(inverse, kept));
}

llvm::Error layerNormalization(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(scale, node.input(1));
  node.intAttr("stash_type", 1); // Kiln computes in f32 either way
  float epsilon = node.floatAttr("epsilon", 1e-5f);
  Expected<int64_t> axis =
      normalizeAxis(node, node.intAttr("axis", -1), x.rank());
  if (!axis)
    return axis.takeError();
  if (node.hasOutput(1) || node.hasOutput(2))
    if (llvm::Error error = layerNormStatistics(node, x, *axis, epsilon))
      return error;
  ONNX_ASSIGN_OR_RETURN(normalized, normalizeTrailing(node, x, *axis, epsilon));
  ONNX_ASSIGN_OR_RETURN(scaled, b.multiply(normalized, scale));
  if (!node.hasInput(2))
    return node.setOutput(0, scaled);
  ONNX_ASSIGN_OR_RETURN(bias, node.input(2));
  return node.setOutput(0, b.add(scaled, bias));
}

/// Einsum with one or two operands, each label at most once per operand
/// (no diagonals): labels only one operand has and the output lacks are
/// summed first; then the labels both operands share become dot_general's
/// batch (kept) or contracting (summed) dimensions, and a transpose puts
/// the result in the output's order. `...` stands for the same leading
/// dimensions in every operand.
llvm::Error einsum(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  std::string equation = node.stringAttr("equation", "");
  equation.erase(std::remove(equation.begin(), equation.end(), ' '),
                 equation.end());
  if (node.inputCount() < 1 || node.inputCount() > 2)
    return node.error("Einsum of " + llvm::Twine(node.inputCount()) +
                      " operands is not supported (one or two are)");
  llvm::StringRef text = equation;
  auto [inputsText, outputText] = text.split("->");
  bool explicitOutput = text.contains("->");
  SmallVector<llvm::StringRef> terms;
  inputsText.split(terms, ',');
  if (static_cast<int>(terms.size()) != node.inputCount())
    return node.error("the equation '" + equation + "' names " +
                      llvm::Twine(terms.size()) + " operands, the node has " +
                      llvm::Twine(node.inputCount()));
  // Labels per operand, `...` expanded into digits (which no label is).
  SmallVector<GraphValue> operands;
  SmallVector<std::string> labels;
  int64_t ellipsisRank = 0;
  for (auto [i, term] : llvm::enumerate(terms)) {
    ONNX_ASSIGN_OR_RETURN(value, node.input(static_cast<int>(i)));
    operands.push_back(value);
    std::string expanded;
    size_t dots = term.find("...");
    int64_t named = static_cast<int64_t>(term.size()) -
                    (dots == llvm::StringRef::npos ? 0 : 3);
    if (dots != llvm::StringRef::npos) {
      int64_t extra = value.rank() - named;
      ellipsisRank = std::max(ellipsisRank, extra);
      expanded = term.take_front(dots).str();
      for (int64_t e = 0; e < extra; ++e)
        expanded += static_cast<char>('0' + (ellipsisRank - extra + e));
      expanded += term.drop_front(dots + 3).str();
    } else {
      expanded = term.str();
    }
    if (static_cast<int64_t>(expanded.size()) != value.rank())
      return node.error(
          "term '" + term + "' has " + llvm::Twine(expanded.size()) +
          " labels for an operand of rank " + llvm::Twine(value.rank()));
    for (size_t c = 0; c < expanded.size(); ++c)
      if (expanded.find(expanded[c], c + 1) != std::string::npos)
        return node.error("a label repeated within one operand (a "
                          "diagonal) is not supported");
    labels.push_back(expanded);
  }
  std::string output;
  if (explicitOutput) {
    size_t dots = outputText.find("...");
    output = dots == llvm::StringRef::npos ? outputText.str()
                                           : outputText.take_front(dots).str();
    if (dots != llvm::StringRef::npos) {
      for (int64_t e = 0; e < ellipsisRank; ++e)
        output += static_cast<char>('0' + e);
      output += outputText.drop_front(dots + 3).str();
    }
  } else {
    // Implicit: the ellipsis, then the labels used once, alphabetically.
    for (int64_t e = 0; e < ellipsisRank; ++e)
      output += static_cast<char>('0' + e);
    std::string all = labels[0] + (labels.size() > 1 ? labels[1] : "");
    std::string once;
    for (char c : all)
      if (!std::isdigit(static_cast<unsigned char>(c)) &&
          llvm::count(all, c) == 1)
        once += c;
    llvm::sort(once);
    output += once;
  }

  // Sum away what only one operand has and the output lacks.
  for (size_t i = 0; i < operands.size(); ++i) {
    SmallVector<int64_t> summed;
    std::string kept;
    for (size_t d = 0; d < labels[i].size(); ++d) {
      char c = labels[i][d];
      bool elsewhere =
          operands.size() == 2 && labels[1 - i].find(c) != std::string::npos;
      if (!elsewhere && output.find(c) == std::string::npos)
        summed.push_back(static_cast<int64_t>(d));
      else
        kept += c;
    }
    if (summed.empty())
      continue;
    ONNX_ASSIGN_OR_RETURN(reduced, b.reduceSum(operands[i], summed));
    operands[i] = reduced;
    labels[i] = kept;
  }

  std::string resultLabels = labels[0];
  GraphValue result = operands[0];
  if (operands.size() == 2) {
    SmallVector<int64_t> lhsBatch, rhsBatch, lhsContract, rhsContract;
    std::string batch, lhsFree, rhsFree;
    for (size_t d = 0; d < labels[0].size(); ++d) {
      char c = labels[0][d];
      size_t r = labels[1].find(c);
      if (r == std::string::npos) {
        lhsFree += c;
      } else if (output.find(c) != std::string::npos) {
        lhsBatch.push_back(d);
        rhsBatch.push_back(r);
        batch += c;
      } else {
        lhsContract.push_back(d);
        rhsContract.push_back(r);
      }
    }
    for (char c : labels[1])
      if (labels[0].find(c) == std::string::npos)
        rhsFree += c;
    ONNX_ASSIGN_OR_RETURN(product,
                          b.dotGeneral(operands[0], operands[1], lhsBatch,
                                       rhsBatch, lhsContract, rhsContract));
    result = product;
    resultLabels = batch + lhsFree + rhsFree;
  }
  if (resultLabels.size() != output.size())
    return node.error("the equation '" + equation +
                      "' names output labels its operands do not have");
  SmallVector<int64_t> permutation;
  for (char c : output) {
    size_t at = resultLabels.find(c);
    if (at == std::string::npos)
      return node.error("output label '" + llvm::Twine(c) +
                        "' is in no operand");
    permutation.push_back(static_cast<int64_t>(at));
  }
  return node.setOutput(0, b.transpose(result, permutation));
}

llvm::Error instanceNormalization(OnnxNode &node) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  ONNX_ASSIGN_OR_RETURN(scale, node.input(1));
  ONNX_ASSIGN_OR_RETURN(bias, node.input(2));
  if (x.rank() < 3)
    return node.error("expected an N x C x spatial... input");
  ONNX_ASSIGN_OR_RETURN(
      normalized,
      normalizeTrailing(node, x, 2, node.floatAttr("epsilon", 1e-5f)));
  ONNX_ASSIGN_OR_RETURN(scaleShaped, perChannel(node, scale, x.rank()));
  ONNX_ASSIGN_OR_RETURN(biasShaped, perChannel(node, bias, x.rank()));
  ONNX_ASSIGN_OR_RETURN(scaled, b.multiply(normalized, scaleShaped));
  return node.setOutput(0, b.add(scaled, biasShaped));
}

} // namespace

void addNeuralNetworkOps(llvm::StringMap<OpTranslation> &table) {
  table["Conv"] = conv;
  table["ConvTranspose"] = convTranspose;
  table["BatchNormalization"] = batchNormalization;
  table["InstanceNormalization"] = instanceNormalization;
  table["LayerNormalization"] = layerNormalization;
  table["Einsum"] = einsum;
  table["MaxPool"] = maxPool;
  table["AveragePool"] = averagePool;
  table["GlobalAveragePool"] = globalPool<false>;
  table["GlobalMaxPool"] = globalPool<true>;
  table["Gemm"] = gemm;
  table["MatMul"] = matMul;
  table["Softmax"] = softmax<false>;
  table["LogSoftmax"] = softmax<true>;
}

} // namespace kiln::onnx_import
