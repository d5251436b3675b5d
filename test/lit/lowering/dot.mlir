// RUN: kiln-opt %s --kiln-lower-hlo-to-linalg | FileCheck %s

// Loops are (batch..., lhs free..., contracting..., rhs free...), so the
// innermost loop walks rhs and the result with unit stride.
// CHECK-DAG: #[[MM_LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[MM_RHS:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[MM_OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[B_LHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d0, d1)>
// CHECK-DAG: #[[B_RHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[B_OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>

// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<4x5xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3x5xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<3x5xf32>)
// CHECK: %[[R:.*]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[MM_LHS]], #[[MM_RHS]], #[[MM_OUT]]]
// CHECK-SAME: iterator_types = ["parallel", "reduction", "parallel"]
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<4x5xf32>)
// CHECK-SAME: outs(%[[F]] : tensor<3x5xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK: linalg.yield %[[S]]
// CHECK: return %[[R]]
func.func @matmul(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// Batch and contracting dims anywhere: lhs [k, b, m], rhs [b, n, k].
// CHECK-LABEL: func.func @batched
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[B_LHS]], #[[B_RHS]], #[[B_OUT]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel", "reduction", "parallel"]
func.func @batched(%a: tensor<4x2x3xf32>, %b: tensor<2x5x4xf32>) -> tensor<2x3x5xf32> {
  %0 = hlo.dot_general %a, %b, batching_dims = [1] x [0], contracting_dims = [0] x [2] : (tensor<4x2x3xf32>, tensor<2x5x4xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// Integer dots accumulate with muli/addi.
// CHECK-LABEL: func.func @int_dot
// CHECK: arith.constant 0 : i32
// CHECK: arith.muli
// CHECK: arith.addi
func.func @int_dot(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<i32> {
  %0 = hlo.dot_general %a, %b, contracting_dims = [0] x [0] : (tensor<4xi32>, tensor<4xi32>) -> tensor<i32>
  return %0 : tensor<i32>
}
