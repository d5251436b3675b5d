// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// One case per constraint of StableHLO's sort, then CHLO's top_k (which
// canonicalizes to a sort).

// sort_c1
func.func @sort_c1() -> tensor<4xf32> {
  // expected-error @+2 {{expects at least one input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.sort"() <{dimension = 0 : i64}> ({
  ^bb0:
    %c = hlo.constant dense<true> : tensor<i1>
    hlo.return %c : tensor<i1>
  }) : () -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// sort_c2
func.func @sort_c2(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+2 {{inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4xf16>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.sort"(%x) <{dimension = 0 : i64}> ({
  ^bb0(%l: tensor<f32>, %r: tensor<f32>):
    %c = hlo.compare LT, %l, %r : (tensor<f32>, tensor<f32>) -> tensor<i1>
    hlo.return %c : tensor<i1>
  }) : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// sort_c3
func.func @sort_c3(%x: tensor<4xf32>, %y: tensor<5xf32>) -> (tensor<4xf32>, tensor<5xf32>) {
  // expected-error @+2 {{input 1 has shape [5], expected [4] (input 0's)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = "hlo.sort"(%x, %y) <{dimension = 0 : i64}> ({
  ^bb0(%l: tensor<f32>, %r: tensor<f32>, %a: tensor<f32>, %b: tensor<f32>):
    %c = hlo.compare LT, %l, %r : (tensor<f32>, tensor<f32>) -> tensor<i1>
    hlo.return %c : tensor<i1>
  }) : (tensor<4xf32>, tensor<5xf32>) -> (tensor<4xf32>, tensor<5xf32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<5xf32>
}

// -----

// sort_c4
func.func @sort_c4(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  // expected-error @+2 {{dimension 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.sort"(%x) <{dimension = 2 : i64}> ({
  ^bb0(%l: tensor<f32>, %r: tensor<f32>):
    %c = hlo.compare LT, %l, %r : (tensor<f32>, tensor<f32>) -> tensor<i1>
    hlo.return %c : tensor<i1>
  }) : (tensor<4x2xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// sort_c4 (negative)
func.func @sort_c4_negative(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  // expected-error @+2 {{dimension -3 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.sort"(%x) <{dimension = -3 : i64}> ({
  ^bb0(%l: tensor<f32>, %r: tensor<f32>):
    %c = hlo.compare LT, %l, %r : (tensor<f32>, tensor<f32>) -> tensor<i1>
    hlo.return %c : tensor<i1>
  }) : (tensor<4x2xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// sort_c5
func.func @sort_c5(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'hlo.sort' op comparator returns ('tensor<f32>') but must return ('tensor<i1>')}}
  %0 = "hlo.sort"(%x) <{dimension = 0 : i64}> ({
  ^bb0(%l: tensor<f32>, %r: tensor<f32>):
    hlo.return %l : tensor<f32>
  }) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// sort_c5 (arguments)
func.func @sort_c5_arguments(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>) {
  // expected-error @+1 {{'hlo.sort' op comparator takes ('tensor<f32>', 'tensor<f32>') but must take ('tensor<f32>', 'tensor<f32>', 'tensor<i32>', 'tensor<i32>')}}
  %0:2 = "hlo.sort"(%x, %i) <{dimension = 0 : i64}> ({
  ^bb0(%l: tensor<f32>, %r: tensor<f32>):
    %c = hlo.compare LT, %l, %r : (tensor<f32>, tensor<f32>) -> tensor<i1>
    hlo.return %c : tensor<i1>
  }) : (tensor<4xf32>, tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xi32>
}

// -----

// CHLO's top_k: a rank-0 operand has no last dimension.
func.func @top_k_rank(%x: tensor<f32>) -> (tensor<f32>, tensor<i32>) {
  // expected-error @+2 {{operand must have rank 1 or more}}
  // expected-error @+1 {{failed to infer returned types}}
  %v, %i = hlo.top_k(%x, k = 1) : tensor<f32> -> (tensor<f32>, tensor<i32>)
  return %v, %i : tensor<f32>, tensor<i32>
}

// -----

// CHLO's top_k: k is at most the last dimension.
func.func @top_k_k(%x: tensor<2x3xf32>) -> (tensor<2x4xf32>, tensor<2x4xi32>) {
  // expected-error @+2 {{k = 4 is out of range for a last dimension of 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %v, %i = hlo.top_k(%x, k = 4) : tensor<2x3xf32> -> (tensor<2x4xf32>, tensor<2x4xi32>)
  return %v, %i : tensor<2x4xf32>, tensor<2x4xi32>
}
