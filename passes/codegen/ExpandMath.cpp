//===- ExpandMath.cpp - Polynomial approximations of math ops ---------===//
//
// LLVM turns math.exp, tanh, erf, log ... into one libm call per element,
// which blocks vectorization. MLIR's polynomial approximations rewrite them
// into plain arith, which LLVM's loop vectorizer then widens. Where they are
// inaccurate over part of the f32 range, Kiln's own expansions
// (AccurateMath.cpp) come first.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/codegen/AccurateMath.h"
#include "passes/codegen/MinMaxOfVariables.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#define DEBUG_TYPE "kiln-expand-math"

namespace kiln {
#define GEN_PASS_DEF_EXPANDMATH
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

struct ExpandMathPass final : kiln::impl::ExpandMathBase<ExpandMathPass> {
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<arith::ArithDialect, LLVM::LLVMDialect, math::MathDialect,
                    vector::VectorDialect>();
  }

  void runOnOperation() override {
    // Kiln's own expansions first, where MLIR's would be inaccurate.
    kiln::expandAccurateMath(getOperation());
    RewritePatternSet patterns(&getContext());
    // The AVX2 rsqrt estimate is left off: it is less accurate than the
    // reference tolerance, and LLVM picks the ISA for the rest.
    MathPolynomialApproximationOptions options;
    options.enableAvx2 = false;
    populateMathPolynomialApproximationPatterns(patterns, options);
    kiln::populateAccurateMathPatterns(patterns);
    kiln::populateMinMaxOfVariablesPatterns(patterns);
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
