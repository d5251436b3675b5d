// RUN: kiln-opt %s --kiln-fuse-loops --split-input-file | FileCheck %s

// A cheap consumer (broadcast_in_dim) used outside is the fusion's root: it
// moves into the fusion and its users read the fusion's result. Keeping it
// outside as a cheap producer made loop fusion form the same fusion forever
// (kiln-difftest seeds 120 and 285).

// CHECK-LABEL: func.func @broadcast_of_broadcast
// CHECK: %[[F:.*]] = hlo.fusion loop
// CHECK-NEXT: hlo.broadcast_in_dim
// CHECK-NEXT: %[[B:.*]] = hlo.broadcast_in_dim
// CHECK-NEXT: hlo.return %[[B]]
// CHECK: return %[[F]]
func.func @broadcast_of_broadcast(%arg0: tensor<1x1xf32>) -> tensor<33x33xf32> {
  %0 = hlo.broadcast_in_dim %arg0, dims = [0, 1] : (tensor<1x1xf32>) -> tensor<33x1xf32>
  %1 = hlo.broadcast_in_dim %0, dims = [0, 1] : (tensor<33x1xf32>) -> tensor<33x33xf32>
  return %1 : tensor<33x33xf32>
}

// -----

// CHECK-LABEL: func.func @transposing_broadcast
// CHECK: %[[F:.*]] = hlo.fusion loop
// CHECK-NEXT: hlo.tanh
// CHECK-NEXT: %[[B:.*]] = hlo.broadcast_in_dim %{{.*}}, dims = [1, 0]
// CHECK-NEXT: hlo.return %[[B]]
// CHECK: return %[[F]]
func.func @transposing_broadcast(%arg0: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = hlo.tanh %arg0 : tensor<2x3xf32>
  %1 = hlo.broadcast_in_dim %0, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %1 : tensor<3x2xf32>
}
