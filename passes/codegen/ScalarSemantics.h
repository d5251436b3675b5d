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

/// The type kernels hold elements of the hlo element type `type` in:
/// unsigned integers as the signless integers of their width (arith
/// computes on signless integers; each op below reads signedness from its
/// hlo types), every other type as it is.
mlir::Type storageTypeOf(mlir::Type type);

/// The hlo element type arithmetic on `type` computes in: f32 for f16 and
/// bf16 (x86 has no arithmetic on them; results are rounded once to the
/// type), `type` itself otherwise.
mlir::Type computeTypeOf(mlir::Type type);

/// Builds the scalar computation of the elementwise hlo op `hloOp` (unary,
/// binary, compare, select, clamp, convert) on the scalars `scalarArgs`, one
/// per operand of `hloOp` in its storage type, with Kiln's edge-case
/// semantics. Element types are read from `hloOp`'s operand and result
/// types, so it works both for tensor ops and for the rank-0 ops of a
/// reduce body. Returns a null value when `hloOp` is not an op
/// isScalarizable accepts. The f32 ops whose meaning is one arith or math
/// op each (add, subtract, multiply, divide, maximum, minimum, clamp,
/// negate, abs, exp, tanh, erf, sqrt) also take vectors of f32, lane by
/// lane (TiledEpilogue.h applies them to accumulators).
mlir::Value buildScalarOp(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Operation *hloOp, mlir::ValueRange scalarArgs);

/// Whether buildScalarOp handles `op`.
bool isScalarizable(mlir::Operation *op);

/// hlo.convert's semantics on one scalar: `x`, of hlo element type
/// `srcType` (in its storage type), converted to `dstType`: floats round to
/// nearest even once, float-to-int truncates and saturates with NaN to 0,
/// integers extend by their signedness or keep their low bits.
mlir::Value buildConvert(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                         mlir::Type srcType, mlir::Type dstType);

/// The integer `x` of hlo element type `type` as an index, extended by its
/// signedness.
mlir::Value castToIndex(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                        mlir::Type type);

/// The zero of hlo element type `type` as an arith.constant of its storage
/// type.
mlir::Value buildZero(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type);

/// The signed integer of `x`'s width whose order is IEEE totalOrder of the
/// float `x` (-NaN < -inf < ... < -0 < +0 < ... < +inf < +NaN): its bits
/// with the magnitude flipped when the sign is set, so that larger
/// magnitudes sort lower. The same flip maps a key back to its float's bits.
mlir::Value totalOrderKey(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value x);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_SCALARSEMANTICS_H
