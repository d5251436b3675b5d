// A StableHLO attribute Kiln has no counterpart of, on an op it has.
func.func public @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = stablehlo.add %x, %x {channel = #stablehlo.channel_handle<handle = 1, type = 0>} : tensor<2xf32>
  return %0 : tensor<2xf32>
}
