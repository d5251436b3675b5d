// RUN: kiln-opt %s --kiln-lower-hlo-to-linalg -split-input-file -verify-diagnostics

// The error names the user's op in the body, not a linalg internal.
func.func @reshape_in_body(%a: tensor<4xf32>, %init: tensor<f32>) -> tensor<f32> {
  %0 = hlo.reduce(%a init: %init) across dimensions = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
    reducer(%acc: tensor<f32>, %x: tensor<f32>) {
      // expected-error @+1 {{hlo.reshape in the body of hlo.reduce is not supported by the linalg lowering}}
      %r = hlo.reshape %x : (tensor<f32>) -> tensor<f32>
      %s = hlo.add %acc, %r : tensor<f32>
      hlo.return %s : tensor<f32>
    }
  return %0 : tensor<f32>
}

// -----

func.func @tensor_in_body(%a: tensor<4xf32>, %init: tensor<f32>) -> tensor<f32> {
  %0 = hlo.reduce(%a init: %init) across dimensions = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
    reducer(%acc: tensor<f32>, %x: tensor<f32>) {
      // expected-error @+1 {{hlo.broadcast_in_dim in the body of hlo.reduce must take and return rank-0 tensors to be lowered}}
      %b = hlo.broadcast_in_dim %x, dims = [] : (tensor<f32>) -> tensor<2xf32>
      %s = hlo.add %acc, %x : tensor<f32>
      hlo.return %s : tensor<f32>
    }
  return %0 : tensor<f32>
}

