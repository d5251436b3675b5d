//===- ScalarSemantics.h - Kiln's semantics of one hlo op on scalars -*- C++
//-*-//
//
// What one elementwise hlo op computes on one element, as arith/math code:
// the single definition of Kiln's scalar semantics, which every kernel
// emitter uses (the reference interpreter states the same semantics
// independently, on host values, as the oracle).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_SCALARSEMANTICS_H
#define KILN_PASSES_CODEGEN_SCALARSEMANTICS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace kiln {

/// Builds the scalar computation of the elementwise hlo op `hloOp` (unary,
/// binary, compare, select, clamp, convert) on the scalars `scalarArgs`, one
/// per operand of `hloOp`, with Kiln's edge-case semantics. Element types are
/// read from `hloOp`'s operand and result types, so it works both for tensor
/// ops and for the rank-0 ops of a reduce body. Returns a null value when
/// `hloOp` is not an op isScalarizable accepts.
mlir::Value buildScalarOp(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Operation *hloOp, mlir::ValueRange scalarArgs);

/// Whether buildScalarOp handles `op`.
bool isScalarizable(mlir::Operation *op);

/// hlo.convert's semantics on one scalar: `x` converted to `dstType` (f32,
/// i1, i32 or i64), saturating and sending NaN to 0 for float-to-int.
mlir::Value buildConvert(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                         mlir::Type dstType);

/// The zero of `type` (f32, i1 or an integer type) as an arith.constant.
mlir::Value buildZero(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_SCALARSEMANTICS_H
