//===- LowerHloToLinalg.cpp - hlo ops to linalg/tensor/arith on tensors ---===//
//
// The pass: checks up front that every hlo op can be lowered (so that a user
// sees the name of their own op, never a linalg internal), then converts all
// hlo ops with the pattern families of Lower{Elementwise,ShapeOps,Reductions,
// Contractions}.cpp. The ops inside reduce/reduce_window bodies are not
// converted on their own: their reduction's pattern maps them onto scalars.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/hlo/HloDialect.h"
#include "passes/LowerHloPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"

#define DEBUG_TYPE "kiln-lower-hlo-to-linalg"

namespace kiln {
#define GEN_PASS_DEF_LOWERHLOTOLINALG
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace kiln {
namespace {

/// Ops whose only users are their enclosing reduction's body.
bool isInReductionBody(Operation *op) {
  return isa_and_nonnull<hlo::ReduceOp, hlo::ReduceWindowOp>(op->getParentOp());
}

/// Every hlo op this pass has a pattern for.
bool hasLowering(Operation *op) {
  return isScalarizable(op) ||
         isa<hlo::ConstantOp, hlo::IotaOp, hlo::BroadcastInDimOp,
             hlo::ReshapeOp, hlo::TransposeOp, hlo::SliceOp, hlo::ConcatenateOp,
             hlo::PadOp, hlo::ReduceOp, hlo::ReduceWindowOp, hlo::DotGeneralOp,
             hlo::ConvolutionOp>(op);
}

/// Reports, at the user's op, everything the patterns would fail on.
LogicalResult checkLowerable(ModuleOp module) {
  bool ok = true;
  module.walk([&](Operation *op) {
    if (!isa<hlo::HloDialect>(op->getDialect()) || isInReductionBody(op))
      return;
    if (!hasLowering(op)) {
      op->emitError() << op->getName()
                      << " is not supported by the linalg lowering";
      ok = false;
      return;
    }
    if (isa<hlo::ReduceOp, hlo::ReduceWindowOp>(op))
      ok &= succeeded(checkReductionBody(op));
    ok &= succeeded(checkContractionSupported(op));
  });
  return success(ok);
}

struct LowerHloToLinalgPass final
    : impl::LowerHloToLinalgBase<LowerHloToLinalgPass> {
  void getDependentDialects(DialectRegistry &registry) const override {
    LowerHloToLinalgBase::getDependentDialects(registry);
    // Integer power loops over the exponent's bits with scf.for.
    registry.insert<scf::SCFDialect>();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(checkLowerable(module)))
      return signalPassFailure();

    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addLegalDialect<arith::ArithDialect, func::FuncDialect,
                           linalg::LinalgDialect, math::MathDialect,
                           scf::SCFDialect, tensor::TensorDialect>();
    target.addDynamicallyLegalDialect<hlo::HloDialect>(isInReductionBody);

    RewritePatternSet patterns(ctx);
    populateElementwiseLoweringPatterns(patterns);
    populateShapeLoweringPatterns(patterns);
    populateReductionLoweringPatterns(patterns);
    populateContractionLoweringPatterns(patterns);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
} // namespace kiln
