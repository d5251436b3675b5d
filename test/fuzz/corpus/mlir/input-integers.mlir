func.func @main(%a: tensor<5xi64>, %b: tensor<5xi64>, %p: tensor<5xi1>) -> (tensor<5xi64>, tensor<5xi1>, tensor<5xi32>) {
  %0 = hlo.add %a, %b : tensor<5xi64>
  %1 = hlo.compare LT, %a, %b : (tensor<5xi64>, tensor<5xi64>) -> tensor<5xi1>
  %2 = hlo.multiply %1, %p : tensor<5xi1>
  %3 = hlo.convert %b : (tensor<5xi64>) -> tensor<5xi32>
  return %0, %2, %3 : tensor<5xi64>, tensor<5xi1>, tensor<5xi32>
}
