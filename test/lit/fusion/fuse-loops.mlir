// RUN: kiln-opt %s --split-input-file --kiln-fuse-loops | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-fuse-outputs --kiln-fuse-inputs --kiln-fuse-loops | FileCheck %s --check-prefix=ALL

// An elementwise chain with compare/select, a convert and shape ops
// becomes one loop fusion.
// CHECK-LABEL: func.func @chain
// CHECK-NEXT:    hlo.fusion loop
// CHECK-DAG:       hlo.add
// CHECK-DAG:       hlo.multiply
// CHECK-DAG:       hlo.logistic
// CHECK-DAG:       hlo.compare
// CHECK-DAG:       hlo.select
// CHECK-DAG:       hlo.transpose
// CHECK-DAG:       hlo.reshape
// CHECK-DAG:       hlo.slice
// CHECK:           hlo.return
// CHECK-NEXT:    }
// CHECK-NEXT:    return
// ALL-LABEL: func.func @chain
// ALL-NEXT:    hlo.fusion loop
// ALL-NOT:     hlo.fusion
// ALL:         return
func.func @chain(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<2x4xf32> {
  %0 = hlo.add %a, %b : tensor<4x8xf32>
  %1 = hlo.multiply %0, %a : tensor<4x8xf32>
  %2 = hlo.logistic %1 : tensor<4x8xf32>
  %3 = hlo.compare GT, %2, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  %4 = hlo.select %3, %2, %b : tensor<4x8xi1>, tensor<4x8xf32>
  %5 = hlo.transpose %4, dims = [1, 0] : (tensor<4x8xf32>) -> tensor<8x4xf32>
  %6 = hlo.reshape %5 : (tensor<8x4xf32>) -> tensor<32xf32>
  %7 = hlo.slice %6 [0:8] : (tensor<32xf32>) -> tensor<8xf32>
  %8 = hlo.reshape %7 : (tensor<8xf32>) -> tensor<2x4xf32>
  return %8 : tensor<2x4xf32>
}

// -----

// A cheap producer (broadcast_in_dim) is copied into each consumer; the two
// consumers have different shapes, so they stay two kernels.
// CHECK-LABEL: func.func @cheap_broadcast_duplicated
// CHECK:         hlo.fusion loop
// CHECK-NEXT:      hlo.broadcast_in_dim
// CHECK-NEXT:      hlo.add
// CHECK:         hlo.fusion loop
// CHECK-NEXT:      hlo.broadcast_in_dim
// CHECK-NEXT:      hlo.transpose
// CHECK-NOT:     hlo.broadcast_in_dim
// CHECK:         return
func.func @cheap_broadcast_duplicated(%v: tensor<8xf32>, %x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<8x4xf32>) {
  %b = hlo.broadcast_in_dim %v, dims = [1] : (tensor<8xf32>) -> tensor<4x8xf32>
  %0 = hlo.add %b, %x : tensor<4x8xf32>
  %1 = hlo.transpose %b, dims = [1, 0] : (tensor<4x8xf32>) -> tensor<8x4xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<8x4xf32>
}

// -----

// An expensive producer used outside the group, with the group's shape,
// becomes an extra output (multi-output fusion): it is written once anyway
// and the consumer no longer reads it back.
// CHECK-LABEL: func.func @multi_output_same_shape
// CHECK:         %[[F:.*]]:2 = hlo.fusion loop
// CHECK-DAG:       hlo.exponential
// CHECK-DAG:       hlo.add
// CHECK:         return %[[F]]#{{[01]}}, %[[F]]#{{[01]}}
func.func @multi_output_same_shape(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %e = hlo.exponential %x : tensor<4x8xf32>
  %s = hlo.add %e, %y : tensor<4x8xf32>
  return %s, %e : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// Sibling consumers of one expensive producer, all of one shape, share one
// kernel.
// CHECK-LABEL: func.func @siblings
// CHECK:         hlo.fusion loop
// CHECK-NOT:     hlo.fusion
// CHECK:         return
func.func @siblings(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %e = hlo.exponential %x : tensor<4x8xf32>
  %a = hlo.add %e, %y : tensor<4x8xf32>
  %m = hlo.multiply %e, %y : tensor<4x8xf32>
  return %a, %m : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// The exponential feeds a transpose (another shape) and an add: it fuses
// into the add as a multi-output, but the transpose iterates [8, 4], so it
// stays a kernel of its own rather than recompute the exponential.
// CHECK-LABEL: func.func @multi_output_needs_one_shape
// CHECK:         %[[F:.*]]:2 = hlo.fusion loop
// CHECK-DAG:       hlo.exponential
// CHECK-DAG:       hlo.add
// CHECK:         hlo.return
// CHECK:         hlo.transpose %[[F]]#
// CHECK:         return
func.func @multi_output_needs_one_shape(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<8x4xf32>) {
  %e = hlo.exponential %x : tensor<4x8xf32>
  %s = hlo.add %e, %y : tensor<4x8xf32>
  %t = hlo.transpose %e, dims = [1, 0] : (tensor<4x8xf32>) -> tensor<8x4xf32>
  return %s, %t : tensor<4x8xf32>, tensor<8x4xf32>
}

// -----

// A broadcast that expands an expensive producer would recompute it once
// per copy: the exponential stays out; the broadcast fuses into the add.
// CHECK-LABEL: func.func @no_fusion_through_expanding_broadcast
// CHECK:         %[[E:.*]] = hlo.exponential
// CHECK:         hlo.fusion loop ({{.*}} = %[[E]]
// CHECK-NEXT:      hlo.broadcast_in_dim
// CHECK-NEXT:      hlo.add
func.func @no_fusion_through_expanding_broadcast(%v: tensor<8xf32>, %x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = hlo.exponential %v : tensor<8xf32>
  %b = hlo.broadcast_in_dim %e, dims = [1] : (tensor<8xf32>) -> tensor<4x8xf32>
  %s = hlo.add %b, %x : tensor<4x8xf32>
  return %s : tensor<4x8xf32>
}

// -----

// An elementwise producer of a dot_general operand stays out: the matmul
// reads each operand element once per output column.
// CHECK-LABEL: func.func @dot_operand_stays_out
// CHECK:         hlo.exponential
// CHECK-NOT:     hlo.fusion
// CHECK:         hlo.dot_general
func.func @dot_operand_stays_out(%x: tensor<4x8xf32>, %w: tensor<8x2xf32>) -> tensor<4x2xf32> {
  %e = hlo.exponential %x : tensor<4x8xf32>
  %d = hlo.dot_general %e, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
  return %d : tensor<4x2xf32>
}

// -----

// Fusing the exponential into the add (as a multi-output for the reduce)
// would need the fusion both before the reduce (which reads it) and after
// it (the add reads the reduce): a cycle, so loop fusion leaves it out.
// CHECK-LABEL: func.func @no_cycle
// CHECK:         %[[E:.*]] = hlo.exponential
// CHECK:         %[[R:.*]] = hlo.reduce(%[[E]]
// CHECK:         hlo.fusion loop ({{.*}} = %[[R]], {{.*}} = %[[E]])
// CHECK-NEXT:      hlo.broadcast_in_dim
// CHECK-NEXT:      hlo.add
func.func @no_cycle(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %e = hlo.exponential %x : tensor<4x8xf32>
  %r = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [0] : (tensor<4x8xf32>, tensor<f32>) -> tensor<8xf32>
  %b = hlo.broadcast_in_dim %r, dims = [1] : (tensor<8xf32>) -> tensor<4x8xf32>
  %s = hlo.add %e, %b : tensor<4x8xf32>
  return %s : tensor<4x8xf32>
}

// -----

// The blocks of control flow are graphs too: the body's chain becomes one
// loop fusion inside it, and the negate outside (which the body reads)
// stays outside, computed once rather than on every trip.
// CHECK-LABEL: func.func @while_body
// CHECK-NEXT:    hlo.negate
// CHECK-NEXT:    hlo.while
// CHECK:         } do {
// CHECK-NEXT:      hlo.fusion loop
// CHECK-DAG:         hlo.add
// CHECK-DAG:         hlo.multiply
// CHECK-NOT:         hlo.negate
// CHECK:           hlo.return
// CHECK-NEXT:      }
// CHECK-NEXT:      hlo.return
func.func @while_body(%x: tensor<4xf32>, %p: tensor<i1>) -> tensor<4xf32> {
  %neg = hlo.negate %x : tensor<4xf32>
  %0 = hlo.while(%a = %x) : tensor<4xf32>
    cond {
    hlo.return %p : tensor<i1>
  } do {
    %sum = hlo.add %a, %neg : tensor<4xf32>
    %prod = hlo.multiply %sum, %sum : tensor<4xf32>
    hlo.return %prod : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}
