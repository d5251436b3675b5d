//===- ModelLibrary.h - A compiled graph as a library to ship ---*- C++ -*-===//
//
// What `kilnc --emit=obj|so|lib` writes: the graph's code with the C API of
// runtime/KilnModel.h around it (NAME_info, NAME_create, NAME_run,
// NAME_destroy), a C header declaring that API with the model's types and
// shapes, and, for a shared library or an archive, the linked file.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_MODELLIBRARY_H
#define KILN_COMPILER_MODELLIBRARY_H

#include "compiler/CompiledGraph.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace kiln {

/// How a shipped model is named.
struct ModelIdentity {
  /// The prefix of its C symbols: a C identifier.
  std::string name;
  /// The file it was compiled from, for the header's first line.
  std::string source;
};

/// The features among those the runtime can check (runtime/CpuFeatures.h)
/// that code for `machine` may use, comma separated.
std::string cpuFeaturesOf(const llvm::TargetMachine &machine);

/// A C identifier made of `text`: other characters become '_', a leading
/// digit gets a '_' before it; "model" when empty.
std::string cIdentifierFrom(llvm::StringRef text);

/// The model name a file's `stem` gives: cIdentifierFrom, with "model_"
/// before a name the runtime reserves.
std::string modelNameFrom(llvm::StringRef stem);

/// Why `name` cannot prefix a model's C symbols ("is not a C identifier
/// ..."), or "" when it can.
std::string whyNotModelName(llvm::StringRef name);

/// Adds the C API of the model `graph` describes (its signature, arena,
/// target and CPU features) to `module`, the LLVM IR of its code that
/// defines kiln_entry (Compiler::lowerToLLVMDialect, then translateModule),
/// and gives every other definition internal linkage, so that several
/// models link into one program.
llvm::Error addModelInterface(llvm::Module &module, const CompiledGraph &graph,
                              const ModelIdentity &model);

/// The text of NAME.h: the C API of the model with its names, types and
/// shapes as comments and constants.
std::string modelHeader(const CompiledGraph &graph, const ModelIdentity &model);

/// What the C compiler driver links, as findCCompilerDriver's errors name it.
inline constexpr llvm::StringLiteral kSharedLibraryName = "shared library";
inline constexpr llvm::StringLiteral kJoinedObjectName =
    "object file of several partitions";

/// The path of the system's C compiler driver, $CC, else cc, on the PATH;
/// if there is none, an error saying that linking `what` needs one.
llvm::Expected<std::string> findCCompilerDriver(llvm::StringRef what);

/// A shared library of `objects` (the ELF objects of addModelInterface's
/// module, one per code generation partition) linked against
/// libkiln_runtime in `runtimeDirectory`, by the C compiler driver, with
/// `soname` as its DT_SONAME. Exports only the model's C API.
llvm::Expected<std::string>
linkSharedLibrary(llvm::ArrayRef<std::string> objects,
                  const ModelIdentity &model, llvm::StringRef runtimeDirectory,
                  llvm::StringRef soname);

/// One relocatable object of `objects`: the only one as it is, several
/// joined by the C compiler driver (`cc -r`).
llvm::Expected<std::string> linkObjects(llvm::ArrayRef<std::string> objects,
                                        const ModelIdentity &model);

/// A static archive holding `objects` as NAME.o, or NAME.part0.o,
/// NAME.part1.o, ... when there are several.
llvm::Expected<std::string>
writeStaticArchive(llvm::ArrayRef<std::string> objects,
                   const ModelIdentity &model);

/// The directory of libkiln_runtime beside the running tool (its
/// `../lib`), in a build tree and in an installed one.
llvm::Expected<std::string> runtimeLibraryDirectory();

} // namespace kiln

#endif // KILN_COMPILER_MODELLIBRARY_H
