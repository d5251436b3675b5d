//===- Interpreter.cpp - Reference interpreter of the hlo dialect ---------===//
//
// Walks a function's block op by op, mapping each mlir::Value to a
// HostTensor, reads each op's attributes and calls its reference function in
// InterpreterOps.h. The whole function is verified first, so the op functions
// only see IR that satisfies the spec's constraints.
//
//===----------------------------------------------------------------------===//

#include "compiler/reference/Interpreter.h"

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

std::vector<int64_t> toVector(std::optional<ArrayRef<int64_t>> values) {
  if (!values)
    return {};
  return {values->begin(), values->end()};
}

/// A [rank, 2] padding attribute as (low, high) pairs.
std::vector<std::pair<int64_t, int64_t>>
paddingPairs(std::optional<DenseIntElementsAttr> padding) {
  std::vector<std::pair<int64_t, int64_t>> pairs;
  if (!padding)
    return pairs;
  std::vector<int64_t> values;
  for (const APInt &v : padding->getValues<APInt>())
    values.push_back(v.getSExtValue());
  for (size_t i = 0; i + 1 < values.size(); i += 2)
    pairs.emplace_back(values[i], values[i + 1]);
  return pairs;
}

WindowConfig windowConfigOf(hlo::ReduceWindowOp op) {
  WindowConfig config;
  config.windowDimensions = toVector(op.getWindowDimensions());
  config.windowStrides = toVector(op.getWindowStrides());
  config.baseDilations = toVector(op.getBaseDilations());
  config.windowDilations = toVector(op.getWindowDilations());
  config.padding = paddingPairs(op.getPadding());
  return config;
}

WindowConfig windowConfigOf(hlo::SelectAndScatterOp op) {
  WindowConfig config;
  config.windowDimensions = toVector(op.getWindowDimensions());
  config.windowStrides = toVector(op.getWindowStrides());
  config.padding = paddingPairs(op.getPadding());
  if (config.windowDimensions.empty())
    config.windowDimensions.assign(op.getOperand().getType().getRank(), 1);
  return config;
}

ConvConfig convConfigOf(hlo::ConvolutionOp op) {
  ConvConfig config;
  config.windowStrides = toVector(op.getWindowStrides());
  config.padding = paddingPairs(op.getPadding());
  config.lhsDilation = toVector(op.getLhsDilation());
  config.rhsDilation = toVector(op.getRhsDilation());
  if (std::optional<ArrayRef<bool>> reversal = op.getWindowReversal())
    config.windowReversal.assign(reversal->begin(), reversal->end());
  hlo::ConvDimensionNumbersAttr dims = op.getDimensionNumbers();
  config.inputBatchDimension = dims.getInputBatchDimension();
  config.inputFeatureDimension = dims.getInputFeatureDimension();
  config.inputSpatialDimensions = toVector(dims.getInputSpatialDimensions());
  config.kernelInputFeatureDimension = dims.getKernelInputFeatureDimension();
  config.kernelOutputFeatureDimension = dims.getKernelOutputFeatureDimension();
  config.kernelSpatialDimensions = toVector(dims.getKernelSpatialDimensions());
  config.outputBatchDimension = dims.getOutputBatchDimension();
  config.outputFeatureDimension = dims.getOutputFeatureDimension();
  config.outputSpatialDimensions = toVector(dims.getOutputSpatialDimensions());
  config.featureGroupCount = op.getFeatureGroupCount();
  config.batchGroupCount = op.getBatchGroupCount();
  return config;
}

GatherConfig gatherConfigOf(hlo::GatherOp op) {
  hlo::GatherDimensionNumbersAttr dims = op.getDimensionNumbers();
  GatherConfig config;
  config.offsetDims = toVector(dims.getOffsetDims());
  config.collapsedSliceDims = toVector(dims.getCollapsedSliceDims());
  config.operandBatchingDims = toVector(dims.getOperandBatchingDims());
  config.startIndicesBatchingDims =
      toVector(dims.getStartIndicesBatchingDims());
  config.startIndexMap = toVector(dims.getStartIndexMap());
  config.indexVectorDim = dims.getIndexVectorDim();
  config.sliceSizes = toVector(op.getSliceSizes());
  return config;
}

ScatterConfig scatterConfigOf(hlo::ScatterOp op) {
  hlo::ScatterDimensionNumbersAttr dims = op.getScatterDimensionNumbers();
  ScatterConfig config;
  config.updateWindowDims = toVector(dims.getUpdateWindowDims());
  config.insertedWindowDims = toVector(dims.getInsertedWindowDims());
  config.inputBatchingDims = toVector(dims.getInputBatchingDims());
  config.scatterIndicesBatchingDims =
      toVector(dims.getScatterIndicesBatchingDims());
  config.scatterDimsToOperandDims =
      toVector(dims.getScatterDimsToOperandDims());
  config.indexVectorDim = dims.getIndexVectorDim();
  return config;
}

/// The values computed so far in one block, with the enclosing block's
/// values visible (reduce bodies may use values from outside).
class Scope {
public:
  explicit Scope(const Scope *parent = nullptr) : parent(parent) {}

  const HostTensor *lookup(Value value) const {
    return find(&Scope::values, value);
  }
  void bind(Value value, HostTensor tensor) {
    values[value] = std::move(tensor);
  }

  /// The elements of a tuple value.
  const std::vector<HostTensor> *lookupTuple(Value value) const {
    return find(&Scope::tuples, value);
  }
  void bindTuple(Value value, std::vector<HostTensor> elements) {
    tuples[value] = std::move(elements);
  }

private:
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
  llvm::DenseMap<Value, HostTensor> values;
  llvm::DenseMap<Value, std::vector<HostTensor>> tuples;
};

using Tensors = std::vector<HostTensor>;

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
void bindFlattened(Scope &scope, ValueRange values, ArrayRef<HostTensor> flat) {
  size_t next = 0;
  for (Value value : values) {
    if (auto tuple = dyn_cast<TupleType>(value.getType())) {
      ArrayRef<HostTensor> elements = flat.slice(next, tuple.size());
      scope.bindTuple(value, Tensors(elements.begin(), elements.end()));
      next += tuple.size();
    } else {
      scope.bind(value, flat[next++]);
    }
  }
}

class Interpreter {
public:
  llvm::Expected<Tensors> call(func::FuncOp func, ArrayRef<HostTensor> inputs,
                               Location callLoc);

private:
  llvm::Expected<Tensors> runBlock(Block &block, ArrayRef<HostTensor> arguments,
                                   const Scope *parent);
  llvm::Expected<Tensors> runOp(Operation *op, ArrayRef<HostTensor> operands,
                                const Scope &scope);
  llvm::Expected<Tensors> runCall(func::CallOp op,
                                  ArrayRef<HostTensor> operands);
  llvm::Expected<Tensors>
  runWhile(hlo::WhileOp op, ArrayRef<HostTensor> operands, const Scope &scope);

  /// A body callback that runs `region`'s block on scalar tensors.
  auto bodyOf(Region &region, const Scope &scope) {
    return [this, &region, &scope](ArrayRef<HostTensor> arguments) {
      return runBlock(region.front(), arguments, &scope);
    };
  }

  int depth = 0;
  llvm::DenseSet<Operation *> verified;
};

llvm::Expected<Tensors> Interpreter::call(func::FuncOp func,
                                          ArrayRef<HostTensor> inputs,
                                          Location callLoc) {
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
  if (inputs.size() != inputTypes.size())
    return errorAt(callLoc, "function '" + func.getSymName() + "' takes " +
                                llvm::Twine(inputTypes.size()) +
                                " arguments, got " +
                                llvm::Twine(inputs.size()));
  for (size_t i = 0; i < inputs.size(); ++i) {
    llvm::Expected<TensorSpec> expected = tensorTypeOf(inputTypes[i]);
    if (!expected)
      return errorAt(func.getLoc(), "argument " + llvm::Twine(i) + ": " +
                                        llvm::toString(expected.takeError()));
    if (!matches(*expected, inputs[i]))
      return errorAt(
          callLoc, "argument " + llvm::Twine(i) + " of '" + func.getSymName() +
                       "' has type " + expected->typeString() +
                       " but the input is " + inputs[i].typeString());
  }

  if (++depth > kMaxCallDepth) {
    --depth;
    return errorAt(callLoc, "calls nest deeper than " +
                                llvm::Twine(kMaxCallDepth) +
                                " (is the function recursive?)");
  }
  llvm::Expected<Tensors> results =
      runBlock(func.getBody().front(), inputs, nullptr);
  --depth;
  return results;
}

llvm::Expected<Tensors> Interpreter::runBlock(Block &block,
                                              ArrayRef<HostTensor> arguments,
                                              const Scope *parent) {
  Scope scope(parent);
  bindFlattened(scope, block.getArguments(), arguments);

  for (Operation &op : block) {
    // A tuple's elements are kept as they are; reading one is a lookup.
    if (auto get = dyn_cast<hlo::GetTupleElementOp>(op)) {
      const Tensors *tuple = scope.lookupTuple(get.getOperand());
      if (!tuple)
        return errorAt(op.getLoc(), "the tuple read by 'get_tuple_element' "
                                    "has no value (unsupported IR)");
      scope.bind(get.getResult(), (*tuple)[get.getIndex()]);
      continue;
    }
    // Tuples pass calls and returns as their elements, one by one.
    Tensors operands;
    for (Value operand : op.getOperands()) {
      if (const Tensors *tuple = scope.lookupTuple(operand)) {
        operands.insert(operands.end(), tuple->begin(), tuple->end());
        continue;
      }
      const HostTensor *tensor = scope.lookup(operand);
      if (!tensor)
        return errorAt(op.getLoc(), "operand of '" +
                                        op.getName().getStringRef() +
                                        "' has no value (unsupported IR)");
      operands.push_back(*tensor);
    }
    // Terminators hand their operands to the caller.
    if (isa<func::ReturnOp, hlo::ReturnOp>(op))
      return operands;
    if (auto tuple = dyn_cast<hlo::TupleOp>(op)) {
      scope.bindTuple(tuple.getResult(), std::move(operands));
      continue;
    }

    llvm::Expected<Tensors> results = runOp(&op, operands, scope);
    if (!results)
      return results.takeError();
    // Cross-check with the IR, so a mistake here cannot pass silently.
    SmallVector<Type> types = flattenTuples(op.getResultTypes());
    if (types.size() != results->size())
      return errorAt(op.getLoc(), "internal error: the interpreter computed " +
                                      llvm::Twine(results->size()) +
                                      " values for '" +
                                      op.getName().getStringRef() + "', not " +
                                      llvm::Twine(types.size()));
    for (auto [type, tensor] : llvm::zip(types, *results)) {
      llvm::Expected<TensorSpec> expected = tensorTypeOf(type);
      if (!expected)
        return errorAt(op.getLoc(), llvm::toString(expected.takeError()));
      if (!matches(*expected, tensor))
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

llvm::Expected<Tensors> Interpreter::runCall(func::CallOp op,
                                             ArrayRef<HostTensor> operands) {
  auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
      op, op.getCalleeAttr());
  if (!callee)
    return errorAt(op.getLoc(),
                   "no function named '" + op.getCallee() + "' to call");
  return call(callee, operands, op.getLoc());
}

llvm::Expected<Tensors> Interpreter::runWhile(hlo::WhileOp op,
                                              ArrayRef<HostTensor> operands,
                                              const Scope &scope) {
  Tensors values(operands.begin(), operands.end());
  for (;;) {
    llvm::Expected<Tensors> cond =
        runBlock(op.getCond().front(), values, &scope);
    if (!cond)
      return cond.takeError();
    if (cond->front().getAsInt(0) == 0)
      return values;
    llvm::Expected<Tensors> next =
        runBlock(op.getBody().front(), values, &scope);
    if (!next)
      return next.takeError();
    values = std::move(*next);
  }
}

llvm::Expected<Tensors> Interpreter::runOp(Operation *op,
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
      .Case([&](hlo::OptimizationBarrierOp) -> Result {
        return Tensors(operands.begin(), operands.end());
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
      .Case([&](hlo::WhileOp op) -> Result {
        return runWhile(op, operands, scope);
      })
      .Case([&](hlo::IfOp op) -> Result {
        Region &branch = operands[0].getAsInt(0) != 0 ? op.getTrueBranch()
                                                      : op.getFalseBranch();
        return runBlock(branch.front(), {}, &scope);
      })
      .Case([&](hlo::CaseOp op) -> Result {
        // An index out of range selects the last branch.
        int64_t index = operands[0].getAsInt(0);
        int64_t last = static_cast<int64_t>(op.getBranches().size()) - 1;
        if (index < 0 || index > last)
          index = last;
        return runBlock(op.getBranches()[index].front(), {}, &scope);
      })
      .Case([&](func::CallOp op) -> Result { return runCall(op, operands); })
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
  return interpreter.call(func, inputs, func.getLoc());
}

} // namespace kiln
