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

#include <string>
#include <string_view>
#include <vector>

namespace kiln::tools {

/// Writes `bytes` to `path` by the rule above; `-` is standard output
/// (written directly, past any stream's buffer). On failure returns false
/// and sets `error` to one line, `path: error: reason`.
bool writeOutputFile(const std::string &path, std::string_view bytes,
                     std::string &error);

/// One file of a set written into a directory.
struct NamedOutput {
  std::string name;  ///< The file's name inside the directory.
  std::string bytes; ///< Its whole content.
};

/// Writes every file of `files` into `directory` (created when missing), or
/// none of them: every target is checked and every file written to a
/// temporary beside its target before the first rename, so a failure leaves
/// the directory as it was (and removes the directories this call created).
/// On failure returns false and sets `error` as writeOutputFile does.
bool writeOutputFiles(const std::string &directory,
                      const std::vector<NamedOutput> &files,
                      std::string &error);

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_OUTPUTFILE_H
