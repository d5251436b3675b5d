// RUN: kiln-opt %s --kiln-outline-kernels | FileCheck %s

// Non-splat constants become private memref.globals with unique names,
// one per distinct value, shared by the kernels that read them; splats
// become arith.constant.
// CHECK-DAG: memref.global "private" constant @[[G0:[a-z_0-9]*]] : memref<2xf32> = dense<[1.000000e+00, 2.000000e+00]>
// CHECK-DAG: memref.global "private" constant @[[G1:[a-z_0-9]*]] : memref<2xf32> = dense<[3.000000e+00, 4.000000e+00]>
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK: memref.get_global @[[G0]] :
// CHECK: arith.constant 5.000000e+00 : f32
// CHECK: func.func private @kernel_1(
// CHECK-DAG: memref.get_global @[[G0]] :
// CHECK-DAG: memref.get_global @[[G1]] :
func.func @main(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %0 = hlo.fusion loop (%a = %x) : (tensor<2xf32>) -> tensor<2xf32> {
    %c = hlo.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %five = hlo.constant dense<5.0> : tensor<2xf32>
    %1 = hlo.add %a, %c : tensor<2xf32>
    %2 = hlo.multiply %1, %five : tensor<2xf32>
    hlo.return %2 : tensor<2xf32>
  }
  %3 = hlo.fusion loop (%a = %x) : (tensor<2xf32>) -> tensor<2xf32> {
    %c = hlo.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %d = hlo.constant dense<[3.0, 4.0]> : tensor<2xf32>
    %4 = hlo.add %a, %c : tensor<2xf32>
    %5 = hlo.multiply %4, %d : tensor<2xf32>
    hlo.return %5 : tensor<2xf32>
  }
  return %0, %3 : tensor<2xf32>, tensor<2xf32>
}
