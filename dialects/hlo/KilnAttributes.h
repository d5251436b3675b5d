//===- KilnAttributes.h - The kiln.* attribute names ------------*- C++ -*-===//
//
// The discardable attributes that carry a compiled graph's description from
// the frontends and passes to the compiler's artifact (CompiledGraph.h):
// declared here once, read and written only through these names.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_HLO_KILNATTRIBUTES_H
#define KILN_DIALECTS_HLO_KILNATTRIBUTES_H

#include "llvm/ADT/StringRef.h"

namespace kiln::attr {

/// On an entry function result: the user's name for it (an ONNX output).
inline constexpr llvm::StringLiteral kResultName = "kiln.name";

/// On a kernel's launch function (OutlineKernels), read by EmitEntry and
/// by the compiler's kernel table.
inline constexpr llvm::StringLiteral kKernel = "kiln.kernel";
inline constexpr llvm::StringLiteral kNumTasks = "kiln.num_tasks";
inline constexpr llvm::StringLiteral kKernelId = "kiln.kernel_id";
inline constexpr llvm::StringLiteral kKernelName = "kiln.kernel_name";
inline constexpr llvm::StringLiteral kLocation = "kiln.location";
inline constexpr llvm::StringLiteral kBytes = "kiln.bytes";

/// On the graph function once buffers are assigned (AssignBuffers).
inline constexpr llvm::StringLiteral kArenaSize = "kiln.arena_size";
inline constexpr llvm::StringLiteral kArenaLivenessBound =
    "kiln.arena_liveness_bound";

/// On the graph function where launches keep packed weights between calls
/// (OutlineKernels): the bytes of its weights cache argument, which then
/// follows the context, and the graph inputs packed there.
inline constexpr llvm::StringLiteral kWeightsCacheBytes =
    "kiln.weights_cache_bytes";
inline constexpr llvm::StringLiteral kPackedInputs = "kiln.packed_inputs";

} // namespace kiln::attr

#endif // KILN_DIALECTS_HLO_KILNATTRIBUTES_H
