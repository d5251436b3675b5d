// Ops whose operand is empty but whose result is not: each result follows
// from the op's semantics for the empty case, and an empty slice is
// returned beside a non-empty result of the same inputs.
func.func @main(%a: tensor<3x0xf32>, %b: tensor<0x4xf32>, %x: tensor<2x3xf32>,
                %img: tensor<1x0x8x4xf32>, %w: tensor<2x0x3x3xf32>)
    -> (tensor<3x2xf32>, tensor<3x4xf32>, tensor<2x3xf32>, tensor<1x2x6x2xf32>,
        tensor<1x1x2x4xf32>, tensor<3xf32>, tensor<2x0xf32>, tensor<2x3xf32>) {
  %seven = hlo.constant dense<7.0> : tensor<f32>
  %one = hlo.constant dense<1.0> : tensor<f32>
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  // All padding.
  %pad = hlo.pad %a, %seven, low = [0, 1], high = [0, 1], interior = [0, 0] : (tensor<3x0xf32>, tensor<f32>) -> tensor<3x2xf32>
  // A sum over nothing.
  %dot = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<3x0xf32>, tensor<0x4xf32>) -> tensor<3x4xf32>
  // The empty piece adds nothing.
  %none = hlo.slice %x [0:2, 1:1] : (tensor<2x3xf32>) -> tensor<2x0xf32>
  %cat = hlo.concatenate %x, %none, dim = 1 : (tensor<2x3xf32>, tensor<2x0xf32>) -> tensor<2x3xf32>
  // No input features.
  %conv = hlo.convolution(%img, %w) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x0x8x4xf32>, tensor<2x0x3x3xf32>) -> tensor<1x2x6x2xf32>
  // Windows of eight padding elements each: the init 1 plus 8 x 1.
  %pool = "hlo.reduce_window"(%img, %one) <{window_dimensions = array<i64: 1, 2, 4, 1>, window_strides = array<i64: 1, 1, 4, 1>, padding = dense<[[0, 0], [1, 1], [0, 0], [0, 0]]> : tensor<4x2xi64>}> ({
  ^bb0(%p: tensor<f32>, %q: tensor<f32>):
    %s = hlo.add %p, %q : tensor<f32>
    hlo.return %s : tensor<f32>
  }) : (tensor<1x0x8x4xf32>, tensor<f32>) -> tensor<1x1x2x4xf32>
  // The maximum of nothing is the init.
  %max = hlo.reduce(%a init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<3x0xf32>, tensor<f32>) -> tensor<3xf32>
  %twice = hlo.add %x, %x : tensor<2x3xf32>
  return %pad, %dot, %cat, %conv, %pool, %max, %none, %twice : tensor<3x2xf32>, tensor<3x4xf32>, tensor<2x3xf32>, tensor<1x2x6x2xf32>, tensor<1x1x2x4xf32>, tensor<3xf32>, tensor<2x0xf32>, tensor<2x3xf32>
}
