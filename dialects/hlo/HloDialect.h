//===- HloDialect.h - The hlo dialect, its attributes and ops ---*- C++ -*-===//
//
// Public header of Kiln's graph dialect: include this to use hlo ops.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_HLO_HLODIALECT_H
#define KILN_DIALECTS_HLO_HLODIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/hlo/HloDialect.h.inc"
#include "dialects/hlo/HloEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/hlo/HloAttrs.h.inc"

#define GET_OP_CLASSES
#include "dialects/hlo/HloOps.h.inc"

namespace kiln::hlo {

/// The most bytes a folder may materialize as a new constant that was not in
/// the input; larger results stay as ops so a graph never balloons.
constexpr int64_t kMaxFoldedConstantBytes = 64 * 1024;

/// Whether `reduce` sums one f32 input with a body that is just
/// `hlo.return (hlo.add %acc, %x)`: the reference interpreter takes such
/// sums exactly (StableHLO leaves the order of a reduction open).
bool isPlainF32Sum(ReduceOp reduce);

} // namespace kiln::hlo

#endif // KILN_DIALECTS_HLO_HLODIALECT_H
