// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768 l2-bytes=192" --canonicalize --cse | FileCheck %s

// Whether micro-kernels fetch the next panel ahead is decided for the
// graph (prefetchesNextPanel): between two calls of one contraction, the
// panels of the others pass through the caches too. Each product below
// reads 512 bytes of constant panels; past 4 L2s of 192 bytes (768 bytes)
// are only the two of the second graph together.

// One product: 512 bytes, which the caches keep. No fetches.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-NOT: memref.prefetch
// CHECK: return
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
