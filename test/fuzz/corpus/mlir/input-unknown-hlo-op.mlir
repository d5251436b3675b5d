func.func @main(%x: tensor<2xi1>) -> tensor<2xi1> {
  %0 = hlo.and %x, %x : tensor<2xi1>
  return %0 : tensor<2xi1>
}
