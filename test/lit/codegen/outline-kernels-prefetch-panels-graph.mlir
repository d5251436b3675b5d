// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768 l2-bytes=192" --canonicalize --cse | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768 l2-bytes=128" --canonicalize --cse | FileCheck %s --check-prefix=AT4
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768 l2-bytes=127" --canonicalize --cse | FileCheck %s --check-prefix=PAST4

// Whether micro-kernels fetch the next panel ahead is decided for the
// graph (prefetchesNextPanel): between two calls of one contraction, the
// panels of the others pass through the caches too. Each product below
// reads 512 bytes of constant panels; past 4 L2s of 192 bytes (768 bytes)
// are only the two of the second graph together.

// One product: 512 bytes, which the caches keep. No fetches; none either
// at exactly 4 L2s of 128 bytes (AT4), and fetches at 4 of 127 (PAST4).
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-NOT: memref.prefetch
// CHECK: return
// AT4-LABEL: func.func @main
// AT4: func.func private @kernel_0(
// AT4-NOT: memref.prefetch
// AT4: return
// PAST4-LABEL: func.func @main
// PAST4: func.func private @kernel_0(
// PAST4: memref.prefetch %{{.*}}, read, locality<2>, data : memref<128xf32>
func.func @main(%x: tensor<12x4xf32>) -> tensor<12x32xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<12x4xf32>) -> tensor<12x32xf32> {
    %w = hlo.constant dense<[[-1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5], [1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5], [0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0], [-1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0]]> : tensor<4x32xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [0] : (tensor<12x4xf32>, tensor<4x32xf32>) -> tensor<12x32xf32>
    hlo.return %d : tensor<12x32xf32>
  }
  return %0 : tensor<12x32xf32>
}

// -----

// Two products, 1024 bytes of panels in all: both kernels fetch.
// AT4-LABEL: func.func @main
// PAST4-LABEL: func.func @main
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK: memref.prefetch %{{.*}}, read, locality<2>, data : memref<128xf32>
// CHECK: func.func private @kernel_1(
// CHECK: memref.prefetch %{{.*}}, read, locality<2>, data : memref<128xf32>
func.func @main(%x: tensor<12x4xf32>, %y: tensor<12x4xf32>) -> (tensor<12x32xf32>, tensor<12x32xf32>) {
  %0 = hlo.fusion output (%a = %x) : (tensor<12x4xf32>) -> tensor<12x32xf32> {
    %w = hlo.constant dense<[[-1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5], [1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5], [0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0], [-1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0]]> : tensor<4x32xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [0] : (tensor<12x4xf32>, tensor<4x32xf32>) -> tensor<12x32xf32>
    hlo.return %d : tensor<12x32xf32>
  }
  %1 = hlo.fusion output (%b = %y) : (tensor<12x4xf32>) -> tensor<12x32xf32> {
    %w = hlo.constant dense<[[-1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0], [-0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5], [0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5], [1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5, -1.0, 1.0, -0.5, 1.5, 0.0, -1.5, 0.5]]> : tensor<4x32xf32>
    %d = hlo.dot_general %b, %w, contracting_dims = [1] x [0] : (tensor<12x4xf32>, tensor<4x32xf32>) -> tensor<12x32xf32>
    hlo.return %d : tensor<12x32xf32>
  }
  return %0, %1 : tensor<12x32xf32>, tensor<12x32xf32>
}

// -----

// The product of case 1 beside one whose weights the graph computes: those
// are packed by each call, in the tile's own stack, and count for nothing.
// 512 bytes of panels packed before the call: no fetches.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-NOT: memref.prefetch
// CHECK: func.func private @kernel_2(
// CHECK-NOT: memref.prefetch
// CHECK: return
// CHECK-NEXT: }
// CHECK-NEXT: }
// AT4-LABEL: func.func @main
// PAST4-LABEL: func.func @main
func.func @main(%x: tensor<12x4xf32>, %y: tensor<12x4xf32>, %v: tensor<4x32xf32>) -> (tensor<12x32xf32>, tensor<12x32xf32>) {
  %0 = hlo.fusion output (%a = %x) : (tensor<12x4xf32>) -> tensor<12x32xf32> {
    %w = hlo.constant dense<[[-1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5], [1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5], [0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0], [-1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0, 1.5, -0.5, 1.0, -1.0, 0.5, -1.5, 0.0]]> : tensor<4x32xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [0] : (tensor<12x4xf32>, tensor<4x32xf32>) -> tensor<12x32xf32>
    hlo.return %d : tensor<12x32xf32>
  }
  %n = hlo.fusion loop (%vv = %v) : (tensor<4x32xf32>) -> tensor<4x32xf32> {
    %m = hlo.negate %vv : tensor<4x32xf32>
    hlo.return %m : tensor<4x32xf32>
  }
  %1 = hlo.fusion output (%b = %y, %nn = %n) : (tensor<12x4xf32>, tensor<4x32xf32>) -> tensor<12x32xf32> {
    %d = hlo.dot_general %b, %nn, contracting_dims = [1] x [0] : (tensor<12x4xf32>, tensor<4x32xf32>) -> tensor<12x32xf32>
    hlo.return %d : tensor<12x32xf32>
  }
  return %0, %1 : tensor<12x32xf32>, tensor<12x32xf32>
}
