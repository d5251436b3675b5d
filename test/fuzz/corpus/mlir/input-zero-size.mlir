func.func @main(%x: tensor<0x3xf32>) -> (tensor<0x3xf32>, tensor<3xf32>) {
  %z = hlo.constant dense<0.0> : tensor<f32>
  %0 = hlo.add %x, %x : tensor<0x3xf32>
  %1 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = [0] : (tensor<0x3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0, %1 : tensor<0x3xf32>, tensor<3xf32>
}
