// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels | FileCheck %s

// A dense layer (dot + bias + relu) on one row, a matrix-vector product, in
// dot-row form: per chunk of the row's columns (here all 16), a scratch
// chunk zeroed, accumulated with the contracting loop outside, four k per
// pass, and the contiguous columns inside, one FMA per k in order, then the
// epilogue reads it. (Two rows or more take the tiled structure:
// outline-kernels-matmul.mlir.)
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kiln_launch_0(
// CHECK-SAME: kiln.kernel_name = "output: dot_general+broadcast_in_dim+add+maximum"
// CHECK-SAME: kiln.num_tasks = 1 : i64
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x32xf32> {llvm.noalias}, %[[W:.*]]: memref<32x16xf32> {llvm.noalias}, %[[B:.*]]: memref<16xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x16xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK: %[[ROW:.*]] = memref.alloca() : memref<16xf32>
// CHECK: scf.for %{{.*}} =
// CHECK: scf.for %[[N0:.*]] =
// CHECK: memref.store %{{.*}}, %[[ROW]][%[[N0]]]
// CHECK: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %[[C4:.*]] {
// CHECK: %[[A0:.*]] = memref.load %[[X]][%{{.*}}, %[[K]]]
// CHECK: %[[A1:.*]] = memref.load %[[X]]
// CHECK: %[[A2:.*]] = memref.load %[[X]]
// CHECK: %[[A3:.*]] = memref.load %[[X]]
// CHECK: scf.for %[[N:.*]] =
// CHECK: %[[ACC:.*]] = memref.load %[[ROW]][%[[N]]]
// CHECK: %[[W0:.*]] = memref.load %[[W]][%[[K]], %{{.*}}]
// CHECK: %[[S0:.*]] = math.fma %[[A0]], %[[W0]], %[[ACC]] : f32
// CHECK: %[[S1:.*]] = math.fma %[[A1]], %{{.*}}, %[[S0]] : f32
// CHECK: %[[S2:.*]] = math.fma %[[A2]], %{{.*}}, %[[S1]] : f32
// CHECK: %[[S3:.*]] = math.fma %[[A3]], %{{.*}}, %[[S2]] : f32
// CHECK: memref.store %[[S3]], %[[ROW]][%[[N]]]
// CHECK: scf.for %[[N2:.*]] =
// CHECK: %[[D:.*]] = memref.load %[[ROW]][%[[N2]]]
// CHECK: %[[BV:.*]] = memref.load %[[B]]
// CHECK: %[[T:.*]] = arith.addf %[[D]], %[[BV]]
// CHECK: %[[R:.*]] = arith.maximumf %[[T]]
// CHECK: memref.store %[[R]], %[[Y]]
func.func @main(%x: tensor<1x32xf32>, %w: tensor<32x16xf32>, %b: tensor<16xf32>) -> tensor<1x16xf32> {
  %0 = hlo.fusion output (%a = %x, %ww = %w, %bb = %b) : (tensor<1x32xf32>, tensor<32x16xf32>, tensor<16xf32>) -> tensor<1x16xf32> {
    %zero = hlo.constant dense<0.000000e+00> : tensor<1x16xf32>
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<1x32xf32>, tensor<32x16xf32>) -> tensor<1x16xf32>
    %bias = hlo.broadcast_in_dim %bb, dims = [1] : (tensor<16xf32>) -> tensor<1x16xf32>
    %s = hlo.add %d, %bias : tensor<1x16xf32>
    %r = hlo.maximum %s, %zero : tensor<1x16xf32>
    hlo.return %r : tensor<1x16xf32>
  }
  return %0 : tensor<1x16xf32>
}

// -----

// One query row against keys (q k^T with a single row, as in decoding): the
// rhs is contracted along its last dim, so each element is a dot product
// along contiguous k, reassociable.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[Q:.*]]: memref<2x1x4xf32> {llvm.noalias}, %[[K:.*]]: memref<2x8x4xf32> {llvm.noalias}, %[[S:.*]]: memref<2x1x8xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK-NOT: memref.alloca
// CHECK: scf.for %[[R:.*]] =
// CHECK: scf.for %[[J:.*]] =
// CHECK: scf.for %[[C:.*]] = {{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (f32)
// CHECK: memref.load %[[Q]][%{{.*}}, %{{.*}}, %[[C]]]
// CHECK: memref.load %[[K]][%{{.*}}, %[[J]], %[[C]]]
// CHECK: arith.addf %[[ACC]], %{{.*}} fastmath<reassoc>
// CHECK: memref.store %{{.*}}, %[[S]][%{{.*}}, %{{.*}}, %[[J]]]
func.func @main(%q: tensor<2x1x4xf32>, %k: tensor<2x8x4xf32>) -> tensor<2x1x8xf32> {
  %0 = hlo.fusion output (%a = %q, %b = %k) : (tensor<2x1x4xf32>, tensor<2x8x4xf32>) -> tensor<2x1x8xf32> {
    %d = hlo.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [2] : (tensor<2x1x4xf32>, tensor<2x8x4xf32>) -> tensor<2x1x8xf32>
    hlo.return %d : tensor<2x1x8xf32>
  }
  return %0 : tensor<2x1x8xf32>
}

// -----

// A matrix-vector product's task units are chunks of its 4096 columns. A
// chunk reads its columns of each rhs row, and the hardware prefetchers
// stop at a page's end: chunks widen to a page of f32 (1024 columns, four
// chunks) where the row keeps four of them. 768 columns keep chunks of 256
// (three), 1000 columns chunks of 334 (three). Each pass
// over a chunk reads 8 rows of the rhs where consecutive rows fall in
// separate pages 15 times in 16 or more (16 KiB apart, or 4000 bytes),
// each its own prefetch stream, and 4 where they share pages more often
// (3 KiB).
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kiln_launch_0(
// CHECK-SAME: kiln.num_tasks = 4 : i64
// CHECK: func.func private @kernel_0(
// CHECK: memref.alloca() : memref<1024xf32>
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C8]] {
// CHECK: func.func private @kiln_launch_1(
// CHECK-SAME: kiln.num_tasks = 3 : i64
// CHECK: func.func private @kernel_1(
// CHECK: memref.alloca() : memref<256xf32>
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C4]] {
// CHECK: func.func private @kiln_launch_2(
// CHECK-SAME: kiln.num_tasks = 3 : i64
// CHECK: func.func private @kernel_2(
// CHECK: memref.alloca() : memref<334xf32>
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C8]] {
func.func @main(%x: tensor<1x64xf32>, %w: tensor<64x4096xf32>, %v: tensor<64x768xf32>, %u: tensor<64x1000xf32>) -> (tensor<1x4096xf32>, tensor<1x768xf32>, tensor<1x1000xf32>) {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x64xf32>, tensor<64x4096xf32>) -> tensor<1x4096xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<1x64xf32>, tensor<64x4096xf32>) -> tensor<1x4096xf32>
    hlo.return %d : tensor<1x4096xf32>
  }
  %1 = hlo.fusion output (%a = %x, %b = %v) : (tensor<1x64xf32>, tensor<64x768xf32>) -> tensor<1x768xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<1x64xf32>, tensor<64x768xf32>) -> tensor<1x768xf32>
    hlo.return %d : tensor<1x768xf32>
  }
  %2 = hlo.fusion output (%a = %x, %b = %u) : (tensor<1x64xf32>, tensor<64x1000xf32>) -> tensor<1x1000xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<1x64xf32>, tensor<64x1000xf32>) -> tensor<1x1000xf32>
    hlo.return %d : tensor<1x1000xf32>
  }
  return %0, %1, %2 : tensor<1x4096xf32>, tensor<1x768xf32>, tensor<1x1000xf32>
}
