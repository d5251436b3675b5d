// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" --canonicalize --cse | FileCheck %s

// A sum of squares over the leading dims [0, 1] of 6x3x20, halved: the
// column structure. The 20 kept columns (at least a vector of 8 wide) get
// f64 accumulators on the stack; the 18 reduced rows are folded in memory
// order, 4 per pass over the columns (one load and store of each
// accumulator per pass, the rows added in order between), then the 2 left
// over; each square is rounded to f32 before it is added, as the
// interpreter computes it. The roots come from the accumulators rounded
// once.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<6x3x20xf32> {llvm.noalias}, %[[Y:.*]]: memref<20xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK: %[[ACC:.*]] = memref.alloca() {alignment = 64 : i64} : memref<20xf64>
// CHECK: scf.for %[[J0:.*]] =
// CHECK: memref.store %{{.*}}, %[[ACC]][%[[J0]]] : memref<20xf64>
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1 {
// CHECK: scf.for %[[J:.*]] =
// CHECK: %[[S0:.*]] = memref.load %[[ACC]][%[[J]]] : memref<20xf64>
// CHECK: %[[E0:.*]] = memref.load %[[X]][%{{.*}}, %{{.*}}, %[[J]]]
// CHECK: %[[Q0:.*]] = arith.mulf %[[E0]], %[[E0]] : f32
// CHECK: %[[W0:.*]] = arith.extf %[[Q0]] : f32 to f64
// CHECK: %[[S1:.*]] = arith.addf %[[S0]], %[[W0]] : f64
// CHECK-COUNT-3: arith.addf %{{.*}} : f64
// CHECK: memref.store %{{.*}}, %[[ACC]][%[[J]]] : memref<20xf64>
// The last two rows, (5, 1) and (5, 2).
// CHECK: scf.for %[[JT:.*]] =
// CHECK: memref.load %[[X]][%c5, %c1, %[[JT]]]
// CHECK: memref.load %[[X]][%c5, %c2, %[[JT]]]
// CHECK: scf.for %[[JR:.*]] =
// CHECK: %[[T:.*]] = memref.load %[[ACC]][%[[JR]]] : memref<20xf64>
// CHECK: %[[R:.*]] = arith.truncf %[[T]] : f64 to f32
// CHECK: %[[H:.*]] = arith.mulf %[[R]], %{{.*}} : f32
// CHECK: memref.store %[[H]], %[[Y]][%[[JR]]]
func.func @main(%x: tensor<6x3x20xf32>) -> tensor<20xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<6x3x20xf32>) -> tensor<20xf32> {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %sq = hlo.multiply %a, %a : tensor<6x3x20xf32>
    %sum = hlo.reduce(%sq init: %zero) applies hlo.add across dimensions = [0, 1] : (tensor<6x3x20xf32>, tensor<f32>) -> tensor<20xf32>
    %half = hlo.constant dense<5.000000e-01> : tensor<20xf32>
    %y = hlo.multiply %sum, %half : tensor<20xf32>
    hlo.return %y : tensor<20xf32>
  }
  return %0 : tensor<20xf32>
}

// -----

// A max over dim 0 keeping rows of 2 x 12: f32 accumulators through the
// reduce's body; units are (kept row, block), split into tasks.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<9x2x12xf32> {llvm.noalias}
// CHECK: %[[ACC:.*]] = memref.alloca() {alignment = 64 : i64} : memref<12xf32>
// CHECK: scf.for %[[UNIT:.*]] =
// CHECK: scf.for %[[J:.*]] =
// CHECK: %[[M:.*]] = memref.load %[[ACC]][%[[J]]] : memref<12xf32>
// CHECK: %[[E:.*]] = memref.load %[[X]][%{{.*}}, %[[UNIT]], %[[J]]]
// CHECK: arith.maximumf %[[M]], %[[E]] : f32
func.func @main(%x: tensor<9x2x12xf32>) -> tensor<2x12xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<9x2x12xf32>) -> tensor<2x12xf32> {
    %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
    %max = hlo.reduce(%a init: %ninf) applies hlo.maximum across dimensions = [0] : (tensor<9x2x12xf32>, tensor<f32>) -> tensor<2x12xf32>
    hlo.return %max : tensor<2x12xf32>
  }
  return %0 : tensor<2x12xf32>
}

// -----

// Not the column structure: kept rows narrower than a vector (6 < 8), a
// reduce over a trailing dim (the row structure), and a fusion that also
// returns a value of the input's shape. Each keeps its structure: an
// accumulator carried through a loop per output element.
// CHECK-LABEL: func.func @main
// CHECK-NOT: memref<6xf64>
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (f64)
// CHECK-NOT: memref.alloca() {alignment = 64 : i64} : memref<16xf64>
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (f32)
// CHECK-NOT: memref.alloca() {alignment = 64 : i64} : memref<16xf64>
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (f64)
func.func @main(%x: tensor<4x6xf32>, %y: tensor<16x16xf32>, %z: tensor<5x16xf32>) -> (tensor<6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<5x16xf32>) {
  %0 = hlo.fusion input (%a = %x) : (tensor<4x6xf32>) -> tensor<6xf32> {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %s = hlo.reduce(%a init: %zero) applies hlo.add across dimensions = [0] : (tensor<4x6xf32>, tensor<f32>) -> tensor<6xf32>
    hlo.return %s : tensor<6xf32>
  }
  %1 = hlo.fusion input (%a = %y) : (tensor<16x16xf32>) -> tensor<16xf32> {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %s = hlo.reduce(%a init: %zero) applies hlo.add across dimensions = [1] : (tensor<16x16xf32>, tensor<f32>) -> tensor<16xf32>
    hlo.return %s : tensor<16xf32>
  }
  %2:2 = hlo.fusion input (%a = %z) : (tensor<5x16xf32>) -> (tensor<16xf32>, tensor<5x16xf32>) {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %e = hlo.exponential %a : tensor<5x16xf32>
    %s = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [0] : (tensor<5x16xf32>, tensor<f32>) -> tensor<16xf32>
    hlo.return %s, %e : tensor<16xf32>, tensor<5x16xf32>
  }
  return %0, %1#0, %1#0, %2#1 : tensor<6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<5x16xf32>
}
