//===- BFloat16Truncation.h - f32 -> bf16 for code without AVX512-BF16 -*- C++
//-*-===//

#ifndef KILN_COMPILER_BFLOAT16TRUNCATION_H
#define KILN_COMPILER_BFLOAT16TRUNCATION_H

#include "llvm/IR/PassManager.h"

namespace kiln {

/// Defines `__truncsfbf2` (f32 -> bf16, rounded to nearest even, a NaN kept
/// quiet with its sign) in a module that computes on bf16, for targets
/// without AVX512-BF16.
///
/// Kiln's kernels round f32 to bf16 in integer arithmetic
/// (ScalarSemantics.cpp's buildTruncToBF16), but instcombine narrows
/// operations on a widened bf16 back to bf16 (fabs(fpext x) becomes
/// fpext(fabs x)), and x86's backend computes those in f32 and rounds with
/// a call to `__truncsfbf2`: compiler-rt has it, Debian 12's libgcc does
/// not, and neither is linked into the JIT's code or a model library, so
/// such a graph failed to load ("Symbols not found: __truncsfbf2") or to
/// link. The definition is weak_odr (no IR calls it until the backend's
/// libcall, so a discardable one would be dropped first) and hidden: each
/// object that needs it carries its own, and the JIT linker or `ld` keeps
/// one.
class BFloat16TruncationPass
    : public llvm::PassInfoMixin<BFloat16TruncationPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &module,
                              llvm::ModuleAnalysisManager &analyses);
};

} // namespace kiln

#endif // KILN_COMPILER_BFLOAT16TRUNCATION_H
