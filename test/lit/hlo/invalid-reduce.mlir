// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// reduce_c1
func.func @reduce_c1(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>, %z: tensor<f32>) -> (tensor<2xf32>, tensor<2xf32>) {
  // expected-error @+2 {{input 1 has shape [3, 2], expected [2, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = hlo.reduce(%a init: %z), (%b init: %z) across dimensions = [1] : (tensor<2x3xf32>, tensor<3x2xf32>, tensor<f32>, tensor<f32>) -> (tensor<2xf32>, tensor<2xf32>)
    reducer(%x: tensor<f32>, %y: tensor<f32>) (%u: tensor<f32>, %v: tensor<f32>) {
      hlo.return %x, %u : tensor<f32>, tensor<f32>
    }
  return %0#0, %0#1 : tensor<2xf32>, tensor<2xf32>
}

// -----

// reduce_c2
func.func @reduce_c2(%a: tensor<2x3xf32>, %z: tensor<i32>) -> tensor<2xf32> {
  // expected-error @+2 {{init value 0 has type 'tensor<i32>', expected 'tensor<f32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce"(%a, %z) <{dimensions = array<i64: 1>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<2x3xf32>, tensor<i32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// reduce_c2 (init values are 0-dimensional tensors)
func.func @reduce_c2_init_not_scalar(%a: tensor<2x3xf32>, %z: tensor<1xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{init value 0 has type 'tensor<1xf32>', expected 'tensor<f32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce"(%a, %z) <{dimensions = array<i64: 1>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// reduce_c3
func.func @reduce_c3(%a: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+2 {{expects N > 0 inputs followed by N init values, got 3 operands}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce"(%a, %a, %z) <{dimensions = array<i64: 1>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// reduce_c4
func.func @reduce_c4(%a: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+2 {{dimension 2 is out of bounds for inputs of rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.reduce(%a init: %z) applies hlo.add across dimensions = [2] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// reduce_c5
func.func @reduce_c5(%a: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+2 {{dimensions [1, 1] has a repeated dimension 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.reduce(%a init: %z) applies hlo.add across dimensions = [1, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// reduce_c6
func.func @reduce_c6_arguments(%a: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+1 {{body takes ('tensor<f32>', 'tensor<i32>') but must take ('tensor<f32>', 'tensor<f32>')}}
  %0 = "hlo.reduce"(%a, %z) <{dimensions = array<i64: 1>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<i32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// reduce_c6
func.func @reduce_c6_results(%a: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+1 {{body returns ('tensor<1xf32>') but must return ('tensor<f32>')}}
  %0 = "hlo.reduce"(%a, %z) <{dimensions = array<i64: 1>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    %r = hlo.reshape %x : (tensor<f32>) -> tensor<1xf32>
    "hlo.return"(%r) : (tensor<1xf32>) -> ()
  }) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// reduce_c7
func.func @reduce_c7(%a: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = hlo.reduce(%a init: %z) applies hlo.add across dimensions = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c2
func.func @reduce_window_c2(%a: tensor<4xf32>, %b: tensor<5xf32>, %z: tensor<f32>) -> (tensor<3xf32>, tensor<3xf32>) {
  // expected-error @+2 {{input 1 has shape [5], expected [4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = "hlo.reduce_window"(%a, %b, %z, %z) <{window_dimensions = array<i64: 2>}> ({
  ^bb0(%x: tensor<f32>, %u: tensor<f32>, %y: tensor<f32>, %v: tensor<f32>):
    "hlo.return"(%x, %u) : (tensor<f32>, tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<5xf32>, tensor<f32>, tensor<f32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// reduce_window_c4
func.func @reduce_window_c4(%a: tensor<4x4xf32>, %z: tensor<f32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{window_dimensions has 1 entries, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4x4xf32>, tensor<f32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// reduce_window_c5
func.func @reduce_window_c5(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<5xf32> {
  // expected-error @+2 {{window_dimensions must be positive, got [0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 0>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// reduce_window_c6
func.func @reduce_window_c6(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+2 {{window_strides has 2 entries, expected 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>, window_strides = array<i64: 1, 1>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c7
func.func @reduce_window_c7(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+2 {{window_strides must be positive, got [0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>, window_strides = array<i64: 0>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c8
func.func @reduce_window_c8(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+2 {{base_dilations has 0 entries, expected 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>, base_dilations = array<i64>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c9
func.func @reduce_window_c9(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+2 {{base_dilations must be positive, got [-1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>, base_dilations = array<i64: -1>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c10
func.func @reduce_window_c10(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+2 {{window_dilations has 3 entries, expected 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>, window_dilations = array<i64: 1, 1, 1>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c11
func.func @reduce_window_c11(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+2 {{window_dilations must be positive, got [0]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>, window_dilations = array<i64: 0>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c12
func.func @reduce_window_c12(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+2 {{padding has shape [2, 2], expected [1, 2]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>, padding = dense<0> : tensor<2x2xi64>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c13
func.func @reduce_window_c13(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+1 {{body takes ('tensor<f32>') but must take ('tensor<f32>', 'tensor<f32>')}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>}> ({
  ^bb0(%x: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c15
func.func @reduce_window_c15(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // Windows of 2 with stride 2 over 4 elements: 2 windows.
  // expected-error @+2 {{inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>, window_strides = array<i64: 2>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c1
func.func @reduce_window_c1(%a: tensor<4xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+2 {{expects N > 0 inputs followed by N init values, got 3 operands}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %a, %z) <{window_dimensions = array<i64: 2>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// reduce_window_c3
func.func @reduce_window_c3(%a: tensor<4xf32>, %z: tensor<i64>) -> tensor<3xf32> {
  // expected-error @+2 {{init value 0 has type 'tensor<i64>', expected 'tensor<f32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "hlo.reduce_window"(%a, %z) <{window_dimensions = array<i64: 2>}> ({
  ^bb0(%x: tensor<f32>, %y: tensor<f32>):
    "hlo.return"(%x) : (tensor<f32>) -> ()
  }) : (tensor<4xf32>, tensor<i64>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
