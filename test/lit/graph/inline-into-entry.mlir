// RUN: kiln-opt %s --kiln-inline-into-entry --split-input-file | FileCheck %s

// A public main calling private functions, as JAX exports it: the calls are
// inlined (also nested ones) and the private functions disappear.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[A:.*]] = hlo.add %[[X]], %[[X]]
// CHECK-NEXT: %[[E:.*]] = hlo.exponential %[[A]]
// CHECK-NEXT: return %[[E]]
// CHECK-NOT: func.func private
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = func.call @double_exp(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func private @double_exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = func.call @double(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = hlo.exponential %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}
func.func private @double(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hlo.add %x, %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
