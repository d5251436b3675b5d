// Softmax over the last axis of [512, 4096], numerically stable:
// exp(x - max(x)) / sum(exp(x - max(x))).
// At 8 MiB in and 8 MiB out it fits in the 32 MiB L3 cache.
// PyTorch twin: softmax_twin.py 512 4096.
func.func @main(%x: tensor<512x4096xf32>) -> tensor<512x4096xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<512x4096xf32>, tensor<f32>) -> tensor<512xf32>
  %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<512xf32>) -> tensor<512x4096xf32>
  %shifted = hlo.subtract %x, %maxb : tensor<512x4096xf32>
  %e = hlo.exponential %shifted : tensor<512x4096xf32>
  %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<512x4096xf32>, tensor<f32>) -> tensor<512xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<512xf32>) -> tensor<512x4096xf32>
  %y = hlo.divide %e, %sumb : tensor<512x4096xf32>
  return %y : tensor<512x4096xf32>
}
