// Layer norm over the last axis of [512, 4096] with scale and bias, as
// torch.nn.functional.layer_norm computes it (biased variance, eps 1e-5):
// (x - mean) * rsqrt(var + 1e-5) * gamma + beta.
// At 8 MiB in and 8 MiB out it fits in the 32 MiB L3 cache.
// PyTorch twin: layernorm_twin.py 512 4096.
func.func @main(%x: tensor<512x4096xf32>, %gamma: tensor<4096xf32>,
                %beta: tensor<4096xf32>) -> tensor<512x4096xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %n = hlo.constant dense<4.096000e+03> : tensor<512xf32>
  %eps = hlo.constant dense<9.99999974E-6> : tensor<512xf32>
  %sum = hlo.reduce(%x init: %zero) applies hlo.add across dimensions = [1] : (tensor<512x4096xf32>, tensor<f32>) -> tensor<512xf32>
  %mean = hlo.divide %sum, %n : tensor<512xf32>
  %meanb = hlo.broadcast_in_dim %mean, dims = [0] : (tensor<512xf32>) -> tensor<512x4096xf32>
  %centered = hlo.subtract %x, %meanb : tensor<512x4096xf32>
  %sq = hlo.multiply %centered, %centered : tensor<512x4096xf32>
  %sqsum = hlo.reduce(%sq init: %zero) applies hlo.add across dimensions = [1] : (tensor<512x4096xf32>, tensor<f32>) -> tensor<512xf32>
  %var = hlo.divide %sqsum, %n : tensor<512xf32>
  %vareps = hlo.add %var, %eps : tensor<512xf32>
  %inv = hlo.rsqrt %vareps : tensor<512xf32>
  %invb = hlo.broadcast_in_dim %inv, dims = [0] : (tensor<512xf32>) -> tensor<512x4096xf32>
  %norm = hlo.multiply %centered, %invb : tensor<512x4096xf32>
  %g = hlo.broadcast_in_dim %gamma, dims = [1] : (tensor<4096xf32>) -> tensor<512x4096xf32>
  %b = hlo.broadcast_in_dim %beta, dims = [1] : (tensor<4096xf32>) -> tensor<512x4096xf32>
  %scaled = hlo.multiply %norm, %g : tensor<512x4096xf32>
  %y = hlo.add %scaled, %b : tensor<512x4096xf32>
  return %y : tensor<512x4096xf32>
}
