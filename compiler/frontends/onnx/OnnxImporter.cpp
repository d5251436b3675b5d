//===- OnnxImporter.cpp - Reading ONNX models as hlo graphs ---------------===//
//
// Reads the protobuf, runs ONNX's checker and shape inference, then builds
// the graph: inputs (dynamic dimensions specialized by the caller),
// initializers as constants, each node through its op's translation, and
// the outputs, whose shapes are checked against what the model declares.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/onnx/OnnxImporter.h"

#include "compiler/frontends/onnx/OnnxGraph.h"
#include "compiler/frontends/onnx/OnnxTensor.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>
#include <optional>

using namespace mlir;
using llvm::Expected;
using llvm::StringRef;

namespace kiln {

namespace {

using onnx_import::OnnxGraph;
using onnx_import::OnnxNode;

/// The op set versions of the default domain Kiln's translations follow
/// (ONNX 1.12, the Debian stack's, defines up to 17).
constexpr int64_t kMinOpset = 1, kMaxOpset = 17;

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// An exception's message on one line (ONNX's span several, with the
/// offending node printed in its text format).
std::string oneLine(const char *what) {
  std::string text;
  for (const char *c = what; *c; ++c) {
    bool space = std::isspace(static_cast<unsigned char>(*c));
    if (space && (text.empty() || text.back() == ' '))
      continue;
    text += space ? ' ' : *c;
  }
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text;
}

std::string shapeText(llvm::ArrayRef<int64_t> shape) {
  std::string text;
  for (int64_t size : shape)
    text += (text.empty() ? "" : "x") + std::to_string(size);
  return text.empty() ? "scalar" : text;
}

/// The version of the default op set `model` imports.
Expected<int64_t> defaultOpset(const onnx::ModelProto &model, StringRef file) {
  for (const onnx::OperatorSetIdProto &set : model.opset_import())
    if (set.domain().empty() || set.domain() == "ai.onnx") {
      int64_t version = set.version();
      if (version < kMinOpset || version > kMaxOpset)
        return makeError(file + ": error: the model imports ONNX opset " +
                         llvm::Twine(version) + "; Kiln reads opsets " +
                         llvm::Twine(kMinOpset) + " to " +
                         llvm::Twine(kMaxOpset));
      return version;
    }
  std::string domains;
  for (const onnx::OperatorSetIdProto &set : model.opset_import())
    domains += (domains.empty() ? "" : ", ") + set.domain();
  return makeError(file +
                   ": error: the model imports only op sets whose "
                   "ops are not supported (" +
                   domains + "); Kiln reads the default ONNX op set, ai.onnx");
}

/// Replaces the dynamic dimensions of the graph's inputs by the sizes
/// `options` gives, so that shape inference and the import see one static
/// graph. Fails naming an input whose size is left open or contradicted.
llvm::Error specializeInputs(onnx::GraphProto &graph,
                             const std::set<std::string> &initializers,
                             const OnnxImportOptions &options, StringRef file) {
  std::set<std::string> seen;
  for (onnx::ValueInfoProto &input : *graph.mutable_input()) {
    if (initializers.count(input.name()))
      continue;
    seen.insert(input.name());
    if (auto bound = options.boundInputs.find(input.name());
        bound != options.boundInputs.end()) {
      // The value's shape is the input's.
      auto *shape =
          input.mutable_type()->mutable_tensor_type()->mutable_shape();
      shape->clear_dim();
      for (int64_t size : bound->second.shape())
        shape->add_dim()->set_dim_value(size);
      continue;
    }
    if (!input.type().has_tensor_type())
      return makeError(file + ": error: input '" + input.name() +
                       "' is not a tensor (sequences, maps and optionals "
                       "are not supported)");
    auto *tensorType = input.mutable_type()->mutable_tensor_type();
    if (!tensorType->has_shape())
      return makeError(file + ": error: input '" + input.name() +
                       "' has no shape; give one with --shape " + input.name() +
                       "=...");
    auto *shape = tensorType->mutable_shape();
    auto given = options.inputShapes.find(input.name());
    std::vector<int64_t> declared;
    for (const auto &dim : shape->dim())
      declared.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
    if (given != options.inputShapes.end()) {
      const std::vector<int64_t> &sizes = given->second;
      bool agrees = sizes.size() == declared.size();
      for (size_t i = 0; agrees && i < sizes.size(); ++i)
        agrees = declared[i] < 0 || declared[i] == sizes[i];
      if (!agrees)
        return makeError(file + ": error: --shape " + input.name() + "=" +
                         shapeText(sizes) + " does not match the input's " +
                         "declared shape " + shapeText(declared) +
                         " (-1 marks a dynamic dimension)");
      for (size_t i = 0; i < sizes.size(); ++i)
        shape->mutable_dim(static_cast<int>(i))->set_dim_value(sizes[i]);
      continue;
    }
    for (int i = 0; i < shape->dim_size(); ++i)
      if (declared[i] < 0) {
        // The example fills the open dimensions with 1.
        std::vector<int64_t> example = declared;
        for (int64_t &size : example)
          size = std::max<int64_t>(size, 1);
        std::string name = shape->dim(i).dim_param();
        return makeError(file + ": error: input '" + input.name() +
                         "' has a dynamic dimension " + llvm::Twine(i) +
                         (name.empty() ? "" : " ('" + name + "')") +
                         "; give its shape with --shape " + input.name() + "=" +
                         shapeText(example));
      }
  }
  for (const auto &[name, sizes] : options.inputShapes)
    if (!seen.count(name))
      return makeError(file + ": error: --shape names '" + name +
                       "', which is not an input of the model");
  for (const auto &[name, value] : options.boundInputs)
    if (!seen.count(name))
      return makeError(file + ": error: a bound value names '" + name +
                       "', which is not an input of the model");
  return llvm::Error::success();
}

class Importer {
public:
  Importer(MLIRContext &context, std::string file, std::string baseDir,
           int64_t opset, const std::map<std::string, HostTensor> &bound)
      : graph(context, std::move(file), std::move(baseDir), opset),
        bound(bound) {}

  /// `initializers` names the graph's initializers, which its input list
  /// may also name.
  Expected<OwningOpRef<ModuleOp>>
  run(const onnx::GraphProto &proto, const std::set<std::string> &initializers);

private:
  llvm::Error addInputs(const onnx::GraphProto &proto,
                        const std::set<std::string> &initializers);
  llvm::Error addInitializers(const onnx::GraphProto &proto);
  llvm::Error addNode(const onnx::NodeProto &node, int index);
  /// The location of every op a node produces: its name and op type,
  /// inside the model file.
  Location nodeLocation(const OnnxNode &node);

  OnnxGraph graph;
  const std::map<std::string, HostTensor> &bound;
};

Location Importer::nodeLocation(const OnnxNode &node) {
  MLIRContext &context = graph.builder.getContext();
  auto file = FileLineColLoc::get(&context, graph.fileName, 0, 0);
  return NameLoc::get(StringAttr::get(&context, node.describe()), file);
}

llvm::Error Importer::addInputs(const onnx::GraphProto &proto,
                                const std::set<std::string> &initializers) {
  for (const onnx::ValueInfoProto &input : proto.input()) {
    if (initializers.count(input.name()))
      continue;
    const auto &tensorType = input.type().tensor_type();
    Expected<ElementType> type = elementTypeOfOnnx(tensorType.elem_type());
    if (!type)
      return makeError(graph.fileName + ": error: input '" + input.name() +
                       "': " + llvm::toString(type.takeError()));
    if (auto value = bound.find(input.name()); value != bound.end()) {
      if (value->second.elementType() != *type)
        return makeError(graph.fileName + ": error: input '" + input.name() +
                         "' is bound to a " + value->second.typeString() +
                         ", but the model declares " +
                         onnxTypeName(tensorType.elem_type()));
      if (llvm::Error error = graph.defineConstant(input.name(), value->second))
        return error;
      continue;
    }
    llvm::SmallVector<int64_t> shape;
    for (const auto &dim : tensorType.shape().dim())
      shape.push_back(dim.dim_value());
    Expected<GraphValue> value = graph.builder.parameter(
        shape, onnx_import::mlirElementType(*type, graph.builder.getContext()),
        input.name());
    if (!value)
      return makeError(graph.fileName + ": error: input '" + input.name() +
                       "': " + llvm::toString(value.takeError()));
    graph.define(input.name(), *value);
  }
  return llvm::Error::success();
}

llvm::Error Importer::addInitializers(const onnx::GraphProto &proto) {
  for (const onnx::TensorProto &tensor : proto.initializer()) {
    Expected<HostTensor> value = decodeOnnxTensor(tensor, graph.baseDir);
    if (!value)
      return makeError(graph.fileName + ": error: initializer '" +
                       tensor.name() +
                       "': " + llvm::toString(value.takeError()));
    graph.builder.setLocation(
        NameLoc::get(StringAttr::get(&graph.builder.getContext(),
                                     "initializer '" + tensor.name() + "'"),
                     FileLineColLoc::get(&graph.builder.getContext(),
                                         graph.fileName, 0, 0)));
    if (llvm::Error error = graph.defineConstant(tensor.name(), *value))
      return error;
  }
  return llvm::Error::success();
}

llvm::Error Importer::addNode(const onnx::NodeProto &proto, int index) {
  OnnxNode node(graph, proto, index);
  if (!proto.domain().empty() && proto.domain() != "ai.onnx")
    return node.error("ops of domain '" + proto.domain() +
                      "' are not supported (Kiln reads the default ONNX op "
                      "set, ai.onnx)");
  const auto &table = onnx_import::opTranslations();
  auto translation = table.find(proto.op_type());
  if (translation == table.end())
    return node.error("ONNX op " + proto.op_type() + " (opset " +
                      llvm::Twine(graph.opset) + ") is not supported");
  graph.builder.setLocation(nodeLocation(node));
  if (llvm::Error error = translation->second(node))
    return error;
  if (llvm::Error error = node.checkAllAttributesRead())
    return error;
  // Shape arithmetic on known values is evaluated now (a later Reshape may
  // need it); checking the inputs first keeps this linear in the graph.
  bool inputsKnown = llvm::all_of(proto.input(), [&](const std::string &name) {
    return name.empty() || graph.known(name);
  });
  for (int i = 0; i < proto.output_size(); ++i)
    if (node.hasOutput(i)) {
      if (!graph.lookup(proto.output(i)))
        return node.error("output " + llvm::Twine(i) + " ('" + proto.output(i) +
                          "') is not supported");
      if (inputsKnown)
        graph.tryFold(proto.output(i));
    }
  return llvm::Error::success();
}

Expected<OwningOpRef<ModuleOp>>
Importer::run(const onnx::GraphProto &proto,
              const std::set<std::string> &initializers) {
  if (llvm::Error error = addInputs(proto, initializers))
    return std::move(error);
  if (llvm::Error error = addInitializers(proto))
    return std::move(error);
  for (int i = 0; i < proto.node_size(); ++i)
    if (llvm::Error error = addNode(proto.node(i), i))
      return std::move(error);

  llvm::SmallVector<GraphValue> results;
  std::vector<std::string> names;
  for (const onnx::ValueInfoProto &output : proto.output()) {
    names.push_back(output.name());
    GraphValue value = graph.lookup(output.name());
    if (!value)
      return makeError(graph.fileName + ": error: output '" + output.name() +
                       "' is not computed by any node");
    // A declared static shape that differs from the one built is a bug in
    // a translation: say so rather than run a different graph.
    const auto &declared = output.type().tensor_type().shape();
    bool isStatic = output.type().tensor_type().has_shape();
    llvm::SmallVector<int64_t> sizes;
    for (const auto &dim : declared.dim()) {
      isStatic &= dim.has_dim_value();
      sizes.push_back(dim.dim_value());
    }
    if (isStatic && llvm::ArrayRef(sizes) != value.shape())
      return makeError(graph.fileName + ": error: output '" + output.name() +
                       "' has shape " + shapeText(value.shape()) +
                       " in Kiln's import but " + shapeText(sizes) +
                       " in the model (a bug in Kiln's ONNX frontend)");
    results.push_back(value);
  }
  // Every translation checks what it builds, so a graph that does not
  // verify is a bug in one of them.
  Expected<OwningOpRef<ModuleOp>> module = graph.builder.build(results, names);
  if (!module)
    return makeError(graph.fileName +
                     ": error: a bug in Kiln's ONNX frontend: " +
                     llvm::toString(module.takeError()));
  return module;
}

} // namespace

/// Calls `visit` on every tensor of `graph` that keeps its data in an
/// external file: initializers and node attributes, subgraphs included.
static void forEachExternalTensor(
    const onnx::GraphProto &graph,
    llvm::function_ref<void(const onnx::TensorProto &)> visit) {
  auto tensor = [&](const onnx::TensorProto &t) {
    if (t.data_location() == onnx::TensorProto::EXTERNAL)
      visit(t);
  };
  for (const onnx::TensorProto &t : graph.initializer())
    tensor(t);
  // Subgraphs nest no deeper than the protobuf parser allows (100 levels).
  for (const onnx::NodeProto &node : graph.node())
    for (const onnx::AttributeProto &attribute : node.attribute()) {
      if (attribute.has_t())
        tensor(attribute.t());
      for (const onnx::TensorProto &t : attribute.tensors())
        tensor(t);
      if (attribute.has_g())
        forEachExternalTensor(attribute.g(), visit);
      for (const onnx::GraphProto &g : attribute.graphs())
        forEachExternalTensor(g, visit);
    }
}

/// Checks the model's external data before ONNX's checker looks for the
/// files: a model read from memory has none, and every location stays in
/// the model's directory. Returns whether there is any.
static Expected<bool> checkExternalData(const onnx::ModelProto &model,
                                        const std::string &file,
                                        bool fromFile) {
  bool any = false;
  llvm::Error error = llvm::Error::success();
  forEachExternalTensor(model.graph(), [&](const onnx::TensorProto &tensor) {
    if (error)
      return;
    any = true;
    if (!fromFile) {
      error = makeError(file + ": error: the model keeps data in external "
                               "files, which are read only for a model read "
                               "from its file");
      return;
    }
    if (Expected<std::string> location = externalDataLocation(tensor);
        !location)
      error = makeError(file + ": error: tensor '" + tensor.name() +
                        "': " + llvm::toString(location.takeError()));
  });
  if (error)
    return std::move(error);
  return any;
}

/// Imports the model in `bytes`, named `file`; its external data files are
/// read from `directory`, or refused when there is none.
static Expected<OwningOpRef<ModuleOp>>
importModel(StringRef bytes, const std::string &file,
            std::optional<std::string> directory, MLIRContext &context,
            const OnnxImportOptions &options) {
  onnx::ModelProto model;
  if (bytes.size() > size_t(INT32_MAX) ||
      !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return makeError(file + ": error: not a valid ONNX model (the protobuf "
                            "does not parse; is the file truncated?)");
  Expected<int64_t> opset = defaultOpset(model, file);
  if (!opset)
    return opset.takeError();
  std::set<std::string> initializers;
  for (const onnx::TensorProto &tensor : model.graph().initializer())
    initializers.insert(tensor.name());
  if (llvm::Error error =
          specializeInputs(*model.mutable_graph(), initializers, options, file))
    return std::move(error);
  Expected<bool> hasExternalData =
      checkExternalData(model, file, directory.has_value());
  if (!hasExternalData)
    return hasExternalData.takeError();
  // The checker looks for external data files beside the model only when
  // it reads the model from its path itself.
  try {
    if (*hasExternalData)
      onnx::checker::check_model(file);
    else
      onnx::checker::check_model(model);
  } catch (const std::exception &e) {
    return makeError(
        file + ": error: the model fails ONNX's checker: " + oneLine(e.what()));
  }
  // No directory: an empty one, where no external data is read.
  Importer importer(context, file, directory.value_or(""), *opset,
                    options.boundInputs);
  Expected<OwningOpRef<ModuleOp>> module =
      importer.run(model.graph(), initializers);
  if (!module)
    return module.takeError();
  // ONNX's shape inference runs on a model Kiln has imported, not before:
  // the importer checks every node's operands (ranks, shapes, attributes)
  // as it builds verified ops, and libonnx 1.12's inference functions
  // trust them (a ConvTranspose whose input has rank 2 and kernel rank 4
  // makes it read past a vector; fuzzing found it). What inference adds is
  // the check of declared shapes against inferred ones. Node-level
  // inference errors are not fatal (as in ONNX Runtime): some valid exports
  // trip them; a declared shape that contradicts an inferred one still is.
  try {
    onnx::ShapeInferenceOptions inference(/*check_type=*/false,
                                          /*strict_mode=*/0);
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), inference);
  } catch (const std::exception &e) {
    return makeError(file +
                     ": error: ONNX's shape inference rejects the "
                     "model: " +
                     oneLine(e.what()));
  }
  return module;
}

Expected<OwningOpRef<ModuleOp>>
importOnnxFile(StringRef path, MLIRContext &context,
               const OnnxImportOptions &options) {
  std::string file = path.str();
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(
      path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError(file + ": error: cannot read the model (" +
                     buffer.getError().message() + ")");
  StringRef baseDir = llvm::sys::path::parent_path(path);
  return importModel((*buffer)->getBuffer(), file,
                     baseDir.empty() ? "." : baseDir.str(), context, options);
}

Expected<OwningOpRef<ModuleOp>>
importOnnxBuffer(StringRef bytes, StringRef name, MLIRContext &context,
                 const OnnxImportOptions &options) {
  return importModel(bytes, name.str(), std::nullopt, context, options);
}

} // namespace kiln

kiln::ImportOnnxFileFn kiln_onnx_import_file() { return &kiln::importOnnxFile; }
