//===- InterpreterTesting.h - Helpers for the interpreter's tests -*- C++
//-*-===//
//
// Parses a small hlo module from a string and runs its @main function in the
// reference interpreter.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_UNIT_INTERPRETERTESTING_H
#define KILN_TEST_UNIT_INTERPRETERTESTING_H

#include "compiler/reference/Interpreter.h"
#include "dialects/hlo/HloDialect.h"
#include "tools/common/TensorFormat.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <ostream>

namespace kiln {

/// Prints tensors in failure messages as their type and values.
inline void PrintTo(const HostTensor &t, std::ostream *os) {
  *os << t.typeString() << " " << formatTensor(t);
}

inline HostTensor f32(std::vector<int64_t> shape, std::vector<float> values) {
  return HostTensor::fromF32(std::move(shape), values);
}
inline HostTensor i1(std::vector<int64_t> shape, std::vector<int64_t> values) {
  return HostTensor::fromI64(ElementType::I1, std::move(shape), values);
}
inline HostTensor i32(std::vector<int64_t> shape, std::vector<int64_t> values) {
  return HostTensor::fromI64(ElementType::I32, std::move(shape), values);
}
inline HostTensor i64(std::vector<int64_t> shape, std::vector<int64_t> values) {
  return HostTensor::fromI64(ElementType::I64, std::move(shape), values);
}

/// A fixture with a context that knows the hlo and func dialects.
class InterpreterTest : public ::testing::Test {
protected:
  InterpreterTest() {
    context.loadDialect<hlo::HloDialect, mlir::func::FuncDialect>();
  }

  /// Parses `source` and interprets its @main; on failure returns the error
  /// text in `error` and no tensors.
  std::vector<HostTensor> tryRun(const std::string &source,
                                 const std::vector<HostTensor> &inputs,
                                 std::string &error) {
    // Parse without verifying, so that tests can check that the interpreter
    // verifies what it runs.
    mlir::ParserConfig config(&context, /*verifyAfterParse=*/false);
    module = mlir::parseSourceString<mlir::ModuleOp>(source, config);
    if (!module) {
      error = "parse error";
      return {};
    }
    auto main = module->lookupSymbol<mlir::func::FuncOp>("main");
    if (!main) {
      error = "no @main";
      return {};
    }
    llvm::Expected<std::vector<HostTensor>> results = interpret(main, inputs);
    if (!results) {
      error = llvm::toString(results.takeError());
      return {};
    }
    return std::move(*results);
  }

  /// Runs @main, which must succeed, and returns its only result.
  HostTensor run(const std::string &source,
                 const std::vector<HostTensor> &inputs) {
    std::vector<HostTensor> results = runAll(source, inputs);
    EXPECT_EQ(results.size(), 1u);
    return results.empty() ? HostTensor() : results.front();
  }

  std::vector<HostTensor> runAll(const std::string &source,
                                 const std::vector<HostTensor> &inputs) {
    std::string error;
    std::vector<HostTensor> results = tryRun(source, inputs, error);
    EXPECT_EQ(error, "");
    return results;
  }

  /// Runs @main, which must fail, and returns the error.
  std::string runError(const std::string &source,
                       const std::vector<HostTensor> &inputs) {
    std::string error;
    tryRun(source, inputs, error);
    EXPECT_NE(error, "");
    return error;
  }

  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
};

/// Whether `actual` matches `expected` in type and shape, and each f32 value
/// lies within `ulps` units in the last place (NaNs match NaNs).
inline ::testing::AssertionResult
closeTo(const HostTensor &actual, const HostTensor &expected, int ulps = 1) {
  if (actual.elementType() != expected.elementType() ||
      actual.shape() != expected.shape())
    return ::testing::AssertionFailure()
           << "type " << actual.typeString() << " != " << expected.typeString();
  for (int64_t i = 0; i < actual.numElements(); ++i) {
    float a = actual.dataAs<float>()[i], e = expected.dataAs<float>()[i];
    if (std::isnan(a) && std::isnan(e))
      continue;
    float low = e, high = e;
    for (int k = 0; k < ulps; ++k) {
      low = std::nextafter(low, -INFINITY);
      high = std::nextafter(high, INFINITY);
    }
    if (!(a >= low && a <= high))
      return ::testing::AssertionFailure()
             << "element " << i << ": " << a << " != " << e << "\nactual "
             << formatTensor(actual) << "\nexpected " << formatTensor(expected);
  }
  return ::testing::AssertionSuccess();
}

} // namespace kiln

#endif // KILN_TEST_UNIT_INTERPRETERTESTING_H
