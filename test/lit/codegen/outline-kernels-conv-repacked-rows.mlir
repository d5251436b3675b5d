// RUN: kiln-opt %s --split-input-file --kiln-wrap-unfused --kiln-outline-kernels="vector-bits=512 l1-bytes=32768 l2-bytes=524288" | FileCheck %s --check-prefix=L2-512K
// RUN: kiln-opt %s --split-input-file --kiln-wrap-unfused --kiln-outline-kernels="vector-bits=512 l1-bytes=32768 l2-bytes=1048576" | FileCheck %s --check-prefix=L2-1M
// RUN: not kiln-opt %s --split-input-file --kiln-wrap-unfused --kiln-outline-kernels=l2-bytes=-1 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// NEGATIVE: error: kiln-outline-kernels: l2-bytes must not be negative, not -1

// 3x3 convolutions on 64 input features whose kernel is an argument: output
// features as columns (tiles of 128) that leave out the padding's
// products, in slices of 126 k (14 input features of taps). A row tile's
// blocks are its sums [mc][128] and their transpose [128][mc + 1], beside
// the panels (126 x 128), and each row tile packs the kernel again. Where
// 192 KiB of stack hold fewer than 192 rows (here 121), a row tile takes
// up to 192 in 3/8 of L2 (1 MiB: 384 KiB; 512 KiB: the same 192 KiB), and
// rows are split only until there are 2 tiles, not 4.

// 128 features on 28x28: one column tile, cut into 4 row tiles of 196
// rows with 1 MiB of L2, 8 of 98 with 512 KiB.
// L2-512K-LABEL: func.func @main
// L2-512K: kiln.num_tasks = 8
// L2-512K: memref.alloca() {alignment = 64 : i64} : memref<98x128xf32>
// L2-512K: memref.alloca() {alignment = 64 : i64} : memref<128x99xf32>
// L2-512K: memref.alloca() {alignment = 64 : i64} : memref<4x126x32xf32>
// L2-1M-LABEL: func.func @main
// L2-1M: kiln.num_tasks = 4
// L2-1M: memref.alloca() {alignment = 64 : i64} : memref<196x128xf32>
// L2-1M: memref.alloca() {alignment = 64 : i64} : memref<128x197xf32>
// L2-1M: memref.alloca() {alignment = 64 : i64} : memref<4x126x32xf32>
func.func @main(%x: tensor<1x64x28x28xf32>, %k: tensor<128x64x3x3xf32>) -> tensor<1x128x28x28xf32> {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x64x28x28xf32>, tensor<128x64x3x3xf32>) -> tensor<1x128x28x28xf32>
  return %0 : tensor<1x128x28x28xf32>
}

// -----

// 256 features on 14x14: two column tiles, already 2 tiles, so the 196
// rows are not split with 1 MiB of L2 (one row tile per column tile, each
// packing its half of the kernel once); with 512 KiB they fill 2 row
// tiles of 98.
// L2-512K-LABEL: func.func @main
// L2-512K: kiln.num_tasks = 4
// L2-512K: memref.alloca() {alignment = 64 : i64} : memref<98x128xf32>
// L2-1M-LABEL: func.func @main
// L2-1M: kiln.num_tasks = 2
// L2-1M: memref.alloca() {alignment = 64 : i64} : memref<196x128xf32>
// L2-1M: memref.alloca() {alignment = 64 : i64} : memref<128x197xf32>
func.func @main(%x: tensor<1x64x14x14xf32>, %k: tensor<256x64x3x3xf32>) -> tensor<1x256x14x14xf32> {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x64x14x14xf32>, tensor<256x64x3x3xf32>) -> tensor<1x256x14x14xf32>
  return %0 : tensor<1x256x14x14xf32>
}
