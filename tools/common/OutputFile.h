//===- OutputFile.h - Writing the tools' outputs without losing user files
//-===//
//
// The one rule every tool follows when it writes a file the user named:
//
//   - a regular file or a missing path is written to a temporary file beside
//     it and renamed over it, so a failure leaves the old file as it was;
//   - a symlink is followed and its target written by the same rule, so the
//     link stays a link;
//   - a device, FIFO or socket is opened and written through (as `cc -o
//     /dev/null` does), never replaced by a regular file;
//   - a directory is refused;
//   - nothing the user had before the run is deleted on failure.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_OUTPUTFILE_H
#define KILN_TOOLS_COMMON_OUTPUTFILE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace kiln::tools {

/// Writes `bytes` to `path` by the rule above; `-` is standard output. The
/// error is one line, `path: error: reason`.
llvm::Error writeOutputFile(llvm::StringRef path, llvm::StringRef bytes);

/// One file of a set written into a directory.
struct NamedOutput {
  std::string name;  ///< The file's name inside the directory.
  std::string bytes; ///< Its whole content.
};

/// Writes every file of `files` into `directory` (created when missing), or
/// none of them: every target is checked and every file written to a
/// temporary beside its target before the first rename, so a failure leaves
/// the directory as it was (and removes the directories this call created).
llvm::Error writeOutputFiles(llvm::StringRef directory,
                             llvm::ArrayRef<NamedOutput> files);

/// Flushes standard output at the end of a tool's run. A write error (a full
/// device, a closed pipe) becomes one line on stderr and exit code 1, where
/// LLVM would abort over it at exit. Returns `exitCode` otherwise.
int finishStandardOutput(int exitCode);

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_OUTPUTFILE_H
