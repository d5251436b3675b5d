// Each element's bits read as another type of its width: f32 -> ui32,
// f16 -> i16, i64 -> f64, bf16 -> ui16 (through a bf16 add, so the bits
// come from Kiln's own rounding).
func.func public @main(%f: tensor<5xf32>, %h: tensor<5xf16>, %l: tensor<5xi64>,
                       %b: tensor<5xbf16>)
    -> (tensor<5xui32>, tensor<5xi16>, tensor<5xf64>, tensor<5xui16>) {
  %0 = stablehlo.bitcast_convert %f : (tensor<5xf32>) -> tensor<5xui32>
  %1 = stablehlo.bitcast_convert %h : (tensor<5xf16>) -> tensor<5xi16>
  %2 = stablehlo.bitcast_convert %l : (tensor<5xi64>) -> tensor<5xf64>
  %3 = stablehlo.add %b, %b : tensor<5xbf16>
  %4 = stablehlo.bitcast_convert %3 : (tensor<5xbf16>) -> tensor<5xui16>
  return %0, %1, %2, %4 : tensor<5xui32>, tensor<5xi16>, tensor<5xf64>, tensor<5xui16>
}
