// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" | FileCheck %s --check-prefix=AVX2
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=512 l1-bytes=32768" | FileCheck %s --check-prefix=AVX512
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=49152" | FileCheck %s --check-prefix=AVX2-L1-48K
// RUN: not kiln-opt %s --split-input-file --kiln-outline-kernels=l1-bytes=-1 2>&1 | FileCheck %s --check-prefix=L1
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=128 l1-bytes=65536" | FileCheck %s --check-prefix=SSE-L1-64K

// L1: error: kiln-outline-kernels: l1-bytes must not be negative, not -1

// The tiled engine's slices of k: a panel slice fills half of L1 (32 KiB:
// 256 k of 16 columns, 128 of 32), but a last slice of less than a quarter
// of that is shared out among the slices before it. K = 276: at 256 bits
// one slice of 276 instead of 256 + 20; at 512 bits two of 138 instead of
// 128 + 128 + 20.
// AVX2-LABEL: func.func @main
// AVX2: memref.alloca() {alignment = 64 : i64} : memref<3x276x16xf32>
// AVX512-LABEL: func.func @main
// AVX512: memref.alloca() {alignment = 64 : i64} : memref<2x138x32xf32>
func.func @main(%x: tensor<16x276xf32>, %w: tensor<276x40xf32>) -> tensor<16x40xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<16x276xf32>, tensor<276x40xf32>) -> tensor<16x40xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<16x276xf32>, tensor<276x40xf32>) -> tensor<16x40xf32>
    hlo.return %d : tensor<16x40xf32>
  }
  return %0 : tensor<16x40xf32>
}

// -----

// K = 320: the last slice is a quarter of 256 at 256 bits (64), and half of
// 128 at 512 bits (64): the slices stay as L1 sizes them.
// AVX2-LABEL: func.func @main
// AVX2: memref.alloca() {alignment = 64 : i64} : memref<3x256x16xf32>
// AVX512-LABEL: func.func @main
// AVX512: memref.alloca() {alignment = 64 : i64} : memref<2x128x32xf32>
func.func @main(%x: tensor<16x320xf32>, %w: tensor<320x40xf32>) -> tensor<16x40xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<16x320xf32>, tensor<320x40xf32>) -> tensor<16x40xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<16x320xf32>, tensor<320x40xf32>) -> tensor<16x40xf32>
    hlo.return %d : tensor<16x40xf32>
  }
  return %0 : tensor<16x40xf32>
}

// -----

// A tile's packed slice takes at most 2/3 of the 192 KiB of stack, so that
// rows fit beside it: half of a 48 KiB L1 holds 384 k of 16 columns, but a
// tile of 128 columns (8 panels) takes slices of 256 k (128 KiB), 3 for K =
// 768, and 4 row tiles of 24 rows (384 k had left room for 6); with 32 KiB
// of L1, L1 sizes them 256.
// AVX2-L1-48K-LABEL: func.func private @kernel_0(%{{.*}}: memref<64x768xf32>
// AVX2-L1-48K: memref.alloca() {alignment = 64 : i64} : memref<24x128xf32>
// AVX2-L1-48K: memref.alloca() {alignment = 64 : i64} : memref<8x256x16xf32>
// AVX2-LABEL: func.func private @kernel_0(%{{.*}}: memref<64x768xf32>
// AVX2: memref.alloca() {alignment = 64 : i64} : memref<8x256x16xf32>
func.func @main(%x: tensor<64x768xf32>, %w: tensor<768x128xf32>) -> tensor<64x128xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<64x768xf32>, tensor<768x128xf32>) -> tensor<64x128xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<64x768xf32>, tensor<768x128xf32>) -> tensor<64x128xf32>
    hlo.return %d : tensor<64x128xf32>
  }
  return %0 : tensor<64x128xf32>
}

// -----

// At 128 bits a panel of 8 columns takes 32 bytes per k, and half of a
// 64 KiB L1 would hold over 600 k of it: slices stop at kMaxSliceK (512),
// so the 600 k take two, panels [1][512][8], the second slice 88 long.
// SSE-L1-64K-LABEL: func.func @main
// SSE-L1-64K: func.func private @kernel_0(%{{.*}}: memref<4x600xf32>
// SSE-L1-64K: memref.alloca() {alignment = 64 : i64} : memref<1x512x8xf32>
// SSE-L1-64K: scf.for %{{.*}} = %{{.*}} to %c600 step %c512
func.func @main(%x: tensor<4x600xf32>, %w: tensor<600x8xf32>) -> tensor<4x8xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<4x600xf32>, tensor<600x8xf32>) -> tensor<4x8xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<4x600xf32>, tensor<600x8xf32>) -> tensor<4x8xf32>
    hlo.return %d : tensor<4x8xf32>
  }
  return %0 : tensor<4x8xf32>
}
