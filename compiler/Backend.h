//===- Backend.h - LLVM IR, assembly and object code ------------*- C++ -*-===//

#ifndef KILN_COMPILER_BACKEND_H
#define KILN_COMPILER_BACKEND_H

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace kiln {

/// Initializes LLVM's native target once per process (thread-safe).
void initializeNativeTarget();

/// A target machine for the host CPU with all its features (AVX-512 where
/// present), at the aggressive optimization level.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>> createHostTargetMachine();

/// Runs LLVM's O3 pipeline for `machine` on `module`.
llvm::Error optimizeModule(llvm::Module &module, llvm::TargetMachine &machine);

/// Translates an LLVM-dialect module to LLVM IR for `machine`, not yet
/// optimized.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateModule(mlir::ModuleOp module, llvm::LLVMContext &context,
                llvm::TargetMachine &machine);

/// translateModule, then optimizeModule.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &context,
                  llvm::TargetMachine &machine);

/// Writes `module` as assembly text or an object file.
enum class CodeFileKind { Assembly, Object };
llvm::Error emitCode(llvm::Module &module, llvm::TargetMachine &machine,
                     CodeFileKind kind, llvm::raw_pwrite_stream &out);

} // namespace kiln

#endif // KILN_COMPILER_BACKEND_H
