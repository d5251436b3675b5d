//===- ModelInterface.cpp - A compiled graph's C API in LLVM IR ----------===//
//
// Emits the model's kiln_model_info as constant data and NAME_create,
// NAME_run and NAME_destroy as small functions that call the runtime's
// kiln_model_* (runtime/KilnModel.h). The structs are laid out as the C
// header declares them; every field is naturally aligned, so LLVM's struct
// layout and C's agree without padding rules.
//
//===----------------------------------------------------------------------===//

#include "compiler/ModelLibrary.h"

#include "runtime/CpuFeatures.h"
#include "runtime/KilnModel.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Target/TargetMachine.h"

using namespace llvm;

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

std::string kiln::cpuFeaturesOf(const TargetMachine &machine) {
  const MCSubtargetInfo *subtarget = machine.getMCSubtargetInfo();
  std::string list;
  for (const std::string &feature : checkableCpuFeatures())
    if (subtarget->checkFeatures("+" + feature))
      list += (list.empty() ? "" : ",") + feature;
  return list;
}

std::string kiln::cIdentifierFrom(StringRef text) {
  std::string name;
  for (char c : text)
    name += isAlnum(c) ? c : '_';
  if (name.empty())
    return "model";
  if (isDigit(name.front()))
    name.insert(name.begin(), '_');
  return name;
}

/// The prefix of the runtime's own C symbols (kiln_model_run, ...): a model
/// named kiln_model would define them.
static constexpr StringLiteral kReservedPrefix = "kiln_";

std::string kiln::modelNameFrom(StringRef stem) {
  std::string name = cIdentifierFrom(stem);
  return StringRef(name).starts_with(kReservedPrefix) ? "model_" + name : name;
}

std::string kiln::whyNotModelName(StringRef name) {
  if (name.empty() || isDigit(name.front()) ||
      !llvm::all_of(name, [](char c) { return isAlnum(c) || c == '_'; }))
    return "is not a C identifier (letters, digits and '_', not starting "
           "with a digit)";
  if (name.starts_with(kReservedPrefix))
    return ("starts with '" + kReservedPrefix +
            "', which Kiln's runtime reserves for its own symbols")
        .str();
  return "";
}

/// The C API's kiln_element_type of `type`: the same numbering
/// (runtime/Model.cpp asserts it).
static int32_t elementTypeCode(kiln::ElementType type) {
  return static_cast<int32_t>(type);
}

namespace {
/// Builds the constant data of one model's info.
class InfoBuilder {
public:
  InfoBuilder(Module &module, StringRef prefix)
      : module(module), context(module.getContext()), prefix(prefix.str()),
        ptr(PointerType::getUnqual(context)), i32(Type::getInt32Ty(context)),
        i64(Type::getInt64Ty(context)),
        tensorInfo(StructType::create(context, {ptr, i32, i32, ptr},
                                      "kiln_tensor_info")),
        modelInfo(StructType::create(
            context, {i32, i32, i32, i32, ptr, ptr, ptr, ptr, ptr, i64, ptr},
            "kiln_model_info")) {}

  /// A private constant global holding `value`.
  Constant *privateConstant(Constant *value, const Twine &name) {
    return new GlobalVariable(module, value->getType(), /*isConstant=*/true,
                              GlobalValue::PrivateLinkage, value,
                              prefix + "." + name);
  }

  Constant *string(StringRef text, const Twine &name) {
    return privateConstant(ConstantDataArray::getString(context, text), name);
  }

  /// An array of kiln_tensor_info, or null when `tensors` is empty.
  Constant *tensorArray(ArrayRef<kiln::TensorSpec> tensors, StringRef kind) {
    if (tensors.empty())
      return ConstantPointerNull::get(ptr);
    SmallVector<Constant *> entries;
    for (auto [index, tensor] : llvm::enumerate(tensors)) {
      std::string id = (kind + Twine(index)).str();
      SmallVector<uint64_t> sizes(tensor.shape.begin(), tensor.shape.end());
      Constant *shape =
          sizes.empty()
              ? static_cast<Constant *>(ConstantPointerNull::get(ptr))
              : privateConstant(ConstantDataArray::get(context, sizes),
                                id + ".shape");
      entries.push_back(ConstantStruct::get(
          tensorInfo,
          {string(tensor.name, id + ".name"),
           ConstantInt::get(i32, elementTypeCode(tensor.elementType)),
           ConstantInt::get(i32, tensor.shape.size()), shape}));
    }
    return privateConstant(
        ConstantArray::get(ArrayType::get(tensorInfo, entries.size()), entries),
        kind);
  }

  /// NAME_info, the model's kiln_model_info.
  GlobalVariable *info(const kiln::CompiledGraph &graph,
                       const kiln::ModelIdentity &model, Function *entry) {
    Constant *value = ConstantStruct::get(
        modelInfo,
        {ConstantInt::get(i32, KILN_MODEL_ABI_VERSION),
         ConstantInt::get(i32, graph.inputs.size()),
         ConstantInt::get(i32, graph.outputs.size()), ConstantInt::get(i32, 0),
         string(model.name, "name"), string(graph.target, "target"),
         string(graph.cpuFeatures, "cpu_features"),
         tensorArray(graph.inputs, "input"),
         tensorArray(graph.outputs, "output"),
         ConstantInt::get(i64, graph.arenaBytes), entry});
    return new GlobalVariable(module, modelInfo, /*isConstant=*/true,
                              GlobalValue::ExternalLinkage, value,
                              prefix + "_info");
  }

  Module &module;
  LLVMContext &context;
  std::string prefix;
  PointerType *ptr;
  IntegerType *i32, *i64;
  StructType *tensorInfo, *modelInfo;
};
} // namespace

/// Gives every definition in `module` internal linkage: the model's own
/// symbols (its entry, kernels and constants) never clash with another
/// model's or the program's.
static void internalizeDefinitions(Module &module) {
  for (Function &function : module)
    if (!function.isDeclaration())
      function.setLinkage(GlobalValue::InternalLinkage);
  for (GlobalVariable &global : module.globals())
    if (!global.isDeclaration() && !global.getName().starts_with("llvm."))
      global.setLinkage(GlobalValue::InternalLinkage);
}

/// An exported function `name` of `type`, its entry block still empty.
static Function *defineApiFunction(Module &module, FunctionType *type,
                                   const Twine &name) {
  Function *function =
      Function::Create(type, GlobalValue::ExternalLinkage, name, module);
  function->addFnAttr(Attribute::NoUnwind);
  BasicBlock::Create(module.getContext(), "entry", function);
  return function;
}

Error kiln::addModelInterface(Module &module, const CompiledGraph &graph,
                              const ModelIdentity &model) {
  if (std::string why = whyNotModelName(model.name); !why.empty())
    return makeError("the model name '" + model.name + "' " + why);
  Function *entry = module.getFunction("kiln_entry");
  if (!entry || entry->isDeclaration())
    return makeError("the module defines no kiln_entry");
  internalizeDefinitions(module);

  InfoBuilder data(module, model.name);
  GlobalVariable *info = data.info(graph, model, entry);
  LLVMContext &context = module.getContext();
  PointerType *ptr = data.ptr;
  IntegerType *i32 = data.i32;
  FunctionCallee create = module.getOrInsertFunction(
      "kiln_model_create", FunctionType::get(ptr, {ptr, i32}, false));
  FunctionCallee run = module.getOrInsertFunction(
      "kiln_model_run", FunctionType::get(i32, {ptr, ptr, ptr}, false));
  FunctionCallee destroy = module.getOrInsertFunction(
      "kiln_model_destroy",
      FunctionType::get(Type::getVoidTy(context), {ptr}, false));

  // kiln_model *NAME_create(int32_t threads)
  Function *createModel = defineApiFunction(
      module, FunctionType::get(ptr, {i32}, false), model.name + "_create");
  IRBuilder<> builder(&createModel->getEntryBlock());
  builder.CreateRet(builder.CreateCall(create, {info, createModel->getArg(0)}));

  // int32_t NAME_run(kiln_model *model, inputs..., outputs...)
  size_t numInputs = graph.inputs.size(), numOutputs = graph.outputs.size();
  SmallVector<Type *> runParams(1 + numInputs + numOutputs, ptr);
  Function *runModel = defineApiFunction(
      module, FunctionType::get(i32, runParams, false), model.name + "_run");
  builder.SetInsertPoint(&runModel->getEntryBlock());
  auto pointerArray = [&](size_t first, size_t count, const Twine &name) {
    Value *array =
        builder.CreateAlloca(ArrayType::get(ptr, count), nullptr, name);
    for (size_t i = 0; i < count; ++i)
      builder.CreateStore(runModel->getArg(first + i),
                          builder.CreateConstInBoundsGEP2_32(
                              ArrayType::get(ptr, count), array, 0, i));
    return array;
  };
  Value *inputs = pointerArray(1, numInputs, "inputs");
  Value *outputs = pointerArray(1 + numInputs, numOutputs, "outputs");
  builder.CreateRet(
      builder.CreateCall(run, {runModel->getArg(0), inputs, outputs}));

  // void NAME_destroy(kiln_model *model)
  Function *destroyModel = defineApiFunction(
      module, FunctionType::get(Type::getVoidTy(context), {ptr}, false),
      model.name + "_destroy");
  builder.SetInsertPoint(&destroyModel->getEntryBlock());
  builder.CreateCall(destroy, {destroyModel->getArg(0)});
  builder.CreateRetVoid();
  return Error::success();
}
