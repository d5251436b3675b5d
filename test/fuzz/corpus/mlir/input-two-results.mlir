func.func @main(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = hlo.negate %x : tensor<3xf32>
  %1 = hlo.add %x, %x : tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}
