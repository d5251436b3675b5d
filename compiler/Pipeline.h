//===- Pipeline.h - Kiln's one compilation pipeline -------------*- C++ -*-===//
//
// kilnc, kiln-run, kiln-opt and the C++ API all build their pass managers
// from these functions, so every entry point compiles a graph the same way.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_PIPELINE_H
#define KILN_COMPILER_PIPELINE_H

#include "compiler/Backend.h"
#include "compiler/ParallelCodegen.h"
#include "passes/fusion/FusionOptions.h"

#include <string>

namespace mlir {
class OpPassManager;
class TimingScope;
} // namespace mlir

namespace kiln {

/// Choices that change how a graph is compiled: the fusion kinds that run,
/// and more.
struct CompileOptions : FusionOptions {
  /// When set, each stage of the compilation (graph passes, fusion, kernel
  /// code generation) and each of its passes is timed under this scope
  /// (`kilnc --time-passes`).
  mlir::TimingScope *timing = nullptr;
  /// Where Compiler::compile keeps compiled graphs (CompileCache.h); empty:
  /// no cache.
  std::string cacheDirectory;
  /// Threads Compiler::compile gives LLVM's work (0: one per core), and
  /// whether the kernel stage's function passes may run on the context's
  /// threads (any count but 1: a single-threaded context is multithreaded
  /// for that stage). The code is the same whatever the count.
  unsigned compileThreads = 0;
  /// The smallest share of LLVM's work given a thread (ParallelCodegen.h).
  size_t minPartitionInstructions = kMinPartitionInstructions;
  /// Whether the Executable keeps its native objects once they are linked
  /// into the process (Executable::objects(); kiln-run links them into a
  /// shared library for its quick start).
  bool keepObjects = false;
  /// The CPU the code is for (`--mcpu`, `--mattr`); the host's by default.
  /// Kernels are sized for its vector width, and the JIT refuses a target
  /// the host cannot run.
  TargetChoice target;
};

/// Graph-level passes on hlo: inlining into the entry function,
/// canonicalization with constant folding, CSE.
void buildGraphPipeline(mlir::OpPassManager &pm);

/// The fusion passes whose kinds `options` leaves on: after them, each
/// hlo.fusion and each op outside one is a kernel (`kilnc --emit=fused`).
void buildFusionPipeline(mlir::OpPassManager &pm,
                         const CompileOptions &options = {});

/// After fusion: one kernel per fusion, its tiles sized for `vectorBits`
/// wide vectors (0: the host's), buffers in the per-call arena, LLVM
/// dialect with the `kiln_entry` entry point.
void buildKernelPipeline(mlir::OpPassManager &pm, int64_t vectorBits = 0);

/// Fusion (the kinds `options` leaves on), then buildKernelPipeline.
void buildLoweringPipeline(mlir::OpPassManager &pm,
                           const CompileOptions &options = {});

} // namespace kiln

#endif // KILN_COMPILER_PIPELINE_H
