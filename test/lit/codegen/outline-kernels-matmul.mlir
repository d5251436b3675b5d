// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" | FileCheck %s --check-prefixes=CHECK,AVX2
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=512 l1-bytes=32768" | FileCheck %s --check-prefixes=CHECK,AVX512
// RUN: not kiln-opt %s --split-input-file --kiln-outline-kernels=vector-bits=96 2>&1 | FileCheck %s --check-prefix=BITS

// BITS: error: kiln-outline-kernels: vector-bits must be 128, 256 or 512, not 96

// A 24x48 by 48x40 matmul with a bias takes the tiled structure. 256-bit
// vectors: panels of 16 columns (two vectors), micro-kernel of 6 rows (12
// accumulators of the 16 registers), and the 48x40 rhs is packed into 3
// panels of 48 x 16. 512-bit: panels of 32 columns, 8 rows (16
// accumulators of 32 registers). One slice of k, and the bias is added in
// registers (TiledEpilogue.h): no accumulator block.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<24x48xf32> {llvm.noalias}, %[[W:.*]]: memref<48x40xf32> {llvm.noalias}, %[[B:.*]]: memref<40xf32> {llvm.noalias}, %[[Y:.*]]: memref<24x40xf32> {llvm.noalias}, %{{.*}}: index)
// AVX2: %[[P:.*]] = memref.alloca() {alignment = 64 : i64} : memref<3x48x16xf32>
// AVX512: %[[P:.*]] = memref.alloca() {alignment = 64 : i64} : memref<2x48x32xf32>
// CHECK-NOT: memref.alloca
// CHECK-NOT: memref.prefetch
// CHECK-DAG: %[[BIAS:.*]] = memref.collapse_shape %[[B]] {{\[}}[0]] : memref<40xf32> into memref<40xf32>
// CHECK-DAG: %[[OUT:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1]] : memref<24x40xf32> into memref<960xf32>
// The lhs is read as one dim, at row offsets plus k; so is the rhs.
// CHECK-DAG: %[[LHS:.*]] = memref.collapse_shape %[[X]] {{\[}}[0, 1]] : memref<24x48xf32> into memref<1152xf32>
// CHECK-DAG: %[[RHS:.*]] = memref.collapse_shape %[[W]] {{\[}}[0, 1]] : memref<48x40xf32> into memref<1920xf32>
// Packing: each k's row of the rhs lies in one run, copied into the
// panels by vectors: the whole panels in a loop of their own, then the
// panel that ends at column 40, where the tile holds it, by masked loads.
// CHECK: scf.for
// AVX2: %[[V:.*]] = vector.load %[[RHS]][%{{.*}}] : memref<1920xf32>, vector<8xf32>
// AVX512: %[[V:.*]] = vector.load %[[RHS]][%{{.*}}] : memref<1920xf32>, vector<16xf32>
// CHECK: vector.store %[[V]], %[[P]]
// CHECK: %[[PARTIAL:.*]] = arith.cmpi ult
// CHECK-NEXT: scf.if %[[PARTIAL]] {
// CHECK: vector.maskedload %[[RHS]]
// The micro-kernel: accumulators carried through the k loop, two panel
// vectors per k, each lhs element broadcast and multiplied into both. With
// one slice of k (48 here) they start at zero. The last panel holds 8 of
// the 40 columns, at most one vector: its micro-kernels are one vector wide
// (6 or 8 accumulators), the others two.
// CHECK: %[[NARROW:.*]] = arith.cmpi sle, %{{.*}}, %c{{8|16}}{{(_[0-9]+)?}} : index
// CHECK-NEXT: scf.if %[[NARROW]] {
// AVX2: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// AVX512: scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// CHECK: } else {
// AVX2: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// AVX2: %[[V0:.*]] = vector.load %{{.*}} : memref<?xf32>, vector<8xf32>
// AVX2: %[[V1:.*]] = vector.load %{{.*}} : memref<?xf32>, vector<8xf32>
// AVX2: %[[A:.*]] = memref.load %[[LHS]]
// AVX2: %[[S:.*]] = vector.broadcast %[[A]] : f32 to vector<8xf32>
// AVX2: math.fma %[[S]], %[[V0]], %{{.*}} : vector<8xf32>
// AVX2: math.fma %[[S]], %[[V1]], %{{.*}} : vector<8xf32>
// AVX512: scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// AVX512: math.fma {{.*}} : vector<16xf32>
// CHECK: scf.yield
// The final sums get the bias, a vector of it per vector of sums, and are
// stored once: whole vectors, and in the panel N cuts short (8 columns) at
// 512 bits, with the bias read under a mask, the first 8 lanes as a vector
// of their own (storeFirstLanes: no masked store); at 256 bits those 8
// columns are one whole vector.
// AVX2: %[[BV:.*]] = vector.load %[[BIAS]][%{{.*}}] : memref<40xf32>, vector<8xf32>
// AVX512: %[[BV:.*]] = vector.load %[[BIAS]][%{{.*}}] : memref<40xf32>, vector<16xf32>
// CHECK: %[[R:.*]] = arith.addf %{{.*}}, %[[BV]]
// CHECK: vector.store %[[R]], %[[OUT]]
// AVX512: vector.maskedload %[[BIAS]]
// AVX512: %[[FIRST:.*]] = vector.extract_strided_slice %{{.*}} {offsets = [0], sizes = [8], strides = [1]} : vector<16xf32> to vector<8xf32>
// AVX512: vector.store %[[FIRST]], %[[OUT]][%{{.*}}] : memref<960xf32>, vector<8xf32>
// CHECK-NOT: vector.maskedstore
// CHECK-NOT: memref.store
func.func @main(%x: tensor<24x48xf32>, %w: tensor<48x40xf32>, %b: tensor<40xf32>) -> tensor<24x40xf32> {
  %0 = hlo.fusion output (%a = %x, %ww = %w, %bb = %b) : (tensor<24x48xf32>, tensor<48x40xf32>, tensor<40xf32>) -> tensor<24x40xf32> {
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<24x48xf32>, tensor<48x40xf32>) -> tensor<24x40xf32>
    %bias = hlo.broadcast_in_dim %bb, dims = [1] : (tensor<40xf32>) -> tensor<24x40xf32>
    %s = hlo.add %d, %bias : tensor<24x40xf32>
    hlo.return %s : tensor<24x40xf32>
  }
  return %0 : tensor<24x40xf32>
}

// -----

// A contracting range longer than any slice (1100 > 512): the block is
// zeroed, and each slice's micro-kernels add to it; the last slice's sums,
// final, go to the output instead (the fusion returns the dot alone). 16
// columns fill the 256-bit panel, plain stores; at 512 bits they take
// one-vector micro-kernels, whose vector is whole: no store is masked. The rhs is packed per call (an
// argument, not declared unchanged): each micro-kernel fetches its share
// of the next slice's rows into the caches, one per k in a first loop
// over its share, for packing to read there; the rest of its k loop
// fetches nothing. With the cache ready there is nothing to fetch.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<4x1100xf32> {llvm.noalias}, %{{.*}}: memref<1100x16xf32> {llvm.noalias}, %[[Y:.*]]: memref<4x16xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK: %[[READY:.*]] = memref.load %{{.*}}[%c0] : memref<1xi32>
// CHECK: %[[C:.*]] = memref.alloca() {alignment = 64 : i64} : memref<{{.*}}x{{.*}}xf32>
// CHECK: %[[OUT:.*]] = memref.collapse_shape %[[Y]] {{\[}}[0, 1]] : memref<4x16xf32> into memref<64xf32>
// CHECK: %[[RHS:.*]] = memref.collapse_shape %{{.*}} {{\[}}[0, 1]] : memref<1100x16xf32> into memref<17600xf32>
// CHECK: memref.store %{{.*}}, %[[C]]
// CHECK: %[[ACC:.*]] = vector.load %[[C]]
// CHECK: %[[PACKING:.*]] = arith.cmpi ne, %[[READY]], %c{{[0-9]+}}_i32{{(_[0-9]+)?}} : i32
// CHECK: %[[ROWS:.*]] = arith.select %[[PACKING]], %{{.*}}, %c0{{(_[0-9]+)?}} : index
// CHECK: %[[SUMS:.*]]:8 = scf.for %{{.*}} = %c0{{(_[0-9]+)?}} to %[[FETCHED:[0-9]+]] step %{{.*}} iter_args(%{{.*}} = %[[ACC]]
// CHECK-NOT: scf.if
// CHECK: memref.prefetch %[[RHS]][%{{.*}}], read, locality<1>, data : memref<17600xf32>
// CHECK: math.fma
// CHECK: scf.yield
// CHECK: scf.for %{{.*}} = %[[FETCHED]] to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %[[SUMS]]#0,
// CHECK-NOT: memref.prefetch
// CHECK: math.fma
// CHECK: scf.yield
// CHECK: %[[LAST:.*]] = arith.cmpi eq, %{{.*}}, %c1100{{(_[0-9]+)?}} : index
// CHECK-NEXT: scf.if %[[LAST]] {
// CHECK-NOT: vector.maskedstore
// AVX2: vector.store %{{.*}}, %[[OUT]][%{{.*}}] : memref<64xf32>, vector<8xf32>
// AVX512: vector.store %{{.*}}, %[[OUT]][%{{.*}}] : memref<64xf32>, vector<16xf32>
// CHECK: } else {
// CHECK: vector.store %{{.*}}, %[[C]]
// CHECK-NOT: memref.load %[[C]]
// CHECK: return
func.func @main(%x: tensor<4x1100xf32>, %w: tensor<1100x16xf32>) -> tensor<4x16xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<4x1100xf32>, tensor<1100x16xf32>) -> tensor<4x16xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<4x1100xf32>, tensor<1100x16xf32>) -> tensor<4x16xf32>
    hlo.return %d : tensor<4x16xf32>
  }
  return %0 : tensor<4x16xf32>
}

// -----

// The same product with weights the graph computes (no argument, so no
// weights cache): every call packs them, and the micro-kernels fetch the
// next slice's rows whenever there is a next slice, no cache state read.
// Each fetch names the last float of a line of the panel's row (15, and 31
// at 512 bits, clamped to the 16 columns), so that a row off a cache line
// has each line it ends in fetched.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_1(%{{.*}}: memref<4x1100xf32> {llvm.noalias}, %{{.*}}: memref<1100x16xf32> {llvm.noalias}, %{{.*}}: memref<4x16xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK-NOT: memref<1xi32>
// CHECK-NOT: arith.select
// CHECK: scf.for %{{.*}} = %c0{{(_[0-9]+)?}} to %[[FETCHED:[0-9]+]] step %{{.*}} iter_args
// CHECK: %[[END:.*]] = arith.addi %{{.*}}, %c15{{(_[0-9]+)?}} : index
// CHECK: arith.minsi %[[END]], %c15{{(_[0-9]+)?}} : index
// CHECK: memref.prefetch %{{.*}}[%{{.*}}], read, locality<1>, data : memref<17600xf32>
// AVX512: %[[END2:.*]] = arith.addi %{{.*}}, %c31{{(_[0-9]+)?}} : index
// AVX512: arith.minsi %[[END2]], %c15{{(_[0-9]+)?}} : index
// AVX512: memref.prefetch %{{.*}}[%{{.*}}], read, locality<1>, data : memref<17600xf32>
// CHECK: scf.for %{{.*}} = %[[FETCHED]] to
// CHECK-NOT: memref.prefetch
// CHECK: math.fma
func.func @main(%x: tensor<4x1100xf32>, %w: tensor<1100x16xf32>) -> tensor<4x16xf32> {
  %e = hlo.fusion loop (%ww = %w) : (tensor<1100x16xf32>) -> tensor<1100x16xf32> {
    %n = hlo.negate %ww : tensor<1100x16xf32>
    hlo.return %n : tensor<1100x16xf32>
  }
  %0 = hlo.fusion output (%a = %x, %b = %e) : (tensor<4x1100xf32>, tensor<1100x16xf32>) -> tensor<4x16xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<4x1100xf32>, tensor<1100x16xf32>) -> tensor<4x16xf32>
    hlo.return %d : tensor<4x16xf32>
  }
  return %0 : tensor<4x16xf32>
}

// -----

// The dot alone, returned twice: the micro-kernels store their sums to
// both outputs, with no accumulator block and no epilogue. The panel that
// N cuts short stores its 8 columns as a vector of 8 at 512 bits, and at
// 256 bits as one whole vector (it takes one-vector micro-kernels); the
// two-vector micro-kernels' stores for it, never run, store their first
// vector whole and leave the second out.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%{{.*}}: memref<20x48xf32> {llvm.noalias}, %{{.*}}: memref<48x40xf32> {llvm.noalias}, %[[Y0:.*]]: memref<20x40xf32> {llvm.noalias}, %[[Y1:.*]]: memref<20x40xf32> {llvm.noalias}, %{{.*}}: index)
// AVX2: memref.alloca() {alignment = 64 : i64} : memref<3x48x16xf32>
// AVX512: memref.alloca() {alignment = 64 : i64} : memref<2x48x32xf32>
// CHECK-NOT: memref.alloca
// CHECK-DAG: %[[OUT1:.*]] = memref.collapse_shape %[[Y1]] {{\[}}[0, 1]] : memref<20x40xf32> into memref<800xf32>
// CHECK-DAG: %[[OUT0:.*]] = memref.collapse_shape %[[Y0]] {{\[}}[0, 1]] : memref<20x40xf32> into memref<800xf32>
// CHECK: scf.yield
// CHECK: %[[WHOLE:.*]] = arith.cmpi sle, %{{.*}}, %c40{{(_[0-9]+)?}} : index
// CHECK-NEXT: scf.if %[[WHOLE]] {
// CHECK: vector.store %[[S:.*]], %[[OUT0]][%[[AT:.*]]] : memref<800xf32>
// CHECK-NEXT: vector.store %[[S]], %[[OUT1]][%[[AT]]] : memref<800xf32>
// CHECK: } else {
// AVX2: vector.store %[[MS:.*]], %[[OUT0]][%[[MAT:.*]]] : memref<800xf32>, vector<8xf32>
// AVX2-NEXT: vector.store %[[MS]], %[[OUT1]][%[[MAT]]] : memref<800xf32>, vector<8xf32>
// AVX512: vector.extract_strided_slice %{{.*}} {offsets = [0], sizes = [8], strides = [1]} : vector<16xf32> to vector<8xf32>
// AVX512-NEXT: vector.store %{{.*}}, %[[OUT0]][%[[MAT:.*]]] : memref<800xf32>, vector<8xf32>
// AVX512-NEXT: vector.extract_strided_slice
// AVX512-NEXT: vector.store %{{.*}}, %[[OUT1]][%[[MAT]]] : memref<800xf32>, vector<8xf32>
// CHECK-NOT: vector.maskedstore
// CHECK-NOT: memref.store
// CHECK: return
func.func @main(%x: tensor<20x48xf32>, %w: tensor<48x40xf32>) -> (tensor<20x40xf32>, tensor<20x40xf32>) {
  %0:2 = hlo.fusion output (%a = %x, %ww = %w) : (tensor<20x48xf32>, tensor<48x40xf32>) -> (tensor<20x40xf32>, tensor<20x40xf32>) {
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32>
    hlo.return %d, %d : tensor<20x40xf32>, tensor<20x40xf32>
  }
  return %0#0, %0#1 : tensor<20x40xf32>, tensor<20x40xf32>
}

// -----

// Batched, with the rhs contracted along its last dim (q k^T): packing
// reads the rhs transposed, element by element; the lhs is indexed
// [batch, row, k]. The 8 columns fill part of the panel, whose columns
// past N are zeroed first, for the micro-kernels to read zeros there.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[Q:.*]]: memref<2x8x4xf32> {llvm.noalias}, %[[K:.*]]: memref<2x8x4xf32> {llvm.noalias}
// CHECK: %[[P:.*]] = memref.alloca() {alignment = 64 : i64} : memref<1x4x{{16|32}}xf32>
// CHECK: %[[LHS:.*]] = memref.collapse_shape %[[Q]] {{\[}}[0, 1, 2]] : memref<2x8x4xf32> into memref<64xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: memref.store %[[ZERO]], %[[P]][
// CHECK: memref.load %[[K]][%{{.*}}, %[[N:.*]], %[[KK:.*]]] : memref<2x8x4xf32>
// CHECK: memref.load %[[LHS]][%{{.*}}] : memref<64xf32>
// CHECK: math.fma
func.func @main(%q: tensor<2x8x4xf32>, %k: tensor<2x8x4xf32>) -> tensor<2x8x8xf32> {
  %0 = hlo.fusion output (%a = %q, %b = %k) : (tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x8xf32> {
    %d = hlo.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [2] : (tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x8xf32>
    hlo.return %d : tensor<2x8x8xf32>
  }
  return %0 : tensor<2x8x8xf32>
}

// -----

// Several free and contracting dims: [2, 3] rows by [5, 4] contracting.
// CHECK-LABEL: func.func @main
// CHECK: memref.collapse_shape %{{.*}} {{\[}}[0, 1, 2, 3]] : memref<2x3x5x4xf32> into memref<120xf32>
// CHECK: vector.broadcast
func.func @main(%x: tensor<2x3x5x4xf32>, %w: tensor<5x4x7xf32>) -> tensor<2x3x7xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<2x3x5x4xf32>, tensor<5x4x7xf32>) -> tensor<2x3x7xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [2, 3] x [0, 1] : (tensor<2x3x5x4xf32>, tensor<5x4x7xf32>) -> tensor<2x3x7xf32>
    hlo.return %d : tensor<2x3x7xf32>
  }
  return %0 : tensor<2x3x7xf32>
}

// -----

// Not tiled: an lhs contracted along its first dim (x^T w), an integer dot,
// a single row. They keep the dot-row or loop structures.
// CHECK-LABEL: func.func @main
// CHECK-NOT: vector.broadcast
// CHECK: return
func.func @main(%x: tensor<8x6xf32>, %w: tensor<8x5xf32>, %i: tensor<4x3xi32>, %j: tensor<3x2xi32>, %r: tensor<1x8xf32>, %v: tensor<8x5xf32>) -> (tensor<6x5xf32>, tensor<4x2xi32>, tensor<1x5xf32>) {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<8x6xf32>, tensor<8x5xf32>) -> tensor<6x5xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [0] x [0] : (tensor<8x6xf32>, tensor<8x5xf32>) -> tensor<6x5xf32>
    hlo.return %d : tensor<6x5xf32>
  }
  %1 = hlo.fusion output (%a = %i, %b = %j) : (tensor<4x3xi32>, tensor<3x2xi32>) -> tensor<4x2xi32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<4x3xi32>, tensor<3x2xi32>) -> tensor<4x2xi32>
    hlo.return %d : tensor<4x2xi32>
  }
  %2 = hlo.fusion output (%a = %r, %b = %v) : (tensor<1x8xf32>, tensor<8x5xf32>) -> tensor<1x5xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<1x8xf32>, tensor<8x5xf32>) -> tensor<1x5xf32>
    hlo.return %d : tensor<1x5xf32>
  }
  return %0, %1, %2 : tensor<6x5xf32>, tensor<4x2xi32>, tensor<1x5xf32>
}

// -----

// A bias of one element stretched along the columns (ONNX Gemm's
// single-element bias) is not a bias per column: the registers do not take
// it, and the epilogue reads the accumulator block. Its 20 rows take
// micro-kernels of the rows that cost least (fittedMicroRows): at 256 bits
// 4 of 5 rows, 10 accumulators (4 of 6 rows would cost more); at 512 bits
// 3 of 7 rows, 14 accumulators, which cost as much per k as 4 of 5 (the
// most rows win the tie).
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// AVX2: memref.alloca() {alignment = 64 : i64} : memref<20x48xf32>
// AVX2: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// AVX512: memref.alloca() {alignment = 64 : i64} : memref<21x64xf32>
// AVX512: scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// CHECK: memref.load %{{.*}} : memref<1xf32>
// CHECK: arith.addf %{{.*}}, %{{.*}} : f32
func.func @main(%x: tensor<20x48xf32>, %w: tensor<48x40xf32>, %b: tensor<1xf32>) -> tensor<20x40xf32> {
  %0 = hlo.fusion output (%a = %x, %ww = %w, %bb = %b) : (tensor<20x48xf32>, tensor<48x40xf32>, tensor<1xf32>) -> tensor<20x40xf32> {
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32>
    %bias = hlo.broadcast_in_dim %bb, dims = [1] : (tensor<1xf32>) -> tensor<20x40xf32>
    %s = hlo.add %d, %bias : tensor<20x40xf32>
    hlo.return %s : tensor<20x40xf32>
  }
  return %0 : tensor<20x40xf32>
}

// -----

// Bias and exact GELU, x * 0.5 * (1 + erf(x / sqrt 2)): x feeds two ops, a
// graph rather than a chain. The registers apply it too, erf on vectors
// (kiln-expand-math expands it later, as it does the epilogue's scalars),
// and each vector is stored once: no accumulator block.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK-NOT: memref.alloca() {alignment = 64 : i64} : memref<{{[0-9]+}}x{{[0-9]+}}xf32>
// AVX2: %[[X:.*]] = arith.addf %{{.*}}, %{{.*}} : vector<8xf32>
// AVX2: %[[S:.*]] = arith.divf %[[X]], %{{.*}} : vector<8xf32>
// AVX2: %[[E:.*]] = math.erf %[[S]] : vector<8xf32>
// AVX2: %[[P:.*]] = arith.addf %[[E]], %{{.*}} : vector<8xf32>
// AVX2: %[[H:.*]] = arith.mulf %[[X]], %{{.*}} : vector<8xf32>
// AVX2: %[[G:.*]] = arith.mulf %[[H]], %[[P]] : vector<8xf32>
// AVX2: vector.store %[[G]]
// AVX512: math.erf %{{.*}} : vector<16xf32>
// CHECK-NOT: memref.store
func.func @main(%x: tensor<20x48xf32>, %w: tensor<48x40xf32>, %b: tensor<40xf32>) -> tensor<20x40xf32> {
  %0 = hlo.fusion output (%a = %x, %ww = %w, %bb = %b) : (tensor<20x48xf32>, tensor<48x40xf32>, tensor<40xf32>) -> tensor<20x40xf32> {
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32>
    %bias = hlo.broadcast_in_dim %bb, dims = [1] : (tensor<40xf32>) -> tensor<20x40xf32>
    %xx = hlo.add %d, %bias : tensor<20x40xf32>
    %sqrt2 = hlo.constant dense<1.41421354> : tensor<20x40xf32>
    %half = hlo.constant dense<0.5> : tensor<20x40xf32>
    %one = hlo.constant dense<1.0> : tensor<20x40xf32>
    %s = hlo.divide %xx, %sqrt2 : tensor<20x40xf32>
    %e = hlo.erf %s : tensor<20x40xf32>
    %p = hlo.add %e, %one : tensor<20x40xf32>
    %h = hlo.multiply %xx, %half : tensor<20x40xf32>
    %g = hlo.multiply %h, %p : tensor<20x40xf32>
    hlo.return %g : tensor<20x40xf32>
  }
  return %0 : tensor<20x40xf32>
}

// -----

// Tiles split over the threads: 96 rows take 3 row tiles of 32 at 512 bits
// (4 micro-kernels of 8 rows each at least), one more on one core than on
// the other at 2 threads. Where the rhs is a constant, its panels packed
// while compiling, a row tile more costs nothing: 4 of 24 rows, 4 tasks.
// Where the rhs is an argument, each row tile packs it again: 3 stay. At
// 256 bits both take 4 tiles of 24 rows (4 micro-kernels of 6).
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kiln_launch_0({{.*}}kiln.num_tasks = 4 : i64}
// AVX2: func.func private @kiln_launch_1({{.*}}kiln.num_tasks = 4 : i64}
// AVX512: func.func private @kiln_launch_1({{.*}}kiln.num_tasks = 3 : i64}
func.func @main(%x: tensor<96x64xf32>, %v: tensor<64x16xf32>) -> (tensor<96x16xf32>, tensor<96x16xf32>) {
  %0 = hlo.fusion output (%a = %x) : (tensor<96x64xf32>) -> tensor<96x16xf32> {
    %w = hlo.constant dense<"0x000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F000020BF"> : tensor<64x16xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [0] : (tensor<96x64xf32>, tensor<64x16xf32>) -> tensor<96x16xf32>
    hlo.return %d : tensor<96x16xf32>
  }
  %1 = hlo.fusion output (%a = %x, %b = %v) : (tensor<96x64xf32>, tensor<64x16xf32>) -> tensor<96x16xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<96x64xf32>, tensor<64x16xf32>) -> tensor<96x16xf32>
    hlo.return %d : tensor<96x16xf32>
  }
  return %0, %1 : tensor<96x16xf32>, tensor<96x16xf32>
}

// -----

// A tile is 128 columns at every width (8 panels at 256 bits, 4 at 512),
// and the rows split evenly over the row tiles that the stack allows beside
// the packed slice: at 512 bits 256 rows (slices of 128 k), so 480 rows in
// micro-kernels of 8 take 2 tiles of 240 rather than 256 and 224; at 256
// bits 128 rows (slices of 256 k), rounded up to 132 in micro-kernels of 6,
// 4 tiles of 120 rather than 3 of 132 and one of 84.
// AVX2-LABEL: func.func private @kernel_0(%{{.*}}: memref<480x1024xf32>
// AVX2: memref.alloca() {alignment = 64 : i64} : memref<120x128xf32>
// AVX2: memref.alloca() {alignment = 64 : i64} : memref<8x256x16xf32>
// AVX512-LABEL: func.func private @kernel_0(%{{.*}}: memref<480x1024xf32>
// AVX512: memref.alloca() {alignment = 64 : i64} : memref<240x128xf32>
// AVX512: memref.alloca() {alignment = 64 : i64} : memref<4x128x32xf32>
func.func @main(%x: tensor<480x1024xf32>, %w: tensor<1024x512xf32>) -> tensor<480x512xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<480x1024xf32>, tensor<1024x512xf32>) -> tensor<480x512xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<480x1024xf32>, tensor<1024x512xf32>) -> tensor<480x512xf32>
    hlo.return %d : tensor<480x512xf32>
  }
  return %0 : tensor<480x512xf32>
}

// -----

// Two rows (kMinTiledRows) still take the tiled structure, in micro-kernels
// of 4 rows (kMinFittedMicroRows), not 2: 8 accumulators of two vectors
// keep two FMA pipes of 4 cycles' latency busy, where 2 rows would leave
// them waiting. The narrow last panel's micro-kernels hold 4 accumulators,
// the others 8.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// AVX2: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// AVX2: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// AVX512: scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// AVX512: scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// CHECK: vector.broadcast
// CHECK: math.fma
func.func @main(%x: tensor<2x48xf32>, %w: tensor<48x40xf32>) -> tensor<2x40xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %w) : (tensor<2x48xf32>, tensor<48x40xf32>) -> tensor<2x40xf32> {
    %d = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<2x48xf32>, tensor<48x40xf32>) -> tensor<2x40xf32>
    hlo.return %d : tensor<2x40xf32>
  }
  return %0 : tensor<2x40xf32>
}
