func.func @main(%x: tensor<100000000000xf32>) -> tensor<100000000000xf32> {
  %0 = hlo.add %x, %x : tensor<100000000000xf32>
  return %0 : tensor<100000000000xf32>
}
