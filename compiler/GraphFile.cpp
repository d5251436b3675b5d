//===- GraphFile.cpp - Reading a graph and checking Kiln supports it --===//

#include "compiler/GraphFile.h"

#include "compiler/Diagnostics.h"
#include "compiler/Registration.h"
#include "dialects/hlo/HloDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

static llvm::Error makeError(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static llvm::Expected<OwningOpRef<ModuleOp>>
parseBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer, MLIRContext &context) {
  kiln::loadKilnDialects(context);
  kiln::DiagnosticCollector diagnostics(context);
  llvm::SourceMgr sourceMgr;
  std::string name = buffer->getBufferIdentifier().str();
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&context));
  if (!module)
    return makeError(diagnostics.message(name + ": error: cannot parse"));
  if (llvm::Error error = kiln::checkGraphSupported(*module))
    return std::move(error);
  return std::move(module);
}

llvm::Expected<OwningOpRef<ModuleOp>>
kiln::parseGraphFile(llvm::StringRef path, MLIRContext &context) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (!buffer)
    return makeError(path.str() + ": error: cannot open file: " +
                     buffer.getError().message());
  return parseBuffer(std::move(*buffer), context);
}

llvm::Expected<OwningOpRef<ModuleOp>>
kiln::parseGraphString(llvm::StringRef text, MLIRContext &context,
                       llvm::StringRef bufferName) {
  return parseBuffer(llvm::MemoryBuffer::getMemBufferCopy(text, bufferName),
                     context);
}

llvm::Expected<func::FuncOp> kiln::getEntryFunction(ModuleOp module) {
  func::FuncOp entry;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal() || !func.isPublic())
      continue;
    if (entry) {
      DiagnosticCollector diagnostics(*module.getContext());
      func.emitError() << "the graph has more than one public function ('"
                       << entry.getName() << "' and '" << func.getName()
                       << "'); make all but the entry private";
      return makeError(diagnostics.message("several public functions"));
    }
    entry = func;
  }
  if (!entry) {
    DiagnosticCollector diagnostics(*module.getContext());
    module.emitError("the graph has no public function with a body");
    return makeError(diagnostics.message("no entry function"));
  }
  return entry;
}

/// Whether Kiln's runtime can hold `type` as an argument or result.
static bool isSupportedBoundaryType(Type type) {
  auto tensor = llvm::dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return false;
  Type element = tensor.getElementType();
  return element.isF32() || element.isInteger(1) || element.isInteger(32) ||
         element.isInteger(64);
}

llvm::Error kiln::checkGraphSupported(ModuleOp module) {
  MLIRContext &context = *module.getContext();
  DiagnosticCollector diagnostics(context);
  if (failed(verify(module)))
    return makeError(diagnostics.message("the graph does not verify"));
  llvm::Expected<func::FuncOp> entry = getEntryFunction(module);
  if (!entry)
    return entry.takeError();
  FunctionType type = entry->getFunctionType();
  auto describe = [](Type t) {
    auto tensor = llvm::dyn_cast<RankedTensorType>(t);
    if (!tensor)
      return std::string(" (only ranked tensors are supported)");
    if (!tensor.hasStaticShape())
      return std::string(" (dynamic shapes are not supported)");
    return std::string(" (supported element types: f32, i1, i32, i64)");
  };
  for (auto [i, arg] : llvm::enumerate(type.getInputs()))
    if (!isSupportedBoundaryType(arg)) {
      entry->emitError() << "argument " << i << " of '" << entry->getName()
                         << "' has unsupported type " << arg << describe(arg);
      return makeError(diagnostics.message("unsupported argument"));
    }
  for (auto [i, result] : llvm::enumerate(type.getResults()))
    if (!isSupportedBoundaryType(result)) {
      entry->emitError() << "result " << i << " of '" << entry->getName()
                         << "' has unsupported type " << result
                         << describe(result);
      return makeError(diagnostics.message("unsupported result"));
    }
  // Ops must be hlo ops or function structure; anything else (another
  // dialect's op) is named here rather than failing deep in the lowering.
  WalkResult walk = module.walk([&](Operation *op) {
    if (isa<ModuleOp, func::FuncOp, func::ReturnOp, func::CallOp>(op) ||
        llvm::isa_and_nonnull<hlo::HloDialect>(op->getDialect()))
      return WalkResult::advance();
    op->emitError() << "op '" << op->getName()
                    << "' is not supported by Kiln (expected hlo ops)";
    return WalkResult::interrupt();
  });
  if (walk.wasInterrupted())
    return makeError(diagnostics.message("unsupported op"));
  return llvm::Error::success();
}
