// chlo.top_k as JAX writes it (jax.lax.top_k): f32 with NaNs, signed zeros
// and ties along the last dimension of a 3x8 operand; ui8, where 200 is
// larger than 100; a 1-D operand with k equal to its size.
func.func public @main(%x: tensor<3x8xf32>, %u: tensor<2x6xui8>, %v: tensor<5xi32>) -> (tensor<3x3xf32>, tensor<3x3xi32>, tensor<2x2xui8>, tensor<2x2xi32>, tensor<5xi32>, tensor<5xi32>) {
  %values, %indices = chlo.top_k(%x, k = 3) : tensor<3x8xf32> -> (tensor<3x3xf32>, tensor<3x3xi32>)
  %uv, %ui = chlo.top_k(%u, k = 2) : tensor<2x6xui8> -> (tensor<2x2xui8>, tensor<2x2xi32>)
  %vv, %vi = chlo.top_k(%v, k = 5) : tensor<5xi32> -> (tensor<5xi32>, tensor<5xi32>)
  return %values, %indices, %uv, %ui, %vv, %vi : tensor<3x3xf32>, tensor<3x3xi32>, tensor<2x2xui8>, tensor<2x2xi32>, tensor<5xi32>, tensor<5xi32>
}
