// Softmax over the last axis of a [32, 1000] batch, numerically stable:
// exp(x - max(x)) / sum(exp(x - max(x))).
func.func @main(%x: tensor<32x1000xf32>) -> tensor<32x1000xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<32x1000xf32>, tensor<f32>) -> tensor<32xf32>
  %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<32xf32>) -> tensor<32x1000xf32>
  %shifted = hlo.subtract %x, %maxb : tensor<32x1000xf32>
  %e = hlo.exponential %shifted : tensor<32x1000xf32>
  %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<32x1000xf32>, tensor<f32>) -> tensor<32xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<32xf32>) -> tensor<32x1000xf32>
  %y = hlo.divide %e, %sumb : tensor<32x1000xf32>
  return %y : tensor<32x1000xf32>
}
