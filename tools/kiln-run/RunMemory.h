//===- RunMemory.h - Whether a run fits in memory ---------------*- C++ -*-===//
//
// The bytes a run of a graph holds, counted without overflow, against the
// machine's memory: the full tool (kiln-run.cpp) refuses a graph that cannot
// fit with an error at its location, and the launcher (Launcher.cpp) leaves
// such a run to the full tool. Without LLVM, for the launcher.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_KILN_RUN_RUNMEMORY_H
#define KILN_TOOLS_KILN_RUN_RUNMEMORY_H

#include "runtime/HostTensor.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace kiln::runmemory {

/// The machine's physical memory in bytes (UINT64_MAX when unknown).
uint64_t physicalMemoryBytes();

/// `a + b`, or nullopt when either is unknown or the sum overflows.
std::optional<uint64_t> addBytes(std::optional<uint64_t> a,
                                 std::optional<uint64_t> b);

/// Bytes of a tensor of `shape` with `elementBytes` per element, or nullopt
/// when that overflows 64 bits (shapes like 10^11 x 10^11 do).
std::optional<uint64_t> bytesOf(const std::vector<int64_t> &shape,
                                uint64_t elementBytes);

/// Bytes one native run holds: its arguments, its results and its arena of
/// `arenaBytes`; nullopt when that overflows 64 bits.
std::optional<uint64_t> runBytes(const std::vector<TensorSpec> &inputs,
                                 const std::vector<TensorSpec> &outputs,
                                 int64_t arenaBytes);

} // namespace kiln::runmemory

#endif // KILN_TOOLS_KILN_RUN_RUNMEMORY_H
