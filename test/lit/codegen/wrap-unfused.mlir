// RUN: kiln-opt %s --kiln-wrap-unfused | FileCheck %s

// Each op becomes a fusion of the kind its kernel needs; constants are
// copied into the fusions that read them; a returned constant gets a kernel.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[W:.*]]: tensor<8x2xf32>)
// CHECK: %[[C:.*]] = hlo.fusion loop () : () -> tensor<2xf32> {
// CHECK-NEXT: hlo.constant dense<[1.000000e+00, 2.000000e+00]>
// CHECK: %[[E:.*]] = hlo.fusion loop (%[[A:.*]] = %[[X]]) : (tensor<4x8xf32>) -> tensor<4x8xf32> {
// CHECK-NEXT: %[[ONE:.*]] = hlo.constant dense<1.000000e+00> : tensor<4x8xf32>
// CHECK-NEXT: %[[S:.*]] = hlo.add %[[A]], %[[ONE]]
// CHECK-NEXT: hlo.return %[[S]]
// CHECK: %[[R:.*]] = hlo.fusion input (%{{.*}} = %[[E]])
// CHECK: hlo.constant dense<0.000000e+00> : tensor<f32>
// CHECK: hlo.reduce
// CHECK: %[[D:.*]] = hlo.fusion output (%{{.*}} = %[[E]], %{{.*}} = %[[W]])
// CHECK: hlo.dot_general
// CHECK-NOT: hlo.constant dense<3.0
// CHECK: return %[[R]], %[[D]], %[[C]]
func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x2xf32>) -> (tensor<4xf32>, tensor<4x2xf32>, tensor<2xf32>) {
  %one = hlo.constant dense<1.0> : tensor<4x8xf32>
  %zero = hlo.constant dense<0.0> : tensor<f32>
  %c = hlo.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %unused = hlo.constant dense<3.0> : tensor<f32>
  %e = hlo.add %x, %one : tensor<4x8xf32>
  %r = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  %d = hlo.dot_general %e, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
  return %r, %d, %c : tensor<4xf32>, tensor<4x2xf32>, tensor<2xf32>
}
