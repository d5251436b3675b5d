//===- DifferentialCheck.cpp - Fused, unfused and reference agree ---------===//

#include "test/support/DifferentialCheck.h"

#include "test/support/NumericsCompare.h"

#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "tools/common/RandomTensor.h"

#include <cstring>

namespace kiln {
namespace {

llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Compiles `module` with `options` and runs it on `inputs` with `threads`.
llvm::Expected<std::vector<HostTensor>>
compileAndRun(mlir::ModuleOp module, const CompileOptions &options,
              const std::vector<HostTensor> &inputs,
              const std::vector<int> &threadCounts,
              std::vector<std::vector<HostTensor>> &extraRuns) {
  Compiler compiler(*module.getContext());
  auto executable = compiler.compile(module, options);
  if (!executable)
    return executable.takeError();
  for (int threads : threadCounts) {
    RunOptions runOptions;
    runOptions.threads = threads;
    auto results = (*executable)->run(inputs, runOptions);
    if (!results)
      return results.takeError();
    extraRuns.push_back(std::move(*results));
  }
  return (*executable)->run(inputs);
}

/// Checks compiled results against the interpreter's within their bounds;
/// `what` names the compiled configuration ("fused").
llvm::Error compareAll(llvm::StringRef what,
                       const std::vector<HostTensor> &actual,
                       const InterpretedResults &reference,
                       DifferentialCounts *counts) {
  if (actual.size() != reference.values.size())
    return fail(what + ": " + llvm::Twine(actual.size()) + " results vs " +
                llvm::Twine(reference.values.size()));
  for (size_t i = 0; i < actual.size(); ++i) {
    int64_t unchecked = 0;
    std::string mismatch = testing::compareWithinBounds(
        actual[i], reference.values[i], reference.errorBounds[i], &unchecked);
    if (counts) {
      counts->elements += reference.values[i].numElements();
      counts->unchecked += unchecked;
    }
    if (!mismatch.empty())
      return fail(what + " vs interpreter: output " + llvm::Twine(i) + " (" +
                  reference.values[i].typeString() + ") " + mismatch);
  }
  return llvm::Error::success();
}

} // namespace

llvm::Error checkGraphDifferentially(mlir::ModuleOp module, uint64_t seed,
                                     DifferentialCounts *counts) {
  std::vector<TensorSpec> inputSpecs, outputSpecs;
  if (llvm::Error error = describeSignature(module, inputSpecs, outputSpecs))
    return error;
  std::vector<HostTensor> inputs;
  for (size_t i = 0; i < inputSpecs.size(); ++i)
    inputs.push_back(
        randomTensor(inputSpecs[i].elementType, inputSpecs[i].shape, seed, i));

  auto entry = getEntryFunction(module);
  if (!entry)
    return entry.takeError();
  auto reference = interpretWithErrorBounds(*entry, inputs);
  if (!reference)
    return fail("interpreter: " + llvm::toString(reference.takeError()));

  std::vector<std::vector<HostTensor>> threadRuns;
  auto fused =
      compileAndRun(module, CompileOptions(), inputs, {1, 3}, threadRuns);
  if (!fused)
    return fail("fused: " + llvm::toString(fused.takeError()));
  CompileOptions unfusedOptions;
  unfusedOptions.disableFusion();
  std::vector<std::vector<HostTensor>> unusedRuns;
  auto unfused = compileAndRun(module, unfusedOptions, inputs, {}, unusedRuns);
  if (!unfused)
    return fail("unfused: " + llvm::toString(unfused.takeError()));

  // Counted once: the unfused results face the same bounds.
  if (llvm::Error error = compareAll("fused", *fused, *reference, counts))
    return error;
  if (llvm::Error error = compareAll("unfused", *unfused, *reference, nullptr))
    return error;
  // Task boundaries are fixed at compile time, so the thread count must not
  // change a single bit.
  for (size_t run = 0; run < threadRuns.size(); ++run)
    for (size_t i = 0; i < fused->size(); ++i)
      if (threadRuns[run][i].sizeInBytes() != (*fused)[i].sizeInBytes() ||
          std::memcmp(threadRuns[run][i].data(), (*fused)[i].data(),
                      (*fused)[i].sizeInBytes()) != 0)
        return fail("fused: output " + llvm::Twine(i) + " on " +
                    llvm::Twine(run == 0 ? 1 : 3) +
                    " threads differs bitwise from the default thread count");
  return llvm::Error::success();
}

} // namespace kiln
