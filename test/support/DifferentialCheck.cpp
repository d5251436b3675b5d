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

/// A run that must give the default run's bits, and its name.
struct ExtraRun {
  RunOptions options;
  const char *name;
};

/// Runs on 1 and 3 threads, then with the weights declared unchanged: the
/// first such call fills the packed weights cache, the second reads it.
std::vector<ExtraRun> extraRunsOfFused() {
  std::vector<ExtraRun> runs(4);
  runs[0] = {RunOptions(), "on 1 thread"};
  runs[0].options.threads = 1;
  runs[1] = {RunOptions(), "on 3 threads"};
  runs[1].options.threads = 3;
  runs[2] = {RunOptions(), "with the weights cache filling"};
  runs[2].options.weightsUnchanged = true;
  runs[3] = {RunOptions(), "with the weights cache read"};
  runs[3].options.weightsUnchanged = true;
  return runs;
}

/// Compiles `module` with `options`, runs it on `inputs` as each of
/// `extras` says (results into `extraResults`), then with default options.
llvm::Expected<std::vector<HostTensor>>
compileAndRun(mlir::ModuleOp module, const CompileOptions &options,
              const std::vector<HostTensor> &inputs,
              const std::vector<ExtraRun> &extras,
              std::vector<std::vector<HostTensor>> &extraResults) {
  Compiler compiler(*module.getContext());
  auto executable = compiler.compile(module, options);
  if (!executable)
    return executable.takeError();
  for (const ExtraRun &extra : extras) {
    auto results = (*executable)->run(inputs, extra.options);
    if (!results)
      return results.takeError();
    extraResults.push_back(std::move(*results));
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

  std::vector<ExtraRun> extras = extraRunsOfFused();
  std::vector<std::vector<HostTensor>> extraResults;
  auto fused =
      compileAndRun(module, CompileOptions(), inputs, extras, extraResults);
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
  // change a single bit; nor must weights packed in an earlier call.
  for (size_t run = 0; run < extras.size(); ++run)
    for (size_t i = 0; i < fused->size(); ++i)
      if (extraResults[run][i].sizeInBytes() != (*fused)[i].sizeInBytes() ||
          std::memcmp(extraResults[run][i].data(), (*fused)[i].data(),
                      (*fused)[i].sizeInBytes()) != 0)
        return fail("fused: output " + llvm::Twine(i) + " " + extras[run].name +
                    " differs bitwise from the default run");
  return llvm::Error::success();
}

} // namespace kiln
