//===- LowerHloPatterns.h - Pieces of the hlo-to-linalg lowering -*- C++
//-*-===//
//
// Private header of kiln-lower-hlo-to-linalg: the pattern families (one file
// each) and the builders they share. Every pattern produces destination-style
// tensor IR that One-Shot Bufferize handles.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_LOWERHLOPATTERNS_H
#define KILN_PASSES_LOWERHLOPATTERNS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Support/LogicalResult.h"

namespace kiln {

//===----------------------------------------------------------------------===//
// Scalar bodies (LowerElementwise.cpp)
//===----------------------------------------------------------------------===//

/// Builds the scalar computation of the elementwise hlo op `hloOp` (unary,
/// binary, compare, select, clamp, convert) on the scalars `scalarArgs`, one
/// per operand of `hloOp`, with Kiln's edge-case semantics. Element types are
/// read from `hloOp`'s operand and result types, so it works both for tensor
/// ops and for the rank-0 ops of a reduce body. Returns a null value when
/// `hloOp` is not an elementwise op this lowering knows.
mlir::Value buildScalarOp(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Operation *hloOp, mlir::ValueRange scalarArgs);

/// Whether buildScalarOp handles `op`.
bool isScalarizable(mlir::Operation *op);

/// Maps the body of a reduce or reduce_window onto scalars: the body's block
/// arguments are bound to `scalarArgs` (accumulators first, then inputs, as in
/// StableHLO), every body op is rebuilt with buildScalarOp, and the scalars
/// its `hlo.return` returns are returned. Fails (without a diagnostic) on a
/// body op that is not scalarizable; checkReductionBody reports those first.
mlir::FailureOr<llvm::SmallVector<mlir::Value>>
buildScalarBody(mlir::OpBuilder &b, mlir::Location loc, mlir::Region &body,
                mlir::ValueRange scalarArgs);

/// Reports (at the body op's location) an op in a reduce or reduce_window
/// body that buildScalarBody cannot lower.
mlir::LogicalResult checkReductionBody(mlir::Operation *reductionOp);

/// hlo.convert's semantics on one scalar: `x` converted to `dstType` (f32,
/// i1, i32 or i64), saturating and sending NaN to 0 for float-to-int.
mlir::Value buildConvert(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                         mlir::Type dstType);

/// The zero of `type` (f32, i1 or an integer type) as an arith.constant.
mlir::Value buildZero(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type);

//===----------------------------------------------------------------------===//
// Tensor builders (LowerShapeOps.cpp)
//===----------------------------------------------------------------------===//

/// tensor.empty of `type` filled with the scalar `value` (linalg.fill).
mlir::Value buildFilled(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type, mlir::Value value);

/// hlo.pad's semantics on tensors: `operand` placed at `low` with `interior`
/// padding between elements in a tensor of `resultType` filled with the scalar
/// `padScalar`. Negative `low`/`high` crop; cropped elements are never read.
mlir::Value buildPad(mlir::OpBuilder &b, mlir::Location loc,
                     mlir::Value operand, mlir::Value padScalar,
                     mlir::RankedTensorType resultType,
                     llvm::ArrayRef<int64_t> low,
                     llvm::ArrayRef<int64_t> interior);

//===----------------------------------------------------------------------===//
// Pattern families
//===----------------------------------------------------------------------===//

void populateElementwiseLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateShapeLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateReductionLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateContractionLoweringPatterns(mlir::RewritePatternSet &patterns);

/// Reports (at the op's location) a convolution this lowering does not
/// support; success for every other op.
mlir::LogicalResult checkContractionSupported(mlir::Operation *op);

} // namespace kiln

#endif // KILN_PASSES_LOWERHLOPATTERNS_H
