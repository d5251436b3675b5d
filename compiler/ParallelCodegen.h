//===- ParallelCodegen.h - LLVM's work on all cores -------------*- C++ -*-===//
//
// The back end of the JIT and of kilnc's shipped code: the LLVM module of a
// compiled graph becomes relocatable objects, one per partition of its kernels,
// each optimized (O3) and lowered to machine code on its own thread. The
// partitions depend only on the module, never on the thread count, so the
// objects are the same bytes on one core or many.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_PARALLELCODEGEN_H
#define KILN_COMPILER_PARALLELCODEGEN_H

#include "compiler/Backend.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>

#include <string>
#include <vector>

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace kiln {

/// The most partitions a module is split into: enough to keep a machine's
/// cores busy while a few kernels are much larger than the rest (the
/// threads take partitions in turn, so the last one taken sets the tail:
/// 16 left a quarter of a second of one core idle at the end of a 10,000-op
/// graph's 4 s), few enough that each partition's fixed cost (a target
/// machine, a pass pipeline, the object's headers) stays small.
inline constexpr unsigned kMaxCodegenPartitions = 32;

/// The fewest LLVM IR instructions (before O3) worth a partition of their
/// own: a partition costs a few milliseconds of fixed work (a module clone,
/// a bitcode round trip, a target machine), while LLVM spends about 0.1 ms
/// per instruction of a fused kernel (an elementwise chain of 1,600 ops:
/// 10,000 instructions, 0.8 s), so a thousand are worth it. A module below
/// twice this is compiled whole.
inline constexpr size_t kMinPartitionInstructions = 1000;

/// Compiles the LLVM-dialect `module` (what Compiler::lowerToLLVMDialect
/// leaves) for `target` into relocatable objects on up to `threads` threads
/// (0: one per core), in partitions of at least `minPartitionInstructions`.
/// Loaded together, the objects define kiln_entry and kiln_arena_size; the
/// first holds the entry, each of the others a group of kernels.
llvm::Expected<std::vector<std::string>>
compileToObjects(mlir::ModuleOp module, const TargetChoice &target,
                 unsigned threads,
                 size_t minPartitionInstructions = kMinPartitionInstructions);

/// The same for an LLVM IR module (what translateModule returns, perhaps
/// with addModelInterface's functions; it is consumed), with `machine`
/// compiling the first partition on this thread. The symbols partitions
/// share (task functions, large constants) keep their names and default
/// visibility when `sharedSymbolPrefix` is empty, as the JIT links them;
/// otherwise they take the prefix and hidden visibility, so that objects
/// that ship do not collide with another model's in one program and a
/// shared library exports none of them.
llvm::Expected<std::vector<std::string>>
compileModuleToObjects(std::unique_ptr<llvm::Module> whole,
                       llvm::TargetMachine &machine, const TargetChoice &target,
                       unsigned threads, size_t minPartitionInstructions,
                       llvm::StringRef sharedSymbolPrefix = "");

} // namespace kiln

#endif // KILN_COMPILER_PARALLELCODEGEN_H
