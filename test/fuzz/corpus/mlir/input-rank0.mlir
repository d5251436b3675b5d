func.func @main(%x: tensor<f32>, %y: tensor<f32>) -> tensor<f32> {
  %0 = hlo.multiply %x, %y : tensor<f32>
  return %0 : tensor<f32>
}
