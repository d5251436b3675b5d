// RUN: kiln-opt %s --kiln-lay-out-weights --split-input-file | FileCheck %s

// A [out, in] weight (PyTorch's Linear, ONNX's Gemm with transB) becomes
// [in, out]: contracting first, free dimension innermost.
// CHECK-LABEL: func.func @linear
// CHECK: %[[W:.*]] = hlo.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK: hlo.dot_general %arg0, %[[W]], contracting_dims = [1] x [0] : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK-NOT: tensor<2x3xf32>
func.func @linear(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = hlo.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [1] : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// Batch dimensions go first: [k, batch, n] becomes [batch, k, n].
// CHECK-LABEL: func.func @batched
// CHECK: %[[W:.*]] = hlo.constant dense<{{\[\[\[}}0, 1], [4, 5]], {{\[\[}}2, 3], [6, 7]]]> : tensor<2x2x2xi32>
// CHECK: hlo.dot_general %arg0, %[[W]], batching_dims = [0] x [0], contracting_dims = [2] x [1]
func.func @batched(%x: tensor<2x3x2xi32>) -> tensor<2x3x2xi32> {
  %w = hlo.constant dense<[[[0, 1], [2, 3]], [[4, 5], [6, 7]]]> : tensor<2x2x2xi32>
  %0 = hlo.dot_general %x, %w, batching_dims = [0] x [1], contracting_dims = [2] x [0] : (tensor<2x3x2xi32>, tensor<2x2x2xi32>) -> tensor<2x3x2xi32>
  return %0 : tensor<2x3x2xi32>
}

// -----

// Already in kernel layout, a run-time rhs, or a splat: left alone (a splat
// needs no data moved).
// CHECK-LABEL: func.func @unchanged
// CHECK: hlo.dot_general %arg0, %{{.*}}, contracting_dims = [1] x [0]
// CHECK: hlo.dot_general %arg0, %arg1, contracting_dims = [1] x [1]
func.func @unchanged(%x: tensor<4x3xf32>, %y: tensor<2x3xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>) {
  %w = hlo.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  %1 = hlo.dot_general %x, %y, contracting_dims = [1] x [1] : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  return %0, %1 : tensor<4x2xf32>, tensor<4x2xf32>
}
