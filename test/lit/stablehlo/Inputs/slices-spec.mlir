// The examples of StableHLO's specification (docs/spec.md) for reverse,
// dynamic_slice and dynamic_update_slice: start indices (-1, 3) clamp to
// (0, 2).
func.func public @main() -> (tensor<3x2xi32>, tensor<2x2xi32>, tensor<4x4xi32>) {
  %operand = stablehlo.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi32>
  %reversed = stablehlo.reverse %operand, dims = [1] : tensor<3x2xi32>
  %m = stablehlo.constant dense<[[0, 0, 1, 1], [0, 0, 1, 1], [0, 0, 0, 0], [0, 0, 0, 0]]> : tensor<4x4xi32>
  %i = stablehlo.constant dense<-1> : tensor<i64>
  %j = stablehlo.constant dense<3> : tensor<i64>
  %slice = stablehlo.dynamic_slice %m, %i, %j, sizes = [2, 2] : (tensor<4x4xi32>, tensor<i64>, tensor<i64>) -> tensor<2x2xi32>
  %u = stablehlo.constant dense<[[1, 1, 0, 0], [1, 1, 0, 0], [1, 1, 1, 1], [1, 1, 1, 1]]> : tensor<4x4xi32>
  %ones = stablehlo.constant dense<1> : tensor<2x2xi32>
  %updated = stablehlo.dynamic_update_slice %u, %ones, %i, %j : (tensor<4x4xi32>, tensor<2x2xi32>, tensor<i64>, tensor<i64>) -> tensor<4x4xi32>
  return %reversed, %slice, %updated : tensor<3x2xi32>, tensor<2x2xi32>, tensor<4x4xi32>
}
