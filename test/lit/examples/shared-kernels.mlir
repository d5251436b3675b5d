// Three rounds of subtract, scale and column maximum: loop and input fusion
// make the second and third rounds the same kernel (broadcast, subtract,
// multiply, reduce), which is compiled once and launched twice. Native
// results print exactly as the reference interpreter's: a maximum does not
// depend on its order, and subtract and multiply by 2 round the same way
// in both.
// RUN: kilnc %s --emit=llvm | FileCheck %s
// CHECK-COUNT-2: define internal void @kernel_{{[0-9]+}}_task(
// CHECK-NOT:     define internal void @kernel_{{[0-9]+}}_task(
// CHECK:         @kernel_0_task
// CHECK:         @kernel_1_task
// CHECK:         @kernel_1_task
// RUN: kiln-run %s | grep -v '^latency' > %t.native
// RUN: kiln-run %s --reference | grep -v '^latency' > %t.reference
// RUN: diff %t.native %t.reference
func.func @main(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<8xf32> {
  %two = hlo.constant dense<2.0> : tensor<4x8xf32>
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %0 = hlo.subtract %x, %y : tensor<4x8xf32>
  %1 = hlo.multiply %0, %two : tensor<4x8xf32>
  %m1 = hlo.reduce(%1 init: %ninf) applies hlo.maximum across dimensions = [0] : (tensor<4x8xf32>, tensor<f32>) -> tensor<8xf32>
  %b1 = hlo.broadcast_in_dim %m1, dims = [1] : (tensor<8xf32>) -> tensor<4x8xf32>
  %2 = hlo.subtract %b1, %y : tensor<4x8xf32>
  %3 = hlo.multiply %2, %two : tensor<4x8xf32>
  %m2 = hlo.reduce(%3 init: %ninf) applies hlo.maximum across dimensions = [0] : (tensor<4x8xf32>, tensor<f32>) -> tensor<8xf32>
  %b2 = hlo.broadcast_in_dim %m2, dims = [1] : (tensor<8xf32>) -> tensor<4x8xf32>
  %4 = hlo.subtract %b2, %y : tensor<4x8xf32>
  %5 = hlo.multiply %4, %two : tensor<4x8xf32>
  %m3 = hlo.reduce(%5 init: %ninf) applies hlo.maximum across dimensions = [0] : (tensor<4x8xf32>, tensor<f32>) -> tensor<8xf32>
  return %m3 : tensor<8xf32>
}
