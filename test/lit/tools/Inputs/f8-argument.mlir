func.func @main(%x: tensor<2xf8E4M3FN>) -> tensor<2xf8E4M3FN> {
  return %x : tensor<2xf8E4M3FN>
}
