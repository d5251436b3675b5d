//===- BufferSize.h - How many bytes a tensor's buffer takes ----*- C++ -*-===//
//
// The one rule for buffer sizes, used by type checks, folding limits, fusion
// budgets, kernel scratch, buffer assignment and the tools: an element takes
// its bit width rounded up to whole bytes, so i1 takes one byte, as on the
// host (runtime/HostTensor.h's elementSize follows the same rule).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_HLO_BUFFERSIZE_H
#define KILN_DIALECTS_HLO_BUFFERSIZE_H

#include "mlir/IR/BuiltinTypeInterfaces.h"

#include <cstdint>

namespace kiln {

/// Bytes one element of `elementType` (an integer or float type) takes.
inline int64_t elementBytes(mlir::Type elementType) {
  return (static_cast<int64_t>(elementType.getIntOrFloatBitWidth()) + 7) / 8;
}

/// Bytes of the buffer of a statically shaped `type`. Callers that may meet
/// shapes near 2^63 check for overflow before (compiler/frontends does).
inline int64_t bufferBytes(mlir::ShapedType type) {
  return type.getNumElements() * elementBytes(type.getElementType());
}

} // namespace kiln

#endif // KILN_DIALECTS_HLO_BUFFERSIZE_H
