// RUN: kiln-opt %s --kiln-lower-hlo-to-linalg | FileCheck %s

// Loops: (out0, out1, win0, win1). The input is read at
// out * stride + win * window_dilation; an empty tensor of the window's shape
// gives the window loops their extent.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0 * 2 + d2, d1 * 2 + d3 * 2)>
// CHECK-DAG: #[[WIN:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>

// Padding and base dilation pad the input with the init value first.
// CHECK-LABEL: func.func @max_pool
// CHECK-SAME: (%[[A:.*]]: tensor<4x5xf32>, %[[INIT:.*]]: tensor<f32>)
// CHECK: %[[V:.*]] = tensor.extract %[[INIT]][] : tensor<f32>
// CHECK: %[[PE:.*]] = tensor.empty() : tensor<7x10xf32>
// CHECK: %[[PF:.*]] = linalg.fill ins(%[[V]] : f32) outs(%[[PE]] : tensor<7x10xf32>)
// CHECK: %[[PAD:.*]] = tensor.insert_slice %[[A]] into %[[PF]][1, 0] [4, 5] [1, 2]
// CHECK: %[[W:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[OE:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK: %[[OF:.*]] = linalg.fill ins(%[[V]] : f32) outs(%[[OE]] : tensor<3x3xf32>)
// CHECK: %[[R:.*]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[IN]], #[[WIN]], #[[OUT]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel", "reduction", "reduction"]
// CHECK-SAME: ins(%[[PAD]], %[[W]] : tensor<7x10xf32>, tensor<2x3xf32>)
// CHECK-SAME: outs(%[[OF]] : tensor<3x3xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32, %[[ACC:.*]]: f32):
// CHECK: %[[M:.*]] = arith.maximumf %[[ACC]], %[[X]] : f32
// CHECK: linalg.yield %[[M]]
// CHECK: return %[[R]]
func.func @max_pool(%a: tensor<4x5xf32>, %init: tensor<f32>) -> tensor<3x3xf32> {
  %0 = "hlo.reduce_window"(%a, %init) <{window_dimensions = array<i64: 2, 3>, window_strides = array<i64: 2, 2>, base_dilations = array<i64: 1, 2>, window_dilations = array<i64: 1, 2>, padding = dense<[[1, 2], [0, 1]]> : tensor<2x2xi64>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    %m = hlo.maximum %x, %y : tensor<f32>
    hlo.return %m : tensor<f32>
  }) : (tensor<4x5xf32>, tensor<f32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// Without padding or dilation the input is read directly.
// CHECK-LABEL: func.func @sum_pool
// CHECK-SAME: (%[[A:.*]]: tensor<4x4xf32>, %[[INIT:.*]]: tensor<f32>)
// CHECK-NOT: tensor.insert_slice
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[A]], %{{.*}} : tensor<4x4xf32>, tensor<2x2xf32>)
// CHECK: arith.addf
func.func @sum_pool(%a: tensor<4x4xf32>, %init: tensor<f32>) -> tensor<3x3xf32> {
  %0 = "hlo.reduce_window"(%a, %init) <{window_dimensions = array<i64: 2, 2>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    %s = hlo.add %x, %y : tensor<f32>
    hlo.return %s : tensor<f32>
  }) : (tensor<4x4xf32>, tensor<f32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}
