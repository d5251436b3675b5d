// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" --canonicalize --cse | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=512 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=WIDE

// Two feature groups (hlo::isGroupedMatrixConvolution) of 4 input and 3
// output features, on two images: an implicit GEMM per image and group,
// batch = image * 2 + group (4 in all), its rows the group's 3 output
// features and its k the group's 4 input features' 3x3 taps (36). The
// patch rows start at image * 288 (8 features of 6x6) plus group * 144
// (the group's first input feature) plus the tap's offset; the
// micro-kernel reads the kernel's rows from (group * 3 + row) * 36: group
// * 108; the epilogue stores to feature group * 3 + row of the image.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<2x8x6x6xf32> {llvm.noalias}, %[[K:.*]]: memref<6x4x3x3xf32> {llvm.noalias}, %[[Y:.*]]: memref<2x6x4x4xf32> {llvm.noalias}
// CHECK-DAG: %[[C288:.*]] = arith.constant 288 : index
// CHECK-DAG: %[[C144:.*]] = arith.constant 144 : index
// CHECK-DAG: %[[C108:.*]] = arith.constant 108 : index
// CHECK-DAG: %[[P:.*]] = memref.alloca() {alignment = 64 : i64} : memref<2x36x16xf32>
// CHECK-DAG: %[[IN:.*]] = memref.collapse_shape %[[X]]
// CHECK-DAG: %[[W:.*]] = memref.collapse_shape %[[K]]
// CHECK: scf.for %[[B:.*]] = %c0 to %c4 step %c1 {
// CHECK: scf.for %{{.*}} = %c0 to %c36 step %c1 {
// CHECK-DAG: %[[G:.*]] = arith.remui %[[B]], %c2 : index
// CHECK-DAG: %[[I:.*]] = arith.divui %[[B]], %c2 : index
// CHECK-DAG: %[[IMAGE:.*]] = arith.muli %[[I]], %[[C288]] : index
// CHECK: %[[AT:.*]] = arith.addi %[[IMAGE]], %{{.*}} : index
// CHECK: %[[GROUP:.*]] = arith.muli %[[G]], %[[C144]] : index
// CHECK: %[[ORIGIN:.*]] = arith.addi %[[AT]], %[[GROUP]] : index
// CHECK: vector.load %[[IN]][%[[ORIGIN]]]
// CHECK: %[[G2:.*]] = arith.remui %[[B]], %c2 : index
// CHECK: %[[ROWS:.*]] = arith.muli %[[G2]], %[[C108]] : index
// CHECK: scf.for {{.*}} iter_args
// CHECK: %[[R0:.*]] = arith.addi %[[ROWS]], %{{.*}} : index
// CHECK: memref.load %[[W]][%[[R0]]] : memref<216xf32>
// CHECK: math.fma
// The epilogue, over the 3 rows: feature group * 3 + row of image b / 2.
// CHECK: scf.for %{{.*}} = %c0 to %c3 step %c1 {
// CHECK: %[[G3:.*]] = arith.remui %[[B]], %c2 : index
// CHECK: %[[I3:.*]] = arith.divui %[[B]], %c2 : index
// CHECK: %[[F0:.*]] = arith.muli %[[G3]], %c3 : index
// CHECK: %[[F:.*]] = arith.addi %[[F0]], %{{.*}} : index
// CHECK: memref.store %{{.*}}, %[[Y]][%[[I3]], %[[F]], %{{.*}}, %{{.*}}] : memref<2x6x4x4xf32>
func.func @main(%x: tensor<2x8x6x6xf32>, %k: tensor<6x4x3x3xf32>) -> tensor<2x6x4x4xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<2x8x6x6xf32>, tensor<6x4x3x3xf32>) -> tensor<2x6x4x4xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<2x8x6x6xf32>, tensor<6x4x3x3xf32>) -> tensor<2x6x4x4xf32>
    hlo.return %c : tensor<2x6x4x4xf32>
  }
  return %0 : tensor<2x6x4x4xf32>
}

// -----

// Fewer than 4 input features a group (hlo::
// kMinGroupedConvolutionFeatures; 2 groups of 2 -> 4 features) stay an
// elemental loop, no tiled micro-kernel.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0
// CHECK-NOT: vector.broadcast
// CHECK-NOT: memref.alloca
// CHECK: return
func.func @main(%x: tensor<1x4x6x6xf32>, %k: tensor<8x2x3x3xf32>) -> tensor<1x8x4x4xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x4x6x6xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x4x4xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x4x6x6xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x4x4xf32>
    hlo.return %c : tensor<1x8x4x4xf32>
  }
  return %0 : tensor<1x8x4x4xf32>
}

// -----

// Padded, with 8 output features a group, the groups read the unpadded
// input under masks (hlo::isMaskedPatchConvolution): batch = group on one
// image, each patch
// row from the group's first input feature (group * 144) plus the tap's
// offset, less the padding's row and column (7).
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x8x6x6xf32> {llvm.noalias}
// CHECK-DAG: %[[C144:.*]] = arith.constant 144 : index
// CHECK-DAG: %[[C7:.*]] = arith.constant 7 : index
// CHECK-DAG: %[[IN:.*]] = memref.collapse_shape %[[X]]
// CHECK: scf.for %[[B:.*]] = %c0 to %c2 step %c1 {
// CHECK: %[[G:.*]] = arith.remui %[[B]], %c2 : index
// CHECK: %[[GROUP:.*]] = arith.muli %[[G]], %[[C144]] : index
// CHECK: %[[AT:.*]] = arith.addi %{{.*}}, %[[GROUP]] : index
// CHECK: %[[ORIGIN:.*]] = arith.subi %[[AT]], %[[C7]] : index
// CHECK: %[[V:.*]] = arith.addi %[[ORIGIN]], %{{.*}} : index
// CHECK: vector.maskedload %[[IN]][%[[V]]]
func.func @main(%x: tensor<1x8x6x6xf32>, %k: tensor<16x4x3x3xf32>) -> tensor<1x16x6x6xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x8x6x6xf32>, tensor<16x4x3x3xf32>) -> tensor<1x16x6x6xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x8x6x6xf32>, tensor<16x4x3x3xf32>) -> tensor<1x16x6x6xf32>
    hlo.return %c : tensor<1x16x6x6xf32>
  }
  return %0 : tensor<1x16x6x6xf32>
}

// -----

// Channels last (ContractionShape::groups): each group's 3 output features
// are columns over its 16 positions, two images of two groups, batch =
// image * 2 + group. A row's lhs reads the input in place from image *
// 288 (6x6 positions of 8 features) plus group * 4 (the group's first
// input feature); the weights are packed from kernel feature group * 3 +
// column, into panels of one vector (the group's features fit one), in a
// cache slot per group (group * 288: 36 k of 8 columns) that the first
// image's batches fill; the bias is read at the group's features and
// each row's sums stored at ((image * 16 + row) * 2 + group) * 3, where a
// position's row holds both groups' columns.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<2x6x6x8xf32> {llvm.noalias}, %[[K:.*]]: memref<3x3x4x6xf32> {llvm.noalias}, %[[BIAS:.*]]: memref<6xf32> {llvm.noalias}, %[[Y:.*]]: memref<2x4x4x6xf32> {llvm.noalias}
// CHECK-DAG: %[[C288:.*]] = arith.constant 288 : index
// CHECK-DAG: memref.alloca() {alignment = 64 : i64} : memref<1x36x8xf32>
// CHECK-DAG: %[[IN:.*]] = memref.collapse_shape %[[X]]
// CHECK-DAG: %[[OUT:.*]] = memref.collapse_shape %[[Y]]
// CHECK: scf.for %[[B:.*]] = %c0 to %c4 step %c1 {
// CHECK: %[[G:.*]] = arith.remui %[[B]], %c2 : index
// CHECK: %[[SLOT:.*]] = arith.muli %[[G]], %[[C288]] : index
// CHECK: scf.for %{{.*}} = %c0 to %c36 step %c1 {
// CHECK: scf.for %[[N:.*]] = %c0 to %c3 step %c1 {
// CHECK: %[[GF:.*]] = arith.muli %[[G]], %c3 : index
// CHECK: %[[F:.*]] = arith.addi %[[GF]], %[[N]] : index
// CHECK: memref.load %[[K]][%{{.*}}, %{{.*}}, %{{.*}}, %[[F]]] : memref<3x3x4x6xf32>
// CHECK: %[[FIRST:.*]] = arith.cmpi ult, %[[B]], %c2 : index
// CHECK: arith.andi %{{.*}}, %[[FIRST]] : i1
// CHECK: arith.addi %[[SLOT]], %{{.*}} : index
// CHECK: %[[I:.*]] = arith.divui %[[B]], %c2 : index
// CHECK: %[[IMAGE:.*]] = arith.muli %[[I]], %[[C288]] : index
// CHECK: %[[GROUP:.*]] = arith.muli %[[G]], %c4 : index
// CHECK: arith.addi %[[IMAGE]], %[[GROUP]] : index
// CHECK: scf.for {{.*}} iter_args
// CHECK: memref.load %[[IN]]
// CHECK: math.fma
// CHECK: scf.yield
// CHECK: %[[ROW:.*]] = arith.addi %{{.*}}, %{{.*}} : index
// CHECK: %[[ROWS:.*]] = arith.muli %[[ROW]], %c2 : index
// CHECK: %[[ROWG:.*]] = arith.addi %[[ROWS]], %[[G]] : index
// CHECK: %[[AT:.*]] = arith.muli %[[ROWG]], %c3 : index
// CHECK: %[[BF:.*]] = arith.muli %[[G]], %c3 : index
// CHECK: vector.maskedload %[[BIAS]][%[[BF]]]
// CHECK: vector.maskedstore %[[OUT]][%[[AT]]]
// At 512 bits, where 3 features would leave 13 of 16 lanes idle, the
// micro-kernels take 256-bit vectors, 8 rows of one (32 registers).
// WIDE-LABEL: func.func private @kernel_0(%{{.*}}: memref<2x6x6x8xf32>
// WIDE: memref.alloca() {alignment = 64 : i64} : memref<1x36x8xf32>
// WIDE: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// WIDE-NOT: vector<16xf32>
// WIDE: return
func.func @main(%x: tensor<2x6x6x8xf32>, %k: tensor<3x3x4x6xf32>, %bias: tensor<6xf32>) -> tensor<2x4x4x6xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %bias) : (tensor<2x6x6x8xf32>, tensor<3x3x4x6xf32>, tensor<6xf32>) -> tensor<2x4x4x6xf32> {
    %y = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<2x6x6x8xf32>, tensor<3x3x4x6xf32>) -> tensor<2x4x4x6xf32>
    %bb = hlo.broadcast_in_dim %c, dims = [3] : (tensor<6xf32>) -> tensor<2x4x4x6xf32>
    %s = hlo.add %y, %bb : tensor<2x4x4x6xf32>
    hlo.return %s : tensor<2x4x4x6xf32>
  }
  return %0 : tensor<2x4x4x6xf32>
}
