//===- OnnxFuzzer.cpp - Fuzzing the ONNX frontend down to the LLVM dialect ===//
//
// Any bytes, read as an ONNX model from memory: protobuf, ONNX's checker
// and shape inference, the importer's translations and shape folding, then
// Kiln's passes down to the LLVM dialect. Bad input must end in an
// llvm::Error, never a crash, an assertion, a hang or a file read.
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"
#include "compiler/frontends/onnx/OnnxImporter.h"

#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  kiln::Compiler compiler(context);
  auto module = kiln::importOnnxBuffer(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.onnx",
      context);
  if (!module) {
    llvm::consumeError(module.takeError());
    return 0;
  }
  if (llvm::Error error = compiler.lowerToLLVMDialect(**module, {}))
    llvm::consumeError(std::move(error));
  return 0;
}
