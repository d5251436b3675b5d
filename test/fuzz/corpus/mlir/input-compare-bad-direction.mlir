func.func @main(%x: tensor<8xf32>) -> tensor<8xi1> {
  %0 = hlo.compare BOGUS, %x, %x, FLOAT : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xi1>
  return %0 : tensor<8xi1>
}
