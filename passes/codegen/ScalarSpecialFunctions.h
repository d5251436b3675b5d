//===- ScalarSpecialFunctions.h - Special functions on one scalar -*- C++ -*-//
//
// The scalar code of the functions the math dialect approximates too
// coarsely (atan2, cbrt: its approximation corrected in the operand's own
// type) or lacks: the CHLO special functions (lgamma, digamma, erf_inv,
// erfc, bessel_i1e, next_after), each computed in f64, where a short series
// or expansion is accurate to far below an f32 ulp, and rounded once to the
// operand's type.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_SCALARSPECIALFUNCTIONS_H
#define KILN_PASSES_CODEGEN_SCALARSPECIALFUNCTIONS_H

#include "mlir/IR/Builders.h"

namespace kiln {

/// atan2(y, x) of float scalars, within about 2 ulp, with C's signs of zero
/// and its values at the infinities.
mlir::Value buildAtan2(mlir::OpBuilder &b, mlir::Location loc, mlir::Value y,
                       mlir::Value x);

/// sqrt(1 - x^2) of a float scalar, exact in its factors near ±1 (asin and
/// acos as atan2 of it).
mlir::Value buildCosineOfArcsine(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Value x);

/// cbrt of a float scalar, within about 1 ulp, subnormals, zeros and
/// infinities included.
mlir::Value buildCbrt(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);

/// log |gamma(x)| of an f32 or f64 scalar: +inf at 0, -1, -2, ... and ±inf.
mlir::Value buildLgamma(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);

/// digamma(x) of an f32 or f64 scalar: NaN at 0, -1, -2, ... and -inf.
mlir::Value buildDigamma(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);

/// erf_inv(x) of an f32 or f64 scalar: ±inf at ±1, NaN beyond.
mlir::Value buildErfInv(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);

/// erfc(x) of an f32 or f64 scalar, by the C library's erfc (a call).
mlir::Value buildErfc(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);

/// exp(-|x|) I1(x) of an f32 or f64 scalar.
mlir::Value buildBesselI1e(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value x);

/// next_after(x, y) on two floats of any width, on their bits: the next
/// value of their type from x toward y, y when they are equal, NaN when
/// either is.
mlir::Value buildNextAfter(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value x, mlir::Value y);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_SCALARSPECIALFUNCTIONS_H
