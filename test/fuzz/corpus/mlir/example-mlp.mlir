// A two-layer MLP: 784 -> 512 (ReLU) -> 10, batch 64.
// kiln-run draws the input and the weights from --seed unless given --input.
func.func @main(%x: tensor<64x784xf32>, %w1: tensor<784x512xf32>,
                %b1: tensor<512xf32>, %w2: tensor<512x10xf32>,
                %b2: tensor<10xf32>) -> tensor<64x10xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<64x512xf32>
  %0 = hlo.dot_general %x, %w1, contracting_dims = [1] x [0] : (tensor<64x784xf32>, tensor<784x512xf32>) -> tensor<64x512xf32>
  %1 = hlo.broadcast_in_dim %b1, dims = [1] : (tensor<512xf32>) -> tensor<64x512xf32>
  %2 = hlo.add %0, %1 : tensor<64x512xf32>
  %3 = hlo.maximum %2, %zero : tensor<64x512xf32>
  %4 = hlo.dot_general %3, %w2, contracting_dims = [1] x [0] : (tensor<64x512xf32>, tensor<512x10xf32>) -> tensor<64x10xf32>
  %5 = hlo.broadcast_in_dim %b2, dims = [1] : (tensor<10xf32>) -> tensor<64x10xf32>
  %6 = hlo.add %4, %5 : tensor<64x10xf32>
  return %6 : tensor<64x10xf32>
}
