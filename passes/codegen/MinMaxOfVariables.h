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
/// compare-selects joined as bits (MinMaxOfVariables.cpp): IEEE's minimum
/// and maximum, NaN and signed zeros included, in three and six
/// instructions, two of them on the pipes that run the FMAs, where LLVM 19
/// lowers each in five, all five there (AVX2).
void populateMinMaxOfVariablesPatterns(mlir::RewritePatternSet &patterns);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_MINMAXOFVARIABLES_H
