// An embedding lookup as JAX prints it (jnp.take on a table, scaled): the
// gather fuses with its consumer; ids outside the table clamp to its ends.
func.func public @main(%table: tensor<10x4xf32>, %ids: tensor<2x3xi32>) -> tensor<2x3x4xf32> {
  %0 = stablehlo.reshape %ids : (tensor<2x3xi32>) -> tensor<2x3x1xi32>
  %1 = "stablehlo.gather"(%table, %0) <{dimension_numbers = #stablehlo.gather<offset_dims = [2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 2>, indices_are_sorted = false, slice_sizes = array<i64: 1, 4>}> : (tensor<10x4xf32>, tensor<2x3x1xi32>) -> tensor<2x3x4xf32>
  %cst = stablehlo.constant dense<2.000000e+00> : tensor<2x3x4xf32>
  %2 = stablehlo.multiply %1, %cst : tensor<2x3x4xf32>
  return %2 : tensor<2x3x4xf32>
}
