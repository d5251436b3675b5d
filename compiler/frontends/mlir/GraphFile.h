//===- GraphFile.h - Reading a graph and checking Kiln supports it -*- C++ -*-//

#ifndef KILN_COMPILER_FRONTENDS_MLIR_GRAPHFILE_H
#define KILN_COMPILER_FRONTENDS_MLIR_GRAPHFILE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

namespace mlir::func {
class FuncOp;
} // namespace mlir::func

namespace kiln {

/// Parses the hlo graph in `path` ("-" for standard input) and verifies it.
/// Errors carry `file:line:col: error: reason` lines.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
parseGraphFile(llvm::StringRef path, mlir::MLIRContext &context);

/// Parses and verifies the module in `path` without checking that Kiln can
/// compile it: for tools that rewrite a module before compiling it (the
/// StableHLO conformance runner replaces its check.* custom_calls), which
/// then call checkGraphSupported.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
parseModuleFile(llvm::StringRef path, mlir::MLIRContext &context);

/// Parses a graph from text (`bufferName` names it in diagnostics).
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
parseGraphString(llvm::StringRef text, mlir::MLIRContext &context,
                 llvm::StringRef bufferName = "<string>");

/// The graph's entry: the module's one public function with a body. Reports
/// why there is none (no function, several public ones) at the module.
llvm::Expected<mlir::func::FuncOp> getEntryFunction(mlir::ModuleOp module);

/// Checks that Kiln can compile the graph: one entry function whose
/// arguments and results are statically shaped tensors of f32, i1, i32 or
/// i64, and only ops Kiln knows. Names the first offending value and where.
llvm::Error checkGraphSupported(mlir::ModuleOp module);

} // namespace kiln

#endif // KILN_COMPILER_FRONTENDS_MLIR_GRAPHFILE_H
