// atan2, tan (as chlo.tan), cbrt, round_nearest_afz, round_nearest_even and
// is_finite, spelled as jax.export prints them.
func.func public @main(%y: tensor<16xf32>, %x: tensor<16xf32>,
                       %h: tensor<8xf16>)
    -> (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>,
        tensor<16xf32>, tensor<16xi1>, tensor<8xf16>, tensor<8xf16>) {
  %0 = stablehlo.atan2 %y, %x : tensor<16xf32>
  %1 = chlo.tan %y : tensor<16xf32> -> tensor<16xf32>
  %2 = stablehlo.cbrt %x : tensor<16xf32>
  %3 = stablehlo.round_nearest_afz %x : tensor<16xf32>
  %4 = stablehlo.round_nearest_even %x : tensor<16xf32>
  %5 = stablehlo.is_finite %x : (tensor<16xf32>) -> tensor<16xi1>
  %6 = stablehlo.round_nearest_even %h : tensor<8xf16>
  %7 = stablehlo.cbrt %h : tensor<8xf16>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<16xf32>, tensor<16xf32>,
      tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xi1>,
      tensor<8xf16>, tensor<8xf16>
}
