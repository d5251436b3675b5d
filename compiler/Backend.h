//===- Backend.h - LLVM IR, assembly and object code ------------*- C++ -*-===//

#ifndef KILN_COMPILER_BACKEND_H
#define KILN_COMPILER_BACKEND_H

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <memory>
#include <string>

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

/// The CPU code is generated for (`--mcpu`, `--mattr`): empty fields mean
/// the host's CPU and all its features.
struct TargetChoice {
  /// An LLVM x86 CPU name (`znver3`, `skylake-avx512`, ...).
  std::string cpu;
  /// Comma-separated features added to or removed from the CPU's (or the
  /// host's): `-avx512f`, `+avx2,+fma`.
  std::string features;

  bool isHost() const { return cpu.empty() && features.empty(); }
  /// "native", the CPU, or either followed by the features: how headers
  /// and messages name the target.
  std::string name() const {
    std::string text = cpu.empty() ? "native" : cpu;
    return features.empty() ? text : text + " " + features;
  }
};

/// A target machine for `choice` at the aggressive optimization level. An
/// unknown CPU or feature is an error naming it.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetChoice &choice);

/// A target machine for the host CPU with all its features (AVX-512 where
/// present).
llvm::Expected<std::unique_ptr<llvm::TargetMachine>> createHostTargetMachine();

/// The vector width, in bits, that kernels for `choice` are sized for
/// (TargetDescription): 512 with AVX-512F, 256 with AVX2, else 128; the
/// host's for the host. An unknown CPU or feature is an error naming it.
llvm::Expected<int64_t> vectorBitsOf(const TargetChoice &choice);

/// Success when code for `machine` can run on this host; otherwise an
/// error naming the first instruction set extension it uses that the host
/// CPU lacks.
llvm::Error checkRunsOnHost(const llvm::TargetMachine &machine);

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
