// Edges of while: a zero-size carried value beside a counter, and a loop
// that carries nothing (and runs no trip).
func.func public @main(%x: tensor<0x3xf32>, %n: tensor<i32>) -> (tensor<0x3xf32>, tensor<i32>) {
  %c0 = stablehlo.constant dense<0> : tensor<i32>
  %0:2 = stablehlo.while(%iterArg = %x, %iterArg_0 = %c0) : tensor<0x3xf32>, tensor<i32>
   cond {
    %1 = stablehlo.compare  LT, %iterArg_0, %n,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    stablehlo.return %1 : tensor<i1>
  } do {
    %c1 = stablehlo.constant dense<1> : tensor<i32>
    %next = stablehlo.add %iterArg_0, %c1 : tensor<i32>
    %e = stablehlo.exponential %iterArg : tensor<0x3xf32>
    stablehlo.return %e, %next : tensor<0x3xf32>, tensor<i32>
  }
  %f = stablehlo.constant dense<false> : tensor<i1>
  stablehlo.while() 
   cond {
    stablehlo.return %f : tensor<i1>
  } do {
    stablehlo.return
  }
  return %0#0, %0#1 : tensor<0x3xf32>, tensor<i32>
}
