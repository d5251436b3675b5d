//===- TargetFlags.h - --mcpu and --mattr for kilnc and kiln-run ------===//
//
// Included once by each tool's main file, like FusionFlags.h.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_TARGETFLAGS_H
#define KILN_TOOLS_COMMON_TARGETFLAGS_H

#include "compiler/Backend.h"

#include "llvm/Support/CommandLine.h"

namespace kiln::tools {

inline llvm::cl::OptionCategory &targetCategory() {
  static llvm::cl::OptionCategory category("target options");
  return category;
}

inline llvm::cl::opt<std::string>
    targetCpu("mcpu",
              llvm::cl::desc("The CPU to generate code for, by LLVM's name "
                             "(znver3, skylake-avx512, ...; default: the "
                             "host's)"),
              llvm::cl::value_desc("cpu"), llvm::cl::cat(targetCategory()));
inline llvm::cl::opt<std::string> targetFeatures(
    "mattr",
    llvm::cl::desc("Features to add to or remove from the CPU's, comma "
                   "separated (-avx512f: AVX2 code on an AVX-512 host)"),
    llvm::cl::value_desc("+f,-g"), llvm::cl::cat(targetCategory()));

/// The target the flags ask for.
inline TargetChoice targetChoiceFromFlags() {
  return {targetCpu, targetFeatures};
}

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_TARGETFLAGS_H
