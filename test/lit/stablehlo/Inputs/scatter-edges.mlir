// Edges of scatter, hand-derived: a 1x2 window at (1, 2) updates (1, 2) and
// skips (1, 3), which lies outside; a start of 2^63 - 1 wraps past the end
// and is skipped; a body that is not commutative ((a * 2 + b) at index 1
// twice) shows that updates apply in row-major order; empty index vectors
// put every update at the start, so three rows add up into one.
func.func public @main() -> (tensor<2x3xf32>, tensor<4xi32>, tensor<4xf32>) {
  %x = stablehlo.constant dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]> : tensor<2x3xf32>
  %i = stablehlo.constant dense<[[1, 2], [0, 9223372036854775807]]> : tensor<2x2xi64>
  %u = stablehlo.constant dense<[[[10.0, 20.0]], [[30.0, 40.0]]]> : tensor<2x1x2xf32>
  %0 = "stablehlo.scatter"(%x, %i, %u) <{scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1, 2], scatter_dims_to_operand_dims = [0, 1], index_vector_dim = 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = stablehlo.add %a, %b : tensor<f32>
    stablehlo.return %s : tensor<f32>
  }) : (tensor<2x3xf32>, tensor<2x2xi64>, tensor<2x1x2xf32>) -> tensor<2x3xf32>
  %y = stablehlo.constant dense<[1, 2, 3, 4]> : tensor<4xi32>
  %j = stablehlo.constant dense<[[1], [3], [1], [-1], [4]]> : tensor<5x1xi32>
  %v = stablehlo.constant dense<[10, 20, 30, 40, 50]> : tensor<5xi32>
  %1 = "stablehlo.scatter"(%y, %j, %v) <{scatter_dimension_numbers = #stablehlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>}> ({
  ^bb0(%a: tensor<i32>, %b: tensor<i32>):
    %two = stablehlo.constant dense<2> : tensor<i32>
    %p = stablehlo.multiply %a, %two : tensor<i32>
    %s = stablehlo.add %p, %b : tensor<i32>
    stablehlo.return %s : tensor<i32>
  }) : (tensor<4xi32>, tensor<5x1xi32>, tensor<5xi32>) -> tensor<4xi32>
  %z = stablehlo.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %k = stablehlo.constant dense<> : tensor<3x0xi64>
  %w = stablehlo.constant dense<[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0]]> : tensor<3x4xf32>
  %2 = "stablehlo.scatter"(%z, %k, %w) <{scatter_dimension_numbers = #stablehlo.scatter<update_window_dims = [1], index_vector_dim = 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = stablehlo.add %a, %b : tensor<f32>
    stablehlo.return %s : tensor<f32>
  }) : (tensor<4xf32>, tensor<3x0xi64>, tensor<3x4xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<4xi32>, tensor<4xf32>
}
