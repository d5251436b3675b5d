// Layer norm over the last axis of [8192, 4096] with scale and bias, as
// torch.nn.functional.layer_norm computes it (biased variance, eps 1e-5):
// (x - mean) * rsqrt(var + 1e-5) * gamma + beta.
// At 128 MiB in and 128 MiB out it is far beyond the 32 MiB L3 cache: it
// measures the fraction of memory bandwidth reached.
// PyTorch twin: layernorm_twin.py 8192 4096.
func.func @main(%x: tensor<8192x4096xf32>, %gamma: tensor<4096xf32>,
                %beta: tensor<4096xf32>) -> tensor<8192x4096xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %n = hlo.constant dense<4.096000e+03> : tensor<8192xf32>
  %eps = hlo.constant dense<9.99999974E-6> : tensor<8192xf32>
  %sum = hlo.reduce(%x init: %zero) applies hlo.add across dimensions = [1] : (tensor<8192x4096xf32>, tensor<f32>) -> tensor<8192xf32>
  %mean = hlo.divide %sum, %n : tensor<8192xf32>
  %meanb = hlo.broadcast_in_dim %mean, dims = [0] : (tensor<8192xf32>) -> tensor<8192x4096xf32>
  %centered = hlo.subtract %x, %meanb : tensor<8192x4096xf32>
  %sq = hlo.multiply %centered, %centered : tensor<8192x4096xf32>
  %sqsum = hlo.reduce(%sq init: %zero) applies hlo.add across dimensions = [1] : (tensor<8192x4096xf32>, tensor<f32>) -> tensor<8192xf32>
  %var = hlo.divide %sqsum, %n : tensor<8192xf32>
  %vareps = hlo.add %var, %eps : tensor<8192xf32>
  %inv = hlo.rsqrt %vareps : tensor<8192xf32>
  %invb = hlo.broadcast_in_dim %inv, dims = [0] : (tensor<8192xf32>) -> tensor<8192x4096xf32>
  %norm = hlo.multiply %centered, %invb : tensor<8192x4096xf32>
  %g = hlo.broadcast_in_dim %gamma, dims = [1] : (tensor<4096xf32>) -> tensor<8192x4096xf32>
  %b = hlo.broadcast_in_dim %beta, dims = [1] : (tensor<4096xf32>) -> tensor<8192x4096xf32>
  %scaled = hlo.multiply %norm, %g : tensor<8192x4096xf32>
  %y = hlo.add %scaled, %b : tensor<8192x4096xf32>
  return %y : tensor<8192x4096xf32>
}
