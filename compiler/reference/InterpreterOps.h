//===- InterpreterOps.h - The reference semantics of each hlo op -*- C++
//-*-===//
//
// One pure function per hlo op on host tensors: the oracle that compiled code
// is checked against. Each follows StableHLO's spec (docs/spec.md) and
// Kiln's edge-case rules (NaN, integer division by zero, conversions), and
// favours clarity over speed.
//
// The functions assume operands and attributes the op's verifier accepts
// (matching shapes and element types, dimensions in range); Interpreter.cpp
// verifies each op before it calls them.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_REFERENCE_INTERPRETEROPS_H
#define KILN_COMPILER_REFERENCE_INTERPRETEROPS_H

#include "dialects/hlo/HloDialect.h"
#include "runtime/HostTensor.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace kiln {

/// The body of a reduce, reduce_window, scatter, select_and_scatter or
/// sort: takes rank-0 tensors (for a reduction, the accumulators or current
/// elements, then the next input elements) and returns rank-0 tensors (the
/// new accumulators, or a sort's or selection's i1).
using ReduceBody = llvm::function_ref<llvm::Expected<std::vector<HostTensor>>(
    llvm::ArrayRef<HostTensor>)>;

//===----------------------------------------------------------------------===//
// Elementwise unary and binary ops (InterpreterElementwise.cpp)
//===----------------------------------------------------------------------===//

/// The reference function of an elementwise op of one operand (abs, exp,
/// is_finite, ...) or two (add, atan2, shift_left, ...); null for any other
/// op. Each function and its entry here are written together in
/// InterpreterElementwise.cpp, with the edge cases Kiln fixes
/// (docs/dialect.md): integer division by zero, NaN in maximum, shifts past
/// the width.
using UnaryFunction = HostTensor (*)(const HostTensor &);
using BinaryFunction = HostTensor (*)(const HostTensor &, const HostTensor &);
UnaryFunction unaryFunctionOf(mlir::Operation *op);
BinaryFunction binaryFunctionOf(mlir::Operation *op);

//===----------------------------------------------------------------------===//
// Compare, select, clamp, convert (InterpreterElementwise.cpp)
//===----------------------------------------------------------------------===//

/// An i1 tensor of `lhs <direction> rhs`. NOTYPE (or a type that does not fit
/// the operands) means FLOAT for f32, SIGNED for i32/i64, UNSIGNED for i1.
HostTensor compareOp(const HostTensor &lhs, const HostTensor &rhs,
                     hlo::ComparisonDirection direction,
                     hlo::ComparisonType compareType);
/// `pred` is a scalar or has the shape of the branches.
HostTensor selectOp(const HostTensor &pred, const HostTensor &onTrue,
                    const HostTensor &onFalse);
/// minimum(maximum(operand, min), max); `min` and `max` are scalars or have
/// the operand's shape.
HostTensor clampOp(const HostTensor &min, const HostTensor &operand,
                   const HostTensor &max);
/// f32 to integer truncates toward zero and saturates (NaN gives 0); any type
/// to i1 is x != 0; integer to integer wraps.
HostTensor convertOp(const HostTensor &operand, ElementType resultType);
/// Each float rounded to `exponentBits` and `mantissaBits` and back (on
/// the element type's own bits; StableHLO's reduce_precision).
HostTensor reducePrecisionOp(const HostTensor &operand, int exponentBits,
                             int mantissaBits);
/// The same bytes as `resultType` (of the operand's element width; i1 stays
/// 0 or 1).
HostTensor bitcastConvertOp(const HostTensor &operand, ElementType resultType);

//===----------------------------------------------------------------------===//
// Shape ops (InterpreterShape.cpp)
//===----------------------------------------------------------------------===//

HostTensor iotaOp(ElementType type, const std::vector<int64_t> &shape,
                  int64_t iotaDimension);
HostTensor broadcastInDimOp(const HostTensor &operand,
                            llvm::ArrayRef<int64_t> broadcastDimensions,
                            const std::vector<int64_t> &resultShape);
HostTensor reshapeOp(const HostTensor &operand,
                     const std::vector<int64_t> &resultShape);
HostTensor transposeOp(const HostTensor &operand,
                       llvm::ArrayRef<int64_t> permutation);
HostTensor sliceOp(const HostTensor &operand, llvm::ArrayRef<int64_t> start,
                   llvm::ArrayRef<int64_t> limit,
                   llvm::ArrayRef<int64_t> strides);
HostTensor concatenateOp(llvm::ArrayRef<HostTensor> inputs, int64_t dimension);
/// Negative edge padding removes elements; interior padding goes between
/// elements.
HostTensor padOp(const HostTensor &operand, const HostTensor &paddingValue,
                 llvm::ArrayRef<int64_t> low, llvm::ArrayRef<int64_t> high,
                 llvm::ArrayRef<int64_t> interior);

HostTensor reverseOp(const HostTensor &operand,
                     llvm::ArrayRef<int64_t> dimensions);
/// The start indices (one 0-d tensor per dimension) are clamped so that the
/// slice, or the update, lies inside the operand.
HostTensor dynamicSliceOp(const HostTensor &operand,
                          llvm::ArrayRef<HostTensor> startIndices,
                          llvm::ArrayRef<int64_t> sliceSizes);
HostTensor dynamicUpdateSliceOp(const HostTensor &operand,
                                const HostTensor &update,
                                llvm::ArrayRef<HostTensor> startIndices);

/// gather's dimension numbers and slice sizes (StableHLO's names).
struct GatherConfig {
  std::vector<int64_t> offsetDims;
  std::vector<int64_t> collapsedSliceDims;
  std::vector<int64_t> operandBatchingDims;
  std::vector<int64_t> startIndicesBatchingDims;
  std::vector<int64_t> startIndexMap;
  int64_t indexVectorDim = 0;
  std::vector<int64_t> sliceSizes;
};

/// StableHLO's gather, element by element as the spec defines it: start
/// indices are clamped so that each slice lies inside the operand.
HostTensor gatherOp(const HostTensor &operand, const HostTensor &startIndices,
                    const GatherConfig &config,
                    const std::vector<int64_t> &resultShape);

/// scatter's dimension numbers (StableHLO's names).
struct ScatterConfig {
  std::vector<int64_t> updateWindowDims;
  std::vector<int64_t> insertedWindowDims;
  std::vector<int64_t> inputBatchingDims;
  std::vector<int64_t> scatterIndicesBatchingDims;
  std::vector<int64_t> scatterDimsToOperandDims;
  int64_t indexVectorDim = 0;
};

/// StableHLO's scatter (InterpreterScatter.cpp): the inputs with each update
/// element combined into the element its index places it at, by `body`
/// (current elements, then update elements), in row-major order of the
/// updates; an update whose place lies outside the inputs is skipped.
llvm::Expected<std::vector<HostTensor>>
scatterOp(llvm::ArrayRef<HostTensor> inputs, const HostTensor &scatterIndices,
          llvm::ArrayRef<HostTensor> updates, const ScatterConfig &config,
          ReduceBody body);

//===----------------------------------------------------------------------===//
// Reductions (InterpreterReduce.cpp)
//===----------------------------------------------------------------------===//

/// Reduces `inputs` over `dimensions`, folding elements into the accumulators
/// in row-major order of the reduced dimensions: acc = body(acc, x).
llvm::Expected<std::vector<HostTensor>>
reduceOp(llvm::ArrayRef<HostTensor> inputs,
         llvm::ArrayRef<HostTensor> initValues,
         llvm::ArrayRef<int64_t> dimensions, ReduceBody body);

/// The f32 sum of `input` over `dimensions` plus `init`, for a reduce whose
/// body is a plain hlo.add (hlo::isPlainF32Sum): accumulated in f64 and
/// rounded once to f32, the accurate answer that native kernels (which sum
/// in f32 with vector partial sums) are measured against.
HostTensor reduceSumF32(const HostTensor &input, const HostTensor &init,
                        llvm::ArrayRef<int64_t> dimensions);

/// hlo.maximum and hlo.minimum on floats (every float type widens to
/// double exactly): NaN if either is NaN, and +0 above -0.
double maximumFloat(double a, double b);
double minimumFloat(double a, double b);

/// The f32 maximum or minimum of `input` over `dimensions` and `init`, for
/// a reduce whose body is one hlo.maximum or hlo.minimum of its arguments
/// (hlo::plainF32Combiner): the same fold as reduceOp's, without running
/// the body per element.
HostTensor reduceMaximumF32(const HostTensor &input, const HostTensor &init,
                            llvm::ArrayRef<int64_t> dimensions);
HostTensor reduceMinimumF32(const HostTensor &input, const HostTensor &init,
                            llvm::ArrayRef<int64_t> dimensions);

/// reduce_window's attributes, each with one entry per dimension (padding:
/// low and high per dimension). Empty means the default (1, or 0 padding).
struct WindowConfig {
  std::vector<int64_t> windowDimensions;
  std::vector<int64_t> windowStrides;
  std::vector<int64_t> baseDilations;
  std::vector<int64_t> windowDilations;
  std::vector<std::pair<int64_t, int64_t>> padding;
};

/// As the spec: pads each input with its init value (edges and base
/// dilation), then reduces each window in row-major order.
llvm::Expected<std::vector<HostTensor>>
reduceWindowOp(llvm::ArrayRef<HostTensor> inputs,
               llvm::ArrayRef<HostTensor> initValues,
               const WindowConfig &config, ReduceBody body);

/// StableHLO's select_and_scatter (InterpreterSelectAndScatter.cpp): the
/// result starts as `initValue`; each window of `operand` (window
/// dimensions, strides and padding of `config`) selects the element
/// `select` keeps (the first while select(kept, next) is true; padding is
/// never selected), and its `source` element is combined into the result
/// there by `scatter`, in row-major order of `source`.
llvm::Expected<HostTensor>
selectAndScatterOp(const HostTensor &operand, const HostTensor &source,
                   const HostTensor &initValue, const WindowConfig &config,
                   ReduceBody select, ReduceBody scatter);

/// StableHLO's sort (InterpreterSort.cpp): `inputs`, of one shape,
/// permuted together along `dimension` (negative counts from the back) by
/// a stable bottom-up merge sort whose order is `comparator`'s (given the
/// two elements of each input in turn, whether the first goes before).
llvm::Expected<std::vector<HostTensor>>
sortOp(llvm::ArrayRef<HostTensor> inputs, int64_t dimension,
       ReduceBody comparator);
/// CHLO's top_k (InterpreterSort.cpp): the `k` largest elements along the
/// last dimension and their i32 positions, by the stable sort of its
/// StableHLO decomposition (GT, in total order for floats).
llvm::Expected<std::vector<HostTensor>> topKOp(const HostTensor &operand,
                                               int64_t k);

//===----------------------------------------------------------------------===//
// Contractions (InterpreterContraction.cpp)
//===----------------------------------------------------------------------===//

/// The result's dimensions are batch, then lhs free, then rhs free, each in
/// operand order. Sums are accumulated in the result type from zero, in
/// row-major order of the contracting dimensions.
HostTensor dotGeneralOp(const HostTensor &lhs, const HostTensor &rhs,
                        llvm::ArrayRef<int64_t> lhsBatchingDimensions,
                        llvm::ArrayRef<int64_t> rhsBatchingDimensions,
                        llvm::ArrayRef<int64_t> lhsContractingDimensions,
                        llvm::ArrayRef<int64_t> rhsContractingDimensions,
                        ElementType resultType);

/// convolution's attributes; spatial vectors have one entry per spatial
/// dimension, and empty means the default (stride and dilations 1, no
/// padding or reversal).
struct ConvConfig {
  std::vector<int64_t> windowStrides;
  std::vector<std::pair<int64_t, int64_t>> padding;
  std::vector<int64_t> lhsDilation;
  std::vector<int64_t> rhsDilation;
  std::vector<bool> windowReversal;
  int64_t inputBatchDimension = 0;
  int64_t inputFeatureDimension = 1;
  std::vector<int64_t> inputSpatialDimensions;
  int64_t kernelInputFeatureDimension = 0;
  int64_t kernelOutputFeatureDimension = 1;
  std::vector<int64_t> kernelSpatialDimensions;
  int64_t outputBatchDimension = 0;
  int64_t outputFeatureDimension = 1;
  std::vector<int64_t> outputSpatialDimensions;
  int64_t featureGroupCount = 1;
  int64_t batchGroupCount = 1;
};

/// StableHLO's convolution. Each output element sums, from zero in the result
/// type, over the window positions in row-major order and, inside each, the
/// input features; taps that fall on padding or between dilated input
/// elements are skipped (they would add 0 * w).
HostTensor convolutionOp(const HostTensor &lhs, const HostTensor &rhs,
                         const ConvConfig &config,
                         const std::vector<int64_t> &resultShape,
                         ElementType resultType);

//===----------------------------------------------------------------------===//
// An op's attributes as the configs above (InterpreterConfigs.cpp)
//===----------------------------------------------------------------------===//

WindowConfig windowConfigOf(hlo::ReduceWindowOp op);
/// Window dimensions default to 1.
WindowConfig windowConfigOf(hlo::SelectAndScatterOp op);
ConvConfig convConfigOf(hlo::ConvolutionOp op);
GatherConfig gatherConfigOf(hlo::GatherOp op);
ScatterConfig scatterConfigOf(hlo::ScatterOp op);

//===----------------------------------------------------------------------===//
// Index helpers shared by the op families
//===----------------------------------------------------------------------===//

/// Calls `fn` with every index of `shape` in row-major order.
void forEachIndex(llvm::ArrayRef<int64_t> shape,
                  llvm::function_ref<void(llvm::ArrayRef<int64_t>)> fn);

/// The row-major position of `index` in a tensor with `strides`.
int64_t flatIndex(llvm::ArrayRef<int64_t> index,
                  llvm::ArrayRef<int64_t> strides);

/// Copies element `fromIndex` of `from` to element `toIndex` of `to` (same
/// element type).
void copyElement(const HostTensor &from, int64_t fromIndex, HostTensor &to,
                 int64_t toIndex);

/// Element `index` of `tensor` as a rank-0 tensor (a body's argument).
HostTensor scalarAt(const HostTensor &tensor, int64_t index);

} // namespace kiln

#endif // KILN_COMPILER_REFERENCE_INTERPRETEROPS_H
