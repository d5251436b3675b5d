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

// A body that captures values from outside its op (a constant MLIR's
// canonicalizer hoisted out of it, a rank-0 argument): the fusion, isolated
// from above, clones the constant and takes the argument as an input.
// CHECK-LABEL: func.func @captured
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[K:.*]]: tensor<f32>)
// CHECK: hlo.fusion input (%[[A:.*]] = %[[X]], %[[B:.*]] = %[[K]])
// CHECK-DAG: %[[TWO:.*]] = hlo.constant dense<2.000000e+00> : tensor<f32>
// CHECK-DAG: %[[ZERO:.*]] = hlo.constant dense<0.000000e+00> : tensor<f32>
// CHECK: hlo.reduce(%[[A]] init: %[[ZERO]])
// CHECK: hlo.multiply %{{.*}}, %[[TWO]]
// CHECK: hlo.add %{{.*}}, %[[B]]
func.func @captured(%x: tensor<2x3xf32>, %k: tensor<f32>) -> tensor<2xf32> {
  %zero = hlo.constant dense<0.0> : tensor<f32>
  %two = hlo.constant dense<2.0> : tensor<f32>
  %r = hlo.reduce(%x init: %zero) across dimensions = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
    reducer(%acc: tensor<f32>, %e: tensor<f32>) {
      %d = hlo.multiply %e, %two : tensor<f32>
      %s = hlo.add %d, %k : tensor<f32>
      %t = hlo.add %acc, %s : tensor<f32>
      hlo.return %t : tensor<f32>
    }
  return %r : tensor<2xf32>
}
