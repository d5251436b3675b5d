// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// One case per constraint of StableHLO's scatter (scatter_c1 ... scatter_c25)
// that Kiln checks, each named after it; c24 is c25's shape half.

// scatter_c1
func.func @scatter_c1(%x0: tensor<2x5x4xf32>, %x1: tensor<2x5x3xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>, %u1: tensor<2x3x4xf32>) {
  // expected-error @+2 {{inputs must have one shape, got 'tensor<2x5x4xf32>' and 'tensor<2x5x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = "hlo.scatter"(%x0, %x1, %i, %u0, %u1) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %a1: tensor<f32>, %b0: tensor<f32>, %b1: tensor<f32>):
    hlo.return %b0, %b1 : tensor<f32>, tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x5x3xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> (tensor<2x5x4xf32>, tensor<2x5x3xf32>)
  return
}

// -----

// scatter_c2
func.func @scatter_c2(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{update_window_dims, inserted_window_dims and input_batching_dims have 2 entries together, expected the input rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c3
func.func @scatter_c3(%x0: tensor<2x5x4xf32>, %x1: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>, %u1: tensor<2x3x3xf32>) {
  // expected-error @+2 {{updates must have one shape, got 'tensor<2x3x4xf32>' and 'tensor<2x3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = "hlo.scatter"(%x0, %x1, %i, %u0, %u1) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %a1: tensor<f32>, %b0: tensor<f32>, %b1: tensor<f32>):
    hlo.return %b0, %b1 : tensor<f32>, tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>, tensor<2x3x3xf32>) -> (tensor<2x5x4xf32>, tensor<2x5x4xf32>)
  return
}

// -----

// scatter_c4
func.func @scatter_c4(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x5xf32>) {
  // expected-error @+2 {{update window dimension 2 has size 5, larger than the input's 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x5xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c4
func.func @scatter_c4_2(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x2x4xf32>) {
  // expected-error @+2 {{update dimension 1 has size 2, expected 3 from scatter_indices}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x2x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c4
func.func @scatter_c4_3(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3xf32>) {
  // expected-error @+2 {{updates have rank 2, expected 3 (the scatter_indices dimensions but the index vector dimension, plus update_window_dims)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [1], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c5
func.func @scatter_c5(%i: tensor<2x3x1xi64>) {
  // expected-error @+2 {{expected as many updates as inputs, and at least one of each; got 0 inputs and 0 updates}}
  // expected-error @+1 {{failed to infer returned types}}
  "hlo.scatter"(%i) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x3x1xi64>) -> ()
  return
}

// -----

// scatter_c6
func.func @scatter_c6(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xi32>) {
  // expected-error @+2 {{update element type 'i32' differs from input element type 'f32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xi32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c7
func.func @scatter_c7(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{update_window_dims [2, 2] has a repeated dimension 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2, 2], inserted_window_dims = [], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c7
func.func @scatter_c7_2(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4x5xf32>) {
  // expected-error @+2 {{update_window_dims [3, 2] must be sorted}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [3, 2], inserted_window_dims = [], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4x5xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c8
func.func @scatter_c8(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{update window dimension 5 is out of bounds for updates of rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [5], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c9
func.func @scatter_c9(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{inserted_window_dims and input_batching_dims [0, 0] has a repeated dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [0], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c10
func.func @scatter_c10(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{inserted_window_dims [2, 1] must be sorted}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [], inserted_window_dims = [2, 1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c11
func.func @scatter_c11(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{inserted window dimension 3 is out of bounds for inputs of rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [3], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c12
func.func @scatter_c12(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{input_batching_dims [2, 0] must be sorted}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [], inserted_window_dims = [1], input_batching_dims = [2, 0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c13
func.func @scatter_c13(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{input batching dimension 3 is out of bounds for inputs of rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [3], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c14
func.func @scatter_c14(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{scatter_indices_batching_dims [0, 0] has a repeated dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0, 0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c15
func.func @scatter_c15(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{scatter indices batching dimension 3 is out of bounds for scatter_indices of rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [3], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c16
func.func @scatter_c16(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{index_vector_dim 2 is also a scatter indices batching dimension}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [2], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c17
func.func @scatter_c17(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{input_batching_dims has 1 entries but scatter_indices_batching_dims has 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c18
func.func @scatter_c18(%x0: tensor<2x5x4xf32>, %i: tensor<3x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{input batching dimension 0 has size 2 but scatter indices batching dimension 0 has size 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<3x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c19
func.func @scatter_c19(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{scatter_dims_to_operand_dims has 2 entries, expected the size of the index vector, 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1, 2], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c20
func.func @scatter_c20(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{scatter_dims_to_operand_dims and input_batching_dims [0, 0] has a repeated dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c21
func.func @scatter_c21(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{scatter_dims_to_operand_dims entry 3 is out of bounds for inputs of rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [3], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c22
func.func @scatter_c22(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{index_vector_dim 4 is out of bounds for scatter_indices of rank 3 (at most the rank)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 4>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c23
func.func @scatter_c23(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{body takes ('tensor<f32>', 'tensor<i32>') but must take ('tensor<f32>', 'tensor<f32>')}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<i32>):
    hlo.return %a0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c23
func.func @scatter_c23_2(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+1 {{body returns ('tensor<i32>') but must return ('tensor<f32>')}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    %c = hlo.constant dense<0> : tensor<i32>
    hlo.return %c : tensor<i32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

// scatter_c25
func.func @scatter_c25(%x0: tensor<2x5x4xf32>, %i: tensor<2x3x1xi64>, %u0: tensor<2x3x4xf32>) {
  // expected-error @+2 {{'hlo.scatter' op inferred type(s) 'tensor<2x5x4xf32>' are incompatible with return type(s) of operation 'tensor<2x5x4xi32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:1 = "hlo.scatter"(%x0, %i, %u0) <{scatter_dimension_numbers = #hlo.scatter<update_window_dims = [2], inserted_window_dims = [1], input_batching_dims = [0], scatter_indices_batching_dims = [0], scatter_dims_to_operand_dims = [1], index_vector_dim = 2>}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<f32>):
    hlo.return %b0 : tensor<f32>
  }) : (tensor<2x5x4xf32>, tensor<2x3x1xi64>, tensor<2x3x4xf32>) -> tensor<2x5x4xi32>
  return
}

// -----

// scatter (I2): integer indices.
func.func @scatter_float_indices(%x: tensor<5xf32>, %i: tensor<2x1xf32>, %u: tensor<2xf32>) {
  // expected-error @+1 {{operand #1 must be statically shaped tensor of 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer values}}
  %0 = "hlo.scatter"(%x, %i, %u) <{scatter_dimension_numbers = #hlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    hlo.return %b : tensor<f32>
  }) : (tensor<5xf32>, tensor<2x1xf32>, tensor<2xf32>) -> tensor<5xf32>
  return
}
