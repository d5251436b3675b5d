//===- FusionFlags.h - The fusion switches kilnc and kiln-run share ---===//
//
// Included once by each tool's main file: the flags are defined here so
// both tools spell and document them the same way.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_FUSIONFLAGS_H
#define KILN_TOOLS_COMMON_FUSIONFLAGS_H

#include "compiler/Pipeline.h"

#include "llvm/Support/CommandLine.h"

namespace kiln::tools {

inline llvm::cl::OptionCategory &fusionCategory() {
  static llvm::cl::OptionCategory category("fusion options");
  return category;
}

inline llvm::cl::opt<bool>
    noFusion("no-fusion",
             llvm::cl::desc("Turn all fusion off: one kernel per op"),
             llvm::cl::cat(fusionCategory()));
inline llvm::cl::opt<bool>
    noLoopFusion("no-loop-fusion",
                 llvm::cl::desc("Do not fuse elementwise and shape chains"),
                 llvm::cl::cat(fusionCategory()));
inline llvm::cl::opt<bool> noInputFusion(
    "no-input-fusion",
    llvm::cl::desc("Do not fuse reductions with producers or rows"),
    llvm::cl::cat(fusionCategory()));
inline llvm::cl::opt<bool> noOutputFusion(
    "no-output-fusion",
    llvm::cl::desc("Do not fuse dot/convolution with their consumers"),
    llvm::cl::cat(fusionCategory()));

inline llvm::cl::opt<int64_t> maxLoopFusionOps(
    "max-loop-fusion-ops",
    llvm::cl::desc("The most ops one loop fusion may hold (default 256)"),
    llvm::cl::init(kDefaultMaxLoopFusionOps), llvm::cl::value_desc("N"),
    llvm::cl::cat(fusionCategory()));

inline llvm::cl::opt<int64_t> maxInputFusionOps(
    "max-input-fusion-ops",
    llvm::cl::desc(
        "The most ops one input (reduction or row) fusion may hold (default "
        "256)"),
    llvm::cl::init(kDefaultMaxInputFusionOps), llvm::cl::value_desc("N"),
    llvm::cl::cat(fusionCategory()));

/// The compile options the fusion flags ask for.
inline CompileOptions fusionOptionsFromFlags() {
  CompileOptions options;
  options.loopFusion = !noFusion && !noLoopFusion;
  options.inputFusion = !noFusion && !noInputFusion;
  options.outputFusion = !noFusion && !noOutputFusion;
  options.maxLoopFusionOps = maxLoopFusionOps;
  options.maxInputFusionOps = maxInputFusionOps;
  return options;
}

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_FUSIONFLAGS_H
