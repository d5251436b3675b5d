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

#include "runtime/HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace kiln {

/// What a frontend needs beyond the file.
struct GraphLoadOptions {
  /// Shapes for inputs with dynamic dimensions, by input name (ONNX models;
  /// a text graph's shapes are always static).
  std::map<std::string, std::vector<int64_t>> inputShapes;
  /// Inputs fixed to a value, by name (ONNX models): each becomes a
  /// constant and leaves the graph's signature, for inputs that decide
  /// shapes.
  std::map<std::string, HostTensor> boundInputs;
};

/// Reads the graph in `path` ("-" for standard input, text only) with the
/// frontend its content calls for, and verifies it.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
loadGraphFile(llvm::StringRef path, mlir::MLIRContext &context,
              const GraphLoadOptions &options = {});

} // namespace kiln

#endif // KILN_COMPILER_FRONTENDS_GRAPHLOADER_H
