//===- JitNumericsTest.cpp - Native code against the interpreter ------===//
//
// Every hlo op, compiled to native code and run on seeded random inputs,
// must match the reference interpreter (itself checked against hand-derived
// values in InterpreterTest). Sizes 1, 3, 17 and 1000 catch vector-remainder
// bugs; broadcasting cases catch indexing-map bugs. Every elementwise op
// also runs on every combination of edge values (JitEdgeValues): NaN, the
// infinities, signed zeros, subnormals, extremes, ties, saturating values,
// equal pairs.
//
//===----------------------------------------------------------------------===//

#include "test/support/NumericsCompare.h"

#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"
#include "compiler/reference/Interpreter.h"
#include "tools/common/RandomTensor.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <regex>
#include <thread>

namespace {

struct OpCase {
  const char *name;
  /// A graph with `$N` where the size goes.
  const char *graph;
};

/// Names a case in GoogleTest's messages.
void PrintTo(const OpCase &opCase, std::ostream *os) { *os << opCase.name; }

std::string instantiate(const char *graph, int64_t n) {
  return std::regex_replace(graph, std::regex("\\$N"), std::to_string(n));
}

/// The inputs of `executable`: seeded random ones.
using InputMaker = std::function<std::vector<kiln::HostTensor>(
    const std::vector<kiln::TensorSpec> &)>;

InputMaker randomInputs(uint64_t seed) {
  return [seed](const std::vector<kiln::TensorSpec> &specs) {
    std::vector<kiln::HostTensor> inputs;
    for (size_t i = 0; i < specs.size(); ++i)
      inputs.push_back(
          kiln::randomTensor(specs[i].elementType, specs[i].shape, seed, i));
    return inputs;
  };
}

/// Compiles `text`, runs it natively and in the interpreter on the same
/// inputs (seeded random ones unless `makeInputs` says otherwise), and
/// checks every output within the interpreter's error bounds (integers
/// exactly; one elementwise op on exact inputs: its ulp bound).
void checkAgainstInterpreter(const std::string &text, uint64_t seed = 1,
                             InputMaker makeInputs = nullptr) {
  mlir::MLIRContext context;
  kiln::Compiler compiler(context);
  auto module = kiln::parseGraphString(text, context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError()) << "\n"
                            << text;
  auto executable = compiler.compile(**module);
  ASSERT_TRUE(bool(executable))
      << llvm::toString(executable.takeError()) << "\n"
      << text;
  std::vector<kiln::HostTensor> inputs =
      (makeInputs ? makeInputs : randomInputs(seed))((*executable)->inputs());
  auto native = (*executable)->run(inputs);
  ASSERT_TRUE(bool(native)) << llvm::toString(native.takeError());
  auto entry = kiln::getEntryFunction(**module);
  ASSERT_TRUE(bool(entry)) << llvm::toString(entry.takeError());
  auto reference = kiln::interpretWithErrorBounds(*entry, inputs);
  ASSERT_TRUE(bool(reference)) << llvm::toString(reference.takeError());
  ASSERT_EQ(native->size(), reference->values.size());
  for (size_t i = 0; i < native->size(); ++i)
    EXPECT_EQ(kiln::testing::compareWithinBounds((*native)[i],
                                                 reference->values[i],
                                                 reference->errorBounds[i]),
              "")
        << "output " << i << " of\n"
        << text;
}

#define UNARY(op, scale)                                                       \
  {#op "_x" #scale,                                                            \
   "func.func @main(%x: tensor<$Nxf32>) -> tensor<$Nxf32> {\n"                 \
   "  %s = hlo.constant dense<" #scale "> : tensor<$Nxf32>\n"                  \
   "  %0 = hlo.multiply %x, %s : tensor<$Nxf32>\n"                             \
   "  %1 = hlo." #op " %0 : tensor<$Nxf32>\n"                                  \
   "  return %1 : tensor<$Nxf32>\n}"}

#define BINARY(op, type)                                                       \
  {#op "_" #type, "func.func @main(%x: tensor<$Nx" #type                       \
                  ">, %y: tensor<$Nx" #type ">) -> tensor<$Nx" #type "> {\n"   \
                  "  %0 = hlo." #op " %x, %y : tensor<$Nx" #type ">\n"         \
                  "  return %0 : tensor<$Nx" #type ">\n}"}

#define INT_UNARY(op, type)                                                    \
  {#op "_" #type,                                                              \
   "func.func @main(%x: tensor<$Nx" #type ">) -> tensor<$Nx" #type "> {\n"     \
   "  %0 = hlo." #op " %x : tensor<$Nx" #type ">\n"                            \
   "  return %0 : tensor<$Nx" #type ">\n}"}

#define COMPARE(dir, type, kind)                                               \
  {"compare_" #dir "_" #type "_" #kind,                                        \
   "func.func @main(%x: tensor<$Nx" #type ">, %y: tensor<$Nx" #type            \
   ">) -> tensor<$Nxi1> {\n"                                                   \
   "  %0 = hlo.compare " #dir ", %x, %y, " #kind " : (tensor<$Nx" #type        \
   ">, tensor<$Nx" #type ">) -> tensor<$Nxi1>\n"                               \
   "  return %0 : tensor<$Nxi1>\n}"}

#define CONVERT(from, to)                                                      \
  {"convert_" #from "_" #to,                                                   \
   "func.func @main(%x: tensor<$Nx" #from ">) -> tensor<$Nx" #to "> {\n"       \
   "  %0 = hlo.convert %x : (tensor<$Nx" #from ">) -> tensor<$Nx" #to ">\n"    \
   "  return %0 : tensor<$Nx" #to ">\n}"}

const OpCase kElementwiseCases[] = {
    UNARY(abs, 1.0),
    UNARY(negate, 1.0),
    UNARY(exponential, 1.0),
    UNARY(exponential, 30.0),
    UNARY(exponential_minus_one, 1.0),
    UNARY(exponential_minus_one, 0.001),
    UNARY(log, 1.0),
    UNARY(log, 1000.0),
    UNARY(log_plus_one, 1.0),
    UNARY(log_plus_one, 0.001),
    UNARY(tanh, 1.0),
    UNARY(tanh, 10.0),
    UNARY(logistic, 1.0),
    UNARY(logistic, 20.0),
    UNARY(sqrt, 1.0),
    UNARY(rsqrt, 1.0),
    UNARY(floor, 10.0),
    UNARY(ceil, 10.0),
    UNARY(sign, 1.0),
    UNARY(sine, 1.0),
    UNARY(sine, 10.0),
    UNARY(cosine, 1.0),
    UNARY(cosine, 10.0),
    UNARY(erf, 1.0),
    UNARY(erf, 4.0),
    BINARY(add, f32),
    BINARY(subtract, f32),
    BINARY(multiply, f32),
    BINARY(divide, f32),
    BINARY(maximum, f32),
    BINARY(minimum, f32),
    BINARY(power, f32),
    BINARY(remainder, f32),
    BINARY(add, i32),
    BINARY(subtract, i32),
    BINARY(multiply, i32),
    BINARY(divide, i32),
    BINARY(remainder, i32),
    BINARY(maximum, i32),
    BINARY(minimum, i32),
    BINARY(power, i32),
    BINARY(add, i64),
    BINARY(divide, i64),
    BINARY(add, i1),
    BINARY(multiply, i1),
    BINARY(maximum, i1),
    BINARY(and, i1),
    BINARY(or, i1),
    BINARY(xor, i1),
    BINARY(and, i32),
    BINARY(or, i64),
    BINARY(xor, i32),
    INT_UNARY(not, i1),
    INT_UNARY(not, i32),
    INT_UNARY(not, i64),
    BINARY(shift_left, i32),
    BINARY(shift_right_arithmetic, i32),
    BINARY(shift_right_logical, i32),
    BINARY(shift_left, i64),
    BINARY(shift_right_logical, i64),
    INT_UNARY(popcnt, i32),
    INT_UNARY(popcnt, i64),
    INT_UNARY(count_leading_zeros, i32),
    INT_UNARY(count_leading_zeros, i64),
    COMPARE(EQ, f32, FLOAT),
    COMPARE(NE, f32, FLOAT),
    COMPARE(LT, f32, FLOAT),
    COMPARE(LE, f32, FLOAT),
    COMPARE(GT, f32, FLOAT),
    COMPARE(GE, f32, FLOAT),
    COMPARE(LT, f32, TOTALORDER),
    COMPARE(EQ, i32, SIGNED),
    COMPARE(LT, i32, SIGNED),
    COMPARE(GE, i64, SIGNED),
    COMPARE(LT, i32, UNSIGNED),
    CONVERT(f32, i32),
    CONVERT(f32, i64),
    CONVERT(f32, i1),
    CONVERT(i32, f32),
    CONVERT(i64, f32),
    CONVERT(i1, f32),
    CONVERT(i32, i64),
    CONVERT(i64, i32),
    CONVERT(i32, i1),
    CONVERT(i1, i32),
    {"select", "func.func @main(%p: tensor<$Nxi1>, %x: tensor<$Nxf32>, %y: "
               "tensor<$Nxf32>) -> tensor<$Nxf32> {\n"
               "  %0 = hlo.select %p, %x, %y : tensor<$Nxi1>, tensor<$Nxf32>\n"
               "  return %0 : tensor<$Nxf32>\n}"},
    {"select_scalar_pred",
     "func.func @main(%p: tensor<i1>, %x: tensor<$Nxi32>, %y: "
     "tensor<$Nxi32>) -> tensor<$Nxi32> {\n"
     "  %0 = hlo.select %p, %x, %y : tensor<i1>, tensor<$Nxi32>\n"
     "  return %0 : tensor<$Nxi32>\n}"},
    {"clamp_scalar_bounds",
     "func.func @main(%x: tensor<$Nxf32>) -> tensor<$Nxf32> {\n"
     "  %lo = hlo.constant dense<-0.5> : tensor<f32>\n"
     "  %hi = hlo.constant dense<0.25> : tensor<f32>\n"
     "  %0 = hlo.clamp %lo, %x, %hi : (tensor<f32>, tensor<$Nxf32>, "
     "tensor<f32>) -> tensor<$Nxf32>\n"
     "  return %0 : tensor<$Nxf32>\n}"},
    {"clamp_tensor_bounds",
     "func.func @main(%lo: tensor<$Nxf32>, %x: tensor<$Nxf32>, %hi: "
     "tensor<$Nxf32>) -> tensor<$Nxf32> {\n"
     "  %0 = hlo.clamp %lo, %x, %hi : tensor<$Nxf32>\n"
     "  return %0 : tensor<$Nxf32>\n}"},
    {"iota", "func.func @main() -> tensor<$Nx3xi32> {\n"
             "  %0 = hlo.iota dim = 0 : tensor<$Nx3xi32>\n"
             "  return %0 : tensor<$Nx3xi32>\n}"},
    {"iota_f32", "func.func @main() -> tensor<2x$Nxf32> {\n"
                 "  %0 = hlo.iota dim = 1 : tensor<2x$Nxf32>\n"
                 "  return %0 : tensor<2x$Nxf32>\n}"},
};

const OpCase kShapeCases[] = {
    {"broadcast_row",
     "func.func @main(%x: tensor<$Nxf32>) -> tensor<3x$Nxf32> {\n"
     "  %0 = hlo.broadcast_in_dim %x, dims = [1] : (tensor<$Nxf32>) -> "
     "tensor<3x$Nxf32>\n"
     "  return %0 : tensor<3x$Nxf32>\n}"},
    {"broadcast_size_one",
     "func.func @main(%x: tensor<1x$Nxf32>, %y: tensor<4x1xf32>) -> "
     "tensor<4x$Nxf32> {\n"
     "  %0 = hlo.broadcast_in_dim %x, dims = [0, 1] : (tensor<1x$Nxf32>) -> "
     "tensor<4x$Nxf32>\n"
     "  %1 = hlo.broadcast_in_dim %y, dims = [0, 1] : (tensor<4x1xf32>) -> "
     "tensor<4x$Nxf32>\n"
     "  %2 = hlo.add %0, %1 : tensor<4x$Nxf32>\n"
     "  return %2 : tensor<4x$Nxf32>\n}"},
    {"broadcast_scalar_transposed",
     "func.func @main(%x: tensor<$Nx2xf32>, %s: tensor<f32>) -> "
     "tensor<2x3x$Nxf32> {\n"
     "  %0 = hlo.broadcast_in_dim %x, dims = [2, 0] : (tensor<$Nx2xf32>) -> "
     "tensor<2x3x$Nxf32>\n"
     "  %1 = hlo.broadcast_in_dim %s, dims = [] : (tensor<f32>) -> "
     "tensor<2x3x$Nxf32>\n"
     "  %2 = hlo.multiply %0, %1 : tensor<2x3x$Nxf32>\n"
     "  return %2 : tensor<2x3x$Nxf32>\n}"},
    {"reshape",
     "func.func @main(%x: tensor<$Nx6xf32>) -> tensor<2x$Nx3xf32> {\n"
     "  %0 = hlo.reshape %x : (tensor<$Nx6xf32>) -> tensor<2x$Nx3xf32>\n"
     "  return %0 : tensor<2x$Nx3xf32>\n}"},
    {"reshape_scalar",
     "func.func @main(%x: tensor<1x1xf32>) -> tensor<f32> {\n"
     "  %0 = hlo.reshape %x : (tensor<1x1xf32>) -> tensor<f32>\n"
     "  return %0 : tensor<f32>\n}"},
    {"transpose",
     "func.func @main(%x: tensor<2x$Nx3xf32>) -> tensor<3x2x$Nxf32> {\n"
     "  %0 = hlo.transpose %x, dims = [2, 0, 1] : (tensor<2x$Nx3xf32>) -> "
     "tensor<3x2x$Nxf32>\n"
     "  return %0 : tensor<3x2x$Nxf32>\n}"},
    {"slice", "func.func @main(%x: tensor<$Nx7xf32>) -> tensor<$Nx3xf32> {\n"
              "  %0 = hlo.slice %x [0:$N, 1:7:2] : (tensor<$Nx7xf32>) -> "
              "tensor<$Nx3xf32>\n"
              "  return %0 : tensor<$Nx3xf32>\n}"},
    {"concatenate",
     "func.func @main(%x: tensor<$Nx2xf32>, %y: tensor<$Nx3xf32>) -> "
     "tensor<$Nx5xf32> {\n"
     "  %0 = hlo.concatenate %x, %y, dim = 1 : (tensor<$Nx2xf32>, "
     "tensor<$Nx3xf32>) -> tensor<$Nx5xf32>\n"
     "  return %0 : tensor<$Nx5xf32>\n}"},
    {"concatenate_dim0",
     "func.func @main(%x: tensor<2x$Nxi32>, %y: tensor<1x$Nxi32>) -> "
     "tensor<5x$Nxi32> {\n"
     "  %0 = hlo.concatenate %x, %y, %x, dim = 0 : (tensor<2x$Nxi32>, "
     "tensor<1x$Nxi32>, tensor<2x$Nxi32>) -> tensor<5x$Nxi32>\n"
     "  return %0 : tensor<5x$Nxi32>\n}"},
    {"pad",
     "func.func @main(%x: tensor<$Nx3xf32>, %v: tensor<f32>) -> "
     "tensor<$Nx8xf32> {\n"
     "  %0 = hlo.pad %x, %v, low = [0, 1], high = [0, 2], interior = [0, 1] "
     ": (tensor<$Nx3xf32>, tensor<f32>) -> tensor<$Nx8xf32>\n"
     "  return %0 : tensor<$Nx8xf32>\n}"},
    // A pad read through two concatenates: four copies of the pad's
    // element code under nested conditions, which MLIR's block merging
    // (in VectorToLLVM's and ExpandStridedMetadata's greedy rewrites, when
    // they ran after SCFToCF) merged with the wrong operands, writing only
    // the padding value (kiln-difftest seed 100105).
    {"pad_concatenated_twice",
     "func.func @main(%x: tensor<1x4x3x3xf32>, %y: tensor<$Nxf32>) -> "
     "(tensor<4x12x4x7xf32>, tensor<$Nxf32>) {\n"
     "  %v = hlo.constant dense<5.0e-01> : tensor<f32>\n"
     "  %0 = hlo.pad %x, %v, low = [0, 2, 1, 2], high = [1, 0, 0, 0], "
     "interior = [0, 0, 0, 1] : (tensor<1x4x3x3xf32>, tensor<f32>) -> "
     "tensor<2x6x4x7xf32>\n"
     "  %1 = hlo.concatenate %0, %0, dim = 1 : (tensor<2x6x4x7xf32>, "
     "tensor<2x6x4x7xf32>) -> tensor<2x12x4x7xf32>\n"
     "  %2 = hlo.concatenate %1, %1, dim = 0 : (tensor<2x12x4x7xf32>, "
     "tensor<2x12x4x7xf32>) -> tensor<4x12x4x7xf32>\n"
     "  %3 = hlo.negate %y : tensor<$Nxf32>\n"
     "  return %2, %3 : tensor<4x12x4x7xf32>, tensor<$Nxf32>\n}"},
    {"pad_negative",
     "func.func @main(%x: tensor<$Nx5xf32>, %v: tensor<f32>) -> "
     "tensor<$Nx4xf32> {\n"
     "  %0 = hlo.pad %x, %v, low = [0, -2], high = [0, 1], interior = [0, 0] "
     ": (tensor<$Nx5xf32>, tensor<f32>) -> tensor<$Nx4xf32>\n"
     "  return %0 : tensor<$Nx4xf32>\n}"},
};

const OpCase kReductionCases[] = {
    {"reduce_sum_rows",
     "func.func @main(%x: tensor<3x$Nxf32>) -> tensor<3xf32> {\n"
     "  %z = hlo.constant dense<0.0> : tensor<f32>\n"
     "  %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = [1] "
     ": (tensor<3x$Nxf32>, tensor<f32>) -> tensor<3xf32>\n"
     "  return %0 : tensor<3xf32>\n}"},
    {"reduce_max_cols",
     "func.func @main(%x: tensor<$Nx5xf32>) -> tensor<5xf32> {\n"
     "  %z = hlo.constant dense<0xFF800000> : tensor<f32>\n"
     "  %0 = hlo.reduce(%x init: %z) applies hlo.maximum across dimensions = "
     "[0] : (tensor<$Nx5xf32>, tensor<f32>) -> tensor<5xf32>\n"
     "  return %0 : tensor<5xf32>\n}"},
    {"reduce_all_i32",
     "func.func @main(%x: tensor<2x$Nx3xi32>) -> tensor<i32> {\n"
     "  %z = hlo.constant dense<0> : tensor<i32>\n"
     "  %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = "
     "[0, 1, 2] : (tensor<2x$Nx3xi32>, tensor<i32>) -> tensor<i32>\n"
     "  return %0 : tensor<i32>\n}"},
    {"reduce_body", "func.func @main(%x: tensor<4x$Nxf32>) -> tensor<4xf32> {\n"
                    "  %z = hlo.constant dense<1.0> : tensor<f32>\n"
                    "  %0 = hlo.reduce(%x init: %z) across dimensions = [1] : "
                    "(tensor<4x$Nxf32>, tensor<f32>) -> tensor<4xf32>\n"
                    "   reducer(%a: tensor<f32>, %b: tensor<f32>) {\n"
                    "    %m = hlo.minimum %a, %b : tensor<f32>\n"
                    "    %n = hlo.abs %m : tensor<f32>\n"
                    "    hlo.return %n : tensor<f32>\n"
                    "  }\n"
                    "  return %0 : tensor<4xf32>\n}"},
    {"reduce_argmax",
     "func.func @main(%x: tensor<3x$Nxf32>) -> (tensor<3xf32>, tensor<3xi32>) "
     "{\n"
     "  %i = hlo.iota dim = 1 : tensor<3x$Nxi32>\n"
     "  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>\n"
     "  %zero = hlo.constant dense<0> : tensor<i32>\n"
     "  %0:2 = hlo.reduce(%x init: %ninf), (%i init: %zero) across "
     "dimensions = [1] : (tensor<3x$Nxf32>, tensor<3x$Nxi32>, tensor<f32>, "
     "tensor<i32>) -> (tensor<3xf32>, tensor<3xi32>)\n"
     "   reducer(%a: tensor<f32>, %b: tensor<f32>) (%ai: tensor<i32>, %bi: "
     "tensor<i32>) {\n"
     "    %gt = hlo.compare GT, %b, %a, FLOAT : (tensor<f32>, tensor<f32>) -> "
     "tensor<i1>\n"
     "    %v = hlo.select %gt, %b, %a : tensor<i1>, tensor<f32>\n"
     "    %j = hlo.select %gt, %bi, %ai : tensor<i1>, tensor<i32>\n"
     "    hlo.return %v, %j : tensor<f32>, tensor<i32>\n"
     "  }\n"
     "  return %0#0, %0#1 : tensor<3xf32>, tensor<3xi32>\n}"},
    // One row kernel whose loops keep values for the next loop in row
    // scratch buffers, the third loop's value in the first loop's buffer
    // (lit: codegen/outline-kernels-row-reduction.mlir).
    {"row_chain_keeps_values",
     "func.func @main(%x: tensor<3x$Nxf32>) -> tensor<3x$Nxf32> {\n"
     "  %z = hlo.constant dense<0.0> : tensor<f32>\n"
     "  %w = hlo.multiply %x, %x : tensor<3x$Nxf32>\n"
     "  %t0 = hlo.tanh %x : tensor<3x$Nxf32>\n"
     "  %u0 = hlo.add %t0, %w : tensor<3x$Nxf32>\n"
     "  %s0 = hlo.reduce(%u0 init: %z) applies hlo.add across dimensions = "
     "[1] : (tensor<3x$Nxf32>, tensor<f32>) -> tensor<3xf32>\n"
     "  %b0 = hlo.broadcast_in_dim %s0, dims = [0] : (tensor<3xf32>) -> "
     "tensor<3x$Nxf32>\n"
     "  %d1 = hlo.subtract %t0, %b0 : tensor<3x$Nxf32>\n"
     "  %t1 = hlo.tanh %d1 : tensor<3x$Nxf32>\n"
     "  %u1 = hlo.add %t1, %w : tensor<3x$Nxf32>\n"
     "  %s1 = hlo.reduce(%u1 init: %z) applies hlo.add across dimensions = "
     "[1] : (tensor<3x$Nxf32>, tensor<f32>) -> tensor<3xf32>\n"
     "  %b1 = hlo.broadcast_in_dim %s1, dims = [0] : (tensor<3xf32>) -> "
     "tensor<3x$Nxf32>\n"
     "  %d2 = hlo.subtract %t1, %b1 : tensor<3x$Nxf32>\n"
     "  %t2 = hlo.tanh %d2 : tensor<3x$Nxf32>\n"
     "  %u2 = hlo.add %t2, %x : tensor<3x$Nxf32>\n"
     "  %s2 = hlo.reduce(%u2 init: %z) applies hlo.add across dimensions = "
     "[1] : (tensor<3x$Nxf32>, tensor<f32>) -> tensor<3xf32>\n"
     "  %b2 = hlo.broadcast_in_dim %s2, dims = [0] : (tensor<3xf32>) -> "
     "tensor<3x$Nxf32>\n"
     "  %d3 = hlo.subtract %t2, %b2 : tensor<3x$Nxf32>\n"
     "  %y = hlo.multiply %d3, %w : tensor<3x$Nxf32>\n"
     "  return %y : tensor<3x$Nxf32>\n}"},
    {"reduce_window_max",
     "func.func @main(%x: tensor<1x$Nx6x2xf32>) -> tensor<1x$Nx3x2xf32> {\n"
     "  %z = hlo.constant dense<0xFF800000> : tensor<f32>\n"
     "  %0 = \"hlo.reduce_window\"(%x, %z) ({\n"
     "  ^bb0(%a: tensor<f32>, %b: tensor<f32>):\n"
     "    %m = hlo.maximum %a, %b : tensor<f32>\n"
     "    hlo.return %m : tensor<f32>\n"
     "  }) {window_dimensions = array<i64: 1, 1, 2, 1>, window_strides = "
     "array<i64: 1, 1, 2, 1>} : (tensor<1x$Nx6x2xf32>, tensor<f32>) -> "
     "tensor<1x$Nx3x2xf32>\n"
     "  return %0 : tensor<1x$Nx3x2xf32>\n}"},
    {"reduce_window_padded_dilated",
     "func.func @main(%x: tensor<$Nx7xf32>) -> tensor<$Nx3xf32> {\n"
     "  %z = hlo.constant dense<0.0> : tensor<f32>\n"
     "  %0 = \"hlo.reduce_window\"(%x, %z) ({\n"
     "  ^bb0(%a: tensor<f32>, %b: tensor<f32>):\n"
     "    %m = hlo.add %a, %b : tensor<f32>\n"
     "    hlo.return %m : tensor<f32>\n"
     "  }) {window_dimensions = array<i64: 1, 3>, window_strides = "
     "array<i64: 1, 2>, window_dilations = array<i64: 1, 2>, padding = "
     "dense<[[0, 0], [2, 1]]> : tensor<2x2xi64>} : (tensor<$Nx7xf32>, "
     "tensor<f32>) -> tensor<$Nx3xf32>\n"
     "  return %0 : tensor<$Nx3xf32>\n}"},
};

const OpCase kContractionCases[] = {
    {"dot_matmul",
     "func.func @main(%x: tensor<$Nx17xf32>, %w: tensor<17x5xf32>) -> "
     "tensor<$Nx5xf32> {\n"
     "  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : "
     "(tensor<$Nx17xf32>, tensor<17x5xf32>) -> tensor<$Nx5xf32>\n"
     "  return %0 : tensor<$Nx5xf32>\n}"},
    {"dot_batched_transposed",
     "func.func @main(%x: tensor<2x3x$Nxf32>, %w: tensor<2x4x$Nxf32>) -> "
     "tensor<2x3x4xf32> {\n"
     "  %0 = hlo.dot_general %x, %w, batching_dims = [0] x [0], "
     "contracting_dims = [2] x [2], precision = [DEFAULT, DEFAULT] : "
     "(tensor<2x3x$Nxf32>, tensor<2x4x$Nxf32>) -> tensor<2x3x4xf32>\n"
     "  return %0 : tensor<2x3x4xf32>\n}"},
    {"dot_vector",
     "func.func @main(%x: tensor<$Nxf32>, %y: tensor<$Nxf32>) -> tensor<f32> "
     "{\n"
     "  %0 = hlo.dot_general %x, %y, contracting_dims = [0] x [0] : "
     "(tensor<$Nxf32>, tensor<$Nxf32>) -> tensor<f32>\n"
     "  return %0 : tensor<f32>\n}"},
    {"conv_nhwc_padded_strided",
     "func.func @main(%x: tensor<1x$Nx9x3xf32>, %k: tensor<3x3x3x4xf32>) -> "
     "tensor<1x$Nx5x4xf32> {\n"
     "  %0 = hlo.convolution(%x, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, "
     "o]->[b, 0, 1, f], window = {stride = [1, 2], pad = [[1, 1], [1, 1]]} "
     "{batch_group_count = 1 : i64, feature_group_count = 1 : i64} : "
     "(tensor<1x$Nx9x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x$Nx5x4xf32>\n"
     "  return %0 : tensor<1x$Nx5x4xf32>\n}"},
    {"conv_nchw_dilated_grouped",
     "func.func @main(%x: tensor<2x4x$Nx8xf32>, %k: tensor<6x2x1x3xf32>) -> "
     "tensor<2x6x$Nx4xf32> {\n"
     "  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, "
     "1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[0, 0], [0, 0]], "
     "rhs_dilate = [1, 2]} {batch_group_count = 1 : i64, feature_group_count "
     "= 2 : i64} : (tensor<2x4x$Nx8xf32>, tensor<6x2x1x3xf32>) -> "
     "tensor<2x6x$Nx4xf32>\n"
     "  return %0 : tensor<2x6x$Nx4xf32>\n}"},
    {"conv_lhs_dilated_reversed",
     "func.func @main(%x: tensor<1x$Nx2xf32>, %k: tensor<2x2x3xf32>) -> "
     "tensor<1x$Nx3xf32> {\n"
     "  %0 = hlo.convolution(%x, %k) dim_numbers = [b, 0, f]x[0, i, o]->[b, "
     "0, f], window = {stride = [2], pad = [[1, 0]], lhs_dilate = [2], "
     "reverse = [true]} {batch_group_count = 1 : i64, feature_group_count = "
     "1 : i64} : (tensor<1x$Nx2xf32>, tensor<2x2x3xf32>) -> "
     "tensor<1x$Nx3xf32>\n"
     "  return %0 : tensor<1x$Nx3xf32>\n}"},
};

class JitNumerics : public ::testing::TestWithParam<std::tuple<OpCase, int>> {};

TEST_P(JitNumerics, MatchesInterpreter) {
  auto [opCase, size] = GetParam();
  checkAgainstInterpreter(instantiate(opCase.graph, size));
}

std::string
caseName(const ::testing::TestParamInfo<std::tuple<OpCase, int>> &info) {
  std::string name = std::string(std::get<0>(info.param).name) + "_" +
                     std::to_string(std::get<1>(info.param));
  for (char &c : name)
    if (!isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(
    Elementwise, JitNumerics,
    ::testing::Combine(::testing::ValuesIn(kElementwiseCases),
                       ::testing::Values(1, 3, 17, 1000)),
    caseName);
INSTANTIATE_TEST_SUITE_P(Shape, JitNumerics,
                         ::testing::Combine(::testing::ValuesIn(kShapeCases),
                                            ::testing::Values(1, 3, 17, 1000)),
                         caseName);
INSTANTIATE_TEST_SUITE_P(
    Reduction, JitNumerics,
    ::testing::Combine(::testing::ValuesIn(kReductionCases),
                       ::testing::Values(1, 3, 17, 1000)),
    caseName);
INSTANTIATE_TEST_SUITE_P(
    Contraction, JitNumerics,
    ::testing::Combine(::testing::ValuesIn(kContractionCases),
                       ::testing::Values(1, 3, 17, 100)),
    caseName);

TEST(JitExamples, ExamplesMatchInterpreter) {
  for (const char *name : {"mlp", "softmax", "layernorm", "convnet"}) {
    std::string path =
        std::string(KILN_SOURCE_DIR) + "/examples/" + name + ".mlir";
    mlir::MLIRContext context;
    auto module = kiln::parseGraphFile(path, context);
    ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
    std::string text;
    llvm::raw_string_ostream os(text);
    (*module)->print(os);
    SCOPED_TRACE(name);
    checkAgainstInterpreter(text, /*seed=*/7);
  }
}

/// What random draws in [-1, 1) never reach: NaN, the infinities, both
/// zeros, subnormals, the extremes, halves (ties for rounding), values that
/// saturate or overflow conversions, and small integers that compare equal.
std::vector<double> edgeFloats() {
  using limits = std::numeric_limits<float>;
  std::vector<double> values = {limits::quiet_NaN(),
                                limits::infinity(),
                                limits::denorm_min(),
                                0x1.fffffcp-127 /* largest subnormal */,
                                limits::min(),
                                limits::max(),
                                0.0,
                                0.5,
                                1.0,
                                1.5,
                                2.5,
                                3.0,
                                0.1,
                                100.0,
                                88.75,
                                1e10,
                                2147483520.0 /* largest f32 below 2^31 */,
                                2147483648.0,
                                9.2233720368547758e18 /* 2^63 */,
                                1e30};
  size_t count = values.size();
  for (size_t i = 0; i < count; ++i)
    if (!std::isnan(values[i]))
      values.push_back(-values[i]);
  return values;
}

std::vector<int64_t> edgeInts(kiln::ElementType type) {
  if (type == kiln::ElementType::I1)
    return {0, 1};
  int64_t min = type == kiln::ElementType::I32
                    ? std::numeric_limits<int32_t>::min()
                    : std::numeric_limits<int64_t>::min();
  int64_t max = type == kiln::ElementType::I32
                    ? std::numeric_limits<int32_t>::max()
                    : std::numeric_limits<int64_t>::max();
  return {min, min + 1, -65536, -3, -2,    -1,      0,  1,
          2,   3,       31,     32, 65536, max - 1, max};
}

/// The inputs of an elementwise graph of size $N, as every combination of
/// edge values: input k's element j takes value (j / E^k) mod E of its
/// type's edge values. Sized by edgeCombinations.
std::vector<kiln::HostTensor>
edgeInputs(const std::vector<kiln::TensorSpec> &specs) {
  std::vector<kiln::HostTensor> inputs;
  int64_t period = 1;
  for (const kiln::TensorSpec &spec : specs) {
    kiln::HostTensor tensor(spec.elementType, spec.shape);
    bool isFloat = spec.elementType == kiln::ElementType::F32;
    std::vector<double> floats = edgeFloats();
    std::vector<int64_t> ints = edgeInts(spec.elementType);
    int64_t size = isFloat ? floats.size() : ints.size();
    for (int64_t j = 0; j < tensor.numElements(); ++j) {
      int64_t pick = (j / period) % size;
      if (isFloat)
        tensor.setFromDouble(j, floats[pick]);
      else
        tensor.setFromInt(j, ints[pick]);
    }
    // A scalar input (a select's predicate) holds one value throughout.
    if (!spec.shape.empty())
      period *= size;
    inputs.push_back(std::move(tensor));
  }
  return inputs;
}

/// The product of the edge-value counts of the graph's inputs: the $N that
/// makes edgeInputs cover every combination.
int64_t edgeCombinations(const char *graph) {
  std::string text(graph);
  std::string signature = text.substr(0, text.find(") ->"));
  int64_t combinations = 1;
  for (size_t at = signature.find("tensor<$Nx"); at != std::string::npos;
       at = signature.find("tensor<$Nx", at + 1)) {
    std::string element = signature.substr(at + 10, 3);
    combinations *= element.rfind("f32", 0) == 0 ? edgeFloats().size()
                    : element.rfind("i1>", 0) == 0
                        ? 2
                        : edgeInts(kiln::ElementType::I32).size();
  }
  return combinations;
}

class JitEdgeValues : public ::testing::TestWithParam<OpCase> {};

/// Every elementwise op on every combination of edge values of its inputs
/// (for a binary op, every pair, equal pairs included) matches the
/// reference interpreter: NaN and the infinities exactly, finite values
/// within the op's ulp bound, integers and predicates exactly.
TEST_P(JitEdgeValues, MatchInterpreter) {
  const OpCase &opCase = GetParam();
  checkAgainstInterpreter(
      instantiate(opCase.graph, edgeCombinations(opCase.graph)), 0, edgeInputs);
}

INSTANTIATE_TEST_SUITE_P(Elementwise, JitEdgeValues,
                         ::testing::ValuesIn(kElementwiseCases),
                         [](const ::testing::TestParamInfo<OpCase> &info) {
                           std::string name = info.param.name;
                           for (char &c : name)
                             if (!isalnum(static_cast<unsigned char>(c)))
                               c = '_';
                           return name;
                         });

/// Pads without interior padding take the row-splitting structure: rows
/// outside the operand, the padding runs around each row's copy, crops;
/// rows that span the short dims the pad leaves alone (an NHWC image's 3
/// channels, a crop along the dim before 2 x 2 unpadded ones).
TEST(JitPad, RowsSplitIntoPaddingAndRuns) {
  const char *graphs[] = {
      "func.func @main(%x: tensor<5x7xf32>, %v: tensor<f32>) -> "
      "tensor<8x11xf32> {\n"
      "  %0 = hlo.pad %x, %v, low = [2, 1], high = [1, 3], interior = [0, 0] "
      ": (tensor<5x7xf32>, tensor<f32>) -> tensor<8x11xf32>\n"
      "  return %0 : tensor<8x11xf32>\n}",
      "func.func @main(%x: tensor<2x3x40xf32>, %v: tensor<f32>) -> "
      "tensor<2x5x41xf32> {\n"
      "  %0 = hlo.pad %x, %v, low = [0, 1, 0], high = [0, 1, 1], interior = "
      "[0, 0, 0] : (tensor<2x3x40xf32>, tensor<f32>) -> tensor<2x5x41xf32>\n"
      "  return %0 : tensor<2x5x41xf32>\n}",
      "func.func @main(%x: tensor<33xi32>, %v: tensor<i32>) -> tensor<36xi32> "
      "{\n"
      "  %0 = hlo.pad %x, %v, low = [1], high = [2], interior = [0] : "
      "(tensor<33xi32>, tensor<i32>) -> tensor<36xi32>\n"
      "  return %0 : tensor<36xi32>\n}",
      "func.func @main(%x: tensor<6x9xf32>, %v: tensor<f32>) -> "
      "tensor<5x6xf32> {\n"
      "  %0 = hlo.pad %x, %v, low = [-2, -3], high = [1, 0], interior = [0, "
      "0] : (tensor<6x9xf32>, tensor<f32>) -> tensor<5x6xf32>\n"
      "  return %0 : tensor<5x6xf32>\n}",
      "func.func @main(%x: tensor<2x7x5x3xf32>, %v: tensor<f32>) -> "
      "tensor<2x10x9x3xf32> {\n"
      "  %0 = hlo.pad %x, %v, low = [0, 1, 3, 0], high = [0, 2, 1, 0], "
      "interior = [0, 0, 0, 0] : (tensor<2x7x5x3xf32>, tensor<f32>) -> "
      "tensor<2x10x9x3xf32>\n"
      "  return %0 : tensor<2x10x9x3xf32>\n}",
      "func.func @main(%x: tensor<4x6x2x2xf32>, %v: tensor<f32>) -> "
      "tensor<5x5x2x2xf32> {\n"
      "  %0 = hlo.pad %x, %v, low = [1, -2, 0, 0], high = [0, 1, 0, 0], "
      "interior = [0, 0, 0, 0] : (tensor<4x6x2x2xf32>, tensor<f32>) -> "
      "tensor<5x5x2x2xf32>\n"
      "  return %0 : tensor<5x5x2x2xf32>\n}",
  };
  for (const char *graph : graphs) {
    SCOPED_TRACE(graph);
    checkAgainstInterpreter(graph, /*seed=*/3);
  }
}

/// One executable run from several threads at once gives every thread the
/// same answer as a lone run: calls share no scratch memory.
TEST(JitConcurrency, ConcurrentRunsAgree) {
  mlir::MLIRContext context;
  kiln::Compiler compiler(context);
  auto module = kiln::parseGraphFile(
      std::string(KILN_SOURCE_DIR) + "/examples/layernorm.mlir", context);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  auto executable = compiler.compile(**module);
  ASSERT_TRUE(bool(executable)) << llvm::toString(executable.takeError());
  std::vector<std::vector<kiln::HostTensor>> inputs(4);
  std::vector<std::vector<kiln::HostTensor>> expected(4);
  for (int t = 0; t < 4; ++t) {
    for (size_t i = 0; i < (*executable)->inputs().size(); ++i) {
      const kiln::TensorSpec &spec = (*executable)->inputs()[i];
      inputs[t].push_back(
          kiln::randomTensor(spec.elementType, spec.shape, 100 + t, i));
    }
    auto result = (*executable)->run(inputs[t]);
    ASSERT_TRUE(bool(result));
    expected[t] = std::move(*result);
  }
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int iteration = 0; iteration < 50; ++iteration) {
        auto result = (*executable)->run(inputs[t]);
        if (!result) {
          llvm::consumeError(result.takeError());
          ++mismatches[t];
        } else if ((*result)[0] != expected[t][0]) {
          ++mismatches[t];
        }
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  for (int t = 0; t < 4; ++t)
    EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

} // namespace
