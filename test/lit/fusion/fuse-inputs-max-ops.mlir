// RUN: kiln-opt %s --kiln-fuse-inputs=max-ops=5 | FileCheck %s
// RUN: kilnc %s --max-input-fusion-ops=5 --explain-fusion | FileCheck %s --check-prefix=WHY
// RUN: kilnc %s --emit=fused | FileCheck %s --check-prefix=DEFAULT

// Three reductions over the same rows, one row fusion under the default
// limit; under a limit of five ops per input fusion the first row group
// stops at five (its constants are copied and not counted) and the rest of
// the chain forms a second. No input fusion holds more than five ops.
// CHECK-LABEL: func.func @main
// CHECK:         %[[FIRST:.*]]:2 = hlo.fusion input
// CHECK-COUNT-5:   hlo.{{reduce|broadcast_in_dim|subtract|exponential}}
// CHECK-NEXT:      hlo.return
// CHECK:         %[[BACK:.*]] = hlo.broadcast_in_dim %[[FIRST]]#1
// CHECK:         hlo.fusion input (%{{.*}} = %[[FIRST]]#0, %{{.*}} = %[[BACK]])
// CHECK-COUNT-5:   hlo.{{divide|tanh|reduce|broadcast_in_dim|subtract}}
// CHECK-NEXT:      hlo.return
// CHECK:         return

// WHY: 31:9 reduce -> {{.*}}:32:9 broadcast_in_dim: the fusion would hold 6 ops, more than the 5 of one input kernel (--max-input-fusion-ops)

// Under the default limit the chain is one fusion.
// DEFAULT:     hlo.fusion input
// DEFAULT-NOT: hlo.fusion
func.func @main(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.0> : tensor<f32>
  %m0 = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  %b0 = hlo.broadcast_in_dim %m0, dims = [0] : (tensor<4xf32>) -> tensor<4x8xf32>
  %d0 = hlo.subtract %x, %b0 : tensor<4x8xf32>
  %e0 = hlo.exponential %d0 : tensor<4x8xf32>
  %s1 = hlo.reduce(%e0 init: %zero) applies hlo.add across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  %b1 = hlo.broadcast_in_dim %s1, dims = [0] : (tensor<4xf32>) -> tensor<4x8xf32>
  %y1 = hlo.divide %e0, %b1 : tensor<4x8xf32>
  %t1 = hlo.tanh %y1 : tensor<4x8xf32>
  %s2 = hlo.reduce(%t1 init: %zero) applies hlo.add across dimensions = [1] : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  %b2 = hlo.broadcast_in_dim %s2, dims = [0] : (tensor<4xf32>) -> tensor<4x8xf32>
  %y2 = hlo.subtract %t1, %b2 : tensor<4x8xf32>
  return %y2 : tensor<4x8xf32>
}
