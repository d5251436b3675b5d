//===- SpecialFunctions.cpp - Reference special functions in double -------===//

#include "compiler/reference/SpecialFunctions.h"

#include <cmath>
#include <math.h> // lgamma_r: std::lgamma writes the global signgam

namespace kiln::reference {

double digamma(double x) {
  if (std::isnan(x) || x == -INFINITY)
    return NAN;
  if (x <= 0 && x == std::floor(x))
    return NAN;
  double result = 0;
  // Reflection: psi(x) = psi(1 - x) - pi / tan(pi x), with tan(pi x) taken
  // at the distance to the nearest integer (tan has period pi), exactly.
  if (x < 0.5) {
    double fraction = x - std::round(x);
    result -= M_PI / std::tan(M_PI * fraction);
    x = 1 - x;
  }
  // psi(x) = psi(x + 1) - 1 / x up to where the asymptotic series holds to
  // double precision.
  for (; x < 12; x += 1)
    result -= 1 / x;
  // psi(x) ~ log x - 1/(2x) - sum B_2k / (2k x^2k).
  double inverseSquare = 1 / (x * x);
  double series =
      inverseSquare *
      (1.0 / 12 -
       inverseSquare *
           (1.0 / 120 -
            inverseSquare *
                (1.0 / 252 -
                 inverseSquare *
                     (1.0 / 240 -
                      inverseSquare *
                          (1.0 / 132 - inverseSquare * 691.0 / 32760)))));
  return result + std::log(x) - 0.5 / x - series;
}

double erfInverse(double x) {
  if (std::isnan(x) || std::fabs(x) > 1)
    return NAN;
  if (std::fabs(x) == 1)
    return std::copysign(INFINITY, x);
  // Bisection on [0, 27] (erfc(27) is below the smallest double) for |x|,
  // on erf(y) - |x| below 0.5 and on (1 - |x|) - erfc(y) above, where
  // 1 - |x| is exact and erfc keeps the tail's precision.
  double target = std::fabs(x);
  auto below = [&](double y) {
    return target <= 0.5 ? std::erf(y) < target : std::erfc(y) > 1 - target;
  };
  double low = 0, high = 27;
  for (;;) {
    double middle = low + (high - low) / 2;
    if (middle == low || middle == high)
      break;
    (below(middle) ? low : high) = middle;
  }
  return std::copysign(below(high) ? high : low, x);
}

double besselI1e(double x) {
  if (std::isnan(x))
    return x;
  double magnitude = std::fabs(x);
  double value;
  if (magnitude < 700) {
    value = std::cyl_bessel_i(1.0, magnitude) * std::exp(-magnitude);
  } else {
    // I1(x) e^-x ~ (1 - 3/(8x) - 15/(128x^2) - 105/(1024x^3)) / sqrt(2 pi x),
    // whose next term is below 1e-12 here (and which is 0 at infinity).
    double inverse = 1 / magnitude;
    value = (1 - inverse * (3.0 / 8 +
                            inverse * (15.0 / 128 + inverse * 105.0 / 1024))) /
            std::sqrt(2 * M_PI * magnitude);
  }
  return std::copysign(value, x);
}

double logGamma(double x) {
  int sign;
  return ::lgamma_r(x, &sign);
}

} // namespace kiln::reference
