// One or two ops in each element type beyond f32/i32/i64/i1, on values that
// reach the types' edges: rounding of f16 and bf16, wrap-around of i8,
// unsigned order and division, saturating conversion. element_types.py
// checks the results against NumPy and PyTorch.
func.func @main(%h: tensor<6xf16>, %d: tensor<4xf64>, %b: tensor<5xbf16>,
                %c: tensor<4xi8>, %u: tensor<4xui8>, %q: tensor<3xui64>,
                %f: tensor<6xf32>, %w: tensor<3xf64>)
    -> (tensor<6xf16>, tensor<4xf64>, tensor<5xbf16>, tensor<4xi8>,
        tensor<4xui8>, tensor<4xi1>, tensor<3xui64>, tensor<3xi1>,
        tensor<6xui8>, tensor<6xi16>, tensor<3xbf16>, tensor<3xf16>,
        tensor<3xf64>) {
  // f16: sqrt(|h * h + h|), each op rounded to f16.
  %h1 = stablehlo.multiply %h, %h : tensor<6xf16>
  %h2 = stablehlo.add %h1, %h : tensor<6xf16>
  %h3 = stablehlo.abs %h2 : tensor<6xf16>
  %h4 = stablehlo.sqrt %h3 : tensor<6xf16>
  // f64: d * d + d / 3.
  %three = stablehlo.constant dense<3.0> : tensor<4xf64>
  %d1 = stablehlo.multiply %d, %d : tensor<4xf64>
  %d2 = stablehlo.divide %d, %three : tensor<4xf64>
  %d3 = stablehlo.add %d1, %d2 : tensor<4xf64>
  // bf16: max(b * b + b, 0.5).
  %half = stablehlo.constant dense<0.5> : tensor<5xbf16>
  %b1 = stablehlo.multiply %b, %b : tensor<5xbf16>
  %b2 = stablehlo.add %b1, %b : tensor<5xbf16>
  %b3 = stablehlo.maximum %b2, %half : tensor<5xbf16>
  // i8: c + c wraps; c / 0 is -1.
  %zero8 = stablehlo.constant dense<0> : tensor<4xi8>
  %c1 = stablehlo.add %c, %c : tensor<4xi8>
  %c2 = stablehlo.divide %c, %zero8 : tensor<4xi8>
  %c3 = stablehlo.add %c1, %c2 : tensor<4xi8>
  // ui8: (u + u) / 3 wraps first; u > 100 is unsigned.
  %threeu = stablehlo.constant dense<3> : tensor<4xui8>
  %hundred = stablehlo.constant dense<100> : tensor<4xui8>
  %u1 = stablehlo.add %u, %u : tensor<4xui8>
  %u2 = stablehlo.divide %u1, %threeu : tensor<4xui8>
  %u3 = stablehlo.compare GT, %u, %hundred : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xi1>
  // ui64: max(q / 7, 5) and q > 1, past 2^63.
  %seven = stablehlo.constant dense<7> : tensor<3xui64>
  %five = stablehlo.constant dense<5> : tensor<3xui64>
  %one = stablehlo.constant dense<1> : tensor<3xui64>
  %q1 = stablehlo.divide %q, %seven : tensor<3xui64>
  %q2 = stablehlo.maximum %q1, %five : tensor<3xui64>
  %q3 = stablehlo.compare GT, %q, %one : (tensor<3xui64>, tensor<3xui64>) -> tensor<3xi1>
  // f32 -> ui8 and -> i16 saturate, NaN -> 0.
  %f1 = stablehlo.convert %f : (tensor<6xf32>) -> tensor<6xui8>
  %f2 = stablehlo.convert %f : (tensor<6xf32>) -> tensor<6xi16>
  // f64 -> bf16 and -> f16 round once, and bf16 -> f64 is exact.
  %w1 = stablehlo.convert %w : (tensor<3xf64>) -> tensor<3xbf16>
  %w2 = stablehlo.convert %w : (tensor<3xf64>) -> tensor<3xf16>
  %w3 = stablehlo.convert %w1 : (tensor<3xbf16>) -> tensor<3xf64>
  return %h4, %d3, %b3, %c3, %u2, %u3, %q2, %q3, %f1, %f2, %w1, %w2, %w3
      : tensor<6xf16>, tensor<4xf64>, tensor<5xbf16>, tensor<4xi8>,
        tensor<4xui8>, tensor<4xi1>, tensor<3xui64>, tensor<3xi1>,
        tensor<6xui8>, tensor<6xi16>, tensor<3xbf16>, tensor<3xf16>,
        tensor<3xf64>
}
