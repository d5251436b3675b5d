//===- OnnxImporter.h - Reading ONNX models as hlo graphs -------*- C++ -*-===//
//
// The ONNX frontend: a model file that PyTorch (or any exporter) wrote
// becomes the same verified hlo module the .mlir frontend produces. ONNX's
// own checker and shape inference run first; initializers become constants;
// each op carries its node's name and op type as its location.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTENDS_ONNX_ONNXIMPORTER_H
#define KILN_COMPILER_FRONTENDS_ONNX_ONNXIMPORTER_H

#include "runtime/HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace kiln {

/// How a model's inputs are specialized.
struct OnnxImportOptions {
  /// The full shape of named inputs: required for an input with a dynamic
  /// dimension (a batch or sequence length), allowed for any input as long
  /// as it agrees with the model's static dimensions.
  std::map<std::string, std::vector<int64_t>> inputShapes;
  /// Inputs fixed to a value: each becomes a constant of the graph and
  /// leaves its signature, so inputs that decide shapes (a Reshape's shape,
  /// a Resize's scales fed as model inputs) are known when compiling.
  std::map<std::string, HostTensor> boundInputs;
};

/// Whether `bytes` (the start of a file) looks like an ONNX model rather
/// than text: a protobuf starts with a field's tag, ir_version's (0x08) in
/// every exporter's output, which no text file does. Inline, so that the
/// graph loader can ask without loading this library.
inline bool looksLikeOnnxModel(llvm::StringRef bytes) {
  return !bytes.empty() && bytes[0] == 0x08;
}

/// Imports the ONNX model in `path`. External data files are read from the
/// model's directory. Errors are one line each, naming the file and, where
/// there is one, the node ("model.onnx: node 'conv1' (Conv): ...").
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importOnnxFile(llvm::StringRef path, mlir::MLIRContext &context,
               const OnnxImportOptions &options = {});

/// Imports the ONNX model whose bytes are `bytes`; `name` stands for its
/// file in messages and locations. A model with external data is refused:
/// its data files are found beside the model's file (importOnnxFile), and
/// bytes from elsewhere must not name files to read.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importOnnxBuffer(llvm::StringRef bytes, llvm::StringRef name,
                 mlir::MLIRContext &context,
                 const OnnxImportOptions &options = {});

/// importOnnxFile's type, for the graph loader, which loads this library
/// only when it meets an ONNX model (GraphLoader.cpp).
using ImportOnnxFileFn = llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> (*)(
    llvm::StringRef path, mlir::MLIRContext &context,
    const OnnxImportOptions &options);

} // namespace kiln

/// importOnnxFile, found by name in the loaded library.
extern "C" kiln::ImportOnnxFileFn kiln_onnx_import_file();

#endif // KILN_COMPILER_FRONTENDS_ONNX_ONNXIMPORTER_H
