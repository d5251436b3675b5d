//===- HloShapeChecks.h - Shared checks of hlo verifiers ---------*- C++
//-*-===//
//
// Private to dialects/hlo: the small dimension-list checks that several ops'
// type inference and verifiers share, each emitting a concrete diagnostic.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_HLO_HLOSHAPECHECKS_H
#define KILN_DIALECTS_HLO_HLOSHAPECHECKS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/TypeRange.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/raw_ostream.h"

#include <initializer_list>
#include <optional>
#include <string>

namespace kiln::hlo::detail {

/// `[1, 2, 3]`, for messages.
inline std::string formatDims(llvm::ArrayRef<int64_t> dims) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(dims, os);
  os << ']';
  return text;
}

/// Fails with "<what> 10 is out of bounds for <operand> of rank 1" unless
/// every entry of `dims` lies in [0, rank).
inline mlir::LogicalResult checkDimsInRange(std::optional<mlir::Location> loc,
                                            llvm::ArrayRef<int64_t> dims,
                                            int64_t rank, llvm::StringRef what,
                                            llvm::StringRef operand) {
  for (int64_t dim : dims)
    if (dim < 0 || dim >= rank)
      return mlir::emitOptionalError(loc, what, " ", dim,
                                     " is out of bounds for ", operand,
                                     " of rank ", rank);
  return mlir::success();
}

/// Fails with "<what> [0, 0] has a repeated dimension 0" if an entry repeats.
inline mlir::LogicalResult checkUnique(std::optional<mlir::Location> loc,
                                       llvm::ArrayRef<int64_t> dims,
                                       llvm::StringRef what) {
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t dim : dims)
    if (!seen.insert(dim).second)
      return mlir::emitOptionalError(loc, what, " ", formatDims(dims),
                                     " has a repeated dimension ", dim);
  return mlir::success();
}

/// The operand type as a statically shaped ranked tensor, or an error naming
/// `operand`. The ODS constraints guarantee this when an op is verified; the
/// check keeps builders called with bad types from crashing.
inline mlir::FailureOr<mlir::RankedTensorType>
getStaticTensor(std::optional<mlir::Location> loc, mlir::Type type,
                llvm::StringRef operand) {
  auto tensor = llvm::dyn_cast<mlir::RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return mlir::emitOptionalError(
        loc, operand, " must be a statically shaped tensor, got ", type);
  return tensor;
}

/// Shape arithmetic on attribute values a user wrote: the sum of `terms`,
/// or std::nullopt when it does not fit in 64 bits (`low = [2^63 - 1]` must
/// be an error, not a size that wraps around).
inline std::optional<int64_t> checkedSum(std::initializer_list<int64_t> terms) {
  int64_t sum = 0;
  for (int64_t term : terms)
    if (__builtin_add_overflow(sum, term, &sum))
      return std::nullopt;
  return sum;
}

/// `a * b`, or std::nullopt when it does not fit in 64 bits.
inline std::optional<int64_t> checkedProduct(int64_t a, int64_t b) {
  int64_t product;
  if (__builtin_mul_overflow(a, b, &product))
    return std::nullopt;
  return product;
}

/// Size of a window dimension after dilation (0 for an empty one), or
/// std::nullopt when it does not fit in 64 bits.
inline std::optional<int64_t> dilatedSize(int64_t size, int64_t dilation) {
  if (size == 0)
    return 0;
  std::optional<int64_t> stretched = checkedProduct(size - 1, dilation);
  return stretched ? checkedSum({*stretched, 1}) : std::nullopt;
}

/// Number of windows along one dimension (StableHLO's num_windows) of a
/// window of `windowSize` moving by `stride` over `paddedSize` elements.
inline int64_t numWindows(int64_t paddedSize, int64_t windowSize,
                          int64_t stride) {
  if (paddedSize <= 0 || windowSize > paddedSize)
    return 0;
  return (paddedSize - windowSize) / stride + 1;
}

/// Reads an optional per-dimension attribute (window sizes, strides,
/// dilations), defaulting every entry to 1; fails unless it has `size`
/// entries, each positive.
inline mlir::FailureOr<llvm::SmallVector<int64_t>>
getWindowValues(std::optional<mlir::Location> loc,
                std::optional<llvm::ArrayRef<int64_t>> values, int64_t size,
                llvm::StringRef name) {
  if (!values)
    return llvm::SmallVector<int64_t>(size, 1);
  if (static_cast<int64_t>(values->size()) != size)
    return mlir::emitOptionalError(loc, name, " has ", values->size(),
                                   " entries, expected ", size);
  for (int64_t value : *values)
    if (value <= 0)
      return mlir::emitOptionalError(loc, name, " must be positive, got ",
                                     formatDims(*values));
  return llvm::SmallVector<int64_t>(values->begin(), values->end());
}

/// Reads an optional `[size, 2]` padding attribute (zero when absent).
inline mlir::FailureOr<llvm::SmallVector<std::pair<int64_t, int64_t>>>
readPadding(std::optional<mlir::Location> loc,
            std::optional<mlir::DenseIntElementsAttr> padding, int64_t size) {
  llvm::SmallVector<std::pair<int64_t, int64_t>> result(size, {0, 0});
  if (!padding)
    return result;
  auto shape = padding->getType().getShape();
  if (shape.size() != 2 || shape[0] != size || shape[1] != 2)
    return mlir::emitOptionalError(loc, "padding has shape ", formatDims(shape),
                                   ", expected [", size, ", 2]");
  auto values = llvm::to_vector(padding->getValues<int64_t>());
  for (int64_t i = 0; i < size; ++i)
    result[i] = {values[2 * i], values[2 * i + 1]};
  return result;
}

/// Fails, naming `name` (the region's name in the spec), unless `body`
/// takes `args` and ends in an hlo.return of `results`.
mlir::LogicalResult verifyBodySignature(mlir::Operation *op,
                                        mlir::Region &body,
                                        llvm::StringRef name,
                                        mlir::TypeRange args,
                                        mlir::TypeRange results);

} // namespace kiln::hlo::detail

#endif // KILN_DIALECTS_HLO_HLOSHAPECHECKS_H
