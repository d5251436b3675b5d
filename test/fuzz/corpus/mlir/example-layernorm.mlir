// Layer norm over the last axis of [64, 256] with scale and bias:
// (x - mean) * rsqrt(var + 1e-5) * gamma + beta.
func.func @main(%x: tensor<64x256xf32>, %gamma: tensor<256xf32>,
                %beta: tensor<256xf32>) -> tensor<64x256xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %n = hlo.constant dense<2.560000e+02> : tensor<64xf32>
  %eps = hlo.constant dense<9.99999974E-6> : tensor<64xf32>
  %sum = hlo.reduce(%x init: %zero) applies hlo.add across dimensions = [1] : (tensor<64x256xf32>, tensor<f32>) -> tensor<64xf32>
  %mean = hlo.divide %sum, %n : tensor<64xf32>
  %meanb = hlo.broadcast_in_dim %mean, dims = [0] : (tensor<64xf32>) -> tensor<64x256xf32>
  %centered = hlo.subtract %x, %meanb : tensor<64x256xf32>
  %sq = hlo.multiply %centered, %centered : tensor<64x256xf32>
  %sqsum = hlo.reduce(%sq init: %zero) applies hlo.add across dimensions = [1] : (tensor<64x256xf32>, tensor<f32>) -> tensor<64xf32>
  %var = hlo.divide %sqsum, %n : tensor<64xf32>
  %vareps = hlo.add %var, %eps : tensor<64xf32>
  %inv = hlo.rsqrt %vareps : tensor<64xf32>
  %invb = hlo.broadcast_in_dim %inv, dims = [0] : (tensor<64xf32>) -> tensor<64x256xf32>
  %norm = hlo.multiply %centered, %invb : tensor<64x256xf32>
  %g = hlo.broadcast_in_dim %gamma, dims = [1] : (tensor<256xf32>) -> tensor<64x256xf32>
  %b = hlo.broadcast_in_dim %beta, dims = [1] : (tensor<256xf32>) -> tensor<64x256xf32>
  %scaled = hlo.multiply %norm, %g : tensor<64x256xf32>
  %y = hlo.add %scaled, %b : tensor<64x256xf32>
  return %y : tensor<64x256xf32>
}
