//===- GraphBuilder.h - Build hlo graphs from C++ ---------------*- C++ -*-===//
//
// Kiln's C++ API for building a graph programmatically, in the spirit of
// XLA's XlaBuilder: a module holding one public func.func of hlo ops, with
// NumPy-style broadcasting and a few composite layers (softmax, layerNorm,
// pooling). Misuse is reported as an llvm::Error naming the method and the
// problem; no input reaches an assert.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTENDS_BUILDER_GRAPHBUILDER_H
#define KILN_COMPILER_FRONTENDS_BUILDER_GRAPHBUILDER_H

#include "dialects/hlo/HloDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <utility>

namespace kiln {

class GraphBuilder;

/// A value in the graph under construction: a ranked, static tensor produced
/// by a GraphBuilder. Cheap to copy. Its accessors read the IR, so they are
/// valid only while the builder (or, after build(), the returned module) is
/// alive. A default-constructed GraphValue is null and every builder method
/// rejects it.
class GraphValue {
public:
  GraphValue() = default;

  /// The underlying SSA value.
  mlir::Value value() const { return val; }
  /// The tensor type of the value.
  mlir::RankedTensorType type() const;
  /// The dimension sizes.
  llvm::ArrayRef<int64_t> shape() const { return type().getShape(); }
  /// The number of dimensions.
  int64_t rank() const { return type().getRank(); }
  /// The element type (f32, i1, i32 or i64).
  mlir::Type elementType() const { return type().getElementType(); }
  /// False for a default-constructed (null) value.
  explicit operator bool() const { return static_cast<bool>(val); }

private:
  friend class GraphBuilder;
  GraphValue(const GraphBuilder *owner, mlir::Value val)
      : owner(owner), val(val) {}

  const GraphBuilder *owner = nullptr;
  mlir::Value val;
};

/// The binary op a general reduce() applies (the ops of its body).
enum class ReductionKind { Add, Multiply, Maximum, Minimum };

/// Where a convolution's operands keep their batch and feature dimensions.
enum class ConvolutionLayout {
  /// Input N,spatial...,C, kernel spatial...,I,O, result N,spatial...,O
  /// (NHWC/HWIO in 2-D; TensorFlow's and JAX's default).
  ChannelsLast,
  /// Input N,C,spatial..., kernel O,I,spatial..., result N,O,spatial...
  /// (NCHW/OIHW in 2-D; PyTorch's and ONNX's).
  ChannelsFirst,
};

/// Options of GraphBuilder::convolution. Empty vectors mean the default for
/// every spatial dimension.
struct ConvolutionOptions {
  /// The operands' layout.
  ConvolutionLayout layout = ConvolutionLayout::ChannelsLast;
  /// Window strides per spatial dimension (default 1).
  llvm::SmallVector<int64_t> strides;
  /// (low, high) zero padding per spatial dimension (default none).
  llvm::SmallVector<std::pair<int64_t, int64_t>> padding;
  /// Kernel (rhs) dilation per spatial dimension (default 1).
  llvm::SmallVector<int64_t> dilation;
  /// Grouped convolution: the input features split into this many groups.
  int64_t featureGroupCount = 1;
};

/// Options of GraphBuilder::maxPool and avgPool over the spatial dimensions
/// of an NHWC (N, spatial..., C) tensor.
struct PoolOptions {
  /// Window size per spatial dimension (required).
  llvm::SmallVector<int64_t> window;
  /// Strides per spatial dimension (default: the window, i.e. no overlap).
  llvm::SmallVector<int64_t> strides;
  /// (low, high) padding per spatial dimension (default none). Padded
  /// elements are -inf for maxPool and 0 for avgPool, and avgPool counts
  /// them in the window size (count_include_pad).
  llvm::SmallVector<std::pair<int64_t, int64_t>> padding;
};

/// Options of GraphBuilder::reduceWindow, one entry per dimension of the
/// operand (empty vectors mean 1, or no padding).
struct WindowOptions {
  /// Window size per dimension (required).
  llvm::SmallVector<int64_t> window;
  /// Strides per dimension (default 1).
  llvm::SmallVector<int64_t> strides;
  /// Distance between window elements per dimension (default 1).
  llvm::SmallVector<int64_t> dilation;
  /// (low, high) padding per dimension, filled with the reduction's
  /// identity (default none).
  llvm::SmallVector<std::pair<int64_t, int64_t>> padding;
};

/// Builds a module holding one public func.func from hlo ops.
///
/// Every op method validates its inputs before it creates any IR and returns
/// llvm::Expected<GraphValue>: on misuse (wrong rank, out-of-range dimension,
/// mismatched element types, a value from another builder, a call after
/// build()) the error reads "GraphBuilder::<method>: <problem>".
///
/// Elementwise binary ops, compare, select and clamp broadcast their operands
/// as NumPy does: shapes are right-aligned and dimensions of size 1 stretch;
/// an operand whose shape differs from the result's goes through
/// hlo.broadcast_in_dim first. Element types must match exactly (use
/// convert()).
class GraphBuilder {
public:
  /// Creates an empty graph: a function named `name` in a new module in
  /// `context`, whose hlo and func dialects this loads.
  explicit GraphBuilder(mlir::MLIRContext &context,
                        llvm::StringRef name = "main");
  ~GraphBuilder();
  GraphBuilder(const GraphBuilder &) = delete;
  GraphBuilder &operator=(const GraphBuilder &) = delete;

  /// The context the graph is built in.
  mlir::MLIRContext &getContext() const { return context; }

  /// The location the ops built from now on carry (unknown at first): a
  /// frontend sets it to what the user wrote, e.g. the ONNX node, so that
  /// diagnostics and profiles name it.
  void setLocation(mlir::Location loc) { location = loc; }
  mlir::Location getLocation() const { return location; }

  //===--------------------------------------------------------------------===//
  // Inputs and constants
  //===--------------------------------------------------------------------===//

  /// Appends a function argument of type tensor<shape x elementType>
  /// (f32 when elementType is null). A non-empty `name` becomes the
  /// argument's location (a NameLoc).
  llvm::Expected<GraphValue> parameter(llvm::ArrayRef<int64_t> shape,
                                       mlir::Type elementType = {},
                                       llvm::StringRef name = "");
  /// A scalar f32 constant (tensor<f32>).
  llvm::Expected<GraphValue> constant(float value);
  /// A constant of `shape` (scalar by default) whose elements all equal
  /// `value` converted to `elementType` as convert() does: integers truncate
  /// toward zero and saturate (so +-inf give the type's limits), NaN gives 0,
  /// i1 is value != 0.
  llvm::Expected<GraphValue> constant(double value, mlir::Type elementType,
                                      llvm::ArrayRef<int64_t> shape = {});
  /// Dense constants from row-major `values`; values.size() must be the
  /// number of elements of `shape`.
  llvm::Expected<GraphValue> constantF32(llvm::ArrayRef<int64_t> shape,
                                         llvm::ArrayRef<float> values);
  llvm::Expected<GraphValue> constantI32(llvm::ArrayRef<int64_t> shape,
                                         llvm::ArrayRef<int32_t> values);
  llvm::Expected<GraphValue> constantI64(llvm::ArrayRef<int64_t> shape,
                                         llvm::ArrayRef<int64_t> values);
  llvm::Expected<GraphValue> constantI1(llvm::ArrayRef<int64_t> shape,
                                        llvm::ArrayRef<bool> values);
  /// A constant holding `values`, of a ranked type of a supported element
  /// type.
  llvm::Expected<GraphValue> constant(mlir::DenseElementsAttr values);
  /// 0, 1, 2, ... along `dimension` of a tensor of `shape`.
  llvm::Expected<GraphValue> iota(llvm::ArrayRef<int64_t> shape,
                                  int64_t dimension,
                                  mlir::Type elementType = {});

  //===--------------------------------------------------------------------===//
  // Elementwise ops (binary ones broadcast)
  //===--------------------------------------------------------------------===//

  llvm::Expected<GraphValue> add(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> subtract(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> multiply(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> divide(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> maximum(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> minimum(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> power(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> remainder(GraphValue lhs, GraphValue rhs);
  /// hlo.and, or, xor and not: bitwise on i32 and i64, logical on i1.
  llvm::Expected<GraphValue> bitwiseAnd(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> bitwiseOr(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> bitwiseXor(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> bitwiseNot(GraphValue x);
  /// hlo.shift_left, shift_right_arithmetic and shift_right_logical on i32
  /// and i64: an amount (read unsigned) of the bit width or more shifts
  /// every bit out.
  llvm::Expected<GraphValue> shiftLeft(GraphValue lhs, GraphValue rhs);
  llvm::Expected<GraphValue> shiftRightArithmetic(GraphValue lhs,
                                                  GraphValue rhs);
  llvm::Expected<GraphValue> shiftRightLogical(GraphValue lhs, GraphValue rhs);
  /// hlo.popcnt and count_leading_zeros on i32 and i64.
  llvm::Expected<GraphValue> popcnt(GraphValue x);
  llvm::Expected<GraphValue> countLeadingZeros(GraphValue x);

  /// abs, negate and sign take f32, i32 or i64; the others f32 only.
  llvm::Expected<GraphValue> abs(GraphValue x);
  llvm::Expected<GraphValue> negate(GraphValue x);
  llvm::Expected<GraphValue> sign(GraphValue x);
  llvm::Expected<GraphValue> exp(GraphValue x);
  llvm::Expected<GraphValue> expm1(GraphValue x);
  llvm::Expected<GraphValue> log(GraphValue x);
  llvm::Expected<GraphValue> log1p(GraphValue x);
  llvm::Expected<GraphValue> tanh(GraphValue x);
  llvm::Expected<GraphValue> logistic(GraphValue x);
  llvm::Expected<GraphValue> sqrt(GraphValue x);
  llvm::Expected<GraphValue> rsqrt(GraphValue x);
  llvm::Expected<GraphValue> floor(GraphValue x);
  llvm::Expected<GraphValue> ceil(GraphValue x);
  llvm::Expected<GraphValue> sine(GraphValue x);
  llvm::Expected<GraphValue> cosine(GraphValue x);
  llvm::Expected<GraphValue> erf(GraphValue x);

  /// Elementwise comparison giving i1; `type` is omitted from the op when
  /// not given (FLOAT for floats, SIGNED for integers).
  llvm::Expected<GraphValue>
  compare(hlo::ComparisonDirection direction, GraphValue lhs, GraphValue rhs,
          std::optional<hlo::ComparisonType> type = std::nullopt);
  /// onTrue where `pred` (i1) holds, else onFalse; all three broadcast.
  llvm::Expected<GraphValue> select(GraphValue pred, GraphValue onTrue,
                                    GraphValue onFalse);
  /// min(max(x, lo), hi); all three broadcast.
  llvm::Expected<GraphValue> clamp(GraphValue lo, GraphValue x, GraphValue hi);
  /// Converts the elements to `elementType` (Kiln's convert semantics).
  llvm::Expected<GraphValue> convert(GraphValue x, mlir::Type elementType);

  /// The elementwise hlo op OpTy on `operands`, broadcast NumPy-style to one
  /// shape: any elementwise op, such as one without a method of its own
  /// (`elementwise<hlo::Atan2Op>({y, x})`, `elementwise<hlo::IsFiniteOp>(
  /// {x})`), on any element type the op allows. The op infers its own result
  /// type and its verifier checks the operands, so the builder keeps no copy
  /// of either rule; a failure is the verifier's message.
  template <class OpTy>
  llvm::Expected<GraphValue> elementwise(llvm::ArrayRef<GraphValue> operands) {
    return elementwise(
        OpTy::getOperationName(), operands,
        [](mlir::MLIRContext *context, mlir::Location loc,
           mlir::ValueRange values, llvm::SmallVectorImpl<mlir::Type> &types) {
          return OpTy::inferReturnTypes(context, loc, values,
                                        mlir::DictionaryAttr(), nullptr,
                                        mlir::RegionRange(), types);
        });
  }

  //===--------------------------------------------------------------------===//
  // Shape ops (GraphBuilderShape.cpp)
  //===--------------------------------------------------------------------===//

  /// NumPy's broadcast_to: x's shape, right-aligned, must have size 1 or the
  /// target size in each dimension. Returns x itself when nothing changes.
  llvm::Expected<GraphValue> broadcastTo(GraphValue x,
                                         llvm::ArrayRef<int64_t> shape);
  /// hlo.broadcast_in_dim: x's dimension i becomes dimension dims[i] of the
  /// result.
  llvm::Expected<GraphValue> broadcastInDim(GraphValue x,
                                            llvm::ArrayRef<int64_t> shape,
                                            llvm::ArrayRef<int64_t> dims);
  /// Same elements, new shape; one dimension may be -1 (inferred).
  llvm::Expected<GraphValue> reshape(GraphValue x,
                                     llvm::ArrayRef<int64_t> shape);
  /// Result dimension i is x's dimension permutation[i].
  llvm::Expected<GraphValue> transpose(GraphValue x,
                                       llvm::ArrayRef<int64_t> permutation);
  /// x[start:limit:strides] per dimension; empty strides mean all 1.
  llvm::Expected<GraphValue> slice(GraphValue x, llvm::ArrayRef<int64_t> start,
                                   llvm::ArrayRef<int64_t> limit,
                                   llvm::ArrayRef<int64_t> strides = {});
  /// Joins `values` along `dimension` (negative counts from the end).
  llvm::Expected<GraphValue> concatenate(llvm::ArrayRef<GraphValue> values,
                                         int64_t dimension);
  /// x with the order of its elements reversed along `dims`.
  llvm::Expected<GraphValue> reverse(GraphValue x,
                                     llvm::ArrayRef<int64_t> dims);
  /// The `sizes` slice of x starting at `starts` (one 0-d i32 or i64 value
  /// per dimension, computed at run time), clamped to lie inside x.
  llvm::Expected<GraphValue> dynamicSlice(GraphValue x,
                                          llvm::ArrayRef<GraphValue> starts,
                                          llvm::ArrayRef<int64_t> sizes);
  /// x with `update` written at `starts` (as dynamicSlice's, clamped so the
  /// update lies inside x).
  llvm::Expected<GraphValue>
  dynamicUpdateSlice(GraphValue x, GraphValue update,
                     llvm::ArrayRef<GraphValue> starts);
  /// x's slices along `axis` at `indices` (i32 or i64, computed at run time
  /// or constant), as jnp.take and ONNX's Gather: the result's shape is x's
  /// with dimension `axis` replaced by indices' shape. An index outside
  /// [0, size) is clamped into it (hlo.gather's rule).
  llvm::Expected<GraphValue> take(GraphValue x, GraphValue indices,
                                  int64_t axis);
  /// NumPy's take_along_axis and ONNX's GatherElements: result[i...] is x
  /// at i... with position indices[i...] along `axis`. indices (i32 or i64)
  /// has x's rank and, outside `axis`, sizes no larger than x's; the result
  /// has indices' shape. An index outside [0, size) is clamped into it.
  llvm::Expected<GraphValue> takeAlongAxis(GraphValue x, GraphValue indices,
                                           int64_t axis);
  /// Pads with the scalar `paddingValue`: `low`/`high` elements at the edges
  /// (negative crops) and `interior` between elements.
  llvm::Expected<GraphValue> pad(GraphValue x, GraphValue paddingValue,
                                 llvm::ArrayRef<int64_t> low,
                                 llvm::ArrayRef<int64_t> high,
                                 llvm::ArrayRef<int64_t> interior = {});

  //===--------------------------------------------------------------------===//
  // Reductions, contractions and layers (GraphBuilderLayers.cpp)
  //===--------------------------------------------------------------------===//

  /// x with `updates` combined into its slices along `axis` at `indices`
  /// (i32 or i64), as jnp's x.at[indices].add(updates) for kind Add (and
  /// .multiply, .max, .min), or .set(updates) for no kind: take's inverse,
  /// so updates' shape is x's with dimension `axis` replaced by indices'
  /// shape. An index outside [0, size) is skipped (hlo.scatter's rule);
  /// repeated indices combine in row-major order of the updates.
  llvm::Expected<GraphValue> scatter(GraphValue x, GraphValue indices,
                                     GraphValue updates, int64_t axis,
                                     std::optional<ReductionKind> kind);
  /// ONNX's ScatterND (tf.tensor_scatter_nd_update and _add): the last
  /// dimension of `indices` (i32 or i64) holds k positions into x's first k
  /// dimensions; `updates` has indices' shape without its last dimension,
  /// then x's dimensions from k on. Each update slice is combined (or set)
  /// into the slice of x it names, as scatter() does; a position outside x
  /// is skipped.
  llvm::Expected<GraphValue> scatterND(GraphValue x, GraphValue indices,
                                       GraphValue updates,
                                       std::optional<ReductionKind> kind);

  /// `values` (of one shape) sorted together along `dim` (negative counts
  /// from the end) by the first, ascending or `descending`; stable, floats
  /// in total order (-NaN < -inf < ... < -0 < +0 < ... < inf < NaN). As
  /// jax.lax.sort with num_keys = 1 (an hlo.sort).
  llvm::Expected<llvm::SmallVector<GraphValue>>
  sort(llvm::ArrayRef<GraphValue> values, int64_t dim, bool descending = false);
  /// The `k` largest elements of x along its last dimension, in descending
  /// order (stable, floats in total order), and their i32 positions: as
  /// jax.lax.top_k (CHLO's top_k, which becomes iota, sort and slices).
  llvm::Expected<std::pair<GraphValue, GraphValue>> topK(GraphValue x,
                                                         int64_t k);

  /// Reduces x over `dims` with `kind`, starting from the scalar `init`; the
  /// reduced dimensions are removed. Negative dims count from the end.
  llvm::Expected<GraphValue> reduce(GraphValue x, GraphValue init,
                                    llvm::ArrayRef<int64_t> dims,
                                    ReductionKind kind);
  llvm::Expected<GraphValue> reduceSum(GraphValue x,
                                       llvm::ArrayRef<int64_t> dims);
  llvm::Expected<GraphValue> reduceMax(GraphValue x,
                                       llvm::ArrayRef<int64_t> dims);
  llvm::Expected<GraphValue> reduceMin(GraphValue x,
                                       llvm::ArrayRef<int64_t> dims);

  /// hlo.reduce_window: reduces each window of x with `kind`; padding holds
  /// the reduction's identity (0, 1, -inf or +inf).
  llvm::Expected<GraphValue> reduceWindow(GraphValue x, ReductionKind kind,
                                          const WindowOptions &options);

  /// hlo.dot_general: the result holds the batch dimensions, then lhs's free
  /// dimensions, then rhs's.
  llvm::Expected<GraphValue> dotGeneral(GraphValue lhs, GraphValue rhs,
                                        llvm::ArrayRef<int64_t> lhsBatch,
                                        llvm::ArrayRef<int64_t> rhsBatch,
                                        llvm::ArrayRef<int64_t> lhsContract,
                                        llvm::ArrayRef<int64_t> rhsContract);
  /// NumPy's matmul: 1-D operands are promoted to a row (lhs) or column
  /// (rhs) vector and the added dimension is removed again; leading batch
  /// dimensions broadcast.
  llvm::Expected<GraphValue> matmul(GraphValue lhs, GraphValue rhs);
  /// Convolution of an N,spatial...,C input with a spatial...,I,O kernel
  /// (NHWC/HWIO in 2-D) giving N,spatial...,O, or in the channels-first
  /// layout options.layout names.
  llvm::Expected<GraphValue>
  convolution(GraphValue input, GraphValue kernel,
              const ConvolutionOptions &options = {});
  /// Max pooling over the spatial dimensions of N,spatial...,C (f32).
  llvm::Expected<GraphValue> maxPool(GraphValue x, const PoolOptions &options);
  /// Average pooling: the window sum divided by the window size (f32).
  llvm::Expected<GraphValue> avgPool(GraphValue x, const PoolOptions &options);

  /// max(x, 0).
  llvm::Expected<GraphValue> relu(GraphValue x);
  /// exp(x - max) / sum(exp(x - max)) along `axis` (negative from the end).
  llvm::Expected<GraphValue> softmax(GraphValue x, int64_t axis = -1);
  /// (x - mean) / sqrt(variance + epsilon) along `axis`, without scale or
  /// bias (multiply and add them yourself).
  llvm::Expected<GraphValue> layerNorm(GraphValue x, int64_t axis = -1,
                                       float epsilon = 1e-5f);

  //===--------------------------------------------------------------------===//
  // Control flow (GraphBuilderControlFlow.cpp)
  //===--------------------------------------------------------------------===//

  /// Builds a region's ops with this builder: given the values the region
  /// takes, returns the values it yields. It may read values built before
  /// the op; values it builds stay inside the region.
  using RegionBuilder =
      llvm::function_ref<llvm::Expected<llvm::SmallVector<GraphValue>>(
          llvm::ArrayRef<GraphValue>)>;

  /// hlo.while: starting from `init`, while `cond` (given the carried
  /// values) returns true (one scalar i1), replaces the carried values by
  /// what `body` returns (of their types). Returns the values for which
  /// `cond` first returned false; the trip count may depend on the data.
  llvm::Expected<llvm::SmallVector<GraphValue>>
  whileLoop(llvm::ArrayRef<GraphValue> init, RegionBuilder cond,
            RegionBuilder body);
  /// hlo.if: what `onTrue` returns when the scalar i1 `pred` is true, else
  /// what `onFalse` returns (of the same types); only that branch runs.
  /// The branches take no values.
  llvm::Expected<llvm::SmallVector<GraphValue>>
  ifThenElse(GraphValue pred, RegionBuilder onTrue, RegionBuilder onFalse);
  /// hlo.case: what `branches[index]` returns (all of the same types) for
  /// the scalar i32 `index`; an index out of range runs the last branch.
  llvm::Expected<llvm::SmallVector<GraphValue>>
  caseOf(GraphValue index, llvm::ArrayRef<RegionBuilder> branches);

  //===--------------------------------------------------------------------===//
  // Finishing
  //===--------------------------------------------------------------------===//

  /// Finishes the graph with `results` as the function's results, verifies
  /// the module and returns it, or the verifier's messages as an error.
  /// `resultNames`, when given, names each result (a compiled artifact's
  /// signature shows them; unnamed results are `result<i>`). The builder
  /// accepts no more calls afterwards.
  llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
  build(llvm::ArrayRef<GraphValue> results,
        llvm::ArrayRef<std::string> resultNames = {});

private:
  /// Which element types an op accepts. Float: f16, bf16, f32, f64;
  /// IntOrFloat: all but i1; Integer: the integers and i1; WideInteger:
  /// the integers but i1.
  enum class ElementKinds { Any, IntOrFloat, Float, Integer, WideInteger };

  /// "GraphBuilder::<method>: <message>" as an llvm::Error.
  static llvm::Error error(llvm::StringRef method, const llvm::Twine &message);
  /// "[2, 3]": a shape or index list as error messages print it.
  static std::string listText(llvm::ArrayRef<int64_t> values);
  /// Fails when the graph is built or a value is null or from another
  /// builder.
  llvm::Error checkUsable(llvm::StringRef method,
                          llvm::ArrayRef<GraphValue> values) const;
  /// Fails when `value`'s element type is not in `kinds`.
  static llvm::Error checkElementKinds(llvm::StringRef method, GraphValue value,
                                       ElementKinds kinds);
  /// Fails unless all values have the same element type.
  static llvm::Error checkSameElementType(llvm::StringRef method,
                                          llvm::ArrayRef<GraphValue> values);
  /// Fails unless `indices` holds i32 or i64 (gathers and scatters).
  static llvm::Error checkIndexType(llvm::StringRef method, GraphValue indices);
  /// Fails when `elementType` is not f32, i1, i32 or i64.
  static llvm::Error checkSupportedElementType(llvm::StringRef method,
                                               mlir::Type elementType);
  /// Fails when a dimension of `shape` is negative.
  static llvm::Error checkShape(llvm::StringRef method,
                                llvm::ArrayRef<int64_t> shape);
  /// `dims` made non-negative for rank `rank`; fails when one is out of
  /// range or repeated.
  static llvm::Expected<llvm::SmallVector<int64_t>>
  normalizeDims(llvm::StringRef method, llvm::ArrayRef<int64_t> dims,
                int64_t rank);
  /// The NumPy broadcast of the values' shapes, or an error naming the
  /// dimension that does not match.
  static llvm::Expected<llvm::SmallVector<int64_t>>
  broadcastShapes(llvm::StringRef method, llvm::ArrayRef<GraphValue> values);

  /// Builds `region`'s one block, which takes values of `argTypes`, with
  /// `build`, and ends it in hlo.return; returns the types it returns.
  llvm::Expected<llvm::SmallVector<mlir::Type>>
  buildRegion(llvm::StringRef method, mlir::Region &region,
              mlir::TypeRange argTypes, RegionBuilder build);
  /// The branches of if (`names` "true" and "false") or case, built into
  /// the regions of a new op of `name` with `operand`; fails unless all
  /// return the same types.
  llvm::Expected<llvm::SmallVector<GraphValue>>
  buildBranches(llvm::StringRef method, mlir::OperationName name,
                GraphValue operand, llvm::ArrayRef<RegionBuilder> branches);

  /// hlo.scatter of `updates` into x at `indices` with `numbers`, combining
  /// by `kind` (or setting); operands already checked.
  GraphValue scatterUnchecked(GraphValue x, GraphValue indices,
                              GraphValue updates,
                              hlo::ScatterDimensionNumbersAttr numbers,
                              std::optional<ReductionKind> kind);

  /// Wraps an op's result.
  GraphValue wrap(mlir::Value value) const { return GraphValue(this, value); }
  llvm::SmallVector<GraphValue> wrapAll(mlir::ValueRange values) const {
    llvm::SmallVector<GraphValue> wrapped;
    for (mlir::Value value : values)
      wrapped.push_back(wrap(value));
    return wrapped;
  }
  /// Creates an op at the end of the function body.
  template <class OpTy, class... Args> OpTy create(Args &&...args) {
    return opBuilder.create<OpTy>(location, std::forward<Args>(args)...);
  }
  /// x broadcast to `shape` (already checked compatible), or x itself.
  GraphValue broadcastUnchecked(GraphValue x, llvm::ArrayRef<int64_t> shape);
  /// A scalar constant of `elementType` (already checked supported).
  GraphValue scalarUnchecked(double value, mlir::Type elementType);
  /// Fails unless `count` values fill a tensor of `shape`.
  llvm::Error checkConstant(llvm::StringRef method,
                            llvm::ArrayRef<int64_t> shape, size_t count) const;
  /// An hlo.constant holding `attr`.
  GraphValue constantUnchecked(mlir::DenseElementsAttr attr);
  /// Until the handler goes, the context's diagnostics are appended to
  /// `messages` ("; "-separated) instead of reaching stderr.
  mlir::ScopedDiagnosticHandler collectDiagnostics(std::string &messages);
  /// How an op infers its result types from its operands.
  using InferTypes = llvm::function_ref<mlir::LogicalResult(
      mlir::MLIRContext *, mlir::Location, mlir::ValueRange,
      llvm::SmallVectorImpl<mlir::Type> &)>;
  /// elementwise<OpTy>'s body for the op named `name`.
  llvm::Expected<GraphValue> elementwise(llvm::StringRef name,
                                         llvm::ArrayRef<GraphValue> operands,
                                         InferTypes infer);
  /// Builds the unary op OpTy after checking x.
  template <class OpTy>
  llvm::Expected<GraphValue> unary(llvm::StringRef method, GraphValue x,
                                   ElementKinds kinds);
  /// Builds the binary op OpTy after checking and broadcasting lhs and rhs.
  template <class OpTy>
  llvm::Expected<GraphValue> binary(llvm::StringRef method, GraphValue lhs,
                                    GraphValue rhs, ElementKinds kinds);
  /// reduceWindow, reporting errors as `method`'s.
  llvm::Expected<GraphValue> reduceWindow(llvm::StringRef method, GraphValue x,
                                          ReductionKind kind,
                                          const WindowOptions &options);
  /// Shared body of maxPool and avgPool.
  llvm::Expected<GraphValue> pool(llvm::StringRef method, GraphValue x,
                                  const PoolOptions &options,
                                  ReductionKind kind);
  /// The axis of x that take and scatter index with `indices` (checked i32
  /// or i64), normalized, and x's other dimensions as they sit around the
  /// indices' dimensions (gather's offset_dims, scatter's
  /// update_window_dims).
  struct IndexedAxis {
    int64_t dim;
    llvm::SmallVector<int64_t> windowDims;
  };
  llvm::Expected<IndexedAxis> indexedAxis(llvm::StringRef method, GraphValue x,
                                          GraphValue indices, int64_t axis);
  /// x with the reduced `dims` (sorted, non-negative) put back as size 1
  /// and broadcast to `shape`: the inverse of a reduction, for softmax etc.
  llvm::Expected<GraphValue> expandReduced(GraphValue reduced,
                                           llvm::ArrayRef<int64_t> shape,
                                           llvm::ArrayRef<int64_t> dims);

  mlir::MLIRContext &context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  mlir::func::FuncOp function;
  mlir::OpBuilder opBuilder;
  mlir::Location location;
  bool built = false;
};

} // namespace kiln

#endif // KILN_COMPILER_FRONTENDS_BUILDER_GRAPHBUILDER_H
