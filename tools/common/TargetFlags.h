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

inline llvm::cl::opt<std::string> targetLevel(
    "target",
    llvm::cl::desc("The CPUs the code runs on: x86-64-v3 (AVX2 and FMA, "
                   "Haswell and Zen and later), x86-64-v4 (AVX-512), or "
                   "native (this host). Default: native for what runs "
                   "here, x86-64-v3 for a library or object to ship"),
    llvm::cl::value_desc("level"), llvm::cl::cat(targetCategory()));
inline llvm::cl::opt<std::string>
    targetCpu("mcpu",
              llvm::cl::desc("The CPU to generate code for, by LLVM's name "
                             "(znver3, skylake-avx512, ...), instead of "
                             "--target"),
              llvm::cl::value_desc("cpu"), llvm::cl::cat(targetCategory()));
inline llvm::cl::opt<std::string> targetFeatures(
    "mattr",
    llvm::cl::desc("Features to add to or remove from the CPU's, comma "
                   "separated (-avx512f: AVX2 code on an AVX-512 host)"),
    llvm::cl::value_desc("+f,-g"), llvm::cl::cat(targetCategory()));

/// The target the flags ask for, `defaultLevel` ("native", "x86-64-v3")
/// when they name none. The error is the bare reason, for the tool to
/// prefix.
inline llvm::Expected<TargetChoice>
targetFromFlags(llvm::StringRef defaultLevel = "native") {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  if (!targetLevel.empty() && !targetCpu.empty())
    return error("give --target or --mcpu, not both");
  TargetChoice choice{targetCpu, targetFeatures};
  if (targetCpu.empty()) {
    std::string level =
        targetLevel.empty() ? defaultLevel.str() : targetLevel.getValue();
    if (level != "native" && level != "x86-64-v3" && level != "x86-64-v4")
      return error("unknown --target '" + level +
                   "' (expected x86-64-v3, x86-64-v4 or native)");
    if (level != "native")
      choice.cpu = level;
  }
  return choice;
}

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_TARGETFLAGS_H
