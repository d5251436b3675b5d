// RUN: kiln-opt %s --kiln-graph-pipeline | FileCheck %s --implicit-check-not=func.call

// The named pipeline the compiler runs first (compiler/Pipeline.cpp's
// buildGraphPipeline): calls are inlined into the entry, constants fold,
// and equal ops merge (CSE).
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-DAG:  %[[THREE:.*]] = hlo.constant dense<3.000000e+00> : tensor<4xf32>
// CHECK-DAG:  %[[E:.*]] = hlo.exponential %[[X]]
// CHECK:      %[[S:.*]] = hlo.add %[[E]], %[[E]]
// CHECK:      %[[R:.*]] = hlo.multiply %[[S]], %[[THREE]]
// CHECK-NEXT: return %[[R]]
// CHECK-NOT:  func.func
// CHECK-NOT:  hlo.exponential
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = func.call @exp_twice(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %one = hlo.constant dense<1.0> : tensor<4xf32>
  %two = hlo.constant dense<2.0> : tensor<4xf32>
  %three = hlo.add %one, %two : tensor<4xf32>
  %1 = hlo.multiply %0, %three : tensor<4xf32>
  return %1 : tensor<4xf32>
}
func.func private @exp_twice(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = hlo.exponential %x : tensor<4xf32>
  %b = hlo.exponential %x : tensor<4xf32>
  %s = hlo.add %a, %b : tensor<4xf32>
  return %s : tensor<4xf32>
}
