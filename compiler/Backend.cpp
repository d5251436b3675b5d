//===- Backend.cpp - LLVM IR, assembly and object code ----------------===//

#include "compiler/Backend.h"

#include "compiler/BFloat16Truncation.h"
#include "compiler/LongLoopInterleaving.h"
#include "compiler/PowerOfTwoScaling.h"
#include "passes/codegen/TargetDescription.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#include <mutex>

void kiln::initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
}

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "error: " + message);
}

/// Checks `choice` against what LLVM knows of the host's architecture, so
/// that a misspelt name is an error rather than LLVM's warning on stderr.
static llvm::Error checkChoice(const kiln::TargetChoice &choice,
                               const llvm::Triple &triple) {
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple.str(), lookupError);
  if (!target)
    return makeError(lookupError);
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple.str(), "", ""));
  if (!choice.cpu.empty() && !subtarget->isCPUStringValid(choice.cpu))
    return makeError("--mcpu: '" + choice.cpu + "' is not a CPU of " +
                     triple.getArchName());
  llvm::SmallVector<llvm::StringRef> features;
  llvm::StringRef(choice.features).split(features, ',', -1, false);
  for (llvm::StringRef feature : features) {
    llvm::StringRef name = feature.trim().ltrim("+-");
    bool known = llvm::any_of(
        subtarget->getAllProcessorFeatures(),
        [&](const llvm::SubtargetFeatureKV &kv) { return name == kv.Key; });
    if (!known)
      return makeError("--mattr: '" + feature.trim() +
                       "' is not a feature of " + triple.getArchName() +
                       " (write +name or -name)");
  }
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
kiln::createTargetMachine(const TargetChoice &choice) {
  initializeNativeTarget();
  llvm::Expected<llvm::orc::JITTargetMachineBuilder> builder =
      llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  if (!choice.isHost()) {
    if (llvm::Error error = checkChoice(choice, builder->getTargetTriple()))
      return std::move(error);
    if (!choice.cpu.empty()) {
      // The named CPU's own features, not the host's.
      builder->setCPU(choice.cpu);
      builder->getFeatures() = llvm::SubtargetFeatures();
    }
  }
  // Kiln sizes its own kernels to the target's widest vectors
  // (TargetDescription), and the loops LLVM vectorizes (elementwise and row
  // kernels) take the same width. LLVM's tuning for Intel's AVX-512 cores
  // prefers 256-bit vectors there: on a Xeon (Emerald Rapids) that left
  // the elementwise chain at 26.4 ms against 20.5 with 512-bit vectors,
  // and softmax [8192, 4096] at 34.5 against 26.9. Before --mattr, so that
  // a user's +prefer-256-bit still wins.
  builder->getFeatures().AddFeature("prefer-128-bit", false);
  builder->getFeatures().AddFeature("prefer-256-bit", false);
  llvm::SmallVector<llvm::StringRef> features;
  llvm::StringRef(choice.features).split(features, ',', -1, false);
  for (llvm::StringRef feature : features)
    builder->getFeatures().AddFeature(feature.trim());
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  builder->setRelocationModel(llvm::Reloc::PIC_);
  return builder->createTargetMachine();
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
kiln::createHostTargetMachine() {
  return createTargetMachine({});
}

llvm::Expected<int64_t> kiln::vectorBitsOf(const TargetChoice &choice) {
  if (choice.isHost())
    return TargetDescription::host().vectorBits;
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      createTargetMachine(choice);
  if (!machine)
    return machine.takeError();
  const llvm::MCSubtargetInfo *subtarget = (*machine)->getMCSubtargetInfo();
  return TargetDescription::fromFeatures([&](llvm::StringRef feature) {
           return subtarget->checkFeatures(("+" + feature).str());
         })
      .vectorBits;
}

llvm::Error kiln::checkRunsOnHost(const llvm::TargetMachine &machine) {
  // The host's map names the instruction set extensions it reports; tuning
  // features (fast-*, slow-*) are not in it and never keep code from
  // running.
  llvm::StringMap<bool> host = llvm::sys::getHostCPUFeatures();
  const llvm::MCSubtargetInfo *subtarget = machine.getMCSubtargetInfo();
  for (const llvm::SubtargetFeatureKV &kv :
       subtarget->getAllProcessorFeatures()) {
    auto it = host.find(kv.Key);
    if (it != host.end() && !it->second &&
        subtarget->checkFeatures(std::string("+") + kv.Key))
      return makeError("the target uses '" + llvm::Twine(kv.Key) +
                       "', which this host's CPU lacks: the code could only "
                       "run elsewhere (kilnc can write it)");
  }
  return llvm::Error::success();
}

llvm::Error kiln::optimizeModule(llvm::Module &module,
                                 llvm::TargetMachine &machine) {
  // O3 with the host's cost model, but without the loop unroller: fixed
  // trip counts in graph kernels made it fully unroll vectorized exp
  // polynomials into blocks that took seconds to schedule. The vectorizer
  // still interleaves, which is where the speed comes from, long loops
  // included (LongLoopInterleavingPass).
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder builder(&machine, tuning);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgscc);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgscc, modules);
  builder.registerVectorizerStartEPCallback(
      [](llvm::FunctionPassManager &passes, llvm::OptimizationLevel) {
        passes.addPass(LongLoopInterleavingPass());
      });
  const llvm::MCSubtargetInfo *subtarget = machine.getMCSubtargetInfo();
  if (subtarget->checkFeatures("+avx512f")) {
    bool vectorLength = subtarget->checkFeatures("+avx512vl");
    builder.registerOptimizerLastEPCallback(
        [vectorLength](llvm::ModulePassManager &passes,
                       llvm::OptimizationLevel) {
          passes.addPass(llvm::createModuleToFunctionPassAdaptor(
              PowerOfTwoScalingPass(vectorLength)));
        });
  }
  // Without AVX512-BF16, code that computes on bf16 after instcombine's
  // narrowing calls __truncsfbf2, which nothing else links in.
  if (!subtarget->checkFeatures("+avx512bf16"))
    builder.registerOptimizerLastEPCallback(
        [](llvm::ModulePassManager &passes, llvm::OptimizationLevel) {
          passes.addPass(BFloat16TruncationPass());
        });
  llvm::ModulePassManager passes =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  passes.run(module, modules);
  return llvm::Error::success();
}

/// Re-types each large constant array (a model's weights) as an array of
/// bytes holding the same data: LLVM writes byte arrays to bitcode and to
/// object files as one block, but arrays of floats one element at a time,
/// which for a model's tens of millions of weights costs seconds. Pointers
/// are opaque, so the loads that read the global are unchanged.
static void storeConstantArraysAsBytes(llvm::Module &module) {
  constexpr uint64_t kMinBytes = 4096;
  llvm::Type *byte = llvm::Type::getInt8Ty(module.getContext());
  const llvm::DataLayout &layout = module.getDataLayout();
  std::vector<llvm::GlobalVariable *> arrays;
  for (llvm::GlobalVariable &global : module.globals())
    if (global.isConstant() && global.hasInitializer())
      if (auto *data = llvm::dyn_cast<llvm::ConstantDataSequential>(
              global.getInitializer());
          data && data->getElementType() != byte &&
          data->getRawDataValues().size() >= kMinBytes)
        arrays.push_back(&global);
  for (llvm::GlobalVariable *global : arrays) {
    llvm::StringRef bytes =
        llvm::cast<llvm::ConstantDataSequential>(global->getInitializer())
            ->getRawDataValues();
    llvm::Constant *initializer =
        llvm::ConstantDataArray::getRaw(bytes, bytes.size(), byte);
    auto *replacement = new llvm::GlobalVariable(
        module, initializer->getType(), /*isConstant=*/true,
        global->getLinkage(), initializer, "", global,
        global->getThreadLocalMode(), global->getAddressSpace());
    replacement->setAlignment(
        std::max(global->getAlign().valueOrOne(),
                 layout.getPrefTypeAlign(global->getValueType())));
    replacement->setUnnamedAddr(global->getUnnamedAddr());
    replacement->takeName(global);
    global->replaceAllUsesWith(replacement);
    global->eraseFromParent();
  }
}

llvm::Expected<std::unique_ptr<llvm::Module>>
kiln::translateModule(mlir::ModuleOp module, llvm::LLVMContext &context,
                      llvm::TargetMachine &machine) {
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context, "kiln");
  if (!llvmModule)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "error: translation to LLVM IR failed");
  llvmModule->setDataLayout(machine.createDataLayout());
  llvmModule->setTargetTriple(machine.getTargetTriple().getTriple());
  storeConstantArraysAsBytes(*llvmModule);
  return std::move(llvmModule);
}

llvm::Expected<std::unique_ptr<llvm::Module>>
kiln::translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &context,
                        llvm::TargetMachine &machine) {
  llvm::Expected<std::unique_ptr<llvm::Module>> llvmModule =
      translateModule(module, context, machine);
  if (!llvmModule)
    return llvmModule.takeError();
  if (llvm::Error error = optimizeModule(**llvmModule, machine))
    return std::move(error);
  return llvmModule;
}

llvm::Error kiln::emitCode(llvm::Module &module, llvm::TargetMachine &machine,
                           CodeFileKind kind, llvm::raw_pwrite_stream &out) {
  llvm::legacy::PassManager passes;
  auto fileType = kind == CodeFileKind::Object
                      ? llvm::CodeGenFileType::ObjectFile
                      : llvm::CodeGenFileType::AssemblyFile;
  if (machine.addPassesToEmitFile(passes, out, nullptr, fileType))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "error: the target cannot emit this file");
  passes.run(module);
  return llvm::Error::success();
}
