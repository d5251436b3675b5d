// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// One case per constraint of reverse, dynamic_slice and dynamic_update_slice
// that the types alone do not enforce, each named after it.

// reverse_c2
func.func @reverse_c2(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{dimensions [1, 1] has a repeated dimension 1}}
  %0 = hlo.reverse %x, dims = [1, 1] : tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// reverse_c3
func.func @reverse_c3(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{dimension 2 is out of bounds for operand of rank 2}}
  %0 = hlo.reverse %x, dims = [2] : tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// dynamic_slice_c2
func.func @dynamic_slice_c2(%x: tensor<4x4xf32>, %i: tensor<i64>) -> tensor<2x2xf32> {
  // expected-error @+2 {{expected 2 start indices (one per operand dimension), got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dynamic_slice %x, %i, sizes = [2, 2] : (tensor<4x4xf32>, tensor<i64>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// dynamic_slice_c3
func.func @dynamic_slice_c3(%x: tensor<4x4xf32>, %i: tensor<i64>, %j: tensor<i32>) -> tensor<2x2xf32> {
  // expected-error @+2 {{start indices must have one type, got 'tensor<i64>' and 'tensor<i32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dynamic_slice %x, %i, %j, sizes = [2, 2] : (tensor<4x4xf32>, tensor<i64>, tensor<i32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// dynamic_slice_c4
func.func @dynamic_slice_c4(%x: tensor<4x4xf32>, %i: tensor<i64>) -> tensor<2x5xf32> {
  // expected-error @+2 {{slice size 5 of dimension 1 is not within [0, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dynamic_slice %x, %i, %i, sizes = [2, 5] : (tensor<4x4xf32>, tensor<i64>, tensor<i64>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// dynamic_slice_c5
func.func @dynamic_slice_c5(%x: tensor<4x4xf32>, %i: tensor<i64>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'hlo.dynamic_slice' op inferred type(s) 'tensor<2x2xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dynamic_slice %x, %i, %i, sizes = [2, 2] : (tensor<4x4xf32>, tensor<i64>, tensor<i64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// dynamic_update_slice_c2
func.func @dynamic_update_slice_c2(%x: tensor<4x4xf32>, %u: tensor<2x2xi32>, %i: tensor<i64>) -> tensor<4x4xf32> {
  // expected-error @+2 {{update element type 'i32' differs from operand element type 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dynamic_update_slice %x, %u, %i, %i : (tensor<4x4xf32>, tensor<2x2xi32>, tensor<i64>, tensor<i64>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// dynamic_update_slice_c3
func.func @dynamic_update_slice_c3(%x: tensor<4x4xf32>, %u: tensor<2xf32>, %i: tensor<i64>) -> tensor<4x4xf32> {
  // expected-error @+2 {{update has rank 1 but operand has rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dynamic_update_slice %x, %u, %i, %i : (tensor<4x4xf32>, tensor<2xf32>, tensor<i64>, tensor<i64>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// dynamic_update_slice_c4
func.func @dynamic_update_slice_c4(%x: tensor<4x4xf32>, %u: tensor<2x2xf32>, %i: tensor<i64>) -> tensor<4x4xf32> {
  // expected-error @+2 {{expected 2 start indices (one per operand dimension), got 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dynamic_update_slice %x, %u, %i, %i, %i : (tensor<4x4xf32>, tensor<2x2xf32>, tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// dynamic_update_slice_c5
func.func @dynamic_update_slice_c5(%x: tensor<4x4xf32>, %u: tensor<2x2xf32>, %i: tensor<1xi64>) -> tensor<4x4xf32> {
  // expected-error @+2 {{start indices must be 0-d tensors, got 'tensor<1xi64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dynamic_update_slice %x, %u, %i, %i : (tensor<4x4xf32>, tensor<2x2xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// dynamic_update_slice_c6
func.func @dynamic_update_slice_c6(%x: tensor<4x4xf32>, %u: tensor<2x5xf32>, %i: tensor<i64>) -> tensor<4x4xf32> {
  // expected-error @+2 {{update dimension 1 of size 5 is larger than the operand's 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dynamic_update_slice %x, %u, %i, %i : (tensor<4x4xf32>, tensor<2x5xf32>, tensor<i64>, tensor<i64>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
