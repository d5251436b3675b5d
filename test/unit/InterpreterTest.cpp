//===- InterpreterTest.cpp - The interpreter's walk, calls and errors -----===//

#include "test/unit/InterpreterTesting.h"

using namespace kiln;

namespace {

TEST_F(InterpreterTest, ChainOfOps) {
  HostTensor result = run(R"mlir(
    func.func @main(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
      %0 = hlo.add %a, %b : tensor<4xf32>
      %1 = hlo.multiply %0, %a : tensor<4xf32>
      return %1 : tensor<4xf32>
    })mlir",
                          {f32({4}, {1, 2, 3, 4}), f32({4}, {10, 20, 30, 40})});
  EXPECT_EQ(result, f32({4}, {11, 44, 99, 176}));
}

} // namespace
