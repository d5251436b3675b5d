// RUN: kiln-opt %s --kiln-outline-kernels="vector-bits=512 l1-bytes=32768" --canonicalize --cse | FileCheck %s
// RUN: kiln-opt %s --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=AVX2

// A padded 3x3 convolution channels last (NHWC, HWIO weights;
// hlo::isMaskedTapConvolution): its output positions are the rows, read
// from the unpadded input (5x5x16, 400 floats), and k runs over the 9
// taps, each tap's 16 input features innermost
// (ContractionShape::featuresPerTap). Micro-kernels of 5 rows, one output
// row each. A constant table holds per run (5) and tap (9) the index of
// its rows' mask: 0 none (the top row's taps above it, the bottom row's
// below), 1 all but the first (kw = 0), 2 all, 3 all but the last
// (kw = 2). The micro-kernel goes over the slice's taps, each with the
// rows of its mask: 4 rows of 2 vectors, 8 FMAs a step, 5 rows 10, and
// none nothing. Channels last, k steps along the rows' lines, which the
// micro-kernels do not fetch ahead (as they fetch channel planes).
// CHECK: memref.global "private" constant @[[MASKS:.*]] : memref<45xi32> = dense<[0, 0, 0, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 0, 0, 0]>
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-SAME: %[[X:[^:]*]]: memref<1x5x5x16xf32>
// CHECK: %[[TABLE:.*]] = memref.get_global @[[MASKS]]
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[X]]
// CHECK: %{{.*}}:10 = scf.for %[[TAP:.*]] = %c0 to %c9 step %c1
// CHECK: %[[AT:.*]] = arith.addi %{{.*}}, %[[TAP]] : index
// CHECK: %[[MASK:.*]] = memref.load %[[TABLE]][%[[AT]]] : memref<45xi32>
// CHECK: %[[CASE:.*]] = arith.index_cast %[[MASK]]
// CHECK: scf.index_switch %[[CASE]]
// CHECK-NEXT: case 1 {
// CHECK-NEXT: %{{.*}}:8 = scf.for
// CHECK-COUNT-8: math.fma {{.*}} : vector<16xf32>
// CHECK-NOT: math.fma
// CHECK: case 2 {
// CHECK-NEXT: %{{.*}}:10 = scf.for
// CHECK-COUNT-10: math.fma {{.*}} : vector<16xf32>
// CHECK-NOT: math.fma
// CHECK: case 3 {
// CHECK-NEXT: %{{.*}}:8 = scf.for
// CHECK-COUNT-8: math.fma {{.*}} : vector<16xf32>
// CHECK-NOT: math.fma
// CHECK: default {
// CHECK-NEXT: scf.yield
// CHECK-NOT: math.fma
// CHECK-NOT: memref.prefetch
// CHECK: vector.store
// The same masks at 256 bits, the runs 5 rows of 1 vector per panel.
// AVX2: memref.global "private" constant @[[MASKS:.*]] : memref<45xi32> = dense<[0, 0, 0, 1, 2, 3,
// AVX2-LABEL: func.func private @kernel_0(
// AVX2: scf.for %{{.*}} = %c0 to %c9 step %c1
// AVX2: scf.index_switch
// AVX2-NEXT: case 1 {
// AVX2-NEXT: %{{.*}}:8 = scf.for
// AVX2-COUNT-8: math.fma {{.*}} : vector<8xf32>
// AVX2-NOT: math.fma
// AVX2: case 2 {
func.func @main(%x: tensor<1x5x5x16xf32>, %k: tensor<3x3x16x32xf32>) -> tensor<1x5x5x32xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x5x5x16xf32>, tensor<3x3x16x32xf32>) -> tensor<1x5x5x32xf32> {
    %1 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x5x5x16xf32>, tensor<3x3x16x32xf32>) -> tensor<1x5x5x32xf32>
    hlo.return %1 : tensor<1x5x5x32xf32>
  }
  return %0 : tensor<1x5x5x32xf32>
}
