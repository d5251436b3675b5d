//===- Pipeline.h - Kiln's one compilation pipeline -------------*- C++ -*-===//
//
// kilnc, kiln-run, kiln-opt and the C++ API all build their pass managers
// from these functions, so every entry point compiles a graph the same way.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_PIPELINE_H
#define KILN_COMPILER_PIPELINE_H

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace kiln {

/// Graph-level passes on hlo: inlining into the entry function,
/// canonicalization with constant folding, CSE.
void buildGraphPipeline(mlir::OpPassManager &pm);

/// hlo → linalg → bufferized loops → LLVM dialect, with intermediates in the
/// per-call arena and the `kiln_entry` C-ABI entry point.
void buildLoweringPipeline(mlir::OpPassManager &pm);

} // namespace kiln

#endif // KILN_COMPILER_PIPELINE_H
