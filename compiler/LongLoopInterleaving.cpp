//===- LongLoopInterleaving.cpp - Interleave the vectorizer's long loops --===//

#include "compiler/LongLoopInterleaving.h"

#include "llvm/Analysis/IVDescriptors.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/IR/Operator.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

using namespace llvm;

static constexpr const char *kInterleaveCount = "llvm.loop.interleave.count";

/// Counts `loop`'s floating-point operations; nullopt where it already holds
/// vectors: Kiln's own kernels, which the vectorizer leaves alone.
static std::optional<unsigned> countFloatOperations(const Loop &loop) {
  unsigned count = 0;
  for (const BasicBlock *block : loop.blocks())
    for (const Instruction &instruction : *block) {
      if (instruction.getType()->isVectorTy())
        return std::nullopt;
      count += isa<FPMathOperator>(instruction);
    }
  return count;
}

/// Whether every phi in `loop`'s header is an induction or a reduction
/// that may be reassociated (a row kernel's sums): a loop that carries
/// anything else (a recurrence, a sum in order) is LLVM's to interleave.
static bool carriesOnlyInductionsAndReductions(Loop &loop,
                                               ScalarEvolution &evolution) {
  for (PHINode &phi : loop.getHeader()->phis()) {
    InductionDescriptor induction;
    if (InductionDescriptor::isInductionPHI(&phi, &loop, &evolution, induction))
      continue;
    RecurrenceDescriptor reduction;
    if (!RecurrenceDescriptor::isReductionPHI(&phi, &loop, reduction,
                                              /*DB=*/nullptr, /*AC=*/nullptr,
                                              /*DT=*/nullptr, &evolution) ||
        reduction.getExactFPMathInst())
      return false;
  }
  return true;
}

/// The interleave count to ask of `loop`, or nullopt to leave it to LLVM.
static std::optional<unsigned>
interleaveCountFor(Loop &loop, ScalarEvolution &evolution,
                   const TargetTransformInfo &target) {
  // A loop with no preheader or latch is left as it is: the induction test
  // reads the preheader, the metadata hangs on the latch.
  if (!loop.isInnermost() || !loop.getLoopPreheader() || !loop.getLoopLatch() ||
      findStringMetadataForLoop(&loop, kInterleaveCount))
    return std::nullopt;
  std::optional<unsigned> operations = countFloatOperations(loop);
  if (!operations ||
      *operations < kiln::LongLoopInterleavingPass::kMinFloatOperations ||
      !carriesOnlyInductionsAndReductions(loop, evolution))
    return std::nullopt;
  // The widest vector's f32 lanes: the vectorization factor of Kiln's f32
  // kernels, and an upper bound for wider elements.
  unsigned lanes =
      target.getRegisterBitWidth(TargetTransformInfo::RGK_FixedWidthVector)
          .getFixedValue() /
      32;
  unsigned count =
      std::min(target.getMaxInterleaveFactor(
                   ElementCount::getFixed(std::max(lanes, 1u))),
               llvm::bit_floor(
                   kiln::LongLoopInterleavingPass::kMaxInterleavedOperations /
                   *operations));
  if (count <= 1)
    return std::nullopt;
  // Short trip counts would leave the interleaved loop unused and the
  // elements to the remainder.
  unsigned tripCount = evolution.getSmallConstantTripCount(&loop);
  if (tripCount != 0 && tripCount < 2 * count * lanes)
    return std::nullopt;
  return count;
}

PreservedAnalyses
kiln::LongLoopInterleavingPass::run(Function &function,
                                    FunctionAnalysisManager &analyses) {
  LoopInfo &loops = analyses.getResult<LoopAnalysis>(function);
  if (loops.empty())
    return PreservedAnalyses::all();
  ScalarEvolution &evolution =
      analyses.getResult<ScalarEvolutionAnalysis>(function);
  const TargetTransformInfo &target =
      analyses.getResult<TargetIRAnalysis>(function);
  for (Loop *loop : loops.getLoopsInPreorder())
    if (std::optional<unsigned> count =
            interleaveCountFor(*loop, evolution, target))
      addStringMetadataToLoop(loop, kInterleaveCount, *count);
  // Loop metadata only: no analysis changes.
  return PreservedAnalyses::all();
}
