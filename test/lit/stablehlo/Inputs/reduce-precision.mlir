// reduce_precision to f16's format (e5m10), bf16's (e8m7) and one without
// mantissa bits (e5m0), on f32; e5m10 on f64.
func.func public @main(%x: tensor<10xf32>, %d: tensor<10xf64>)
    -> (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<10xf64>) {
  %0 = stablehlo.reduce_precision %x, format = e5m10 : tensor<10xf32>
  %1 = stablehlo.reduce_precision %x, format = e8m7 : tensor<10xf32>
  %2 = stablehlo.reduce_precision %x, format = e5m0 : tensor<10xf32>
  %3 = stablehlo.reduce_precision %d, format = e5m10 : tensor<10xf64>
  return %0, %1, %2, %3 : tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<10xf64>
}
