//===- PowerOfTwoScalingTest.cpp - exp's 2^k in one AVX-512 instruction ---===//
//
// Which products PowerOfTwoScalingPass turns into `vscalefps`: functions
// written in LLVM IR as LLVM's vectorizer and instcombine leave Kiln's exp
// scaling (p * 2^(k >> 1) * 2^(k - (k >> 1)), and p * 2^(k + 64) * 2^-64),
// with the variations each rule looks at, the pass run alone, and the
// function's instructions read back. Results are checked where they are
// computed: MathAccuracyTest runs exp and logistic on AVX-512 hosts.
//
//===----------------------------------------------------------------------===//

#include "compiler/PowerOfTwoScaling.h"

#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/SourceMgr.h"

#include <gtest/gtest.h>

#include <string>

namespace {

/// How a test scaling differs from exp's two-factor one on <16 x float>.
struct ScalingShape {
  unsigned lanes = 16;
  /// p * 2^(k + 64) * 2^-64 instead of the two factors.
  bool offset = false;
  /// The offset form's constant factor.
  std::string offsetScale = "0x3BF0000000000000"; // 2^-64
  /// The exponent field's bias in the two factors' bits.
  unsigned bias = 127;
  /// k rounded to a whole number first (roundeven), as exp does.
  bool wholeExponent = true;
};

/// `scalar` splat over `shape`'s lanes, or itself for one lane.
std::string splat(const ScalingShape &shape, const std::string &type,
                  const std::string &scalar) {
  if (shape.lanes == 1)
    return scalar;
  return "splat (" + type + " " + scalar + ")";
}

std::string scalingText(const ScalingShape &shape) {
  std::string lanes = std::to_string(shape.lanes);
  std::string f32 = shape.lanes == 1 ? "float" : "<" + lanes + " x float>";
  std::string i32 = shape.lanes == 1 ? "i32" : "<" + lanes + " x i32>";
  std::string suffix = shape.lanes == 1 ? "f32" : "v" + lanes + "f32";
  std::string text = "define " + f32 + " @f(" + f32 + " %p, " + f32 +
                     " %y) {\n"
                     "  %t = fmul " +
                     f32 + " %y, " +
                     splat(shape, "float", "0x3FF7154760000000") + "\n";
  text += shape.wholeExponent ? "  %k = call " + f32 + " @llvm.roundeven." +
                                    suffix + "(" + f32 + " %t)\n"
                              : "  %k = fadd " + f32 + " %t, " +
                                    splat(shape, "float", "0.5") + "\n";
  text += "  %ki = fptosi " + f32 + " %k to " + i32 + "\n";
  auto bits = [&](const std::string &name, const std::string &exponent,
                  unsigned bias) {
    return "  %" + name + ".shl = shl " + i32 + " " + exponent + ", " +
           splat(shape, "i32", "23") + "\n  %" + name + ".bits = add " + i32 +
           " %" + name + ".shl, " +
           splat(shape, "i32", std::to_string(bias << 23)) + "\n  %" + name +
           " = bitcast " + i32 + " %" + name + ".bits to " + f32 + "\n";
  };
  if (shape.offset) {
    text += bits("f1", "%ki", shape.bias + 64);
    text += "  %scaled = fmul " + f32 + " %p, %f1\n";
    text += "  %r = fmul " + f32 + " %scaled, " +
            splat(shape, "float", shape.offsetScale) + "\n";
  } else {
    text += "  %k1 = ashr " + i32 + " %ki, " + splat(shape, "i32", "1") + "\n";
    text += "  %k2 = sub " + i32 + " %ki, %k1\n";
    text += bits("f1", "%k1", shape.bias);
    text += bits("f2", "%k2", shape.bias);
    text += "  %scaled = fmul " + f32 + " %p, %f1\n";
    text += "  %r = fmul " + f32 + " %scaled, %f2\n";
  }
  text += "  ret " + f32 + " %r\n}\n";
  text += "declare " + f32 + " @llvm.roundeven." + suffix + "(" + f32 + ")\n";
  return text;
}

/// The intrinsic the function returns after the pass runs (its name),
/// or "fmul" where the product stays.
std::string returnedAfterPass(const ScalingShape &shape,
                              bool vectorLength = true) {
  llvm::LLVMContext context;
  llvm::SMDiagnostic diagnostic;
  std::string text = scalingText(shape);
  std::unique_ptr<llvm::Module> module =
      llvm::parseAssemblyString(text, diagnostic, context);
  if (!module) {
    ADD_FAILURE() << diagnostic.getMessage().str() << "\n" << text;
    return "";
  }
  llvm::FunctionAnalysisManager functions;
  llvm::PassBuilder().registerFunctionAnalyses(functions);
  llvm::Function &function = *module->getFunction("f");
  kiln::PowerOfTwoScalingPass(vectorLength).run(function, functions);
  auto *ret = llvm::cast<llvm::ReturnInst>(function.back().getTerminator());
  llvm::Value *result = ret->getReturnValue();
  if (auto *call = llvm::dyn_cast<llvm::IntrinsicInst>(result)) {
    // The whole product goes: nothing but the rounding and the call stay.
    unsigned instructions = 0;
    for (llvm::Instruction &instruction : llvm::instructions(function))
      instructions += !instruction.isTerminator();
    EXPECT_EQ(instructions, 3u) << "the multiply by log2(e), the rounding "
                                   "and the call";
    EXPECT_EQ(call->getArgOperand(0), function.getArg(0));
    return call->getCalledFunction()->getName().str();
  }
  auto *product = llvm::dyn_cast<llvm::Instruction>(result);
  return product && product->getOpcode() == llvm::Instruction::FMul ? "fmul"
                                                                    : "";
}

TEST(PowerOfTwoScaling, TwoFactorsBecomeScalef) {
  EXPECT_EQ(returnedAfterPass({}), "llvm.x86.avx512.mask.scalef.ps.512");
}

TEST(PowerOfTwoScaling, OffsetFactorBecomesScalef) {
  EXPECT_EQ(returnedAfterPass({.offset = true}),
            "llvm.x86.avx512.mask.scalef.ps.512");
}

TEST(PowerOfTwoScaling, NarrowVectorsNeedVectorLength) {
  EXPECT_EQ(returnedAfterPass({.lanes = 8}),
            "llvm.x86.avx512.mask.scalef.ps.256");
  EXPECT_EQ(returnedAfterPass({.lanes = 4}),
            "llvm.x86.avx512.mask.scalef.ps.128");
  EXPECT_EQ(returnedAfterPass({.lanes = 8}, /*vectorLength=*/false), "fmul");
}

TEST(PowerOfTwoScaling, ScalarCodeKeepsItsFactors) {
  EXPECT_EQ(returnedAfterPass({.lanes = 1}), "fmul");
}

TEST(PowerOfTwoScaling, ExponentMustBeWhole) {
  // fptosi truncates and vscalefps floors: they differ on negative
  // fractions.
  EXPECT_EQ(returnedAfterPass({.wholeExponent = false}), "fmul");
}

TEST(PowerOfTwoScaling, OtherPowersAreLeftAlone) {
  EXPECT_EQ(returnedAfterPass({.bias = 126}), "fmul");
  EXPECT_EQ(returnedAfterPass(
                {.offset = true, .offsetScale = "0x3C00000000000000"}), // 2^-63
            "fmul");
}

} // namespace
