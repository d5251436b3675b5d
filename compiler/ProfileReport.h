//===- ProfileReport.h - The kernel table of kiln-run --profile -*- C++ -*-===//

#ifndef KILN_COMPILER_PROFILEREPORT_H
#define KILN_COMPILER_PROFILEREPORT_H

#include "compiler/Compiler.h"
#include "runtime/KernelProfile.h"

#include <string>

namespace kiln {

/// A table with one row per kernel of `executable`, in launch order: its
/// mean time per call, share of the total, bytes moved (inputs plus
/// outputs), the GB/s that reaches, its task count, name and location;
/// `calls` is the number of graph runs recorded in `profile`.
std::string formatProfile(const Executable &executable,
                          const KernelProfile &profile, int64_t calls);

} // namespace kiln

#endif // KILN_COMPILER_PROFILEREPORT_H
