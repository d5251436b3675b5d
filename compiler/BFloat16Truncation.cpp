//===- BFloat16Truncation.cpp - f32 -> bf16 for code without AVX512-BF16 --===//

#include "compiler/BFloat16Truncation.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace {

/// The libcall x86's backend emits to round f32 to bf16.
constexpr const char *kTruncation = "__truncsfbf2";

/// Whether `type` is bf16 or a vector of it.
bool isBFloat16(Type *type) { return type->getScalarType()->isBFloatTy(); }

/// Whether any instruction of `module` computes on bf16 other than by
/// moving or widening it, which the backend does without the libcall.
bool computesOnBFloat16(Module &module) {
  for (Function &function : module)
    for (Instruction &instruction : instructions(function)) {
      if (isa<LoadInst, StoreInst, BitCastInst, FPExtInst, GetElementPtrInst>(
              instruction))
        continue;
      if (isBFloat16(instruction.getType()) ||
          any_of(instruction.operands(), [](const Use &operand) {
            return isBFloat16(operand->getType());
          }))
        return true;
    }
  return false;
}

/// bf16 x = the high half of f32 x's bits plus 0x7FFF and the kept half's
/// lowest bit (round half to even; a carry into the exponent gives the
/// next binade or infinity), or for a NaN its high half with the quiet bit
/// set: the same bits as ScalarSemantics.cpp's buildTruncToBF16.
void defineTruncation(Module &module) {
  LLVMContext &context = module.getContext();
  Type *i32 = Type::getInt32Ty(context);
  auto *type = FunctionType::get(Type::getBFloatTy(context),
                                 {Type::getFloatTy(context)}, false);
  Function *function =
      Function::Create(type, GlobalValue::WeakODRLinkage, kTruncation, module);
  function->setVisibility(GlobalValue::HiddenVisibility);
  function->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> b(BasicBlock::Create(context, "entry", function));
  Value *x = function->getArg(0);
  Value *bits = b.CreateBitCast(x, i32);
  Value *high = b.CreateLShr(bits, 16);
  Value *bias = b.CreateAdd(b.CreateAnd(high, 1), b.getInt32(0x7FFF));
  Value *rounded = b.CreateLShr(b.CreateAdd(bits, bias), 16);
  Value *quietNaN = b.CreateOr(high, 0x40);
  Value *result = b.CreateSelect(b.CreateFCmpUNO(x, x), quietNaN, rounded);
  b.CreateRet(b.CreateBitCast(b.CreateTrunc(result, b.getInt16Ty()),
                              Type::getBFloatTy(context)));
}

} // namespace

PreservedAnalyses kiln::BFloat16TruncationPass::run(Module &module,
                                                    ModuleAnalysisManager &) {
  if (module.getFunction(kTruncation) || !computesOnBFloat16(module))
    return PreservedAnalyses::all();
  defineTruncation(module);
  return PreservedAnalyses::none();
}
