// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=128 l1-bytes=32768" | FileCheck %s

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

// -----

// A convolution whose output features are the columns (NHWC, stride 2, no
// padding: gathering 36 x 16 patches would cost more than transposing the
// sums) with a constant HWIO kernel: its panels are packed while compiling,
// once for both images, [1][36][8] = 288 floats, k over (kh, kw, i) in the
// kernel's order and n over o. Here w[kh][kw][i][o] = (its flat index) mod
// 7, so the first row of k is 0, 1, ..., 6, 0.
// CHECK: memref.global "private" constant @[[PANELS:.*]] : memref<288xf32> = dense<"0x000000000000803F0000004000004040000080400000A0400000C04000000000
// CHECK-NOT: memref.global
// CHECK: func.func private @kernel_0(%{{.*}}: memref<2x9x9x4xf32> {llvm.noalias}, %{{.*}}: memref<2x4x4x8xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK: memref.get_global @[[PANELS]] : memref<288xf32>
func.func @main(%x: tensor<2x9x9x4xf32>) -> tensor<2x4x4x8xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<2x9x9x4xf32>) -> tensor<2x4x4x8xf32> {
    %k = hlo.constant dense<"0x000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C040000000000000803F0000004000004040000080400000A0400000C04000000000"> : tensor<3x3x4x8xf32>
    %c = hlo.convolution(%a, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<2x9x9x4xf32>, tensor<3x3x4x8xf32>) -> tensor<2x4x4x8xf32>
    hlo.return %c : tensor<2x4x4x8xf32>
  }
  return %0 : tensor<2x4x4x8xf32>
}

// -----

// A 1x1 stride-2 convolution on a small image: its 3x3 = 9 positions as
// columns would leave 7 of 16 lanes idle, so with a constant kernel the 8
// output features are the columns (masked loads would read the patches
// otherwise), their panel [1][4][8] packed while compiling: k over i, n
// over o, w[o][i] = 4 o + i + 1.
// CHECK: memref.global "private" constant @[[PANELS:.*]] : memref<32xf32> = dense<[1.000000e+00, 5.000000e+00, 9.000000e+00, 1.300000e+01, 1.700000e+01, 2.100000e+01, 2.500000e+01, 2.900000e+01, 2.000000e+00,
// CHECK: func.func private @kernel_0(
// CHECK: memref.get_global @[[PANELS]] : memref<32xf32>
func.func @main(%x: tensor<1x4x6x6xf32>) -> tensor<1x8x3x3xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<1x4x6x6xf32>) -> tensor<1x8x3x3xf32> {
    %k = hlo.constant dense<[[[[1.0]], [[2.0]], [[3.0]], [[4.0]]], [[[5.0]], [[6.0]], [[7.0]], [[8.0]]], [[[9.0]], [[10.0]], [[11.0]], [[12.0]]], [[[13.0]], [[14.0]], [[15.0]], [[16.0]]], [[[17.0]], [[18.0]], [[19.0]], [[20.0]]], [[[21.0]], [[22.0]], [[23.0]], [[24.0]]], [[[25.0]], [[26.0]], [[27.0]], [[28.0]]], [[[29.0]], [[30.0]], [[31.0]], [[32.0]]]]> : tensor<8x4x1x1xf32>
    %c = hlo.convolution(%a, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x6x6xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x3x3xf32>
    hlo.return %c : tensor<1x8x3x3xf32>
  }
  return %0 : tensor<1x8x3x3xf32>
}

// -----

// The same with the kernel an argument, HWIO: its features' weights are no
// runs along k (OIHW's are packed by squares, outline-kernels-conv.mlir),
// and gathering them for every call would cost more than the idle lanes,
// so the features stay the rows, the kernel read in place, the patches
// under masks.
// CHECK-NOT: memref.global
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x4x6x6xf32> {llvm.noalias}, %[[K:.*]]: memref<1x1x4x8xf32> {llvm.noalias}
// CHECK: vector.maskedload
func.func @main(%x: tensor<1x4x6x6xf32>, %k: tensor<1x1x4x8xf32>) -> tensor<1x8x3x3xf32> {
  %0 = hlo.fusion output (%a = %x, %kk = %k) : (tensor<1x4x6x6xf32>, tensor<1x1x4x8xf32>) -> tensor<1x8x3x3xf32> {
    %c = hlo.convolution(%a, %kk) dim_numbers = [b, f, 0, 1]x[0, 1, i, o]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x6x6xf32>, tensor<1x1x4x8xf32>) -> tensor<1x8x3x3xf32>
    hlo.return %c : tensor<1x8x3x3xf32>
  }
  return %0 : tensor<1x8x3x3xf32>
}
