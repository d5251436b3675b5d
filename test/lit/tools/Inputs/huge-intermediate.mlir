func.func @main(%x: tensor<2xf32>) -> tensor<f32> {
  %z = hlo.constant dense<0.0> : tensor<f32>
  %b = hlo.broadcast_in_dim %x, dims = [1] : (tensor<2xf32>) -> tensor<50000000000x2xf32>
  %e = hlo.exponential %b : tensor<50000000000x2xf32>
  %s = hlo.reduce(%e init: %z) applies hlo.add across dimensions = [0, 1] : (tensor<50000000000x2xf32>, tensor<f32>) -> tensor<f32>
  return %s : tensor<f32>
}
