// Two layers of matmul, bias and ReLU, each with its own weights: their
// kernels differ only in the constants they read, so they are compiled
// once (kiln-share-kernels), each launch passing its own weights. The
// results print exactly as the reference interpreter's.
// RUN: kilnc %s --emit=llvm | FileCheck %s
// CHECK-COUNT-1: define internal void @kernel_{{[0-9]+}}_task(
// CHECK-NOT:     define internal void @kernel_{{[0-9]+}}_task(
// CHECK:         @kernel_0_task
// CHECK:         @kernel_0_task
// RUN: kiln-run %s | grep -v '^latency' > %t.native
// RUN: kiln-run %s --reference | grep -v '^latency' > %t.reference
// RUN: diff %t.native %t.reference
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %w1 = hlo.constant dense<[[1.0, -2.0, 0.5], [0.25, 1.0, -1.0], [2.0, 0.0, 1.0]]> : tensor<3x3xf32>
  %b1 = hlo.constant dense<[0.5, -0.25, 1.0]> : tensor<3xf32>
  %w2 = hlo.constant dense<[[-1.0, 0.5, 2.0], [1.0, 1.0, 0.25], [0.0, -2.0, 1.0]]> : tensor<3x3xf32>
  %b2 = hlo.constant dense<[-0.5, 0.75, 0.125]> : tensor<3xf32>
  %zero = hlo.constant dense<0.0> : tensor<4x3xf32>
  %d1 = hlo.dot_general %x, %w1, contracting_dims = [1] x [0] : (tensor<4x3xf32>, tensor<3x3xf32>) -> tensor<4x3xf32>
  %bb1 = hlo.broadcast_in_dim %b1, dims = [1] : (tensor<3xf32>) -> tensor<4x3xf32>
  %s1 = hlo.add %d1, %bb1 : tensor<4x3xf32>
  %r1 = hlo.maximum %s1, %zero : tensor<4x3xf32>
  %d2 = hlo.dot_general %r1, %w2, contracting_dims = [1] x [0] : (tensor<4x3xf32>, tensor<3x3xf32>) -> tensor<4x3xf32>
  %bb2 = hlo.broadcast_in_dim %b2, dims = [1] : (tensor<3xf32>) -> tensor<4x3xf32>
  %s2 = hlo.add %d2, %bb2 : tensor<4x3xf32>
  %r2 = hlo.maximum %s2, %zero : tensor<4x3xf32>
  return %r2 : tensor<4x3xf32>
}
