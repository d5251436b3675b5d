// jax.checkpoint's barrier between a value and its uses.
func.func public @main(%x: tensor<4xf32>, %y: tensor<2xi32>) -> (tensor<4xf32>, tensor<2xi32>) {
  %e = stablehlo.exponential %x : tensor<4xf32>
  %0:2 = stablehlo.optimization_barrier %e, %y : tensor<4xf32>, tensor<2xi32>
  %1 = stablehlo.add %0#0, %0#0 : tensor<4xf32>
  return %1, %0#1 : tensor<4xf32>, tensor<2xi32>
}
