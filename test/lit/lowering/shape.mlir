// RUN: kiln-opt %s --kiln-lower-hlo-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[BCAST:.*]] = affine_map<(d0, d1, d2) -> (0, d2)>
// CHECK-DAG: #[[BCAST2:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[SCALAR2:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>

// CHECK-LABEL: func.func @constant
// CHECK: %[[C:.*]] = arith.constant dense<{{\[\[}}1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
// CHECK: return %[[C]]
func.func @constant() -> tensor<2x3xi32> {
  %0 = hlo.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// CHECK-LABEL: func.func @iota
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[ID3]]]
// CHECK-SAME: outs(%[[INIT]] : tensor<4x2x3xf32>)
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[F:.*]] = arith.sitofp %[[I64]] : i64 to f32
// CHECK: linalg.yield %[[F]]
func.func @iota() -> tensor<4x2x3xf32> {
  %0 = hlo.iota dim = 1 : tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// A size-1 operand dim broadcast to a larger result dim reads index 0.
// CHECK-LABEL: func.func @broadcast_in_dim
// CHECK-SAME: (%[[A:.*]]: tensor<1x3xf32>, %[[B:.*]]: tensor<3x4xf32>, %[[S:.*]]: tensor<f32>)
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[BCAST]], #[[ID3]]]
// CHECK-SAME: ins(%[[A]] : tensor<1x3xf32>)
// CHECK: linalg.yield
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[BCAST2]], #[[ID3]]]
// CHECK-SAME: ins(%[[B]] : tensor<3x4xf32>)
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[SCALAR2]], #[[ID2]]]
// CHECK-SAME: ins(%[[S]] : tensor<f32>)
func.func @broadcast_in_dim(%a: tensor<1x3xf32>, %b: tensor<3x4xf32>, %s: tensor<f32>) -> (tensor<4x2x3xf32>, tensor<4x2x3xf32>, tensor<2x3xf32>) {
  %0 = hlo.broadcast_in_dim %a, dims = [0, 2] : (tensor<1x3xf32>) -> tensor<4x2x3xf32>
  %1 = hlo.broadcast_in_dim %b, dims = [2, 0] : (tensor<3x4xf32>) -> tensor<4x2x3xf32>
  %2 = hlo.broadcast_in_dim %s, dims = [] : (tensor<f32>) -> tensor<2x3xf32>
  return %0, %1, %2 : tensor<4x2x3xf32>, tensor<4x2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[A:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK: linalg.transpose ins(%[[A]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<4x2x3xf32>) permutation = [2, 0, 1]
func.func @transpose(%a: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = hlo.transpose %a, dims = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// Direct collapse/expand when the dims group; else through rank 1; rank 0
// with an empty reassociation.
// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[S:.*]]: tensor<f32>, %[[U:.*]]: tensor<1x1xf32>)
// CHECK-DAG: tensor.collapse_shape %[[A]] {{\[\[}}0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK-DAG: %[[FLAT:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK-DAG: tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [3, 2] : tensor<6xf32> into tensor<3x2xf32>
// CHECK-DAG: tensor.expand_shape %[[A]] {{\[\[}}0, 1], [2, 3]] output_shape [1, 2, 1, 3] : tensor<2x3xf32> into tensor<1x2x1x3xf32>
// CHECK-DAG: tensor.expand_shape %[[S]] [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// CHECK-DAG: tensor.collapse_shape %[[U]] [] : tensor<1x1xf32> into tensor<f32>
func.func @reshape(%a: tensor<2x3xf32>, %s: tensor<f32>, %u: tensor<1x1xf32>) -> (tensor<6xf32>, tensor<3x2xf32>, tensor<1x2x1x3xf32>, tensor<1x1xf32>, tensor<f32>) {
  %0 = hlo.reshape %a : (tensor<2x3xf32>) -> tensor<6xf32>
  %1 = hlo.reshape %a : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %2 = hlo.reshape %a : (tensor<2x3xf32>) -> tensor<1x2x1x3xf32>
  %3 = hlo.reshape %s : (tensor<f32>) -> tensor<1x1xf32>
  %4 = hlo.reshape %u : (tensor<1x1xf32>) -> tensor<f32>
  return %0, %1, %2, %3, %4 : tensor<6xf32>, tensor<3x2xf32>, tensor<1x2x1x3xf32>, tensor<1x1xf32>, tensor<f32>
}

// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[A:.*]]: tensor<4x6xf32>)
// CHECK: tensor.extract_slice %[[A]][1, 0] [2, 3] [2, 2] : tensor<4x6xf32> to tensor<2x3xf32>
func.func @slice(%a: tensor<4x6xf32>) -> tensor<2x3xf32> {
  %0 = hlo.slice %a [1:4:2, 0:6:2] : (tensor<4x6xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @concatenate
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x1xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x7xf32>
// CHECK: %[[R0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, 3] [1, 1]
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[B]] into %[[R0]][0, 3] [2, 1] [1, 1]
// CHECK: %[[R2:.*]] = tensor.insert_slice %[[A]] into %[[R1]][0, 4] [2, 3] [1, 1]
// CHECK: return %[[R2]]
func.func @concatenate(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>) -> tensor<2x7xf32> {
  %0 = hlo.concatenate %a, %b, %a, dim = 1 : (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x3xf32>) -> tensor<2x7xf32>
  return %0 : tensor<2x7xf32>
}

// Interior padding is the insert stride; a negative high edge crops the
// operand's last column (it would land at column 6 of 6).
// CHECK-LABEL: func.func @pad
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[P:.*]]: tensor<f32>)
// CHECK: %[[V:.*]] = tensor.extract %[[P]][] : tensor<f32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x6xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[V]] : f32) outs(%[[E]] : tensor<4x6xf32>)
// CHECK: %[[K:.*]] = tensor.extract_slice %[[A]][0, 0] [2, 2] [1, 1]
// CHECK: %[[R:.*]] = tensor.insert_slice %[[K]] into %[[F]][1, 0] [2, 2] [2, 3]
// CHECK: return %[[R]]
func.func @pad(%a: tensor<2x3xf32>, %p: tensor<f32>) -> tensor<4x6xf32> {
  %0 = hlo.pad %a, %p, low = [1, 0], high = [0, -1], interior = [1, 2] : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// A negative low edge drops the operand's first elements.
// CHECK-LABEL: func.func @pad_negative_low
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[P:.*]]: tensor<f32>)
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: %[[K:.*]] = tensor.extract_slice %[[A]][1, 1] [1, 2] [1, 1]
// CHECK: tensor.insert_slice %[[K]] into %[[F]][0, 0] [1, 2] [1, 1]
func.func @pad_negative_low(%a: tensor<2x3xf32>, %p: tensor<f32>) -> tensor<1x2xf32> {
  %0 = hlo.pad %a, %p, low = [-1, -1], high = [0, 0], interior = [0, 0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}
