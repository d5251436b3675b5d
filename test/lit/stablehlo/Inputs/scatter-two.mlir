// A scatter of two inputs at once, each element by its own rule: the f32
// input takes the update (x.at[i].set, so the last of repeated indices
// wins), the i32 input adds it. The indices are scalars (index_vector_dim
// equal to their rank) and address single elements.
func.func public @main(%a: tensor<8xf32>, %b: tensor<8xi32>, %ids: tensor<5xi64>, %ua: tensor<5xf32>, %ub: tensor<5xi32>) -> (tensor<8xf32>, tensor<8xi32>) {
  %r:2 = "stablehlo.scatter"(%a, %b, %ids, %ua, %ub) <{scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, indices_are_sorted = false, unique_indices = false}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<i32>, %a1: tensor<f32>, %b1: tensor<i32>):
    %s = stablehlo.add %b0, %b1 : tensor<i32>
    stablehlo.return %a1, %s : tensor<f32>, tensor<i32>
  }) : (tensor<8xf32>, tensor<8xi32>, tensor<5xi64>, tensor<5xf32>, tensor<5xi32>) -> (tensor<8xf32>, tensor<8xi32>)
  return %r#0, %r#1 : tensor<8xf32>, tensor<8xi32>
}
