//===- CommandLine.h - Command-line parsing with one-line errors -*- C++
//-*-===//
//
// Kiln's tools promise one error line in the user's words. LLVM reports a
// command-line mistake over several lines, some on stderr directly, in the
// command-line library's own terms ("value invalid for ulong argument!").
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_COMMANDLINE_H
#define KILN_TOOLS_COMMON_COMMANDLINE_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace kiln::tools {

/// Parses the command line. On a mistake, prints `tool: error: ...` on one
/// line and returns false.
bool parseCommandLine(int argc, char **argv, llvm::StringRef overview);

/// LLVM's message about a command line (without the `tool: ` prefix, lines
/// joined by spaces) in the user's words; exposed for tests.
std::string explainCommandLineError(llvm::StringRef message);

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_COMMANDLINE_H
