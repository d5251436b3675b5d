// RUN: kiln-opt %s --kiln-outline-kernels="vector-bits=512 l1-bytes=32768" --canonicalize --cse | FileCheck %s
// RUN: kiln-opt %s --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=AVX2

// Feature columns read their rows, output positions, from the input in
// place, a channel plane further on each k: with 32 vector registers the
// micro-kernels fetch the lines of their first and last rows 8 k ahead
// (kLhsFetchDistance), the slice's last k past its end (17 k: min(k + 8,
// 16)), at the offsets the rows' own loads read. A 1x1 window's k is the
// input feature, its offset k planes of 100: computed, not loaded from a
// table of k.
// CHECK-LABEL: func.func private @kernel_0
// CHECK-NOT: memref<17xindex>
// CHECK: %[[IN:.*]] = memref.collapse_shape %arg0 {{\[}}[0, 1, 2, 3]] : memref<1x17x10x10xf32> into memref<1700xf32>
// CHECK: scf.for %[[K:.*]] = %c0 to %c17 step %c1 iter_args
// CHECK: %[[NEXT:.*]] = arith.addi %[[K]], %c8 : index
// CHECK-NEXT: %[[AHEAD:.*]] = arith.minsi %[[NEXT]], %c16 : index
// CHECK-NEXT: %[[AT:.*]] = arith.muli %[[AHEAD]], %c100 : index
// CHECK-NEXT: %[[FIRST:.*]] = arith.addi %[[ROW0:.*]], %[[AT]] : index
// CHECK-NEXT: memref.prefetch %[[IN]][%[[FIRST]]], read, locality<3>, data : memref<1700xf32>
// CHECK-NEXT: %[[LAST:.*]] = arith.addi %{{.*}}, %[[AT]] : index
// CHECK-NEXT: memref.prefetch %[[IN]][%[[LAST]]], read, locality<3>, data : memref<1700xf32>
// CHECK-NEXT: %[[OWN:.*]] = arith.muli %[[K]], %c100 : index
// CHECK-NEXT: %[[ROW0AT:.*]] = arith.addi %[[ROW0]], %[[OWN]] : index
// CHECK-NEXT: memref.load %[[IN]][%[[ROW0AT]]] : memref<1700xf32>
// CHECK: math.fma

// AVX2 code has no registers to spare: no fetch.
// AVX2-LABEL: func.func private @kernel_0
// AVX2-NOT: memref.prefetch
// AVX2: math.fma
// AVX2-NOT: memref.prefetch
func.func @main(%x: tensor<1x17x10x10xf32>, %w: tensor<32x17x1x1xf32>) -> tensor<1x32x5x5xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x17x10x10xf32>, tensor<32x17x1x1xf32>) -> tensor<1x32x5x5xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x17x10x10xf32>, tensor<32x17x1x1xf32>) -> tensor<1x32x5x5xf32>
    hlo.return %c : tensor<1x32x5x5xf32>
  }
  return %0 : tensor<1x32x5x5xf32>
}
