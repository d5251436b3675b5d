//===- GraphLoader.cpp - Reading a graph file with the right frontend -----===//

#include "compiler/frontends/GraphLoader.h"

#include "compiler/frontends/mlir/GraphFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
kiln::loadGraphFile(llvm::StringRef path, mlir::MLIRContext &context,
                    const GraphLoadOptions &options) {
  // The first bytes decide; a file that cannot be read is the text
  // frontend's to report, as it always was.
  bool isOnnx = false;
  if (path != "-")
    if (auto head = llvm::MemoryBuffer::getFileSlice(path, 16, 0,
                                                     /*IsVolatile=*/false))
      isOnnx = looksLikeOnnxModel((*head)->getBuffer());
  if (isOnnx) {
    return importOnnxFile(path, context, options);
  }
  if (!options.inputShapes.empty() || !options.boundInputs.empty())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        path + ": error: --shape and --bind apply to ONNX models; a text "
               "graph's input shapes are written in its signature");
  return parseGraphFile(path, context);
}
