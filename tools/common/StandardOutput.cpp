//===- StandardOutput.cpp - Finishing a tool's standard output --------===//

#include "tools/common/StandardOutput.h"

#include "llvm/Support/raw_ostream.h"

int kiln::tools::finishStandardOutput(int exitCode) {
  llvm::outs().flush();
  if (!llvm::outs().has_error())
    return exitCode;
  std::error_code error = llvm::outs().error();
  // Taken, or raw_ostream would abort over it at exit.
  llvm::outs().clear_error();
  llvm::errs() << "<stdout>: error: cannot write: " << error.message() << "\n";
  return 1;
}
