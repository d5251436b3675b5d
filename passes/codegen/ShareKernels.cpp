//===- ShareKernels.cpp - One kernel for twins that read other constants -===//
//
// kiln-outline-kernels already gives equal fusions one kernel, but a
// model's repeated layers are not equal: each reads its own weights, and
// the kernels differ only in the memref.get_global of those constants.
// Emitted twice, such a kernel costs LLVM twice (ResNet-50's 57 kernels
// are 28 codes). Here the twins become one kernel that takes the
// constants as arguments, after its buffers and before the task index:
//
//   @kiln_launch_0(%x, %y, %ctx)      {kiln.kernel = @kernel_0}
//   @kiln_launch_1(%x, %y, %ctx)      {kiln.kernel = @kernel_1}
//   @kernel_0(%x, %y, %task)          // memref.get_global @w0
//   @kernel_1(%x, %y, %task)          // memref.get_global @w1
// becomes
//   @kiln_launch_0(%x, %y, %w, %ctx)  {kiln.kernel = @kernel_0}
//   @kiln_launch_1(%x, %y, %w, %ctx)  {kiln.kernel = @kernel_0}
//   @kernel_0(%x, %y, %w, %task)
// and each launch's call passes memref.get_global of its own constant.
//
// A kernel without a twin keeps its get_global: LLVM sees the constant
// itself there, its alignment and its values.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/hlo/KilnAttributes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OperationSupport.h"

#define DEBUG_TYPE "kiln-share-kernels"

namespace kiln {
#define GEN_PASS_DEF_SHAREKERNELS
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

/// A kernel, the constants it reads in the order of its body, and the
/// launches that run it.
struct Kernel {
  func::FuncOp func;
  SmallVector<memref::GetGlobalOp> reads;
  SmallVector<func::FuncOp> launches;
};

/// Hash of a kernel's code with the names of the constants it reads left
/// out (their types are kept).
llvm::hash_code codeHash(Kernel &kernel) {
  llvm::hash_code hash = mlir::hash_value(kernel.func.getFunctionType());
  kernel.func.getBody().walk([&](Operation *op) {
    if (auto read = dyn_cast<memref::GetGlobalOp>(op)) {
      hash = llvm::hash_combine(hash, read.getType());
      return;
    }
    hash =
        llvm::hash_combine(hash, OperationEquivalence::computeHash(
                                     op, OperationEquivalence::ignoreHashValue,
                                     OperationEquivalence::ignoreHashValue,
                                     OperationEquivalence::IgnoreLocations));
  });
  return hash;
}

/// Whether `a` and `b` are the same code but for the names of the
/// constants they read: compared with b's reads renamed to a's, then
/// renamed back.
bool sameCode(Kernel &a, Kernel &b) {
  if (a.func.getFunctionType() != b.func.getFunctionType() ||
      a.func.getArgAttrsAttr() != b.func.getArgAttrsAttr() ||
      a.reads.size() != b.reads.size())
    return false;
  SmallVector<FlatSymbolRefAttr> names;
  for (auto [readA, readB] : llvm::zip(a.reads, b.reads)) {
    if (readA.getType() != readB.getType())
      return false;
    names.push_back(readB.getNameAttr());
  }
  for (auto [readA, readB] : llvm::zip(a.reads, b.reads))
    readB.setNameAttr(readA.getNameAttr());
  bool same = OperationEquivalence::isRegionEquivalentTo(
      &a.func.getBody(), &b.func.getBody(),
      OperationEquivalence::IgnoreLocations);
  for (auto [readB, name] : llvm::zip(b.reads, names))
    readB.setNameAttr(name);
  return same;
}

struct ShareKernelsPass final : kiln::impl::ShareKernelsBase<ShareKernelsPass> {
  /// The calls of each launch, by its name.
  DenseMap<StringAttr, SmallVector<func::CallOp>> callsOf;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    // The kernels that read constants, in module order, with their launches.
    SmallVector<Kernel> kernels;
    DenseMap<Operation *, size_t> indexOf;
    for (auto launch : module.getOps<func::FuncOp>()) {
      auto ref = launch->getAttrOfType<FlatSymbolRefAttr>(kiln::attr::kKernel);
      if (!ref)
        continue;
      auto func = symbols.lookup<func::FuncOp>(ref.getValue());
      if (!func || func.isExternal())
        continue;
      auto [it, inserted] = indexOf.try_emplace(func, kernels.size());
      if (inserted) {
        Kernel kernel{func, {}, {}};
        func.walk(
            [&](memref::GetGlobalOp read) { kernel.reads.push_back(read); });
        kernels.push_back(std::move(kernel));
      }
      kernels[it->second].launches.push_back(launch);
    }

    // Sets of twins, found by code hash; the first of each is kept.
    SmallVector<SmallVector<size_t>> groups;
    DenseMap<llvm::hash_code, SmallVector<size_t, 1>> groupsByHash;
    for (size_t i = 0; i < kernels.size(); ++i) {
      if (kernels[i].reads.empty())
        continue;
      SmallVector<size_t, 1> &candidates = groupsByHash[codeHash(kernels[i])];
      auto twin = llvm::find_if(candidates, [&](size_t group) {
        return sameCode(kernels[groups[group].front()], kernels[i]);
      });
      if (twin != candidates.end()) {
        groups[*twin].push_back(i);
        continue;
      }
      candidates.push_back(groups.size());
      groups.push_back({i});
    }
    // The launches are called from the graph function, never from a
    // kernel: only the public functions are searched for their calls.
    callsOf.clear();
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isPublic())
        func.walk([&](func::CallOp call) {
          callsOf[call.getCalleeAttr().getAttr()].push_back(call);
        });
    for (ArrayRef<size_t> group : groups)
      if (group.size() > 1)
        share(group, kernels);
  }

  /// Makes the first kernel of `group` take its constants as arguments and
  /// run every launch of the group, each passing its own; erases the rest.
  void share(ArrayRef<size_t> group, MutableArrayRef<Kernel> kernels) {
    Kernel &kept = kernels[group.front()];
    SmallVector<SmallVector<FlatSymbolRefAttr>> constantsOf;
    for (size_t i : group)
      constantsOf.push_back(llvm::to_vector(
          llvm::map_range(kernels[i].reads, [](memref::GetGlobalOp read) {
            return read.getNameAttr();
          })));

    // The constants, after the buffers and before the task index; like the
    // buffers, none aliases another argument.
    MLIRContext *ctx = &getContext();
    unsigned firstConstant = kept.func.getNumArguments() - 1;
    auto noAlias = NamedAttribute(
        StringAttr::get(ctx, LLVM::LLVMDialect::getNoAliasAttrName()),
        UnitAttr::get(ctx));
    for (auto [i, read] : llvm::enumerate(kept.reads)) {
      kept.func.insertArgument(firstConstant + i, read.getType(),
                               DictionaryAttr::get(ctx, {noAlias}),
                               read.getLoc());
      read.replaceAllUsesWith(kept.func.getArgument(firstConstant + i));
      read.erase();
    }
    kept.reads.clear();

    for (auto [i, constants] : llvm::zip(group, constantsOf)) {
      for (func::FuncOp launch : kernels[i].launches)
        passConstants(launch, constants, kept.func);
      if (i != group.front())
        kernels[i].func.erase();
    }
  }

  /// Gives `launch` the constants' types before its context argument, has
  /// every call of it pass `constants` there, and points it at `kernel`.
  void passConstants(func::FuncOp launch, ArrayRef<FlatSymbolRefAttr> constants,
                     func::FuncOp kernel) {
    unsigned contextIndex = launch.getNumArguments() - 1;
    SmallVector<Type> types(launch.getArgumentTypes());
    SmallVector<Type> constantTypes;
    for (unsigned i = 0; i < constants.size(); ++i)
      constantTypes.push_back(kernel.getArgumentTypes()[contextIndex + i]);
    types.insert(types.begin() + contextIndex, constantTypes.begin(),
                 constantTypes.end());
    launch.setFunctionType(FunctionType::get(&getContext(), types, {}));
    launch->setAttr(kiln::attr::kKernel, FlatSymbolRefAttr::get(kernel));

    for (func::CallOp call : callsOf.lookup(launch.getSymNameAttr())) {
      OpBuilder builder(call);
      SmallVector<Value> operands(call.getOperands());
      SmallVector<Value> reads;
      for (auto [name, type] : llvm::zip(constants, constantTypes))
        reads.push_back(builder.create<memref::GetGlobalOp>(call.getLoc(), type,
                                                            name.getValue()));
      operands.insert(operands.begin() + contextIndex, reads.begin(),
                      reads.end());
      call->setOperands(operands);
    }
  }
};

} // namespace
