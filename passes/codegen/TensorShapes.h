//===- TensorShapes.h - Shape questions the kernel emitters ask -*- C++ -*-===//
//
// Small questions about the ranked, statically shaped tensors that reach
// code generation, asked by the kernel emitters and the elemental emitter.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_TENSORSHAPES_H
#define KILN_PASSES_CODEGEN_TENSORSHAPES_H

#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"
#include "llvm/ADT/SmallVector.h"

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

/// `front`, `middle` and `back` one after the other: dims listed by role.
inline llvm::SmallVector<int64_t> concatDims(llvm::ArrayRef<int64_t> front,
                                             llvm::ArrayRef<int64_t> middle,
                                             llvm::ArrayRef<int64_t> back) {
  llvm::SmallVector<int64_t> all(front);
  llvm::append_range(all, middle);
  llvm::append_range(all, back);
  return all;
}

/// Whether `dims` are 0, 1, 2, ...: a tensor whose dims, so listed by
/// role, are in this order holds them row-major in that order.
inline bool isIdentityOrder(llvm::ArrayRef<int64_t> dims) {
  return llvm::equal(dims, llvm::seq<int64_t>(0, dims.size()));
}

/// For each linear index of `shape` (row-major), the flat offset in a
/// tensor of `tensorShape` of the element whose dims `dims` take that
/// index's coordinates (and whose other dims are 0): how a constant operand
/// is read by the roles its dims play.
inline llvm::SmallVector<int64_t>
flatOffsetsAlong(llvm::ArrayRef<int64_t> tensorShape,
                 llvm::ArrayRef<int64_t> dims, llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> tensorStrides = mlir::computeStrides(tensorShape);
  llvm::SmallVector<int64_t> strides = mlir::computeStrides(shape), offsets;
  for (int64_t linear = 0; linear < product(shape); ++linear) {
    int64_t offset = 0;
    for (auto [d, index] : llvm::zip(dims, mlir::delinearize(linear, strides)))
      offset += index * tensorStrides[d];
    offsets.push_back(offset);
  }
  return offsets;
}

/// Whether `value`, a ranked tensor, holds f32.
inline bool isF32(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType())
      .getElementType()
      .isF32();
}

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_TENSORSHAPES_H
