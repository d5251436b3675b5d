//===- CompileText.h - Graph text to an Executable, for tests ----*- C++
//-*-===//
//
// The GoogleTest side of the tests that compile a graph written as text:
// parse and compile it, record any error as a test failure, and hand back
// the executable (null after a failure).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SUPPORT_COMPILETEXT_H
#define KILN_TEST_SUPPORT_COMPILETEXT_H

#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace kiln::testing {

inline std::unique_ptr<Executable>
compileText(mlir::MLIRContext &context, const std::string &text,
            const CompileOptions &options = {}) {
  Compiler compiler(context);
  auto module = parseGraphString(text, context);
  EXPECT_TRUE(bool(module)) << llvm::toString(module.takeError());
  if (!module)
    return nullptr;
  auto executable = compiler.compile(**module, options);
  EXPECT_TRUE(bool(executable)) << llvm::toString(executable.takeError());
  return executable ? std::move(*executable) : nullptr;
}

} // namespace kiln::testing

#endif // KILN_TEST_SUPPORT_COMPILETEXT_H
