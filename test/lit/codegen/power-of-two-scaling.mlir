// exp's 2^k in one instruction on AVX-512 (PowerOfTwoScalingPass,
// compiler/PowerOfTwoScaling.cpp): after LLVM vectorizes exp, its two
// factors 2^(k >> 1) 2^(k - (k >> 1)), and logistic's 2^(k + 64) 2^-64 (its
// exp of -|x|), become one `vscalefps` a vector of 16. AVX2 targets keep
// the factors, built from the exponent bits.
// RUN: kilnc --emit=llvm --mcpu=znver4 %s | FileCheck %s --check-prefix=AVX512
// AVX512-LABEL: define internal void @kernel_0_task(
// AVX512-NOT: fptosi
// AVX512: call <16 x float> @llvm.x86.avx512.mask.scalef.ps.512(
// AVX512-LABEL: define internal void @kernel_1_task(
// AVX512-NOT: fptosi
// AVX512: call <16 x float> @llvm.x86.avx512.mask.scalef.ps.512(
// RUN: kilnc --emit=llvm --mcpu=znver3 %s | FileCheck %s --check-prefix=AVX2
// AVX2-NOT: scalef
// AVX2: fptosi <8 x float> %{{.*}} to <8 x i32>
// AVX2-NOT: scalef
func.func @main(%x: tensor<64x256xf32>) -> (tensor<64x256xf32>, tensor<64x256xf32>) {
  %e = hlo.exponential %x : tensor<64x256xf32>
  %s = hlo.logistic %x : tensor<64x256xf32>
  return %e, %s : tensor<64x256xf32>, tensor<64x256xf32>
}
