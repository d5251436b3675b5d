//===- Interpreter.cpp - Reference interpreter of the hlo dialect ---------===//
//
// Walks a function's block op by op, mapping each mlir::Value to a
// HostTensor, reads each op's attributes and calls its reference function in
// InterpreterOps.h. The whole function is verified first, so the op functions
// only see IR that satisfies the spec's constraints.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/Interpreter.h"

#include "compiler/reference/ErrorBounds.h"
#include "compiler/reference/InterpreterOps.h"
#include "dialects/hlo/Diagnostics.h"
#include "dialects/hlo/HloDialect.h"
#include "dialects/hlo/HloElementTypes.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace kiln {
namespace {

/// How deep func.call may nest; deeper is taken as unbounded recursion.
constexpr int kMaxCallDepth = 256;

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

/// "file:line:col: error: message" at `loc`, like the tools' diagnostics.
llvm::Error errorAt(Location loc, const llvm::Twine &message) {
  Diagnostic diagnostic(loc, DiagnosticSeverity::Error);
  diagnostic << message.str();
  return makeError(formatDiagnostic(diagnostic));
}

/// Whether `t` has the element type and shape `spec` expects.
bool matches(const TensorSpec &spec, const HostTensor &t) {
  return t.elementType() == spec.elementType && t.shape() == spec.shape;
}

llvm::Expected<TensorSpec> tensorTypeOf(Type type) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType || !tensorType.hasStaticShape()) {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << type;
    return makeError("the interpreter needs statically shaped tensors, not " +
                     text);
  }
  std::optional<ElementType> elementType =
      hlo::hostElementTypeOf(tensorType.getElementType());
  if (!elementType) {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << tensorType.getElementType();
    return makeError("unsupported element type " + text + " (Kiln supports " +
                     hlo::supportedElementTypesText() + ")");
  }
  return TensorSpec{*elementType,
                    std::vector<int64_t>(tensorType.getShape().begin(),
                                         tensorType.getShape().end())};
}

/// An op's result shape, read from its (verified) result type.
std::vector<int64_t> resultShape(Operation *op, unsigned i = 0) {
  ArrayRef<int64_t> shape =
      cast<RankedTensorType>(op->getResult(i).getType()).getShape();
  return {shape.begin(), shape.end()};
}

ElementType resultElementType(Operation *op, unsigned i = 0) {
  return *hlo::hostElementTypeOf(
      cast<RankedTensorType>(op->getResult(i).getType()).getElementType());
}

using Tensors = std::vector<HostTensor>;

/// Values with their error bounds (ErrorBounds.h), one per value; `bounds`
/// is empty where bounds are not tracked.
struct Bounded {
  Tensors values;
  Tensors bounds;
};

/// A view of values and their bounds, as Bounded, for arguments passed on
/// without copying them.
struct BoundedRef {
  BoundedRef(ArrayRef<HostTensor> values, ArrayRef<HostTensor> bounds = {})
      : values(values), bounds(bounds) {}
  BoundedRef(const Bounded &owned)
      : values(owned.values), bounds(owned.bounds) {}

  ArrayRef<HostTensor> values;
  ArrayRef<HostTensor> bounds;
};

/// The values computed so far in one block, with the enclosing block's
/// values visible (reduce bodies may use values from outside).
class Scope {
public:
  Scope(const Scope *parent, bool tracksBounds)
      : parent(parent), tracks(tracksBounds) {}

  /// Whether the values of this scope carry error bounds.
  bool tracksBounds() const { return tracks; }

  const HostTensor *lookup(Value value) const {
    const Entry *entry = find(&Scope::values, value);
    return entry ? &entry->value : nullptr;
  }
  /// `value`'s bound; an empty tensor where bounds are not tracked.
  const HostTensor *lookupBound(Value value) const {
    const Entry *entry = find(&Scope::values, value);
    return entry ? &entry->bound : nullptr;
  }
  void bind(Value value, HostTensor tensor, HostTensor bound) {
    values[value] = {std::move(tensor), std::move(bound)};
  }

  /// The elements of a tuple value.
  const Bounded *lookupTuple(Value value) const {
    return find(&Scope::tuples, value);
  }
  void bindTuple(Value value, Bounded elements) {
    tuples[value] = std::move(elements);
  }

private:
  struct Entry {
    HostTensor value;
    HostTensor bound;
  };

  /// `value`'s entry in `map` of this scope or the nearest enclosing one.
  template <class T>
  const T *find(llvm::DenseMap<Value, T> Scope::*map, Value value) const {
    for (const Scope *scope = this; scope; scope = scope->parent) {
      auto it = (scope->*map).find(value);
      if (it != (scope->*map).end())
        return &it->second;
    }
    return nullptr;
  }

  const Scope *parent;
  bool tracks;
  llvm::DenseMap<Value, Entry> values;
  llvm::DenseMap<Value, Bounded> tuples;
};

/// `types` with each tuple replaced by its elements.
SmallVector<Type> flattenTuples(TypeRange types) {
  SmallVector<Type> flat;
  for (Type type : types) {
    if (auto tuple = dyn_cast<TupleType>(type))
      llvm::append_range(flat, tuple.getTypes());
    else
      flat.push_back(type);
  }
  return flat;
}

/// Binds `values` to `flat`, their tensors in order, where a tuple takes
/// as many as it has elements.
void bindFlattened(Scope &scope, ValueRange values, BoundedRef flat) {
  auto slice = [](ArrayRef<HostTensor> all, size_t from, size_t count) {
    if (all.empty())
      return Tensors();
    ArrayRef<HostTensor> part = all.slice(from, count);
    return Tensors(part.begin(), part.end());
  };
  size_t next = 0;
  for (Value value : values) {
    if (auto tuple = dyn_cast<TupleType>(value.getType())) {
      scope.bindTuple(value, {slice(flat.values, next, tuple.size()),
                              slice(flat.bounds, next, tuple.size())});
      next += tuple.size();
    } else {
      scope.bind(value, flat.values[next],
                 flat.bounds.empty() ? HostTensor() : flat.bounds[next]);
      ++next;
    }
  }
}

class Interpreter {
public:
  /// Runs `func` on `inputs`, carrying their error bounds if
  /// `tracksBounds`.
  llvm::Expected<Bounded> call(func::FuncOp func, BoundedRef inputs,
                               Location callLoc, bool tracksBounds);

private:
  llvm::Expected<Bounded> runBlock(Block &block, BoundedRef arguments,
                                   const Scope *parent, bool tracksBounds);
  /// Runs `op`, and carries the bounds when `scope` tracks them.
  llvm::Expected<Bounded> runOp(Operation *op, const Bounded &operands,
                                const Scope &scope);
  /// The results of an op without control flow.
  llvm::Expected<Tensors> evaluate(Operation *op, ArrayRef<HostTensor> operands,
                                   const Scope &scope);
  llvm::Expected<Bounded> runCall(func::CallOp op, const Bounded &operands,
                                  bool tracksBounds);
  llvm::Expected<Bounded> runWhile(hlo::WhileOp op, const Bounded &operands,
                                   const Scope &scope);
  /// Runs the block of `branch`, whose choice was exact or not.
  llvm::Expected<Bounded> runBranch(Region &branch, bool exactChoice,
                                    const Scope &scope);

  /// A body callback that runs `region`'s block on scalar tensors (bodies
  /// carry no bounds; ErrorBounds.cpp has the rules of the ops with
  /// bodies).
  auto bodyOf(Region &region, const Scope &scope) {
    return [this, &region,
            &scope](ArrayRef<HostTensor> arguments) -> llvm::Expected<Tensors> {
      llvm::Expected<Bounded> results =
          runBlock(region.front(), arguments, &scope, /*tracksBounds=*/false);
      if (!results)
        return results.takeError();
      return std::move(results->values);
    };
  }

  int depth = 0;
  llvm::DenseSet<Operation *> verified;
};

llvm::Expected<Bounded> Interpreter::call(func::FuncOp func, BoundedRef inputs,
                                          Location callLoc, bool tracksBounds) {
  ArrayRef<HostTensor> values = inputs.values;
  if (func.isExternal())
    return errorAt(callLoc, "function '" + func.getSymName() +
                                "' has no body to interpret");
  // Verify each function once, before running any of it.
  if (verified.insert(func).second) {
    DiagnosticCollector diagnostics(*func.getContext());
    if (failed(mlir::verify(func)))
      return makeError(diagnostics.message(
          "function '" + func.getSymName().str() + "' does not verify"));
  }

  SmallVector<Type> inputTypes =
      flattenTuples(func.getFunctionType().getInputs());
  if (values.size() != inputTypes.size())
    return errorAt(callLoc, "function '" + func.getSymName() + "' takes " +
                                llvm::Twine(inputTypes.size()) +
                                " arguments, got " +
                                llvm::Twine(values.size()));
  for (size_t i = 0; i < values.size(); ++i) {
    llvm::Expected<TensorSpec> expected = tensorTypeOf(inputTypes[i]);
    if (!expected)
      return errorAt(func.getLoc(), "argument " + llvm::Twine(i) + ": " +
                                        llvm::toString(expected.takeError()));
    if (!matches(*expected, values[i]))
      return errorAt(
          callLoc, "argument " + llvm::Twine(i) + " of '" + func.getSymName() +
                       "' has type " + expected->typeString() +
                       " but the input is " + values[i].typeString());
  }

  if (++depth > kMaxCallDepth) {
    --depth;
    return errorAt(callLoc, "calls nest deeper than " +
                                llvm::Twine(kMaxCallDepth) +
                                " (is the function recursive?)");
  }
  llvm::Expected<Bounded> results =
      runBlock(func.getBody().front(), inputs, nullptr, tracksBounds);
  --depth;
  return results;
}

llvm::Expected<Bounded> Interpreter::runBlock(Block &block,
                                              BoundedRef arguments,
                                              const Scope *parent,
                                              bool tracksBounds) {
  Scope scope(parent, tracksBounds);
  bindFlattened(scope, block.getArguments(), arguments);

  for (Operation &op : block) {
    // A tuple's elements are kept as they are; reading one is a lookup.
    if (auto get = dyn_cast<hlo::GetTupleElementOp>(op)) {
      const Bounded *tuple = scope.lookupTuple(get.getOperand());
      if (!tuple)
        return errorAt(op.getLoc(), "the tuple read by 'get_tuple_element' "
                                    "has no value (unsupported IR)");
      scope.bind(get.getResult(), tuple->values[get.getIndex()],
                 tracksBounds ? tuple->bounds[get.getIndex()] : HostTensor());
      continue;
    }
    // Tuples pass calls and returns as their elements, one by one.
    Bounded operands;
    for (Value operand : op.getOperands()) {
      if (const Bounded *tuple = scope.lookupTuple(operand)) {
        llvm::append_range(operands.values, tuple->values);
        llvm::append_range(operands.bounds, tuple->bounds);
        continue;
      }
      const HostTensor *tensor = scope.lookup(operand);
      if (!tensor)
        return errorAt(op.getLoc(), "operand of '" +
                                        op.getName().getStringRef() +
                                        "' has no value (unsupported IR)");
      operands.values.push_back(*tensor);
      if (tracksBounds)
        operands.bounds.push_back(*scope.lookupBound(operand));
    }
    // Terminators hand their operands to the caller.
    if (isa<func::ReturnOp, hlo::ReturnOp>(op))
      return operands;
    if (auto tuple = dyn_cast<hlo::TupleOp>(op)) {
      scope.bindTuple(tuple.getResult(), std::move(operands));
      continue;
    }

    llvm::Expected<Bounded> results = runOp(&op, operands, scope);
    if (!results)
      return results.takeError();
    // Cross-check with the IR, so a mistake here cannot pass silently.
    SmallVector<Type> types = flattenTuples(op.getResultTypes());
    if (types.size() != results->values.size() ||
        (tracksBounds && types.size() != results->bounds.size()))
      return errorAt(op.getLoc(), "internal error: the interpreter computed " +
                                      llvm::Twine(results->values.size()) +
                                      " values for '" +
                                      op.getName().getStringRef() + "', not " +
                                      llvm::Twine(types.size()));
    for (size_t i = 0; i < types.size(); ++i) {
      const HostTensor &tensor = results->values[i];
      llvm::Expected<TensorSpec> expected = tensorTypeOf(types[i]);
      if (!expected)
        return errorAt(op.getLoc(), llvm::toString(expected.takeError()));
      if (!matches(*expected, tensor) ||
          (tracksBounds && results->bounds[i].shape() != tensor.shape()))
        return errorAt(op.getLoc(),
                       "internal error: the interpreter computed " +
                           tensor.typeString() + " for '" +
                           op.getName().getStringRef() + "', whose result is " +
                           expected->typeString());
    }
    bindFlattened(scope, op.getResults(), *results);
  }
  return errorAt(block.getParentOp()->getLoc(), "block has no terminator");
}

llvm::Expected<Bounded> Interpreter::runCall(func::CallOp op,
                                             const Bounded &operands,
                                             bool tracksBounds) {
  auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
      op, op.getCalleeAttr());
  if (!callee)
    return errorAt(op.getLoc(),
                   "no function named '" + op.getCallee() + "' to call");
  return call(callee, operands, op.getLoc(), tracksBounds);
}

llvm::Expected<Bounded> Interpreter::runWhile(hlo::WhileOp op,
                                              const Bounded &operands,
                                              const Scope &scope) {
  bool tracks = scope.tracksBounds();
  Bounded values = operands;
  bool exactCount = true;
  for (;;) {
    llvm::Expected<Bounded> cond =
        runBlock(op.getCond().front(), values, &scope, tracks);
    if (!cond)
      return cond.takeError();
    if (tracks && !isExactBound(cond->bounds.front()))
      exactCount = false;
    if (cond->values.front().getAsInt(0) == 0)
      break;
    llvm::Expected<Bounded> next =
        runBlock(op.getBody().front(), values, &scope, tracks);
    if (!next)
      return next.takeError();
    values = std::move(*next);
  }
  // Another trip count could give any values.
  if (tracks && !exactCount)
    values.bounds = unknownBounds(values.values);
  return values;
}

llvm::Expected<Bounded> Interpreter::runBranch(Region &branch, bool exactChoice,
                                               const Scope &scope) {
  llvm::Expected<Bounded> results =
      runBlock(branch.front(), BoundedRef(ArrayRef<HostTensor>()), &scope,
               scope.tracksBounds());
  if (results && scope.tracksBounds() && !exactChoice)
    results->bounds = unknownBounds(results->values);
  return results;
}

llvm::Expected<Bounded>
Interpreter::runOp(Operation *op, const Bounded &operands, const Scope &scope) {
  bool tracks = scope.tracksBounds();
  auto exactChoice = [&] {
    return !tracks || isExactBound(operands.bounds.front());
  };
  if (auto whileOp = dyn_cast<hlo::WhileOp>(op))
    return runWhile(whileOp, operands, scope);
  if (auto ifOp = dyn_cast<hlo::IfOp>(op)) {
    Region &branch = operands.values[0].getAsInt(0) != 0
                         ? ifOp.getTrueBranch()
                         : ifOp.getFalseBranch();
    return runBranch(branch, exactChoice(), scope);
  }
  if (auto caseOp = dyn_cast<hlo::CaseOp>(op)) {
    // An index out of range selects the last branch.
    int64_t index = operands.values[0].getAsInt(0);
    int64_t last = static_cast<int64_t>(caseOp.getBranches().size()) - 1;
    if (index < 0 || index > last)
      index = last;
    return runBranch(caseOp.getBranches()[index], exactChoice(), scope);
  }
  if (auto callOp = dyn_cast<func::CallOp>(op))
    return runCall(callOp, operands, tracks);
  if (isa<hlo::OptimizationBarrierOp>(op))
    return operands;

  llvm::Expected<Tensors> results = evaluate(op, operands.values, scope);
  if (!results)
    return results.takeError();
  if (!tracks)
    return Bounded{std::move(*results), {}};
  auto apply = [&](ArrayRef<HostTensor> substituted) {
    return evaluate(op, substituted, scope);
  };
  llvm::Expected<Tensors> bounds =
      errorBoundsOf(op, operands.values, operands.bounds, *results, apply);
  if (!bounds)
    return bounds.takeError();
  return Bounded{std::move(*results), std::move(*bounds)};
}

llvm::Expected<Tensors> Interpreter::evaluate(Operation *op,
                                              ArrayRef<HostTensor> operands,
                                              const Scope &scope) {
  if (UnaryFunction fn = unaryFunctionOf(op))
    return Tensors{fn(operands[0])};
  if (BinaryFunction fn = binaryFunctionOf(op))
    return Tensors{fn(operands[0], operands[1])};

  using Result = llvm::Expected<Tensors>;
  return llvm::TypeSwitch<Operation *, Result>(op)
      .Case([&](hlo::CompareOp op) -> Result {
        return Tensors{compareOp(
            operands[0], operands[1], op.getComparisonDirection(),
            op.getCompareType().value_or(hlo::ComparisonType::NOTYPE))};
      })
      .Case([&](hlo::SelectOp) -> Result {
        return Tensors{selectOp(operands[0], operands[1], operands[2])};
      })
      .Case([&](hlo::ClampOp) -> Result {
        return Tensors{clampOp(operands[0], operands[1], operands[2])};
      })
      .Case([&](hlo::ConvertOp op) -> Result {
        return Tensors{convertOp(operands[0], resultElementType(op))};
      })
      .Case([&](hlo::ReducePrecisionOp op) -> Result {
        return Tensors{reducePrecisionOp(operands[0], op.getExponentBits(),
                                         op.getMantissaBits())};
      })
      .Case([&](hlo::BitcastConvertOp op) -> Result {
        return Tensors{bitcastConvertOp(operands[0], resultElementType(op))};
      })
      .Case([&](hlo::ConstantOp op) -> Result {
        llvm::Expected<HostTensor> value = tensorFromAttr(op.getValue());
        if (!value)
          return errorAt(op.getLoc(), llvm::toString(value.takeError()));
        return Tensors{std::move(*value)};
      })
      .Case([&](hlo::IotaOp op) -> Result {
        return Tensors{iotaOp(resultElementType(op), resultShape(op),
                              op.getIotaDimension())};
      })
      .Case([&](hlo::BroadcastInDimOp op) -> Result {
        return Tensors{broadcastInDimOp(
            operands[0], op.getBroadcastDimensions(), resultShape(op))};
      })
      .Case([&](hlo::ReshapeOp op) -> Result {
        return Tensors{reshapeOp(operands[0], resultShape(op))};
      })
      .Case([&](hlo::TransposeOp op) -> Result {
        return Tensors{transposeOp(operands[0], op.getPermutation())};
      })
      .Case([&](hlo::SliceOp op) -> Result {
        return Tensors{sliceOp(operands[0], op.getStartIndices(),
                               op.getLimitIndices(), op.getStrides())};
      })
      .Case([&](hlo::ConcatenateOp op) -> Result {
        return Tensors{concatenateOp(operands, op.getDimension())};
      })
      .Case([&](hlo::PadOp op) -> Result {
        return Tensors{padOp(operands[0], operands[1], op.getEdgePaddingLow(),
                             op.getEdgePaddingHigh(), op.getInteriorPadding())};
      })
      .Case([&](hlo::ReverseOp op) -> Result {
        return Tensors{reverseOp(operands[0], op.getDimensions())};
      })
      .Case([&](hlo::DynamicSliceOp op) -> Result {
        return Tensors{dynamicSliceOp(operands[0], operands.drop_front(),
                                      op.getSliceSizes())};
      })
      .Case([&](hlo::DynamicUpdateSliceOp) -> Result {
        return Tensors{dynamicUpdateSliceOp(operands[0], operands[1],
                                            operands.drop_front(2))};
      })
      .Case([&](hlo::GatherOp op) -> Result {
        return Tensors{gatherOp(operands[0], operands[1], gatherConfigOf(op),
                                resultShape(op))};
      })
      .Case([&](hlo::ScatterOp op) -> Result {
        size_t n = op.getInputs().size();
        return scatterOp(operands.take_front(n), operands[n],
                         operands.drop_front(n + 1), scatterConfigOf(op),
                         bodyOf(op.getUpdateComputation(), scope));
      })
      .Case([&](hlo::ReduceOp op) -> Result {
        if (hlo::isPlainF32Sum(op))
          return Tensors{
              reduceSumF32(operands[0], operands[1], op.getDimensions())};
        // Folds whose body is one max or min run without the body.
        Operation *combiner = hlo::plainF32Combiner(op);
        if (isa_and_nonnull<hlo::MaxOp>(combiner))
          return Tensors{
              reduceMaximumF32(operands[0], operands[1], op.getDimensions())};
        if (isa_and_nonnull<hlo::MinOp>(combiner))
          return Tensors{
              reduceMinimumF32(operands[0], operands[1], op.getDimensions())};
        size_t n = op.getInputs().size();
        return reduceOp(operands.take_front(n), operands.drop_front(n),
                        op.getDimensions(), bodyOf(op.getBody(), scope));
      })
      .Case([&](hlo::ReduceWindowOp op) -> Result {
        size_t n = op.getInputs().size();
        return reduceWindowOp(operands.take_front(n), operands.drop_front(n),
                              windowConfigOf(op), bodyOf(op.getBody(), scope));
      })
      .Case([&](hlo::SelectAndScatterOp op) -> Result {
        llvm::Expected<HostTensor> result = selectAndScatterOp(
            operands[0], operands[1], operands[2], windowConfigOf(op),
            bodyOf(op.getSelect(), scope), bodyOf(op.getScatter(), scope));
        if (!result)
          return result.takeError();
        return Tensors{std::move(*result)};
      })
      .Case([&](hlo::SortOp op) -> Result {
        return sortOp(operands, op.getDimension(),
                      bodyOf(op.getComparator(), scope));
      })
      .Case([&](hlo::TopKOp op) -> Result {
        return topKOp(operands[0], static_cast<int64_t>(op.getK()));
      })
      .Case([&](hlo::DotGeneralOp op) -> Result {
        hlo::DotDimensionNumbersAttr dims = op.getDotDimensionNumbers();
        return Tensors{dotGeneralOp(
            operands[0], operands[1], dims.getLhsBatchingDimensions(),
            dims.getRhsBatchingDimensions(), dims.getLhsContractingDimensions(),
            dims.getRhsContractingDimensions(), resultElementType(op))};
      })
      .Case([&](hlo::ConvolutionOp op) -> Result {
        return Tensors{convolutionOp(operands[0], operands[1], convConfigOf(op),
                                     resultShape(op), resultElementType(op))};
      })
      .Default([&](Operation *op) -> Result {
        return errorAt(op->getLoc(), "the interpreter does not support '" +
                                         op->getName().getStringRef() + "'");
      });
}

} // namespace

llvm::Expected<HostTensor> tensorFromAttr(ElementsAttr attr) {
  llvm::Expected<TensorSpec> type = tensorTypeOf(attr.getType());
  if (!type)
    return type.takeError();
  HostTensor tensor(type->elementType, type->shape);
  int64_t i = 0;
  if (isFloat(type->elementType)) {
    if (auto values = attr.tryGetValues<APFloat>()) {
      for (APFloat v : *values) {
        // Every element type widens to double exactly.
        bool losesInfo;
        v.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
        tensor.setFromDouble(i++, v.convertToDouble());
      }
      return tensor;
    }
    // dense_resource blobs give their values only as C++ types.
    if (auto values = attr.tryGetValues<float>()) {
      for (float v : *values)
        tensor.setFromDouble(i++, v);
      return tensor;
    }
    if (auto values = attr.tryGetValues<double>()) {
      for (double v : *values)
        tensor.setFromDouble(i++, v);
      return tensor;
    }
  } else if (auto values = attr.tryGetValues<APInt>()) {
    // setFromInt keeps the low bits, so the sign extension of unsigned and
    // i1 values does not matter.
    for (const APInt &v : *values)
      tensor.setFromInt(i++, static_cast<int64_t>(v.getZExtValue()));
    return tensor;
  }
  return makeError("cannot read the values of this constant attribute");
}

llvm::Expected<std::vector<HostTensor>>
interpret(func::FuncOp func, const std::vector<HostTensor> &inputs) {
  Interpreter interpreter;
  llvm::Expected<Bounded> results =
      interpreter.call(func, BoundedRef(inputs), func.getLoc(),
                       /*tracksBounds=*/false);
  if (!results)
    return results.takeError();
  return std::move(results->values);
}

llvm::Expected<InterpretedResults>
interpretWithErrorBounds(func::FuncOp func,
                         const std::vector<HostTensor> &inputs) {
  // The inputs are exact.
  Tensors inputBounds;
  for (const HostTensor &input : inputs)
    inputBounds.push_back(HostTensor(ElementType::F64, input.shape()));
  Interpreter interpreter;
  llvm::Expected<Bounded> results = interpreter.call(
      func, {inputs, inputBounds}, func.getLoc(), /*tracksBounds=*/true);
  if (!results)
    return results.takeError();
  return InterpretedResults{std::move(results->values),
                            std::move(results->bounds)};
}

} // namespace kiln
