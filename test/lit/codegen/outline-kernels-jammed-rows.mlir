// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels=vector-bits=256 --canonicalize --cse | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels=vector-bits=256 --canonicalize --cse | FileCheck %s --check-prefix=FMAS

// An NHWC depthwise convolution: neighbouring positions along a line read
// overlapping windows and the whole kernel, so the loop kernel computes
// them four at a time (two at stride 2, below). Where the four from the next row lie along one
// line, inside the task's rows, and every window lies inside the input,
// one walk of the features computes the four sums, each in the
// interpreter's order: the 9 weights and 3 x 6 input elements loaded once
// for all of them (27 loads where four positions one at a time make 72),
// every store after the sums, and the rows go on by four. Otherwise the
// next row goes alone, its loop split on its window as before, and the
// rows go on by one, so that the groups after an image's left edge start
// past it.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x6x8x8xf32> {llvm.noalias}, %[[K:.*]]: memref<3x3x1x8xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x6x8x8xf32> {llvm.noalias}
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C48:.*]] = arith.constant 48 : index
// CHECK: scf.while (%[[ROW:.*]] = %{{.*}}) : (index) -> index {
// CHECK-NEXT: %[[MORE:.*]] = arith.cmpi ult, %[[ROW]], %[[C48]]
// CHECK-NEXT: scf.condition(%[[MORE]]) %[[ROW]]
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[FIRST:.*]]: index):
// CHECK: %[[W:.*]] = arith.remui %[[FIRST]], %[[C8]]
// CHECK: %[[NEXT:.*]] = arith.addi %[[FIRST]], %[[C4]]
// CHECK: %[[INSIDE_TASK:.*]] = arith.cmpi ule, %[[NEXT]], %[[C48]]
// CHECK: %[[PAST_LINE:.*]] = arith.addi %[[W]], %[[C4]]
// CHECK: %[[ON_LINE:.*]] = arith.cmpi ule, %[[PAST_LINE]], %[[C8]]
// CHECK: %[[TOGETHER:.*]] = arith.andi %[[INSIDE_TASK]], %[[ON_LINE]]
// CHECK: %[[ALL:.*]] = arith.andi %[[TOGETHER]],
// CHECK-COUNT-3: arith.andi
// CHECK-NEXT: %[[AFTER:.*]] = scf.if %{{.*}} -> (index) {
// CHECK-NEXT: scf.for %[[F:.*]] = %{{.*}} to %[[C8]] step
// CHECK-NOT: arith.select
// CHECK-COUNT-27: memref.load
// CHECK-NOT: memref.load
// CHECK: memref.store %{{.*}}, %[[Y]][%{{.*}}, %{{.*}}, %[[W]], %[[F]]]
// CHECK-NEXT: memref.store
// CHECK-NEXT: memref.store
// CHECK-NEXT: memref.store
// CHECK-NEXT: }
// CHECK-NEXT: scf.yield %[[NEXT]] : index
// CHECK-NEXT: } else {
// CHECK-NEXT: scf.if
// CHECK-COUNT-9: math.fma
// CHECK-NOT: math.fma
// CHECK: } else {
// CHECK-COUNT-9: arith.select
// CHECK: %[[ONE_ON:.*]] = arith.addi %[[FIRST]], %[[C1]]
// CHECK-NEXT: scf.yield %[[ONE_ON]] : index
// CHECK-NEXT: }
// CHECK-NEXT: scf.yield %[[AFTER]] : index
// FMAS-LABEL: func.func private @kernel_0(
// FMAS: scf.if
// FMAS-NEXT: scf.for
// FMAS-NOT: memref.store
// FMAS-COUNT-36: math.fma
// FMAS-NOT: math.fma
// FMAS: memref.store
// FMAS: } else {
func.func @main(%x: tensor<1x6x8x8xf32>, %k: tensor<3x3x1x8xf32>) -> tensor<1x6x8x8xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x6x8x8xf32>, tensor<3x3x1x8xf32>) -> tensor<1x6x8x8xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 8 : i64} : (tensor<1x6x8x8xf32>, tensor<3x3x1x8xf32>) -> tensor<1x6x8x8xf32>
    hlo.return %c : tensor<1x6x8x8xf32>
  }
  return %0 : tensor<1x6x8x8xf32>
}

// -----

// Rows of 72 features at 256 bits: the four positions walk them in strips
// of four vectors (32 features), so that LLVM's interleaving of a long
// loop does not multiply their four sums into spills, and the 8 after the
// last, each strip a loop of constant bounds.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK-DAG: %[[C72:.*]] = arith.constant 72 : index
// CHECK: scf.while
// CHECK: scf.if
// CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %[[C32]] step
// CHECK-COUNT-36: math.fma
// CHECK-NOT: math.fma
// CHECK: scf.for %{{.*}} = %[[C32]] to %[[C64]] step
// CHECK-COUNT-36: math.fma
// CHECK-NOT: math.fma
// CHECK: scf.for %{{.*}} = %[[C64]] to %[[C72]] step
// CHECK-COUNT-36: math.fma
// CHECK-NOT: math.fma
// CHECK: } else {
func.func @main(%x: tensor<1x6x8x72xf32>, %k: tensor<3x3x1x72xf32>) -> tensor<1x6x8x72xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x6x8x72xf32>, tensor<3x3x1x72xf32>) -> tensor<1x6x8x72xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 72 : i64} : (tensor<1x6x8x72xf32>, tensor<3x3x1x72xf32>) -> tensor<1x6x8x72xf32>
    hlo.return %c : tensor<1x6x8x72xf32>
  }
  return %0 : tensor<1x6x8x72xf32>
}

// -----

// Windows no wider than their stride along the line (a 3x1 kernel) share
// nothing between neighbours but the kernel: a position at a time.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NOT: scf.while
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C1]] {
// CHECK-NOT: scf.while
// CHECK: return
func.func @main(%x: tensor<1x6x8x8xf32>, %k: tensor<3x1x1x8xf32>) -> tensor<1x6x8x8xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x6x8x8xf32>, tensor<3x1x1x8xf32>) -> tensor<1x6x8x8xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [0, 0]], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 8 : i64} : (tensor<1x6x8x8xf32>, tensor<3x1x1x8xf32>) -> tensor<1x6x8x8xf32>
    hlo.return %c : tensor<1x6x8x8xf32>
  }
  return %0 : tensor<1x6x8x8xf32>
}

// -----

// Rows of more than kMaxJammedStrips strips (1056 features, 33 strips at
// 256 bits): each strip would read its own lines of every tap's input row,
// where one position at a time streams along them: a position at a time.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NOT: scf.while
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C1]] {
// CHECK-NOT: scf.while
// CHECK: return
func.func @main(%x: tensor<1x6x8x1056xf32>, %k: tensor<3x3x1x1056xf32>) -> tensor<1x6x8x1056xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x6x8x1056xf32>, tensor<3x3x1x1056xf32>) -> tensor<1x6x8x1056xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1056 : i64} : (tensor<1x6x8x1056xf32>, tensor<3x3x1x1056xf32>) -> tensor<1x6x8x1056xf32>
    hlo.return %c : tensor<1x6x8x1056xf32>
  }
  return %0 : tensor<1x6x8x1056xf32>
}

// -----

// At stride 2 neighbours share one column of three: two positions go
// together (kJammedStridedRows), the 9 weights loaded once for both (27
// loads where one position at a time makes 36; the shared column's, its
// index built two ways, LLVM merges), every store after the sums, and the
// rows go on by two, or by one.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK: scf.while (%{{.*}} = %{{.*}}) : (index) -> index {
// CHECK: ^bb0(%[[FIRST:.*]]: index):
// CHECK: %[[NEXT:.*]] = arith.addi %[[FIRST]], %[[C2]] : index
// CHECK: scf.if %{{.*}} -> (index) {
// CHECK-NEXT: scf.for
// CHECK-COUNT-27: memref.load
// CHECK-NOT: memref.load
// CHECK: memref.store
// CHECK-NEXT: memref.store
// CHECK-NEXT: }
// CHECK-NEXT: scf.yield %[[NEXT]] : index
// CHECK: %[[ONE_ON:.*]] = arith.addi %[[FIRST]], %[[C1]]
// CHECK-NEXT: scf.yield %[[ONE_ON]] : index
// FMAS-LABEL: func.func private @kernel_0(%{{.*}}: memref<1x6x16x8xf32>
// FMAS: scf.if
// FMAS-NEXT: scf.for
// FMAS-NOT: memref.store
// FMAS-COUNT-18: math.fma
// FMAS-NOT: math.fma
// FMAS: memref.store
func.func @main(%x: tensor<1x6x16x8xf32>, %k: tensor<3x3x1x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x6x16x8xf32>, tensor<3x3x1x8xf32>) -> tensor<1x3x8x8xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 2], pad = [[1, 1], [1, 1]], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 8 : i64} : (tensor<1x6x16x8xf32>, tensor<3x3x1x8xf32>) -> tensor<1x3x8x8xf32>
    hlo.return %c : tensor<1x3x8x8xf32>
  }
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// Rows of several strips go together too, up to kMaxJammedStrips: at
// stride 2 two positions walk 136 features (five strips at 256 bits) in
// strips of 32.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x6x16x136xf32>
// CHECK: scf.while
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c1
// CHECK: scf.for %{{.*}} = %c32 to %c64 step %c1
// CHECK: scf.for %{{.*}} = %c64 to %c96 step %c1
// CHECK: scf.for %{{.*}} = %c96 to %c128 step %c1
// CHECK: scf.for %{{.*}} = %c128 to %c136 step %c1
func.func @main(%x: tensor<1x6x16x136xf32>, %k: tensor<3x3x1x136xf32>) -> tensor<1x3x8x136xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x6x16x136xf32>, tensor<3x3x1x136xf32>) -> tensor<1x3x8x136xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 2], pad = [[1, 1], [1, 1]], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 136 : i64} : (tensor<1x6x16x136xf32>, tensor<3x3x1x136xf32>) -> tensor<1x3x8x136xf32>
    hlo.return %c : tensor<1x3x8x136xf32>
  }
  return %0 : tensor<1x3x8x136xf32>
}

// -----

// Lines of fewer than four positions: a position at a time.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NOT: scf.while
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C1]] {
// CHECK-NOT: scf.while
// CHECK: return
func.func @main(%x: tensor<1x6x3x8xf32>, %k: tensor<3x3x1x8xf32>) -> tensor<1x6x3x8xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x6x3x8xf32>, tensor<3x3x1x8xf32>) -> tensor<1x6x3x8xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 8 : i64} : (tensor<1x6x3x8xf32>, tensor<3x3x1x8xf32>) -> tensor<1x6x3x8xf32>
    hlo.return %c : tensor<1x6x3x8xf32>
  }
  return %0 : tensor<1x6x3x8xf32>
}

// -----

// An NHWC max pool: neighbours share a column of their windows but no
// kernel, and four at a time was slower (KernelEmitterLoop.cpp): a
// position at a time.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NOT: scf.while
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C1]] {
// CHECK-NOT: scf.while
// CHECK: return
func.func @main(%x: tensor<1x12x12x8xf32>) -> tensor<1x6x6x8xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<1x12x12x8xf32>) -> tensor<1x6x6x8xf32> {
    %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
    %m = "hlo.reduce_window"(%a, %ninf) <{window_dimensions = array<i64: 1, 3, 3, 1>, window_strides = array<i64: 1, 2, 2, 1>, padding = dense<[[0, 0], [1, 1], [1, 1], [0, 0]]> : tensor<4x2xi64>}> ({
    ^bb0(%p: tensor<f32>, %q: tensor<f32>):
      %r = hlo.maximum %p, %q : tensor<f32>
      hlo.return %r : tensor<f32>
    }) : (tensor<1x12x12x8xf32>, tensor<f32>) -> tensor<1x6x6x8xf32>
    hlo.return %m : tensor<1x6x6x8xf32>
  }
  return %0 : tensor<1x6x6x8xf32>
}
