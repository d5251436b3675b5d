// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=AVX2
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=512 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=AVX512

// A depthwise 3x3 convolution at stride 2 sums four interior vectors of a
// row at a time, then the row's other vectors. Its group's sums leave
// registers for the 9 weights and a tap's loads (kTapRegisters, 3): with
// AVX-512's 32, the sums of two output rows, which read 5 input rows. Rows
// of 136 outputs are 9 vectors of 16: the loop's one step (2 rows x 4 x 9
// FMAs), then 5 vectors of both rows. AVX2's 16 would hold only 4 sums, so
// its taps are paired (KernelEmitterRowWindow.cpp): 6 weights leave room
// for two output vectors of 3 sums, one of each of two rows, which read 5
// input rows. Its rows are 17 vectors of 8: a loop over vectors 1-16 (2 x 9
// FMAs a step), then vector 0 of both rows.
// AVX2-LABEL: func.func private @kernel_0(
// AVX2-COUNT-5: arith.select %{{.*}}, %{{.*}}, %{{.*}} : memref<?xf32>
// AVX2-NOT: arith.select %{{.*}} : memref<?xf32>
// AVX2: scf.for %{{.*}} = %c8 to %c136 step %c8
// AVX2-COUNT-18: math.fma %{{.*}} : vector<8xf32>
// AVX2-COUNT-2: vector.store %{{.*}} : memref<1088xf32>, vector<8xf32>
// AVX2-NEXT: }
// AVX2-COUNT-18: math.fma %{{.*}} : vector<8xf32>
// AVX2-COUNT-2: vector.store %{{.*}} : memref<1088xf32>, vector<8xf32>
// AVX2-NOT: math.fma
// AVX512-LABEL: func.func private @kernel_0(
// AVX512-COUNT-5: arith.select %{{.*}}, %{{.*}}, %{{.*}} : memref<?xf32>
// AVX512-NOT: arith.select %{{.*}} : memref<?xf32>
// AVX512-COUNT-72: math.fma %{{.*}} : vector<16xf32>
// AVX512-COUNT-8: vector.store %{{.*}} : memref<1088xf32>, vector<16xf32>
// AVX512-COUNT-90: math.fma %{{.*}} : vector<16xf32>
// AVX512-COUNT-10: vector.store %{{.*}} : memref<1088xf32>, vector<16xf32>
// AVX512-NOT: math.fma
func.func @main(%x: tensor<1x2x8x272xf32>, %k: tensor<2x1x3x3xf32>) -> tensor<1x2x4x136xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x2x8x272xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x4x136xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x8x272xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x4x136xf32>
    hlo.return %c : tensor<1x2x4x136xf32>
  }
  return %0 : tensor<1x2x4x136xf32>
}

// -----

// 5x5 weights leave 4 of AVX-512's registers (32 - 25 - 3), fewer than 8
// sums, so its taps are paired: 15 weights (10 of them pairs) leave 14,
// for 4 output vectors of 3 sums, one vector of each of four output rows,
// which read 11 input rows. AVX2's 16 hold not even one output vector's
// sums beside the 15 paired weights, so its taps stay unpaired and the
// weights spill whatever the group, which keeps 8 sums: two rows of four
// vectors (7 input rows).
// AVX2-LABEL: func.func private @kernel_0(
// AVX2-COUNT-7: arith.select %{{.*}}, %{{.*}}, %{{.*}} : memref<?xf32>
// AVX2-NOT: arith.select %{{.*}} : memref<?xf32>
// AVX2-NOT: [0, 9, 2, 11, 4, 13, 6, 15]
// AVX512-LABEL: func.func private @kernel_0(
// AVX512-COUNT-10: vector.shuffle %{{.*}}, %{{.*}} [0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 14, 31] : vector<16xf32>, vector<16xf32>
// AVX512-COUNT-11: arith.select %{{.*}}, %{{.*}}, %{{.*}} : memref<?xf32>
// AVX512-NOT: arith.select %{{.*}} : memref<?xf32>
// AVX512-COUNT-100: math.fma %{{.*}} : vector<16xf32>
// AVX512-COUNT-4: vector.store %{{.*}} : memref<512xf32>, vector<16xf32>
func.func @main(%x: tensor<1x2x16x64xf32>, %k: tensor<2x1x5x5xf32>) -> tensor<1x2x8x32xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x2x16x64xf32>, tensor<2x1x5x5xf32>) -> tensor<1x2x8x32xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[2, 2], [2, 2]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x16x64xf32>, tensor<2x1x5x5xf32>) -> tensor<1x2x8x32xf32>
    hlo.return %c : tensor<1x2x8x32xf32>
  }
  return %0 : tensor<1x2x8x32xf32>
}

// -----

// The same 5x5 kernel at padding 1 on rows of 136 outputs: at 512 bits the
// tap with no partner is the first (the left padding is odd), and an
// interior vector takes its columns from the pair's run, already loaded:
// the odd lanes of the run, moved one output on in shufps order, and
// output 0's column as one element broadcast (lane 16), with no run of its
// own (RowWindow::unpairedFromPair). AVX2 code does not pair 5x5 taps.
// AVX2-LABEL: func.func private @kernel_0(
// AVX2-NOT: [0, 9, 2, 11, 4, 13, 6, 15]
// AVX512-LABEL: func.func private @kernel_0(
// AVX512: scf.for %{{.*}} = %c16 to %c128 step %c16
// AVX512: %[[PAIR_LOW:.*]] = vector.load
// AVX512: %[[PAIR_HIGH:.*]] = vector.load
// AVX512: %[[BEFORE:.*]] = memref.load
// AVX512: %[[SECOND:.*]] = vector.shuffle %[[PAIR_LOW]], %[[PAIR_HIGH]] [1, 3, 17, 19, 5, 7, 21, 23, 9, 11, 25, 27, 13, 15, 29, 31] : vector<16xf32>, vector<16xf32>
// AVX512: %[[SPLAT:.*]] = vector.broadcast %[[BEFORE]] : f32 to vector<16xf32>
// AVX512: vector.shuffle %[[SECOND]], %[[SPLAT]] [16, 0, 13, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14] : vector<16xf32>, vector<16xf32>
func.func @main(%x: tensor<1x2x8x272xf32>, %k: tensor<2x1x5x5xf32>) -> tensor<1x2x4x136xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x2x8x272xf32>, tensor<2x1x5x5xf32>) -> tensor<1x2x4x136xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[1, 2], [1, 2]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x8x272xf32>, tensor<2x1x5x5xf32>) -> tensor<1x2x4x136xf32>
    hlo.return %c : tensor<1x2x4x136xf32>
  }
  return %0 : tensor<1x2x4x136xf32>
}

// -----

// 7x7 weights fill either width's registers, so the group keeps 8 sums:
// two rows of four vectors (9 input rows) with AVX2, four rows of two (13)
// with AVX-512.
// AVX2-LABEL: func.func private @kernel_0(
// AVX2-COUNT-9: arith.select %{{.*}}, %{{.*}}, %{{.*}} : memref<?xf32>
// AVX2-NOT: arith.select %{{.*}} : memref<?xf32>
// AVX512-LABEL: func.func private @kernel_0(
// AVX512-COUNT-13: arith.select %{{.*}}, %{{.*}}, %{{.*}} : memref<?xf32>
// AVX512-NOT: arith.select %{{.*}} : memref<?xf32>
func.func @main(%x: tensor<1x2x16x64xf32>, %k: tensor<2x1x7x7xf32>) -> tensor<1x2x8x32xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x2x16x64xf32>, tensor<2x1x7x7xf32>) -> tensor<1x2x8x32xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[3, 3], [3, 3]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x16x64xf32>, tensor<2x1x7x7xf32>) -> tensor<1x2x8x32xf32>
    hlo.return %c : tensor<1x2x8x32xf32>
  }
  return %0 : tensor<1x2x8x32xf32>
}
