//===- ParallelCodegen.cpp - LLVM's work on all cores -----------------===//
//
// The module is translated to LLVM IR once, then split by CloneModule into
// partitions: the first holds everything but the kernels (the entry, the
// graph function, the launches, kiln_arena_size), each of the others a set
// of kernels, each kernel with its task function, so that O3 still inlines
// a kernel into its task. Kernels are dealt to partitions largest first,
// each to the lightest partition so far. The task functions, which the
// entry's launches take the address of, become external symbols; small
// read-only local globals (constant tables) are copied into every
// partition, where O3 drops the unused ones (a module with a writable one
// is compiled whole), while large ones (a model's weights) are defined once,
// in the first partition, and declared in the others. Each partition but
// the first travels to its thread as bitcode and is read into an LLVM
// context of its own there; the first, which holds the weights, is compiled
// on the calling thread from its clone, without that round trip.
//
//===----------------------------------------------------------------------===//

#include "compiler/ParallelCodegen.h"

#include "compiler/Backend.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <atomic>
#include <map>
#include <optional>
#include <thread>

using namespace llvm;

/// The kernel a function belongs to: N for `kernel_N` and `kernel_N_task`.
static std::optional<unsigned> kernelOf(const Function &function) {
  StringRef name = function.getName();
  unsigned id;
  if (!name.consume_front("kernel_"))
    return std::nullopt;
  name.consume_back("_task");
  if (name.getAsInteger(10, id))
    return std::nullopt;
  return id;
}

/// Instructions of the kernel's functions: a stand-in for LLVM's work.
static size_t sizeOf(const Function &function) {
  size_t size = 0;
  for (const BasicBlock &block : function)
    size += block.size();
  return size;
}

/// Deals kernels to partitions 1..P, largest first, each to the partition
/// with the fewest instructions so far (the lowest index among equals);
/// P grows with the module's size. Empty when the module is better
/// compiled whole.
static std::map<unsigned, unsigned>
partitionKernels(Module &module, size_t minPartitionInstructions) {
  std::map<unsigned, size_t> kernelSizes;
  for (Function &function : module)
    if (std::optional<unsigned> kernel = kernelOf(function);
        kernel && !function.isDeclaration())
      kernelSizes[*kernel] += sizeOf(function);
  std::vector<std::pair<unsigned, size_t>> bySize(kernelSizes.begin(),
                                                  kernelSizes.end());
  llvm::sort(bySize, [](const auto &a, const auto &b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  size_t total = 0;
  for (auto [kernel, size] : bySize)
    total += size;
  size_t partitions =
      std::min({total / std::max<size_t>(minPartitionInstructions, 1),
                size_t(kiln::kMaxCodegenPartitions), bySize.size()});
  std::map<unsigned, unsigned> partitionOf;
  if (partitions < 2)
    return partitionOf;
  // Copies of a global would diverge if it were written: only read-only
  // local globals may be copied into the partitions that read them.
  for (const GlobalVariable &global : module.globals())
    if (global.hasLocalLinkage() && !global.isConstant())
      return partitionOf;
  std::vector<size_t> load(partitions, 0);
  for (auto [kernel, size] : bySize) {
    size_t lightest = std::min_element(load.begin(), load.end()) - load.begin();
    load[lightest] += size;
    partitionOf[kernel] = static_cast<unsigned>(lightest) + 1;
  }
  return partitionOf;
}

/// O3, then an object file.
static Expected<std::string> optimizeAndEmit(Module &module,
                                             TargetMachine &machine) {
  if (Error error = kiln::optimizeModule(module, machine))
    return std::move(error);
  SmallString<0> object;
  raw_svector_ostream stream(object);
  if (Error error =
          kiln::emitCode(module, machine, kiln::CodeFileKind::Object, stream))
    return std::move(error);
  return std::string(object.str());
}

/// Whether `global` is read-only data too large to copy into every
/// partition (and to send through bitcode).
static bool isLargeConstant(const GlobalVariable &global) {
  constexpr uint64_t kMinBytes = 4096;
  return global.isConstant() && global.hasInitializer() &&
         global.getParent()->getDataLayout().getTypeAllocSize(
             global.getValueType()) >= kMinBytes;
}

/// Optimizes the bitcode of one partition and compiles it to an object,
/// in an LLVM context and with a target machine of its own.
static Expected<std::string>
compilePartition(StringRef bitcode, const kiln::TargetChoice &target) {
  LLVMContext context;
  Expected<std::unique_ptr<Module>> module =
      parseBitcodeFile(MemoryBufferRef(bitcode, "kiln-partition"), context);
  if (!module)
    return module.takeError();
  Expected<std::unique_ptr<TargetMachine>> machine =
      kiln::createTargetMachine(target);
  if (!machine)
    return machine.takeError();
  return optimizeAndEmit(**module, **machine);
}

Expected<std::vector<std::string>>
kiln::compileToObjects(mlir::ModuleOp module, const TargetChoice &target,
                       unsigned threads, size_t minPartitionInstructions) {
  Expected<std::unique_ptr<TargetMachine>> machine =
      createTargetMachine(target);
  if (!machine)
    return machine.takeError();
  LLVMContext context;
  Expected<std::unique_ptr<Module>> whole =
      translateModule(module, context, **machine);
  if (!whole)
    return whole.takeError();
  return compileModuleToObjects(std::move(*whole), **machine, target, threads,
                                minPartitionInstructions);
}

Expected<std::vector<std::string>>
kiln::compileModuleToObjects(std::unique_ptr<Module> whole,
                             TargetMachine &machine, const TargetChoice &target,
                             unsigned threads, size_t minPartitionInstructions,
                             StringRef sharedSymbolPrefix) {
  std::map<unsigned, unsigned> partitionOf =
      partitionKernels(*whole, minPartitionInstructions);
  if (partitionOf.empty()) {
    Expected<std::string> object = optimizeAndEmit(*whole, machine);
    if (!object)
      return object.takeError();
    return std::vector<std::string>{std::move(*object)};
  }
  unsigned partitions = 1;
  for (auto [kernel, partition] : partitionOf)
    partitions = std::max(partitions, partition + 1);
  // Each kernel's functions go to its partition, everything else to the
  // first; decided before the shared symbols are renamed.
  DenseMap<const GlobalValue *, unsigned> partitionOfValue;
  for (Function &function : *whole)
    if (std::optional<unsigned> kernel = kernelOf(function);
        kernel && partitionOf.count(*kernel))
      partitionOfValue[&function] = partitionOf.at(*kernel);
  // What the partitions share becomes an external symbol: the task
  // functions, which the entry partition's launches call, and the large
  // constants, which live in the first partition.
  auto share = [&](GlobalValue &value) {
    value.setLinkage(GlobalValue::ExternalLinkage);
    if (sharedSymbolPrefix.empty()) {
      value.setVisibility(GlobalValue::DefaultVisibility);
      return;
    }
    value.setName(sharedSymbolPrefix + value.getName());
    value.setVisibility(GlobalValue::HiddenVisibility);
  };
  for (Function &function : *whole)
    if (kernelOf(function) && function.getName().ends_with("_task") &&
        !function.isDeclaration())
      share(function);
  for (GlobalVariable &global : whole->globals())
    if (global.hasLocalLinkage() && isLargeConstant(global))
      share(global);

  std::unique_ptr<Module> first;
  std::vector<SmallString<0>> bitcode(partitions);
  for (unsigned p = 0; p < partitions; ++p) {
    ValueToValueMapTy map;
    std::unique_ptr<Module> part =
        CloneModule(*whole, map, [&](const GlobalValue *value) {
          if (isa<GlobalVariable>(value) && value->hasLocalLinkage())
            return true;
          return partitionOfValue.lookup(value) == p;
        });
    if (p == 0) {
      first = std::move(part);
      continue;
    }
    raw_svector_ostream stream(bitcode[p]);
    WriteBitcodeToFile(*part, stream);
  }
  whole.reset();

  // Plain threads taking partitions in turn. (LLVM's ThreadPool would do,
  // but its std::future templates, instantiated here under ThreadSanitizer,
  // would also serve MLIR's uninstrumented pool and make TSan see races in
  // them that are not there.)
  std::vector<std::optional<Expected<std::string>>> results(partitions);
  std::atomic<unsigned> next{1};
  auto work = [&] {
    for (unsigned p; (p = next.fetch_add(1)) < partitions;)
      results[p].emplace(compilePartition(bitcode[p], target));
  };
  unsigned workers = std::min(
      partitions,
      threads ? threads : std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w)
    pool.emplace_back(work);
  results[0].emplace(optimizeAndEmit(*first, machine));
  work();
  for (std::thread &thread : pool)
    thread.join();
  std::vector<std::string> objects;
  Error errors = Error::success();
  for (std::optional<Expected<std::string>> &result : results) {
    if (*result)
      objects.push_back(std::move(**result));
    else
      errors = joinErrors(std::move(errors), result->takeError());
  }
  if (errors)
    return std::move(errors);
  return objects;
}
