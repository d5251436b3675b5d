// i1 hex data as MLIR 20 and later print it (one byte per element), in
// pretty and generic form, next to the same values written out.
func.func public @main() -> (tensor<10xi1>, tensor<2x2xi1>, tensor<10xi1>, tensor<2x2xi1>) {
  %0 = stablehlo.constant dense<"0x01000101010000000001"> : tensor<10xi1>
  %1 = "stablehlo.constant"() <{value = dense<"0x00010100"> : tensor<2x2xi1>}> : () -> tensor<2x2xi1>
  %2 = stablehlo.constant dense<[true, false, true, true, true, false, false, false, false, true]> : tensor<10xi1>
  %3 = stablehlo.constant dense<[[false, true], [true, false]]> : tensor<2x2xi1>
  return %0, %1, %2, %3 : tensor<10xi1>, tensor<2x2xi1>, tensor<10xi1>, tensor<2x2xi1>
}
