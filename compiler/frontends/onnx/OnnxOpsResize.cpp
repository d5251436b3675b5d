//===- OnnxOpsResize.cpp - ONNX's Resize as interpolation matrices --------===//
//
// Resize is separable: along each resized dimension, every output element
// is a weighted sum of a few input elements, whose positions and weights
// depend only on the sizes and the modes. So each resized dimension
// becomes a constant [out, in] matrix computed here (nearest: one 1 per
// row; linear: two weights; cubic: four), applied with dot_general. The
// matrices cost in * out multiply-adds per plane instead of a few taps per
// output, which a gather-based kernel would save; they keep every mode
// exact and need no new op.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/onnx/OnnxGraph.h"

#include <cmath>

using llvm::Expected;
using llvm::SmallVector;

namespace kiln::onnx_import {

namespace {

/// How output coordinates map back to the input, per ONNX's
/// coordinate_transformation_mode.
struct Resampling {
  std::string coordinates, mode, nearest;
  float cubicA = -0.75f;
  bool excludeOutside = false;
};

/// The input coordinate of output index `x` along a dimension resized from
/// `in` to `out` elements with `scale`.
double sourceCoordinate(const Resampling &r, int64_t x, int64_t in, int64_t out,
                        double scale) {
  const std::string &mode = r.coordinates;
  if (mode == "asymmetric")
    return x / scale;
  // The resized length is in * scale, before rounding (ONNX's reference
  // computes it so when scales are given; with sizes, scale = out / in).
  if (mode == "align_corners")
    return out == 1 ? 0.0 : x * double(in - 1) / (in * scale - 1);
  if (mode == "pytorch_half_pixel")
    return out > 1 ? (x + 0.5) / scale - 0.5 : 0.0;
  if (mode == "tf_half_pixel_for_nn")
    return (x + 0.5) / scale;
  return (x + 0.5) / scale - 0.5; // half_pixel
}

/// Rounds a coordinate to an index per nearest_mode.
int64_t nearestIndex(const Resampling &r, double coordinate) {
  double floor = std::floor(coordinate);
  bool half = coordinate - floor == 0.5;
  if (r.nearest == "floor")
    return static_cast<int64_t>(floor);
  if (r.nearest == "ceil")
    return static_cast<int64_t>(std::ceil(coordinate));
  if (r.nearest == "round_prefer_ceil")
    return static_cast<int64_t>(half ? floor + 1 : std::round(coordinate));
  return static_cast<int64_t>(half ? floor : std::round(coordinate));
}

/// Keys' cubic convolution weight of a tap at distance `t` (|t| < 2).
double cubicWeight(double t, double a) {
  t = std::fabs(t);
  if (t <= 1)
    return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2)
    return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  return 0;
}

/// The [out, in] matrix of one resized dimension, row-major.
std::vector<float> interpolationMatrix(const Resampling &r, int64_t in,
                                       int64_t out, double scale) {
  std::vector<float> matrix(out * in, 0.0f);
  auto clamp = [&](int64_t i) { return std::clamp<int64_t>(i, 0, in - 1); };
  for (int64_t o = 0; o < out; ++o) {
    double x = sourceCoordinate(r, o, in, out, scale);
    float *row = matrix.data() + o * in;
    if (r.mode == "nearest") {
      row[clamp(nearestIndex(r, x))] = 1.0f;
    } else if (r.mode == "linear") {
      x = std::clamp(x, 0.0, double(in - 1));
      int64_t left = static_cast<int64_t>(std::floor(x));
      double w = x - left;
      row[clamp(left)] += static_cast<float>(1 - w);
      row[clamp(left + 1)] += static_cast<float>(w);
    } else { // cubic
      int64_t base = static_cast<int64_t>(std::floor(x));
      double taps[4], total = 0;
      for (int k = 0; k < 4; ++k) {
        int64_t i = base - 1 + k;
        taps[k] = cubicWeight(x - i, r.cubicA);
        if (r.excludeOutside && (i < 0 || i >= in))
          taps[k] = 0;
        total += taps[k];
      }
      for (int k = 0; k < 4; ++k)
        row[clamp(base - 1 + k)] +=
            static_cast<float>(r.excludeOutside ? taps[k] / total : taps[k]);
    }
  }
  return matrix;
}

/// Resizes x with `r` to the sizes given by input `sizesInput` (when
/// present) or by the scales of input `scalesInput` (or `attributeScales`,
/// Upsample-7's attribute, when that input is -1).
llvm::Error resample(OnnxNode &node, const Resampling &r, int scalesInput,
                     int sizesInput,
                     std::optional<SmallVector<double>> attributeScales) {
  GraphBuilder &b = node.builder();
  ONNX_ASSIGN_OR_RETURN(x, node.input(0));
  SmallVector<int64_t> sizes;
  SmallVector<double> scales;
  if (attributeScales) {
    scales = *attributeScales;
  } else if (sizesInput >= 0 && node.hasInput(sizesInput)) {
    Expected<SmallVector<int64_t>> given = node.knownInts(sizesInput, "sizes");
    if (!given)
      return given.takeError();
    sizes = *given;
    for (int64_t d = 0; d < x.rank() && d < int64_t(sizes.size()); ++d)
      scales.push_back(double(sizes[d]) / double(x.shape()[d]));
  } else {
    Expected<const HostTensor *> given = node.knownInput(scalesInput, "scales");
    if (!given)
      return given.takeError();
    for (int64_t i = 0; i < (*given)->numElements(); ++i)
      scales.push_back((*given)->getAsDouble(i));
  }
  if (sizes.empty())
    for (int64_t d = 0; d < x.rank() && d < int64_t(scales.size()); ++d)
      sizes.push_back(
          static_cast<int64_t>(std::floor(double(x.shape()[d]) * scales[d])));
  if (static_cast<int64_t>(sizes.size()) != x.rank())
    return node.error("scales or sizes have " + llvm::Twine(sizes.size()) +
                      " values for an input of rank " + llvm::Twine(x.rank()));

  GraphValue result = x;
  for (int64_t d = 0; d < x.rank(); ++d) {
    int64_t in = x.shape()[d], out = sizes[d];
    if (out == in && scales[d] == 1.0)
      continue;
    if (in == 0 || out <= 0 || scales[d] <= 0)
      return node.error("dimension " + llvm::Twine(d) +
                        " cannot be resized from " + llvm::Twine(in) + " to " +
                        llvm::Twine(out));
    std::vector<float> matrix = interpolationMatrix(r, in, out, scales[d]);
    ONNX_ASSIGN_OR_RETURN(weights, b.constantF32({out, in}, matrix));
    // [out, dims but d...], then `out` moved back to position d.
    ONNX_ASSIGN_OR_RETURN(product,
                          b.dotGeneral(weights, result, {}, {}, {1}, {d}));
    SmallVector<int64_t> permutation;
    for (int64_t i = 1; i <= d; ++i)
      permutation.push_back(i);
    permutation.push_back(0);
    for (int64_t i = d + 1; i < x.rank(); ++i)
      permutation.push_back(i);
    ONNX_ASSIGN_OR_RETURN(placed, b.transpose(product, permutation));
    result = placed;
  }
  return node.setOutput(0, result);
}

llvm::Error resize(OnnxNode &node) {
  Resampling r;
  r.mode = node.stringAttr("mode", "nearest");
  if (r.mode != "nearest" && r.mode != "linear" && r.mode != "cubic")
    return node.error("mode '" + r.mode + "' is not supported");
  bool opset10 = node.opset() < 11;
  r.coordinates = node.stringAttr("coordinate_transformation_mode",
                                  opset10 ? "asymmetric" : "half_pixel");
  r.nearest = node.stringAttr("nearest_mode", "round_prefer_floor");
  r.cubicA = node.floatAttr("cubic_coeff_a", -0.75f);
  r.excludeOutside = node.intAttr("exclude_outside", 0) != 0;
  node.floatAttr("extrapolation_value", 0.0f); // tf_crop_and_resize only
  if (r.coordinates == "tf_crop_and_resize")
    return node.error("coordinate_transformation_mode 'tf_crop_and_resize' "
                      "is not supported");
  // Opset 10: (X, scales); from 11: (X, roi, scales, sizes).
  return opset10 ? resample(node, r, 1, -1, std::nullopt)
                 : resample(node, r, 2, 3, std::nullopt);
}

/// Upsample (deprecated since opset 10): Resize with asymmetric
/// coordinates, nearest rounding down; scales an attribute in opset 7, an
/// input from 9.
llvm::Error upsample(OnnxNode &node) {
  Resampling r;
  r.mode = node.stringAttr("mode", "nearest");
  if (r.mode != "nearest" && r.mode != "linear")
    return node.error("mode '" + r.mode + "' is not supported");
  r.coordinates = "asymmetric";
  r.nearest = "floor";
  if (node.opset() >= 9)
    return resample(node, r, 1, -1, std::nullopt);
  SmallVector<double> scales;
  if (const onnx::AttributeProto *attr = node.attribute("scales"))
    for (float scale : attr->floats())
      scales.push_back(scale);
  return resample(node, r, -1, -1, scales);
}

} // namespace

void addResizeOps(llvm::StringMap<OpTranslation> &table) {
  table["Resize"] = resize;
  table["Upsample"] = upsample;
}

} // namespace kiln::onnx_import
