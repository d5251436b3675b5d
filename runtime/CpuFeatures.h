//===- CpuFeatures.h - The instruction set extensions of this CPU -*- C++
//-*-===//
//
// Compiled code names the x86 features it needs in LLVM's spelling; the
// runtime checks them against the CPU before running any of it, so that a
// model built for a newer CPU fails with a message instead of an illegal
// instruction. One table serves both sides: the compiler records only the
// features listed here, the runtime knows how to detect each of them.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_CPUFEATURES_H
#define KILN_RUNTIME_CPUFEATURES_H

#include <string>
#include <vector>

namespace kiln {

/// Every feature Kiln can check, in LLVM's spelling ("avx2", "avx512f").
const std::vector<std::string> &checkableCpuFeatures();

/// Whether this CPU, and the operating system's saving of its registers,
/// supports `feature` (one of checkableCpuFeatures(); others are false).
/// The environment variable KILN_CPU_FEATURES, when set, replaces what the
/// CPU reports with its comma-separated list: a way to see how a model
/// behaves on an older CPU.
bool hostHasCpuFeature(const std::string &feature);

/// The features of the comma-separated `required` that this CPU lacks, in
/// their order there.
std::vector<std::string> missingCpuFeatures(const std::string &required);

} // namespace kiln

#endif // KILN_RUNTIME_CPUFEATURES_H
