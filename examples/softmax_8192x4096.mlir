// Softmax over the last axis of [8192, 4096], numerically stable:
// exp(x - max(x)) / sum(exp(x - max(x))).
// At 128 MiB in and 128 MiB out it is far beyond the 32 MiB L3 cache: it
// measures the fraction of memory bandwidth reached.
// PyTorch twin: softmax_twin.py 8192 4096.
func.func @main(%x: tensor<8192x4096xf32>) -> tensor<8192x4096xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<8192x4096xf32>, tensor<f32>) -> tensor<8192xf32>
  %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<8192xf32>) -> tensor<8192x4096xf32>
  %shifted = hlo.subtract %x, %maxb : tensor<8192x4096xf32>
  %e = hlo.exponential %shifted : tensor<8192x4096xf32>
  %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<8192x4096xf32>, tensor<f32>) -> tensor<8192xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<8192xf32>) -> tensor<8192x4096xf32>
  %y = hlo.divide %e, %sumb : tensor<8192x4096xf32>
  return %y : tensor<8192x4096xf32>
}
