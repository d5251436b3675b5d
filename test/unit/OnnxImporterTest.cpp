//===- OnnxImporterTest.cpp - The ONNX frontend's API ---------------------===//
//
// Models are built here with ONNX's protobuf classes, written to a
// temporary file and read back through loadGraphFile; the imported graphs
// run in the reference interpreter against values derived by hand.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/onnx/OnnxImporter.h"
#include "compiler/frontends/GraphLoader.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/frontends/onnx/OnnxTensor.h"
#include "compiler/reference/Interpreter.h"
#include "dialects/hlo/Diagnostics.h"
#include "dialects/hlo/HloDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <fstream>

using namespace kiln;

namespace {

/// A model under construction, written to a temporary file by save().
class ModelFile {
public:
  ModelFile() {
    model.set_ir_version(8);
    auto *opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(17);
    model.mutable_graph()->set_name("g");
  }
  ~ModelFile() {
    if (!path.empty())
      llvm::sys::fs::remove(path);
  }

  onnx::GraphProto &graph() { return *model.mutable_graph(); }

  void input(const std::string &name, std::vector<int64_t> shape,
             int type = onnx::TensorProto::FLOAT) {
    valueInfo(graph().add_input(), name, shape, type);
  }
  void output(const std::string &name, std::vector<int64_t> shape,
              int type = onnx::TensorProto::FLOAT) {
    valueInfo(graph().add_output(), name, shape, type);
  }
  onnx::NodeProto &node(const std::string &op, std::vector<std::string> ins,
                        std::vector<std::string> outs,
                        const std::string &name = "") {
    onnx::NodeProto &node = *graph().add_node();
    node.set_op_type(op);
    node.set_name(name);
    for (const std::string &in : ins)
      node.add_input(in);
    for (const std::string &out : outs)
      node.add_output(out);
    return node;
  }
  void initializer(const std::string &name, std::vector<int64_t> shape,
                   std::vector<float> values) {
    onnx::TensorProto &tensor = *graph().add_initializer();
    tensor.set_name(name);
    tensor.set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t size : shape)
      tensor.add_dims(size);
    for (float value : values)
      tensor.add_float_data(value);
  }

  /// Writes the model and returns its path.
  const std::string &save() {
    llvm::SmallString<128> file;
    llvm::sys::fs::createTemporaryFile("kiln-onnx-test", "onnx", file);
    path = std::string(file);
    std::ofstream out(path, std::ios::binary);
    model.SerializeToOstream(&out);
    return path;
  }

  onnx::ModelProto model;

private:
  static void valueInfo(onnx::ValueInfoProto *info, const std::string &name,
                        const std::vector<int64_t> &shape, int type) {
    info->set_name(name);
    auto *tensor = info->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(type);
    auto *dims = tensor->mutable_shape();
    for (int64_t size : shape) {
      auto *dim = dims->add_dim();
      if (size < 0)
        dim->set_dim_param("batch");
      else
        dim->set_dim_value(size);
    }
  }
  std::string path;
};

std::vector<HostTensor> run(mlir::ModuleOp module,
                            const std::vector<HostTensor> &inputs) {
  auto entry = getEntryFunction(module);
  EXPECT_TRUE(bool(entry));
  if (!entry) {
    llvm::consumeError(entry.takeError());
    return {};
  }
  auto outputs = interpret(*entry, inputs);
  EXPECT_TRUE(bool(outputs)) << llvm::toString(outputs.takeError());
  return outputs ? std::move(*outputs) : std::vector<HostTensor>{};
}

std::vector<float> valuesOf(const HostTensor &tensor) {
  const float *data = tensor.dataAs<float>();
  return std::vector<float>(data, data + tensor.numElements());
}

TEST(OnnxImporter, ImportsInitializersAndBroadcasting) {
  ModelFile file;
  file.input("x", {2, 3});
  file.initializer("bias", {3}, {10, 20, 30});
  file.node("Add", {"x", "bias"}, {"sum"}, "add_bias");
  file.node("Relu", {"sum"}, {"y"}, "relu");
  file.output("y", {2, 3});
  mlir::MLIRContext context;
  auto module = loadGraphFile(file.save(), context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  auto outputs =
      run(**module, {HostTensor::fromF32({2, 3}, {1, -25, 3, -11, 5, -40})});
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(valuesOf(outputs[0]), (std::vector<float>{11, 0, 33, 0, 25, 0}));
}

TEST(OnnxImporter, OpsCarryTheirNodeAsLocation) {
  ModelFile file;
  file.input("x", {2});
  file.node("Neg", {"x"}, {"y"}, "negate_it");
  file.output("y", {2});
  mlir::MLIRContext context;
  const std::string &path = file.save();
  auto module = importOnnxFile(path, context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  bool found = false;
  (*module)->walk([&](hlo::NegOp op) {
    found = true;
    EXPECT_EQ(formatLocation(op.getLoc()), path + ": node 'negate_it' (Neg)");
  });
  EXPECT_TRUE(found);
}

TEST(OnnxImporter, DynamicDimensionsNeedAShape) {
  ModelFile file;
  file.input("x", {-1, 2});
  file.node("Abs", {"x"}, {"y"});
  file.output("y", {-1, 2});
  const std::string &path = file.save();
  mlir::MLIRContext context;
  auto open = loadGraphFile(path, context);
  ASSERT_FALSE(bool(open));
  EXPECT_EQ(llvm::toString(open.takeError()),
            path + ": error: input 'x' has a dynamic dimension 0 ('batch'); "
                   "give its shape with --shape x=1x2");
  GraphLoadOptions options;
  options.inputShapes["x"] = {3, 2};
  auto module = loadGraphFile(path, context, options);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  auto entry = getEntryFunction(**module);
  ASSERT_TRUE(bool(entry));
  EXPECT_EQ(
      entry->getArgumentTypes()[0],
      mlir::RankedTensorType::get({3, 2}, mlir::Float32Type::get(&context)));
}

/// PyTorch's pattern for x.view(x.shape[0], -1): Shape, Gather, Unsqueeze
/// and Concat compute the new shape, which the importer evaluates.
TEST(OnnxImporter, FoldsShapeComputations) {
  ModelFile file;
  file.input("x", {2, 3, 4});
  file.node("Shape", {"x"}, {"shape"});
  onnx::NodeProto &zero = file.node("Constant", {}, {"zero"});
  auto *value = zero.add_attribute();
  value->set_name("value");
  value->set_type(onnx::AttributeProto::TENSOR);
  value->mutable_t()->set_data_type(onnx::TensorProto::INT64);
  value->mutable_t()->add_int64_data(0);
  onnx::NodeProto &minusOne = file.node("Constant", {}, {"minus_one"});
  auto *ints = minusOne.add_attribute();
  ints->set_name("value_ints");
  ints->set_type(onnx::AttributeProto::INTS);
  ints->add_ints(-1);
  file.node("Gather", {"shape", "zero"}, {"batch"});
  onnx::NodeProto &unsqueeze = file.node("Constant", {}, {"axes"});
  auto *axes = unsqueeze.add_attribute();
  axes->set_name("value_ints");
  axes->set_type(onnx::AttributeProto::INTS);
  axes->add_ints(0);
  file.node("Unsqueeze", {"batch", "axes"}, {"batch_1d"});
  file.node("Concat", {"batch_1d", "minus_one"}, {"new_shape"})
      .add_attribute()
      ->CopyFrom([] {
        onnx::AttributeProto axis;
        axis.set_name("axis");
        axis.set_type(onnx::AttributeProto::INT);
        axis.set_i(0);
        return axis;
      }());
  file.node("Reshape", {"x", "new_shape"}, {"y"});
  file.output("y", {2, 12});
  mlir::MLIRContext context;
  auto module = loadGraphFile(file.save(), context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  auto entry = getEntryFunction(**module);
  ASSERT_TRUE(bool(entry));
  EXPECT_EQ(
      entry->getResultTypes()[0],
      mlir::RankedTensorType::get({2, 12}, mlir::Float32Type::get(&context)));
}

TEST(OnnxImporter, BoundInputsBecomeConstants) {
  ModelFile file;
  file.input("x", {2, 3});
  file.input("shape", {2}, onnx::TensorProto::INT64);
  file.node("Reshape", {"x", "shape"}, {"y"}, "reshape");
  file.output("y", {3, 2});
  const std::string &path = file.save();
  mlir::MLIRContext context;
  // Unbound, the shape is a run-time value, which a static graph cannot
  // take.
  auto open = importOnnxFile(path, context);
  ASSERT_FALSE(bool(open));
  EXPECT_NE(llvm::toString(open.takeError()).find("is computed at run time"),
            std::string::npos);

  OnnxImportOptions options;
  options.boundInputs["shape"] =
      HostTensor::fromI64(ElementType::I64, {2}, {3, 2});
  auto module = importOnnxFile(path, context, options);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  auto entry = getEntryFunction(**module);
  ASSERT_TRUE(bool(entry));
  EXPECT_EQ(entry->getNumArguments(), 1u); // "shape" left the signature
  auto outputs =
      run(**module, {HostTensor::fromF32({2, 3}, {1, 2, 3, 4, 5, 6})});
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(outputs[0].shape(), (std::vector<int64_t>{3, 2}));

  OnnxImportOptions wrongType;
  wrongType.boundInputs["shape"] = HostTensor::fromF32({2}, {3, 2});
  auto mismatched = importOnnxFile(path, context, wrongType);
  ASSERT_FALSE(bool(mismatched));
  EXPECT_EQ(llvm::toString(mismatched.takeError()),
            path + ": error: input 'shape' is bound to a tensor<2xf32>, but "
                   "the model declares int64");
  OnnxImportOptions unknown;
  unknown.boundInputs["nope"] = HostTensor::fromF32({1}, {0});
  auto misnamed = importOnnxFile(path, context, unknown);
  ASSERT_FALSE(bool(misnamed));
  EXPECT_EQ(llvm::toString(misnamed.takeError()),
            path + ": error: a bound value names 'nope', which is not an "
                   "input of the model");
}

TEST(OnnxImporter, AnAttributeOutsideTheSchemaIsAnError) {
  ModelFile file;
  file.input("x", {2});
  onnx::NodeProto &node = file.node("Relu", {"x"}, {"y"}, "r");
  auto *attr = node.add_attribute();
  attr->set_name("alpha");
  attr->set_type(onnx::AttributeProto::FLOAT);
  attr->set_f(0.5f);
  file.output("y", {2});
  const std::string &path = file.save();
  mlir::MLIRContext context;
  auto module = importOnnxFile(path, context);
  ASSERT_FALSE(bool(module));
  // ONNX's checker already refuses an attribute the op's schema lacks.
  EXPECT_NE(llvm::toString(module.takeError()).find("alpha"),
            std::string::npos);
}

TEST(OnnxImporter, ImportsFromMemory) {
  ModelFile file;
  file.input("x", {2});
  file.node("Neg", {"x"}, {"y"}, "negate_it");
  file.output("y", {2});
  std::string bytes;
  ASSERT_TRUE(file.model.SerializeToString(&bytes));
  mlir::MLIRContext context;
  auto module = importOnnxBuffer(bytes, "memory.onnx", context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  auto outputs = run(**module, {HostTensor::fromF32({2}, {1, -2})});
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(valuesOf(outputs[0]), (std::vector<float>{-1, 2}));
  // Bytes that are no model: one error naming the given name.
  auto bad = importOnnxBuffer("\x08\x01\xff", "memory.onnx", context);
  ASSERT_FALSE(bool(bad));
  EXPECT_NE(llvm::toString(bad.takeError())
                .find("memory.onnx: error: not a "
                      "valid ONNX model"),
            std::string::npos);
}

/// Sets `tensor`'s data to live in the external file `location`.
void makeExternal(onnx::TensorProto &tensor, const std::string &location) {
  tensor.clear_float_data();
  tensor.set_data_location(onnx::TensorProto::EXTERNAL);
  auto *entry = tensor.add_external_data();
  entry->set_key("location");
  entry->set_value(location);
}

TEST(OnnxImporter, ExternalDataStaysInTheModelsDirectory) {
  // A Constant node's tensor may name external data too: the importer
  // refuses a location outside the model's directory, and any external
  // data in a model read from memory, before ONNX's checker looks for the
  // files.
  for (const char *location : {"../secret.bin", "/etc/hostname", "ok.bin"}) {
    ModelFile file;
    file.output("y", {2});
    onnx::NodeProto &node = file.node("Constant", {}, {"y"}, "c");
    onnx::AttributeProto &value = *node.add_attribute();
    value.set_name("value");
    value.set_type(onnx::AttributeProto::TENSOR);
    onnx::TensorProto &tensor = *value.mutable_t();
    tensor.set_data_type(onnx::TensorProto::FLOAT);
    tensor.add_dims(2);
    makeExternal(tensor, location);
    mlir::MLIRContext context;
    std::string bytes;
    ASSERT_TRUE(file.model.SerializeToString(&bytes));
    auto fromMemory = importOnnxBuffer(bytes, "memory.onnx", context);
    ASSERT_FALSE(bool(fromMemory)) << location;
    std::string memoryError = llvm::toString(fromMemory.takeError());
    EXPECT_NE(memoryError.find("read only for a model read from its file"),
              std::string::npos)
        << memoryError;
    if (std::string(location) == "ok.bin")
      continue;
    auto fromFile = importOnnxFile(file.save(), context);
    ASSERT_FALSE(bool(fromFile)) << location;
    std::string fileError = llvm::toString(fromFile.takeError());
    EXPECT_NE(fileError.find("lies outside the model's directory"),
              std::string::npos)
        << fileError;
  }
}

TEST(OnnxImporter, RecognizesModelsByContent) {
  ModelFile file;
  file.input("x", {1});
  file.node("Abs", {"x"}, {"y"});
  file.output("y", {1});
  std::string bytes = file.model.SerializeAsString();
  EXPECT_TRUE(looksLikeOnnxModel(bytes));
  EXPECT_FALSE(looksLikeOnnxModel("module {\n}"));
  EXPECT_FALSE(looksLikeOnnxModel("func.func @main() { return }"));
  EXPECT_FALSE(looksLikeOnnxModel(""));
}

TEST(OnnxTensor, DecodesEveryStorageAndChecksSizes) {
  onnx::TensorProto flags;
  flags.set_data_type(onnx::TensorProto::BOOL);
  flags.add_dims(3);
  for (int value : {0, 7, 1})
    flags.add_int32_data(value);
  auto decoded = decodeOnnxTensor(flags, ".");
  ASSERT_TRUE(bool(decoded)) << llvm::toString(decoded.takeError());
  EXPECT_EQ(decoded->elementType(), ElementType::I1);
  EXPECT_EQ(decoded->getAsInt(1), 1);

  onnx::TensorProto raw;
  raw.set_data_type(onnx::TensorProto::INT64);
  raw.add_dims(2);
  int64_t values[] = {-5, 1ll << 40};
  raw.set_raw_data(std::string(reinterpret_cast<char *>(values), 16));
  auto fromRaw = decodeOnnxTensor(raw, ".");
  ASSERT_TRUE(bool(fromRaw)) << llvm::toString(fromRaw.takeError());
  EXPECT_EQ(fromRaw->getAsInt(0), -5);
  EXPECT_EQ(fromRaw->getAsInt(1), 1ll << 40);

  onnx::TensorProto short_;
  short_.set_data_type(onnx::TensorProto::FLOAT);
  short_.add_dims(4);
  short_.add_float_data(1.0f);
  EXPECT_EQ(llvm::toString(decodeOnnxTensor(short_, ".").takeError()),
            "it holds 1 values, but its shape has 4 elements");

  // A shape no data could fill is refused before anything is allocated.
  onnx::TensorProto huge;
  huge.set_data_type(onnx::TensorProto::FLOAT);
  for (int i = 0; i < 4; ++i)
    huge.add_dims(int64_t(1) << 20);
  EXPECT_EQ(llvm::toString(decodeOnnxTensor(huge, ".").takeError()),
            "its shape has more elements than any data could hold");

  onnx::TensorProto text;
  text.set_data_type(onnx::TensorProto::STRING);
  EXPECT_NE(llvm::toString(decodeOnnxTensor(text, ".").takeError())
                .find("element type string is not supported"),
            std::string::npos);
}

} // namespace
