//===- ConvolutionTesting.h - Convolution cases as graphs -------*- C++ -*-===//
//
// Included by the tiled convolution tests (TiledConvolutionCheck.h,
// TiledConvolutionWeightsTest.cpp; each its own test binary): a convolution
// case (layouts, sizes, window, strides, padding, dilation, epilogue, a
// constant or argument kernel), its shapes, and its graph as text.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_UNIT_CONVOLUTIONTESTING_H
#define KILN_TEST_UNIT_CONVOLUTIONTESTING_H

#include "test/support/DenseLiteral.h"
#include "test/support/TensorTypeText.h"

#include "runtime/HostTensor.h"
#include "tools/common/RandomTensor.h"

#include <cstdint>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace kiln::testing {

/// What follows the convolution in its fusion.
enum class Epilogue {
  None,
  BiasRelu,     // + bias[feature], then max(0, .)
  ResidualRelu, // + an input of the result's shape, then max(0, .)
  /// + bias[feature] as ONNX models give it (unit dims around the
  /// feature's: [1, C, 1, 1] or [1, 1, 1, C]), then max(0, .)
  UnitDimsBiasRelu,
};

/// One convolution: layouts are the dim_numbers text; the spatial sizes,
/// window, strides, padding and dilation have one entry per spatial dim.
struct ConvCase {
  const char *name;
  bool channelsLast; // NHWC / HWIO / NHWC, else NCHW / OIHW / NCHW
  int64_t batch, inFeatures, outFeatures;
  std::vector<int64_t> size, window, stride, pad, dilation;
  Epilogue epilogue = Epilogue::None;
  /// The kernel a constant of the graph rather than an argument: where the
  /// features are columns, its panels are packed while compiling.
  bool constantKernel = false;
  /// Feature groups: each output feature sums inFeatures / groups input
  /// features, those of its group (feature_group_count).
  int64_t groups = 1;
};

inline void PrintTo(const ConvCase &c, std::ostream *os) { *os << c.name; }

inline std::vector<int64_t> outputSize(const ConvCase &c) {
  std::vector<int64_t> out;
  for (size_t d = 0; d < c.size.size(); ++d)
    out.push_back(
        (c.size[d] + 2 * c.pad[d] - (c.window[d] - 1) * c.dilation[d] - 1) /
            c.stride[d] +
        1);
  return out;
}

/// Shapes in the case's layouts.
inline std::vector<int64_t> inputShape(const ConvCase &c) {
  std::vector<int64_t> shape = {c.batch};
  if (!c.channelsLast)
    shape.push_back(c.inFeatures);
  shape.insert(shape.end(), c.size.begin(), c.size.end());
  if (c.channelsLast)
    shape.push_back(c.inFeatures);
  return shape;
}
inline std::vector<int64_t> kernelShape(const ConvCase &c) {
  if (c.channelsLast) {
    std::vector<int64_t> shape(c.window);
    shape.push_back(c.inFeatures / c.groups);
    shape.push_back(c.outFeatures);
    return shape;
  }
  std::vector<int64_t> shape = {c.outFeatures, c.inFeatures / c.groups};
  shape.insert(shape.end(), c.window.begin(), c.window.end());
  return shape;
}
inline std::vector<int64_t> resultShape(const ConvCase &c) {
  std::vector<int64_t> out = outputSize(c), shape = {c.batch};
  if (!c.channelsLast)
    shape.push_back(c.outFeatures);
  shape.insert(shape.end(), out.begin(), out.end());
  if (c.channelsLast)
    shape.push_back(c.outFeatures);
  return shape;
}

inline std::string list(const std::vector<int64_t> &values) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i)
    text += (i ? ", " : "") + std::to_string(values[i]);
  return text;
}

/// A constant kernel's values: what it would be drawn as, as argument 1.
inline HostTensor constantKernel(const ConvCase &c) {
  return kiln::randomTensor(kiln::ElementType::F32, kernelShape(c), 5, 1);
}

/// The graph of `c`; a constant kernel's weights are `weights` where given,
/// else constantKernel(c).
inline std::string graphText(const ConvCase &c,
                             const HostTensor *weights = nullptr) {
  std::string spatial = c.size.size() == 1 ? "0" : "0, 1";
  std::string dims = c.channelsLast
                         ? "[b, " + spatial + ", f]x[" + spatial +
                               ", i, o]->[b, " + spatial + ", f]"
                         : "[b, f, " + spatial + "]x[o, i, " + spatial +
                               "]->[b, f, " + spatial + "]";
  std::string pads;
  for (size_t d = 0; d < c.pad.size(); ++d)
    pads += std::string(d ? ", " : "") + "[" + std::to_string(c.pad[d]) + ", " +
            std::to_string(c.pad[d]) + "]";
  std::string in = tensorType(inputShape(c)),
              kernel = tensorType(kernelShape(c)),
              out = tensorType(resultShape(c));
  std::ostringstream os;
  os << "func.func @main(%x: " << in;
  if (!c.constantKernel)
    os << ", %k: " << kernel;
  int64_t featureDim = c.channelsLast ? resultShape(c).size() - 1 : 1;
  // The bias with unit dims around the feature's.
  std::vector<int64_t> unitDimsBias(resultShape(c).size(), 1);
  unitDimsBias[featureDim] = c.outFeatures;
  if (c.epilogue == Epilogue::BiasRelu)
    os << ", %bias: " << tensorType({c.outFeatures});
  if (c.epilogue == Epilogue::UnitDimsBiasRelu)
    os << ", %bias: " << tensorType(unitDimsBias);
  if (c.epilogue == Epilogue::ResidualRelu)
    os << ", %residual: " << tensorType(resultShape(c));
  os << ") -> " << out << " {\n";
  HostTensor kernelValues = weights ? *weights : constantKernel(c);
  if (c.constantKernel)
    os << "  %k = hlo.constant " << kiln::testing::denseHexLiteral(kernelValues)
       << " : " << kernel << "\n";
  os << "  %0 = hlo.convolution(%x, %k) dim_numbers = " << dims
     << ", window = {stride = [" << list(c.stride) << "], pad = [" << pads
     << "], rhs_dilate = [" << list(c.dilation)
     << "]} {batch_group_count = 1 : i64, feature_group_count = " << c.groups
     << " : i64} : (" << in << ", " << kernel << ") -> " << out << "\n";
  if (c.epilogue == Epilogue::None) {
    os << "  return %0 : " << out << "\n}";
    return os.str();
  }
  if (c.epilogue == Epilogue::BiasRelu)
    os << "  %1 = hlo.broadcast_in_dim %bias, dims = [" << featureDim << "] : ("
       << tensorType({c.outFeatures}) << ") -> " << out << "\n";
  if (c.epilogue == Epilogue::UnitDimsBiasRelu) {
    std::vector<int64_t> all;
    for (size_t d = 0; d < unitDimsBias.size(); ++d)
      all.push_back(d);
    os << "  %1 = hlo.broadcast_in_dim %bias, dims = [" << list(all) << "] : ("
       << tensorType(unitDimsBias) << ") -> " << out << "\n";
  }
  os << "  %2 = hlo.add %0, "
     << (c.epilogue == Epilogue::ResidualRelu ? "%residual" : "%1") << " : "
     << out << "\n"
     << "  %zero = hlo.constant dense<0.0> : " << out << "\n"
     << "  %3 = hlo.maximum %2, %zero : " << out << "\n"
     << "  return %3 : " << out << "\n}";
  return os.str();
}

} // namespace kiln::testing

#endif // KILN_TEST_UNIT_CONVOLUTIONTESTING_H
