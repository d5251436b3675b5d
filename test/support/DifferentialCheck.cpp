//===- DifferentialCheck.cpp - Fused, unfused and reference agree ---------===//

#include "test/support/DifferentialCheck.h"

#include "test/support/NumericsCompare.h"

#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "tools/common/RandomTensor.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstring>

namespace kiln {
namespace {

llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// "[1, 0, 2]": the coordinates of flat index `index` in `shape`.
std::string coordinates(const std::vector<int64_t> &shape, int64_t index) {
  std::vector<int64_t> coords(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    coords[d] = index % shape[d];
    index /= shape[d];
  }
  std::string text = "[";
  for (size_t d = 0; d < coords.size(); ++d)
    text += (d ? ", " : "") + std::to_string(coords[d]);
  return text + "]";
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

/// Compares two result lists; `what` names them ("fused vs interpreter").
llvm::Error compareAll(llvm::StringRef what,
                       const std::vector<HostTensor> &actual,
                       const std::vector<HostTensor> &expected) {
  if (actual.size() != expected.size())
    return fail(what + ": " + llvm::Twine(actual.size()) + " results vs " +
                llvm::Twine(expected.size()));
  for (size_t i = 0; i < actual.size(); ++i) {
    std::string mismatch = describeMismatch(actual[i], expected[i]);
    if (!mismatch.empty())
      return fail(what + ": output " + llvm::Twine(i) + " (" +
                  expected[i].typeString() + ") " + mismatch);
  }
  return llvm::Error::success();
}

} // namespace

std::string describeMismatch(const HostTensor &actual,
                             const HostTensor &expected) {
  if (actual.elementType() != expected.elementType() ||
      actual.shape() != expected.shape())
    return "has type " + actual.typeString() + ", expected " +
           expected.typeString();
  bool isFloat = expected.elementType() == ElementType::F32;
  for (int64_t i = 0; i < expected.numElements(); ++i) {
    bool same = isFloat ? testing::withinTolerance(actual.getAsDouble(i),
                                                   expected.getAsDouble(i))
                        : actual.getAsInt(i) == expected.getAsInt(i);
    if (same)
      continue;
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "element " << i << " " << coordinates(expected.shape(), i) << ": ";
    if (isFloat)
      os << llvm::format("%.9g vs %.9g", actual.getAsDouble(i),
                         expected.getAsDouble(i));
    else
      os << actual.getAsInt(i) << " vs " << expected.getAsInt(i);
    return text;
  }
  return "";
}

llvm::Error checkGraphDifferentially(mlir::ModuleOp module, uint64_t seed) {
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
  auto reference = interpret(*entry, inputs);
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

  if (llvm::Error error =
          compareAll("fused vs interpreter", *fused, *reference))
    return error;
  if (llvm::Error error =
          compareAll("unfused vs interpreter", *unfused, *reference))
    return error;
  if (llvm::Error error = compareAll("fused vs unfused", *fused, *unfused))
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
