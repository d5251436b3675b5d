//===- AccurateMath.h - Kiln's expansions where MLIR's lose accuracy -*- C++
//-*-//

#ifndef KILN_PASSES_CODEGEN_ACCURATEMATH_H
#define KILN_PASSES_CODEGEN_ACCURATEMATH_H

namespace mlir {
class Operation;
class RewritePatternSet;
} // namespace mlir

namespace kiln {

/// Rewrites the f32 math ops under `root` whose MLIR approximations are
/// inaccurate over part of the range: sin and cos (exact argument reduction
/// for every f32), log (subnormal inputs), tanh and erf (Kiln's own
/// polynomials). What is left for MLIR's approximations is accurate over the
/// whole range.
void expandAccurateMath(mlir::Operation *root);

/// Kiln's f32 exp (a two-constant argument reduction, 2^k in two factors,
/// one for -|x|: within 1 ulp, subnormal results kept), at a higher benefit
/// than MLIR's approximation, so that it also expands the exps MLIR's own
/// expansion of expm1 creates.
void populateAccurateMathPatterns(mlir::RewritePatternSet &patterns);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_ACCURATEMATH_H
