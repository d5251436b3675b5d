// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=128 l1-bytes=32768" | FileCheck %s

// A splat constant as a contraction's weights. As a dot's rhs, which the
// engine packs, it is packed per call from its scalar, as before: storing
// it in full, or its panels while compiling, would put every element in
// the object for a packing loop that writes one value.
// CHECK-NOT: memref.global
// CHECK: func.func private @kernel_0(
// CHECK: %[[PANELS:.*]] = memref.alloca() {alignment = 64 : i64} : memref<1x3x8xf32>
// CHECK: %[[SPLAT:.*]] = arith.constant 2.500000e+00 : f32
// CHECK: memref.store %[[SPLAT]], %[[PANELS]]
// CHECK: scf.for {{.*}} iter_args
// CHECK: math.fma
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<4x3xf32>) -> tensor<4x2xf32> {
    %w = hlo.constant dense<2.5> : tensor<2x3xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [1] : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
    hlo.return %d : tensor<4x2xf32>
  }
  return %0 : tensor<4x2xf32>
}

// -----

// As the lhs, which the micro-kernels read in place, it is stored in full
// (4 x 3 = 12 floats), and they broadcast its elements from that global.
// CHECK: memref.global "private" constant @[[SPLAT:.*]] : memref<12xf32> = dense<5.000000e-01>
// CHECK: func.func private @kernel_0(
// CHECK: %[[GLOBAL:.*]] = memref.get_global @[[SPLAT]] : memref<12xf32>
// CHECK: %[[LHS:.*]] = memref.expand_shape %[[GLOBAL]]
// CHECK: scf.for {{.*}} iter_args
// CHECK: memref.load %{{.*}}[%{{.*}}] : memref<12xf32>
// CHECK: vector.broadcast
// CHECK: math.fma
func.func @main(%x: tensor<3x2xf32>) -> tensor<4x2xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<3x2xf32>) -> tensor<4x2xf32> {
    %w = hlo.constant dense<0.5> : tensor<4x3xf32>
    %d = hlo.dot_general %w, %a, contracting_dims = [1] x [0] : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
    hlo.return %d : tensor<4x2xf32>
  }
  return %0 : tensor<4x2xf32>
}

// -----

// A convolution's splat kernel, its output features the rows: the kernel,
// the lhs, is stored in full (8 x 4 = 32 floats) and read in place, as any
// other constant kernel would be; the patches are read under masks. It
// took the elemental loop before.
// CHECK: memref.global "private" constant @[[SPLAT:.*]] : memref<32xf32> = dense<-2.000000e+00>
// CHECK: func.func private @kernel_0(
// CHECK: memref.get_global @[[SPLAT]] : memref<32xf32>
// CHECK: vector.maskedload
// CHECK: math.fma
func.func @main(%x: tensor<1x4x12x12xf32>) -> tensor<1x8x6x6xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<1x4x12x12xf32>) -> tensor<1x8x6x6xf32> {
    %k = hlo.constant dense<-2.0> : tensor<8x4x1x1xf32>
    %c = hlo.convolution(%a, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x12x12xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x6x6xf32>
    hlo.return %c : tensor<1x8x6x6xf32>
  }
  return %0 : tensor<1x8x6x6xf32>
}
