// RUN: kiln-opt %s --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=AVX2
// RUN: kiln-opt %s --kiln-outline-kernels="vector-bits=512 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=AVX512

// How the per-tile mask tables of the patch readers keep their masks
// (MaskStorage in TiledConvolutionPatches.cpp). With AVX-512 a vector of
// i1 is a mask register: the table holds the masks as they are. Without
// it, LLVM would expand each stored bit into a lane at every load, so the
// table holds 32-bit lanes (sign-extended), turned back into i1 by a
// compare that the masked load folds away.
// AVX2: %[[TABLE:.*]] = memref.alloca() : memref<9x16xvector<8xi32>>
// AVX2: %[[WIDE:.*]] = arith.extsi %{{.*}} : vector<8xi1> to vector<8xi32>
// AVX2: memref.store %[[WIDE]], %[[TABLE]]
// AVX2: %[[STORED:.*]] = memref.load %[[TABLE]]
// AVX2: %[[MASK:.*]] = arith.cmpi slt, %[[STORED]], %{{.*}} : vector<8xi32>
// AVX2: vector.maskedload %{{.*}}[%{{.*}}], %[[MASK]], %{{.*}} : memref<288xf32>, vector<8xi1>, vector<8xf32>
// AVX512: %[[TABLE:.*]] = memref.alloca() : memref<9x8xvector<16xi1>>
// AVX512-NOT: arith.extsi
// AVX512: memref.store %{{.*}}, %[[TABLE]]{{.*}} : memref<9x8xvector<16xi1>>
// AVX512: %[[MASK:.*]] = memref.load %[[TABLE]]
// AVX512-NOT: arith.cmpi slt
// AVX512: vector.maskedload %{{.*}}[%{{.*}}], %[[MASK]], %{{.*}} : memref<288xf32>, vector<16xi1>, vector<16xf32>
func.func @main(%x: tensor<1x3x8x12xf32>, %k: tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32>
    hlo.return %c : tensor<1x4x8x12xf32>
  }
  return %0 : tensor<1x4x8x12xf32>
}
