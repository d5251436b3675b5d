// RUN: kiln-opt %s --kiln-outline-kernels --canonicalize --cse | FileCheck %s

// Kernels built element by element (the loop structure over the outputs):
// a column reduction, a pooling reduce_window, a padded grouped convolution
// (one the tiled structure does not take, channels last, which
// kiln-pad-windows leaves padded), a
// shape-op chain with a non-splat constant, and a transpose + reshape.

// A non-splat constant becomes one module-level global.
// CHECK: memref.global "private" constant @[[TABLE:.*]] : memref<2xi32> = dense<[7, 8]>
// CHECK-LABEL: func.func @main

// Column sum: one loop per output element, the reduced dim inside, in order,
// accumulated in f64 and rounded once (the interpreter's exact sum).
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<4x6xf32> {llvm.noalias}, %[[S:.*]]: memref<6xf32> {llvm.noalias}
// CHECK: scf.for %[[J:.*]] =
// CHECK: %[[SUM:.*]] = scf.for %[[I:.*]] = {{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (f64)
// CHECK: %[[E:.*]] = memref.load %[[X]][%[[I]], %[[J]]]
// CHECK: %[[WIDE:.*]] = arith.extf %[[E]] : f32 to f64
// CHECK: arith.addf %[[ACC]], %[[WIDE]] : f64
// CHECK: %[[ROUNDED:.*]] = arith.truncf %[[SUM]] : f64 to f32
// CHECK: memref.store %[[ROUNDED]], %[[S]][%[[J]]]

// Max pooling 2x2 stride 2 without padding: a loop per output element,
// its four taps unrolled (the first maximum with -inf folds away).
// CHECK: func.func private @kernel_1(%[[IN:.*]]: memref<4x6xf32> {llvm.noalias}
// CHECK: scf.for
// CHECK: scf.for
// CHECK-NOT: scf.for
// CHECK: arith.muli %{{.*}}, %c2
// CHECK: memref.load %[[IN]]
// CHECK: memref.load %[[IN]]
// CHECK: arith.maximumf
// CHECK: arith.maximumf
// CHECK: arith.maximumf
// CHECK-NOT: arith.maximumf
// CHECK: memref.store

// Grouped convolution with padding 1 (one input feature per group): the
// positions whose window lies inside the input sum their 9 taps unchecked;
// the others clamp each tap's read into the input and keep the sum
// without the tap where it lies outside, which skips the padding's taps.
// The check depends on the position alone, so each row's loop over the
// features is split on it (unswitchRowBranch): two loops, no branch in
// either. Four positions along a line whose windows all lie inside go
// together (outline-kernels-jammed-rows.mlir); the others one at a time.
// CHECK: func.func private @kernel_2(
// CHECK: scf.while
// CHECK: arith.cmpi sge
// CHECK: arith.cmpi slt
// CHECK: scf.if %{{.*}} -> (index) {
// CHECK-NEXT: scf.for
// CHECK-COUNT-36: math.fma
// CHECK-NOT: arith.select
// CHECK: } else {
// CHECK-NEXT: scf.if %{{.*}} {
// CHECK-NEXT: scf.for
// CHECK-COUNT-9: math.fma
// CHECK-NOT: arith.select
// CHECK: memref.store
// CHECK: } else {
// CHECK-NEXT: scf.for
// CHECK-NOT: scf.if
// CHECK: arith.minsi
// CHECK: arith.maxsi
// CHECK: %[[TAP:.*]] = math.fma %{{.*}}, %{{.*}}, %[[NONE:.*]] : f32
// CHECK: arith.select %{{.*}}, %[[TAP]], %[[NONE]] : f32

// slice(concatenate(pad, constant, iota)): an scf.if chain over the inputs.
// CHECK: func.func private @kernel_3(
// CHECK: %[[G:.*]] = memref.get_global @[[TABLE]] : memref<2xi32>
// CHECK: scf.for
// CHECK: scf.if
// CHECK: scf.if
// CHECK: memref.load %[[G]]
// CHECK: arith.index_cast
// CHECK: arith.trunci

// transpose + reshape: the flat index split back into two.
// CHECK: func.func private @kernel_4(%[[A:.*]]: memref<4x6xf32> {llvm.noalias}, %[[B:.*]]: memref<24xf32> {llvm.noalias}
// CHECK: scf.for %[[F:.*]] =
// CHECK-DAG: %[[LO:.*]] = arith.remui %[[F]], %c4
// CHECK-DAG: %[[HI:.*]] = arith.divui %[[F]], %c4
// CHECK: memref.load %[[A]][%[[LO]], %[[HI]]]
func.func @main(%x: tensor<4x6xf32>, %img: tensor<1x5x5x2xf32>, %k: tensor<3x3x1x4xf32>, %v: tensor<3xi32>) -> (tensor<6xf32>, tensor<2x3xf32>, tensor<1x5x5x4xf32>, tensor<8xi32>, tensor<24xf32>) {
  %0 = hlo.fusion input (%a = %x) : (tensor<4x6xf32>) -> tensor<6xf32> {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %s = hlo.reduce(%a init: %zero) applies hlo.add across dimensions = [0] : (tensor<4x6xf32>, tensor<f32>) -> tensor<6xf32>
    hlo.return %s : tensor<6xf32>
  }
  %1 = hlo.fusion input (%a = %x) : (tensor<4x6xf32>) -> tensor<2x3xf32> {
    %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
    %m = "hlo.reduce_window"(%a, %ninf) ({
    ^bb0(%p: tensor<f32>, %q: tensor<f32>):
      %r = hlo.maximum %p, %q : tensor<f32>
      hlo.return %r : tensor<f32>
    }) {window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 2, 2>} : (tensor<4x6xf32>, tensor<f32>) -> tensor<2x3xf32>
    hlo.return %m : tensor<2x3xf32>
  }
  %2 = hlo.fusion output (%a = %img, %b = %k) : (tensor<1x5x5x2xf32>, tensor<3x3x1x4xf32>) -> tensor<1x5x5x4xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x5x5x2xf32>, tensor<3x3x1x4xf32>) -> tensor<1x5x5x4xf32>
    hlo.return %c : tensor<1x5x5x4xf32>
  }
  %3 = hlo.fusion loop (%a = %v) : (tensor<3xi32>) -> tensor<8xi32> {
    %table = hlo.constant dense<[7, 8]> : tensor<2xi32>
    %iota = hlo.iota dim = 0 : tensor<3xi32>
    %zero = hlo.constant dense<0> : tensor<i32>
    %p = hlo.pad %a, %zero, low = [1], high = [0], interior = [0] : (tensor<3xi32>, tensor<i32>) -> tensor<4xi32>
    %cat = hlo.concatenate %p, %table, %iota, dim = 0 : (tensor<4xi32>, tensor<2xi32>, tensor<3xi32>) -> tensor<9xi32>
    %s = hlo.slice %cat [1:9] : (tensor<9xi32>) -> tensor<8xi32>
    hlo.return %s : tensor<8xi32>
  }
  %4 = hlo.fusion loop (%a = %x) : (tensor<4x6xf32>) -> tensor<24xf32> {
    %t = hlo.transpose %a, dims = [1, 0] : (tensor<4x6xf32>) -> tensor<6x4xf32>
    %r = hlo.reshape %t : (tensor<6x4xf32>) -> tensor<24xf32>
    hlo.return %r : tensor<24xf32>
  }
  return %0, %1, %2, %3, %4 : tensor<6xf32>, tensor<2x3xf32>, tensor<1x5x5x4xf32>, tensor<8xi32>, tensor<24xf32>
}
