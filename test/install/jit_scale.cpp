// Compiles and runs a graph through the installed C++ API and checks
// y = 2 * x + b, whose values are exact in f32.
#include "compiler/Compiler.h"
#include "compiler/frontends/mlir/GraphFile.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

int main() {
  const char *graph = R"(
    func.func @main(%x: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
      %two = hlo.constant dense<2.0> : tensor<2x3xf32>
      %0 = hlo.multiply %x, %two : tensor<2x3xf32>
      %1 = hlo.broadcast_in_dim %b, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
      %2 = hlo.add %0, %1 : tensor<2x3xf32>
      return %2 : tensor<2x3xf32>
    })";
  mlir::MLIRContext context;
  kiln::Compiler compiler(context);
  auto module = kiln::parseGraphString(graph, context, "scale.mlir");
  if (!module) {
    llvm::errs() << llvm::toString(module.takeError()) << "\n";
    return 1;
  }
  auto executable = compiler.compile(**module);
  if (!executable) {
    llvm::errs() << llvm::toString(executable.takeError()) << "\n";
    return 1;
  }
  auto x = kiln::HostTensor::fromF32({2, 3}, {0, 1, 2, 3, 4, 5});
  auto b = kiln::HostTensor::fromF32({3}, {0, 0.5f, 1});
  auto outputs = (*executable)->run({x, b});
  if (!outputs) {
    llvm::errs() << llvm::toString(outputs.takeError()) << "\n";
    return 1;
  }
  const float *y = (*outputs)[0].dataAs<float>();
  for (int i = 0; i < 6; ++i)
    if (y[i] != 2.0f * float(i) + 0.5f * float(i % 3)) {
      llvm::errs() << "jit_scale: y[" << i << "] = " << y[i] << "\n";
      return 1;
    }
  llvm::outs() << "jit_scale: ok\n";
  return 0;
}
