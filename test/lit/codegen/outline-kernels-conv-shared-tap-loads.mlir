// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=AVX2
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=512 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=AVX512

// A 3x3 convolution with stride 2 and padding 1 on a 14x14 image: features
// as columns on the unpadded input, leaving out the padding's products
// (outline-kernels-conv-skipped-taps.mlir). In a row of taps, taps 0 and 2
// read the same input elements at stride 2 (row i's tap 2 is row i + 1's
// tap 0). Loaded once and kept across tap 1, they would take 4 of AVX2's
// 16 registers beside 10 sums and 2 panel vectors, and tap 1's loads one
// more: LLVM would spill sums in the k loop (keepsSharedTapLoads). So each
// tap reads the input through its own opaque copy of the row's offset, and
// loads its elements itself. AVX-512's 32 registers keep them.
// AVX2-LABEL: func.func private @kernel_0(
// AVX2: scf.index_switch
// AVX2: %[[ROW:.*]] = arith.index_cast %{{.*}} : index to i64
// AVX2: llvm.inline_asm "# kiln: tap 0", "=r,0" %[[ROW]] : (i64) -> i64
// AVX2: llvm.inline_asm "# kiln: tap 1", "=r,0" %[[ROW]] : (i64) -> i64
// AVX2: llvm.inline_asm "# kiln: tap 2", "=r,0" %[[ROW]] : (i64) -> i64
// AVX2: return
// AVX512-LABEL: func.func private @kernel_0(
// AVX512-NOT: llvm.inline_asm
// AVX512: return
func.func @main(%x: tensor<1x4x14x14xf32>, %k: tensor<32x4x3x3xf32>) -> tensor<1x32x7x7xf32> {
  %0 = hlo.fusion output (%a = %x, %w = %k) : (tensor<1x4x14x14xf32>, tensor<32x4x3x3xf32>) -> tensor<1x32x7x7xf32> {
    %c = hlo.convolution(%a, %w) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x14x14xf32>, tensor<32x4x3x3xf32>) -> tensor<1x32x7x7xf32>
    hlo.return %c : tensor<1x32x7x7xf32>
  }
  return %0 : tensor<1x32x7x7xf32>
}

// -----

// At stride 1 the taps of a row share more elements, but each for less
// long: kept from one tap to the next, 4 of them with 10 sums and 2 panel
// vectors fill AVX2's 16 registers and no more. The loads stay shared.
// AVX2-LABEL: func.func private @kernel_0(
// AVX2: scf.index_switch
// AVX2-NOT: llvm.inline_asm
// AVX2: return
// AVX512-LABEL: func.func private @kernel_0(
// AVX512-NOT: llvm.inline_asm
// AVX512: return
func.func @main(%x: tensor<1x4x7x7xf32>, %k: tensor<32x4x3x3xf32>) -> tensor<1x32x7x7xf32> {
  %0 = hlo.fusion output (%a = %x, %w = %k) : (tensor<1x4x7x7xf32>, tensor<32x4x3x3xf32>) -> tensor<1x32x7x7xf32> {
    %c = hlo.convolution(%a, %w) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x7x7xf32>, tensor<32x4x3x3xf32>) -> tensor<1x32x7x7xf32>
    hlo.return %c : tensor<1x32x7x7xf32>
  }
  return %0 : tensor<1x32x7x7xf32>
}
