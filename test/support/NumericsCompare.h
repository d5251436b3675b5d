//===- NumericsCompare.h - Comparing results with Kiln's tolerance -*- C++ -*-//

#ifndef KILN_TEST_SUPPORT_NUMERICSCOMPARE_H
#define KILN_TEST_SUPPORT_NUMERICSCOMPARE_H

#include "runtime/HostTensor.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
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

/// The most ulps each native f32 function may be from the exact value, over
/// every f32 input (docs/math-accuracy.md has the table and how it was
/// measured). Ops IEEE rounds exactly (add, divide, sqrt, ...) are not
/// listed: they are correctly rounded, 0.5 ulp.
struct MathUlpBound {
  const char *op;
  double ulps;
};
inline constexpr MathUlpBound kMathUlpBounds[] = {
    {"sine", 1},        {"cosine", 1},
    {"exponential", 2}, {"exponential_minus_one", 4},
    {"log", 2},         {"log_plus_one", 4},
    {"tanh", 2},        {"logistic", 2},
    {"erf", 2},         {"rsqrt", 2},
    {"power", 1},       {"tan", 2},
    {"cbrt", 1},        {"asin", 2},
    {"acos", 2},        {"atan", 2},
    {"sinh", 2},        {"cosh", 2},
    {"asinh", 2},       {"acosh", 2},
    {"atanh", 2},       {"erfc", 1},
    {"lgamma", 1},      {"digamma", 1},
    {"erf_inv", 1},     {"bessel_i1e", 1},
};

/// The bound of hlo op `op` (its name without "hlo."): kMathUlpBounds', or
/// 0.5 for the ops IEEE rounds exactly.
inline double mathUlpBound(llvm::StringRef op) {
  for (const MathUlpBound &bound : kMathUlpBounds)
    if (op == bound.op)
      return bound.ulps;
  return 0.5;
}

/// Kiln's rule for one elementwise f32 op against the reference
/// interpreter, which computes each function in double and rounds once (so
/// its result is within 0.5 ulp of the exact value): a correctly rounded op
/// (`ulps` 0.5) must give the interpreter's value exactly; any other must
/// lie within `ulps` + 0.5 ulp of it, in ulps of the interpreter's result.
/// NaN only matches NaN, an infinity the same infinity, a zero the same
/// zero.
inline std::function<bool(double, double)> withinUlpsOfReference(double ulps) {
  double allowed = ulps <= 0.5 ? 0 : ulps + 0.5;
  return [allowed](double actual, double expected) {
    return ulpError(static_cast<float>(actual), expected) <= allowed;
  };
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

/// |actual - expected| <= 1e-7 + relative * |expected| for finite values;
/// NaN and infinities as in withinTolerance.
inline bool withinRelativeTolerance(double actual, double expected,
                                    double relative) {
  if (std::isnan(actual) || std::isnan(expected) || std::isinf(actual) ||
      std::isinf(expected))
    return withinTolerance(actual, expected);
  return std::fabs(actual - expected) <= 1e-7 + relative * std::fabs(expected);
}

/// The tolerance against results another implementation computed with
/// algorithms Kiln does not know (summation orders, math libraries): ONNX's
/// conformance data, held to the tolerance ONNX's own backend tests apply
/// to every backend, |a - b| <= 1e-7 + 1e-3 * |b| (NaN and infinities as in
/// withinTolerance).
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
/// `close`, withinTolerance by default; integers exactly), else a
/// description of the first mismatch.
inline std::string compareTensors(
    const HostTensor &actual, const HostTensor &expected,
    const std::function<bool(double, double)> &close = withinTolerance) {
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
