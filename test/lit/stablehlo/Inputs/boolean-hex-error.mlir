func.func public @main() -> tensor<3xi1> {
  %0 = stablehlo.constant dense<"0x000101"> : tensor<3xi1> %1 = stablehlo.add %0, %0 : tensor<3xf32>
  return %0 : tensor<3xi1>
}
