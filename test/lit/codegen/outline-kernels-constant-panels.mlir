// RUN: kiln-opt %s --kiln-outline-kernels=vector-bits=128 | FileCheck %s

// A constant rhs is packed while compiling: here [N, K] = [2, 3],
// contracted along its last dim, at 128 bits (panels of 8 columns, one
// slice of k = 3). The panels [1][3][8] hold rhs(k, n) = w[n][k] by rows of
// k, zeros past N; the micro-kernels read them from that constant, and
// the kernel neither packs nor reads the constant's own layout, nor takes
// a weights cache.
// CHECK: memref.global "private" constant @[[PANELS:.*]] : memref<24xf32> = dense<[1.000000e+00, 2.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000000e+00, 4.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 5.000000e+00, 6.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]>
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%{{.*}}: memref<4x3xf32>, %{{.*}}: memref<4x2xf32>, %{{.*}}: memref<1xi8>) {
// CHECK: func.func private @kernel_0(%{{.*}}: memref<4x3xf32> {llvm.noalias}, %{{.*}}: memref<4x2xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK: %[[GLOBAL:.*]] = memref.get_global @[[PANELS]] : memref<24xf32>
// CHECK: %[[PACKED:.*]] = memref.cast %[[GLOBAL]] : memref<24xf32> to memref<?xf32>
// CHECK-NOT: vector.store
// CHECK-NOT: memref.store
// CHECK: scf.for {{.*}} iter_args
// CHECK: vector.load %[[PACKED]][%{{.*}}] : memref<?xf32>, vector<4xf32>
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<4x3xf32>) -> tensor<4x2xf32> {
    %w = hlo.constant dense<[[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]> : tensor<2x3xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [1] : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
    hlo.return %d : tensor<4x2xf32>
  }
  return %0 : tensor<4x2xf32>
}
