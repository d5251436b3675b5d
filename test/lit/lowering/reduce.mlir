// RUN: kiln-opt %s --kiln-lower-hlo-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[KEEP1:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[KEEP0:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[NONE:.*]] = affine_map<(d0, d1) -> ()>

// The accumulator is filled with the init value; the body's first argument
// (the accumulator) is the generic's output.
// CHECK-LABEL: func.func @sum
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[INIT:.*]]: tensor<f32>)
// CHECK: %[[V:.*]] = tensor.extract %[[INIT]][] : tensor<f32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[V]] : f32) outs(%[[E]] : tensor<3xf32>)
// CHECK: %[[R:.*]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[ID]], #[[KEEP1]]]
// CHECK-SAME: iterator_types = ["reduction", "parallel"]
// CHECK-SAME: ins(%[[A]] : tensor<2x3xf32>) outs(%[[F]] : tensor<3xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[S:.*]] = arith.addf %[[ACC]], %[[X]] : f32
// CHECK: linalg.yield %[[S]]
// CHECK: return %[[R]]
func.func @sum(%a: tensor<2x3xf32>, %init: tensor<f32>) -> tensor<3xf32> {
  %0 = hlo.reduce(%a init: %init) applies hlo.add across dimensions = [0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func.func @max_all
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[ID]], #[[NONE]]]
// CHECK-SAME: iterator_types = ["reduction", "reduction"]
// CHECK: arith.maximumf
func.func @max_all(%a: tensor<2x3xf32>, %init: tensor<f32>) -> tensor<f32> {
  %0 = hlo.reduce(%a init: %init) applies hlo.maximum across dimensions = [0, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// Variadic reduce (argmax): one generic with two inputs and two outputs.
// CHECK-LABEL: func.func @argmax
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[I:.*]]: tensor<2x3xi32>, %[[VI:.*]]: tensor<f32>, %[[II:.*]]: tensor<i32>)
// CHECK: %[[FV:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2xf32>)
// CHECK: %[[FI:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<2xi32>)
// CHECK: %[[R:.*]]:2 = linalg.generic
// CHECK-SAME: indexing_maps = [#[[ID]], #[[ID]], #[[KEEP0]], #[[KEEP0]]]
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK-SAME: ins(%[[A]], %[[I]] : tensor<2x3xf32>, tensor<2x3xi32>)
// CHECK-SAME: outs(%[[FV]], %[[FI]] : tensor<2xf32>, tensor<2xi32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[XI:.*]]: i32, %[[ACC:.*]]: f32, %[[ACCI:.*]]: i32):
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[ACC]] : f32
// CHECK: %[[NV:.*]] = arith.select %[[GT]], %[[X]], %[[ACC]] : f32
// CHECK: %[[NI:.*]] = arith.select %[[GT]], %[[XI]], %[[ACCI]] : i32
// CHECK: linalg.yield %[[NV]], %[[NI]] : f32, i32
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @argmax(%a: tensor<2x3xf32>, %idx: tensor<2x3xi32>, %vinit: tensor<f32>, %iinit: tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>) {
  %0:2 = hlo.reduce(%a init: %vinit), (%idx init: %iinit) across dimensions = [1] : (tensor<2x3xf32>, tensor<2x3xi32>, tensor<f32>, tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>)
    reducer(%acc: tensor<f32>, %x: tensor<f32>) (%acci: tensor<i32>, %xi: tensor<i32>) {
      %gt = hlo.compare GT, %x, %acc : (tensor<f32>, tensor<f32>) -> tensor<i1>
      %v = hlo.select %gt, %x, %acc : tensor<i1>, tensor<f32>
      %i = hlo.select %gt, %xi, %acci : tensor<i1>, tensor<i32>
      hlo.return %v, %i : tensor<f32>, tensor<i32>
    }
  return %0#0, %0#1 : tensor<2xf32>, tensor<2xi32>
}

// Constants in the body and rank-0 values captured from above become
// scalars.
// CHECK-LABEL: func.func @body_constants
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>, %[[INIT:.*]]: tensor<f32>, %[[W:.*]]: tensor<f32>)
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[TWO:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[T:.*]] = arith.mulf %[[ACC]], %[[TWO]] : f32
// CHECK: %[[WV:.*]] = tensor.extract %[[W]][] : tensor<f32>
// CHECK: %[[U:.*]] = arith.mulf %[[X]], %[[WV]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[T]], %[[U]] : f32
// CHECK: linalg.yield %[[S]]
func.func @body_constants(%a: tensor<4xf32>, %init: tensor<f32>, %w: tensor<f32>) -> tensor<f32> {
  %0 = hlo.reduce(%a init: %init) across dimensions = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
    reducer(%acc: tensor<f32>, %x: tensor<f32>) {
      %c = hlo.constant dense<2.0> : tensor<f32>
      %t = hlo.multiply %acc, %c : tensor<f32>
      %u = hlo.multiply %x, %w : tensor<f32>
      %s = hlo.add %t, %u : tensor<f32>
      hlo.return %s : tensor<f32>
    }
  return %0 : tensor<f32>
}
