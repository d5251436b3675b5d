// RUN: kilnc %s --explain-fusion | FileCheck %s

// Each line names the user's ops at both ends with their locations and the
// reason of the decision that kept them apart. Constants are not edges:
// each kernel copies the constants it reads.
// CHECK:      {{^.*}}explain.mlir:15:8 exponential -> {{.*}}explain.mlir:16:8 dot_general: consumer is a contraction; fusing its operand would recompute the producer per output element
// CHECK-NEXT: {{^.*}}explain.mlir:16:8 dot_general -> {{.*}}explain.mlir:17:8 transpose: consumer 'transpose' is not elementwise; output fusion applies only elementwise ops to the result tile
// CHECK-NEXT: {{^.*}}explain.mlir:18:9 exponential -> {{.*}}explain.mlir:19:9 broadcast_in_dim: consumer broadcasts the producer to 8 times its size; fusing would recompute the producer for every copy
// CHECK-NEXT: {{^.*}}explain.mlir:21:8 reduce -> {{.*}}explain.mlir:22:9 broadcast_in_dim: producer is a reduction and row fusion does not apply: a reduced row holds 40000 bytes, more than the 32 KiB row-fusion budget
// CHECK-NEXT: {{^.*}}explain.mlir:15:8 exponential -> {{.*}}explain.mlir:24:9 transpose: producer is expensive and has users outside the fusion, and the fusion reads it at reordered indices, so an extra output would compute it twice
// CHECK-NOT:  constant
func.func @main(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>, %v: tensor<16xf32>,
                %y: tensor<4x10000xf32>) -> (tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x10000xf32>, tensor<8x16xf32>) {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %e = hlo.exponential %x : tensor<8x16xf32>
  %d = hlo.dot_general %e, %w, contracting_dims = [1] x [0] : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  %t = hlo.transpose %d, dims = [1, 0] : (tensor<8x4xf32>) -> tensor<4x8xf32>
  %ev = hlo.exponential %v : tensor<16xf32>
  %bv = hlo.broadcast_in_dim %ev, dims = [1] : (tensor<16xf32>) -> tensor<8x16xf32>
  %a = hlo.add %bv, %x : tensor<8x16xf32>
  %s = hlo.reduce(%y init: %zero) applies hlo.add across dimensions = [1] : (tensor<4x10000xf32>, tensor<f32>) -> tensor<4xf32>
  %sb = hlo.broadcast_in_dim %s, dims = [0] : (tensor<4xf32>) -> tensor<4x10000xf32>
  %n = hlo.divide %y, %sb : tensor<4x10000xf32>
  %et = hlo.transpose %e, dims = [1, 0] : (tensor<8x16xf32>) -> tensor<16x8xf32>
  %er = hlo.reshape %et : (tensor<16x8xf32>) -> tensor<8x16xf32>
  return %t, %a, %n, %er : tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x10000xf32>, tensor<8x16xf32>
}
