func.func public @main(%t: tuple<tensor<4xf32>, tensor<i32>>) -> tensor<4xf32> {
  %a = stablehlo.get_tuple_element %t[0] : (tuple<tensor<4xf32>, tensor<i32>>) -> tensor<4xf32>
  return %a : tensor<4xf32>
}
