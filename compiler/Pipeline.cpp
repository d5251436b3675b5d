//===- Pipeline.cpp - Kiln's one compilation pipeline -----------------===//

#include "compiler/Pipeline.h"

#include "passes/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void kiln::buildGraphPipeline(OpPassManager &pm) {
  pm.addPass(createInlineIntoEntry());
  pm.addPass(createFoldEmptyTensors());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // After folding, so that weights computed from constants (a transposed
  // initializer) are constants by now.
  pm.addPass(createLayOutWeights());
}

void kiln::buildFusionPipeline(OpPassManager &pm,
                               const CompileOptions &options) {
  // Padding made explicit first, so that the pad fuses with its producers.
  // Output fusion next, so a dot claims its elementwise consumers before
  // loop fusion would take them; then reductions with their producers.
  pm.addPass(createPadWindows());
  if (options.outputFusion)
    pm.addPass(createFuseOutputs());
  if (options.inputFusion)
    pm.addPass(createFuseInputs({options.maxInputFusionOps}));
  if (options.loopFusion)
    pm.addPass(createFuseLoops({options.maxLoopFusionOps}));
}

/// The same lowering of the LLVM-dialect side for every path: math into
/// polynomials, then every dialect into LLVM with bare buffer pointers.
/// The passes that work within one function are nested on the functions,
/// so that MLIR runs them on all cores when the context is multithreaded;
/// the rest add declarations to the module or convert function signatures,
/// and run on the whole module in their former order.
static void addLLVMLowering(OpPassManager &pm) {
  OpPassManager &toLLVM = pm.nest<func::FuncOp>();
  toLLVM.addPass(kiln::createExpandMath());
  // VectorToLLVM and ExpandStridedMetadata rewrite greedily with MLIR 19's
  // default block merging, which merges identical blocks with the wrong
  // operands (a pad read through two concatenates lost its data): they run
  // while control flow is still structured, before SCFToCF makes blocks.
  toLLVM.addPass(createConvertVectorToLLVMPass());
  toLLVM.addPass(memref::createExpandStridedMetadataPass());
  // Once, after the affine.apply ExpandStridedMetadata makes, with the
  // kernels' own affine ops.
  toLLVM.addPass(createLowerAffinePass());
  toLLVM.addPass(createConvertSCFToCFPass());
  toLLVM.addPass(createConvertMathToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  // After MathToLLVM, which turns what it can into LLVM intrinsics.
  pm.addPass(createConvertMathToLibmPass());
  OpPassManager &scalars = pm.nest<func::FuncOp>();
  scalars.addPass(createArithToLLVMConversionPass());
  scalars.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  ConvertFuncToLLVMPassOptions funcOptions;
  funcOptions.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcOptions));
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void kiln::buildKernelPipeline(OpPassManager &pm, int64_t vectorBits) {
  pm.addPass(createWrapUnfused());
  pm.addPass(createOutlineKernels({vectorBits}));
  // Before canonicalization, which then runs on the shared kernels only: the
  // emitter writes twins alike, so they are found as well there.
  pm.addPass(createShareKernels());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createAssignBuffers());
  addLLVMLowering(pm);
  pm.addPass(createEmitEntry());
  pm.nest<LLVM::LLVMFuncOp>().addPass(createCanonicalizerPass());
}

void kiln::buildLoweringPipeline(OpPassManager &pm,
                                 const CompileOptions &options) {
  buildFusionPipeline(pm, options);
  buildKernelPipeline(pm);
}
