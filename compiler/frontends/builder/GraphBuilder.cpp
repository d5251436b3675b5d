//===- GraphBuilder.cpp - Graph construction, checks and elementwise ops -===//
//
// The GraphBuilder's core: the function it builds, the input checks every
// method shares, NumPy broadcasting, constants, elementwise ops and build().
// Shape ops live in GraphBuilderShape.cpp, reductions, contractions and
// layers in GraphBuilderLayers.cpp.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/builder/GraphBuilder.h"

#include "dialects/hlo/HloElementTypes.h"
#include "dialects/hlo/KilnAttributes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using llvm::Expected;
using llvm::StringRef;

namespace kiln {

namespace {
std::string toString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}
} // namespace

std::string GraphBuilder::listText(llvm::ArrayRef<int64_t> values) {
  return "[" +
         llvm::join(llvm::map_range(
                        values, [](int64_t v) { return std::to_string(v); }),
                    ", ") +
         "]";
}

RankedTensorType GraphValue::type() const {
  return val ? llvm::cast<RankedTensorType>(val.getType()) : RankedTensorType();
}

GraphBuilder::GraphBuilder(MLIRContext &context, StringRef name)
    : context(context), opBuilder(&context),
      location(UnknownLoc::get(&context)) {
  context.loadDialect<hlo::HloDialect, func::FuncDialect>();
  Location loc = opBuilder.getUnknownLoc();
  module = ModuleOp::create(loc);
  opBuilder.setInsertionPointToEnd(module->getBody());
  function = opBuilder.create<func::FuncOp>(loc, name,
                                            opBuilder.getFunctionType({}, {}));
  opBuilder.setInsertionPointToEnd(function.addEntryBlock());
}

GraphBuilder::~GraphBuilder() = default;

//===----------------------------------------------------------------------===//
// Checks shared by all methods
//===----------------------------------------------------------------------===//

llvm::Error GraphBuilder::error(StringRef method, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "GraphBuilder::" + method + ": " + message);
}

llvm::Error GraphBuilder::checkUsable(StringRef method,
                                      llvm::ArrayRef<GraphValue> values) const {
  // Checked before any value is read: after build() the IR may be gone.
  if (built)
    return error(method, "the graph was already built; create a new "
                         "GraphBuilder");
  for (auto [i, value] : llvm::enumerate(values)) {
    if (!value)
      return error(method,
                   "operand " + llvm::Twine(i) + " is a null GraphValue");
    if (value.owner != this)
      return error(method, "operand " + llvm::Twine(i) +
                               " belongs to another GraphBuilder");
  }
  return llvm::Error::success();
}

llvm::Error GraphBuilder::checkSupportedElementType(StringRef method,
                                                    Type elementType) {
  if (!elementType || !hlo::hostElementTypeOf(elementType))
    return error(
        method,
        "unsupported element type " +
            (elementType ? toString(elementType) : std::string("<null>")) +
            " (expected " + hlo::supportedElementTypesText() + ")");
  return llvm::Error::success();
}

llvm::Error GraphBuilder::checkElementKinds(StringRef method, GraphValue value,
                                            ElementKinds kinds) {
  Type type = value.elementType();
  bool isInteger = type.isSignlessInteger() || type.isUnsignedInteger();
  if (kinds == ElementKinds::Float && !isa<FloatType>(type))
    return error(method, "expected a float tensor (f16, bf16, f32 or f64), "
                         "got " +
                             toString(value.type()));
  if (kinds == ElementKinds::IntOrFloat && type.isInteger(1))
    return error(method, "expected a float or integer tensor (not i1), got " +
                             toString(value.type()));
  if (kinds == ElementKinds::Integer && !isInteger)
    return error(method, "expected an integer or i1 tensor, got " +
                             toString(value.type()));
  if (kinds == ElementKinds::WideInteger && (!isInteger || type.isInteger(1)))
    return error(method, "expected an integer tensor (not i1), got " +
                             toString(value.type()));
  return llvm::Error::success();
}

llvm::Error GraphBuilder::checkIndexType(StringRef method, GraphValue indices) {
  if (!indices.elementType().isSignlessInteger(32) &&
      !indices.elementType().isSignlessInteger(64))
    return error(method, "indices must be i32 or i64");
  return llvm::Error::success();
}

llvm::Error
GraphBuilder::checkSameElementType(StringRef method,
                                   llvm::ArrayRef<GraphValue> values) {
  for (GraphValue value : values.drop_front())
    if (value.elementType() != values.front().elementType())
      return error(
          method,
          "mismatched element types: " + toString(values.front().type()) +
              " vs " + toString(value.type()) + " (use convert to change one)");
  return llvm::Error::success();
}

llvm::Error GraphBuilder::checkShape(StringRef method,
                                     llvm::ArrayRef<int64_t> shape) {
  for (auto [i, size] : llvm::enumerate(shape))
    if (size < 0)
      return error(method, "dimension " + llvm::Twine(i) + " has size " +
                               llvm::Twine(size) +
                               "; sizes must be static and non-negative");
  return llvm::Error::success();
}

Expected<llvm::SmallVector<int64_t>>
GraphBuilder::normalizeDims(StringRef method, llvm::ArrayRef<int64_t> dims,
                            int64_t rank) {
  llvm::SmallVector<int64_t> result;
  for (int64_t dim : dims) {
    if (dim < -rank || dim >= rank)
      return error(method, "dimension " + llvm::Twine(dim) +
                               " is out of range for a tensor of rank " +
                               llvm::Twine(rank));
    int64_t normalized = dim < 0 ? dim + rank : dim;
    if (llvm::is_contained(result, normalized))
      return error(method,
                   "dimension " + llvm::Twine(normalized) + " is repeated");
    result.push_back(normalized);
  }
  return result;
}

Expected<llvm::SmallVector<int64_t>>
GraphBuilder::broadcastShapes(StringRef method,
                              llvm::ArrayRef<GraphValue> values) {
  int64_t rank = 0;
  for (GraphValue value : values)
    rank = std::max(rank, value.rank());
  llvm::SmallVector<int64_t> result(rank, 1);
  // For each result dimension, remember which value set a size other than 1
  // so that a conflict can name both values.
  llvm::SmallVector<const GraphValue *> setBy(rank, nullptr);
  for (const GraphValue &value : values) {
    int64_t offset = rank - value.rank();
    for (auto [i, size] : llvm::enumerate(value.shape())) {
      int64_t dim = offset + i;
      if (size == 1)
        continue;
      if (!setBy[dim]) {
        result[dim] = size;
        setBy[dim] = &value;
      } else if (result[dim] != size) {
        return error(method,
                     "cannot broadcast " + toString(setBy[dim]->type()) +
                         " with " + toString(value.type()) + ": dimension " +
                         llvm::Twine(dim) + " has size " +
                         llvm::Twine(result[dim]) + " vs " + llvm::Twine(size));
      }
    }
  }
  return result;
}

GraphValue GraphBuilder::broadcastUnchecked(GraphValue x,
                                            llvm::ArrayRef<int64_t> shape) {
  if (x.shape() == shape)
    return x;
  // Right-aligned: x's dimension i lands on result dimension offset + i.
  int64_t offset = static_cast<int64_t>(shape.size()) - x.rank();
  auto dims = llvm::to_vector(llvm::seq<int64_t>(offset, shape.size()));
  auto type = RankedTensorType::get(shape, x.elementType());
  return wrap(create<hlo::BroadcastInDimOp>(type, x.value(), dims));
}

//===----------------------------------------------------------------------===//
// Inputs and constants
//===----------------------------------------------------------------------===//

Expected<GraphValue> GraphBuilder::parameter(llvm::ArrayRef<int64_t> shape,
                                             Type elementType, StringRef name) {
  StringRef method = "parameter";
  if (!elementType)
    elementType = Float32Type::get(&context);
  if (auto err = checkUsable(method, {}))
    return std::move(err);
  if (auto err = checkSupportedElementType(method, elementType))
    return std::move(err);
  if (auto err = checkShape(method, shape))
    return std::move(err);
  Location loc = name.empty()
                     ? opBuilder.getUnknownLoc()
                     : Location(NameLoc::get(StringAttr::get(&context, name)));
  Block &entry = function.getBody().front();
  BlockArgument arg =
      entry.addArgument(RankedTensorType::get(shape, elementType), loc);
  // Keep the function type in step with the block so the IR stays valid
  // at every point, not only after build().
  function.setType(opBuilder.getFunctionType(entry.getArgumentTypes(), {}));
  return wrap(arg);
}

llvm::Error GraphBuilder::checkConstant(StringRef method,
                                        llvm::ArrayRef<int64_t> shape,
                                        size_t count) const {
  if (auto err = checkUsable(method, {}))
    return err;
  if (auto err = checkShape(method, shape))
    return err;
  int64_t expected = ShapedType::getNumElements(shape);
  if (static_cast<int64_t>(count) != expected)
    return error(method, "got " + llvm::Twine(count) +
                             " values for a shape of " + llvm::Twine(expected) +
                             " elements");
  return llvm::Error::success();
}

Expected<GraphValue> GraphBuilder::constant(DenseElementsAttr values) {
  StringRef method = "constant";
  if (!values)
    return error(method, "null values");
  auto type = llvm::dyn_cast<RankedTensorType>(values.getType());
  if (!type)
    return error(method, "the values need a ranked tensor type");
  if (auto err = checkConstant(method, type.getShape(), values.size()))
    return std::move(err);
  if (auto err = checkSupportedElementType(method, type.getElementType()))
    return std::move(err);
  return constantUnchecked(values);
}

GraphValue GraphBuilder::constantUnchecked(DenseElementsAttr attr) {
  return wrap(create<hlo::ConstantOp>(attr.getType(), attr));
}

/// A splat of `value` converted to `type`'s element type the way convert
/// does: integers truncate toward zero and saturate, NaN becomes 0, and i1
/// is (value != 0).
static DenseElementsAttr splatAttr(RankedTensorType type, double value) {
  Type elementType = type.getElementType();
  if (auto floatType = dyn_cast<FloatType>(elementType)) {
    // One rounding, to nearest even, from the double.
    APFloat rounded(value);
    bool losesInfo;
    rounded.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
    return DenseElementsAttr::get(type, llvm::ArrayRef(rounded));
  }
  if (elementType.isInteger(1))
    return DenseElementsAttr::get(type, value != 0.0);
  unsigned width = elementType.getIntOrFloatBitWidth();
  bool isUnsigned = elementType.isUnsignedInteger();
  double lowest = isUnsigned ? 0.0 : -std::ldexp(1.0, width - 1);
  double beyond = std::ldexp(1.0, isUnsigned ? width : width - 1);
  APInt bits;
  if (std::isnan(value))
    bits = APInt(width, 0);
  else if (value <= lowest)
    bits = isUnsigned ? APInt(width, 0) : APInt::getSignedMinValue(width);
  else if (value >= beyond)
    bits = isUnsigned ? APInt::getMaxValue(width)
                      : APInt::getSignedMaxValue(width);
  else if (isUnsigned)
    bits = APInt(width, static_cast<uint64_t>(value));
  else
    bits = APInt(width, static_cast<int64_t>(value), /*isSigned=*/true);
  return DenseElementsAttr::get(type, llvm::ArrayRef(bits));
}

GraphValue GraphBuilder::scalarUnchecked(double value, Type elementType) {
  return constantUnchecked(
      splatAttr(RankedTensorType::get({}, elementType), value));
}

Expected<GraphValue> GraphBuilder::constant(float value) {
  return constantF32({}, value);
}

Expected<GraphValue> GraphBuilder::constant(double value, Type elementType,
                                            llvm::ArrayRef<int64_t> shape) {
  StringRef method = "constant";
  if (auto err = checkUsable(method, {}))
    return std::move(err);
  if (auto err = checkShape(method, shape))
    return std::move(err);
  if (auto err = checkSupportedElementType(method, elementType))
    return std::move(err);
  return constantUnchecked(
      splatAttr(RankedTensorType::get(shape, elementType), value));
}

Expected<GraphValue> GraphBuilder::constantF32(llvm::ArrayRef<int64_t> shape,
                                               llvm::ArrayRef<float> values) {
  if (auto err = checkConstant("constantF32", shape, values.size()))
    return std::move(err);
  auto type = RankedTensorType::get(shape, Float32Type::get(&context));
  return constantUnchecked(DenseElementsAttr::get(type, values));
}

Expected<GraphValue> GraphBuilder::constantI32(llvm::ArrayRef<int64_t> shape,
                                               llvm::ArrayRef<int32_t> values) {
  if (auto err = checkConstant("constantI32", shape, values.size()))
    return std::move(err);
  auto type = RankedTensorType::get(shape, opBuilder.getI32Type());
  return constantUnchecked(DenseElementsAttr::get(type, values));
}

Expected<GraphValue> GraphBuilder::constantI64(llvm::ArrayRef<int64_t> shape,
                                               llvm::ArrayRef<int64_t> values) {
  if (auto err = checkConstant("constantI64", shape, values.size()))
    return std::move(err);
  auto type = RankedTensorType::get(shape, opBuilder.getI64Type());
  return constantUnchecked(DenseElementsAttr::get(type, values));
}

Expected<GraphValue> GraphBuilder::constantI1(llvm::ArrayRef<int64_t> shape,
                                              llvm::ArrayRef<bool> values) {
  if (auto err = checkConstant("constantI1", shape, values.size()))
    return std::move(err);
  auto type = RankedTensorType::get(shape, opBuilder.getI1Type());
  return constantUnchecked(DenseElementsAttr::get(type, values));
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

template <class OpTy>
Expected<GraphValue> GraphBuilder::unary(StringRef method, GraphValue x,
                                         ElementKinds kinds) {
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  if (auto err = checkElementKinds(method, x, kinds))
    return std::move(err);
  return wrap(create<OpTy>(x.type(), x.value()));
}

template <class OpTy>
Expected<GraphValue> GraphBuilder::binary(StringRef method, GraphValue lhs,
                                          GraphValue rhs, ElementKinds kinds) {
  if (auto err = checkUsable(method, {lhs, rhs}))
    return std::move(err);
  if (auto err = checkSameElementType(method, {lhs, rhs}))
    return std::move(err);
  if (auto err = checkElementKinds(method, lhs, kinds))
    return std::move(err);
  auto shape = broadcastShapes(method, {lhs, rhs});
  if (!shape)
    return shape.takeError();
  GraphValue l = broadcastUnchecked(lhs, *shape);
  GraphValue r = broadcastUnchecked(rhs, *shape);
  return wrap(create<OpTy>(l.type(), l.value(), r.value()));
}

ScopedDiagnosticHandler
GraphBuilder::collectDiagnostics(std::string &messages) {
  return ScopedDiagnosticHandler(&context, [&messages](Diagnostic &diag) {
    if (!messages.empty())
      messages += "; ";
    messages += diag.str();
    return success();
  });
}

Expected<GraphValue> GraphBuilder::elementwise(StringRef name,
                                               ArrayRef<GraphValue> operands,
                                               InferTypes infer) {
  if (auto err = checkUsable(name, operands))
    return std::move(err);
  auto shape = broadcastShapes(name, operands);
  if (!shape)
    return shape.takeError();
  SmallVector<Value> values;
  for (GraphValue operand : operands)
    values.push_back(broadcastUnchecked(operand, *shape).value());
  // The op's own rules decide, and their diagnostics become the error.
  std::string messages;
  ScopedDiagnosticHandler handler = collectDiagnostics(messages);
  SmallVector<Type> types;
  if (failed(infer(&context, location, values, types)))
    return error(name, "cannot infer the result type: " + messages);
  OperationState state(location, name);
  state.addOperands(values);
  state.addTypes(types);
  Operation *op = opBuilder.create(state);
  if (failed(verify(op))) {
    op->erase();
    return error(name, messages);
  }
  return wrap(op->getResult(0));
}

#define KILN_BINARY(method, Op, kinds)                                         \
  Expected<GraphValue> GraphBuilder::method(GraphValue lhs, GraphValue rhs) {  \
    return binary<hlo::Op>(#method, lhs, rhs, ElementKinds::kinds);            \
  }
KILN_BINARY(add, AddOp, Any)
KILN_BINARY(subtract, SubtractOp, IntOrFloat)
KILN_BINARY(multiply, MulOp, Any)
KILN_BINARY(divide, DivOp, IntOrFloat)
KILN_BINARY(maximum, MaxOp, Any)
KILN_BINARY(minimum, MinOp, Any)
KILN_BINARY(power, PowOp, IntOrFloat)
KILN_BINARY(remainder, RemOp, IntOrFloat)
KILN_BINARY(bitwiseAnd, AndOp, Integer)
KILN_BINARY(bitwiseOr, OrOp, Integer)
KILN_BINARY(bitwiseXor, XorOp, Integer)
KILN_BINARY(shiftLeft, ShiftLeftOp, WideInteger)
KILN_BINARY(shiftRightArithmetic, ShiftRightArithmeticOp, WideInteger)
KILN_BINARY(shiftRightLogical, ShiftRightLogicalOp, WideInteger)
#undef KILN_BINARY

#define KILN_UNARY(method, Op, kinds)                                          \
  Expected<GraphValue> GraphBuilder::method(GraphValue x) {                    \
    return unary<hlo::Op>(#method, x, ElementKinds::kinds);                    \
  }
KILN_UNARY(abs, AbsOp, IntOrFloat)
KILN_UNARY(negate, NegOp, IntOrFloat)
KILN_UNARY(sign, SignOp, IntOrFloat)
KILN_UNARY(bitwiseNot, NotOp, Integer)
KILN_UNARY(popcnt, PopulationCountOp, WideInteger)
KILN_UNARY(countLeadingZeros, ClzOp, WideInteger)
KILN_UNARY(exp, ExpOp, Float)
KILN_UNARY(expm1, Expm1Op, Float)
KILN_UNARY(log, LogOp, Float)
KILN_UNARY(log1p, Log1pOp, Float)
KILN_UNARY(tanh, TanhOp, Float)
KILN_UNARY(logistic, LogisticOp, Float)
KILN_UNARY(sqrt, SqrtOp, Float)
KILN_UNARY(rsqrt, RsqrtOp, Float)
KILN_UNARY(floor, FloorOp, Float)
KILN_UNARY(ceil, CeilOp, Float)
KILN_UNARY(sine, SineOp, Float)
KILN_UNARY(cosine, CosineOp, Float)
KILN_UNARY(erf, ErfOp, Float)
#undef KILN_UNARY

Expected<GraphValue>
GraphBuilder::compare(hlo::ComparisonDirection direction, GraphValue lhs,
                      GraphValue rhs, std::optional<hlo::ComparisonType> type) {
  StringRef method = "compare";
  if (auto err = checkUsable(method, {lhs, rhs}))
    return std::move(err);
  if (auto err = checkSameElementType(method, {lhs, rhs}))
    return std::move(err);
  if (type && *type != hlo::ComparisonType::NOTYPE) {
    bool isFloat = isa<FloatType>(lhs.elementType());
    bool floatType = *type == hlo::ComparisonType::FLOAT ||
                     *type == hlo::ComparisonType::TOTALORDER;
    if (isFloat != floatType)
      return error(method, "comparison type " +
                               hlo::stringifyComparisonType(*type) +
                               " does not apply to " + toString(lhs.type()));
  }
  auto shape = broadcastShapes(method, {lhs, rhs});
  if (!shape)
    return shape.takeError();
  GraphValue l = broadcastUnchecked(lhs, *shape);
  GraphValue r = broadcastUnchecked(rhs, *shape);
  auto resultType = RankedTensorType::get(*shape, opBuilder.getI1Type());
  auto typeAttr =
      type ? hlo::ComparisonTypeAttr::get(&context, *type) : nullptr;
  return wrap(create<hlo::CompareOp>(
      resultType, hlo::ComparisonDirectionAttr::get(&context, direction),
      l.value(), r.value(), typeAttr));
}

Expected<GraphValue> GraphBuilder::select(GraphValue pred, GraphValue onTrue,
                                          GraphValue onFalse) {
  StringRef method = "select";
  if (auto err = checkUsable(method, {pred, onTrue, onFalse}))
    return std::move(err);
  if (!pred.elementType().isInteger(1))
    return error(method, "the predicate must be an i1 tensor, got " +
                             toString(pred.type()));
  if (auto err = checkSameElementType(method, {onTrue, onFalse}))
    return std::move(err);
  auto shape = broadcastShapes(method, {pred, onTrue, onFalse});
  if (!shape)
    return shape.takeError();
  GraphValue p = broadcastUnchecked(pred, *shape);
  GraphValue t = broadcastUnchecked(onTrue, *shape);
  GraphValue f = broadcastUnchecked(onFalse, *shape);
  return wrap(create<hlo::SelectOp>(t.type(), p.value(), t.value(), f.value()));
}

Expected<GraphValue> GraphBuilder::clamp(GraphValue lo, GraphValue x,
                                         GraphValue hi) {
  StringRef method = "clamp";
  if (auto err = checkUsable(method, {lo, x, hi}))
    return std::move(err);
  if (auto err = checkSameElementType(method, {x, lo, hi}))
    return std::move(err);
  auto shape = broadcastShapes(method, {lo, x, hi});
  if (!shape)
    return shape.takeError();
  GraphValue l = broadcastUnchecked(lo, *shape);
  GraphValue v = broadcastUnchecked(x, *shape);
  GraphValue h = broadcastUnchecked(hi, *shape);
  return wrap(create<hlo::ClampOp>(v.type(), l.value(), v.value(), h.value()));
}

Expected<GraphValue> GraphBuilder::convert(GraphValue x, Type elementType) {
  StringRef method = "convert";
  if (auto err = checkUsable(method, {x}))
    return std::move(err);
  if (auto err = checkSupportedElementType(method, elementType))
    return std::move(err);
  auto type = RankedTensorType::get(x.shape(), elementType);
  return wrap(create<hlo::ConvertOp>(type, x.value()));
}

//===----------------------------------------------------------------------===//
// Finishing
//===----------------------------------------------------------------------===//

Expected<OwningOpRef<ModuleOp>>
GraphBuilder::build(llvm::ArrayRef<GraphValue> results,
                    llvm::ArrayRef<std::string> resultNames) {
  StringRef method = "build";
  if (auto err = checkUsable(method, results))
    return std::move(err);
  if (function.getSymName().empty())
    return error(method, "the function name is empty");
  if (!resultNames.empty() && resultNames.size() != results.size())
    return error(method, std::to_string(resultNames.size()) +
                             " result names for " +
                             std::to_string(results.size()) + " results");
  llvm::SmallVector<Value> values;
  llvm::SmallVector<Type> types;
  for (GraphValue result : results) {
    values.push_back(result.value());
    types.push_back(result.type());
  }
  create<func::ReturnOp>(values);
  Block &entry = function.getBody().front();
  function.setType(opBuilder.getFunctionType(entry.getArgumentTypes(), types));
  for (auto [index, name] : llvm::enumerate(resultNames))
    if (!name.empty())
      function.setResultAttr(index, attr::kResultName,
                             StringAttr::get(&context, name));
  built = true;

  // Collect the verifier's diagnostics instead of letting them reach the
  // context's default handler (stderr).
  std::string messages;
  {
    ScopedDiagnosticHandler handler = collectDiagnostics(messages);
    if (failed(verify(*module)))
      return error(method, "the graph does not verify: " + messages);
  }
  return std::move(module);
}

} // namespace kiln
