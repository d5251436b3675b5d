// select_and_scatter as JAX writes a max-pool's gradient, and its edges:
//   %0  2x2 windows, stride 2, select GE, scatter add (max_pool2d's backward)
//       of the source s + s
//   %1  3x2 windows, strides [1, 2], padding [[1, 1], [0, 1]]: windows that
//       overhang the edge select among their operand elements only
//   %2  i32, window 2 over [pad, 5, 5, 1, 7, pad] with select GE: the tie
//       (5, 5) keeps the first; the scatter a * 2 + b is not commutative,
//       so repeated selections show the order (source in row-major order)
//   %3  select GT, where ties take the later element, and a window of
//       padding only (padding [[3, 0]] before a 2-element operand), which
//       scatters nothing
func.func public @main(%x: tensor<4x6xf32>, %s: tensor<2x3xf32>, %p: tensor<4x3xf32>) -> (tensor<4x6xf32>, tensor<4x6xf32>, tensor<4xi32>, tensor<2xi32>) {
  %zero = stablehlo.constant dense<0.0> : tensor<f32>
  %twice = stablehlo.add %s, %s : tensor<2x3xf32>
  %0 = "stablehlo.select_and_scatter"(%x, %twice, %zero) <{window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 2, 2>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = stablehlo.compare GE, %a, %b, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    stablehlo.return %c : tensor<i1>
  }, {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = stablehlo.add %a, %b : tensor<f32>
    stablehlo.return %r : tensor<f32>
  }) : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<4x6xf32>
  %1 = "stablehlo.select_and_scatter"(%x, %p, %zero) <{window_dimensions = array<i64: 3, 2>, window_strides = array<i64: 1, 2>, padding = dense<[[1, 1], [0, 1]]> : tensor<2x2xi64>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = stablehlo.compare GE, %a, %b, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    stablehlo.return %c : tensor<i1>
  }, {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = stablehlo.add %a, %b : tensor<f32>
    stablehlo.return %r : tensor<f32>
  }) : (tensor<4x6xf32>, tensor<4x3xf32>, tensor<f32>) -> tensor<4x6xf32>
  %y = stablehlo.constant dense<[5, 5, 1, 7]> : tensor<4xi32>
  %t = stablehlo.constant dense<[1, 2, 3, 4, 5]> : tensor<5xi32>
  %one = stablehlo.constant dense<1> : tensor<i32>
  %2 = "stablehlo.select_and_scatter"(%y, %t, %one) <{window_dimensions = array<i64: 2>, padding = dense<[[1, 1]]> : tensor<1x2xi64>}> ({
  ^bb0(%a: tensor<i32>, %b: tensor<i32>):
    %c = stablehlo.compare GE, %a, %b, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    stablehlo.return %c : tensor<i1>
  }, {
  ^bb0(%a: tensor<i32>, %b: tensor<i32>):
    %two = stablehlo.constant dense<2> : tensor<i32>
    %m = stablehlo.multiply %a, %two : tensor<i32>
    %r = stablehlo.add %m, %b : tensor<i32>
    stablehlo.return %r : tensor<i32>
  }) : (tensor<4xi32>, tensor<5xi32>, tensor<i32>) -> tensor<4xi32>
  %z = stablehlo.constant dense<[4, 4]> : tensor<2xi32>
  %u = stablehlo.constant dense<[10, 20, 30, 40]> : tensor<4xi32>
  %3 = "stablehlo.select_and_scatter"(%z, %u, %one) <{window_dimensions = array<i64: 2>, padding = dense<[[3, 0]]> : tensor<1x2xi64>}> ({
  ^bb0(%a: tensor<i32>, %b: tensor<i32>):
    %c = stablehlo.compare GT, %a, %b, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    stablehlo.return %c : tensor<i1>
  }, {
  ^bb0(%a: tensor<i32>, %b: tensor<i32>):
    %r = stablehlo.add %a, %b : tensor<i32>
    stablehlo.return %r : tensor<i32>
  }) : (tensor<2xi32>, tensor<4xi32>, tensor<i32>) -> tensor<2xi32>
  return %0, %1, %2, %3 : tensor<4x6xf32>, tensor<4x6xf32>, tensor<4xi32>, tensor<2xi32>
}
