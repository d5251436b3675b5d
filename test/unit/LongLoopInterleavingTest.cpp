//===- LongLoopInterleavingTest.cpp - The vectorizer's long loops -------===//
//
// Which loops LongLoopInterleavingPass asks LLVM to interleave, and how many
// times: loops written in LLVM IR (a chain of fadds over an array, with
// the variations each rule looks at), the pass run alone for Zen 4 (AVX-512,
// 16 f32 lanes, LLVM's interleave factor 4) and Zen 3 (AVX2, 8 lanes), and
// the count read back from the loop's metadata.
//
//===----------------------------------------------------------------------===//

#include "compiler/LongLoopInterleaving.h"
#include "compiler/Backend.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Target/TargetMachine.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace {

/// How a test loop differs from the plain one: y[i] = x[i] + 1 + 1 + ...
/// with `operations` fadds, i from 0 to `tripCount` (to an argument when
/// nullopt).
struct LoopShape {
  unsigned operations = 32;
  std::optional<unsigned> tripCount = 1024;
  /// Also sums the last value of each element into an accumulator: in
  /// order, or with `reassoc` (a row kernel's sums) where `reassociable`.
  bool reduction = false;
  bool reassociable = false;
  /// Adds in <4 x float>, as Kiln's own kernels are written.
  bool vectors = false;
  /// Already carries llvm.loop.interleave.count = 2.
  bool interleaveHint = false;
  /// Entered from two blocks, so that the loop has no preheader.
  bool preheader = true;
};

std::string loopText(const LoopShape &shape) {
  std::string type = shape.vectors ? "<4 x float>" : "float";
  std::string one = shape.vectors ? "splat (float 1.0)" : "1.0";
  std::string bound =
      shape.tripCount ? std::to_string(*shape.tripCount) : std::string("%n");
  std::string text =
      "define void @f(ptr noalias %x, ptr noalias %y, i64 %n) {\n";
  if (shape.preheader)
    text += "entry:\n  br label %loop\n"
            "loop:\n  %i = phi i64 [0, %entry], [%next, %loop]\n";
  else
    text += "entry:\n  %empty = icmp eq i64 %n, 0\n"
            "  br i1 %empty, label %loop, label %other\n"
            "other:\n  br label %loop\n"
            "loop:\n  %i = phi i64 [0, %entry], [0, %other], [%next, %loop]\n";
  if (shape.reduction)
    text += "  %acc = phi float [0.0, %entry], [%acc.next, %loop]\n";
  text += "  %px = getelementptr " + type + ", ptr %x, i64 %i\n";
  text += "  %v0 = load " + type + ", ptr %px\n";
  for (unsigned k = 1; k <= shape.operations; ++k)
    text += "  %v" + std::to_string(k) + " = fadd " + type + " %v" +
            std::to_string(k - 1) + ", " + one + "\n";
  std::string last = "%v" + std::to_string(shape.operations);
  text += "  %py = getelementptr " + type + ", ptr %y, i64 %i\n";
  text += "  store " + type + " " + last + ", ptr %py\n";
  if (shape.reduction)
    text += std::string("  %acc.next = fadd ") +
            (shape.reassociable ? "reassoc " : "") + "float %acc, " + last +
            "\n";
  text += "  %next = add i64 %i, 1\n"
          "  %done = icmp eq i64 %next, " +
          bound +
          "\n"
          "  br i1 %done, label %exit, label %loop" +
          (shape.interleaveHint ? ", !llvm.loop !0" : "") +
          "\n"
          "exit:\n";
  // A reduction's sum is used after the loop, or LLVM finds none.
  if (shape.reduction)
    text += "  %sum = phi float [%acc.next, %loop]\n"
            "  store float %sum, ptr %y\n";
  text += "  ret void\n}\n";
  if (shape.interleaveHint)
    text += "!0 = distinct !{!0, !1}\n"
            "!1 = !{!\"llvm.loop.interleave.count\", i32 2}\n";
  return text;
}

/// The interleave count the loop carries after the pass runs for `cpu`;
/// nullopt where it carries none.
std::optional<int> interleaveCountAfterPass(const LoopShape &shape,
                                            const std::string &cpu) {
  auto machine = kiln::createTargetMachine({cpu, ""});
  if (!machine) {
    ADD_FAILURE() << llvm::toString(machine.takeError());
    return std::nullopt;
  }
  llvm::LLVMContext context;
  llvm::SMDiagnostic diagnostic;
  std::unique_ptr<llvm::Module> module =
      llvm::parseAssemblyString(loopText(shape), diagnostic, context);
  if (!module) {
    ADD_FAILURE() << diagnostic.getMessage().str();
    return std::nullopt;
  }
  module->setDataLayout((*machine)->createDataLayout());
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder builder(machine->get());
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgscc);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgscc, modules);
  llvm::Function &function = *module->getFunction("f");
  kiln::LongLoopInterleavingPass().run(function, functions);
  functions.clear();
  llvm::LoopInfo &loopInfo = functions.getResult<llvm::LoopAnalysis>(function);
  EXPECT_EQ(loopInfo.getTopLevelLoops().size(), 1u);
  return llvm::getOptionalIntLoopAttribute(*loopInfo.begin(),
                                           "llvm.loop.interleave.count");
}

constexpr unsigned kLongest =
    kiln::LongLoopInterleavingPass::kMaxInterleavedOperations;
constexpr unsigned kShortest =
    kiln::LongLoopInterleavingPass::kMinFloatOperations;

TEST(LongLoopInterleaving, LongLoopTakesTheTargetsFactor) {
  EXPECT_EQ(interleaveCountAfterPass({}, "znver4"), 4);
  EXPECT_EQ(interleaveCountAfterPass({}, "znver3"), 4);
  EXPECT_EQ(interleaveCountAfterPass({.operations = kShortest}, "znver4"), 4);
}

TEST(LongLoopInterleaving, ShortBodyIsLeftToLLVM) {
  EXPECT_EQ(interleaveCountAfterPass({.operations = kShortest - 1}, "znver4"),
            std::nullopt);
}

TEST(LongLoopInterleaving, CountHalvesUntilTheBodyFits) {
  EXPECT_EQ(interleaveCountAfterPass({.operations = kLongest / 4}, "znver4"),
            4);
  EXPECT_EQ(
      interleaveCountAfterPass({.operations = kLongest / 4 + 1}, "znver4"), 2);
  EXPECT_EQ(interleaveCountAfterPass({.operations = kLongest / 2}, "znver4"),
            2);
  EXPECT_EQ(
      interleaveCountAfterPass({.operations = kLongest / 2 + 1}, "znver4"),
      std::nullopt);
}

TEST(LongLoopInterleaving, TripCountHoldsTwoInterleavedIterations) {
  // 2 iterations x 4 vectors x 16 lanes on Zen 4, x 8 lanes on Zen 3.
  EXPECT_EQ(interleaveCountAfterPass({.tripCount = 128}, "znver4"), 4);
  EXPECT_EQ(interleaveCountAfterPass({.tripCount = 127}, "znver4"),
            std::nullopt);
  EXPECT_EQ(interleaveCountAfterPass({.tripCount = 64}, "znver3"), 4);
  EXPECT_EQ(interleaveCountAfterPass({.tripCount = 63}, "znver3"),
            std::nullopt);
  // Not known while compiling: long enough, as a graph's loops over a
  // thread's share are.
  EXPECT_EQ(interleaveCountAfterPass({.tripCount = std::nullopt}, "znver4"), 4);
}

TEST(LongLoopInterleaving, ReassociableReductionTakesTheTargetsFactor) {
  // Softmax's exp(x - max) loop with its sum: LLVM interleaved it twice in
  // AVX2 code, four times took 10% less time on Zen 3.
  EXPECT_EQ(interleaveCountAfterPass({.reduction = true, .reassociable = true},
                                     "znver3"),
            4);
}

TEST(LongLoopInterleaving, SumInOrderIsLeftToLLVM) {
  // LLVM does not vectorize a sum in order: a count would go unmet.
  EXPECT_EQ(interleaveCountAfterPass({.reduction = true}, "znver4"),
            std::nullopt);
}

TEST(LongLoopInterleaving, VectorCodeIsLeftAlone) {
  EXPECT_EQ(interleaveCountAfterPass({.vectors = true}, "znver4"),
            std::nullopt);
}

TEST(LongLoopInterleaving, LoopWithoutPreheaderIsLeftAlone) {
  EXPECT_EQ(interleaveCountAfterPass({.preheader = false}, "znver4"),
            std::nullopt);
}

TEST(LongLoopInterleaving, ExistingCountIsKept) {
  EXPECT_EQ(interleaveCountAfterPass({.interleaveHint = true}, "znver4"), 2);
}

} // namespace
