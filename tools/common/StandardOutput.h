//===- StandardOutput.h - Finishing a tool's standard output ----*- C++ -*-===//
//
// The tools print through llvm::outs(), which aborts at exit over a write
// error still set on it. Each tool ends its run here instead.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_STANDARDOUTPUT_H
#define KILN_TOOLS_COMMON_STANDARDOUTPUT_H

namespace kiln::tools {

/// Flushes standard output at the end of a tool's run. A write error (a full
/// device, a closed pipe) becomes one line on stderr and exit code 1, where
/// LLVM would abort over it at exit. Returns `exitCode` otherwise.
int finishStandardOutput(int exitCode);

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_STANDARDOUTPUT_H
