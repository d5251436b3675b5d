// RUN: kiln-opt %s --kiln-outline-kernels --canonicalize --cse | FileCheck %s

// A pad-free depthwise 3x3 convolution (what kiln-pad-windows leaves):
// its nine products are straight-line code, in the kernel's layout order,
// so the kernel's innermost loop is the output row, which LLVM vectorizes.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-NOT: iter_args
// CHECK-COUNT-9: math.fma
// CHECK-NOT: math.fma
// CHECK: return
func.func @main(%x: tensor<1x4x10x10xf32>, %k: tensor<4x1x3x3xf32>) -> tensor<1x4x8x8xf32> {
  %0 = hlo.fusion output (%a = %x, %b = %k) : (tensor<1x4x10x10xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x8x8xf32> {
    %c = hlo.convolution(%a, %b) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 4 : i64} : (tensor<1x4x10x10xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x8x8xf32>
    hlo.return %c : tensor<1x4x8x8xf32>
  }
  return %0 : tensor<1x4x8x8xf32>
}
