// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Kiln tensors are statically shaped: a dynamic dimension is rejected.
func.func @dynamic_shape(%a: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{must be statically shaped tensor}}
  %0 = hlo.add %a, %a : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Element types outside Kiln's set (HloOps.td's HLO_ElementType) are rejected.
func.func @unsupported_element_type(%a: tensor<4xf8E4M3FN>) -> tensor<4xf8E4M3FN> {
  // expected-error @+1 {{must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or 1-bit signless integer or 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer values}}
  %0 = hlo.add %a, %a : tensor<4xf8E4M3FN>
  return %0 : tensor<4xf8E4M3FN>
}

// -----

// exponential takes floats only.
func.func @wrong_element_type(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = hlo.exponential %a : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// add_c1
func.func @add_c1(%a: tensor<4xf32>, %b: tensor<4xi32>) -> tensor<4xf32> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = hlo.add %a, %b : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// compare_c1
func.func @compare_c1(%a: tensor<4xf32>, %b: tensor<4xi32>) -> tensor<4xi1> {
  // expected-error @+1 {{requires all operands to have the same type}}
  %0 = hlo.compare LT, %a, %b : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare_c2
func.func @compare_c2(%a: tensor<4xf32>) -> tensor<2xi1> {
  // expected-error @+1 {{all non-scalar operands/results must have the same shape and base type}}
  %0 = hlo.compare LT, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// -----

// compare_c3
func.func @compare_c3_float_on_ints(%a: tensor<4xi32>) -> tensor<4xi1> {
  // expected-error @+1 {{compare_type FLOAT does not apply to operands of element type 'i32'}}
  %0 = hlo.compare LT, %a, %a, FLOAT : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare_c3
func.func @compare_c3_signed_on_floats(%a: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{compare_type SIGNED does not apply to operands of element type 'f32'}}
  %0 = hlo.compare LT, %a, %a, SIGNED : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare_c3: unsigned integers compare UNSIGNED.
func.func @compare_c3_signed_on_unsigned(%a: tensor<4xui16>) -> tensor<4xi1> {
  // expected-error @+1 {{compare_type SIGNED does not apply to operands of element type 'ui16'}}
  %0 = hlo.compare LT, %a, %a, SIGNED : (tensor<4xui16>, tensor<4xui16>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare_c3: every float type compares FLOAT or TOTALORDER.
func.func @compare_c3_unsigned_on_bf16(%a: tensor<4xbf16>) -> tensor<4xi1> {
  // expected-error @+1 {{compare_type UNSIGNED does not apply to operands of element type 'bf16'}}
  %0 = hlo.compare LT, %a, %a, UNSIGNED : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare_c3
func.func @compare_c3_signed_on_i1(%a: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{compare_type SIGNED does not apply to operands of element type 'i1'}}
  %0 = hlo.compare LT, %a, %a, SIGNED : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// select_c1
func.func @select_c1(%p: tensor<3xi1>, %a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{pred of type 'tensor<3xi1>' must be a scalar or have the shape of on_true 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.select %p, %a, %a : (tensor<3xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// select_c2
func.func @select_c2(%p: tensor<i1>, %a: tensor<4xf32>, %b: tensor<4xi32>) -> tensor<4xf32> {
  // expected-error @+2 {{on_true of type 'tensor<4xf32>' and on_false of type 'tensor<4xi32>' must have the same type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.select %p, %a, %b : (tensor<i1>, tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// select_c2
func.func @select_c2_result(%p: tensor<i1>, %a: tensor<4xf32>) -> tensor<2x2xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<2x2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.select %p, %a, %a : (tensor<i1>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// clamp_c1
func.func @clamp_c1(%min: tensor<3xf32>, %a: tensor<4xf32>, %max: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+2 {{min of type 'tensor<3xf32>' must be a scalar or have the shape of operand 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.clamp %min, %a, %max : (tensor<3xf32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// clamp_c2
func.func @clamp_c2(%min: tensor<f32>, %a: tensor<4xf32>, %max: tensor<2x2xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{max of type 'tensor<2x2xf32>' must be a scalar or have the shape of operand 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.clamp %min, %a, %max : (tensor<f32>, tensor<4xf32>, tensor<2x2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// clamp_c3
func.func @clamp_c3(%min: tensor<i32>, %a: tensor<4xf32>, %max: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+2 {{min, operand and max must have the same element type, got 'i32', 'f32' and 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.clamp %min, %a, %max : (tensor<i32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// clamp_c4
func.func @clamp_c4(%min: tensor<f32>, %a: tensor<4xf32>, %max: tensor<f32>) -> tensor<1x4xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<1x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.clamp %min, %a, %max : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// constant_c1
func.func @constant_c1() -> tensor<3xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// constant_c1
func.func @constant_c1_not_a_tensor() -> tensor<2xf32> {
  // expected-error @+2 {{value must be a ranked tensor, got 'vector<2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.constant"() <{value = dense<1.0> : vector<2xf32>}> : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// convert_c1
func.func @convert_c1(%a: tensor<4xf32>) -> tensor<2xi32> {
  // expected-error @+1 {{all non-scalar operands/results must have the same shape and base type}}
  %0 = hlo.convert %a : (tensor<4xf32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// and_c1: integer or boolean operands only.
func.func @and_c1_float(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 1-bit signless integer or 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer values, but got 'tensor<4xf32>'}}
  %0 = hlo.and %a, %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// not_c1: integer or boolean operands only.
func.func @not_c1_float(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 1-bit signless integer or 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer values, but got 'tensor<4xf32>'}}
  %0 = hlo.not %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// shift_left_c1: integer operands only (not i1).
func.func @shift_left_c1_bool(%a: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer values, but got 'tensor<4xi1>'}}
  %0 = hlo.shift_left %a, %a : tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// atan2_c1: float operands and result of one type.
func.func @atan2_c1_integers(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = hlo.atan2 %a, %a : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// atan2_c1
func.func @atan2_c1_mixed(%a: tensor<4xf32>, %b: tensor<4xf16>) -> tensor<4xf32> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "hlo.atan2"(%a, %b) : (tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// cbrt_c1, tan_c1, round_nearest_afz_c1, round_nearest_even_c1: floats.
func.func @cbrt_c1_integers(%a: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi8>'}}
  %0 = hlo.cbrt %a : tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @tan_c1_integers(%a: tensor<4xui32>) -> tensor<4xui32> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xui32>'}}
  %0 = hlo.tan %a : tensor<4xui32>
  return %0 : tensor<4xui32>
}

// -----

func.func @round_nearest_afz_c1_types(%a: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "hlo.round_nearest_afz"(%a) : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @round_nearest_even_c1_integers(%a: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi1>'}}
  %0 = hlo.round_nearest_even %a : tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// is_finite (I1): a float operand.
func.func @is_finite_integer_operand(%a: tensor<4xi32>) -> tensor<4xi1> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = hlo.is_finite %a : (tensor<4xi32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// is_finite_c1: an i1 result of the operand's shape.
func.func @is_finite_c1_result_type(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{result #0 must be statically shaped tensor of 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = hlo.is_finite %a : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// is_finite_c1
func.func @is_finite_c1_result_shape(%a: tensor<4xf32>) -> tensor<2xi1> {
  // expected-error @+1 {{all non-scalar operands/results must have the same shape and base type}}
  %0 = hlo.is_finite %a : (tensor<4xf32>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// -----

// bitcast_convert: Kiln takes element types of one width only.
func.func @bitcast_convert_widths(%a: tensor<4xf32>) -> tensor<4xi16> {
  // expected-error @+1 {{'hlo.bitcast_convert' op from 'f32' to 'i16': a bitcast between element types of different widths is not supported by Kiln}}
  %0 = hlo.bitcast_convert %a : (tensor<4xf32>) -> tensor<4xi16>
  return %0 : tensor<4xi16>
}

// -----

// bitcast_convert_c1: the shape stays (same widths).
func.func @bitcast_convert_c1_shape(%a: tensor<4xf32>) -> tensor<2xi32> {
  // expected-error @+1 {{all non-scalar operands/results must have the same shape and base type}}
  %0 = hlo.bitcast_convert %a : (tensor<4xf32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// reduce_precision_c2
func.func @reduce_precision_c2(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{reduce_precision_c2: exponent_bits must be at least 1, got 0}}
  %0 = hlo.reduce_precision %a, format = e0m3 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce_precision_c3
func.func @reduce_precision_c3(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{reduce_precision_c3: mantissa_bits must not be negative, got -1}}
  %0 = "hlo.reduce_precision"(%a) <{exponent_bits = 5 : i32, mantissa_bits = -1 : i32}> : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce_precision (I1): floats only.
func.func @reduce_precision_integers(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = hlo.reduce_precision %a, format = e5m10 : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @reduce_precision_bad_format(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected a format like e5m10, got 'f16'}}
  %0 = hlo.reduce_precision %a, format = f16 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHLO's math functions (lgamma, digamma, erf_inv, erfc, bessel_i1e, asin,
// ...) take floats, as CHLO's do.
func.func @lgamma_integers(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = hlo.lgamma %a : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @erf_inv_result_type(%a: tensor<4xf32>) -> tensor<4xf64> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "hlo.erf_inv"(%a) : (tensor<4xf32>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

// -----

func.func @next_after_integers(%a: tensor<4xui8>) -> tensor<4xui8> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xui8>'}}
  %0 = hlo.next_after %a, %a : tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

func.func @next_after_mixed(%a: tensor<4xf32>, %b: tensor<4xbf16>) -> tensor<4xf32> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "hlo.next_after"(%a, %b) : (tensor<4xf32>, tensor<4xbf16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
