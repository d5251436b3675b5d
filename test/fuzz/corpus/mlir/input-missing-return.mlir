func.func @main(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = hlo.add %x, %x : tensor<8xf32>
}
