//===- LongLoopInterleaving.h - The vectorizer's long loops -*- C++ -*-===//

#ifndef KILN_COMPILER_LONGLOOPINTERLEAVING_H
#define KILN_COMPILER_LONGLOOPINTERLEAVING_H

#include "llvm/IR/PassManager.h"

namespace kiln {

/// Asks LLVM's loop vectorizer to interleave the long loops it would leave
/// alone: each innermost loop of scalar code with at least
/// `kMinFloatOperations` floating-point operations, carrying nothing but
/// its inductions and reductions LLVM may reassociate, and with a trip
/// count of at least two interleaved vector iterations (or one not known
/// while compiling) gets `llvm.loop.interleave.count`, the target's
/// interleave factor. Runs at the start of the vectorizer's pipeline.
///
/// LLVM interleaves a vectorized loop only while its body is short (its
/// cost under 20) or when it carries a reduction; it counts on the core's
/// out-of-order window to overlap the iterations of long bodies, and that
/// window fills with one iteration's dependent chains: the elementwise
/// chain's loop (an exp, two divides, NaN-propagating maximum and minimum:
/// 60 instructions a vector) took 24% less time with its data in cache
/// when four vectors were interleaved (docs/benchmarks.md). Reductions
/// LLVM does interleave, but twice in AVX2 code, short of registers by
/// its count: softmax's loop of exp(x - max) and its sum took 10% less
/// time on Zen 3 four times over, spills and all.
class LongLoopInterleavingPass
    : public llvm::PassInfoMixin<LongLoopInterleavingPass> {
public:
  /// Fewer floating-point operations than this and LLVM's own choice
  /// stands: bodies of 12 alternating adds and multiplies ran as fast
  /// either way, 16 and more faster interleaved.
  static constexpr unsigned kMinFloatOperations = 16;
  /// At most this many floating-point operations in the interleaved body:
  /// the count halves until it fits, and bodies over half of it stay as
  /// they are. Compile time grows with the body (four copies of a fused
  /// loop of 1,000-odd operations took kilnc from 0.40 to 0.67 s on
  /// bench/compile-bench's elementwise-1000).
  static constexpr unsigned kMaxInterleavedOperations = 512;

  llvm::PreservedAnalyses run(llvm::Function &function,
                              llvm::FunctionAnalysisManager &analyses);
};

} // namespace kiln

#endif // KILN_COMPILER_LONGLOOPINTERLEAVING_H
