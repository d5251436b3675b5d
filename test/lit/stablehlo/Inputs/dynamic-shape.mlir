func.func public @main(%x: tensor<2xf32>) -> tensor<?xf32> {
  %0 = stablehlo.convert %x : (tensor<2xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
