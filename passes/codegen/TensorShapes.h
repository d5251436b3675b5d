//===- TensorShapes.h - Shape questions the kernel emitters ask -*- C++ -*-===//
//
// Small questions about the ranked, statically shaped tensors that reach
// code generation, asked by the kernel emitters and the elemental emitter.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_TENSORSHAPES_H
#define KILN_PASSES_CODEGEN_TENSORSHAPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/ArrayRef.h"

#include <cstdint>

namespace kiln {

/// The shape of `value`, a ranked tensor.
inline llvm::ArrayRef<int64_t> shapeOf(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType()).getShape();
}

/// The number of elements of `shape` (1 for rank 0).
inline int64_t product(llvm::ArrayRef<int64_t> shape) {
  int64_t result = 1;
  for (int64_t size : shape)
    result *= size;
  return result;
}

/// Whether `value`, a ranked tensor, holds f32.
inline bool isF32(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType())
      .getElementType()
      .isF32();
}

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_TENSORSHAPES_H
