// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" --canonicalize --cse | FileCheck %s

// A depthwise 3x3 convolution on NCHW images, padded by 1 (kiln-pad-windows
// leaves its padding to the kernel): rows of 72 outputs are 9 vectors of 8.
// Groups of 4 consecutive output rows read 6 input rows; the last group of
// the 6 output rows starts at row 2 (min(4, 6 - 4)), recomputing rows 2-3.
// Tap rows outside the input read a row of zeros on the stack. Vectors 1-7
// read no column outside the input: 1-6 are summed two at a time in a loop,
// for the 4 output rows at once, without masks: per input row, each of the
// two vectors' 3 taps is loaded once for every output row that reads it (36
// loads for 72 FMAs). Vector 7 and the vectors at the ends, 0 and 8, are
// summed together after it; the ends load the taps that leave the row
// (kw = 0 at column -1, kw = 2 at column 72) through constant masks, one
// per input row each.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-DAG: arith.constant dense<[true, true, true, true, true, true, true, false]> : vector<8xi1>
// CHECK-DAG: arith.constant dense<[false, true, true, true, true, true, true, true]> : vector<8xi1>
// CHECK: %[[ZEROS:.*]] = memref.alloca() {alignment = 64 : i64} : memref<72xf32>
// CHECK: %[[ZERO_ROW:.*]] = memref.cast %[[ZEROS]] : memref<72xf32> to memref<?xf32>
// CHECK: %[[FIRST:.*]] = arith.minui %{{.*}}, %c2 : index
// CHECK-COUNT-6: arith.select %{{.*}}, %{{.*}}, %[[ZERO_ROW]] : memref<?xf32>
// CHECK-NOT: arith.select %{{.*}}, %{{.*}}, %[[ZERO_ROW]] : memref<?xf32>
// CHECK: scf.for %{{.*}} = %c8 to %c56 step %c16
// CHECK-NOT: vector.maskedload
// CHECK-COUNT-36: vector.load
// CHECK-NOT: vector.load
// CHECK-COUNT-8: vector.store
// CHECK: }
// CHECK-COUNT-12: vector.maskedload
// CHECK-NOT: vector.maskedload
// CHECK-NOT: scf.for
// CHECK-COUNT-12: vector.store
// CHECK-NOT: math.fma
// CHECK: return
func.func @main(%x: tensor<1x2x6x72xf32>, %k: tensor<2x1x3x3xf32>) -> tensor<1x2x6x72xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x2x6x72xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x6x72xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x6x72xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x6x72xf32>
    hlo.return %c : tensor<1x2x6x72xf32>
  }
  return %0 : tensor<1x2x6x72xf32>
}

// -----

// At stride 2, two output rows share one tap row of three. AVX2's 16
// registers hold only 4 sums beside a 3x3 kernel's 9 weights, fewer than
// the 8 that keep the FMA units busy, so the taps are paired (the next
// case): 6 weights, and 3 sums per output vector, of which the registers
// hold two. A group is one vector of each of two output rows, which read 5
// input rows, not 6. Rows of 136 outputs from 272 columns are 17 vectors;
// vectors 1-16 read no column outside the input and are summed in a loop,
// 8 outputs of both rows per step. Without pairs (512 bits), a group is
// four vectors of a row (outline-kernels-row-window-registers.mlir). There
// kw = 0, the tap with no partner, loads its own run from its column and
// takes its even lanes in shufps order: at 256 bits, one in-lane shuffle
// rather than three from the pair's run (RowWindow::unpairedFromPair).
// CHECK-LABEL: func.func private @kernel_0(
// CHECK: %[[ZEROS:.*]] = memref.alloca() {alignment = 64 : i64} : memref<272xf32>
// CHECK: %[[ZERO_ROW:.*]] = memref.cast %[[ZEROS]] : memref<272xf32> to memref<?xf32>
// CHECK-COUNT-5: arith.select %{{.*}}, %{{.*}}, %[[ZERO_ROW]] : memref<?xf32>
// CHECK-NOT: arith.select %{{.*}}, %{{.*}}, %[[ZERO_ROW]] : memref<?xf32>
// CHECK: scf.for %{{.*}} = %c8 to %c136 step %c8
// CHECK: %[[BEFORE_LOW:.*]] = vector.load
// CHECK: %[[BEFORE_HIGH:.*]] = vector.load
// CHECK: vector.shuffle %[[BEFORE_LOW]], %[[BEFORE_HIGH]] [0, 2, 8, 10, 4, 6, 12, 14] : vector<8xf32>, vector<8xf32>
// CHECK: %[[PAIR_LOW:.*]] = vector.load
// CHECK: %[[PAIR_HIGH:.*]] = vector.load
// CHECK-NOT: memref.load
// CHECK-NOT: vector.broadcast
// CHECK-NOT: vector.maskedload
// CHECK-COUNT-18: math.fma
// CHECK-COUNT-2: vector.store
// CHECK-NEXT: }
func.func @main(%x: tensor<1x2x8x272xf32>, %k: tensor<2x1x3x3xf32>) -> tensor<1x2x4x136xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x2x8x272xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x4x136xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x8x272xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x4x136xf32>
    hlo.return %c : tensor<1x2x4x136xf32>
  }
  return %0 : tensor<1x2x4x136xf32>
}

// -----

// Width stride 2: a run of 16 columns serves two taps, one its even
// columns and the next its odd ones. AVX2's registers are short of the 9
// weights and 8 sums, so the taps are paired: kw = 1 and kw = 2 read the
// run from column 2 * ow0 (aligned where the row's start is), and one FMA
// of each of its vectors with their weights side by side (w1 w2 w1 w2 ...)
// serves both taps, into a low and a high sum. kw = 0, with no partner,
// takes the even columns of the run one column before, in shufps order:
// within each 128-bit lane the first vector's pair then the second's
// (outputs 0, 1, 4, 5 | 2, 3, 6, 7), into a third sum. Each output is then
// lanes 2o and 2o + 1 of the pairs' sums, taken in the same order, plus
// kw = 0's, and the vector is put back in order once, before its store.
// The 10 outputs of a row are two vectors, both at the row's ends: [0, 8)
// and, instead of [8, 10) under a mask, [2, 10), which computes outputs 2
// to 7 again and stores them whole (AVX2's masked stores are slow on AMD
// cores). The two output rows of a group share their middle tap row: its
// runs and kw = 0's shuffle serve both. The vectors at [0, 8) of the two
// rows are summed and stored together, then those at [2, 10).
// CHECK-LABEL: func.func private @kernel_0(
// CHECK: %[[W0:.*]] = vector.broadcast %{{.*}} : f32 to vector<8xf32>
// CHECK: %[[W1:.*]] = vector.broadcast %{{.*}} : f32 to vector<8xf32>
// CHECK: %[[W2:.*]] = vector.broadcast %{{.*}} : f32 to vector<8xf32>
// CHECK: %[[PAIR:.*]] = vector.shuffle %[[W1]], %[[W2]] [0, 9, 2, 11, 4, 13, 6, 15] : vector<8xf32>, vector<8xf32>
// CHECK: %[[BEFORE:.*]] = vector.maskedload
// CHECK: %[[FIRST:.*]] = vector.shuffle %[[BEFORE]], %{{.*}} [0, 2, 8, 10, 4, 6, 12, 14] : vector<8xf32>, vector<8xf32>
// CHECK: math.fma %[[FIRST]], %[[W0]], %[[ZERO:.*]] : vector<8xf32>
// CHECK: %[[COLUMNS:.*]] = vector.load
// CHECK: %[[COLUMNS_HIGH:.*]] = vector.load
// CHECK: math.fma %[[COLUMNS]], %[[PAIR]], %[[ZERO]] : vector<8xf32>
// CHECK: math.fma %[[COLUMNS_HIGH]], %[[PAIR]], %[[ZERO]] : vector<8xf32>
// CHECK-COUNT-4: vector.shuffle %{{.*}}, %{{.*}} [0, 2, 8, 10, 4, 6, 12, 14] : vector<8xf32>, vector<8xf32>
// CHECK: %[[EVEN:.*]] = vector.shuffle %[[LOWS:.*]], %[[HIGHS:.*]] [0, 2, 8, 10, 4, 6, 12, 14] : vector<8xf32>, vector<8xf32>
// CHECK: %[[ODD:.*]] = vector.shuffle %[[LOWS]], %[[HIGHS]] [1, 3, 9, 11, 5, 7, 13, 15] : vector<8xf32>, vector<8xf32>
// CHECK: %[[PAIRS:.*]] = arith.addf %[[EVEN]], %[[ODD]] : vector<8xf32>
// CHECK: %[[SUM:.*]] = arith.addf %[[PAIRS]], %{{.*}} : vector<8xf32>
// CHECK: %[[ORDERED:.*]] = vector.shuffle %[[SUM]], %[[SUM]] [0, 1, 4, 5, 2, 3, 6, 7] : vector<8xf32>, vector<8xf32>
// CHECK: vector.store %[[ORDERED]], %[[OUT:.*]][%{{.*}}] : memref<60xf32>, vector<8xf32>
// CHECK: vector.store %{{.*}}, %[[OUT]][%[[ROW:.*]]] : memref<60xf32>, vector<8xf32>
// CHECK: vector.store
// CHECK: %[[ORDERED_END:.*]] = vector.shuffle
// CHECK: %[[END:.*]] = arith.addi %[[ROW]], %c2 : index
// CHECK: vector.store %[[ORDERED_END]], %[[OUT]][%[[END]]] : memref<60xf32>, vector<8xf32>
// CHECK-NOT: vector.maskedstore
// CHECK-NOT: scf.for
// CHECK: return
func.func @main(%x: tensor<1x2x6x20xf32>, %k: tensor<2x1x3x3xf32>) -> tensor<1x2x3x10xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x2x6x20xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x3x10xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x6x20xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x3x10xf32>
    hlo.return %c : tensor<1x2x3x10xf32>
  }
  return %0 : tensor<1x2x3x10xf32>
}

// -----

// With the padding on the right only (TensorFlow's SAME at stride 2), the
// tap left over is the last: kw = 0 and kw = 1 are paired on the run from
// column 2 * ow0, and kw = 2 loads its own run from column 2 * ow0 + 2,
// whose even lanes it takes. Rows of 40 outputs are 5 vectors; vectors 0-3
// read no column outside the input.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c8
// CHECK: %[[PAIR_LOW:.*]] = vector.load
// CHECK: %[[PAIR_HIGH:.*]] = vector.load
// CHECK: math.fma %[[PAIR_LOW]]
// CHECK: math.fma %[[PAIR_HIGH]]
// CHECK: %[[LAST_LOW:.*]] = vector.load
// CHECK: %[[LAST_HIGH:.*]] = vector.load
// CHECK-NOT: memref.load
// CHECK: vector.shuffle %[[LAST_LOW]], %[[LAST_HIGH]] [0, 2, 8, 10, 4, 6, 12, 14] : vector<8xf32>, vector<8xf32>
func.func @main(%x: tensor<1x2x8x80xf32>, %k: tensor<2x1x3x3xf32>) -> tensor<1x2x4x40xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x2x8x80xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x4x40xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[0, 1], [0, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x8x80xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x4x40xf32>
    hlo.return %c : tensor<1x2x4x40xf32>
  }
  return %0 : tensor<1x2x4x40xf32>
}

// -----

// With a bias and ReLU after it, the registers apply them to each vector
// of sums (TiledEpilogue.h: the bias of the feature broadcast) before its
// one store to the output: no buffer of rows. A row is one vector here, so
// 8 rows are summed together. No tap row leaves the input, so there is no
// row of zeros.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-SAME: %[[BIAS:[a-z0-9]*]]: memref<2xf32> {llvm.noalias}
// CHECK-NOT: memref.alloca
// CHECK-NOT: memref<?xf32>, %{{.*}} : memref<?xf32>
// CHECK: %[[OUT:.*]] = memref.collapse_shape %{{.*}} : memref<1x2x8x8xf32> into memref<128xf32>
// CHECK: %[[SUMS:.*]] = math.fma
// CHECK: %[[B:.*]] = memref.load %[[BIAS]]
// CHECK: %[[BV:.*]] = vector.broadcast %[[B]] : f32 to vector<8xf32>
// CHECK: %[[X:.*]] = arith.addf %[[SUMS]], %[[BV]] : vector<8xf32>
// CHECK: %[[R:.*]] = arith.maximumf %[[X]], %{{.*}} : vector<8xf32>
// CHECK: vector.store %[[R]], %[[OUT]]
// CHECK-NOT: memref.store
func.func @main(%x: tensor<1x2x8x8xf32>, %k: tensor<2x1x1x1xf32>, %bias: tensor<2xf32>) -> tensor<1x2x8x8xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %bias) : (tensor<1x2x8x8xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x8x8xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x8x8xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x8x8xf32>
    %bb = hlo.broadcast_in_dim %c, dims = [1] : (tensor<2xf32>) -> tensor<1x2x8x8xf32>
    %sum = hlo.add %conv, %bb : tensor<1x2x8x8xf32>
    %zero = hlo.constant dense<0.0> : tensor<1x2x8x8xf32>
    %relu = hlo.maximum %sum, %zero : tensor<1x2x8x8xf32>
    hlo.return %relu : tensor<1x2x8x8xf32>
  }
  return %0 : tensor<1x2x8x8xf32>
}

// -----

// With an epilogue the registers do not take (floor), the vectors go to a
// buffer of rows and each output is computed from it, element by element.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK: %[[ROWS:.*]] = memref.alloca() {alignment = 64 : i64} : memref<8x8xf32>
// CHECK: vector.store %{{.*}}, %[[ROWS]]
// CHECK: scf.for %[[COL:.*]] = %c0 to %c8 step %c1
// CHECK: memref.load %[[ROWS]][%{{.*}}, %[[COL]]]
// CHECK: arith.addf
// CHECK: math.floor
// CHECK: memref.store
func.func @main(%x: tensor<1x2x8x8xf32>, %k: tensor<2x1x1x1xf32>, %bias: tensor<2xf32>) -> tensor<1x2x8x8xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %bias) : (tensor<1x2x8x8xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x8x8xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x8x8xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x8x8xf32>
    %bb = hlo.broadcast_in_dim %c, dims = [1] : (tensor<2xf32>) -> tensor<1x2x8x8xf32>
    %sum = hlo.add %conv, %bb : tensor<1x2x8x8xf32>
    %floor = hlo.floor %sum : tensor<1x2x8x8xf32>
    hlo.return %floor : tensor<1x2x8x8xf32>
  }
  return %0 : tensor<1x2x8x8xf32>
}

// -----

// A depthwise convolution on channels-last images is the loop kernel's:
// its nine products are straight-line code, in the kernel's layout order,
// so the kernel's innermost loop is the output row, which LLVM vectorizes,
// four positions at a time where they lie along a line
// (outline-kernels-jammed-rows.mlir), else one.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-NOT: vector.
// CHECK-NOT: iter_args
// CHECK-COUNT-36: math.fma
// CHECK-NOT: math.fma
// CHECK: } else {
// CHECK-COUNT-9: math.fma
// CHECK-NOT: math.fma
// CHECK: return
func.func @main(%x: tensor<1x10x10x4xf32>, %k: tensor<3x3x1x4xf32>) -> tensor<1x8x8x4xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x10x10x4xf32>, tensor<3x3x1x4xf32>) -> tensor<1x8x8x4xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 4 : i64} : (tensor<1x10x10x4xf32>, tensor<3x3x1x4xf32>) -> tensor<1x8x8x4xf32>
    hlo.return %c : tensor<1x8x8x4xf32>
  }
  return %0 : tensor<1x8x8x4xf32>
}

// -----

// A 3x3 stride-2 max pool (ResNet's, smaller) takes the same row kernel:
// its padding reads the init value, -inf, from a row of it on the stack
// (the tap row above the image) and through the masked loads' passthru at
// the row's ends, and each tap combines by maximumf, the body's f32
// semantics. Canonicalization folds the first tap's maximum with -inf away.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-DAG: %[[NEG_INF:.*]] = arith.constant dense<0xFF800000> : vector<8xf32>
// CHECK-DAG: %[[NEG_INF_SCALAR:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[ROW:.*]] = memref.alloca() {alignment = 64 : i64} : memref<20xf32>
// CHECK: memref.store %[[NEG_INF_SCALAR]], %[[ROW]]
// CHECK: vector.maskedload %[[ROW]][%{{.*}}], %{{.*}}, %[[NEG_INF]]
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : vector<8xf32>
// CHECK: vector.maskedload %{{.*}}[%{{.*}}], %{{.*}}, %[[NEG_INF]] : memref<240xf32>
// CHECK-NOT: math.fma
// CHECK-NOT: vector.maskedstore
// CHECK: vector.store
// CHECK-NOT: vector.maskedstore
// CHECK: return
func.func @main(%x: tensor<1x2x6x20xf32>) -> tensor<1x2x3x10xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<1x2x6x20xf32>) -> tensor<1x2x3x10xf32> {
    %init = hlo.constant dense<0xFF800000> : tensor<f32>
    %m = "hlo.reduce_window"(%a, %init) <{window_dimensions = array<i64: 1, 1, 3, 3>, window_strides = array<i64: 1, 1, 2, 2>, padding = dense<[[0, 0], [0, 0], [1, 1], [1, 1]]> : tensor<4x2xi64>}> ({
    ^bb0(%p: tensor<f32>, %q: tensor<f32>):
      %r = hlo.maximum %p, %q : tensor<f32>
      hlo.return %r : tensor<f32>
    }) : (tensor<1x2x6x20xf32>, tensor<f32>) -> tensor<1x2x3x10xf32>
    hlo.return %m : tensor<1x2x3x10xf32>
  }
  return %0 : tensor<1x2x3x10xf32>
}
