//===- GraphFile.cpp - Reading a graph and checking Kiln supports it --===//

#include "compiler/frontends/mlir/GraphFile.h"

#include "compiler/frontends/mlir/BooleanHexData.h"
#include "compiler/frontends/mlir/ParserMessages.h"
#include "dialects/hlo/BufferSize.h"
#include "dialects/hlo/Diagnostics.h"
#include "dialects/hlo/HloDialect.h"
#include "dialects/hlo/HloElementTypes.h"
#include "dialects/hlo/HloSpelling.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

static llvm::Error makeError(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// The most bytes of graph text Kiln reads: far more than any real graph,
/// small enough that a device without end (`/dev/zero`) or a mistaken file is
/// an error rather than memory exhausted.
constexpr uint64_t kMaxGraphTextBytes = uint64_t(1) << 30;

/// The deepest nesting of (), [], {} and <> Kiln parses. MLIR's parser
/// recurses per level, so a deeper file (5,000 nested modules, a literal
/// nested 30,000 deep) would overflow the stack; real graphs nest a few
/// dozen levels at most.
constexpr int kMaxNestingDepth = 256;

/// `name:line:col` of byte `offset` in `text`.
static std::string positionIn(llvm::StringRef name, llvm::StringRef text,
                              size_t offset) {
  llvm::StringRef before = text.take_front(offset);
  size_t line = before.count('\n') + 1;
  size_t lineStart = before.rfind('\n');
  size_t column =
      lineStart == llvm::StringRef::npos ? offset + 1 : offset - lineStart;
  return (name + ":" + llvm::Twine(line) + ":" + llvm::Twine(column)).str();
}

/// Reads the graph text of `path` ("-" is standard input), refusing binary
/// data (a NUL byte never appears in .mlir text) and more than
/// kMaxGraphTextBytes, both before reading further.
static llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readGraphText(llvm::StringRef path) {
  int fd = 0;
  if (path != "-") {
    if (std::error_code ec = llvm::sys::fs::openFileForRead(path, fd))
      return makeError(path.str() +
                       ": error: cannot open file: " + ec.message());
  }
  auto closeFile = llvm::make_scope_exit([&] {
    if (path != "-")
      llvm::sys::Process::SafelyCloseFileDescriptor(fd);
  });
  std::string text;
  std::vector<char> chunk(1 << 20);
  while (true) {
    llvm::Expected<size_t> read = llvm::sys::fs::readNativeFile(
        llvm::sys::fs::convertFDToNativeFile(fd), chunk);
    if (!read)
      return makeError(path.str() + ": error: cannot read file: " +
                       llvm::toString(read.takeError()));
    if (*read == 0)
      break;
    llvm::StringRef piece(chunk.data(), *read);
    if (size_t nul = piece.find('\0'); nul != llvm::StringRef::npos) {
      text.append(piece.data(), nul);
      return makeError(
          positionIn(path, text, text.size()) +
          ": error: binary data (a NUL byte): Kiln reads graphs as "
          ".mlir text or ONNX models");
    }
    if (text.size() + piece.size() > kMaxGraphTextBytes)
      return makeError(path.str() + ": error: more than " +
                       std::to_string(kMaxGraphTextBytes >> 20) +
                       " MiB of graph text; Kiln reads graphs up to that size");
    text.append(piece.data(), piece.size());
  }
  return llvm::MemoryBuffer::getMemBufferCopy(text,
                                              path == "-" ? "<stdin>" : path);
}

/// Refuses text nested deeper than kMaxNestingDepth, at the first bracket
/// past the limit. Strings and comments are skipped; `<>` count as brackets
/// (`tensor<`, `dense<`, `tuple<`), except the `>` of an arrow `->`.
static llvm::Error checkNestingDepth(llvm::StringRef name,
                                     llvm::StringRef text) {
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\')
          ++i;
      continue;
    }
    if (c == '/' && text.substr(i).starts_with("//")) {
      i = std::min(text.find('\n', i), text.size());
      continue;
    }
    if (c == '(' || c == '[' || c == '{' || c == '<') {
      if (++depth > kMaxNestingDepth)
        return makeError(positionIn(name, text, i) +
                         ": error: nesting deeper than " +
                         std::to_string(kMaxNestingDepth) +
                         " levels of brackets; Kiln refuses graphs nested "
                         "this deep");
    } else if ((c == ')' || c == ']' || c == '}' ||
                (c == '>' && (i == 0 || text[i - 1] != '-'))) &&
               depth > 0) {
      --depth;
    }
  }
  return llvm::Error::success();
}

/// Why Kiln cannot hold a value of `type` ("" when it can): a tensor of an
/// element type Kiln does not compute with, or of a dynamic shape.
static std::string unsupportedTensor(Type type) {
  auto tensor = dyn_cast<TensorType>(type);
  if (!tensor)
    return "";
  std::string reason;
  llvm::raw_string_ostream os(reason);
  if (!kiln::hlo::hostElementTypeOf(tensor.getElementType()))
    os << "element type '" << tensor.getElementType()
       << "' is not supported (Kiln computes with "
       << kiln::hlo::supportedElementTypesText() << ")";
  else if (!tensor.hasRank())
    os << "type '" << type << "' is not supported (unranked tensors)";
  else if (!tensor.hasStaticShape())
    os << "type '" << type << "' is not supported (dynamic shapes)";
  return reason;
}

/// Reports, in op order, the first op Kiln does not know (parsed in generic
/// form) and the first value of an unsupported type: before verification,
/// whose message would list the types each operand allows or say where an
/// hlo.return may stand.
static LogicalResult checkOpsAndTypes(ModuleOp module) {
  // Before an op, its regions' arguments: a function's arguments first.
  WalkResult walk = module.walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (!op->isRegistered() && !op->hasAttr(kiln::hlo::kCallTargetName)) {
      op->emitError() << "op '" << op->getName()
                      << "' is not supported by Kiln";
      return WalkResult::interrupt();
    }
    for (Value value : op->getResults())
      if (std::string reason = unsupportedTensor(value.getType());
          !reason.empty()) {
        op->emitError() << reason;
        return WalkResult::interrupt();
      }
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          if (std::string reason = unsupportedTensor(arg.getType());
              !reason.empty()) {
            emitError(arg.getLoc()) << reason;
            return WalkResult::interrupt();
          }
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

/// Names each argument of the public functions after its SSA name in the
/// source (`x` for `%x`), as a NameLoc around its file location: the name
/// compiled artifacts give the input (a C header's parameter, a Python
/// signature). MLIR keeps no SSA names, but an argument's location is that
/// of its `%name` token.
static void nameArgumentsAfterSource(ModuleOp module,
                                     llvm::SourceMgr &sourceMgr) {
  llvm::StringRef text =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID())->getBuffer();
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal() || !func.isPublic())
      continue;
    for (BlockArgument argument : func.getArguments()) {
      auto file = llvm::dyn_cast<FileLineColLoc>(argument.getLoc());
      if (!file || file.getLine() == 0)
        continue;
      llvm::SMLoc start = sourceMgr.FindLocForLineAndColumn(
          sourceMgr.getMainFileID(), file.getLine(), file.getColumn());
      if (!start.isValid())
        continue;
      llvm::StringRef token = text.drop_front(start.getPointer() - text.data());
      if (!token.consume_front("%"))
        continue;
      llvm::StringRef name = token.take_while([](char c) {
        return llvm::isAlnum(c) || c == '_' || c == '$' || c == '.' || c == '-';
      });
      if (!name.empty())
        argument.setLoc(
            NameLoc::get(StringAttr::get(module.getContext(), name), file));
    }
  }
}

/// Parses and verifies the module in `buffer`.
static llvm::Expected<OwningOpRef<ModuleOp>>
parseModule(std::unique_ptr<llvm::MemoryBuffer> buffer, MLIRContext &context) {
  // A graph file holds hlo ops in func functions; the dialects the pipeline
  // lowers through are loaded by the compiler (kiln::Compiler).
  // StableHLO's and CHLO's spellings of hlo ops (what jax.export prints)
  // parse as hlo ops.
  context.loadDialect<kiln::hlo::HloDialect, kiln::hlo::StableHloSpelling,
                      kiln::hlo::ChloSpelling, func::FuncDialect>();
  // Diagnostics name the user's op and location; the generic form of the
  // op that MLIR would append is noise to a user and breaks one-line errors.
  context.printOpOnDiagnostic(false);
  kiln::DiagnosticCollector diagnostics(context);
  llvm::SourceMgr sourceMgr;
  std::string name = buffer->getBufferIdentifier().str();
  if (llvm::Error error = checkNestingDepth(name, buffer->getBuffer()))
    return std::move(error);
  if (std::optional<std::string> packed =
          kiln::packByteBooleans(buffer->getBuffer()))
    buffer = llvm::MemoryBuffer::getMemBufferCopy(*packed, name);
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  // Verified once ops printed in generic form under StableHLO's names have
  // become hlo ops.
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(
      sourceMgr, ParserConfig(&context, /*verifyAfterParse=*/false));
  if (module && (failed(kiln::hlo::renameStableHloOps(*module)) ||
                 failed(checkOpsAndTypes(*module)) || failed(verify(*module))))
    module = nullptr;
  if (module)
    nameArgumentsAfterSource(*module, sourceMgr);
  if (!module) {
    std::string message;
    for (const std::string &line :
         kiln::rewriteParserMessages(diagnostics.lines()))
      message += (message.empty() ? "" : "\n") + line;
    return makeError(message.empty() ? name + ": error: cannot parse"
                                     : message);
  }
  return std::move(module);
}

/// Parses the graph in `buffer` and checks that Kiln can compile it.
static llvm::Expected<OwningOpRef<ModuleOp>>
parseBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer, MLIRContext &context) {
  llvm::Expected<OwningOpRef<ModuleOp>> module =
      parseModule(std::move(buffer), context);
  if (!module)
    return module.takeError();
  if (llvm::Error error = kiln::checkGraphSupported(**module))
    return std::move(error);
  return std::move(*module);
}

llvm::Expected<OwningOpRef<ModuleOp>>
kiln::parseGraphFile(llvm::StringRef path, MLIRContext &context) {
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      readGraphText(path);
  if (!buffer)
    return buffer.takeError();
  return parseBuffer(std::move(*buffer), context);
}

llvm::Expected<OwningOpRef<ModuleOp>>
kiln::parseModuleFile(llvm::StringRef path, MLIRContext &context) {
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      readGraphText(path);
  if (!buffer)
    return buffer.takeError();
  return parseModule(std::move(*buffer), context);
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
  if (entry)
    return entry;
  DiagnosticCollector diagnostics(*module.getContext());
  // A private function with a body was most likely meant as the entry.
  for (auto func : module.getOps<func::FuncOp>())
    if (!func.isExternal()) {
      func.emitError() << "function '" << func.getName()
                       << "' is private, and the graph has no public "
                          "function; make the entry public (drop 'private')";
      return makeError(diagnostics.message("no entry function"));
    }
  // The module MLIR makes around a file's top-level ops sits at line 0;
  // point at the file's start instead.
  Location loc = module.getLoc();
  if (auto file = dyn_cast<FileLineColLoc>(loc); file && file.getLine() == 0)
    loc = FileLineColLoc::get(file.getFilename(), 1, 1);
  emitError(loc, "the graph has no public function with a body (write its "
                 "entry as 'func.func @main(...) -> ... { ... }')");
  return makeError(diagnostics.message("no entry function"));
}

/// Whether a tensor of `type` has fewer than 2^62 bytes, so that every
/// size and offset Kiln computes for it fits in 64 bits.
static bool hasAddressableSize(RankedTensorType type) {
  uint64_t bytes = kiln::elementBytes(type.getElementType());
  for (int64_t dim : type.getShape())
    if (__builtin_mul_overflow(bytes, static_cast<uint64_t>(dim), &bytes) ||
        bytes >= (uint64_t(1) << 62))
      return false;
  return true;
}

/// Whether Kiln's runtime can hold `type` as an argument or result.
static bool isSupportedBoundaryType(Type type) {
  auto tensor = llvm::dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return false;
  return kiln::hlo::hostElementTypeOf(tensor.getElementType()) &&
         hasAddressableSize(tensor);
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
    if (llvm::isa<TupleType>(t))
      return std::string(" (tuples are supported inside the graph only; pass "
                         "or return the elements one by one)");
    auto tensor = llvm::dyn_cast<RankedTensorType>(t);
    if (!tensor)
      return std::string(" (only ranked tensors are supported)");
    if (!tensor.hasStaticShape())
      return std::string(" (dynamic shapes are not supported)");
    if (!hasAddressableSize(tensor))
      return std::string(" (2^62 bytes or more)");
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
    if (auto target = op->getAttrOfType<StringAttr>(hlo::kCallTargetName);
        target && op->getName().getStringRef() == "stablehlo.custom_call") {
      op->emitError() << "custom_call @" << target.getValue()
                      << " is not supported: Kiln compiles graphs without "
                         "external code";
      return WalkResult::interrupt();
    }
    if (!isa<ModuleOp, func::FuncOp, func::ReturnOp, func::CallOp>(op) &&
        !llvm::isa_and_nonnull<hlo::HloDialect>(op->getDialect())) {
      op->emitError() << "op '" << op->getName()
                      << "' is not supported by Kiln (expected hlo ops)";
      return WalkResult::interrupt();
    }
    for (auto [i, result] : llvm::enumerate(op->getResults()))
      if (auto tensor = llvm::dyn_cast<RankedTensorType>(result.getType());
          tensor && tensor.hasStaticShape() && !hasAddressableSize(tensor)) {
        op->emitError() << "result " << i << " of '" << op->getName()
                        << "' has type " << tensor << ", 2^62 bytes or more";
        return WalkResult::interrupt();
      }
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return makeError(diagnostics.message("unsupported op"));
  return llvm::Error::success();
}
