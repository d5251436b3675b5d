// RUN: kiln-opt %s --kiln-pad-windows --kiln-wrap-unfused --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" | FileCheck %s

// ResNet's stem in small: 7x7 stride 2 on 3 input features, 16 output
// features. Its patches (147 x 256 elements) are many more than what its
// features as columns move (hlo::isMaskedPatchConvolution), so the input
// is padded by a kernel of its own, and the convolution reads it in place
// as the rows' lhs: the 16 features are the columns, the weights packed
// into one panel of 147 k x 16 (weights = an argument, packed per call:
// squares of 8 k x 8 features up to k = 144, the last 3 k by loads masked
// at the slice's end; the input itself is read unmasked), and the
// micro-kernels' sums go to the NCHW output transposed, 8 positions of a
// feature at a time, with no block between.
// CHECK-LABEL: func.func @main
// CHECK: call @kiln_launch_0(%arg0, %[[PADDED:.*]], %{{.*}}) : (memref<1x3x32x32xf32>, memref<1x3x38x38xf32>, memref<1xi8>) -> ()
// CHECK: call @kiln_launch_1(%[[PADDED]], %arg1, %arg2,
// CHECK: kiln.kernel_name = "loop: pad"
// CHECK: func.func private @kernel_1(%{{.*}}: memref<1x3x38x38xf32> {llvm.noalias}, %{{.*}}: memref<16x3x7x7xf32> {llvm.noalias}, %{{.*}}: memref<1x16x16x16xf32> {llvm.noalias}
// CHECK-NOT: memref<16x134xf32>
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<1x147x16xf32>
// CHECK-NOT: memref.alloca() : memref<{{[0-9]+}}xindex>
// CHECK: memref.alloca() : memref<147xindex>
// CHECK-NOT: vector.maskedload {{.*}} : memref<4332xf32>
// CHECK: vector.store %{{.*}} : memref<4096xf32>, vector<8xf32>
func.func @main(%x: tensor<1x3x32x32xf32>, %k: tensor<16x3x7x7xf32>) -> tensor<1x16x16x16xf32> {
  %0 = hlo.convolution(%x, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[3, 3], [3, 3]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x32x32xf32>, tensor<16x3x7x7xf32>) -> tensor<1x16x16x16xf32>
  return %0 : tensor<1x16x16x16xf32>
}
