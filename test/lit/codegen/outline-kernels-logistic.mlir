// RUN: kiln-opt %s --kiln-wrap-unfused --kiln-outline-kernels --canonicalize --cse | FileCheck %s

// logistic(x) = n / (1 + e), e = exp(-|x|), n = e where x is negative and 1
// elsewhere (ScalarSemantics.cpp). Both selects test x's sign bit, on which
// x86 blends directly, rather than x >= 0, which takes a compare
// (x = -0 gives 1 / 2 either way; a NaN x, a NaN e).
// CHECK-LABEL: func.func private @kernel_0(
// CHECK:       %[[X:.*]] = memref.load
// CHECK:       %[[E:.*]] = math.exp %{{.*}} : f32
// CHECK:       %[[BITS:.*]] = arith.bitcast %[[X]] : f32 to i32
// CHECK:       %[[NEGATIVE:.*]] = arith.cmpi slt, %[[BITS]], %c0_i32 : i32
// CHECK:       arith.select %[[NEGATIVE]], %[[E]], %{{.*}} : f32
// CHECK:       %[[Q:.*]] = arith.divf
// CHECK:       arith.select %[[NEGATIVE]], %{{.*}}, %[[Q]] : f32
// CHECK-NOT:   arith.cmpf
// CHECK:       return
func.func @main(%x: tensor<64xf32>) -> tensor<64xf32> {
  %0 = hlo.logistic %x : tensor<64xf32>
  return %0 : tensor<64xf32>
}
