// RUN: kiln-opt %s --kiln-lower-to-llvm | FileCheck %s \
// RUN:   --implicit-check-not=hlo. --implicit-check-not=func.func \
// RUN:   --implicit-check-not=scf. --implicit-check-not=memref.

// The named pipeline from hlo to the LLVM dialect (compiler/Pipeline.cpp's
// buildLoweringPipeline): fusion, one kernel per fusion with its launch, the
// arena, and the C-ABI entry point. Nothing of hlo, func, scf or memref is
// left.
// CHECK-DAG:  llvm.func @kiln_launch(
// CHECK-DAG:  llvm.func internal @kernel_0(
// CHECK-DAG:  llvm.mlir.global external constant @kiln_arena_size(
// CHECK-DAG:  llvm.func @kiln_entry(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
func.func @main(%x: tensor<8x16xf32>, %y: tensor<8x16xf32>) -> tensor<8xf32> {
  %0 = hlo.add %x, %y : tensor<8x16xf32>
  %1 = hlo.exponential %0 : tensor<8x16xf32>
  %zero = hlo.constant dense<0.0> : tensor<f32>
  %2 = hlo.reduce(%1 init: %zero) applies hlo.add across dimensions = [1] : (tensor<8x16xf32>, tensor<f32>) -> tensor<8xf32>
  return %2 : tensor<8xf32>
}
