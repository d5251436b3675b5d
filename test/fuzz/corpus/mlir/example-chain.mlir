// An elementwise chain over three 16M-float inputs: ten ops among add,
// subtract, multiply, divide, maximum, minimum, abs, compare and select, plus
// one logistic, giving one output. Fused, it reads 192 MiB and writes 64 MiB
// once; unfused, each of its eleven ops goes through memory. The divisor is a
// logistic, in (0, 1), so the quotient stays finite. PyTorch twin: chain.py.
func.func @main(%a: tensor<4096x4096xf32>, %b: tensor<4096x4096xf32>,
                %c: tensor<4096x4096xf32>) -> tensor<4096x4096xf32> {
  %sum = hlo.add %a, %b : tensor<4096x4096xf32>
  %diff = hlo.subtract %a, %c : tensor<4096x4096xf32>
  %prod = hlo.multiply %sum, %diff : tensor<4096x4096xf32>
  %hi = hlo.maximum %prod, %c : tensor<4096x4096xf32>
  %lo = hlo.minimum %sum, %b : tensor<4096x4096xf32>
  %mag = hlo.abs %lo : tensor<4096x4096xf32>
  %gate = hlo.logistic %diff : tensor<4096x4096xf32>
  %quot = hlo.divide %hi, %gate : tensor<4096x4096xf32>
  %gt = hlo.compare GT, %quot, %mag, FLOAT : (tensor<4096x4096xf32>, tensor<4096x4096xf32>) -> tensor<4096x4096xi1>
  %pick = hlo.select %gt, %quot, %mag : tensor<4096x4096xi1>, tensor<4096x4096xf32>
  %y = hlo.add %pick, %prod : tensor<4096x4096xf32>
  return %y : tensor<4096x4096xf32>
}
