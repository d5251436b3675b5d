// Tuples where older JAX and XLA's HLO write them: a loop body packs its
// state into a tuple and unpacks it, and a helper returns a tuple its
// caller reads. tuples.test checks the results against NumPy.
func.func public @main(%x: tensor<4xf32>, %n: tensor<i32>) -> (tensor<i32>, tensor<4xf32>, tensor<4xf32>) {
  %c0 = stablehlo.constant dense<0> : tensor<i32>
  %0:2 = stablehlo.while(%iterArg = %c0, %iterArg_0 = %x) : tensor<i32>, tensor<4xf32>
   cond {
    %1 = stablehlo.compare  LT, %iterArg, %n,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    stablehlo.return %1 : tensor<i1>
  } do {
    %state = stablehlo.tuple %iterArg, %iterArg_0 : tuple<tensor<i32>, tensor<4xf32>>
    %i = stablehlo.get_tuple_element %state[0] : (tuple<tensor<i32>, tensor<4xf32>>) -> tensor<i32>
    %v = stablehlo.get_tuple_element %state[1] : (tuple<tensor<i32>, tensor<4xf32>>) -> tensor<4xf32>
    %c1 = stablehlo.constant dense<1> : tensor<i32>
    %next = stablehlo.add %i, %c1 : tensor<i32>
    %sum = stablehlo.add %v, %x : tensor<4xf32>
    stablehlo.return %next, %sum : tensor<i32>, tensor<4xf32>
  }
  %t = call @split(%x) : (tensor<4xf32>) -> tuple<tensor<4xf32>, tensor<4xf32>>
  %pos = stablehlo.get_tuple_element %t[0] : (tuple<tensor<4xf32>, tensor<4xf32>>) -> tensor<4xf32>
  return %0#0, %0#1, %pos : tensor<i32>, tensor<4xf32>, tensor<4xf32>
}
func.func private @split(%x: tensor<4xf32>) -> tuple<tensor<4xf32>, tensor<4xf32>> {
  %zero = stablehlo.constant dense<0.000000e+00> : tensor<4xf32>
  %pos = stablehlo.maximum %x, %zero : tensor<4xf32>
  %neg = stablehlo.minimum %x, %zero : tensor<4xf32>
  %t = stablehlo.tuple %pos, %neg : tuple<tensor<4xf32>, tensor<4xf32>>
  return %t : tuple<tensor<4xf32>, tensor<4xf32>>
}
