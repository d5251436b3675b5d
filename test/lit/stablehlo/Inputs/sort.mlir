// sort as JAX writes it:
//   %0  f32 along dimension 0 in TOTALORDER (-NaN < -inf < ... < -0 < +0 <
//       ... < inf < NaN), ascending
//   %1  keys and values together along the last dimension (dimension = -1),
//       descending by key, stable: equal keys keep their values' order
//   %2  lexicographic: by the i32 key, then by the f32 second key
//   %3  one element per slice: nothing moves
//   %4  LT in FLOAT, which NaN makes no strict weak order: the order is
//       then the merge sort's own, the same natively and in the interpreter
func.func public @main(%x: tensor<9x3xf32>, %k: tensor<2x40xi32>, %v: tensor<2x40xf32>, %a: tensor<100xi32>, %b: tensor<100xf32>) -> (tensor<9x3xf32>, tensor<2x40xi32>, tensor<2x40xf32>, tensor<100xi32>, tensor<100xf32>, tensor<3x1xf32>, tensor<9x3xf32>) {
  %0 = "stablehlo.sort"(%x) <{dimension = 0 : i64, is_stable = true}> ({
  ^bb0(%l: tensor<f32>, %r: tensor<f32>):
    %c = stablehlo.compare LT, %l, %r, TOTALORDER : (tensor<f32>, tensor<f32>) -> tensor<i1>
    stablehlo.return %c : tensor<i1>
  }) : (tensor<9x3xf32>) -> tensor<9x3xf32>
  %1:2 = "stablehlo.sort"(%k, %v) <{dimension = -1 : i64, is_stable = true}> ({
  ^bb0(%l: tensor<i32>, %r: tensor<i32>, %lv: tensor<f32>, %rv: tensor<f32>):
    %c = stablehlo.compare GT, %l, %r, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    stablehlo.return %c : tensor<i1>
  }) : (tensor<2x40xi32>, tensor<2x40xf32>) -> (tensor<2x40xi32>, tensor<2x40xf32>)
  %2:2 = "stablehlo.sort"(%a, %b) <{dimension = 0 : i64}> ({
  ^bb0(%l: tensor<i32>, %r: tensor<i32>, %lb: tensor<f32>, %rb: tensor<f32>):
    %less = stablehlo.compare LT, %l, %r, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %same = stablehlo.compare EQ, %l, %r, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %then = stablehlo.compare LT, %lb, %rb, TOTALORDER : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %tie = stablehlo.and %same, %then : tensor<i1>
    %c = stablehlo.or %less, %tie : tensor<i1>
    stablehlo.return %c : tensor<i1>
  }) : (tensor<100xi32>, tensor<100xf32>) -> (tensor<100xi32>, tensor<100xf32>)
  %s = stablehlo.slice %x [0:3, 0:1] : (tensor<9x3xf32>) -> tensor<3x1xf32>
  %3 = "stablehlo.sort"(%s) <{dimension = 1 : i64}> ({
  ^bb0(%l: tensor<f32>, %r: tensor<f32>):
    %c = stablehlo.compare LT, %l, %r, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    stablehlo.return %c : tensor<i1>
  }) : (tensor<3x1xf32>) -> tensor<3x1xf32>
  %4 = "stablehlo.sort"(%x) <{dimension = 0 : i64}> ({
  ^bb0(%l: tensor<f32>, %r: tensor<f32>):
    %c = stablehlo.compare LT, %l, %r, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    stablehlo.return %c : tensor<i1>
  }) : (tensor<9x3xf32>) -> tensor<9x3xf32>
  return %0, %1#0, %1#1, %2#0, %2#1, %3, %4 : tensor<9x3xf32>, tensor<2x40xi32>, tensor<2x40xf32>, tensor<100xi32>, tensor<100xf32>, tensor<3x1xf32>, tensor<9x3xf32>
}
