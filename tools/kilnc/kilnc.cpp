//===- kilnc.cpp - Kiln's compiler driver -----------------------------===//
//
//   kilnc FILE.mlir [--emit=hlo|fused|dot|llvm|asm|obj] [-o OUT]
//         [--explain-fusion] [--time-passes] [--no-fusion]
//         [--no-loop-fusion] [--no-input-fusion] [--no-output-fusion]
//
// Errors are one line each, `file:line:col: error: reason`, exit code 1;
// an output file is written whole or not at all.
//
//===----------------------------------------------------------------------===//

#include "compiler/Backend.h"
#include "compiler/Compiler.h"
#include "compiler/Registration.h"
#include "compiler/frontends/GraphLoader.h"
#include "passes/fusion/ExplainFusion.h"
#include "passes/fusion/FusionGraphviz.h"
#include "tools/common/CommandLine.h"
#include "tools/common/FusionFlags.h"
#include "tools/common/ModelFlags.h"
#include "tools/common/OutputFile.h"
#include "tools/common/TargetFlags.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Pass.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

using namespace llvm;

namespace {
enum class Emit { Hlo, Fused, Dot, LLVM, Asm, Obj };

cl::OptionCategory kilncCategory("kilnc options");
cl::opt<std::string> inputPath(cl::Positional, cl::desc("<graph.mlir>"),
                               cl::Required, cl::cat(kilncCategory));
cl::opt<Emit> emit(
    "emit", cl::desc("What to write"), cl::init(Emit::Hlo),
    cl::values(clEnumValN(Emit::Hlo, "hlo", "the graph after graph passes"),
               clEnumValN(Emit::Fused, "fused", "the graph after fusion"),
               clEnumValN(Emit::Dot, "dot",
                          "a Graphviz picture of the ops by fusion"),
               clEnumValN(Emit::LLVM, "llvm", "optimized LLVM IR"),
               clEnumValN(Emit::Asm, "asm", "assembly for the host CPU"),
               clEnumValN(Emit::Obj, "obj", "an object file (needs -o)")),
    cl::cat(kilncCategory));
cl::opt<bool> explainFusion(
    "explain-fusion",
    cl::desc("Print why each producer/consumer edge was left unfused"),
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

/// Writes `text` to -o whole or not at all, by the rule of OutputFile.h.
static int writeOutput(StringRef text) {
  if (Error error = kiln::tools::writeOutputFile(outputPath, text))
    return fail(std::move(error));
  return 0;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions({&kilncCategory, &kiln::tools::fusionCategory(),
                            &kiln::tools::targetCategory()});
  if (!kiln::tools::parseCommandLine(argc, argv, "Kiln graph compiler\n"))
    return 1;
  if (emit == Emit::Obj && outputPath == "-")
    return failWith("--emit=obj needs an output file: -o FILE");

  // `--time-passes` is LLVM's own flag: it times LLVM's code generator's
  // passes, and Kiln reads it to time its own stages too, as one tree on
  // standard error: parsing, the MLIR stages with their passes, LLVM IR and
  // machine code.
  mlir::DefaultTimingManager timing;
  timing.setEnabled(TimePassesIsEnabled);
  mlir::TimingScope rootScope = timing.getRootScope();

  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  kiln::Compiler compiler(context);
  mlir::TimingScope parseScope = rootScope.nest("parse");
  Expected<kiln::GraphLoadOptions> loadOptions =
      kiln::tools::graphLoadOptionsFromFlags();
  if (!loadOptions)
    return fail(loadOptions.takeError());
  Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
      kiln::loadGraphFile(inputPath, context, *loadOptions);
  parseScope.stop();
  if (!module)
    return fail(module.takeError());
  kiln::CompileOptions options = kiln::tools::fusionOptionsFromFlags();
  options.timing = &rootScope;
  options.target = kiln::tools::targetChoiceFromFlags();
  // A misspelt target is an error whatever is emitted.
  if (!options.target.isHost())
    if (Expected<std::unique_ptr<TargetMachine>> machine =
            kiln::createTargetMachine(options.target);
        !machine)
      return fail(machine.takeError());

  if (explainFusion || emit == Emit::Fused || emit == Emit::Dot) {
    if (Error error = compiler.runFusionPasses(**module, options))
      return fail(std::move(error));
    std::string text;
    raw_string_ostream os(text);
    if (explainFusion)
      for (const std::string &line :
           kiln::explainUnfusedEdges(**module, options))
        os << line << "\n";
    if (emit == Emit::Dot)
      kiln::printFusionGraphviz(**module, os);
    else if (emit == Emit::Fused)
      os << **module << "\n";
    return writeOutput(text);
  }

  if (emit == Emit::Hlo) {
    if (Error error = compiler.runGraphPasses(**module, options))
      return fail(std::move(error));
    std::string text;
    raw_string_ostream os(text);
    (*module)->print(os);
    os << "\n";
    return writeOutput(text);
  }

  if (Error error = compiler.lowerToLLVMDialect(**module, options))
    return fail(std::move(error));
  Expected<std::unique_ptr<TargetMachine>> machine =
      kiln::createTargetMachine(options.target);
  if (!machine)
    return fail(machine.takeError());
  LLVMContext llvmContext;
  mlir::TimingScope llvmIRScope = rootScope.nest("LLVM IR (translation, O3)");
  Expected<std::unique_ptr<Module>> llvmModule =
      kiln::translateToLLVMIR(**module, llvmContext, **machine);
  llvmIRScope.stop();
  if (!llvmModule)
    return fail(llvmModule.takeError());

  SmallString<0> code;
  raw_svector_ostream codeStream(code);
  if (emit == Emit::LLVM) {
    (*llvmModule)->print(codeStream, nullptr);
  } else {
    auto kind = emit == Emit::Obj ? kiln::CodeFileKind::Object
                                  : kiln::CodeFileKind::Assembly;
    mlir::TimingScope codeScope = rootScope.nest("machine code");
    if (Error error = kiln::emitCode(**llvmModule, **machine, kind, codeStream))
      return fail(std::move(error));
  }
  return writeOutput(code);
}
