//===- FusionOptions.h - Which fusion kinds run ------------------*- C++
//-*-===//

#ifndef KILN_PASSES_FUSION_FUSIONOPTIONS_H
#define KILN_PASSES_FUSION_FUSIONOPTIONS_H

namespace kiln {

/// Each fusion kind's switch (`--no-loop-fusion`, `--no-input-fusion`,
/// `--no-output-fusion`); `--no-fusion` turns all three off, giving one
/// kernel per op: the unfused baseline. The pipeline reads it to choose the
/// passes, and --explain-fusion to say when an edge stayed unfused because
/// its pass was off.
struct FusionOptions {
  bool loopFusion = true;
  bool inputFusion = true;
  bool outputFusion = true;
  void disableFusion() { loopFusion = inputFusion = outputFusion = false; }
};

} // namespace kiln

#endif // KILN_PASSES_FUSION_FUSIONOPTIONS_H
