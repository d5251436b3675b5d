//===- MlirFuzzer.cpp - Fuzzing the .mlir path down to LLVM IR ------------===//
//
// Any bytes, read as a graph file: parse, verify, check support, graph
// passes, fusion, kernel generation, LLVM dialect and LLVM IR. Bad input
// must end in an llvm::Error, never a crash, an assertion or a hang.
//
//
// One MLIRContext, with Kiln's dialects loaded, serves 1,000 inputs before
// it is made afresh: creating it and loading the dialects is most of the
// time of an input that fails to parse, especially under ASan. An input
// leaves nothing behind in it but uniqued types, attributes and names, so a
// crash replays from its file alone (`MlirFuzzer CRASH`, a fresh context).
//
//===----------------------------------------------------------------------===//

#include "compiler/Backend.h"
#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <cstddef>
#include <cstdint>
#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static std::unique_ptr<llvm::TargetMachine> machine = [] {
    auto created = kiln::createHostTargetMachine();
    if (!created) {
      llvm::consumeError(created.takeError());
      return std::unique_ptr<llvm::TargetMachine>();
    }
    return std::move(*created);
  }();
  struct Session {
    mlir::MLIRContext context{mlir::MLIRContext::Threading::DISABLED};
    kiln::Compiler compiler{context};
    int inputs = 0;
  };
  static std::unique_ptr<Session> session;
  if (!session || ++session->inputs > 1000)
    session = std::make_unique<Session>();
  mlir::MLIRContext &context = session->context;
  kiln::Compiler &compiler = session->compiler;
  auto module = kiln::parseGraphString(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), context,
      "fuzz.mlir");
  if (!module) {
    llvm::consumeError(module.takeError());
    return 0;
  }
  if (llvm::Error error = compiler.lowerToLLVMDialect(**module, {})) {
    llvm::consumeError(std::move(error));
    return 0;
  }
  if (!machine)
    return 0;
  llvm::LLVMContext llvmContext;
  auto llvmModule = kiln::translateToLLVMIR(**module, llvmContext, *machine);
  if (!llvmModule)
    llvm::consumeError(llvmModule.takeError());
  return 0;
}
