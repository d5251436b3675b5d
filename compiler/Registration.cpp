//===- Registration.cpp - Dialects and passes every Kiln tool needs ---===//

#include "compiler/Registration.h"

#include "compiler/Pipeline.h"
#include "dialects/hlo/HloDialect.h"
#include "dialects/hlo/HloSpelling.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"

void kiln::registerKilnDialects(mlir::DialectRegistry &registry) {
  using namespace mlir;
  // The spellings let kiln-opt read StableHLO's pretty-printed ops.
  registry.insert<hlo::StableHloSpelling, hlo::ChloSpelling>();
  registry.insert<hlo::HloDialect, affine::AffineDialect, arith::ArithDialect,
                  cf::ControlFlowDialect, func::FuncDialect, LLVM::LLVMDialect,
                  math::MathDialect, memref::MemRefDialect, scf::SCFDialect,
                  vector::VectorDialect>();
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

void kiln::loadKilnDialects(mlir::MLIRContext &context) {
  mlir::DialectRegistry registry;
  registerKilnDialects(registry);
  context.appendDialectRegistry(registry);
  context.loadAllAvailableDialects();
  // Diagnostics name the user's op and location; the generic form of the
  // op that MLIR would append is noise to a user and breaks one-line errors.
  context.printOpOnDiagnostic(false);
}

void kiln::registerKilnPassesAndPipelines() {
  registerKilnPasses();
  mlir::PassPipelineRegistration<>(
      "kiln-graph-pipeline",
      "Kiln's graph passes: inline into the entry, fold empty tensors, "
      "canonicalize, CSE, lay out weights",
      [](mlir::OpPassManager &pm) { buildGraphPipeline(pm); });
  mlir::PassPipelineRegistration<>(
      "kiln-lower-to-llvm",
      "Kiln's lowering from hlo to the LLVM dialect with the entry point",
      [](mlir::OpPassManager &pm) { buildLoweringPipeline(pm); });
}
