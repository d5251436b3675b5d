// A small conv net on NHWC images: conv 3x3 (8 -> 16 channels, padding 1)
// + bias + ReLU, then 2x2 max pooling with stride 2, then a 1x1 conv with
// stride 1 and 2x2 average pooling.
func.func @main(%x: tensor<2x16x16x8xf32>, %k1: tensor<3x3x8x16xf32>,
                %b1: tensor<16xf32>, %k2: tensor<1x1x16x4xf32>) -> tensor<2x4x4x4xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<2x16x16x16xf32>
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %fzero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %quarter = hlo.constant dense<2.500000e-01> : tensor<2x4x4x4xf32>
  %c = hlo.convolution(%x, %k1) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[1, 1], [1, 1]], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<2x16x16x8xf32>, tensor<3x3x8x16xf32>) -> tensor<2x16x16x16xf32>
  %bb = hlo.broadcast_in_dim %b1, dims = [3] : (tensor<16xf32>) -> tensor<2x16x16x16xf32>
  %cb = hlo.add %c, %bb : tensor<2x16x16x16xf32>
  %r = hlo.maximum %cb, %zero : tensor<2x16x16x16xf32>
  %p = "hlo.reduce_window"(%r, %ninf) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = hlo.maximum %a, %b : tensor<f32>
    hlo.return %m : tensor<f32>
  }) {window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>} : (tensor<2x16x16x16xf32>, tensor<f32>) -> tensor<2x8x8x16xf32>
  %c2 = hlo.convolution(%p, %k2) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<2x8x8x16xf32>, tensor<1x1x16x4xf32>) -> tensor<2x8x8x4xf32>
  %s = "hlo.reduce_window"(%c2, %fzero) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = hlo.add %a, %b : tensor<f32>
    hlo.return %m : tensor<f32>
  }) {window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>} : (tensor<2x8x8x4xf32>, tensor<f32>) -> tensor<2x4x4x4xf32>
  %avg = hlo.multiply %s, %quarter : tensor<2x4x4x4xf32>
  return %avg : tensor<2x4x4x4xf32>
}
