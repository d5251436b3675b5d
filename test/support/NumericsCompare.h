//===- NumericsCompare.h - Comparing results with Kiln's tolerance -*- C++ -*-//

#ifndef KILN_TEST_SUPPORT_NUMERICSCOMPARE_H
#define KILN_TEST_SUPPORT_NUMERICSCOMPARE_H

#include "runtime/HostTensor.h"

#include <cmath>
#include <sstream>
#include <string>

namespace kiln::testing {

/// Kiln's one tolerance rule for an f32 result against its oracle: NaN only
/// matches NaN, an infinity only the same infinity, and finite values must be
/// within |a - b| <= 1e-6 + 1e-5 * |b|.
inline bool withinTolerance(double actual, double expected) {
  if (std::isnan(actual) || std::isnan(expected))
    return std::isnan(actual) && std::isnan(expected);
  if (std::isinf(actual) || std::isinf(expected))
    return actual == expected;
  return std::fabs(actual - expected) <= 1e-6 + 1e-5 * std::fabs(expected);
}

/// Higham's bound on the rounding error of an f32 sum of `k` products
/// computed in any order (each step a multiply and an add, or one FMA):
/// |computed - exact| <= gamma_k * sum |a_i * b_i|, gamma_k = k u / (1 - k u),
/// u = 2^-24. Two f32 results that may sum in different orders therefore
/// agree within twice this bound. `sumAbsProducts` is sum |a_i * b_i|,
/// computed exactly enough in double.
inline double contractionErrorBound(int64_t k, double sumAbsProducts) {
  double ku = static_cast<double>(k) * 0x1p-24;
  return ku / (1 - ku) * sumAbsProducts;
}

/// The tolerance against results another implementation computed with
/// algorithms Kiln does not know (summation orders, math libraries): ONNX's
/// conformance data, held to the tolerance ONNX's own backend tests apply
/// to every backend, |a - b| <= 1e-7 + 1e-3 * |b| (NaN and infinities as in
/// withinTolerance).
inline bool withinOracleTolerance(double actual, double expected) {
  if (std::isnan(actual) || std::isnan(expected) || std::isinf(actual) ||
      std::isinf(expected))
    return withinTolerance(actual, expected);
  return std::fabs(actual - expected) <= 1e-7 + 1e-3 * std::fabs(expected);
}

/// Empty when `actual` matches `expected` (same type and shape; floats by
/// `close`, withinTolerance by default; integers exactly), else a
/// description of the first mismatch.
inline std::string
compareTensors(const HostTensor &actual, const HostTensor &expected,
               bool (*close)(double, double) = withinTolerance) {
  if (actual.elementType() != expected.elementType() ||
      actual.shape() != expected.shape())
    return "type " + actual.typeString() + " vs expected " +
           expected.typeString();
  for (int64_t i = 0; i < expected.numElements(); ++i) {
    double a = actual.getAsDouble(i), b = expected.getAsDouble(i);
    bool same = expected.elementType() == ElementType::F32
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

/// Empty when the f32 `actual` matches `expected` (a whole model's output
/// against another framework's) norm-wise: every |a - b| <= 1e-3 * max|b|,
/// the relative tolerance of withinOracleTolerance applied to the output's
/// scale. A model's output ends a long chain of contractions whose rounding
/// errors scale with the magnitudes summed, not with each result: an
/// element near zero by cancellation carries the error of the large terms,
/// which an element-wise relative test would call wrong. Otherwise the
/// first mismatch (other types compare as compareTensors does).
inline std::string compareModelOutputs(const HostTensor &actual,
                                       const HostTensor &expected) {
  if (expected.elementType() != ElementType::F32)
    return compareTensors(actual, expected);
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
                    : withinTolerance(a, b);
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
