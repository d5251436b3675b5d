// RUN: kiln-opt %s --kiln-fold-empty-tensors --split-input-file | FileCheck %s

// An op whose results are all empty becomes `dense<>`, and so do the uses
// of an empty argument; non-empty ops are left alone.
// CHECK-LABEL: func.func @empty_results
// CHECK: hlo.constant dense<> : tensor<3x0xf32>
// CHECK: %[[E:.*]] = hlo.constant dense<> : tensor<3x0xf32>
// CHECK: %[[S:.*]] = hlo.constant dense<> : tensor<2x0xf32>
// CHECK: %[[T:.*]] = hlo.add %arg1, %arg1 : tensor<2x3xf32>
// CHECK-NOT: hlo.exponential
// CHECK-NOT: hlo.slice
// CHECK: return %[[E]], %[[S]], %[[T]]
func.func @empty_results(%a: tensor<3x0xf32>, %x: tensor<2x3xf32>) -> (tensor<3x0xf32>, tensor<2x0xf32>, tensor<2x3xf32>) {
  %0 = hlo.exponential %a : tensor<3x0xf32>
  %1 = hlo.slice %x [0:2, 1:1] : (tensor<2x3xf32>) -> tensor<2x0xf32>
  %2 = hlo.add %x, %x : tensor<2x3xf32>
  return %0, %1, %2 : tensor<3x0xf32>, tensor<2x0xf32>, tensor<2x3xf32>
}

// -----

// Concatenate drops its empty operands; with one left, it is that operand.
// CHECK-LABEL: func.func @concatenate
// CHECK: %[[C:.*]] = hlo.concatenate %arg0, %arg0, dim = 1
// CHECK: return %arg0, %[[C]]
func.func @concatenate(%x: tensor<2x3xf32>, %e: tensor<2x0xf32>) -> (tensor<2x3xf32>, tensor<2x6xf32>) {
  %0 = hlo.concatenate %e, %x, %e, dim = 1 : (tensor<2x0xf32>, tensor<2x3xf32>, tensor<2x0xf32>) -> tensor<2x3xf32>
  %1 = hlo.concatenate %x, %e, %x, dim = 1 : (tensor<2x3xf32>, tensor<2x0xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x6xf32>
}

// -----

// A pad of an empty operand is all padding.
// CHECK-LABEL: func.func @pad
// CHECK: %[[P:.*]] = hlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<3x2xf32>
// CHECK: return %[[P]]
func.func @pad(%a: tensor<3x0xf32>, %v: tensor<f32>) -> tensor<3x2xf32> {
  %0 = hlo.pad %a, %v, low = [0, 1], high = [0, 1], interior = [0, 0] : (tensor<3x0xf32>, tensor<f32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Contractions over nothing are zeros.
// CHECK-LABEL: func.func @contractions
// CHECK-DAG: %[[D:.*]] = hlo.constant dense<0.000000e+00> : tensor<3x4xf32>
// CHECK-DAG: %[[C:.*]] = hlo.constant dense<0> : tensor<1x2x6x2xi32>
// CHECK: return %[[D]], %[[C]]
func.func @contractions(%a: tensor<3x0xf32>, %b: tensor<0x4xf32>, %img: tensor<1x0x8x4xi32>, %w: tensor<2x0x3x3xi32>) -> (tensor<3x4xf32>, tensor<1x2x6x2xi32>) {
  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<3x0xf32>, tensor<0x4xf32>) -> tensor<3x4xf32>
  %1 = hlo.convolution(%img, %w) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x0x8x4xi32>, tensor<2x0x3x3xi32>) -> tensor<1x2x6x2xi32>
  return %0, %1 : tensor<3x4xf32>, tensor<1x2x6x2xi32>
}

// -----

// A reduce over an empty dimension gives its init.
// CHECK-LABEL: func.func @reduce
// CHECK: %[[R:.*]] = hlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<3xf32>
// CHECK: return %[[R]]
func.func @reduce(%a: tensor<3x0xf32>, %init: tensor<f32>) -> tensor<3xf32> {
  %0 = hlo.reduce(%a init: %init) applies hlo.maximum across dimensions = [1] : (tensor<3x0xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Each window of an empty input holds only padding, which is the init: the
// body folded over 2 * 4 inits, starting from the init.
// CHECK-LABEL: func.func @reduce_window
// CHECK: %[[COPIES:.*]] = hlo.broadcast_in_dim %arg1, dims = [] : (tensor<f32>) -> tensor<8xf32>
// CHECK: %[[SUM:.*]] = hlo.reduce(%[[COPIES]] init: %arg1) applies hlo.add across dimensions = [0] : (tensor<8xf32>, tensor<f32>) -> tensor<f32>
// CHECK: %[[R:.*]] = hlo.broadcast_in_dim %[[SUM]], dims = [] : (tensor<f32>) -> tensor<1x1x2x4xf32>
// CHECK: return %[[R]]
func.func @reduce_window(%img: tensor<1x0x8x4xf32>, %init: tensor<f32>) -> tensor<1x1x2x4xf32> {
  %0 = "hlo.reduce_window"(%img, %init) <{window_dimensions = array<i64: 1, 2, 4, 1>, window_strides = array<i64: 1, 1, 4, 1>, padding = dense<[[0, 0], [1, 1], [0, 0], [0, 0]]> : tensor<4x2xi64>}> ({
  ^bb0(%p: tensor<f32>, %q: tensor<f32>):
    %s = hlo.add %p, %q : tensor<f32>
    hlo.return %s : tensor<f32>
  }) : (tensor<1x0x8x4xf32>, tensor<f32>) -> tensor<1x1x2x4xf32>
  return %0 : tensor<1x1x2x4xf32>
}

// -----

// With no source element (no window fits), nothing is scattered: the
// result is init_value everywhere.
// CHECK-LABEL: func.func @select_and_scatter
// CHECK-NOT: hlo.select_and_scatter
// CHECK: %[[R:.*]] = hlo.broadcast_in_dim %arg2, dims = [] : (tensor<f32>) -> tensor<1x6xf32>
// CHECK: return %[[R]]
func.func @select_and_scatter(%x: tensor<1x6xf32>, %s: tensor<0x3xf32>, %init: tensor<f32>) -> tensor<1x6xf32> {
  %0 = "hlo.select_and_scatter"(%x, %s, %init) <{window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 2, 2>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = hlo.compare GE, %a, %b, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    hlo.return %c : tensor<i1>
  }, {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = hlo.add %a, %b : tensor<f32>
    hlo.return %r : tensor<f32>
  }) : (tensor<1x6xf32>, tensor<0x3xf32>, tensor<f32>) -> tensor<1x6xf32>
  return %0 : tensor<1x6xf32>
}

// -----

// An empty update changes nothing.
// CHECK-LABEL: func.func @dynamic_update_slice
// CHECK-NOT: hlo.dynamic_update_slice
// CHECK: return %arg0
func.func @dynamic_update_slice(%x: tensor<4x4xf32>, %u: tensor<0x2xf32>, %i: tensor<i32>) -> tensor<4x4xf32> {
  %0 = hlo.dynamic_update_slice %x, %u, %i, %i : (tensor<4x4xf32>, tensor<0x2xf32>, tensor<i32>, tensor<i32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// A scatter of no updates (no indices) leaves its inputs as they are.
// CHECK-LABEL: func.func @scatter
// CHECK-NOT: hlo.scatter
// CHECK: return %arg0, %arg1
func.func @scatter(%a: tensor<4xf32>, %b: tensor<4xi32>, %i: tensor<0x1xi32>, %ua: tensor<0xf32>, %ub: tensor<0xi32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %0:2 = "hlo.scatter"(%a, %b, %i, %ua, %ub) <{scatter_dimension_numbers = #hlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<i32>, %a1: tensor<f32>, %b1: tensor<i32>):
    hlo.return %a1, %b1 : tensor<f32>, tensor<i32>
  }) : (tensor<4xf32>, tensor<4xi32>, tensor<0x1xi32>, tensor<0xf32>, tensor<0xi32>) -> (tensor<4xf32>, tensor<4xi32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xi32>
}

// -----

// Empty index vectors: each of the three updates lands at the start of the
// input, so the scatter stays, reading no index.
// CHECK-LABEL: func.func @scatter_empty_index_vectors
// CHECK: hlo.constant dense<> : tensor<3x0xi64>
// CHECK: "hlo.scatter"
func.func @scatter_empty_index_vectors(%x: tensor<4xf32>, %i: tensor<3x0xi64>, %u: tensor<3x4xf32>) -> tensor<4xf32> {
  %0 = "hlo.scatter"(%x, %i, %u) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [1], index_vector_dim = 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = hlo.add %a, %b : tensor<f32>
    hlo.return %s : tensor<f32>
  }) : (tensor<4xf32>, tensor<3x0xi64>, tensor<3x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
