//===- KeyedMinMax.h - f32 maximum and minimum as integers ------*- C++ -*-===//
//
// hlo.maximum and hlo.minimum on floats propagate NaN and order -0 below +0.
// LLVM lowers their vector form on x86 to five or six instructions, most of
// them on the path from one step's accumulator to the next, so a reduction
// of a row by maximum (softmax's first loop) runs at the latency of that
// chain: a quarter of softmax's time in cache on an AVX-512 host. The same
// reduction over integer keys whose signed order is the floats' order
// (IEEE totalOrder, in which -0 < +0) takes single-cycle integer maxima
// and minima: both the largest and the smallest key are kept, since a NaN
// with a clear sign bit keys above +infinity and one with the sign set
// below -infinity, so that the two together say whether any element was
// NaN. Maximum and minimum are exact, so the result is the same float in
// any order of the elements; with a NaN among them it is a NaN, as hlo's
// semantics ask.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_KEYEDMINMAX_H
#define KILN_PASSES_CODEGEN_KEYEDMINMAX_H

#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace kiln {

/// A reduction of one f32 input by hlo.maximum or hlo.minimum, carried as
/// two i32 accumulators: the largest and the smallest key.
class KeyedMinMax {
public:
  /// The keyed form of `reduce`, if its body is a plain f32 maximum or
  /// minimum (hlo::plainF32Combiner).
  static std::optional<KeyedMinMax> match(hlo::ReduceOp reduce);

  /// The accumulators that start from the f32 `init`.
  llvm::SmallVector<mlir::Value> init(mlir::OpBuilder &b, mlir::Location loc,
                                      mlir::Value init) const;
  /// The accumulators after combining the f32 element `x`.
  llvm::SmallVector<mlir::Value> combine(mlir::OpBuilder &b, mlir::Location loc,
                                         mlir::ValueRange accumulators,
                                         mlir::Value x) const;
  /// The f32 result the accumulators hold: NaN if any element was NaN.
  mlir::Value result(mlir::OpBuilder &b, mlir::Location loc,
                     mlir::ValueRange accumulators) const;

private:
  explicit KeyedMinMax(bool isMaximum) : isMaximum(isMaximum) {}
  bool isMaximum;
};

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_KEYEDMINMAX_H
