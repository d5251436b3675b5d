//===- BufferAlignmentTest.cpp - Buffers read and written where they lie --===//
//
// Executable::runBuffers, kiln_model_run and the Python module hand the
// kernels inputs and outputs at any address of their elements (NumPy and
// malloc put large buffers 16 bytes past a cache line): no kernel may assume
// more. Each graph here runs with its buffers a few elements past a cache
// line, all at one offset or each at its own, and must give the bits it
// gives with aligned buffers, at 1 and 2 threads. A kernel that assumed
// aligned buffers would fault (an aligned vector load, a streaming store
// off a line) or read or write the wrong elements. The graphs cover each
// kernel that reads inputs: packed and in-place contraction operands, a
// residual in registers, the matrix-vector product, the row window, padded
// channels-last windows, row reductions, transposes, 1- and 8-byte
// elements; and the outputs streamed a line at a time, of the loop kernel
// (two, which may start at different places in their lines) and of the row
// kernel.
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"
#include "test/support/CompileText.h"
#include "tools/common/RandomTensor.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace {

struct AlignmentCase {
  const char *name;
  std::string text;
};

/// Softmax over the rows of a [rows, cols] input: the row kernel.
std::string softmaxRows(int64_t rows, int64_t cols) {
  std::string row = "tensor<" + std::to_string(rows) + "xf32>";
  std::string all =
      "tensor<" + std::to_string(rows) + "x" + std::to_string(cols) + "xf32>";
  auto reduce = [&](const char *name, const char *from, const char *init,
                    const char *combiner) {
    return "  %" + std::string(name) + " = hlo.reduce(%" + from + " init: %" +
           init + ") applies hlo." + combiner + " across dimensions = [1] : (" +
           all + ", tensor<f32>) -> " + row + "\n  %" + name +
           "b = hlo.broadcast_in_dim %" + name + ", dims = [0] : (" + row +
           ") -> " + all + "\n";
  };
  return "func.func @main(%x: " + all + ") -> " + all + " {\n" +
         "  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>\n" +
         "  %zero = hlo.constant dense<0.0> : tensor<f32>\n" +
         reduce("max", "x", "ninf", "maximum") +
         "  %shifted = hlo.subtract %x, %maxb : " + all + "\n" +
         "  %e = hlo.exponential %shifted : " + all + "\n" +
         reduce("sum", "e", "zero", "add") +
         "  %y = hlo.divide %e, %sumb : " + all + "\n" +
         "  return %y : " + all + "\n}\n";
}

const AlignmentCase kCases[] = {
    // Weights an argument, packed per call over several slices of k (the
    // micro-kernels fetch the next slice's rows), plus a bias and a
    // residual applied in registers (their lines fetched during the FMAs).
    {"matmul_bias_residual", R"(
func.func @main(%a: tensor<37x600xf32>, %b: tensor<600x200xf32>, %bias: tensor<200xf32>, %r: tensor<37x200xf32>) -> tensor<37x200xf32> {
  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<37x600xf32>, tensor<600x200xf32>) -> tensor<37x200xf32>
  %1 = hlo.broadcast_in_dim %bias, dims = [1] : (tensor<200xf32>) -> tensor<37x200xf32>
  %2 = hlo.add %0, %1 : tensor<37x200xf32>
  %3 = hlo.add %2, %r : tensor<37x200xf32>
  return %3 : tensor<37x200xf32>
})"},
    {"batched_transposed_dot", R"(
func.func @main(%q: tensor<4x33x24xf32>, %k: tensor<4x45x24xf32>) -> tensor<4x33x45xf32> {
  %0 = hlo.dot_general %q, %k, batching_dims = [0] x [0], contracting_dims = [2] x [2] : (tensor<4x33x24xf32>, tensor<4x45x24xf32>) -> tensor<4x33x45xf32>
  return %0 : tensor<4x33x45xf32>
})"},
    {"matrix_vector", R"(
func.func @main(%x: tensor<1x515xf32>, %w: tensor<515x300xf32>) -> tensor<1x300xf32> {
  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<1x515xf32>, tensor<515x300xf32>) -> tensor<1x300xf32>
  return %0 : tensor<1x300xf32>
})"},
    // The input read in place as feature columns, the kernel packed.
    {"conv3x3_nchw", R"(
func.func @main(%x: tensor<1x16x15x15xf32>, %w: tensor<24x16x3x3xf32>) -> tensor<1x24x15x15xf32> {
  %0 = hlo.convolution(%x, %w) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x16x15x15xf32>, tensor<24x16x3x3xf32>) -> tensor<1x24x15x15xf32>
  return %0 : tensor<1x24x15x15xf32>
})"},
    {"conv3x3_nhwc_groups", R"(
func.func @main(%x: tensor<2x9x9x32xf32>, %w: tensor<3x3x8x32xf32>) -> tensor<2x9x9x32xf32> {
  %0 = hlo.convolution(%x, %w) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 4 : i64} : (tensor<2x9x9x32xf32>, tensor<3x3x8x32xf32>) -> tensor<2x9x9x32xf32>
  return %0 : tensor<2x9x9x32xf32>
})"},
    // The row window kernel: whole rows of the input, at width stride 2.
    {"depthwise_stride2", R"(
func.func @main(%x: tensor<1x8x34x34xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x17x17xf32> {
  %0 = hlo.convolution(%x, %w) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 8 : i64} : (tensor<1x8x34x34xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x17x17xf32>
  return %0 : tensor<1x8x17x17xf32>
})"},
    {"softmax_rows", softmaxRows(9, 1000)},
    // 32 MiB of output or more: rows go out through streaming stores.
    {"streamed_elementwise", R"(
func.func @main(%x: tensor<1024x4100xf32>, %y: tensor<1024x4100xf32>) -> (tensor<1024x4100xf32>, tensor<1024x4100xf32>) {
  %0 = hlo.multiply %x, %y : tensor<1024x4100xf32>
  %1 = hlo.add %0, %x : tensor<1024x4100xf32>
  return %0, %1 : tensor<1024x4100xf32>, tensor<1024x4100xf32>
})"},
    {"streamed_softmax_rows", softmaxRows(2048, 4100)},
    {"transpose", R"(
func.func @main(%x: tensor<67x45xf32>) -> tensor<45x67xf32> {
  %0 = hlo.transpose %x, dims = [1, 0] : (tensor<67x45xf32>) -> tensor<45x67xf32>
  return %0 : tensor<45x67xf32>
})"},
    {"bool_and_i64", R"(
func.func @main(%p: tensor<300xi1>, %a: tensor<300xi64>, %b: tensor<300xi64>) -> tensor<300xi64> {
  %0 = hlo.select %p, %a, %b : (tensor<300xi1>, tensor<300xi64>, tensor<300xi64>) -> tensor<300xi64>
  %1 = hlo.add %0, %a : tensor<300xi64>
  return %1 : tensor<300xi64>
})"},
};

/// Elements past a cache line that the buffers start at: one element,
/// NumPy's 16 bytes for f32, and a line and more.
constexpr int64_t kElementOffsets[] = {1, 4, 9};

/// `tensor`'s bytes copied `elements` elements past a 64-byte boundary of
/// `storage`; returns where they start.
char *placeAt(std::vector<char> &storage, const kiln::HostTensor &tensor,
              int64_t elements) {
  size_t offset = elements * kiln::elementSize(tensor.elementType());
  storage.assign(tensor.sizeInBytes() + offset + 64, 0);
  uintptr_t start = reinterpret_cast<uintptr_t>(storage.data());
  char *at = storage.data() + (-start % 64) + offset;
  std::memcpy(at, tensor.data(), tensor.sizeInBytes());
  return at;
}

class BufferAlignmentTest : public ::testing::TestWithParam<AlignmentCase> {};

TEST_P(BufferAlignmentTest, BuffersAnywhereGiveTheAlignedBits) {
  mlir::MLIRContext context;
  auto executable = kiln::testing::compileText(context, GetParam().text);
  ASSERT_TRUE(executable);
  std::vector<kiln::HostTensor> inputs;
  for (const kiln::TensorSpec &spec : executable->inputs())
    inputs.push_back(
        kiln::randomTensor(spec.elementType, spec.shape, 11, inputs.size()));
  auto expected = executable->run(inputs);
  ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());

  for (int64_t elements : kElementOffsets)
    for (bool eachItsOwn : {false, true}) {
      // Buffer i (inputs, then outputs) `elements` past a line, plus i
      // where each lies at its own offset.
      std::vector<std::vector<char>> storage(inputs.size() + expected->size());
      std::vector<void *> buffers;
      auto offsetOf = [&] {
        return elements + (eachItsOwn ? int64_t(buffers.size()) : 0);
      };
      for (const kiln::HostTensor &input : inputs)
        buffers.push_back(placeAt(storage[buffers.size()], input, offsetOf()));
      for (const kiln::HostTensor &output : *expected)
        buffers.push_back(
            placeAt(storage[buffers.size()],
                    kiln::HostTensor(output.elementType(), output.shape()),
                    offsetOf()));
      for (int threads : {1, 2}) {
        kiln::RunOptions options;
        options.threads = threads;
        executable->runBuffers(buffers.data(), options);
        for (size_t i = 0; i < expected->size(); ++i) {
          const kiln::HostTensor &want = (*expected)[i];
          EXPECT_EQ(std::memcmp(buffers[inputs.size() + i], want.data(),
                                want.sizeInBytes()),
                    0)
              << "result " << i << " with buffers " << elements
              << " elements past a line" << (eachItsOwn ? " and on" : "")
              << ", " << threads << " threads";
        }
      }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Kernels, BufferAlignmentTest, ::testing::ValuesIn(kCases),
    [](const ::testing::TestParamInfo<AlignmentCase> &info) {
      return std::string(info.param.name);
    });

} // namespace
