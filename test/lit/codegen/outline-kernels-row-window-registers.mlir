// RUN: kiln-opt %s --kiln-outline-kernels="vector-bits=256 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=AVX2
// RUN: kiln-opt %s --kiln-outline-kernels="vector-bits=512 l1-bytes=32768" --canonicalize --cse | FileCheck %s --check-prefix=AVX512

// A depthwise 3x3 convolution at stride 2 sums four interior vectors of a
// row at a time, then the row's other vectors. Its group's sums leave
// registers for the 9 weights and a tap's loads (kTapRegisters, 3): with
// AVX-512's 32, the sums of two output rows, which read 5 input rows; with
// AVX2's 16, those of one, which reads 3. Rows of 136 outputs are 17
// vectors of 8: a loop of 4 x 9 FMAs, then 5 vectors; or 9 of 16: the
// loop's one step (2 rows x 4 x 9 FMAs), then 5 vectors of both rows.
// AVX2-LABEL: func.func private @kernel_0(
// AVX2-COUNT-3: arith.select %{{.*}}, %{{.*}}, %{{.*}} : memref<?xf32>
// AVX2-NOT: arith.select %{{.*}} : memref<?xf32>
// AVX2: scf.for %{{.*}} = %c8 to %c104 step %c32
// AVX2-COUNT-36: math.fma %{{.*}} : vector<8xf32>
// AVX2-COUNT-4: vector.store %{{.*}} : memref<1088xf32>, vector<8xf32>
// AVX2-NEXT: }
// AVX2-COUNT-45: math.fma %{{.*}} : vector<8xf32>
// AVX2-COUNT-5: vector.store %{{.*}} : memref<1088xf32>, vector<8xf32>
// AVX2-NOT: math.fma
// AVX512-LABEL: func.func private @kernel_0(
// AVX512-COUNT-5: arith.select %{{.*}}, %{{.*}}, %{{.*}} : memref<?xf32>
// AVX512-NOT: arith.select %{{.*}} : memref<?xf32>
// AVX512-COUNT-72: math.fma %{{.*}} : vector<16xf32>
// AVX512-COUNT-8: vector.store %{{.*}} : memref<1088xf32>, vector<16xf32>
// AVX512-COUNT-90: math.fma %{{.*}} : vector<16xf32>
// AVX512-COUNT-10: vector.store %{{.*}} : memref<1088xf32>, vector<16xf32>
// AVX512-NOT: math.fma
func.func @main(%x: tensor<1x2x8x272xf32>, %k: tensor<2x1x3x3xf32>) -> tensor<1x2x4x136xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x2x8x272xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x4x136xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 2], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x2x8x272xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x4x136xf32>
    hlo.return %c : tensor<1x2x4x136xf32>
  }
  return %0 : tensor<1x2x4x136xf32>
}
