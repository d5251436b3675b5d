//===- CompilerTest.cpp - The C++ API: Compiler and Executable --------===//

#include "compiler/Backend.h"
#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "runtime/KernelProfile.h"
#include "test/support/CompileText.h"
#include "tools/common/RandomTensor.h"

#include "passes/codegen/TargetDescription.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

namespace {

constexpr const char *kSoftmax = R"(
func.func @main(%x: tensor<64x300xf32>) -> tensor<64x300xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.0> : tensor<f32>
  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<64x300xf32>, tensor<f32>) -> tensor<64xf32>
  %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<64xf32>) -> tensor<64x300xf32>
  %shifted = hlo.subtract %x, %maxb : tensor<64x300xf32>
  %e = hlo.exponential %shifted : tensor<64x300xf32>
  %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<64x300xf32>, tensor<f32>) -> tensor<64xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<64xf32>) -> tensor<64x300xf32>
  %y = hlo.divide %e, %sumb : tensor<64x300xf32>
  return %y : tensor<64x300xf32>
})";

using kiln::testing::compileText;

TEST(Compiler, SignatureAndKernels) {
  mlir::MLIRContext context;
  auto executable = compileText(context, kSoftmax);
  ASSERT_TRUE(executable);
  ASSERT_EQ(executable->inputs().size(), 1u);
  EXPECT_EQ(executable->inputs()[0].typeString(), "tensor<64x300xf32>");
  ASSERT_EQ(executable->outputs().size(), 1u);
  // Row fusion makes softmax one kernel, named after the user's ops.
  ASSERT_EQ(executable->kernels().size(), 1u);
  EXPECT_NE(executable->kernels()[0].name.find("input:"), std::string::npos);
  EXPECT_NE(executable->kernels()[0].location.find("<string>:"),
            std::string::npos);
  EXPECT_EQ(executable->kernels()[0].bytes, 2 * 64 * 300 * 4);
}

TEST(Compiler, UnfusedHasOneKernelPerOp) {
  mlir::MLIRContext context;
  kiln::CompileOptions options;
  options.disableFusion();
  auto executable = compileText(context, kSoftmax, options);
  ASSERT_TRUE(executable);
  // reduce, broadcast, subtract, exponential, reduce, broadcast, divide.
  EXPECT_EQ(executable->kernels().size(), 7u);
  EXPECT_GT(executable->arenaSize(), 0);
  EXPECT_GE(executable->arenaSize(), executable->arenaLivenessBound());
}

/// Task boundaries are fixed at compile time: any thread count gives the
/// same bits.
TEST(Executable, BitwiseIdenticalAcrossThreadCounts) {
  mlir::MLIRContext context;
  auto executable = compileText(context, kSoftmax);
  ASSERT_TRUE(executable);
  std::vector<kiln::HostTensor> inputs = {
      kiln::randomTensor(kiln::ElementType::F32, {64, 300}, 3, 0)};
  kiln::RunOptions one;
  one.threads = 1;
  auto expected = executable->run(inputs, one);
  ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());
  for (int threads : {2, 3, 8, 0}) {
    kiln::RunOptions options;
    options.threads = threads;
    auto result = executable->run(inputs, options);
    ASSERT_TRUE(bool(result)) << llvm::toString(result.takeError());
    EXPECT_TRUE((*result)[0] == (*expected)[0]) << threads << " threads";
  }
}

TEST(Executable, ProfileRecordsEveryKernel) {
  mlir::MLIRContext context;
  kiln::CompileOptions options;
  options.disableFusion();
  auto executable = compileText(context, kSoftmax, options);
  ASSERT_TRUE(executable);
  std::vector<kiln::HostTensor> inputs = {
      kiln::randomTensor(kiln::ElementType::F32, {64, 300}, 3, 0)};
  kiln::KernelProfile profile;
  kiln::RunOptions run;
  run.profile = &profile;
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(bool(executable->run(inputs, run)));
  for (const kiln::KernelInfo &kernel : executable->kernels())
    EXPECT_EQ(profile.stats(kernel.id).calls, 3) << kernel.name;
}

TEST(Executable, RejectsWrongInputs) {
  mlir::MLIRContext context;
  auto executable = compileText(context, kSoftmax);
  ASSERT_TRUE(executable);
  auto none = executable->run({});
  ASSERT_FALSE(bool(none));
  EXPECT_EQ(llvm::toString(none.takeError()),
            "error: the graph takes 1 inputs, got 0");
  auto wrong =
      executable->run({kiln::HostTensor(kiln::ElementType::F32, {64, 299})});
  ASSERT_FALSE(bool(wrong));
  EXPECT_EQ(llvm::toString(wrong.takeError()),
            "error: input 0 has type tensor<64x299xf32>, expected "
            "tensor<64x300xf32>");
  std::vector<kiln::HostTensor> outputs = {
      kiln::HostTensor(kiln::ElementType::I32, {64, 300})};
  llvm::Error error = executable->runInto(
      {kiln::HostTensor(kiln::ElementType::F32, {64, 300})}, outputs);
  EXPECT_EQ(llvm::toString(std::move(error)),
            "error: output 0 has type tensor<64x300xi32>, expected "
            "tensor<64x300xf32>");
}

TEST(Compiler, ErrorsNameTheUsersOpAndLocation) {
  mlir::MLIRContext context;
  auto dynamic = kiln::parseGraphString(
      "func.func @main(%x: tensor<?xf32>) -> tensor<?xf32> {\n"
      "  return %x : tensor<?xf32>\n}",
      context, "dyn.mlir");
  ASSERT_FALSE(bool(dynamic));
  EXPECT_EQ(llvm::toString(dynamic.takeError()),
            "dyn.mlir:1:17: error: type 'tensor<?xf32>' is not supported "
            "(dynamic shapes)");
  auto malformed = kiln::parseGraphString(
      "func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
      "  %0 = hlo.add %x : tensor<4xf32>\n"
      "  return %0 : tensor<4xf32>\n}",
      context, "bad.mlir");
  ASSERT_FALSE(bool(malformed));
  EXPECT_EQ(llvm::toString(malformed.takeError()).rfind("bad.mlir:2:", 0), 0u);
}

// The width kernels are sized for, per target: a named CPU's own
// features, less or more --mattr's, whatever the host has.
TEST(Backend, VectorBitsOfTargets) {
  auto bits = [](std::string cpu, std::string features) -> int64_t {
    llvm::Expected<int64_t> width = kiln::vectorBitsOf({cpu, features});
    if (!width) {
      ADD_FAILURE() << llvm::toString(width.takeError());
      return -1;
    }
    return *width;
  };
  EXPECT_EQ(bits("skylake-avx512", ""), 512);
  EXPECT_EQ(bits("skylake-avx512", "-avx512f"), 256);
  EXPECT_EQ(bits("znver3", ""), 256);
  EXPECT_EQ(bits("x86-64", ""), 128);
  EXPECT_EQ(bits("", ""), kiln::TargetDescription::host().vectorBits);

  llvm::Expected<int64_t> unknown = kiln::vectorBitsOf({"no-such-cpu", ""});
  ASSERT_FALSE(bool(unknown));
  EXPECT_NE(llvm::toString(unknown.takeError()).find("no-such-cpu"),
            std::string::npos);
}

} // namespace
