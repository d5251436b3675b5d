//===- AccurateMath.h - Kiln's expansions where MLIR's lose accuracy -*- C++
//-*-//

#ifndef KILN_PASSES_CODEGEN_ACCURATEMATH_H
#define KILN_PASSES_CODEGEN_ACCURATEMATH_H

namespace mlir {
class Operation;
} // namespace mlir

namespace kiln {

/// Rewrites the f32 math ops under `root` whose MLIR approximations are
/// inaccurate over part of the range: sin and cos (exact argument reduction
/// for every f32), log (subnormal inputs), erf (the sign of zero). What is
/// left for MLIR's approximations is accurate over the whole range.
void expandAccurateMath(mlir::Operation *root);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_ACCURATEMATH_H
