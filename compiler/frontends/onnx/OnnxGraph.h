//===- OnnxGraph.h - The state of one ONNX import, and a node's view -*- C++
//-*-//
//
// Internal to the ONNX frontend. The importer walks the graph's nodes in
// order; each op's translation (OnnxOps*.cpp) sees its node through an
// OnnxNode: inputs as GraphValues, inputs that must be known at import time
// (a Reshape's shape, a Slice's starts) as host tensors, and attributes with
// their ONNX defaults. Every error names the node.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTENDS_ONNX_ONNXGRAPH_H
#define KILN_COMPILER_FRONTENDS_ONNX_ONNXGRAPH_H

#include "compiler/frontends/builder/GraphBuilder.h"
#include "runtime/HostTensor.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>
#include <unordered_map>

namespace kiln::onnx_import {

/// Everything one import shares: the builder, the model's values by name,
/// and the values known at import time.
class OnnxGraph {
public:
  OnnxGraph(mlir::MLIRContext &context, std::string fileName,
            std::string baseDir, int64_t opset)
      : builder(context), fileName(std::move(fileName)),
        baseDir(std::move(baseDir)), opset(opset) {}

  GraphBuilder builder;
  /// The model file as messages name it.
  std::string fileName;
  /// Where external data files are looked for.
  std::string baseDir;
  /// The version of the default ("ai.onnx") op set the model imports.
  int64_t opset;

  /// Defines `name` (an ONNX value) as `value`.
  void define(const std::string &name, GraphValue value) {
    values[name] = value;
  }
  /// Defines `name` as a constant holding `tensor`.
  llvm::Error defineConstant(const std::string &name, const HostTensor &tensor);
  /// The value named `name`, or null.
  GraphValue lookup(const std::string &name) const;
  /// The host tensor of a value known at import time, or null.
  const HostTensor *known(const std::string &name) const;
  /// Evaluates `name`'s value at import time when everything it depends on
  /// is known and it is small (shape arithmetic, not weights), so later
  /// nodes can read it as an attribute, and redefines it as a constant; a
  /// no-op otherwise. For outputs of nodes whose inputs are all known.
  void tryFold(const std::string &name);

private:
  std::unordered_map<std::string, GraphValue> values;
  std::unordered_map<std::string, HostTensor> knownValues;
};

/// One node as its op's translation sees it.
class OnnxNode {
public:
  OnnxNode(OnnxGraph &graph, const onnx::NodeProto &proto, int index)
      : graph(graph), proto(proto), index(index) {}

  OnnxGraph &graph;
  const onnx::NodeProto &proto;
  /// The node's position in the graph, for unnamed nodes.
  int index;

  GraphBuilder &builder() { return graph.builder; }
  int64_t opset() const { return graph.opset; }
  llvm::StringRef opType() const { return proto.op_type(); }
  /// "node 'name' (OpType)", or "node 12 (OpType)" for an unnamed node.
  std::string describe() const;
  /// "file: node 'name' (OpType): message" as an llvm::Error.
  llvm::Error error(const llvm::Twine &message) const;
  /// An error from GraphBuilder, reworded as this node's (the builder's
  /// method name is Kiln's, not the user's).
  llvm::Error error(llvm::Error builderError) const;

  /// Whether input `i` is given (ONNX marks a skipped optional input with
  /// an empty name).
  bool hasInput(int i) const {
    return i < proto.input_size() && !proto.input(i).empty();
  }
  int inputCount() const { return proto.input_size(); }
  /// Input `i`, or an error when it is missing or undefined.
  llvm::Expected<GraphValue> input(int i) const;
  /// Input `i`'s value, which must be known at import time (a constant or
  /// computed from constants); the error says so, naming `what`.
  llvm::Expected<const HostTensor *> knownInput(int i,
                                                llvm::StringRef what) const;
  /// Input `i` as a list of integers (a shape, axes, pads), known at import.
  llvm::Expected<llvm::SmallVector<int64_t>>
  knownInts(int i, llvm::StringRef what) const;
  /// Whether output `i` is wanted (named).
  bool hasOutput(int i) const {
    return i < proto.output_size() && !proto.output(i).empty();
  }
  /// Defines output `i` as `value` (a builder error becomes the node's).
  llvm::Error setOutput(int i, llvm::Expected<GraphValue> value);
  /// Defines output `i` as a constant computed at import time.
  llvm::Error setKnownOutput(int i, const HostTensor &value);

  /// Attributes, with the default the ONNX spec gives when absent.
  const onnx::AttributeProto *attribute(llvm::StringRef name) const;
  int64_t intAttr(llvm::StringRef name, int64_t defaultValue) const;
  float floatAttr(llvm::StringRef name, float defaultValue) const;
  std::string stringAttr(llvm::StringRef name,
                         llvm::StringRef defaultValue) const;
  std::optional<llvm::SmallVector<int64_t>>
  intsAttr(llvm::StringRef name) const;
  /// An ints attribute with one value per dimension (`count` values), or
  /// `count` copies of `fill` when absent or empty; an error names an
  /// attribute of another length.
  llvm::Expected<llvm::SmallVector<int64_t>>
  intsAttr(llvm::StringRef name, int64_t fill, size_t count) const;
  /// Fails naming the first attribute no accessor above has read: run
  /// after the translation, so an attribute Kiln would silently ignore is an
  /// error instead (a translation reads every attribute it understands).
  llvm::Error checkAllAttributesRead() const;

private:
  mutable llvm::StringSet<> readAttributes;
};

/// Inside a translation: binds `var` to the GraphValue of the Expected
/// `expr`, or returns its error as the node's (`node` in scope).
#define ONNX_ASSIGN_OR_RETURN(var, expr)                                       \
  auto var##OrError = (expr);                                                  \
  if (!var##OrError)                                                           \
    return node.error(var##OrError.takeError());                               \
  GraphValue var = *var##OrError

/// Translates one node into hlo ops.
using OpTranslation = llvm::Error (*)(OnnxNode &node);

/// The op translations, by ONNX op type (default domain).
const llvm::StringMap<OpTranslation> &opTranslations();

/// Each file of op translations adds its ops.
void addElementwiseOps(llvm::StringMap<OpTranslation> &table);
void addNeuralNetworkOps(llvm::StringMap<OpTranslation> &table);
void addShapeOps(llvm::StringMap<OpTranslation> &table);
void addReductionOps(llvm::StringMap<OpTranslation> &table);
void addResizeOps(llvm::StringMap<OpTranslation> &table);

/// The MLIR element type of a Kiln element type.
mlir::Type mlirElementType(ElementType type, mlir::MLIRContext &context);

/// Normalizes an ONNX axis (negative counts from the end) for `rank`.
llvm::Expected<int64_t> normalizeAxis(const OnnxNode &node, int64_t axis,
                                      int64_t rank);

} // namespace kiln::onnx_import

#endif // KILN_COMPILER_FRONTENDS_ONNX_ONNXGRAPH_H
