//===- Registration.h - Dialects and passes every Kiln tool needs -*- C++ -*-//

#ifndef KILN_COMPILER_REGISTRATION_H
#define KILN_COMPILER_REGISTRATION_H

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace kiln {

/// Adds the hlo dialect, every dialect the lowering produces and the LLVM IR
/// translations to `registry`.
void registerKilnDialects(mlir::DialectRegistry &registry);

/// Registers Kiln's passes and the named pipelines `kiln-graph-pipeline` and
/// `kiln-lower-to-llvm` with the global pass registry (for kiln-opt).
void registerKilnPassesAndPipelines();

/// Loads every dialect Kiln's pipeline needs into `context` up front, so
/// that compiling from several threads never loads dialects concurrently.
void loadKilnDialects(mlir::MLIRContext &context);

} // namespace kiln

#endif // KILN_COMPILER_REGISTRATION_H
