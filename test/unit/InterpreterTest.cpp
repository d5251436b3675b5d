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

namespace {

TEST_F(InterpreterTest, FollowsCalls) {
  EXPECT_EQ(run(R"mlir(
    func.func private @square(%x: tensor<2xi32>) -> tensor<2xi32> {
      %0 = hlo.multiply %x, %x : tensor<2xi32>
      return %0 : tensor<2xi32>
    }
    func.func @main(%x: tensor<2xi32>) -> tensor<2xi32> {
      %0 = func.call @square(%x) : (tensor<2xi32>) -> tensor<2xi32>
      %1 = call @square(%0) : (tensor<2xi32>) -> tensor<2xi32>
      return %1 : tensor<2xi32>
    })mlir",
                {i32({2}, {2, -3})}),
            i32({2}, {16, 81}));
}

TEST_F(InterpreterTest, MultipleResultsAndPassThrough) {
  std::vector<HostTensor> results = runAll(R"mlir(
    func.func @main(%x: tensor<f32>, %y: tensor<i64>) -> (tensor<i64>, tensor<f32>, tensor<f32>) {
      return %y, %x, %x : tensor<i64>, tensor<f32>, tensor<f32>
    })mlir",
                                           {f32({}, {1.5f}), i64({}, {7})});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0], i64({}, {7}));
  EXPECT_EQ(results[1], f32({}, {1.5f}));
  EXPECT_EQ(results[2], f32({}, {1.5f}));
}

const char *kAddProgram = R"mlir(
  func.func @main(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
    %0 = hlo.add %a, %b : tensor<2xf32>
    return %0 : tensor<2xf32>
  })mlir";

TEST_F(InterpreterTest, RejectsInputOfWrongType) {
  EXPECT_EQ(runError(kAddProgram, {f32({2}, {1, 2}), i32({2}, {1, 2})}),
            "-:2:3: error: argument 1 of 'main' has type tensor<2xf32> but the "
            "input is tensor<2xi32>");
  EXPECT_EQ(runError(kAddProgram, {f32({3}, {1, 2, 3}), f32({2}, {1, 2})}),
            "-:2:3: error: argument 0 of 'main' has type tensor<2xf32> but the "
            "input is tensor<3xf32>");
}

TEST_F(InterpreterTest, RejectsWrongInputCount) {
  EXPECT_EQ(runError(kAddProgram, {f32({2}, {1, 2})}),
            "-:2:3: error: function 'main' takes 2 arguments, got 1");
}

TEST_F(InterpreterTest, UnknownOpNamesOpAndLocation) {
  context.allowUnregisteredDialects();
  EXPECT_EQ(runError(R"mlir(
    func.func @main(%a: tensor<2xf32>) -> tensor<2xf32> {
      %0 = "mystery.op"(%a) : (tensor<2xf32>) -> tensor<2xf32>
      return %0 : tensor<2xf32>
    })mlir",
                     {f32({2}, {1, 2})}),
            "-:3:12: error: the interpreter does not support 'mystery.op'");
}

TEST_F(InterpreterTest, RejectsInvalidIR) {
  // The test parses without verifying, so the interpreter's own
  // verification reports this, with the verifier's message.
  std::string error = runError(R"mlir(
    func.func @main(%a: tensor<2xf32>) -> tensor<3xf32> {
      return %a : tensor<2xf32>
    })mlir",
                               {f32({2}, {1, 2})});
  EXPECT_NE(error.find("-:3:7: error:"), std::string::npos) << error;
}

TEST_F(InterpreterTest, RejectsUnboundedRecursion) {
  std::string error = runError(R"mlir(
    func.func @main(%a: tensor<f32>) -> tensor<f32> {
      %0 = call @main(%a) : (tensor<f32>) -> tensor<f32>
      return %0 : tensor<f32>
    })mlir",
                               {f32({}, {1})});
  EXPECT_NE(error.find("error: calls nest deeper than 256"), std::string::npos)
      << error;
}

TEST_F(InterpreterTest, RejectsCallToExternalFunction) {
  EXPECT_EQ(runError(R"mlir(
    func.func private @external(tensor<f32>) -> tensor<f32>
    func.func @main(%a: tensor<f32>) -> tensor<f32> {
      %0 = call @external(%a) : (tensor<f32>) -> tensor<f32>
      return %0 : tensor<f32>
    })mlir",
                     {f32({}, {1})}),
            "-:4:12: error: function 'external' has no body to interpret");
}

TEST_F(InterpreterTest, RejectsUnsupportedArgumentTypes) {
  std::string error = runError(R"mlir(
    func.func @main(%a: tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>> {
      return %a : tensor<2xcomplex<f32>>
    })mlir",
                               {f32({2}, {1, 2})});
  EXPECT_NE(error.find("unsupported element type complex<f32>"),
            std::string::npos)
      << error;
}

} // namespace
