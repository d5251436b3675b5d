//===- PowerOfTwoScaling.h - exp's 2^k in one AVX-512 instruction -*- C++ -*-//

#ifndef KILN_COMPILER_POWEROFTWOSCALING_H
#define KILN_COMPILER_POWEROFTWOSCALING_H

#include "llvm/IR/PassManager.h"

namespace kiln {

/// Rewrites the vectorized 2^k scaling of Kiln's exp into AVX-512's
/// `vscalefps`, which multiplies by 2^k and rounds once, in one
/// instruction. kiln-expand-math (passes/codegen/AccurateMath.cpp) builds
/// exp(y) = p 2^k from k's bits, as target-independent code that LLVM
/// vectorizes: p * 2^(k >> 1) * 2^(k - (k >> 1)), each factor an exponent
/// field (k in [-150, 128]), or for y <= 0, p * 2^(k + 64) * 2^-64. Both
/// round once, as `vscalefps` does, so its results are the same bits (over
/// every f32 input); it replaces ten instructions a vector (the conversion
/// of k to an integer, the shifts, adds and multiplies) with one. LLVM 19
/// neither vectorizes `llvm.ldexp` nor lowers it to `vscalefps`, so the
/// rewrite runs after its vectorizer, on vectors of 16 floats, and of 8 and
/// 4 with AVX512VL; scalar code keeps the two factors.
class PowerOfTwoScalingPass
    : public llvm::PassInfoMixin<PowerOfTwoScalingPass> {
public:
  /// `vectorLength`: whether the target has AVX512VL (256- and 128-bit
  /// `vscalefps`).
  explicit PowerOfTwoScalingPass(bool vectorLength)
      : vectorLength(vectorLength) {}

  llvm::PreservedAnalyses run(llvm::Function &function,
                              llvm::FunctionAnalysisManager &analyses);

private:
  bool vectorLength;
};

} // namespace kiln

#endif // KILN_COMPILER_POWEROFTWOSCALING_H
