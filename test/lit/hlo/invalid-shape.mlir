// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// iota_c1
func.func @iota_c1() -> tensor<2x3xi32> {
  // expected-error @+1 {{iota_dimension 2 is out of bounds for result of rank 2}}
  %0 = hlo.iota dim = 2 : tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// iota_c1
func.func @iota_c1_negative() -> tensor<2x3xi32> {
  // expected-error @+1 {{iota_dimension -1 is out of bounds for result of rank 2}}
  %0 = hlo.iota dim = -1 : tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// broadcast_in_dim_c1
func.func @broadcast_in_dim_c1(%a: tensor<3xf32>) -> tensor<2x3xi32> {
  // expected-error @+1 {{result element type 'i32' differs from operand element type 'f32'}}
  %0 = hlo.broadcast_in_dim %a, dims = [1] : (tensor<3xf32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// broadcast_in_dim_c2
func.func @broadcast_in_dim_c2(%a: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{broadcast_dimensions has 2 entries, expected the operand rank 1}}
  %0 = hlo.broadcast_in_dim %a, dims = [0, 1] : (tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// broadcast_in_dim_c3
func.func @broadcast_in_dim_c3(%a: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{broadcast dimension 2 is out of bounds for result of rank 2}}
  %0 = hlo.broadcast_in_dim %a, dims = [2] : (tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// broadcast_in_dim_c4
func.func @broadcast_in_dim_c4(%a: tensor<1x1xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{broadcast_dimensions [1, 1] has a repeated dimension 1}}
  %0 = hlo.broadcast_in_dim %a, dims = [1, 1] : (tensor<1x1xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// broadcast_in_dim_c5
func.func @broadcast_in_dim_c5(%a: tensor<3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{operand dimension 0 of size 3 cannot broadcast to result dimension 1 of size 2}}
  %0 = hlo.broadcast_in_dim %a, dims = [1] : (tensor<3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// reshape_c1
func.func @reshape_c1(%a: tensor<6xf32>) -> tensor<2x3xi32> {
  // expected-error @+1 {{result element type 'i32' differs from operand element type 'f32'}}
  %0 = hlo.reshape %a : (tensor<6xf32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// reshape_c2
func.func @reshape_c2(%a: tensor<6xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{operand has 6 elements but result has 8}}
  %0 = hlo.reshape %a : (tensor<6xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// transpose_c1
func.func @transpose_c1(%a: tensor<2x3xf32>) -> tensor<3x2xi32> {
  // expected-error @+2 {{inferred type(s) 'tensor<3x2xf32>' are incompatible with return type(s) of operation 'tensor<3x2xi32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.transpose %a, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xi32>
  return %0 : tensor<3x2xi32>
}

// -----

// transpose_c2
func.func @transpose_c2(%a: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // expected-error @+2 {{permutation [0, 0] is not a permutation of [0, 2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.transpose %a, dims = [0, 0] : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// transpose_c2
func.func @transpose_c2_wrong_size(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{permutation [0] is not a permutation of [0, 2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.transpose %a, dims = [0] : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// transpose_c3
func.func @transpose_c3(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<3x2xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.transpose %a, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// slice_c2
func.func @slice_c2(%a: tensor<4x4xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{start_indices, limit_indices and strides have sizes 1, 1 and 1, expected the operand rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.slice %a [0:2] : (tensor<4x4xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// slice_c3
func.func @slice_c3_limit(%a: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{slice [2:5] of dimension 0 is not within [0, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.slice %a [2:5] : (tensor<4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// slice_c3
func.func @slice_c3_start_after_limit(%a: tensor<4xf32>) -> tensor<0xf32> {
  // expected-error @+2 {{slice [3:2] of dimension 0 is not within [0, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.slice %a [3:2] : (tensor<4xf32>) -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

// slice_c4
func.func @slice_c4(%a: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{stride 0 of dimension 0 must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.slice %a [0:2:0] : (tensor<4xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// slice_c5
func.func @slice_c5(%a: tensor<8xf32>) -> tensor<3xf32> {
  // ceil((8 - 1) / 2) = 4 elements, not 3.
  // expected-error @+2 {{inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.slice %a [1:8:2] : (tensor<8xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// concatenate_c1
func.func @concatenate_c1(%a: tensor<2xf32>, %b: tensor<2xi32>) -> tensor<4xf32> {
  // expected-error @+2 {{input 1 has element type 'i32', expected 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.concatenate %a, %b, dim = 0 : (tensor<2xf32>, tensor<2xi32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// concatenate_c2
func.func @concatenate_c2_rank(%a: tensor<2xf32>, %b: tensor<2x1xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{input 1 has rank 2, expected 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.concatenate %a, %b, dim = 0 : (tensor<2xf32>, tensor<2x1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// concatenate_c2
func.func @concatenate_c2_size(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<4x3xf32> {
  // expected-error @+2 {{input 1 has size 4 in dimension 1, expected 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.concatenate %a, %b, dim = 0 : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// concatenate_c3
func.func @concatenate_c3() -> tensor<0xf32> {
  // expected-error @+2 {{expects at least one input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.concatenate"() <{dimension = 0 : i64}> : () -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

// concatenate_c4
func.func @concatenate_c4(%a: tensor<2xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{dimension 1 is out of bounds for inputs of rank 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.concatenate %a, %a, dim = 1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// concatenate_c4
func.func @concatenate_c4_negative(%a: tensor<2xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{dimension -1 is out of bounds for inputs of rank 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.concatenate %a, %a, dim = -1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// concatenate_c5: the sum of the sizes must fit in 64 bits.
func.func @concatenate_c5_overflow(%a: tensor<4611686018427387904xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{dimension 0 of the result overflows 64 bits}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.concatenate %a, %a, %a, dim = 0 : (tensor<4611686018427387904xf32>, tensor<4611686018427387904xf32>, tensor<4611686018427387904xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// concatenate_c5
func.func @concatenate_c5(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<5xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.concatenate %a, %b, dim = 0 : (tensor<2xf32>, tensor<3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// pad_i2: the padding value is a 0-dimensional tensor.
func.func @pad_i2(%a: tensor<2xf32>, %v: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{padding_value must be a scalar tensor, got 'tensor<1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.pad %a, %v, low = [1], high = [1], interior = [0] : (tensor<2xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// pad_c1
func.func @pad_c1(%a: tensor<2xf32>, %v: tensor<i32>) -> tensor<4xf32> {
  // expected-error @+2 {{padding_value has element type 'i32', expected 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.pad %a, %v, low = [1], high = [1], interior = [0] : (tensor<2xf32>, tensor<i32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// pad_c2
func.func @pad_c2(%a: tensor<2xf32>, %v: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+2 {{edge_padding_low, edge_padding_high and interior_padding have sizes 2, 1 and 1, expected the operand rank 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.pad %a, %v, low = [1, 0], high = [1], interior = [0] : (tensor<2xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// pad_c3
func.func @pad_c3(%a: tensor<2xf32>, %v: tensor<f32>) -> tensor<1xf32> {
  // expected-error @+2 {{interior padding -1 of dimension 0 must not be negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.pad %a, %v, low = [0], high = [0], interior = [-1] : (tensor<2xf32>, tensor<f32>) -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

// pad_c4
func.func @pad_c4_negative(%a: tensor<2xf32>, %v: tensor<f32>) -> tensor<0xf32> {
  // expected-error @+2 {{padding gives dimension 0 the negative size -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.pad %a, %v, low = [-2], high = [-1], interior = [0] : (tensor<2xf32>, tensor<f32>) -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

// pad_c4: the padded size must fit in 64 bits (it used to wrap to 6).
func.func @pad_c4_overflow(%a: tensor<8xf32>, %v: tensor<f32>) -> tensor<6xf32> {
  // expected-error @+2 {{padding gives dimension 0 a size that overflows 64 bits}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.pad %a, %v, low = [9223372036854775807], high = [9223372036854775807], interior = [0] : (tensor<8xf32>, tensor<f32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// pad_c4: interior padding that overflows.
func.func @pad_c4_interior_overflow(%a: tensor<8xf32>, %v: tensor<f32>) -> tensor<6xf32> {
  // expected-error @+2 {{padding gives dimension 0 a size that overflows 64 bits}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.pad %a, %v, low = [0], high = [0], interior = [4611686018427387904] : (tensor<8xf32>, tensor<f32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// pad_c4
func.func @pad_c4(%a: tensor<3xf32>, %v: tensor<f32>) -> tensor<6xf32> {
  // 1 + 3 + 2 * 1 + 1 = 7.
  // expected-error @+2 {{inferred type(s) 'tensor<7xf32>' are incompatible with return type(s) of operation 'tensor<6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.pad %a, %v, low = [1], high = [1], interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// optimization_barrier_c1
func.func @optimization_barrier_c1(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+2 {{inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4xf16>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.optimization_barrier"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// get_tuple_element_c1
func.func @get_tuple_element_c1(%x: tensor<4xf32>) -> tensor<4xf32> {
  %t = hlo.tuple %x : tuple<tensor<4xf32>>
  // expected-error @+2 {{index 1 is out of range for a tuple of 1 elements}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.get_tuple_element %t[1] : (tuple<tensor<4xf32>>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// get_tuple_element_c2
func.func @get_tuple_element_c2(%x: tensor<4xf32>) -> tensor<4xf16> {
  %t = hlo.tuple %x : tuple<tensor<4xf32>>
  // expected-error @+2 {{inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4xf16>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.get_tuple_element %t[0] : (tuple<tensor<4xf32>>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// tuple_c1
func.func @tuple_c1(%x: tensor<4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tuple<tensor<4xf32>>' are incompatible with return type(s) of operation 'tuple<tensor<4xf32>, tensor<4xf32>>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %t = "hlo.tuple"(%x) : (tensor<4xf32>) -> tuple<tensor<4xf32>, tensor<4xf32>>
  return
}

// -----

// Kiln's tuples hold tensors only.
func.func @nested_tuple(%x: tensor<4xf32>) {
  %t = hlo.tuple %x : tuple<tensor<4xf32>>
  // expected-error @+1 {{operand #0 must be variadic of statically shaped tensor}}
  %u = "hlo.tuple"(%t) : (tuple<tensor<4xf32>>) -> tuple<tuple<tensor<4xf32>>>
  return
}
