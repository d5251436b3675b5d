//===- NumericsCompare.h - Comparing results with their oracles -*- C++ -*-===//

#ifndef KILN_TEST_SUPPORT_NUMERICSCOMPARE_H
#define KILN_TEST_SUPPORT_NUMERICSCOMPARE_H

#include "compiler/reference/ErrorBounds.h"
#include "runtime/HostTensor.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace kiln::testing {

/// Whether two values are the same: bit for bit but for NaN, which
/// matches any NaN, and zeros, which match either sign.
inline bool sameValue(double actual, double expected) {
  if (std::isnan(actual) || std::isnan(expected))
    return std::isnan(actual) && std::isnan(expected);
  return actual == expected;
}

/// Whether two tensors hold the same bytes: same element type and shape,
/// each element bit for bit (a NaN only matches the same NaN, -0 only -0).
inline bool sameBits(const HostTensor &x, const HostTensor &y) {
  return x.elementType() == y.elementType() && x.shape() == y.shape() &&
         std::memcmp(x.data(), y.data(), x.sizeInBytes()) == 0;
}

/// |actual - exact| in units of the last place of the f32 nearest `exact`
/// (2^-149 below the normal range). Special values count as 0 when they
/// match exactly (NaN with NaN, an infinity with the same infinity, a zero
/// with the same sign) and as infinitely wrong otherwise.
inline double ulpError(float actual, double exact) {
  if (std::isnan(exact) || std::isnan(actual))
    return std::isnan(exact) && std::isnan(actual) ? 0 : INFINITY;
  float rounded = static_cast<float>(exact);
  if (std::isinf(rounded) || std::isinf(actual))
    return actual == rounded ? 0 : INFINITY;
  if (actual == 0 && rounded == 0)
    return std::signbit(actual) == std::signbit(rounded) ? 0 : INFINITY;
  int exponent;
  std::frexp(rounded == 0 ? double(actual) : double(rounded), &exponent);
  double ulp = std::ldexp(1.0, std::max(exponent - 24, -149));
  return std::fabs(double(actual) - exact) / ulp;
}

/// Higham's bound on the rounding error of an f32 sum of `k` products
/// computed in any order (each step a multiply and an add, or one FMA):
/// |computed - exact| <= gamma_k * sum |a_i * b_i|, gamma_k = k u / (1 - k u),
/// u = 2^-24. Two f32 results that may sum in different orders therefore
/// agree within twice this bound. `sumAbsProducts` is sum |a_i * b_i|,
/// computed exactly enough in double.
inline double contractionErrorBound(int64_t k, double sumAbsProducts) {
  return sumErrorFactor(k, ElementType::F32) * sumAbsProducts;
}

/// |actual - expected| <= 1e-7 + relative * |expected| for finite values;
/// NaN only matches NaN, an infinity the same infinity.
inline bool withinRelativeTolerance(double actual, double expected,
                                    double relative) {
  if (!std::isfinite(actual) || !std::isfinite(expected))
    return sameValue(actual, expected);
  return std::fabs(actual - expected) <= 1e-7 + relative * std::fabs(expected);
}

/// The tolerance against results another implementation computed with
/// algorithms Kiln does not know (summation orders, math libraries): ONNX's
/// conformance data, held to the tolerance ONNX's own backend tests apply
/// to every backend, |a - b| <= 1e-7 + 1e-3 * |b| (NaN and infinities as in
/// withinRelativeTolerance).
inline bool withinOracleTolerance(double actual, double expected) {
  return withinRelativeTolerance(actual, expected, 1e-3);
}

/// withinOracleTolerance for results of element type `type`, where a float
/// narrower than f32 widens the relative term to two of its ulps at 1
/// (f16: 2^-9, bf16: 2^-6): another implementation may compute it in f32
/// and round once, or round each step.
inline std::function<bool(double, double)>
withinOracleToleranceOf(ElementType type) {
  double relative = type == ElementType::F16    ? 0x1p-9
                    : type == ElementType::BF16 ? 0x1p-6
                                                : 1e-3;
  return [relative](double actual, double expected) {
    return withinRelativeTolerance(actual, expected, relative);
  };
}

/// Empty when `actual` matches `expected` (same type and shape; floats by
/// `close`, integers exactly), else a description of the first mismatch.
inline std::string
compareTensors(const HostTensor &actual, const HostTensor &expected,
               const std::function<bool(double, double)> &close) {
  if (actual.elementType() != expected.elementType() ||
      actual.shape() != expected.shape())
    return "type " + actual.typeString() + " vs expected " +
           expected.typeString();
  for (int64_t i = 0; i < expected.numElements(); ++i) {
    double a = actual.getAsDouble(i), b = expected.getAsDouble(i);
    bool same = isFloat(expected.elementType())
                    ? close(a, b)
                    : actual.getAsInt(i) == expected.getAsInt(i);
    if (!same) {
      std::ostringstream os;
      os.precision(9);
      os << "element " << i << ": got " << a << ", expected " << b;
      return os.str();
    }
  }
  return "";
}

/// "[1, 0, 2]": the coordinates of flat index `index` in `shape`.
inline std::string coordinates(const std::vector<int64_t> &shape,
                               int64_t index) {
  std::vector<int64_t> coords(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    coords[d] = index % shape[d];
    index /= shape[d];
  }
  std::string text = "[";
  for (size_t d = 0; d < coords.size(); ++d)
    text += (d ? ", " : "") + std::to_string(coords[d]);
  return text + "]";
}

/// Empty when compiled code's `actual` lies within `bounds` of the
/// interpreter's `expected` (interpretWithErrorBounds' values and bounds;
/// withinErrorBound, compiler/reference/ErrorBounds.h), integers exactly
/// where their bound is 0; else the first element outside, by flat index
/// and coordinates. `unchecked`, when given, counts the elements whose
/// bound is infinite.
inline std::string compareWithinBounds(const HostTensor &actual,
                                       const HostTensor &expected,
                                       const HostTensor &bounds,
                                       int64_t *unchecked = nullptr) {
  if (actual.elementType() != expected.elementType() ||
      actual.shape() != expected.shape())
    return "has type " + actual.typeString() + ", expected " +
           expected.typeString();
  for (int64_t i = 0; i < expected.numElements(); ++i) {
    double a = actual.getAsDouble(i), b = expected.getAsDouble(i);
    double bound = bounds.getAsDouble(i);
    if (unchecked && std::isinf(bound))
      ++*unchecked;
    bool within = isFloat(expected.elementType()) || std::isinf(bound)
                      ? withinErrorBound(a, b, bound)
                      : actual.getAsInt(i) == expected.getAsInt(i);
    if (within)
      continue;
    std::ostringstream os;
    os.precision(9);
    os << "element " << i << " " << coordinates(expected.shape(), i) << ": ";
    if (isFloat(expected.elementType()))
      os << a << " vs " << b;
    else
      os << actual.getAsInt(i) << " vs " << expected.getAsInt(i);
    if (bound > 0)
      os << " (bound " << bound << ")";
    return os.str();
  }
  return "";
}

/// Empty when the f32 `actual` matches `expected` (a whole model's output
/// against another framework's) norm-wise: every |a - b| <= 1e-3 * max|b|,
/// the relative tolerance of withinOracleTolerance applied to the output's
/// scale. A model's output ends a long chain of contractions whose rounding
/// errors scale with the magnitudes summed, not with each result: an
/// element near zero by cancellation carries the error of the large terms,
/// which an element-wise relative test would call wrong. Otherwise the
/// first mismatch (other types compare exactly).
inline std::string compareModelOutputs(const HostTensor &actual,
                                       const HostTensor &expected) {
  if (expected.elementType() != ElementType::F32)
    return compareTensors(actual, expected, sameValue);
  if (actual.elementType() != expected.elementType() ||
      actual.shape() != expected.shape())
    return "type " + actual.typeString() + " vs expected " +
           expected.typeString();
  double scale = 0;
  for (int64_t i = 0; i < expected.numElements(); ++i)
    if (std::isfinite(expected.getAsDouble(i)))
      scale = std::fmax(scale, std::fabs(expected.getAsDouble(i)));
  for (int64_t i = 0; i < expected.numElements(); ++i) {
    double a = actual.getAsDouble(i), b = expected.getAsDouble(i);
    bool same = std::isfinite(a) && std::isfinite(b)
                    ? std::fabs(a - b) <= 1e-7 + 1e-3 * scale
                    : sameValue(a, b);
    if (!same) {
      std::ostringstream os;
      os.precision(9);
      os << "element " << i << ": got " << a << ", expected " << b
         << " (output scale " << scale << ")";
      return os.str();
    }
  }
  return "";
}

} // namespace kiln::testing

#endif // KILN_TEST_SUPPORT_NUMERICSCOMPARE_H
