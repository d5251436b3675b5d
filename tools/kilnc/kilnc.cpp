//===- kilnc.cpp - Kiln's compiler driver -----------------------------===//
//
//   kilnc FILE.mlir [--emit=hlo|llvm|asm|obj] [-o OUT] [--time-passes]
//
// Errors are one line each, `file:line:col: error: reason`, exit code 1;
// an output file is written whole or not at all.
//
//===----------------------------------------------------------------------===//

#include "compiler/Backend.h"
#include "compiler/Compiler.h"
#include "compiler/GraphFile.h"
#include "compiler/Registration.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/IR/Module.h"
#include "llvm/Pass.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

using namespace llvm;

namespace {
enum class Emit { Hlo, LLVM, Asm, Obj };

cl::OptionCategory kilncCategory("kilnc options");
cl::opt<std::string> inputPath(cl::Positional, cl::desc("<graph.mlir>"),
                               cl::Required, cl::cat(kilncCategory));
cl::opt<Emit> emit(
    "emit", cl::desc("What to write"), cl::init(Emit::Hlo),
    cl::values(clEnumValN(Emit::Hlo, "hlo", "the graph after graph passes"),
               clEnumValN(Emit::LLVM, "llvm", "optimized LLVM IR"),
               clEnumValN(Emit::Asm, "asm", "assembly for the host CPU"),
               clEnumValN(Emit::Obj, "obj", "an object file (needs -o)")),
    cl::cat(kilncCategory));
cl::opt<std::string> outputPath("o", cl::desc("Output file ('-' is stdout)"),
                                cl::value_desc("path"), cl::init("-"),
                                cl::cat(kilncCategory));
} // namespace

/// Prints `error` (already `file:line:col: error: ...` lines) and fails.
static int fail(Error error) {
  std::string message = toString(std::move(error));
  errs() << message << (StringRef(message).ends_with("\n") ? "" : "\n");
  return 1;
}

static int failWith(const Twine &message) {
  errs() << "kilnc: error: " << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(kilncCategory);
  cl::ParseCommandLineOptions(argc, argv, "Kiln graph compiler\n");
  if (emit == Emit::Obj && outputPath == "-")
    return failWith("--emit=obj needs an output file: -o FILE");

  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  kiln::Compiler compiler(context);
  Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
      kiln::parseGraphFile(inputPath, context);
  if (!module)
    return fail(module.takeError());
  kiln::CompileOptions options;
  // `--time-passes` is LLVM's own flag: it times LLVM's passes, and Kiln
  // reads it to time the MLIR pipeline too.
  options.timePasses = TimePassesIsEnabled;

  if (emit == Emit::Hlo) {
    if (Error error = compiler.runGraphPasses(**module, options))
      return fail(std::move(error));
    if (Error error = writeToOutput(outputPath, [&](raw_ostream &os) {
          (*module)->print(os);
          os << "\n";
          return Error::success();
        }))
      return failWith(toString(std::move(error)));
    return 0;
  }

  if (Error error = compiler.lowerToLLVMDialect(**module, options))
    return fail(std::move(error));
  Expected<std::unique_ptr<TargetMachine>> machine =
      kiln::createHostTargetMachine();
  if (!machine)
    return failWith(toString(machine.takeError()));
  LLVMContext llvmContext;
  Expected<std::unique_ptr<Module>> llvmModule =
      kiln::translateToLLVMIR(**module, llvmContext, **machine);
  if (!llvmModule)
    return fail(llvmModule.takeError());

  SmallString<0> code;
  raw_svector_ostream codeStream(code);
  if (emit == Emit::LLVM) {
    (*llvmModule)->print(codeStream, nullptr);
  } else {
    auto kind = emit == Emit::Obj ? kiln::CodeFileKind::Object
                                  : kiln::CodeFileKind::Assembly;
    if (Error error =
            kiln::emitCode(**llvmModule, **machine, kind, codeStream))
      return fail(std::move(error));
  }
  if (Error error = writeToOutput(outputPath, [&](raw_ostream &os) {
        os << code;
        return Error::success();
      }))
    return failWith(toString(std::move(error)));
  return 0;
}
