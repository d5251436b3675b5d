// while, if and case as jax.export prints them (while in pretty form, if
// and case in generic form). control_flow.py computes the same in NumPy.
func.func public @main(%x: tensor<8xf32>, %n: tensor<i32>, %index: tensor<i32>,
                       %pred: tensor<i1>)
    -> (tensor<i32>, tensor<8xf32>, tensor<i64>, tensor<i64>, tensor<i32>,
        tensor<8xf32>, tensor<8xf32>, tensor<i32>, tensor<8xf32>) {
  %c0 = stablehlo.constant dense<0> : tensor<i32>
  %c1 = stablehlo.constant dense<1> : tensor<i32>
  %zero = stablehlo.constant dense<0.000000e+00> : tensor<f32>
  %limit = stablehlo.constant dense<1.000000e+03> : tensor<f32>
  // A trip count the data decides: double x until its absolute sum passes
  // 1000; the body reduces (a kernel of its own) and computes elementwise.
  %0:2 = stablehlo.while(%iterArg = %c0, %iterArg_0 = %x) : tensor<i32>, tensor<8xf32>
   cond {
    %abs = stablehlo.abs %iterArg_0 : tensor<8xf32>
    %sum = stablehlo.reduce(%abs init: %zero) applies stablehlo.add across dimensions = [0] : (tensor<8xf32>, tensor<f32>) -> tensor<f32>
    %lt = stablehlo.compare  LT, %sum, %limit,  FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    stablehlo.return %lt : tensor<i1>
  } do {
    %next = stablehlo.add %iterArg, %c1 : tensor<i32>
    %twice = stablehlo.add %iterArg_0, %iterArg_0 : tensor<8xf32>
    stablehlo.return %next, %twice : tensor<i32>, tensor<8xf32>
  }
  // Fibonacci by swapping carried values, n steps (none when n <= 0).
  %a0 = stablehlo.constant dense<0> : tensor<i64>
  %b0 = stablehlo.constant dense<1> : tensor<i64>
  %1:3 = stablehlo.while(%iterArg = %c0, %iterArg_0 = %a0, %iterArg_1 = %b0) : tensor<i32>, tensor<i64>, tensor<i64>
   cond {
    %lt = stablehlo.compare  LT, %iterArg, %n,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    stablehlo.return %lt : tensor<i1>
  } do {
    %next = stablehlo.add %iterArg, %c1 : tensor<i32>
    %sum = stablehlo.add %iterArg_0, %iterArg_1 : tensor<i64>
    stablehlo.return %next, %iterArg_1, %sum : tensor<i32>, tensor<i64>, tensor<i64>
  }
  // Nested loops: sum over i < n of (i inner steps of 1).
  %2:2 = stablehlo.while(%iterArg = %c0, %iterArg_0 = %c0) : tensor<i32>, tensor<i32>
   cond {
    %lt = stablehlo.compare  LT, %iterArg, %n,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    stablehlo.return %lt : tensor<i1>
  } do {
    %inner:2 = stablehlo.while(%iterArg_1 = %c0, %iterArg_2 = %iterArg_0) : tensor<i32>, tensor<i32>
     cond {
      %lt = stablehlo.compare  LT, %iterArg_1, %iterArg,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
      stablehlo.return %lt : tensor<i1>
    } do {
      %step = stablehlo.add %iterArg_1, %c1 : tensor<i32>
      %total = stablehlo.add %iterArg_2, %c1 : tensor<i32>
      stablehlo.return %step, %total : tensor<i32>, tensor<i32>
    }
    %next = stablehlo.add %iterArg, %c1 : tensor<i32>
    stablehlo.return %next, %inner#1 : tensor<i32>, tensor<i32>
  }
  // if: the branches read x from outside; one returns x itself.
  %3 = "stablehlo.if"(%pred) ({
    %neg = stablehlo.negate %x : tensor<8xf32>
    stablehlo.return %neg : tensor<8xf32>
  }, {
    stablehlo.return %x : tensor<8xf32>
  }) : (tensor<i1>) -> tensor<8xf32>
  // case: three branches; an index out of range takes the last.
  %4:2 = "stablehlo.case"(%index) ({
    %c10 = stablehlo.constant dense<10> : tensor<i32>
    %sq = stablehlo.multiply %x, %x : tensor<8xf32>
    stablehlo.return %c10, %sq : tensor<i32>, tensor<8xf32>
  }, {
    %c20 = stablehlo.constant dense<20> : tensor<i32>
    %sum = stablehlo.add %x, %3 : tensor<8xf32>
    stablehlo.return %c20, %sum : tensor<i32>, tensor<8xf32>
  }, {
    %c30 = stablehlo.constant dense<30> : tensor<i32>
    %floor = stablehlo.floor %x : tensor<8xf32>
    stablehlo.return %c30, %floor : tensor<i32>, tensor<8xf32>
  }) : (tensor<i32>) -> (tensor<i32>, tensor<8xf32>)
  return %0#0, %0#1, %1#1, %1#2, %2#1, %3, %4#1, %4#0, %x : tensor<i32>, tensor<8xf32>, tensor<i64>, tensor<i64>, tensor<i32>, tensor<8xf32>, tensor<8xf32>, tensor<i32>, tensor<8xf32>
}
