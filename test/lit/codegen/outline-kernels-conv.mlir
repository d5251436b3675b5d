// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" --canonicalize --cse | FileCheck %s

// A pad-free NCHW convolution with unit strides: an implicit GEMM whose
// columns run over the input's positions (8 rows of the input's 12, the
// last row's 10 results: (8 - 1) * 12 + 10 = 94 columns), so each patch row
// is the flat input at an offset: k = (input feature, tap row, tap column),
// the kernel's layout order (the interpreter's), reads from
// feature * 120 + tap row * 12 + tap column. The kernel, OIHW, holds k
// after its output feature in the same order, so the micro-kernel reads
// its row's weights at k itself, with no table of offsets.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x3x10x12xf32> {llvm.noalias}, %[[K:.*]]: memref<4x3x3x3xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x4x8x10xf32> {llvm.noalias}
// CHECK-DAG: %[[C:.*]] = memref.alloca() {alignment = 64 : i64} : memref<4x96xf32>
// CHECK-DAG: %[[P:.*]] = memref.alloca() {alignment = 64 : i64} : memref<6x27x16xf32>
// CHECK-DAG: %[[IN:.*]] = memref.collapse_shape %[[X]] {{\[}}[0, 1, 2, 3]] : memref<1x3x10x12xf32> into memref<360xf32>
// CHECK-DAG: %[[W:.*]] = memref.collapse_shape %[[K]] {{\[}}[0, 1, 2, 3]] : memref<4x3x3x3xf32> into memref<108xf32>
// CHECK-DAG: %[[C94:.*]] = arith.constant 94 : index
// CHECK-DAG: %[[C120:.*]] = arith.constant 120 : index
// Packing: no bounds checks; each k's row of the tile is a run of the flat
// input, copied by vectors: the 5 whole panels in a loop, then the last
// one's, past column 94, masked.
// CHECK: %[[F:.*]] = arith.muli %{{.*}}, %[[C120]] : index
// CHECK-NOT: arith.select
// CHECK: scf.for %{{.*}} = %c0 to %c5 step %c1
// CHECK-NOT: scf.if
// CHECK: %[[V:.*]] = vector.load %[[IN]][%{{.*}}] : memref<360xf32>, vector<8xf32>
// CHECK: vector.store %[[V]], %[[P]]
// CHECK: %[[MASK:.*]] = vector.constant_mask [6] : vector<8xi1>
// CHECK: %[[MV:.*]] = vector.maskedload %[[IN]][%{{.*}}], %[[MASK]]
// CHECK: vector.store %[[MV]], %[[P]]
// CHECK-NOT: xindex>
// CHECK: scf.for {{.*}} iter_args
// CHECK-NOT: xindex>
// CHECK: memref.load %[[W]][%{{.*}}] : memref<108xf32>
// CHECK: math.fma {{.*}} : vector<8xf32>
// The epilogue walks rows of 12 columns and keeps the first 10.
// CHECK: memref.store %{{.*}}, %[[Y]]
func.func @main(%x: tensor<1x3x10x12xf32>, %k: tensor<4x3x3x3xf32>) -> tensor<1x4x8x10xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x3x10x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x10xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x10x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x10xf32>
    hlo.return %c : tensor<1x4x8x10xf32>
  }
  return %0 : tensor<1x4x8x10xf32>
}

// -----

// The same convolution padded by one on each side, its output as wide as
// its input (hlo::isMaskedPatchConvolution; kiln-pad-windows leaves it
// alone): columns run over the output's 8 x 12 positions and each patch row
// is the flat input from the tap's origin less the padding (one row of 12
// and one column: 13), loaded under masks. Per tile, a table holds the mask
// of each of the 9 taps for each vector of the tile's columns: the lanes
// whose position, shifted by the tap, is inside the input (unsigned
// compares, so that a position before the input is outside too) and before
// column 96. All 16 vectors of the table are filled, whatever the tile's
// columns: the packing reads whole panels, and a last tile's lanes past N
// must read masks that are off, not an earlier tile's.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x3x8x12xf32> {llvm.noalias}, %{{.*}}: memref<4x3x3x3xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x4x8x12xf32> {llvm.noalias}
// CHECK-NOT: memref.alloca() {alignment = 64 : i64} : memref<{{[0-9]+}}x{{[0-9]+}}xf32>
// CHECK-DAG: %[[P:.*]] = memref.alloca() {alignment = 64 : i64} : memref<6x27x16xf32>
// CHECK-DAG: %[[OUT:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1, 2, 3]] : memref<1x4x8x12xf32> into memref<384xf32>
// CHECK-DAG: %[[MASKS:.*]] = memref.alloca() : memref<9x16xvector<8xi32>>
// CHECK-DAG: %[[IN:.*]] = memref.collapse_shape %[[X]] {{\[}}[0, 1, 2, 3]] : memref<1x3x8x12xf32> into memref<288xf32>
// CHECK-DAG: %[[C13:.*]] = arith.constant 13 : index
// CHECK-DAG: %[[N:.*]] = arith.constant dense<96> : vector<8xi64>
// CHECK-DAG: %[[H:.*]] = arith.constant dense<8> : vector<8xi64>
// CHECK-DAG: %[[W:.*]] = arith.constant dense<12> : vector<8xi64>
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[C16]] step
// CHECK: %[[ROW:.*]] = arith.divui %[[COLS:.*]], %[[W]] : vector<8xi64>
// CHECK: %[[COL:.*]] = arith.remui %[[COLS]], %[[W]] : vector<8xi64>
// CHECK: %[[END:.*]] = arith.cmpi ult, %[[COLS]], %[[N]] : vector<8xi64>
// CHECK: %[[TR:.*]] = arith.addi %[[ROW]], %{{.*}} : vector<8xi64>
// CHECK: %[[INR:.*]] = arith.cmpi ult, %[[TR]], %[[H]] : vector<8xi64>
// CHECK: %[[M1:.*]] = arith.andi %[[END]], %[[INR]] : vector<8xi1>
// CHECK: %[[TC:.*]] = arith.addi %[[COL]], %{{.*}} : vector<8xi64>
// CHECK: %[[INC:.*]] = arith.cmpi ult, %[[TC]], %[[W]] : vector<8xi64>
// CHECK: %[[M2:.*]] = arith.andi %[[M1]], %[[INC]] : vector<8xi1>
// Without AVX-512 the table keeps 32-bit lanes, all ones or all zeros
// (MaskStorage): the form AVX2's masked loads read.
// CHECK: %[[M32:.*]] = arith.extsi %[[M2]] : vector<8xi1> to vector<8xi32>
// CHECK: memref.store %[[M32]], %[[MASKS]]
// CHECK-NOT: arith.select
// CHECK: arith.subi %{{.*}}, %[[C13]] : index
// CHECK: %[[STORED:.*]] = memref.load %[[MASKS]]
// CHECK: %[[MASK:.*]] = arith.cmpi slt, %[[STORED]], %{{.*}} : vector<8xi32>
// CHECK: %[[V:.*]] = vector.maskedload %[[IN]][%{{.*}}], %[[MASK]], %{{.*}} : memref<288xf32>
// CHECK: vector.store %[[V]], %[[P]]
// CHECK: math.fma {{.*}} : vector<8xf32>
// The fusion returns the convolution alone, laid out [feature][position]
// as C is: the micro-kernels store their sums to the output (96 columns,
// whole panels: no masks), with no accumulator block and no epilogue.
// CHECK: vector.store %{{.*}}, %[[OUT]][%{{.*}}] : memref<384xf32>, vector<8xf32>
// CHECK-NOT: memref.store %{{.*}}, %[[Y]]
// CHECK: return
func.func @main(%x: tensor<1x3x8x12xf32>, %k: tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32>
    hlo.return %c : tensor<1x4x8x12xf32>
  }
  return %0 : tensor<1x4x8x12xf32>
}

// -----

// Channels last with stride 2 and padding (kiln-pad-windows not run):
// patches are gathered element by element, zero where a tap falls on the
// padding, read at a clamped position. The weights are a constant, kept in
// a flat global (which the engine's flat view of the kernel reads as is).
// CHECK: memref.global "private" constant @__kiln_constant : memref<54xf32> = dense<[1.000000e+00, 2.000000e+00
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x7x7x2xf32> {llvm.noalias}
// CHECK: memref.get_global @__kiln_constant : memref<54xf32>
// CHECK-NOT: memref.collapse_shape
// CHECK: %[[IN:.*]] = memref.load %[[X]][%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<1x7x7x2xf32>
// CHECK: arith.select %{{.*}}, %[[IN]], %{{.*}} : f32
// CHECK: math.fma {{.*}} : vector<8xf32>
// The output's features are its last dim, not laid out as C's rows: the
// epilogue stores it element by element.
// CHECK: memref.store %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<1x4x4x3xf32>
func.func @main(%x: tensor<1x7x7x2xf32>) -> tensor<1x4x4x3xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<1x7x7x2xf32>) -> tensor<1x4x4x3xf32> {
    %k = hlo.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]], [[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]], [[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]]]]> : tensor<3x3x2x3xf32>
    %c = hlo.convolution(%a, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 2], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x7x7x2xf32>, tensor<3x3x2x3xf32>) -> tensor<1x4x4x3xf32>
    hlo.return %c : tensor<1x4x4x3xf32>
  }
  return %0 : tensor<1x4x4x3xf32>
}

// -----

// Stride 2 with padding 1 (the stem's kind): segments of output rows under
// masks, no pad and no gathers. Output rows are 5 wide, so a vector of 8
// output positions meets at most 3 rows (min(5 rows, (5 + 6) / 5 + 1)).
// Per tile and vector, each segment's start (output row * 2 * 9 + (first
// position - segment * 5) * 2) and output row go to tables, and per tap
// along the row its lane mask, spread over the segment's two loads of 8:
// lane j is element 2j. Packing: per segment, the tap row's input row
// (output row * 2 + tap row - 1) must be inside the 9 rows; two masked
// loads per segment, each keeping what the earlier segments loaded; then
// the even elements.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x2x9x9xf32> {llvm.noalias}
// CHECK-DAG: %[[IN:.*]] = memref.collapse_shape %[[X]] {{\[}}[0, 1, 2, 3]] : memref<1x2x9x9xf32> into memref<162xf32>
// CHECK-DAG: %[[STARTS:.*]] = memref.alloca() : memref<16x3xindex>
// CHECK-DAG: %[[ROWS:.*]] = memref.alloca() : memref<16x3xindex>
// CHECK-DAG: %[[MASKS:.*]] = memref.alloca() : memref<3x16x3x2xvector<8xi32>>
// CHECK-DAG: %[[ZEROS:.*]] = arith.constant dense<0.000000e+00> : vector<8xf32>
// CHECK-NOT: hlo.pad
// CHECK: arith.divui %{{.*}}, %c5 : index
// CHECK: arith.muli %{{.*}}, %c18 : index
// CHECK: memref.store %{{.*}}, %[[STARTS]]
// CHECK: memref.store %{{.*}}, %[[ROWS]]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 8, 1, 8, 2, 8, 3, 8] : vector<8xi1>, vector<8xi1>
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [4, 8, 5, 8, 6, 8, 7, 8] : vector<8xi1>, vector<8xi1>
// CHECK: memref.load %[[STARTS]]
// CHECK: memref.load %[[ROWS]]
// CHECK: %[[INSIDE:.*]] = arith.cmpi ult, %{{.*}}, %c9 : index
// CHECK: %[[STORED:.*]] = memref.load %[[MASKS]]
// CHECK: %[[MASK:.*]] = arith.cmpi slt, %[[STORED]], %{{.*}} : vector<8xi32>
// CHECK: %[[ROW:.*]] = vector.broadcast %[[INSIDE]] : i1 to vector<8xi1>
// CHECK: %[[M0:.*]] = arith.andi %[[MASK]], %[[ROW]] : vector<8xi1>
// CHECK: %[[A0:.*]] = vector.maskedload %[[IN]][%{{.*}}], %[[M0]], %[[ZEROS]]
// CHECK: %[[B0:.*]] = vector.maskedload %[[IN]][%{{.*}}], %{{.*}}, %[[ZEROS]]
// CHECK: %[[A1:.*]] = vector.maskedload %[[IN]][%{{.*}}], %{{.*}}, %[[A0]]
// CHECK: %[[B1:.*]] = vector.maskedload %[[IN]][%{{.*}}], %{{.*}}, %[[B0]]
// CHECK: %[[A2:.*]] = vector.maskedload %[[IN]][%{{.*}}], %{{.*}}, %[[A1]]
// CHECK: %[[B2:.*]] = vector.maskedload %[[IN]][%{{.*}}], %{{.*}}, %[[B1]]
// CHECK: %[[EVENS:.*]] = vector.shuffle %[[A2]], %[[B2]] [0, 2, 4, 6, 8, 10, 12, 14] : vector<8xf32>, vector<8xf32>
// CHECK: vector.store %[[EVENS]]
// CHECK: math.fma {{.*}} : vector<8xf32>
func.func @main(%x: tensor<1x2x9x9xf32>, %k: tensor<4x2x3x3xf32>) -> tensor<1x4x5x5xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x2x9x9xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x5x5xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x2x9x9xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x5x5xf32>
    hlo.return %c : tensor<1x4x5x5xf32>
  }
  return %0 : tensor<1x4x5x5xf32>
}

// -----

// A 1x1 with stride 2 and no padding: rows never leave the input, so
// segments check no rows.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-NOT: arith.cmpi ult, %{{.*}}, %c10 : index
// CHECK: vector.maskedload
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 2, 4, 6, 8, 10, 12, 14] : vector<8xf32>, vector<8xf32>
// CHECK: math.fma {{.*}} : vector<8xf32>
func.func @main(%x: tensor<1x3x10x10xf32>, %k: tensor<4x3x1x1xf32>) -> tensor<1x4x5x5xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x3x10x10xf32>, tensor<4x3x1x1xf32>) -> tensor<1x4x5x5xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x10x10xf32>, tensor<4x3x1x1xf32>) -> tensor<1x4x5x5xf32>
    hlo.return %c : tensor<1x4x5x5xf32>
  }
  return %0 : tensor<1x4x5x5xf32>
}

// -----

// Pad-free with stride 3 along the row, past what masked loads read: no
// bounds checks, but the patch rows are not contiguous. A table per tile
// holds each column's offset in the input (position * stride), so a patch
// element is the flat input at the tap's offset plus the column's: no
// division per element.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x3x9x9xf32> {llvm.noalias}
// CHECK-DAG: %[[IN:.*]] = memref.collapse_shape %[[X]] {{\[}}[0, 1, 2, 3]] : memref<1x3x9x9xf32> into memref<243xf32>
// CHECK-DAG: %[[COLS:.*]] = memref.alloca() : memref<9xindex>
// CHECK: memref.store %{{.*}}, %[[COLS]]
// CHECK-NOT: arith.select
// CHECK: %[[C:.*]] = memref.load %[[COLS]]
// CHECK: memref.load %[[IN]]
// CHECK: math.fma {{.*}} : vector<8xf32>
func.func @main(%x: tensor<1x3x9x9xf32>, %k: tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x3x9x9xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [3, 3]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x9x9xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
    hlo.return %c : tensor<1x4x3x3xf32>
  }
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// Strided (3, past masked loads) and pad-free with 16 output features, a whole panel at 256 bits:
// gathering the 144 x 81 patches would cost more than gathering the
// 144 x 16 weights per row tile, so the output features are the columns.
// The weights, each feature's run along k (OIHW), are packed into the
// panels by squares of 8 features x 8 k, loaded along the runs and
// transposed by three rounds of shuffles; the micro-kernel broadcasts the
// input in place, at each position's origin plus the slice table's tap
// offset (feature * 841 + tap row * 29 + tap column). Its 6 rows, padded
// to 8, are transposed by shuffles into vectors of 8 positions of one
// feature, stored straight into the NCHW output (features 81 floats
// apart): a tile's last micro-kernel, whose 8 rows pass the tile's, under
// a mask of the rows left. No block is left for an epilogue.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<1x16x29x29xf32> {llvm.noalias}, %[[K:.*]]: memref<16x16x3x3xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x16x9x9xf32> {llvm.noalias}
// CHECK-NOT: memref<16x44xf32>
// CHECK-DAG: %[[P:.*]] = memref.alloca() {alignment = 64 : i64} : memref<1x144x16xf32>
// CHECK-DAG: %[[TABLE:.*]] = memref.alloca() : memref<144xindex>
// CHECK-DAG: %[[IN:.*]] = memref.collapse_shape %[[X]] {{\[}}[0, 1, 2, 3]] : memref<1x16x29x29xf32> into memref<13456xf32>
// CHECK-DAG: %[[KF:.*]] = memref.collapse_shape %[[K]] {{\[}}[0, 1, 2, 3]] : memref<16x16x3x3xf32> into memref<2304xf32>
// CHECK-DAG: %[[YF:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1, 2, 3]] : memref<1x16x9x9xf32> into memref<1296xf32>
// CHECK: vector.load %[[KF]][%{{.*}}] : memref<2304xf32>, vector<8xf32>
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 8, 2, 10, 4, 12, 6, 14]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 1, 8, 9, 4, 5, 12, 13]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 1, 2, 3, 8, 9, 10, 11]
// CHECK: vector.store %{{.*}}, %[[P]]
// CHECK: arith.muli %{{.*}}, %c841
// CHECK: memref.store %{{.*}}, %[[TABLE]]
// CHECK: %[[ACC:.*]]:12 = scf.for {{.*}} iter_args
// CHECK: vector.load %{{.*}} : memref<?xf32>, vector<8xf32>
// CHECK: %[[O:.*]] = memref.load %[[TABLE]]
// CHECK: %[[AT:.*]] = arith.addi %{{.*}}, %[[O]] : index
// CHECK: %[[E:.*]] = memref.load %[[IN]][%[[AT]]] : memref<13456xf32>
// CHECK: vector.broadcast %[[E]] : f32 to vector<8xf32>
// CHECK: math.fma {{.*}} : vector<8xf32>
// CHECK: vector.shuffle %[[ACC]]#0, %[[ACC]]#2 [0, 8, 2, 10, 4, 12, 6, 14]
// CHECK: %[[LEFT:.*]] = arith.subi
// CHECK: %[[WHOLE:.*]] = arith.cmpi sge, %[[LEFT]], %c8 : index
// CHECK: scf.if %[[WHOLE]] {
// CHECK: vector.store %{{.*}}, %[[YF]][%[[AT0:.*]]] : memref<1296xf32>, vector<8xf32>
// CHECK: arith.addi %[[AT0]], %c81 : index
// CHECK: } else {
// CHECK: %[[MASK:.*]] = vector.create_mask %[[LEFT]] : vector<8xi1>
// CHECK: vector.maskedstore %[[YF]][%[[AT0]]], %[[MASK]], %{{.*}} : memref<1296xf32>, vector<8xi1>, vector<8xf32>
// CHECK-NOT: memref.store %{{.*}}, %[[Y]]
func.func @main(%x: tensor<1x16x29x29xf32>, %k: tensor<16x16x3x3xf32>) -> tensor<1x16x9x9xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x16x29x29xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x9x9xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [3, 3]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x16x29x29xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x9x9xf32>
    hlo.return %c : tensor<1x16x9x9xf32>
  }
  return %0 : tensor<1x16x9x9xf32>
}

// -----

// The same convolution with a bias and a ReLU: the micro-kernels apply
// them to their final sums in registers after the transpose, each vector
// one feature's positions, its bias one element broadcast.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x16x29x29xf32> {llvm.noalias}, %{{.*}}: memref<16x16x3x3xf32> {llvm.noalias}, %[[BIAS:.*]]: memref<16xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x16x9x9xf32> {llvm.noalias}
// CHECK-NOT: memref<16x44xf32>
// CHECK-DAG: %[[YF:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1, 2, 3]] : memref<1x16x9x9xf32> into memref<1296xf32>
// CHECK: %[[ACC:.*]]:12 = scf.for {{.*}} iter_args
// CHECK: vector.shuffle %[[ACC]]#0, %[[ACC]]#2 [0, 8, 2, 10, 4, 12, 6, 14]
// CHECK: scf.if
// CHECK: %[[B0:.*]] = memref.load %[[BIAS]][%c0] : memref<16xf32>
// CHECK: %[[B0V:.*]] = vector.broadcast %[[B0]] : f32 to vector<8xf32>
// CHECK: %[[S0:.*]] = arith.addf %{{.*}}, %[[B0V]] : vector<8xf32>
// CHECK: %[[R0:.*]] = arith.maximumf %[[S0]], %{{.*}} : vector<8xf32>
// CHECK: vector.store %[[R0]], %[[YF]][%{{.*}}] : memref<1296xf32>, vector<8xf32>
func.func @main(%x: tensor<1x16x29x29xf32>, %k: tensor<16x16x3x3xf32>, %bias: tensor<16xf32>) -> tensor<1x16x9x9xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %bias) : (tensor<1x16x29x29xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>) -> tensor<1x16x9x9xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [3, 3]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x16x29x29xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x9x9xf32>
    %bb = hlo.broadcast_in_dim %c, dims = [1] : (tensor<16xf32>) -> tensor<1x16x9x9xf32>
    %sum = hlo.add %conv, %bb : tensor<1x16x9x9xf32>
    %zero = hlo.constant dense<0.0> : tensor<1x16x9x9xf32>
    %relu = hlo.maximum %sum, %zero : tensor<1x16x9x9xf32>
    hlo.return %relu : tensor<1x16x9x9xf32>
  }
  return %0 : tensor<1x16x9x9xf32>
}

// -----

// With a residual as well: a vector of one feature's positions reads its
// residual as one run of the NCHW input, under the rows' mask in a tile's
// last micro-kernel.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x16x29x29xf32> {llvm.noalias}, %{{.*}}: memref<16x16x3x3xf32> {llvm.noalias}, %{{.*}}: memref<16xf32> {llvm.noalias}, %[[RES:.*]]: memref<1x16x9x9xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x16x9x9xf32> {llvm.noalias}
// CHECK-NOT: memref<16x44xf32>
// CHECK-DAG: %[[RF:.*]] = memref.collapse_shape %[[RES]] {{\[}}[0, 1, 2, 3]] : memref<1x16x9x9xf32> into memref<1296xf32>
// CHECK-DAG: %[[YF:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1, 2, 3]] : memref<1x16x9x9xf32> into memref<1296xf32>
// CHECK: scf.if
// CHECK: %[[R:.*]] = vector.load %[[RF]][%[[AT:.*]]] : memref<1296xf32>, vector<8xf32>
// CHECK: arith.addf %{{.*}}, %[[R]] : vector<8xf32>
// CHECK: vector.store %{{.*}}, %[[YF]][%[[AT]]] : memref<1296xf32>, vector<8xf32>
// CHECK: } else {
// CHECK: %[[MASK:.*]] = vector.create_mask
// CHECK: vector.maskedload %[[RF]][%{{.*}}], %[[MASK]]
// CHECK: vector.maskedstore %[[YF]][%{{.*}}], %[[MASK]]
func.func @main(%x: tensor<1x16x29x29xf32>, %k: tensor<16x16x3x3xf32>, %bias: tensor<16xf32>, %res: tensor<1x16x9x9xf32>) -> tensor<1x16x9x9xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %bias, %r = %res) : (tensor<1x16x29x29xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>, tensor<1x16x9x9xf32>) -> tensor<1x16x9x9xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [3, 3]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x16x29x29xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x9x9xf32>
    %bb = hlo.broadcast_in_dim %c, dims = [1] : (tensor<16xf32>) -> tensor<1x16x9x9xf32>
    %sum = hlo.add %conv, %bb : tensor<1x16x9x9xf32>
    %zero = hlo.constant dense<0.0> : tensor<1x16x9x9xf32>
    %plus = hlo.add %sum, %r : tensor<1x16x9x9xf32>
    %relu = hlo.maximum %plus, %zero : tensor<1x16x9x9xf32>
    hlo.return %relu : tensor<1x16x9x9xf32>
  }
  return %0 : tensor<1x16x9x9xf32>
}

// -----

// The same convolution channels last: the output features are columns as
// before, and now also the output's last dim, so that each position's
// features are a run of the output, as a row of C: the micro-kernels store
// to the output, with no transposition and no epilogue. Its one column
// tile splits into 2 row tiles of positions (kMinFeatureColumnTiles), so
// that 2 threads share it.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kiln_launch_0({{.*}}kiln.num_tasks = 2 : i64
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x29x29x16xf32> {llvm.noalias}, %{{.*}}: memref<3x3x16x16xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x9x9x16xf32> {llvm.noalias}
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<1x144x16xf32>
// CHECK-NOT: memref.alloca() {alignment = 64 : i64}
// CHECK: %[[OUT:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1, 2, 3]] : memref<1x9x9x16xf32> into memref<1296xf32>
// CHECK: math.fma {{.*}} : vector<8xf32>
// CHECK-NOT: vector.shuffle
// CHECK: vector.store %{{.*}}, %[[OUT]][%{{.*}}] : memref<1296xf32>, vector<8xf32>
// CHECK-NOT: memref.store %{{.*}}, %[[Y]]
// CHECK: return
func.func @main(%x: tensor<1x29x29x16xf32>, %k: tensor<3x3x16x16xf32>) -> tensor<1x9x9x16xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x29x29x16xf32>, tensor<3x3x16x16xf32>) -> tensor<1x9x9x16xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [3, 3]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x29x29x16xf32>, tensor<3x3x16x16xf32>) -> tensor<1x9x9x16xf32>
    hlo.return %c : tensor<1x9x9x16xf32>
  }
  return %0 : tensor<1x9x9x16xf32>
}

// -----

// The padded same-width convolution again, with a bias and ReLU: the
// micro-kernels apply them to their final sums in registers
// (TiledEpilogue.h), the bias of the row's feature broadcast, and store
// each vector once: one slice of k, so no accumulator block.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x3x8x12xf32> {llvm.noalias}, %{{.*}}: memref<4x3x3x3xf32> {llvm.noalias}, %[[BIAS:.*]]: memref<4xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x4x8x12xf32> {llvm.noalias}
// CHECK-NOT: memref<4x96xf32>
// CHECK: %[[OUT:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1, 2, 3]] : memref<1x4x8x12xf32> into memref<384xf32>
// CHECK: math.fma
// CHECK: scf.yield
// CHECK: %[[B:.*]] = memref.load %[[BIAS]][%c0] : memref<4xf32>
// CHECK-NEXT: %[[BV:.*]] = vector.broadcast %[[B]] : f32 to vector<8xf32>
// CHECK-NEXT: %[[S:.*]] = arith.addf %{{.*}}, %[[BV]] : vector<8xf32>
// CHECK-NEXT: %[[R:.*]] = arith.maximumf %[[S]], %{{.*}} : vector<8xf32>
// CHECK-NEXT: vector.store %[[R]], %[[OUT]][%{{.*}}] : memref<384xf32>, vector<8xf32>
// CHECK-NOT: memref.store %{{.*}}, %[[OUT]]
// CHECK: return
func.func @main(%x: tensor<1x3x8x12xf32>, %k: tensor<4x3x3x3xf32>, %bias: tensor<4xf32>) -> tensor<1x4x8x12xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %bias) : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x12xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32>
    %bb = hlo.broadcast_in_dim %c, dims = [1] : (tensor<4xf32>) -> tensor<1x4x8x12xf32>
    %s = hlo.add %conv, %bb : tensor<1x4x8x12xf32>
    %z = hlo.constant dense<0.0> : tensor<1x4x8x12xf32>
    %r = hlo.maximum %s, %z : tensor<1x4x8x12xf32>
    hlo.return %r : tensor<1x4x8x12xf32>
  }
  return %0 : tensor<1x4x8x12xf32>
}

// -----

// The bias as ONNX models give it, [1, 4, 1, 1] broadcast along its unit
// dims: it varies along the feature dim alone, so the registers read it
// per row likewise, its flat index the feature's.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x3x8x12xf32> {llvm.noalias}, %{{.*}}: memref<4x3x3x3xf32> {llvm.noalias}, %[[BIAS:.*]]: memref<1x4x1x1xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x4x8x12xf32> {llvm.noalias}
// CHECK-NOT: memref<4x96xf32>
// CHECK-DAG: %[[FLAT:.*]] = memref.collapse_shape %[[BIAS]] {{\[}}[0, 1, 2, 3]] : memref<1x4x1x1xf32> into memref<4xf32>
// CHECK-DAG: %[[OUT:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1, 2, 3]] : memref<1x4x8x12xf32> into memref<384xf32>
// CHECK: math.fma
// CHECK: scf.yield
// CHECK: %[[B:.*]] = memref.load %[[FLAT]][%c0] : memref<4xf32>
// CHECK-NEXT: %[[BV:.*]] = vector.broadcast %[[B]] : f32 to vector<8xf32>
// CHECK-NEXT: %[[S:.*]] = arith.addf %{{.*}}, %[[BV]] : vector<8xf32>
// CHECK-NEXT: %[[R:.*]] = arith.maximumf %[[S]], %{{.*}} : vector<8xf32>
// CHECK-NEXT: vector.store %[[R]], %[[OUT]][%{{.*}}] : memref<384xf32>, vector<8xf32>
// CHECK-NOT: memref.store %{{.*}}, %[[OUT]]
// CHECK: return
func.func @main(%x: tensor<1x3x8x12xf32>, %k: tensor<4x3x3x3xf32>, %bias: tensor<1x4x1x1xf32>) -> tensor<1x4x8x12xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %bias) : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x8x12xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32>
    %bb = hlo.broadcast_in_dim %c, dims = [0, 1, 2, 3] : (tensor<1x4x1x1xf32>) -> tensor<1x4x8x12xf32>
    %s = hlo.add %conv, %bb : tensor<1x4x8x12xf32>
    %z = hlo.constant dense<0.0> : tensor<1x4x8x12xf32>
    %r = hlo.maximum %s, %z : tensor<1x4x8x12xf32>
    hlo.return %r : tensor<1x4x8x12xf32>
  }
  return %0 : tensor<1x4x8x12xf32>
}

// -----

// With floor instead, which the registers do not take, the micro-kernels
// store their sums in the accumulator block. The output rows (12
// positions) are shorter than the tile's (all 96 columns of the output),
// so the epilogue walks each feature's columns of the tile
// straight through, contiguous in C and in the flat output, and reads the
// bias once per feature.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x3x8x12xf32> {llvm.noalias}, %{{.*}}: memref<4x3x3x3xf32> {llvm.noalias}, %[[BIAS:.*]]: memref<4xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x4x8x12xf32> {llvm.noalias}
// CHECK-DAG: %[[C:.*]] = memref.alloca() {alignment = 64 : i64} : memref<4x96xf32>
// CHECK-DAG: %[[OUT:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1, 2, 3]] : memref<1x4x8x12xf32> into memref<384xf32>
// CHECK: math.fma
// CHECK: vector.store %{{.*}}, %[[C]]
// CHECK: scf.for %[[F:.*]] = %c0 to %c4 step %c1 {
// CHECK-NEXT: %[[ROW:.*]] = arith.muli %[[F]], %c96 : index
// CHECK-NEXT: scf.for %[[J:.*]] = %c0 to %c96 step %c1 {
// CHECK-NEXT: %[[AT:.*]] = arith.addi %[[ROW]], %[[J]] : index
// CHECK-NEXT: %[[SUM:.*]] = memref.load %[[C]][%[[F]], %[[J]]] : memref<4x96xf32>
// CHECK-NEXT: %[[B:.*]] = memref.load %[[BIAS]][%[[F]]] : memref<4xf32>
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[SUM]], %[[B]] : f32
// CHECK-NEXT: %[[R:.*]] = math.floor %[[S]] : f32
// CHECK-NEXT: memref.store %[[R]], %[[OUT]][%[[AT]]] : memref<384xf32>
// CHECK-NOT: memref.store %{{.*}}, %[[Y]]
// CHECK: return
func.func @main(%x: tensor<1x3x8x12xf32>, %k: tensor<4x3x3x3xf32>, %bias: tensor<4xf32>) -> tensor<1x4x8x12xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %bias) : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x12xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32>
    %bb = hlo.broadcast_in_dim %c, dims = [1] : (tensor<4xf32>) -> tensor<1x4x8x12xf32>
    %s = hlo.add %conv, %bb : tensor<1x4x8x12xf32>
    %r = hlo.floor %s : tensor<1x4x8x12xf32>
    hlo.return %r : tensor<1x4x8x12xf32>
  }
  return %0 : tensor<1x4x8x12xf32>
}

// -----

// With a residual of the output's shape, the registers add it too: a
// vector of it at each vector of sums' offset in the output.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x3x8x12xf32> {llvm.noalias}, %{{.*}}: memref<4x3x3x3xf32> {llvm.noalias}, %[[RES:.*]]: memref<1x4x8x12xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x4x8x12xf32> {llvm.noalias}
// CHECK-DAG: %[[RESIDUAL:.*]] = memref.collapse_shape %[[RES]] {{\[}}[0, 1, 2, 3]] : memref<1x4x8x12xf32> into memref<384xf32>
// CHECK-DAG: %[[OUT:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1, 2, 3]] : memref<1x4x8x12xf32> into memref<384xf32>
// CHECK: math.fma
// CHECK: scf.yield
// CHECK: %[[R:.*]] = vector.load %[[RESIDUAL]][%[[AT:.*]]] : memref<384xf32>, vector<8xf32>
// CHECK-NEXT: %[[S:.*]] = arith.addf %{{.*}}, %[[R]] : vector<8xf32>
// CHECK-NEXT: vector.store %[[S]], %[[OUT]][%[[AT]]] : memref<384xf32>, vector<8xf32>
func.func @main(%x: tensor<1x3x8x12xf32>, %k: tensor<4x3x3x3xf32>, %res: tensor<1x4x8x12xf32>) -> tensor<1x4x8x12xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %res) : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>, tensor<1x4x8x12xf32>) -> tensor<1x4x8x12xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32>
    %s = hlo.add %conv, %c : tensor<1x4x8x12xf32>
    hlo.return %s : tensor<1x4x8x12xf32>
  }
  return %0 : tensor<1x4x8x12xf32>
}

// -----

// The residual's lines are fetched while the FMAs run, one per k: the
// micro-kernel's 4 rows by its 2 vectors, their offsets in a table (row *
// 32 + column: the offsets the epilogue reads), of which the k loop reads
// line min(k, 7).
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x16x4x8xf32> {llvm.noalias}, %{{.*}}: memref<32x16x1x1xf32> {llvm.noalias}, %[[RES:arg[0-9]+]]: memref<1x32x4x8xf32> {llvm.noalias}
// CHECK: %[[LINES:.*]] = memref.alloca() : memref<8xindex>
// CHECK: %[[RESIDUAL:.*]] = memref.collapse_shape %[[RES]] {{\[}}[0, 1, 2, 3]] : memref<1x32x4x8xf32> into memref<1024xf32>
// CHECK: memref.store %{{.*}}, %[[LINES]][%c0] : memref<8xindex>
// CHECK: memref.store %{{.*}}, %[[LINES]][%c7] : memref<8xindex>
// CHECK-NEXT: scf.for %[[K:.*]] = %c0 to %c16 step %c1 iter_args
// CHECK: %[[LINE:.*]] = arith.minsi %[[K]], %c7 : index
// CHECK-NEXT: %[[AT:.*]] = memref.load %[[LINES]][%[[LINE]]] : memref<8xindex>
// CHECK-NEXT: memref.prefetch %[[RESIDUAL]][%[[AT]]], read, locality<3>, data : memref<1024xf32>
// CHECK: math.fma
// CHECK: scf.yield
// CHECK: vector.load %[[RESIDUAL]]
func.func @main(%x: tensor<1x16x4x8xf32>, %k: tensor<32x16x1x1xf32>, %res: tensor<1x32x4x8xf32>) -> tensor<1x32x4x8xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %res) : (tensor<1x16x4x8xf32>, tensor<32x16x1x1xf32>, tensor<1x32x4x8xf32>) -> tensor<1x32x4x8xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x16x4x8xf32>, tensor<32x16x1x1xf32>) -> tensor<1x32x4x8xf32>
    %s = hlo.add %conv, %c : tensor<1x32x4x8xf32>
    hlo.return %s : tensor<1x32x4x8xf32>
  }
  return %0 : tensor<1x32x4x8xf32>
}

// -----

// With k in slices (512 of them), only the last slice's micro-kernels
// fill the table of lines and fetch the residual.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x512x4x8xf32> {llvm.noalias}, %{{.*}}: memref<32x512x1x1xf32> {llvm.noalias}, %[[RES:arg[0-9]+]]: memref<1x32x4x8xf32> {llvm.noalias}
// CHECK: %[[LINES:.*]] = memref.alloca() : memref<8xindex>
// CHECK: %[[RESIDUAL:.*]] = memref.collapse_shape %[[RES]]
// CHECK: scf.for %[[K0:.*]] = %c0 to %c512 step %[[KC:.*]] {
// CHECK: %[[LAST:.*]] = arith.cmpi eq, %{{.*}}, %c512 : index
// CHECK-NOT: memref.store %{{.*}}, %[[LINES]]
// CHECK: scf.if %[[LAST]] {
// CHECK: memref.store %{{.*}}, %[[LINES]][%c0] : memref<8xindex>
// CHECK: iter_args
// CHECK: scf.if %[[LAST]] {
// CHECK: memref.prefetch %[[RESIDUAL]]
// CHECK: math.fma
func.func @main(%x: tensor<1x512x4x8xf32>, %k: tensor<32x512x1x1xf32>, %res: tensor<1x32x4x8xf32>) -> tensor<1x32x4x8xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %res) : (tensor<1x512x4x8xf32>, tensor<32x512x1x1xf32>, tensor<1x32x4x8xf32>) -> tensor<1x32x4x8xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x512x4x8xf32>, tensor<32x512x1x1xf32>) -> tensor<1x32x4x8xf32>
    %s = hlo.add %conv, %c : tensor<1x32x4x8xf32>
    hlo.return %s : tensor<1x32x4x8xf32>
  }
  return %0 : tensor<1x32x4x8xf32>
}

// -----

// A residual and then floor: the epilogue reads the residual element by
// element alongside the sums, walking the output's rows so that both stay
// contiguous (a flat walk would index the residual through divisions by
// the row's length). Nothing fetches it ahead.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x3x8x12xf32> {llvm.noalias}, %{{.*}}: memref<4x3x3x3xf32> {llvm.noalias}, %[[RES:.*]]: memref<1x4x8x12xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x4x8x12xf32> {llvm.noalias}
// CHECK-NOT: memref.collapse_shape %[[Y]]
// CHECK-NOT: memref.prefetch
// CHECK: math.fma
// CHECK: %[[R:.*]] = memref.load %[[RES]][%c0, %{{.*}}, %{{.*}}, %{{.*}}] : memref<1x4x8x12xf32>
// CHECK: arith.addf %{{.*}}, %[[R]] : f32
// CHECK: memref.store %{{.*}}, %[[Y]][%c0, %{{.*}}, %{{.*}}, %{{.*}}] : memref<1x4x8x12xf32>
func.func @main(%x: tensor<1x3x8x12xf32>, %k: tensor<4x3x3x3xf32>, %res: tensor<1x4x8x12xf32>) -> tensor<1x4x8x12xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %res) : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>, tensor<1x4x8x12xf32>) -> tensor<1x4x8x12xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x3x8x12xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x12xf32>
    %s = hlo.add %conv, %c : tensor<1x4x8x12xf32>
    %r = hlo.floor %s : tensor<1x4x8x12xf32>
    hlo.return %r : tensor<1x4x8x12xf32>
  }
  return %0 : tensor<1x4x8x12xf32>
}

// -----

// 1x1 stride 2 on 10x10 with the kernel an argument (OIHW): 25 positions
// as columns would leave 7 of 32 lanes idle, so the 32 output features are
// the columns, their weights packed per call by squares of 8 features x 8
// k along each feature's run (17 k: two squares, then 1 k element by
// element).
// CHECK-LABEL: func.func private @kernel_0(%{{.*}}: memref<1x17x10x10xf32> {llvm.noalias}, %{{.*}}: memref<32x17x1x1xf32>
// CHECK: memref.collapse_shape %{{.*}} {{\[}}[0, 1, 2, 3]] : memref<32x17x1x1xf32> into memref<544xf32>
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 1, 2, 3, 8, 9, 10, 11]
// CHECK: math.fma
func.func @main(%x: tensor<1x17x10x10xf32>, %w: tensor<32x17x1x1xf32>) -> tensor<1x32x5x5xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x17x10x10xf32>, tensor<32x17x1x1xf32>) -> tensor<1x32x5x5xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x17x10x10xf32>, tensor<32x17x1x1xf32>) -> tensor<1x32x5x5xf32>
    hlo.return %c : tensor<1x32x5x5xf32>
  }
  return %0 : tensor<1x32x5x5xf32>
}

// -----

// 1x1 stride 2 with 14 positions (2x7) and the kernel an argument: as
// columns they would leave 2 of 16 lanes idle, 1/8 (a 14x14 output at 512
// bits: 196 of 224), so the 16 output features are the columns, the
// weights packed into the call's panels (a packed input of the graph) and
// the sums transposed into the output (6 rows, 8 after the transpose; the
// second micro-kernel's 2 rows under a mask), with no block between.
// CHECK-LABEL: func.func @main
// CHECK-SAME: kiln.packed_inputs = array<i64: 1>
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x8x4x14xf32> {llvm.noalias}, %{{.*}}: memref<16x8x1x1xf32>
// CHECK-NOT: memref<16x13xf32>
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<1x8x16xf32>
// CHECK: vector.maskedstore %{{.*}} : memref<224xf32>, vector<8xi1>, vector<8xf32>
func.func @main(%x: tensor<1x8x4x14xf32>, %w: tensor<16x8x1x1xf32>) -> tensor<1x16x2x7xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x8x4x14xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x2x7xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x4x14xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x2x7xf32>
    hlo.return %c : tensor<1x16x2x7xf32>
  }
  return %0 : tensor<1x16x2x7xf32>
}

// -----

// 15 positions (3x5) leave 1 of 16 lanes idle: the features stay rows,
// read in place, and the stride-2 patches are gathered per call under
// masks (a table of them on the stack).
// CHECK-LABEL: func.func @main
// CHECK-NOT: kiln.packed_inputs
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x8x6x10xf32> {llvm.noalias}, %{{.*}}: memref<16x8x1x1xf32>
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<1x8x16xf32>
// CHECK: memref.alloca() : memref<1x16x3x2xvector<8xi32>>
func.func @main(%x: tensor<1x8x6x10xf32>, %w: tensor<16x8x1x1xf32>) -> tensor<1x16x3x5xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x8x6x10xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x3x5xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x6x10xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x3x5xf32>
    hlo.return %c : tensor<1x16x3x5xf32>
  }
  return %0 : tensor<1x16x3x5xf32>
}

// -----

// Channels last, 1x1 over 2 input features into 16, the kernel an
// argument: as rows of features the call would gather the 16 positions'
// patches (32 elements) and scatter its 256 sums one by one into the
// NHWC output, whose features are the inner dim; as feature columns it
// gathers its 32 weights into a panel and stores each position's features
// as whole vectors. The weights are gathered where that moves fewer
// (gatheredWeights < gatheredPatches): feature columns, the input read in
// place, the panel packed into the weights cache, and the sums of a
// micro-kernel's 4 positions stored straight into the output, 8 vectors.
// CHECK-LABEL: func.func @main
// CHECK-SAME: kiln.packed_inputs = array<i64: 1>
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x4x4x2xf32> {llvm.noalias}, %{{.*}}: memref<1x1x2x16xf32>
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<1x2x16xf32>
// CHECK-NOT: xindex>
// CHECK-COUNT-8: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<256xf32>, vector<8xf32>
// CHECK-NOT: memref.store %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<1x4x4x16xf32>
func.func @main(%x: tensor<1x4x4x2xf32>, %w: tensor<1x1x2x16xf32>) -> tensor<1x4x4x16xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x4x4x2xf32>, tensor<1x1x2x16xf32>) -> tensor<1x4x4x16xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x4x2xf32>, tensor<1x1x2x16xf32>) -> tensor<1x4x4x16xf32>
    hlo.return %c : tensor<1x4x4x16xf32>
  }
  return %0 : tensor<1x4x4x16xf32>
}

// -----

// The same into 24 features: a panel of 16 and one of 8, which the last
// panel's one-vector micro-kernels fill, no lane idle, so the features
// round up to whole vectors, not panels, and take columns: 4 sums per
// narrow micro-kernel, 8 per whole one, each a vector stored in place.
// CHECK-LABEL: func.func @main
// CHECK-SAME: kiln.packed_inputs = array<i64: 1>
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x4x4x2xf32> {llvm.noalias}, %{{.*}}: memref<1x1x2x24xf32>
// CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK-COUNT-4: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<384xf32>, vector<8xf32>
// CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK-COUNT-8: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<384xf32>, vector<8xf32>
func.func @main(%x: tensor<1x4x4x2xf32>, %w: tensor<1x1x2x24xf32>) -> tensor<1x4x4x24xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x4x4x2xf32>, tensor<1x1x2x24xf32>) -> tensor<1x4x4x24xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x4x2xf32>, tensor<1x1x2x24xf32>) -> tensor<1x4x4x24xf32>
    hlo.return %c : tensor<1x4x4x24xf32>
  }
  return %0 : tensor<1x4x4x24xf32>
}

// -----

// 12 features leave 4 of a panel's 16 lanes idle, past a quarter
// (kMaxIdleLanesDenominator): the features stay rows, read in place, the
// patches packed through a table of the positions' offsets, and each sum
// goes from the accumulator block to its place in the output one by one.
// CHECK-LABEL: func.func @main
// CHECK-NOT: kiln.packed_inputs
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x4x4x2xf32> {llvm.noalias}, %{{.*}}: memref<1x1x2x12xf32>
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<12x16xf32>
// CHECK: memref.alloca() : memref<16xindex>
// CHECK: %[[SUM:.*]] = memref.load %{{.*}}[%{{.*}}, %{{.*}}] : memref<12x16xf32>
// CHECK-NEXT: memref.store %[[SUM]], %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<1x4x4x12xf32>
func.func @main(%x: tensor<1x4x4x2xf32>, %w: tensor<1x1x2x12xf32>) -> tensor<1x4x4x12xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x4x4x2xf32>, tensor<1x1x2x12xf32>) -> tensor<1x4x4x12xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x4x4x2xf32>, tensor<1x1x2x12xf32>) -> tensor<1x4x4x12xf32>
    hlo.return %c : tensor<1x4x4x12xf32>
  }
  return %0 : tensor<1x4x4x12xf32>
}

// -----

// Channels last, a 3x3 HWIO kernel of 32 features over 32 inputs on 5x5,
// no padding: as rows of features the 9 positions' patches, 288 k each,
// are gathered an element at a time and the sums scattered; as feature
// columns the weights, 288 runs of 32 features, are packed whole vectors
// at a time (hasKernelFeatureRuns), which counts each vector's elements
// once. Feature columns: the panels in the weights cache, the slice's k
// offsets in a table of 288 (none of the 9 positions'), the sums stored
// in place.
// CHECK-LABEL: func.func @main
// CHECK-SAME: kiln.packed_inputs = array<i64: 1>
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x5x5x32xf32> {llvm.noalias}, %{{.*}}: memref<3x3x32x32xf32>
// CHECK-NOT: memref<9xindex>
// CHECK: memref.alloca() : memref<288xindex>
// CHECK-NOT: memref<9xindex>
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<288xf32>, vector<8xf32>
func.func @main(%x: tensor<1x5x5x32xf32>, %w: tensor<3x3x32x32xf32>) -> tensor<1x3x3x32xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x5x5x32xf32>, tensor<3x3x32x32xf32>) -> tensor<1x3x3x32xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x5x5x32xf32>, tensor<3x3x32x32xf32>) -> tensor<1x3x3x32xf32>
    hlo.return %c : tensor<1x3x3x32xf32>
  }
  return %0 : tensor<1x3x3x32xf32>
}

// -----

// Channels last, a constant 3x3 kernel of 16 features, stride 2 and
// padding 1 on 7x7: the constant's features would fill the lanes that 16
// positions leave idle, but the window reaches past the input
// (ConvolutionWindow::staysInside), which positions read in place cannot
// take. The features stay rows, the kernel read in place: HWIO holds k
// before its output feature, so k's weights are at k * 16, with no table
// of offsets. The 16 positions' patches are gathered element by element,
// the padding's elements selected as zeros.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x7x7x2xf32> {llvm.noalias}
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<1x18x16xf32>
// CHECK-NOT: xindex>
// CHECK: arith.select
// CHECK-NOT: xindex>
// CHECK: memref.load %{{.*}} : memref<288xf32>
func.func @main(%x: tensor<1x7x7x2xf32>) -> tensor<1x4x4x16xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<1x7x7x2xf32>) -> tensor<1x4x4x16xf32> {
    %k = hlo.constant dense<[[[[-1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25], [-0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75]], [[-0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25], [0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0]], [[0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5], [1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0]]], [[[-1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5], [-0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0]], [[0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25], [0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75]], [[1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25], [-1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25]]], [[[-0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75], [-0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25]], [[0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0], [0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5]], [[1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0], [-1.0, 0.75, -0.25, -1.25, 0.5, -0.5, 1.25, 0.25, -0.75, 1.0, 0.0, -1.0, 0.75, -0.25, -1.25, 0.5]]]]> : tensor<3x3x2x16xf32>
    %c = hlo.convolution(%a, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 2], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x7x7x2xf32>, tensor<3x3x2x16xf32>) -> tensor<1x4x4x16xf32>
    hlo.return %c : tensor<1x4x4x16xf32>
  }
  return %0 : tensor<1x4x4x16xf32>
}

// -----

// 1x1 stride 2 on 6x6 into 2176 features, the features as columns: 17
// column tiles of 128. An odd count of tiles is made even only below
// kEvenTilesBelow (16), where one tile more on one core is a large share
// of the time; here the 9 positions stay one row tile, their sums
// transposed into the output.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x1x6x6xf32> {llvm.noalias}
// CHECK-NOT: memref<128x13xf32>
// CHECK: vector.store %{{.*}} : memref<19584xf32>, vector<8xf32>
func.func @main(%x: tensor<1x1x6x6xf32>, %w: tensor<2176x1x1x1xf32>) -> tensor<1x2176x3x3xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x1x6x6xf32>, tensor<2176x1x1x1xf32>) -> tensor<1x2176x3x3xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x1x6x6xf32>, tensor<2176x1x1x1xf32>) -> tensor<1x2176x3x3xf32>
    hlo.return %c : tensor<1x2176x3x3xf32>
  }
  return %0 : tensor<1x2176x3x3xf32>
}

// -----

// 1x1 stride 2 on 10x10, the kernel an argument: 12 output features as
// columns would leave 4 of a 16-column panel's lanes idle, more than a
// quarter of the 12 they fill (kMaxIdleLanesDenominator 4), so they stay
// rows, the 25 positions' patches gathered under masks.
// CHECK-LABEL: func.func @main
// CHECK-NOT: kiln.packed_inputs
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x17x10x10xf32> {llvm.noalias}, %{{.*}}: memref<12x17x1x1xf32>
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<2x17x16xf32>
// CHECK: memref.alloca() : memref<1x16x3x2xvector<8xi32>>
func.func @main(%x: tensor<1x17x10x10xf32>, %w: tensor<12x17x1x1xf32>) -> tensor<1x12x5x5xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x17x10x10xf32>, tensor<12x17x1x1xf32>) -> tensor<1x12x5x5xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x17x10x10xf32>, tensor<12x17x1x1xf32>) -> tensor<1x12x5x5xf32>
    hlo.return %c : tensor<1x12x5x5xf32>
  }
  return %0 : tensor<1x12x5x5xf32>
}

// -----

// 13 features leave 3 lanes idle, less than a quarter of the 13: the
// features are the columns, the weights packed into the call's panels (a
// packed input of the graph) and the sums transposed into the output: 13
// features' vectors of 8 positions, none for the panel's 3 past N.
// CHECK-LABEL: func.func @main
// CHECK-SAME: kiln.packed_inputs = array<i64: 1>
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x17x10x10xf32> {llvm.noalias}, %{{.*}}: memref<13x17x1x1xf32>
// CHECK-NOT: memref<16x18xf32>
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<1x17x16xf32>
// CHECK: scf.if
// CHECK-COUNT-13: vector.store %{{.*}} : memref<325xf32>, vector<8xf32>
// CHECK-NEXT: } else {
// CHECK-COUNT-13: vector.maskedstore %{{.*}} : memref<325xf32>, vector<8xi1>, vector<8xf32>
// CHECK-NEXT: }
func.func @main(%x: tensor<1x17x10x10xf32>, %w: tensor<13x17x1x1xf32>) -> tensor<1x13x5x5xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<1x17x10x10xf32>, tensor<13x17x1x1xf32>) -> tensor<1x13x5x5xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x17x10x10xf32>, tensor<13x17x1x1xf32>) -> tensor<1x13x5x5xf32>
    hlo.return %c : tensor<1x13x5x5xf32>
  }
  return %0 : tensor<1x13x5x5xf32>
}

// -----

// Channels last with the output features as columns (rows the output
// positions, laid out as C): a bias per feature runs along the columns,
// and the registers read it as vectors at the column, the same for each
// row (before, read per row at the position's index: out of its bounds).
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<1x10x10x4xf32> {llvm.noalias}, %{{.*}}: memref<3x3x4x16xf32> {llvm.noalias}, %[[BIAS:.*]]: memref<16xf32> {llvm.noalias}, %[[Y:.*]]: memref<1x8x8x16xf32> {llvm.noalias}
// CHECK: %[[OUT:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1, 2, 3]] : memref<1x8x8x16xf32> into memref<1024xf32>
// CHECK: scf.yield
// CHECK-NOT: memref.load %[[BIAS]]
// CHECK: %[[B0:.*]] = vector.load %[[BIAS]][%c0] : memref<16xf32>, vector<8xf32>
// CHECK-NEXT: %[[S0:.*]] = arith.addf %{{.*}}#0, %[[B0]] : vector<8xf32>
// CHECK-NEXT: vector.store %[[S0]], %[[OUT]][%{{.*}}] : memref<1024xf32>, vector<8xf32>
// CHECK: %[[B1:.*]] = vector.load %[[BIAS]][%c8] : memref<16xf32>, vector<8xf32>
// CHECK-NEXT: %[[S1:.*]] = arith.addf %{{.*}}#1, %[[B1]] : vector<8xf32>
// CHECK-NOT: memref.load %[[BIAS]]
// CHECK: return
func.func @main(%x: tensor<1x10x10x4xf32>, %k: tensor<3x3x4x16xf32>, %bias: tensor<16xf32>) -> tensor<1x8x8x16xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k, %c = %bias) : (tensor<1x10x10x4xf32>, tensor<3x3x4x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32> {
    %conv = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x10x10x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x8x8x16xf32>
    %bb = hlo.broadcast_in_dim %c, dims = [3] : (tensor<16xf32>) -> tensor<1x8x8x16xf32>
    %s = hlo.add %conv, %bb : tensor<1x8x8x16xf32>
    hlo.return %s : tensor<1x8x8x16xf32>
  }
  return %0 : tensor<1x8x8x16xf32>
}
