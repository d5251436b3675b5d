// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels --canonicalize --cse | FileCheck %s

// A pad without interior padding as a fusion's one root: each row is
// checked once (outside the operand: all padding), then split into the
// left padding, the operand's run (a copy, no select or branch per
// element) and the right padding.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-SAME: %[[X:.*]]: memref<5x7xf32> {llvm.noalias}, %{{.*}}: memref<f32> {llvm.noalias}, %[[Y:.*]]: memref<8x11xf32> {llvm.noalias}
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C11:.*]] = arith.constant 11 : index
// CHECK: scf.for %[[ROW:.*]] =
// CHECK: scf.if %{{.*}} {
// The one column of left padding (its loop folded away).
// CHECK: memref.store %[[V:.*]], %[[Y]][%[[ROW]], %{{.*}}]
// CHECK: scf.for %[[J:.*]] = %[[C1]] to %[[C8]] step
// CHECK-NOT: arith.select
// CHECK-NOT: scf.if
// CHECK: %[[E:.*]] = memref.load %[[X]]
// CHECK: memref.store %[[E]], %[[Y]][%[[ROW]], %[[J]]]
// CHECK: scf.for %[[R:.*]] = %[[C8]] to %[[C11]] step
// CHECK: memref.store %[[V]], %[[Y]][%[[ROW]], %[[R]]]
// CHECK: } else {
// CHECK: scf.for
// CHECK: memref.store %[[V]], %[[Y]]
func.func @main(%x: tensor<5x7xf32>, %v: tensor<f32>) -> tensor<8x11xf32> {
  %0 = hlo.fusion loop (%a = %x, %b = %v) : (tensor<5x7xf32>, tensor<f32>) -> tensor<8x11xf32> {
    %p = hlo.pad %a, %b, low = [2, 1], high = [1, 3], interior = [0, 0] : (tensor<5x7xf32>, tensor<f32>) -> tensor<8x11xf32>
    hlo.return %p : tensor<8x11xf32>
  }
  return %0 : tensor<8x11xf32>
}

// -----

// Channels last, the pad leaves the 3 features alone: a row spans the
// width and the features, 7 x 3 = 21 columns, so that its operand run is
// 15 long (columns 3 to 18), not 3, the indices taken apart by division.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-SAME: %[[X:.*]]: memref<1x4x5x3xf32> {llvm.noalias}, %{{.*}}: memref<f32> {llvm.noalias}, %[[Y:.*]]: memref<1x6x7x3xf32> {llvm.noalias}
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[C18:.*]] = arith.constant 18 : index
// CHECK-DAG: %[[C21:.*]] = arith.constant 21 : index
// CHECK-DAG: %[[C6:.*]] = arith.constant 6 : index
// CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %[[C6]] step
// CHECK: scf.if %{{.*}} {
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[C3]] step
// CHECK: scf.for %[[J:.*]] = %[[C3]] to %[[C18]] step
// CHECK-NOT: arith.select
// CHECK-NOT: scf.if
// CHECK: %[[AT:.*]] = arith.subi %[[J]], %[[C3]]
// CHECK: %[[F:.*]] = arith.remui %[[AT]], %[[C3]]
// CHECK: %[[W:.*]] = arith.divui %[[AT]], %[[C3]]
// CHECK: %[[E:.*]] = memref.load %[[X]][%{{.*}}, %{{.*}}, %[[W]], %[[F]]]
// CHECK: memref.store %[[E]], %[[Y]]
// CHECK: scf.for %{{.*}} = %[[C18]] to %[[C21]] step
// CHECK: } else {
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[C21]] step
func.func @main(%x: tensor<1x4x5x3xf32>, %v: tensor<f32>) -> tensor<1x6x7x3xf32> {
  %0 = hlo.fusion loop (%a = %x, %b = %v) : (tensor<1x4x5x3xf32>, tensor<f32>) -> tensor<1x6x7x3xf32> {
    %p = hlo.pad %a, %b, low = [0, 1, 1, 0], high = [0, 1, 1, 0], interior = [0, 0, 0, 0] : (tensor<1x4x5x3xf32>, tensor<f32>) -> tensor<1x6x7x3xf32>
    hlo.return %p : tensor<1x6x7x3xf32>
  }
  return %0 : tensor<1x6x7x3xf32>
}
