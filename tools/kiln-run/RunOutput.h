//===- RunOutput.h - What kiln-run prints and writes ------------*- C++ -*-===//
//
// kiln-run's output, the same from the launcher (Launcher.cpp) and from the
// full tool (kiln-run.cpp): each result in NumPy's style or as
// DIR/result<i>.npy, then a line of the run's latency or of its timed runs.
// Without LLVM, for the launcher.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_KILN_RUN_RUNOUTPUT_H
#define KILN_TOOLS_KILN_RUN_RUNOUTPUT_H

#include "runtime/HostTensor.h"
#include "tools/common/OutputFile.h"

#include <string>
#include <vector>

namespace kiln::runoutput {

/// "result<i>: tensor<...>" and the values, for each result.
std::string formatResults(const std::vector<HostTensor> &results);

/// The files --out writes: result<i>.npy.
std::vector<tools::NamedOutput>
resultFiles(const std::vector<HostTensor> &results);

/// "latency: run_ms=... compile_ms=... cache=hit|miss|off".
std::string latencyLine(double runMs, double compileMs,
                        const std::string &cache);

/// "bench: runs=N min_ms=... median_ms=..." of the timed runs' `times`.
std::string benchLine(std::vector<double> times);

} // namespace kiln::runoutput

#endif // KILN_TOOLS_KILN_RUN_RUNOUTPUT_H
