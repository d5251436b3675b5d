func.func @main() -> (tensor<1001xf32>, tensor<2x500xi32>) {
  %0 = hlo.iota dim = 0 : tensor<1001xf32>
  %1 = hlo.iota dim = 1 : tensor<2x500xi32>
  return %0, %1 : tensor<1001xf32>, tensor<2x500xi32>
}
