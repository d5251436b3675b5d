// CHLO's special functions, spelled as jax.export prints them, in f32, f64
// and (next_after) f16.
func.func public @main(%x: tensor<16xf32>, %u: tensor<8xf32>,
                       %d: tensor<8xf64>, %h: tensor<8xf16>,
                       %g: tensor<8xf16>)
    -> (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
        tensor<16xf32>, tensor<8xf64>, tensor<8xf64>, tensor<8xf64>,
        tensor<8xf64>, tensor<8xf16>, tensor<16xf32>) {
  %0 = chlo.lgamma %x : tensor<16xf32> -> tensor<16xf32>
  %1 = chlo.digamma %x : tensor<16xf32> -> tensor<16xf32>
  %2 = chlo.erfc %x : tensor<16xf32> -> tensor<16xf32>
  %3 = chlo.bessel_i1e %x : tensor<16xf32> -> tensor<16xf32>
  %4 = chlo.asinh %x : tensor<16xf32> -> tensor<16xf32>
  %5 = chlo.sinh %x : tensor<16xf32> -> tensor<16xf32>
  %6 = chlo.cosh %x : tensor<16xf32> -> tensor<16xf32>
  %7 = chlo.atan %x : tensor<16xf32> -> tensor<16xf32>
  %8 = chlo.asin %u : tensor<8xf32> -> tensor<8xf32>
  %9 = chlo.acos %u : tensor<8xf32> -> tensor<8xf32>
  %10 = chlo.atanh %u : tensor<8xf32> -> tensor<8xf32>
  %11 = chlo.erf_inv %u : tensor<8xf32> -> tensor<8xf32>
  %one = stablehlo.constant dense<1.0> : tensor<16xf32>
  %abs = stablehlo.abs %x : tensor<16xf32>
  %above = stablehlo.add %abs, %one : tensor<16xf32>
  %12 = chlo.acosh %above : tensor<16xf32> -> tensor<16xf32>
  %13 = chlo.lgamma %d : tensor<8xf64> -> tensor<8xf64>
  %14 = chlo.digamma %d : tensor<8xf64> -> tensor<8xf64>
  %hundred = stablehlo.constant dense<100.0> : tensor<8xf64>
  %scaled = stablehlo.divide %d, %hundred : tensor<8xf64>
  %minus = stablehlo.constant dense<-1.0> : tensor<8xf64>
  %plus = stablehlo.constant dense<1.0> : tensor<8xf64>
  %clipped = stablehlo.clamp %minus, %scaled, %plus : tensor<8xf64>
  %15 = chlo.erf_inv %clipped : tensor<8xf64> -> tensor<8xf64>
  %16 = chlo.bessel_i1e %d : tensor<8xf64> -> tensor<8xf64>
  %17 = chlo.next_after %h, %g : tensor<8xf16>, tensor<8xf16> -> tensor<8xf16>
  %18 = chlo.next_after %x, %one : tensor<16xf32>, tensor<16xf32> -> tensor<16xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15,
      %16, %17, %18 : tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
      tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
      tensor<16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
      tensor<8xf32>, tensor<16xf32>, tensor<8xf64>, tensor<8xf64>,
      tensor<8xf64>, tensor<8xf64>, tensor<8xf16>, tensor<16xf32>
}
