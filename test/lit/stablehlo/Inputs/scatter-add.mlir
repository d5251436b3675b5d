// x.at[ids].add(u * 2) + 1, as jax.export prints the scatter: rows of x
// updated at run-time indices, some repeated and some outside x.
func.func public @main(%x: tensor<10x4xf32>, %ids: tensor<6x1xi32>, %u: tensor<6x4xf32>) -> tensor<10x4xf32> {
  %two = stablehlo.constant dense<2.0> : tensor<6x4xf32>
  %scaled = stablehlo.multiply %u, %two : tensor<6x4xf32>
  %sum = "stablehlo.scatter"(%x, %ids, %scaled) <{scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = stablehlo.add %a, %b : tensor<f32>
    stablehlo.return %s : tensor<f32>
  }) : (tensor<10x4xf32>, tensor<6x1xi32>, tensor<6x4xf32>) -> tensor<10x4xf32>
  %one = stablehlo.constant dense<1.0> : tensor<10x4xf32>
  %result = stablehlo.add %sum, %one : tensor<10x4xf32>
  return %result : tensor<10x4xf32>
}
