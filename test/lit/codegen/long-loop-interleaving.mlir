// Long loops that LLVM vectorizes are interleaved too
// (LongLoopInterleavingPass, compiler/LongLoopInterleaving.cpp): the
// elementwise chain's body, 42 floating-point operations a row element, is
// four vectors an iteration on an AVX-512 target (its two divides four
// times over), where LLVM alone takes one. Each row holds 256 elements, at
// least two interleaved iterations of 4 x 16 lanes.
// RUN: kilnc --emit=llvm --mcpu=znver4 %s | FileCheck %s --check-prefix=LONG
// LONG-LABEL: define internal void @kernel_0_task(
// LONG-COUNT-8: fdiv <16 x float>
// LONG-NOT: fdiv <16 x float>
//
// Rows of 32 elements are too short for it: LLVM's own choice stands.
// RUN: sed 's/8x256/2x32/g' %s > %t.short.mlir
// RUN: kilnc --emit=llvm --mcpu=znver4 %t.short.mlir | FileCheck %s --check-prefix=SHORT
// SHORT-LABEL: define internal void @kernel_0_task(
// SHORT-COUNT-2: fdiv <16 x float>
// SHORT-NOT: fdiv <16 x float>
func.func @main(%a: tensor<8x256xf32>, %b: tensor<8x256xf32>,
                %c: tensor<8x256xf32>) -> tensor<8x256xf32> {
  %sum = hlo.add %a, %b : tensor<8x256xf32>
  %diff = hlo.subtract %a, %c : tensor<8x256xf32>
  %prod = hlo.multiply %sum, %diff : tensor<8x256xf32>
  %hi = hlo.maximum %prod, %c : tensor<8x256xf32>
  %lo = hlo.minimum %sum, %b : tensor<8x256xf32>
  %mag = hlo.abs %lo : tensor<8x256xf32>
  %gate = hlo.logistic %diff : tensor<8x256xf32>
  %quot = hlo.divide %hi, %gate : tensor<8x256xf32>
  %gt = hlo.compare GT, %quot, %mag, FLOAT : (tensor<8x256xf32>, tensor<8x256xf32>) -> tensor<8x256xi1>
  %pick = hlo.select %gt, %quot, %mag : tensor<8x256xi1>, tensor<8x256xf32>
  %y = hlo.add %pick, %prod : tensor<8x256xf32>
  return %y : tensor<8x256xf32>
}
