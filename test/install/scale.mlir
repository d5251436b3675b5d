// y = 2 * x + b: the model the install test compiles and runs.
func.func @main(%x: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %two = hlo.constant dense<2.0> : tensor<2x3xf32>
  %0 = hlo.multiply %x, %two : tensor<2x3xf32>
  %1 = hlo.broadcast_in_dim %b, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
  %2 = hlo.add %0, %1 : tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}
