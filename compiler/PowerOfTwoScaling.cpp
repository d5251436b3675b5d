//===- PowerOfTwoScaling.cpp - exp's 2^k in one AVX-512 instruction -------===//

#include "compiler/PowerOfTwoScaling.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicsX86.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Transforms/Utils/Local.h"

#include <cmath>

using namespace llvm;
using namespace llvm::PatternMatch;

namespace {

/// Bits of an f32's fraction field: the exponent field starts above them.
constexpr unsigned kFractionBits = 23;
/// The exponent field's bias: 2^0 has 127 there.
constexpr int64_t kExponentBias = 127;

/// e in `factor` = 2^(e + bias - 127) built from its bits, as LLVM leaves
/// AccurateMath's powerOfTwo after instcombine: bitcast (add (shl e, 23),
/// bias << 23), or bitcast (shl (add e, bias), 23). Null for anything else.
Value *exponentOf(Value *factor, int64_t &bias) {
  Value *exponent;
  const APInt *constant;
  if (match(factor, m_BitCast(m_c_Add(
                        m_Shl(m_Value(exponent), m_SpecificInt(kFractionBits)),
                        m_APInt(constant)))) &&
      constant->countr_zero() >= kFractionBits) {
    bias = constant->ashr(kFractionBits).getSExtValue();
    return exponent;
  }
  if (match(factor,
            m_BitCast(m_Shl(m_c_Add(m_Value(exponent), m_APInt(constant)),
                            m_SpecificInt(kFractionBits))))) {
    bias = constant->getSExtValue();
    return exponent;
  }
  return nullptr;
}

/// The float k of `exponent` = fptosi(k), frozen or not (AccurateMath
/// freezes it, so that a NaN k gives a NaN result), where k is a whole
/// number (a rounding intrinsic's result), so that fptosi and
/// `vscalefps`'s floor agree. Null otherwise.
Value *wholeExponent(Value *exponent) {
  Value *k;
  if (!match(exponent, m_FPToSI(m_Value(k))) &&
      !match(exponent, m_Freeze(m_FPToSI(m_Value(k)))))
    return nullptr;
  auto *rounding = dyn_cast<IntrinsicInst>(k);
  if (!rounding)
    return nullptr;
  switch (rounding->getIntrinsicID()) {
  case Intrinsic::roundeven:
  case Intrinsic::rint:
  case Intrinsic::nearbyint:
  case Intrinsic::round:
  case Intrinsic::floor:
  case Intrinsic::ceil:
  case Intrinsic::trunc:
    return k;
  default:
    return nullptr;
  }
}

/// k of p * 2^(k >> 1) * 2^(k - (k >> 1)), the two factors `first` and
/// `second` in either order; null if they are not.
Value *twoFactorExponent(Value *first, Value *second) {
  int64_t firstBias, secondBias;
  Value *e1 = exponentOf(first, firstBias);
  Value *e2 = exponentOf(second, secondBias);
  if (!e1 || !e2 || firstBias != kExponentBias || secondBias != kExponentBias)
    return nullptr;
  for (auto [half, rest] : {std::pair(e1, e2), std::pair(e2, e1)}) {
    Value *exponent;
    if (match(half, m_AShr(m_Value(exponent), m_SpecificInt(1))) &&
        match(rest, m_Sub(m_Specific(exponent), m_Specific(half))))
      return wholeExponent(exponent);
  }
  return nullptr;
}

/// k of p * 2^(k + b) * 2^-b, `factor` the first and `constant` the
/// second; null if they are not.
Value *offsetFactorExponent(Value *factor, Value *constant) {
  int64_t bias;
  Value *exponent = exponentOf(factor, bias);
  const APFloat *scale;
  if (!exponent || !match(constant, m_APFloat(scale)))
    return nullptr;
  bool lostInfo = false;
  APFloat expected(std::ldexp(1.0, int(kExponentBias - bias)));
  expected.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                   &lostInfo);
  if (lostInfo || !scale->bitwiseIsEqual(expected))
    return nullptr;
  return wholeExponent(exponent);
}

/// (p, k) where `product` is p 2^k in one of AccurateMath's two forms.
std::optional<std::pair<Value *, Value *>> matchScaling(Instruction &product) {
  Value *a, *b;
  if (!match(&product, m_FMul(m_Value(a), m_Value(b))))
    return std::nullopt;
  for (auto [inner, outer] : {std::pair(a, b), std::pair(b, a)}) {
    Value *c, *d;
    if (!match(inner, m_OneUse(m_FMul(m_Value(c), m_Value(d)))))
      continue;
    for (auto [p, factor] : {std::pair(c, d), std::pair(d, c)}) {
      if (Value *k = twoFactorExponent(factor, outer))
        return std::pair(p, k);
      if (Value *k = offsetFactorExponent(factor, outer))
        return std::pair(p, k);
    }
  }
  return std::nullopt;
}

/// The `vscalefps` intrinsic for `type` and its trailing operands (an
/// all-lanes mask, and at 512 bits the current rounding), if there is one.
std::optional<std::pair<Intrinsic::ID, SmallVector<Value *>>>
scalefFor(Type *type, bool vectorLength, IRBuilder<> &builder) {
  auto *vector = dyn_cast<FixedVectorType>(type);
  if (!vector || !vector->getElementType()->isFloatTy())
    return std::nullopt;
  // _MM_FROUND_CUR_DIRECTION: round as MXCSR says, as the multiplies did.
  constexpr int32_t kCurrentRounding = 4;
  switch (vector->getNumElements()) {
  case 16:
    return std::pair(Intrinsic::x86_avx512_mask_scalef_ps_512,
                     SmallVector<Value *>{builder.getInt16(0xFFFF),
                                          builder.getInt32(kCurrentRounding)});
  case 8:
    if (!vectorLength)
      return std::nullopt;
    return std::pair(Intrinsic::x86_avx512_mask_scalef_ps_256,
                     SmallVector<Value *>{builder.getInt8(0xFF)});
  case 4:
    if (!vectorLength)
      return std::nullopt;
    return std::pair(Intrinsic::x86_avx512_mask_scalef_ps_128,
                     SmallVector<Value *>{builder.getInt8(0xFF)});
  default:
    return std::nullopt;
  }
}

} // namespace

PreservedAnalyses kiln::PowerOfTwoScalingPass::run(Function &function,
                                                   FunctionAnalysisManager &) {
  // Handles, so that a product an earlier rewrite deleted reads as null.
  SmallVector<WeakTrackingVH> products;
  for (Instruction &instruction : instructions(function))
    if (instruction.getOpcode() == Instruction::FMul)
      products.push_back(&instruction);
  bool changed = false;
  for (WeakTrackingVH &handle : products) {
    auto *product = cast_or_null<Instruction>(handle);
    if (!product)
      continue;
    std::optional<std::pair<Value *, Value *>> scaling = matchScaling(*product);
    if (!scaling)
      continue;
    IRBuilder<> builder(product);
    auto scalef = scalefFor(product->getType(), vectorLength, builder);
    if (!scalef)
      continue;
    auto [p, k] = *scaling;
    SmallVector<Value *> operands{p, k, Constant::getNullValue(p->getType())};
    llvm::append_range(operands, scalef->second);
    Value *scaled = builder.CreateCall(
        Intrinsic::getDeclaration(function.getParent(), scalef->first),
        operands);
    scaled->takeName(product);
    product->replaceAllUsesWith(scaled);
    RecursivelyDeleteTriviallyDeadInstructions(product);
    changed = true;
  }
  if (!changed)
    return PreservedAnalyses::all();
  PreservedAnalyses preserved;
  preserved.preserveSet<CFGAnalyses>();
  return preserved;
}
