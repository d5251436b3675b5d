// RUN: kiln-opt %s --kiln-outline-kernels --kiln-assign-buffers --kiln-expand-math --lower-affine --convert-scf-to-cf --expand-strided-metadata --finalize-memref-to-llvm --convert-math-to-llvm --convert-math-to-libm --convert-arith-to-llvm --convert-index-to-llvm --convert-cf-to-llvm "--convert-func-to-llvm=use-bare-ptr-memref-call-conv=1" --reconcile-unrealized-casts | FileCheck %s

// Every kernel structure lowers to the LLVM dialect with the bare-pointer
// calling convention: one pointer per buffer, noalias kept, the task index
// as i64, no runtime library call (exp is a polynomial).
// CHECK-LABEL: llvm.func @main(
// CHECK-SAME: %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-COUNT-3: llvm.call @kiln_launch_
// CHECK: llvm.func @kiln_launch_0(!llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr)
// CHECK: llvm.func @kernel_0(%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: i64)
// CHECK: llvm.func @kernel_1(
// CHECK: llvm.alloca
// CHECK: llvm.func @kernel_2(
// CHECK-NOT: llvm.call
// CHECK-NOT: expf
func.func @main(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>, %p: tensor<8x16xi1>) -> (tensor<8x16xf32>, tensor<8x4xf32>) {
  %0 = hlo.fusion loop (%a = %x, %b = %p) : (tensor<8x16xf32>, tensor<8x16xi1>) -> tensor<8x16xf32> {
    %e = hlo.exponential %a : tensor<8x16xf32>
    %s = hlo.select %b, %e, %a : tensor<8x16xi1>, tensor<8x16xf32>
    hlo.return %s : tensor<8x16xf32>
  }
  %1 = hlo.fusion output (%a = %0, %ww = %w) : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32> {
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
    hlo.return %d : tensor<8x4xf32>
  }
  %2 = hlo.fusion input (%a = %0) : (tensor<8x16xf32>) -> tensor<8x16xf32> {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %s = hlo.reduce(%a init: %zero) applies hlo.add across dimensions = [1] : (tensor<8x16xf32>, tensor<f32>) -> tensor<8xf32>
    %sb = hlo.broadcast_in_dim %s, dims = [0] : (tensor<8xf32>) -> tensor<8x16xf32>
    %y = hlo.divide %a, %sb : tensor<8x16xf32>
    hlo.return %y : tensor<8x16xf32>
  }
  return %0, %1 : tensor<8x16xf32>, tensor<8x4xf32>
}
