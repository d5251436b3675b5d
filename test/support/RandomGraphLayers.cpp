//===- RandomGraphLayers.cpp - Reductions, contractions and layers ---===//
//
// Reduce, row reductions, dots and the layer patterns the fusion passes target.
//
//===----------------------------------------------------------------------===//

#include "test/support/RandomGraphGenerator.h"

namespace kiln::random_graph {

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
  beta =
      make(builder.multiply(beta.value, scalar(0.0625).value), 0.0625, false);
  y = make(builder.multiply(y.value, gamma.value), bound, false);
  y = make(builder.add(y.value, beta.value), bound + 0.0625, false);
  push(normalize(y));
  return true;
}

Val Generator::imageOperand() {
  if (rng.chance(50)) {
    std::optional<size_t> index = pickIndex([&](const Val &v) {
      return v.value.rank() == 4 && isType(v, f32) && v.shape()[1] >= 2 &&
             v.shape()[2] >= 2 && product(v.shape()) <= 1024;
    });
    if (index)
      return use(*index);
  }
  return parameter({rng.between(1, 2), rng.pick<int64_t>({3, 4, 5, 8}),
                    rng.pick<int64_t>({3, 4, 7}),
                    rng.pick<int64_t>({1, 2, 3, 4, 8})},
                   f32);
}

/// The size of a convolution's or a window's output along one dimension,
/// or 0 when the window does not fit.
static int64_t windowOutput(int64_t size, int64_t window, int64_t stride,
                            int64_t dilation, int64_t low, int64_t high) {
  int64_t extent = (window - 1) * dilation + 1;
  int64_t padded = size + low + high;
  return padded < extent ? 0 : (padded - extent) / stride + 1;
}

bool Generator::convolutionStep() {
  // A small NHWC / HWIO convolution: strides, padding, kernel dilation,
  // depthwise groups and two groups of 4 input features or more (the tiled
  // engine's products per image and group, hlo::isGroupedMatrixConvolution)
  // each now and then. Now and then it runs on NCHW / OIHW operands instead
  // (PyTorch's and ONNX's layout, which the depthwise row kernel computes),
  // between transposes from and back to NHWC.
  Val x = imageOperand();
  if (!x)
    return false;
  ArrayRef<int64_t> xs = x.shape();
  int64_t channels = xs[3];
  bool depthwise = channels > 1 && rng.chance(25);
  bool grouped =
      !depthwise && channels >= 8 && channels % 2 == 0 && rng.chance(50);
  bool channelsFirst = rng.chance(30);
  ConvolutionOptions options;
  SmallVector<int64_t> kernel;
  SmallVector<int64_t> out{xs[0]};
  for (int d = 0; d < 2; ++d) {
    int64_t window = rng.between(1, 3);
    int64_t stride = rng.chance(30) ? 2 : 1;
    int64_t dilation = rng.chance(15) ? 2 : 1;
    int64_t pad = rng.chance(40) ? window / 2 : 0;
    int64_t size = windowOutput(xs[1 + d], window, stride, dilation, pad, pad);
    if (size == 0)
      return false;
    kernel.push_back(window);
    out.push_back(size);
    options.strides.push_back(stride);
    options.dilation.push_back(dilation);
    options.padding.push_back({pad, pad});
  }
  int64_t groups = depthwise ? channels : grouped ? 2 : 1;
  int64_t inputsPerOutput = channels / groups;
  // Grouped: 2 or 8 output features a group, a padded copy or masked loads
  // on NCHW (hlo::kMinMaskedGroupFeatures).
  int64_t outChannels = depthwise ? channels * rng.between(1, 2)
                        : grouped ? groups * rng.pick<int64_t>({2, 8})
                                  : rng.between(1, 4);
  options.featureGroupCount = groups;
  kernel.push_back(inputsPerOutput);
  kernel.push_back(outChannels);
  out.push_back(outChannels);
  int64_t taps = kernel[0] * kernel[1] * inputsPerOutput;
  if (product(out) > kMaxElements || product(out) * taps > kMaxDotWork)
    return false;
  if (!channelsFirst) {
    Val w = convolutionKernel(kernel);
    push(normalize(make(builder.convolution(x.value, w.value, options),
                        x.bound * w.bound * taps, false)));
    return true;
  }
  options.layout = ConvolutionLayout::ChannelsFirst;
  Val nchw =
      make(builder.transpose(x.value, {0, 3, 1, 2}), x.bound, x.deterministic);
  Val w = convolutionKernel({kernel[3], kernel[2], kernel[0], kernel[1]});
  Val y = make(builder.convolution(nchw.value, w.value, options),
               x.bound * w.bound * taps, false);
  push(normalize(make(builder.transpose(y.value, {0, 2, 3, 1}), y.bound,
                      y.deterministic)));
  return true;
}

bool Generator::poolStep() {
  // Max pooling is exact (deterministic when its input is); average
  // pooling sums its window, so its rounding depends on the order.
  Val x = imageOperand();
  if (!x)
    return false;
  PoolOptions options;
  for (int d = 0; d < 2; ++d) {
    int64_t window = std::min<int64_t>(rng.between(2, 3), x.shape()[1 + d]);
    int64_t stride = rng.chance(40) ? 1 : window;
    int64_t pad = rng.chance(30) ? 1 : 0;
    if (windowOutput(x.shape()[1 + d], window, stride, 1, pad, pad) == 0)
      return false;
    options.window.push_back(window);
    options.strides.push_back(stride);
    options.padding.push_back({pad, pad});
  }
  if (rng.chance(50))
    push(make(builder.maxPool(x.value, options), x.bound, x.deterministic));
  else
    push(make(builder.avgPool(x.value, options), x.bound, false));
  return true;
}

} // namespace kiln::random_graph
