//===- ReferenceRun.h - A graph's reference results on random inputs -*- C++
//-*-===//
//
// The start of the tests that check native code against the reference
// interpreter: parse a graph written as text, draw each of its inputs at
// random, and interpret it; any error is recorded as a test failure.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SUPPORT_REFERENCERUN_H
#define KILN_TEST_SUPPORT_REFERENCERUN_H

#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "tools/common/RandomTensor.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace kiln::testing {

/// A graph's inputs and the interpreter's results on them.
struct ReferenceRun {
  std::vector<HostTensor> inputs, results;
};

/// `text`'s inputs, input i drawn by randomTensor(..., seed, i), and the
/// interpreter's results on them; nothing after a failure, which the test
/// records.
inline std::optional<ReferenceRun>
interpretRandomInputs(mlir::MLIRContext &context, const std::string &text,
                      uint64_t seed) {
  auto module = parseGraphString(text, context);
  if (!module) {
    ADD_FAILURE() << llvm::toString(module.takeError()) << "\n" << text;
    return std::nullopt;
  }
  auto entry = getEntryFunction(**module);
  if (!entry) {
    ADD_FAILURE() << llvm::toString(entry.takeError());
    return std::nullopt;
  }
  std::vector<TensorSpec> inputSpecs, outputSpecs;
  if (llvm::Error error =
          describeSignature(**module, inputSpecs, outputSpecs)) {
    ADD_FAILURE() << llvm::toString(std::move(error));
    return std::nullopt;
  }
  ReferenceRun run;
  for (size_t i = 0; i < inputSpecs.size(); ++i)
    run.inputs.push_back(
        randomTensor(inputSpecs[i].elementType, inputSpecs[i].shape, seed, i));
  auto results = interpret(*entry, run.inputs);
  if (!results) {
    ADD_FAILURE() << llvm::toString(results.takeError());
    return std::nullopt;
  }
  run.results = std::move(*results);
  return run;
}

} // namespace kiln::testing

#endif // KILN_TEST_SUPPORT_REFERENCERUN_H
