// RUN: kiln-opt %s --kiln-wrap-unfused --kiln-outline-kernels --canonicalize --cse | FileCheck %s

// Kernels on element types beyond f32, i32, i64 and i1. Unsigned integers
// live in signless buffers and pick unsigned arith ops; f16 and bf16
// compute in f32 and round once, bf16 by integer code rather than an
// fptrunc (which LLVM lowers to a libgcc call Debian 12 lacks); a float to
// unsigned conversion saturates to [0, 2^8 - 1].

func.func @main(%u: tensor<8xui32>, %v: tensor<8xui32>, %b: tensor<8xbf16>,
                %h: tensor<8xf16>, %d: tensor<8xf64>)
    -> (tensor<8xui32>, tensor<8xbf16>, tensor<8xf16>, tensor<8xui8>) {
  %0 = hlo.divide %u, %v : tensor<8xui32>
  %1 = hlo.add %b, %b : tensor<8xbf16>
  %2 = hlo.multiply %h, %h : tensor<8xf16>
  %3 = hlo.convert %d : (tensor<8xf64>) -> tensor<8xui8>
  return %0, %1, %2, %3 : tensor<8xui32>, tensor<8xbf16>, tensor<8xf16>, tensor<8xui8>
}

// CHECK-LABEL: func.func @main(
// CHECK-SAME: memref<8xi32>, %{{.*}}: memref<8xi32>, %{{.*}}: memref<8xbf16>, %{{.*}}: memref<8xf16>, %{{.*}}: memref<8xf64>, %{{.*}}: memref<8xi32>, %{{.*}}: memref<8xbf16>, %{{.*}}: memref<8xf16>, %{{.*}}: memref<8xi8>

// ui32 divide: x / 0 is all ones, else divui.
// CHECK: func.func private @kernel_0(
// CHECK: %[[V:.*]] = memref.load %arg1
// CHECK: %[[ZERO:.*]] = arith.cmpi eq, %[[V]], %c0_i32 : i32
// CHECK: %[[SAFE:.*]] = arith.select %[[ZERO]], %c1_i32, %[[V]] : i32
// CHECK: %[[Q:.*]] = arith.divui %{{.*}}, %[[SAFE]] : i32
// CHECK: arith.select %[[ZERO]], %c-1_i32, %[[Q]] : i32

// bf16 add: in f32, then rounded to nearest even on the bits.
// CHECK: func.func private @kernel_1(
// CHECK: %[[E:.*]] = arith.extf %{{.*}} : bf16 to f32
// CHECK: %[[S:.*]] = arith.addf %[[E]], %[[E]] : f32
// CHECK: %[[BITS:.*]] = arith.bitcast %[[S]] : f32 to i32
// CHECK: %[[HIGH:.*]] = arith.shrui %[[BITS]], %c16_i32
// CHECK: %[[ODD:.*]] = arith.andi %[[HIGH]], %c1_i32
// CHECK: %[[BIAS:.*]] = arith.addi %[[ODD]], %c32767_i32
// CHECK: arith.addi %[[BITS]], %[[BIAS]]
// CHECK: arith.cmpf uno, %[[S]], %[[S]]
// CHECK: arith.trunci %{{.*}} : i32 to i16
// CHECK: arith.bitcast %{{.*}} : i16 to bf16
// CHECK-NOT: arith.truncf

// f16 multiply: in f32, one truncf.
// CHECK: func.func private @kernel_2(
// CHECK: %[[X:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK: %[[P:.*]] = arith.mulf %[[X]], %[[X]] : f32
// CHECK: arith.truncf %[[P]] : f32 to f16

// f64 -> ui8: clamped into [0, 255.99...], NaN -> 0, fptoui, 256 and above
// -> 255.
// CHECK: func.func private @kernel_3(
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.cmpf uno
// CHECK: arith.fptoui %{{.*}} : f64 to i8
// CHECK: arith.cmpf oge
// CHECK: arith.select %{{.*}}, %c-1_i8
