//===- GraphLoader.h - Reading a graph file with the right frontend -*- C++
//-*-//
//
// The one entry the tools and the API use to read a model: the frontend is
// chosen by the file's content (an ONNX protobuf, or hlo / StableHLO text),
// not only by its extension.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTENDS_GRAPHLOADER_H
#define KILN_COMPILER_FRONTENDS_GRAPHLOADER_H

#include "compiler/frontends/onnx/OnnxImporter.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

namespace kiln {

/// What a frontend needs beyond the file: shapes for dynamic dimensions
/// and bound inputs, which only ONNX models take (a text graph's shapes are
/// written in its signature).
using GraphLoadOptions = OnnxImportOptions;

/// Whether the file at `path` holds an ONNX model, by its first bytes (false
/// for "-", standard input, and for a file that cannot be read).
bool isOnnxModelFile(llvm::StringRef path);

/// Reads the graph in `path` ("-" for standard input, text only) with the
/// frontend its content calls for, and verifies it.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
loadGraphFile(llvm::StringRef path, mlir::MLIRContext &context,
              const GraphLoadOptions &options = {});

} // namespace kiln

#endif // KILN_COMPILER_FRONTENDS_GRAPHLOADER_H
