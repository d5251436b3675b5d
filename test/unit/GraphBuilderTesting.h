//===- GraphBuilderTesting.h - Shared fixture of the GraphBuilder tests -===//
//
// Included by GraphBuilderTest.cpp and GraphBuilderLayersTest.cpp (each its
// own test binary): the fixture and the text-matching helpers both use.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_UNIT_GRAPHBUILDERTESTING_H
#define KILN_TEST_UNIT_GRAPHBUILDERTESTING_H

#include "compiler/frontends/builder/GraphBuilder.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <string>

namespace kiln::testing {

/// Succeeds when `text` contains `part`; prints both otherwise.
inline ::testing::AssertionResult contains(const std::string &text,
                                           const std::string &part) {
  if (text.find(part) != std::string::npos)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << part << "\" not found in:\n"
                                       << text;
}

class GraphBuilderTest : public ::testing::Test {
protected:
  /// The value of `expected`, or an empty one (null GraphValues, which
  /// later calls reject) after recording a test failure.
  template <class T> T get(llvm::Expected<T> expected) {
    if (!expected) {
      ADD_FAILURE() << "unexpected error: "
                    << llvm::toString(expected.takeError());
      return T();
    }
    return std::move(*expected);
  }

  /// The error message of `expected`, or "" after recording a failure when
  /// it succeeded.
  template <class T> std::string errorOf(llvm::Expected<T> expected) {
    if (expected) {
      ADD_FAILURE() << "expected an error";
      return "";
    }
    return llvm::toString(expected.takeError());
  }

  GraphValue param(llvm::ArrayRef<int64_t> shape, mlir::Type type = {}) {
    return get(builder.parameter(shape, type));
  }

  /// Builds the graph returning `results`, checks that it verifies and
  /// returns its printed form.
  std::string finish(llvm::ArrayRef<GraphValue> results) {
    auto module = builder.build(results);
    if (!module) {
      ADD_FAILURE() << "build failed: " << llvm::toString(module.takeError());
      return "";
    }
    std::string text;
    llvm::raw_string_ostream os(text);
    (*module)->print(os);
    return text;
  }

  /// The printed form of `value`'s type.
  static std::string typeOf(GraphValue value) {
    if (!value)
      return "<null>";
    std::string text;
    llvm::raw_string_ostream os(text);
    value.type().print(os);
    return text;
  }

  mlir::Type f32() { return mlir::Float32Type::get(&context); }
  mlir::Type i1() { return mlir::IntegerType::get(&context, 1); }
  mlir::Type i32() { return mlir::IntegerType::get(&context, 32); }
  mlir::Type f64() { return mlir::Float64Type::get(&context); }
  mlir::Type i64() { return mlir::IntegerType::get(&context, 64); }

  mlir::MLIRContext context;
  GraphBuilder builder{context};
};

} // namespace kiln::testing

#endif // KILN_TEST_UNIT_GRAPHBUILDERTESTING_H
