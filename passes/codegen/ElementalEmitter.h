//===- ElementalEmitter.h - Scalar IR for one element of a fusion value -*- C++
//-*-===//
//
// Kiln's counterpart of XLA's elemental IR emitter: given any value of an
// hlo.fusion body and the indices of one of its elements, it emits the scalar
// arith/math/scf code that computes that element from the kernel's memref
// arguments, recomputing intermediates instead of storing them. Kernel
// structures (KernelEmitter.h) drive it from their loops.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_ELEMENTALEMITTER_H
#define KILN_PASSES_CODEGEN_ELEMENTALEMITTER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"

#include <functional>

namespace kiln {

/// The most points of a window emitted as straight-line code
/// (ElementalEmitter::buildWindowLoop).
constexpr int64_t kMaxStraightLineTaps = 32;

/// Emits scalar IR for elements of the values of one fusion body into one
/// kernel function. Body arguments read the memref they are bound to; every
/// hlo op follows its own index rule (StableHLO semantics, Kiln's edge
/// cases). Elements already emitted at the same index values, in a block
/// that encloses the insertion point, are reused, so diamonds in the body do
/// not blow up the IR.
class ElementalEmitter {
public:
  /// Emits into `kernel` through `builder`; constants read from memory
  /// (all but splats, which are scalars, unless memrefOf asks for their
  /// memory) become memref.globals of `module`.
  ElementalEmitter(mlir::OpBuilder &builder, mlir::ModuleOp module,
                   mlir::func::FuncOp kernel);

  /// Element reads of `bodyValue` (a fusion body argument) load from `memref`.
  void bindArgument(mlir::Value bodyValue, mlir::Value memref);
  /// The memref holding all of `bodyValue`: the kernel argument bound to a
  /// body argument, or the global of a constant (its address read at the
  /// kernel's entry; a splat's holds every element, for the kernels that
  /// read their operands from memory). Null for any other value.
  mlir::Value memrefOf(mlir::Value bodyValue);

  /// The override hook: the scalar `element` is the element of `value` at
  /// `indices` from here on, wherever the insertion point stays inside the
  /// current block. Kernel structures supply precomputed values this way
  /// (row reduction results, a dot row held in scratch).
  void provideElement(mlir::Value value, mlir::ValueRange indices,
                      mlir::Value element);
  /// Forgets every element emitted so far: a kernel structure that erases
  /// or moves emitted IR (a loop split on a branch) calls it, so that no
  /// later element is taken from an op that is gone.
  void forgetElements() { cache.clear(); }

  /// A hook consulted before an element is emitted by its own rule: it
  /// returns the element of `value` at `indices` built at the insertion point
  /// (for instance a load from a row scratch buffer), or null to let the
  /// emitter proceed.
  using ElementOverride =
      std::function<mlir::Value(mlir::Value value, mlir::ValueRange indices)>;
  void setOverride(ElementOverride hook) { override = std::move(hook); }

  /// The element of `value` at `indices` (one index per dimension of its
  /// tensor type, none for rank 0), emitted at the insertion point. Reports
  /// an unsupported op at its location and fails.
  mlir::FailureOr<mlir::Value> emitElement(mlir::Value value,
                                           mlir::ValueRange indices);

  /// When set, the combiner of each reduce marks its float arithmetic
  /// `reassoc` so that LLVM can vectorize the accumulation; used where the
  /// reduced dims are the contiguous trailing ones. The summation order is
  /// still fixed at compile time.
  void setReassociateReductions(bool value) { reassociateReductions = value; }

  mlir::OpBuilder &getBuilder() { return b; }

  /// An index constant.
  mlir::Value index(int64_t value);
  /// Whether 0 <= `position` < `size`, as an i1.
  mlir::Value isInRange(mlir::Location loc, mlir::Value position, int64_t size);

  /// Row-major (delinearized) indices of `linear` in `shape`.
  llvm::SmallVector<mlir::Value> delinearize(mlir::Value linear,
                                             llvm::ArrayRef<int64_t> shape);

  /// Emits nested scf.for loops over `shape` (row-major, innermost last)
  /// carrying `inits`; `body` gets the indices and the carried values and
  /// returns the values to carry on. Returns the loops' final values.
  mlir::FailureOr<llvm::SmallVector<mlir::Value>> buildLoopNest(
      mlir::Location loc, llvm::ArrayRef<int64_t> shape, mlir::ValueRange inits,
      llvm::function_ref<mlir::FailureOr<llvm::SmallVector<mlir::Value>>(
          mlir::ValueRange indices, mlir::ValueRange carried)>
          body);

  /// buildLoopNest over a window of `shape`, or, when `mayUnroll` and the
  /// window has at most kMaxStraightLineTaps points, the same steps as
  /// straight-line code: a small window without bounds checks (a 3x3 pooling or
  /// depthwise convolution after kiln-pad-windows) then leaves the output row
  /// as the kernel's innermost loop, which LLVM vectorizes.
  mlir::FailureOr<llvm::SmallVector<mlir::Value>> buildWindowLoop(
      mlir::Location loc, llvm::ArrayRef<int64_t> shape, mlir::ValueRange inits,
      bool mayUnroll,
      llvm::function_ref<mlir::FailureOr<llvm::SmallVector<mlir::Value>>(
          mlir::ValueRange indices, mlir::ValueRange carried)>
          body);

  /// The input index a window's tap at `position` of the padded, `step`
  /// times dilated input dim of `size` elements reads. With `check`,
  /// `inside` is and-ed with whether it reads an element of the input;
  /// with `clamp`, the index is held inside the input, for a read whose
  /// value a select discards where the tap lies outside.
  mlir::Value tapIndex(mlir::Location loc, mlir::Value position, int64_t size,
                       int64_t step, bool check, bool clamp,
                       mlir::Value &inside);

  /// Values of a window at output `positions` (one per windowed dim, each
  /// moved by its stride, less its low padding of the (low, high)
  /// `padding` pairs, over `spans` elements of an input of `inputSizes`),
  /// of `types`: `emit(false)` builds them where the window lies inside the
  /// input along its padded dims, `emit(true)` where it reaches past it,
  /// each in its own region of one branch on that (none where no dim is
  /// padded). The branch depends on the output position alone, which the
  /// loop kernel splits its row loops on (KernelEmitterLoop.cpp).
  mlir::FailureOr<llvm::SmallVector<mlir::Value>> splitOnWindowInside(
      mlir::Location loc, mlir::ValueRange positions,
      llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> padding,
      llvm::ArrayRef<int64_t> spans, llvm::ArrayRef<int64_t> inputSizes,
      mlir::TypeRange types,
      llvm::function_ref<
          mlir::FailureOr<llvm::SmallVector<mlir::Value>>(bool edge)>
          emit);

  /// The scalars returned by a reduce/reduce_window body applied to
  /// `scalarArgs` (accumulators, then elements). Values the body captures
  /// from the fusion must be rank-0 and are read with emitElement. `body`
  /// is `reductionOp`'s first region unless given.
  mlir::FailureOr<llvm::SmallVector<mlir::Value>>
  emitCombiner(mlir::Operation *reductionOp, mlir::ValueRange scalarArgs,
               bool reassociate, mlir::Region *body = nullptr);

  /// acc + lhs * rhs for the dot or convolution `contraction`, in its
  /// accumulatorTypeOf (or/and for i1), operands converted to it.
  mlir::Value emitMultiplyAdd(mlir::Operation *contraction, mlir::Location loc,
                              mlir::Value lhs, mlir::Value rhs, mlir::Value acc,
                              bool reassociate);

  /// The module's global holding `value` (one per distinct constant),
  /// read at the kernel's entry and viewed in its shape; `constant` is the
  /// op it stands for.
  mlir::Value getGlobalMemref(mlir::Operation *constant,
                              mlir::DenseElementsAttr value);

private:
  struct CacheEntry {
    llvm::SmallVector<mlir::Value> indices;
    mlir::Value element;
  };

  mlir::Value lookup(mlir::Value value, mlir::ValueRange indices);
  bool dominatesInsertionPoint(mlir::Value element);

  /// One scalar per result of `op` at `indices` (elementwise ops and shape
  /// ops have one; reduce and reduce_window may have several).
  mlir::FailureOr<llvm::SmallVector<mlir::Value>>
  emitOp(mlir::Operation *op, mlir::ValueRange indices);

  // ElementalEmitter.cpp: arguments, constants, elementwise ops.
  mlir::FailureOr<mlir::Value> emitArgument(mlir::Value bodyValue,
                                            mlir::ValueRange indices);
  mlir::FailureOr<mlir::Value> emitConstant(mlir::Operation *op,
                                            mlir::ValueRange indices);
  mlir::FailureOr<mlir::Value> emitElementwise(mlir::Operation *op,
                                               mlir::ValueRange indices);
  // ElementalEmitterShape.cpp: index rules of shape ops.
  mlir::FailureOr<mlir::Value> emitShapeOp(mlir::Operation *op,
                                           mlir::ValueRange indices);
  mlir::FailureOr<mlir::Value> emitReshape(mlir::Operation *op,
                                           mlir::ValueRange indices);
  mlir::FailureOr<mlir::Value> emitConcatenate(mlir::Operation *op,
                                               mlir::ValueRange indices);
  mlir::FailureOr<mlir::Value> emitPad(mlir::Operation *op,
                                       mlir::ValueRange indices);
  mlir::FailureOr<mlir::Value> emitGather(mlir::Operation *op,
                                          mlir::ValueRange indices);
  mlir::FailureOr<mlir::Value> emitDynamicUpdateSlice(mlir::Operation *op,
                                                      mlir::ValueRange indices);
  /// The integer element `integer`, of hlo element type `type`, as an index
  /// clamped into [0, limit]: the start of a slice that must lie inside its
  /// operand.
  mlir::Value clampToIndex(mlir::Location loc, mlir::Value integer,
                           mlir::Type type, int64_t limit);
  /// The 0-d integer `start` read and clamped into [0, limit] as an index.
  mlir::FailureOr<mlir::Value> emitClampedStart(mlir::Value start,
                                                int64_t limit);

  // ElementalEmitterReduce.cpp: reductions and contractions.
  mlir::FailureOr<llvm::SmallVector<mlir::Value>>
  emitReduce(mlir::Operation *op, mlir::ValueRange indices);
  mlir::FailureOr<llvm::SmallVector<mlir::Value>>
  emitExactSum(mlir::Operation *reduce, mlir::ValueRange indices,
               llvm::ArrayRef<int64_t> reducedDims,
               llvm::ArrayRef<int64_t> reducedShape, mlir::Value init);
  mlir::FailureOr<llvm::SmallVector<mlir::Value>>
  emitReduceWindow(mlir::Operation *op, mlir::ValueRange indices);
  mlir::FailureOr<mlir::Value> emitDotGeneral(mlir::Operation *op,
                                              mlir::ValueRange indices);
  mlir::FailureOr<mlir::Value> emitConvolution(mlir::Operation *op,
                                               mlir::ValueRange indices);

  mlir::OpBuilder &b;
  mlir::ModuleOp module;
  mlir::func::FuncOp kernel;
  llvm::DenseMap<mlir::Value, mlir::Value> arguments;
  llvm::DenseMap<mlir::Value, llvm::SmallVector<CacheEntry, 1>> cache;
  llvm::DenseMap<mlir::Attribute, mlir::Value> globals;
  ElementOverride override;
  bool reassociateReductions = false;
};

/// Whether `op` is the reduce of a row: it reduces exactly the trailing dims
/// of its inputs.
bool isRowReduction(mlir::Operation *op);

/// The hlo element type a dot or convolution sums in: its result's compute
/// type (f32 for f16 and bf16 results, rounded once at the end).
mlir::Type accumulatorTypeOf(mlir::Operation *contraction);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_ELEMENTALEMITTER_H
