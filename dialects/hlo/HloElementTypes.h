//===- HloElementTypes.h - hlo element types and their host counterparts -===//
//
// The one mapping between the MLIR element types hlo tensors hold (HloOps.td's
// HLO_ElementType) and the runtime's ElementType, used by the frontends'
// checks, the interpreter and the compiler's signatures alike.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_HLO_HLOELEMENTTYPES_H
#define KILN_DIALECTS_HLO_HLOELEMENTTYPES_H

#include "runtime/ElementType.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Types.h"

#include <optional>

namespace kiln::hlo {

/// The host type of `type` when Kiln computes with it: f16, bf16, f32, f64,
/// signless i1, i8, i16, i32, i64, unsigned ui8, ui16, ui32, ui64.
std::optional<ElementType> hostElementTypeOf(mlir::Type type);

/// The MLIR type of the host type `type`.
mlir::Type mlirElementTypeOf(ElementType type, mlir::MLIRContext *context);

/// The types Kiln computes with, for messages: "f16, bf16, ... and ui64".
const char *supportedElementTypesText();

} // namespace kiln::hlo

#endif // KILN_DIALECTS_HLO_HLOELEMENTTYPES_H
