// A long loop that carries a sum LLVM may reassociate is interleaved too
// (LongLoopInterleavingPass): softmax's loop of exp(x - max), stored for the
// outputs and summed, is four vectors an iteration in AVX2 code, four
// partial sums, where LLVM alone takes two (10% less time on Zen 3). The
// row maximum's loop, integer keys with few floating-point operations, is
// left to LLVM.
// RUN: kilnc --emit=llvm --mcpu=znver3 %s | FileCheck %s
// CHECK-LABEL: define internal void @kernel_0_task(
// CHECK-COUNT-4: phi <8 x float>
// CHECK-NOT: phi <8 x float>
func.func @main(%x: tensor<8x512xf32>) -> tensor<8x512xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<8x512xf32>, tensor<f32>) -> tensor<8xf32>
  %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<8xf32>) -> tensor<8x512xf32>
  %shifted = hlo.subtract %x, %maxb : tensor<8x512xf32>
  %e = hlo.exponential %shifted : tensor<8x512xf32>
  %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<8x512xf32>, tensor<f32>) -> tensor<8xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<8xf32>) -> tensor<8x512xf32>
  %y = hlo.divide %e, %sumb : tensor<8x512xf32>
  return %y : tensor<8x512xf32>
}
