//===- SpecialFunctions.h - Reference special functions in double -*- C++ -*-//
//
// The special functions the C library lacks, in double precision, for the
// reference interpreter: each by a method of its own (bisection, the
// standard library's Bessel function), not the native code's, so that the
// two check each other.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_REFERENCE_SPECIALFUNCTIONS_H
#define KILN_COMPILER_REFERENCE_SPECIALFUNCTIONS_H

namespace kiln::reference {

/// psi(x), the derivative of log |gamma(x)|; NaN at 0, -1, -2, ... and for
/// NaN, +inf at +inf.
double digamma(double x);

/// The y with erf(y) = x: ±inf at ±1, NaN beyond.
double erfInverse(double x);

/// exp(-|x|) I1(x), odd in x: ±0 at ±inf.
double besselI1e(double x);

/// log |gamma(x)|: +inf at 0, -1, -2, ... and at ±inf.
double logGamma(double x);

} // namespace kiln::reference

#endif // KILN_COMPILER_REFERENCE_SPECIALFUNCTIONS_H
