//===- OnnxGraph.cpp - The state of one ONNX import, and a node's view ----===//

#include "compiler/frontends/onnx/OnnxGraph.h"

#include "compiler/reference/Interpreter.h"
#include "dialects/hlo/HloElementTypes.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using llvm::Expected;
using llvm::StringRef;

namespace kiln::onnx_import {

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Values larger than this are not evaluated at import time: shape
/// arithmetic is a handful of integers, and folding weights belongs to the
/// graph passes.
constexpr int64_t kMaxFoldedElements = 4096;

/// The elements of `tensor` as an MLIR constant attribute.
DenseElementsAttr attrOf(const HostTensor &tensor, MLIRContext &context) {
  auto type = RankedTensorType::get(
      tensor.shape(), mlirElementType(tensor.elementType(), context));
  if (tensor.elementType() == ElementType::I1) {
    llvm::SmallVector<bool> bits;
    for (int64_t i = 0; i < tensor.numElements(); ++i)
      bits.push_back(tensor.getAsInt(i) != 0);
    return DenseElementsAttr::get(type, bits);
  }
  return DenseElementsAttr::getFromRawBuffer(
      type, llvm::ArrayRef(static_cast<const char *>(tensor.data()),
                           tensor.sizeInBytes()));
}

} // namespace

//===----------------------------------------------------------------------===//
// OnnxGraph
//===----------------------------------------------------------------------===//

llvm::Error OnnxGraph::defineConstant(const std::string &name,
                                      const HostTensor &tensor) {
  Expected<GraphValue> value =
      builder.constant(attrOf(tensor, builder.getContext()));
  if (!value)
    return value.takeError();
  values[name] = *value;
  if (tensor.numElements() <= kMaxFoldedElements)
    knownValues.insert_or_assign(name, tensor);
  return llvm::Error::success();
}

GraphValue OnnxGraph::lookup(const std::string &name) const {
  auto it = values.find(name);
  return it == values.end() ? GraphValue() : it->second;
}

const HostTensor *OnnxGraph::known(const std::string &name) const {
  auto it = knownValues.find(name);
  return it == knownValues.end() ? nullptr : &it->second;
}

void OnnxGraph::tryFold(const std::string &name) {
  GraphValue value = lookup(name);
  if (!value || knownValues.count(name) ||
      value.type().getNumElements() > kMaxFoldedElements)
    return;
  // The importer asks only when every input of the node is known, i.e. a
  // constant, so the slice below is the node's own ops and constants.
  Operation *definingOp = value.value().getDefiningOp();
  if (!definingOp)
    return; // a graph input
  // Every known value is an hlo.constant, so the slice of a value computed
  // only from known ones ends at constants; one that reaches an argument
  // depends on the graph's inputs.
  llvm::SetVector<Operation *> slice;
  BackwardSliceOptions options;
  options.inclusive = true;
  getBackwardSlice(definingOp, &slice, options);
  for (Operation *op : slice)
    for (Value operand : op->getOperands())
      if (isa<BlockArgument>(operand))
        return;
  for (Operation *op : slice)
    if (auto constant = dyn_cast<hlo::ConstantOp>(op))
      if (cast<ShapedType>(constant.getType()).getNumElements() >
          kMaxFoldedElements)
        return;

  // Evaluate a copy of the slice with the reference interpreter.
  MLIRContext &context = builder.getContext();
  OpBuilder b(&context);
  OwningOpRef<ModuleOp> module = ModuleOp::create(b.getUnknownLoc());
  b.setInsertionPointToEnd(module->getBody());
  auto func = b.create<func::FuncOp>(b.getUnknownLoc(), "fold",
                                     b.getFunctionType({}, {value.type()}));
  b.setInsertionPointToEnd(func.addEntryBlock());
  IRMapping mapping;
  for (Operation *op : slice)
    b.clone(*op, mapping);
  b.create<func::ReturnOp>(b.getUnknownLoc(), mapping.lookup(value.value()));
  Expected<std::vector<HostTensor>> results = interpret(func, {});
  if (!results) {
    // The value stays a run-time one; the graph's own checks report
    // whatever made the interpreter refuse.
    llvm::consumeError(results.takeError());
    return;
  }
  // From now on the value is a constant, so the slices of later folds stop
  // here (the ops that computed it are dead and canonicalization drops
  // them).
  if (llvm::Error error = defineConstant(name, results->front()))
    llvm::consumeError(std::move(error));
}

//===----------------------------------------------------------------------===//
// OnnxNode
//===----------------------------------------------------------------------===//

std::string OnnxNode::describe() const {
  std::string who = proto.name().empty() ? "node " + std::to_string(index)
                                         : "node '" + proto.name() + "'";
  return who + " (" + proto.op_type() + ")";
}

llvm::Error OnnxNode::error(const llvm::Twine &message) const {
  return makeError(graph.fileName + ": " + describe() + ": error: " + message);
}

llvm::Error OnnxNode::error(llvm::Error builderError) const {
  std::string message = llvm::toString(std::move(builderError));
  // "GraphBuilder::reshape: cannot ..." -> "cannot ..."; errors that are
  // already the node's pass through.
  if (!StringRef(message).starts_with("GraphBuilder::"))
    return makeError(message);
  if (size_t colon = message.find(": "); colon != std::string::npos)
    message = message.substr(colon + 2);
  return error(message);
}

Expected<GraphValue> OnnxNode::input(int i) const {
  if (!hasInput(i))
    return error("input " + llvm::Twine(i) + " is required");
  GraphValue value = graph.lookup(proto.input(i));
  if (!value)
    return error("input " + llvm::Twine(i) + " ('" + proto.input(i) +
                 "') is not defined by an earlier node, an initializer or a "
                 "graph input");
  return value;
}

Expected<const HostTensor *> OnnxNode::knownInput(int i, StringRef what) const {
  if (!hasInput(i))
    return error("input " + llvm::Twine(i) + " (" + what + ") is required");
  if (const HostTensor *tensor = graph.known(proto.input(i)))
    return tensor;
  return error("input " + llvm::Twine(i) + " ('" + proto.input(i) + "', " +
               what +
               ") is computed at run time, which is not supported: Kiln "
               "compiles static shapes, so it must be a constant or computed "
               "from constants and the inputs' shapes");
}

Expected<llvm::SmallVector<int64_t>> OnnxNode::knownInts(int i,
                                                         StringRef what) const {
  Expected<const HostTensor *> tensor = knownInput(i, what);
  if (!tensor)
    return tensor.takeError();
  if ((*tensor)->elementType() == ElementType::F32 || (*tensor)->rank() > 1)
    return error("input " + llvm::Twine(i) + " (" + what +
                 ") must be a 1-D integer tensor");
  llvm::SmallVector<int64_t> values;
  for (int64_t k = 0; k < (*tensor)->numElements(); ++k)
    values.push_back((*tensor)->getAsInt(k));
  return values;
}

llvm::Error OnnxNode::setOutput(int i, Expected<GraphValue> value) {
  if (!value)
    return error(value.takeError());
  if (hasOutput(i))
    graph.define(proto.output(i), *value);
  return llvm::Error::success();
}

llvm::Error OnnxNode::setKnownOutput(int i, const HostTensor &value) {
  if (!hasOutput(i))
    return llvm::Error::success();
  if (llvm::Error error = graph.defineConstant(proto.output(i), value))
    return this->error(std::move(error));
  return llvm::Error::success();
}

const onnx::AttributeProto *OnnxNode::attribute(StringRef name) const {
  readAttributes.insert(name);
  for (const onnx::AttributeProto &attr : proto.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

int64_t OnnxNode::intAttr(StringRef name, int64_t defaultValue) const {
  const onnx::AttributeProto *attr = attribute(name);
  return attr ? attr->i() : defaultValue;
}

float OnnxNode::floatAttr(StringRef name, float defaultValue) const {
  const onnx::AttributeProto *attr = attribute(name);
  return attr ? attr->f() : defaultValue;
}

std::string OnnxNode::stringAttr(StringRef name, StringRef defaultValue) const {
  const onnx::AttributeProto *attr = attribute(name);
  return attr ? attr->s() : defaultValue.str();
}

std::optional<llvm::SmallVector<int64_t>>
OnnxNode::intsAttr(StringRef name) const {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr)
    return std::nullopt;
  return llvm::SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

Expected<llvm::SmallVector<int64_t>>
OnnxNode::intsAttr(StringRef name, int64_t fill, size_t count) const {
  llvm::SmallVector<int64_t> values =
      intsAttr(name).value_or(llvm::SmallVector<int64_t>());
  if (values.empty())
    return llvm::SmallVector<int64_t>(count, fill);
  if (values.size() != count)
    return error("attribute " + name + " has " + llvm::Twine(values.size()) +
                 " values; expected " + llvm::Twine(count));
  return values;
}

llvm::Error OnnxNode::checkAllAttributesRead() const {
  for (const onnx::AttributeProto &attr : proto.attribute())
    // Opsets before 6 marked inputs a backend may overwrite in place: a
    // hint, not semantics.
    if (!readAttributes.contains(attr.name()) &&
        !(opset() < 6 && attr.name() == "consumed_inputs"))
      return error("attribute '" + attr.name() + "' of " + proto.op_type() +
                   " (opset " + llvm::Twine(graph.opset) +
                   ") is not supported");
  return llvm::Error::success();
}

Type mlirElementType(ElementType type, MLIRContext &context) {
  return hlo::mlirElementTypeOf(type, &context);
}

Expected<int64_t> normalizeAxis(const OnnxNode &node, int64_t axis,
                                int64_t rank) {
  if (axis < -rank || axis >= rank)
    return node.error("axis " + llvm::Twine(axis) +
                      " is out of range for a tensor of rank " +
                      llvm::Twine(rank));
  return axis < 0 ? axis + rank : axis;
}

const llvm::StringMap<OpTranslation> &opTranslations() {
  static const llvm::StringMap<OpTranslation> table = [] {
    llvm::StringMap<OpTranslation> table;
    addElementwiseOps(table);
    addNeuralNetworkOps(table);
    addShapeOps(table);
    addReductionOps(table);
    addResizeOps(table);
    return table;
  }();
  return table;
}

} // namespace kiln::onnx_import
