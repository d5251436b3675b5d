//===- kilnc.cpp - Kiln's compiler driver -----------------------------===//
//
//   kilnc FILE.mlir [--emit=hlo|fused|dot|llvm|asm|obj|so|lib] [-o OUT]
//         [--name NAME] [--header PATH] [--target LEVEL] [--mcpu CPU]
//         [--mattr FEATURES] [--explain-fusion] [--time-passes]
//         [--no-fusion] [--no-loop-fusion] [--no-input-fusion]
//         [--no-output-fusion]
//
// Code (llvm, asm, obj, so, lib) carries the model's C API
// (runtime/KilnModel.h); obj, so and lib come with NAME.h beside them.
// Errors are one line each, `file:line:col: error: reason`, exit code 1;
// an output file is written whole or not at all.
//
//===----------------------------------------------------------------------===//

#include "compiler/Backend.h"
#include "compiler/Compiler.h"
#include "compiler/ModelLibrary.h"
#include "compiler/ParallelCodegen.h"
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
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <limits>

using namespace llvm;

namespace {
enum class Emit { Hlo, Fused, Dot, LLVM, Asm, Obj, So, Lib };

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
               clEnumValN(Emit::Obj, "obj",
                          "an object file and its C header (needs -o)"),
               clEnumValN(Emit::So, "so",
                          "a shared library and its C header (needs -o)"),
               clEnumValN(Emit::Lib, "lib",
                          "a static archive and its C header (needs -o)")),
    cl::cat(kilncCategory));
cl::opt<bool> explainFusion(
    "explain-fusion",
    cl::desc("Print why each producer/consumer edge was left unfused"),
    cl::cat(kilncCategory));
cl::opt<std::string> outputPath("o", cl::desc("Output file ('-' is stdout)"),
                                cl::value_desc("path"), cl::init("-"),
                                cl::cat(kilncCategory));
cl::opt<std::string>
    modelName("name",
              cl::desc("The prefix of the model's C symbols (NAME_create, "
                       "NAME_run, ...; default: the output file's stem)"),
              cl::value_desc("identifier"), cl::cat(kilncCategory));
cl::opt<std::string>
    headerPath("header",
               cl::desc("Where to write the C header of --emit=obj|so|lib "
                        "(default: the output with the extension .h)"),
               cl::value_desc("path"), cl::cat(kilncCategory));
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

/// Writes `text` to `path` (-o, or the C header beside it) whole or not at
/// all, by the rule of OutputFile.h.
static int writeOutput(StringRef path, StringRef text) {
  std::string error;
  if (!kiln::tools::writeOutputFile(path.str(), text, error)) {
    errs() << error << "\n";
    return 1;
  }
  return 0;
}

/// The name --emit was given, for messages about code to ship.
static std::string emitName() {
  switch (emit) {
  case Emit::Obj:
    return "obj";
  case Emit::So:
    return "so";
  case Emit::Lib:
    return "lib";
  default:
    return "";
  }
}

/// Where the C header of an output at `output` goes: --header, else beside
/// the output with the extension .h. A device or FIFO output (/dev/null)
/// has no place beside it: no header then, unless --header names one.
static std::string headerPathFor(StringRef output) {
  if (!headerPath.empty())
    return headerPath;
  sys::fs::file_status status;
  if (!sys::fs::status(output, status) &&
      status.type() != sys::fs::file_type::regular_file)
    return "";
  SmallString<256> path(output);
  sys::path::replace_extension(path, "h");
  return path.str().str();
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions({&kilncCategory, &kiln::tools::fusionCategory(),
                            &kiln::tools::targetCategory()});
  if (!kiln::tools::parseCommandLine(argc, argv, "Kiln graph compiler\n"))
    return 1;
  // Code to ship (an object, a library) runs on other machines: it is
  // compiled for a portable level unless the flags name another target.
  bool ships = emit == Emit::Obj || emit == Emit::So || emit == Emit::Lib;
  if (ships && outputPath == "-")
    return failWith("--emit=" + emitName() + " needs an output file: -o FILE");
  if (!modelName.empty())
    if (std::string why = kiln::whyNotModelName(modelName); !why.empty())
      return failWith("--name '" + modelName + "' " + why);
  Expected<kiln::TargetChoice> target =
      kiln::tools::targetFromFlags(ships ? "x86-64-v3" : "native");
  if (!target)
    return failWith(toString(target.takeError()));

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
  options.target = *target;
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
    return writeOutput(outputPath, text);
  }

  if (emit == Emit::Hlo) {
    if (Error error = compiler.runGraphPasses(**module, options))
      return fail(std::move(error));
    std::string text;
    raw_string_ostream os(text);
    (*module)->print(os);
    os << "\n";
    return writeOutput(outputPath, text);
  }

  kiln::ModelIdentity model;
  model.name = !modelName.empty()
                   ? modelName.getValue()
                   : kiln::modelNameFrom(sys::path::stem(
                         outputPath == "-" ? inputPath : outputPath));
  model.source = inputPath;
  // The signature is the user's graph's, read before lowering rewrites it.
  kiln::CompiledGraph graph;
  if (Error error =
          kiln::describeSignature(**module, graph.inputs, graph.outputs))
    return fail(std::move(error));
  if (Error error = compiler.lowerToLLVMDialect(**module, options))
    return fail(std::move(error));
  kiln::describeLoweredGraph(**module, graph);
  Expected<std::unique_ptr<TargetMachine>> machine =
      kiln::createTargetMachine(options.target);
  if (!machine)
    return fail(machine.takeError());
  graph.target = options.target.name();
  graph.cpuFeatures = kiln::cpuFeaturesOf(**machine);
  LLVMContext llvmContext;
  mlir::TimingScope llvmIRScope = rootScope.nest("LLVM IR (translation)");
  Expected<std::unique_ptr<Module>> llvmModule =
      kiln::translateModule(**module, llvmContext, **machine);
  if (!llvmModule)
    return fail(llvmModule.takeError());
  if (Error error = kiln::addModelInterface(**llvmModule, graph, model))
    return failWith(toString(std::move(error)));
  llvmIRScope.stop();

  if (!ships) {
    mlir::TimingScope optimizeScope = rootScope.nest("LLVM O3");
    if (Error error = kiln::optimizeModule(**llvmModule, **machine))
      return fail(std::move(error));
    optimizeScope.stop();
    SmallString<0> code;
    raw_svector_ostream codeStream(code);
    if (emit == Emit::LLVM) {
      (*llvmModule)->print(codeStream, nullptr);
    } else {
      mlir::TimingScope codeScope = rootScope.nest("machine code");
      if (Error error =
              kiln::emitCode(**llvmModule, **machine,
                             kiln::CodeFileKind::Assembly, codeStream))
        return fail(std::move(error));
    }
    return writeOutput(outputPath, code);
  }

  // What ships is compiled in partitions on all cores (ParallelCodegen.h):
  // the same objects whatever the core count. A single object joins them
  // with the C compiler driver; without one it is compiled whole.
  size_t minPartition = kiln::kMinPartitionInstructions;
  if (emit == Emit::So)
    if (Expected<std::string> driver =
            kiln::findCCompilerDriver(kiln::kSharedLibraryName);
        !driver)
      return failWith(toString(driver.takeError()));
  if (emit == Emit::Obj)
    if (Expected<std::string> driver =
            kiln::findCCompilerDriver(kiln::kJoinedObjectName);
        !driver) {
      consumeError(driver.takeError());
      minPartition = std::numeric_limits<size_t>::max();
    }
  mlir::TimingScope codeScope =
      rootScope.nest("LLVM (O3 and machine code, in parallel)");
  Expected<std::vector<std::string>> objects = kiln::compileModuleToObjects(
      std::move(*llvmModule), **machine, options.target, /*threads=*/0,
      minPartition, model.name + "__");
  if (!objects)
    return fail(objects.takeError());
  codeScope.stop();

  mlir::TimingScope linkScope = rootScope.nest("link (C compiler driver)");
  Expected<std::string> bytes = [&]() -> Expected<std::string> {
    if (emit == Emit::Obj)
      return kiln::linkObjects(*objects, model);
    if (emit == Emit::Lib)
      return kiln::writeStaticArchive(*objects, model);
    Expected<std::string> runtimeDirectory = kiln::runtimeLibraryDirectory();
    if (!runtimeDirectory)
      return runtimeDirectory.takeError();
    return kiln::linkSharedLibrary(*objects, model, *runtimeDirectory,
                                   sys::path::filename(outputPath));
  }();
  if (!bytes)
    return failWith(toString(bytes.takeError()));
  linkScope.stop();
  std::string header = headerPathFor(outputPath);
  if (header == outputPath)
    return failWith("the C header would overwrite the output " + header +
                    "; name it with --header PATH");
  if (int status = writeOutput(outputPath, *bytes))
    return status;
  if (header.empty())
    return 0;
  return writeOutput(header, kiln::modelHeader(graph, model));
}
