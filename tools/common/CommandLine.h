//===- CommandLine.h - Command-line parsing with one-line errors ------===//
//
// Shared by kilnc and kiln-run (each includes it once): LLVM reports a
// command-line mistake over several lines, each "tool: ..."; Kiln's tools
// promise one error line.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_COMMANDLINE_H
#define KILN_TOOLS_COMMON_COMMANDLINE_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace kiln::tools {

/// Parses the command line. On a mistake, prints `tool: error: ...` on one
/// line (LLVM prints a bad option value itself, also on one line) and
/// returns false.
inline bool parseCommandLine(int argc, char **argv, llvm::StringRef overview) {
  std::string messages;
  llvm::raw_string_ostream errors(messages);
  if (llvm::cl::ParseCommandLineOptions(argc, argv, overview, &errors))
    return true;
  std::string tool = llvm::sys::path::filename(argv[0]).str();
  llvm::SmallVector<llvm::StringRef> lines;
  llvm::StringRef(messages).split(lines, '\n', -1, /*KeepEmpty=*/false);
  std::string joined;
  for (llvm::StringRef line : lines) {
    line = line.trim();
    line.consume_front(tool + ": ");
    joined += (joined.empty() ? "" : " ") + line.str();
  }
  if (!joined.empty())
    llvm::errs() << tool << ": error: " << joined << "\n";
  return false;
}

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_COMMANDLINE_H
