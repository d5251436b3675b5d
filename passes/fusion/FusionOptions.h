//===- FusionOptions.h - Which fusion kinds run ------------------*- C++
//-*-===//

#ifndef KILN_PASSES_FUSION_FUSIONOPTIONS_H
#define KILN_PASSES_FUSION_FUSIONOPTIONS_H

#include <cstdint>

namespace kiln {

/// The most ops one loop fusion holds. LLVM's time on one kernel grows
/// faster than the kernel (measured: about 1 ms an op up to a few hundred
/// ops, 10 ms an op in a 10,000-op kernel), and past a few hundred ops per
/// element a kernel is bound by its arithmetic, so splitting it costs one
/// extra buffer round trip and no speed.
inline constexpr int64_t kDefaultMaxLoopFusionOps = 256;

/// The most ops one input fusion (a reduction with its producers, or a row
/// fusion) holds, for the same reason: a long chain of reductions over the
/// same rows would otherwise become one kernel of the whole graph (a
/// 10,000-op chain took 17 s to fuse and 26 s of LLVM).
inline constexpr int64_t kDefaultMaxInputFusionOps = 256;

/// Each fusion kind's switch (`--no-loop-fusion`, `--no-input-fusion`,
/// `--no-output-fusion`); `--no-fusion` turns all three off, giving one
/// kernel per op: the unfused baseline. The pipeline reads it to choose the
/// passes, and --explain-fusion to say when an edge stayed unfused because
/// its pass was off.
struct FusionOptions {
  bool loopFusion = true;
  bool inputFusion = true;
  bool outputFusion = true;
  /// `--max-loop-fusion-ops`: the size limit of a loop fusion.
  int64_t maxLoopFusionOps = kDefaultMaxLoopFusionOps;
  /// `--max-input-fusion-ops`: the size limit of an input or row fusion.
  int64_t maxInputFusionOps = kDefaultMaxInputFusionOps;
  void disableFusion() { loopFusion = inputFusion = outputFusion = false; }
};

} // namespace kiln

#endif // KILN_PASSES_FUSION_FUSIONOPTIONS_H
