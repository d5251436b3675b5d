// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=512 l1-bytes=32768" --canonicalize --cse | FileCheck %s

// A 1x1 stride-2 convolution (ResNet's downsample) on 28x28 with rows of
// features: its patches are read by segments of output rows under masks.
// Each vector of 16 positions starts at a multiple of 16, an even position
// of a row of 14, so it meets two output rows, never three: two segments
// per vector (start and output row tables, and per segment two masks, one
// per load of the stride-2 pair).
// With one tap, a vector's starts and masks are the same for every k, so
// each vector of a panel is packed down the slice's 4 k (rhsVectorAlongK).
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-DAG: %[[PANELS:.*]] = memref.alloca() {alignment = 64 : i64} : memref<4x4x32xf32>
// CHECK-DAG: memref.alloca() : memref<8x2xindex>
// CHECK-DAG: memref.alloca() : memref<1x8x2x2xvector<16xi1>>
// CHECK-NOT: memref<8x3xindex>
// CHECK: scf.for %[[P:[^ ]*]] = %c0 to %{{[0-9]+}} step %c1 {
// CHECK-NEXT: arith.muli
// CHECK-NEXT: scf.for %[[K:[^ ]*]] = %c0 to %c4 step %c1 {
// CHECK-COUNT-4: vector.maskedload
// CHECK: vector.store %{{.*}}, %[[PANELS]][%[[P]], %[[K]], %c0] : memref<4x4x32xf32>, vector<16xf32>
// CHECK-NEXT: }
// CHECK: scf.for %[[K2:[^ ]*]] = %c0 to %c4 step %c1 {
// CHECK-COUNT-4: vector.maskedload
// CHECK: vector.store %{{.*}}, %[[PANELS]][%[[P]], %[[K2]], %c16] : memref<4x4x32xf32>, vector<16xf32>
// CHECK: return
func.func @main(%x: tensor<1x4x28x28xf32>, %k: tensor<8x4x1x1xf32>) -> tensor<1x8x14x14xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x4x28x28xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x14x14xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x28x28xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x14x14xf32>
    hlo.return %c : tensor<1x8x14x14xf32>
  }
  return %0 : tensor<1x8x14x14xf32>
}

// -----

// 3x3 taps: the masks change with the tap, so k (36: 4 features x 9
// taps) is outermost and each k packs every vector of the tile.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-DAG: %[[PANELS:.*]] = memref.alloca() {alignment = 64 : i64} : memref<4x36x32xf32>
// CHECK-DAG: memref.alloca() : memref<3x8x2x2xvector<16xi1>>
// CHECK: scf.for %[[K:[^ ]*]] = %c0 to %c36 step %c1 {
// CHECK-NEXT: scf.for %[[P:[^ ]*]] = %c0 to %{{[0-9]+}} step %c1 {
// CHECK-COUNT-4: vector.maskedload
// CHECK: vector.store %{{.*}}, %[[PANELS]][%[[P]], %[[K]], %c0] : memref<4x36x32xf32>, vector<16xf32>
// CHECK-COUNT-4: vector.maskedload
// CHECK: vector.store %{{.*}}, %[[PANELS]][%[[P]], %[[K]], %c16] : memref<4x36x32xf32>, vector<16xf32>
// CHECK: return
func.func @main(%x: tensor<1x4x28x28xf32>, %k: tensor<8x4x3x3xf32>) -> tensor<1x8x14x14xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x4x28x28xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x14x14xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x28x28xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x14x14xf32>
    hlo.return %c : tensor<1x8x14x14xf32>
  }
  return %0 : tensor<1x8x14x14xf32>
}
