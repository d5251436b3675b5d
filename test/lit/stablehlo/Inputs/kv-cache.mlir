// A decoding step's KV cache: the new row is written at position %pos and
// a window of 3 rows ending there is read back (as JAX's lax.dynamic_*
// print); positions out of range clamp.
func.func public @main(%cache: tensor<8x4xf32>, %row: tensor<1x4xf32>, %pos: tensor<i32>) -> (tensor<8x4xf32>, tensor<3x4xf32>) {
  %zero = stablehlo.constant dense<0> : tensor<i32>
  %two = stablehlo.constant dense<2> : tensor<i32>
  %0 = stablehlo.dynamic_update_slice %cache, %row, %pos, %zero : (tensor<8x4xf32>, tensor<1x4xf32>, tensor<i32>, tensor<i32>) -> tensor<8x4xf32>
  %1 = stablehlo.subtract %pos, %two : tensor<i32>
  %2 = stablehlo.dynamic_slice %0, %1, %zero, sizes = [3, 4] : (tensor<8x4xf32>, tensor<i32>, tensor<i32>) -> tensor<3x4xf32>
  %3 = stablehlo.reverse %2, dims = [0] : tensor<3x4xf32>
  return %0, %3 : tensor<8x4xf32>, tensor<3x4xf32>
}
