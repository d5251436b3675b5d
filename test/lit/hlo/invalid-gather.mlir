// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// One case per constraint of StableHLO's gather (gather_c1 ... gather_c23),
// each named after it.

// gather_c1
func.func @gather_c1(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{offset_dims, collapsed_slice_dims and operand_batching_dims have 1 entries together, expected the operand rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// gather_c2
func.func @gather_c2(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{index_vector_dim 3 is out of bounds for start_indices of rank 2 (at most the rank)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 3>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// gather_c3
func.func @gather_c3(%x: tensor<3x4xf32>, %i: tensor<2x2xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{start_index_map has 1 entries, expected the size of the index vector, 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<2x2xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// gather_c4
func.func @gather_c4(%x: tensor<3x4x5xf32>, %i: tensor<2x1xi64>) -> tensor<2x4x5xf32> {
  // expected-error @+2 {{offset_dims [2, 1] must be sorted}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [2, 1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4, 5>}> : (tensor<3x4x5xf32>, tensor<2x1xi64>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

// gather_c5
func.func @gather_c5(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{offset dim 2 is out of bounds for result of rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// gather_c6
func.func @gather_c6(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2xf32> {
  // expected-error @+2 {{collapsed_slice_dims and operand_batching_dims [0, 0] has a repeated dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [], collapsed_slice_dims = [0], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 1>, slice_sizes = array<i64: 1, 1>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// gather_c7
func.func @gather_c7(%x: tensor<3x4xf32>, %i: tensor<2x2xi64>) -> tensor<2xf32> {
  // expected-error @+2 {{collapsed_slice_dims [1, 0] must be sorted}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<collapsed_slice_dims = [1, 0], start_index_map = [0, 1], index_vector_dim = 1>, slice_sizes = array<i64: 1, 1>}> : (tensor<3x4xf32>, tensor<2x2xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// gather_c8
func.func @gather_c8(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{collapsed slice dimension 2 is out of bounds for operand of rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], collapsed_slice_dims = [2], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// gather_c9
func.func @gather_c9(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{collapsed slice dimension 0 has slice size 2, expected at most 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 2, 4>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// gather_c10
func.func @gather_c10(%x: tensor<2x2x4xf32>, %i: tensor<2x2x1xi64>) -> tensor<2x2x4xf32> {
  // expected-error @+2 {{operand_batching_dims [1, 0] must be sorted}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [2], operand_batching_dims = [1, 0], start_indices_batching_dims = [0, 1], start_index_map = [2], index_vector_dim = 2>, slice_sizes = array<i64: 1, 1, 4>}> : (tensor<2x2x4xf32>, tensor<2x2x1xi64>) -> tensor<2x2x4xf32>
  return %0 : tensor<2x2x4xf32>
}

// -----

// gather_c11
func.func @gather_c11(%x: tensor<3x4xf32>, %i: tensor<3x1xi64>) -> tensor<3x4xf32> {
  // expected-error @+2 {{operand batching dimension 2 is out of bounds for operand of rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], operand_batching_dims = [2], start_indices_batching_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<3x1xi64>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather_c12
func.func @gather_c12(%x: tensor<3x4xf32>, %i: tensor<3x1xi64>) -> tensor<3x4xf32> {
  // expected-error @+2 {{operand batching dimension 0 has slice size 2, expected at most 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 1>, slice_sizes = array<i64: 2, 4>}> : (tensor<3x4xf32>, tensor<3x1xi64>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather_c13
func.func @gather_c13(%x: tensor<2x2x4xf32>, %i: tensor<2x2x1xi64>) -> tensor<2x2x4xf32> {
  // expected-error @+2 {{start_indices_batching_dims [0, 0] has a repeated dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [2], operand_batching_dims = [0, 1], start_indices_batching_dims = [0, 0], start_index_map = [2], index_vector_dim = 2>, slice_sizes = array<i64: 1, 1, 4>}> : (tensor<2x2x4xf32>, tensor<2x2x1xi64>) -> tensor<2x2x4xf32>
  return %0 : tensor<2x2x4xf32>
}

// -----

// gather_c14
func.func @gather_c14(%x: tensor<3x4xf32>, %i: tensor<3x1xi64>) -> tensor<3x4xf32> {
  // expected-error @+2 {{start indices batching dimension 2 is out of bounds for start_indices of rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [2], start_index_map = [1], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<3x1xi64>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather_c15
func.func @gather_c15(%x: tensor<3x4xf32>, %i: tensor<3x1xi64>) -> tensor<3x4xf32> {
  // expected-error @+2 {{index_vector_dim 1 is also a start indices batching dimension}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [1], start_index_map = [1], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<3x1xi64>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather_c16
func.func @gather_c16(%x: tensor<3x4xf32>, %i: tensor<3x1xi64>) -> tensor<3x4xf32> {
  // expected-error @+2 {{operand_batching_dims has 1 entries but start_indices_batching_dims has 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], operand_batching_dims = [0], start_index_map = [1], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<3x1xi64>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather_c17
func.func @gather_c17(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{operand batching dimension 0 has size 3 but start indices batching dimension 0 has size 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [1], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// gather_c18
func.func @gather_c18(%x: tensor<3x4xf32>, %i: tensor<3x1xi64>) -> tensor<3x4xf32> {
  // expected-error @+2 {{start_index_map and operand_batching_dims [0, 0] has a repeated dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<3x1xi64>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather_c19
func.func @gather_c19(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{start_index_map entry 5 is out of bounds for operand of rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [5], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// gather_c20
func.func @gather_c20(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{slice_sizes has 3 entries, expected the operand rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4, 1>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// gather_c21
func.func @gather_c21(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x5xf32> {
  // expected-error @+2 {{slice size 5 of dimension 1 is not within [0, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 5>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// gather_c22
func.func @gather_c22(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'hlo.gather' op inferred type(s) 'tensor<2x4xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// gather_c23
func.func @gather_c23(%x: tensor<3x4xf32>, %i: tensor<2x1xi64>) -> tensor<2x4xi32> {
  // expected-error @+2 {{'hlo.gather' op inferred type(s) 'tensor<2x4xf32>' are incompatible with return type(s) of operation 'tensor<2x4xi32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>, slice_sizes = array<i64: 1, 4>}> : (tensor<3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}
