//===- MinMaxOfVariables.h - IEEE min and max in x86's compare-selects -*- C++
//-*-===//

#ifndef KILN_PASSES_CODEGEN_MINMAXOFVARIABLES_H
#define KILN_PASSES_CODEGEN_MINMAXOFVARIABLES_H

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace kiln {

/// Rewrites arith.minimumf and arith.maximumf of two values that vary
/// (neither a constant nor a loop's running value) into two x86
/// compare-selects joined by bits (MinMaxOfVariables.cpp): IEEE's minimum
/// and maximum, NaN and signed zeros included, in three or four
/// instructions where LLVM 19 lowers them in five on AVX2.
void populateMinMaxOfVariablesPatterns(mlir::RewritePatternSet &patterns);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_MINMAXOFVARIABLES_H
