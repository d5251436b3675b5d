func.func @main(%x: tensor<8xf32>, %p: tensor<f32>) -> tensor<6xf32> {
  %0 = hlo.pad %x, %p, low = [9223372036854775807], high = [9223372036854775807], interior = [0] : (tensor<8xf32>, tensor<f32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}
