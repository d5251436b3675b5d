// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels --canonicalize --cse | FileCheck %s

// An NHWC max pool keeps its padding (kiln-pad-windows leaves it): its
// elemental kernel branches once per output position on whether the
// window lies inside the input along the padded dims (the features, never
// padded, are not checked), and the row's loop over the features is split
// on that branch (unswitchRowBranch). Inside, the 9 taps are read
// unchecked; at the edges each tap's read is clamped into the input and
// the init value, -inf, selected where the tap lies outside.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x6x6x3xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x3x3x3xf32>
// CHECK-DAG: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: scf.for
// CHECK: arith.andi
// CHECK-NOT: scf.for
// CHECK: scf.if %{{.*}} {
// CHECK-NEXT: scf.for %[[F:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NOT: arith.select
// CHECK-COUNT-8: arith.maximumf
// CHECK-NOT: arith.maximumf
// CHECK: memref.store %{{.*}}, %[[Y]][%{{.*}}, %{{.*}}, %{{.*}}, %[[F]]]
// CHECK: } else {
// CHECK-NEXT: scf.for %[[G:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NOT: scf.if
// CHECK: arith.minsi
// CHECK: %[[ROW:.*]] = arith.maxsi
// CHECK: arith.minsi
// CHECK: %[[COL:.*]] = arith.maxsi
// CHECK: %[[E:.*]] = memref.load %[[X]][%{{.*}}, %[[ROW]], %[[COL]], %[[G]]]
// CHECK: arith.select %{{.*}}, %[[E]], %[[NINF]] : f32
func.func @main(%x: tensor<1x6x6x3xf32>) -> tensor<1x3x3x3xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<1x6x6x3xf32>) -> tensor<1x3x3x3xf32> {
    %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
    %m = "hlo.reduce_window"(%a, %ninf) <{window_dimensions = array<i64: 1, 3, 3, 1>, window_strides = array<i64: 1, 2, 2, 1>, padding = dense<[[0, 0], [1, 1], [1, 1], [0, 0]]> : tensor<4x2xi64>}> ({
    ^bb0(%p: tensor<f32>, %q: tensor<f32>):
      %r = hlo.maximum %p, %q : tensor<f32>
      hlo.return %r : tensor<f32>
    }) : (tensor<1x6x6x3xf32>, tensor<f32>) -> tensor<1x3x3x3xf32>
    hlo.return %m : tensor<1x3x3x3xf32>
  }
  return %0 : tensor<1x3x3x3xf32>
}

// -----

// Padded along the height alone: only that dim is checked, and its taps'
// rows clamped; the columns are read as they are.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK: scf.if
// CHECK: } else {
// CHECK: arith.minsi
// CHECK: arith.maxsi
// CHECK-NOT: arith.minsi
// CHECK: arith.select
// CHECK: return
func.func @main(%x: tensor<1x6x6x3xf32>) -> tensor<1x6x4x3xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<1x6x6x3xf32>) -> tensor<1x6x4x3xf32> {
    %zero = hlo.constant dense<0.0> : tensor<f32>
    %m = "hlo.reduce_window"(%a, %zero) <{window_dimensions = array<i64: 1, 3, 3, 1>, padding = dense<[[0, 0], [1, 1], [0, 0], [0, 0]]> : tensor<4x2xi64>}> ({
    ^bb0(%p: tensor<f32>, %q: tensor<f32>):
      %r = hlo.add %p, %q : tensor<f32>
      hlo.return %r : tensor<f32>
    }) : (tensor<1x6x6x3xf32>, tensor<f32>) -> tensor<1x6x4x3xf32>
    hlo.return %m : tensor<1x6x4x3xf32>
  }
  return %0 : tensor<1x6x4x3xf32>
}
