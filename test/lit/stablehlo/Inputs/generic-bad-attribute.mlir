func.func public @main(%x: tensor<2xf32>) -> tensor<2xi1> {
  %0 = "stablehlo.compare"(%x, %x) <{comparison_direction = 3 : i32}> : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}
