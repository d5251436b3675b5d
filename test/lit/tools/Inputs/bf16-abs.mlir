// bf16 arithmetic that LLVM's instcombine narrows back to bf16: abs of a
// widened bf16 becomes a bf16 fabs, which x86 computes in f32 and rounds
// with a call to __truncsfbf2 where the CPU has no AVX512-BF16.
func.func @main(%a: tensor<5x7xf32>) -> tensor<5x7xf32> {
  %0 = hlo.convert %a : (tensor<5x7xf32>) -> tensor<5x7xbf16>
  %1 = hlo.abs %0 : tensor<5x7xbf16>
  %2 = hlo.add %0, %1 : tensor<5x7xbf16>
  %3 = hlo.convert %2 : (tensor<5x7xbf16>) -> tensor<5x7xf32>
  return %3 : tensor<5x7xf32>
}
