// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// dot_general_c1
func.func @dot_general_c1(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // expected-error @+2 {{lhs has 1 batching dimensions but rhs has 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, batching_dims = [0] x [], contracting_dims = [1] x [1] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// dot_general_c2
func.func @dot_general_c2(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3x2xf32> {
  // expected-error @+2 {{lhs has 1 contracting dimensions but rhs has 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [] : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3x2xf32>
  return %0 : tensor<2x3x2xf32>
}

// -----

// dot_general_c3
func.func @dot_general_c3(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{lhs batching and contracting dimensions [0, 0] has a repeated dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [0] x [1] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// dot_general_c4
func.func @dot_general_c4(%a: tensor<2x3xf32>, %b: tensor<2x2xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{rhs batching and contracting dimensions [1, 1] has a repeated dimension 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, batching_dims = [0] x [1], contracting_dims = [1] x [1] : (tensor<2x3xf32>, tensor<2x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// dot_general_c5
func.func @dot_general_c5(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{dimension 2 is out of bounds for lhs of rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, batching_dims = [2] x [0], contracting_dims = [1] x [1] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// dot_general_c6
func.func @dot_general_c6(%a: tensor<784xf32>, %b: tensor<784x10xf32>) -> tensor<10xf32> {
  // expected-error @+2 {{dimension 10 is out of bounds for lhs of rank 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, contracting_dims = [10] x [0] : (tensor<784xf32>, tensor<784x10xf32>) -> tensor<10xf32>
  return %0 : tensor<10xf32>
}

// -----

// dot_general_c7
func.func @dot_general_c7(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{dimension 5 is out of bounds for rhs of rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, batching_dims = [0] x [5], contracting_dims = [1] x [1] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// dot_general_c8
func.func @dot_general_c8(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<f32> {
  // expected-error @+2 {{dimension -1 is out of bounds for rhs of rank 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, contracting_dims = [0] x [-1] : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// dot_general_c9
func.func @dot_general_c9(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{batching dimension sizes differ: lhs dimension 0 has size 2, rhs dimension 0 has size 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [1] x [1] : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// dot_general_c10
func.func @dot_general_c10(%a: tensor<1x784xf32>, %b: tensor<783x10xf32>) -> tensor<1x10xf32> {
  // expected-error @+2 {{contracting dimension sizes differ: lhs dimension 1 has size 784, rhs dimension 0 has size 783}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<1x784xf32>, tensor<783x10xf32>) -> tensor<1x10xf32>
  return %0 : tensor<1x10xf32>
}

// -----

// dot_general_c11
func.func @dot_general_c11(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+2 {{precision_config has 1 entries, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0], precision = [DEFAULT] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// dot_general_c12
func.func @dot_general_c12(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<4x2xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<2x4xf32>' are incompatible with return type(s) of operation 'tensor<4x2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// dot_general_c13
func.func @dot_general_c13(%a: tensor<2x3xf32>, %b: tensor<3x4xi32>) -> tensor<2x4xf32> {
  // expected-error @+2 {{lhs element type 'f32' differs from rhs element type 'i32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xi32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// convolution_c1
func.func @convolution_c1(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{lhs has rank 4 but rhs has rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c1
func.func @convolution_c1_rank(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{operands must have rank at least 2, got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, f]x[i, o]->[b, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// convolution_c2
func.func @convolution_c2(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{window_strides has 1 entries, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c3
func.func @convolution_c3(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{window_strides must be positive, got [1, 0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 0]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c4
func.func @convolution_c4(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{padding has shape [1, 2], expected [2, 2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {pad = [[1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c5
func.func @convolution_c5(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{lhs_dilation has 3 entries, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {lhs_dilate = [1, 1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c6
func.func @convolution_c6(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{lhs_dilation must be positive, got [0, 1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {lhs_dilate = [0, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c7
func.func @convolution_c7(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{rhs_dilation has 1 entries, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {rhs_dilate = [2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c8
func.func @convolution_c8(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{rhs_dilation must be positive, got [1, -2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {rhs_dilate = [1, -2]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c9
func.func @convolution_c9(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{window_reversal has 1 entries, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {reverse = [false]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c10
func.func @convolution_c10(%a: tensor<3x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{input batch size 3 is not divisible by batch_group_count 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 2 : i64, feature_group_count = 1 : i64} : (tensor<3x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c11
func.func @convolution_c11(%a: tensor<1x8x8x5xf32>, %b: tensor<3x3x2x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{input feature size 5 is not divisible by feature_group_count 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x8x8x5xf32>, tensor<3x3x2x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c12
func.func @convolution_c12(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{input_spatial_dimensions has 1 entries, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c14
func.func @convolution_c14(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{kernel input feature size 3 times feature_group_count 1 must equal the input feature size 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c15
func.func @convolution_c15(%a: tensor<2x8x8x4xf32>, %b: tensor<3x3x4x15xf32>) -> tensor<1x6x6x15xf32> {
  // expected-error @+2 {{kernel output feature size 15 is not divisible by batch_group_count 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 2 : i64, feature_group_count = 1 : i64} : (tensor<2x8x8x4xf32>, tensor<3x3x4x15xf32>) -> tensor<1x6x6x15xf32>
  return %0 : tensor<1x6x6x15xf32>
}

// -----

// convolution_c16
func.func @convolution_c16(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x2x15xf32>) -> tensor<1x6x6x15xf32> {
  // expected-error @+2 {{kernel output feature size 15 is not divisible by feature_group_count 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x2x15xf32>) -> tensor<1x6x6x15xf32>
  return %0 : tensor<1x6x6x15xf32>
}

// -----

// convolution_c17
func.func @convolution_c17(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{kernel_spatial_dimensions has 1 entries, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c19
func.func @convolution_c19(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{output_spatial_dimensions has 1 entries, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c21
func.func @convolution_c21(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{feature_group_count = 0 must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 0 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c22
func.func @convolution_c22(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{batch_group_count = -1 must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = -1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c23
func.func @convolution_c23(%a: tensor<2x8x8x4xf32>, %b: tensor<3x3x2x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{feature_group_count 2 and batch_group_count 2 cannot both exceed 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 2 : i64, feature_group_count = 2 : i64} : (tensor<2x8x8x4xf32>, tensor<3x3x2x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c24
func.func @convolution_c24(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{precision_config has 3 entries, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#hlo<precision DEFAULT>, #hlo<precision DEFAULT>, #hlo<precision DEFAULT>]} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution_c25
func.func @convolution_c25(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xf32>) -> tensor<1x7x7x16xf32> {
  // (8 - 3) / 1 + 1 = 6 per spatial dimension.
  // expected-error @+2 {{inferred type(s) 'tensor<1x6x6x16xf32>' are incompatible with return type(s) of operation 'tensor<1x7x7x16xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x7x7x16xf32>
  return %0 : tensor<1x7x7x16xf32>
}

// -----

// convolution_c27
func.func @convolution_c27(%a: tensor<1x8x8x4xf32>, %b: tensor<3x3x4x16xi32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+2 {{lhs element type 'f32' differs from rhs element type 'i32'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xi32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}
