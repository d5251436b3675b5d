// RUN: kiln-opt %s --split-input-file --kiln-fuse-inputs | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-fuse-outputs --kiln-fuse-inputs --kiln-fuse-loops | FileCheck %s --check-prefix=ALL

// A column reduction (not over trailing dimensions, so no row fusion) with
// its elementwise producers: one input fusion; the consumer stays out.
// CHECK-LABEL: func.func @column_reduce
// CHECK:         %[[F:.*]] = hlo.fusion input
// CHECK-DAG:       hlo.multiply
// CHECK-DAG:       hlo.exponential
// CHECK-DAG:       hlo.reduce
// CHECK:         hlo.return
// CHECK:         hlo.sqrt %[[F]]
// ALL-LABEL: func.func @column_reduce
// ALL:         %[[F:.*]] = hlo.fusion input
// ALL:         hlo.return
// ALL-NEXT:    }
// ALL-NEXT:    hlo.sqrt %[[F]]
func.func @column_reduce(%x: tensor<16x8xf32>, %y: tensor<16x8xf32>) -> tensor<8xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %m = hlo.multiply %x, %y : tensor<16x8xf32>
  %e = hlo.exponential %m : tensor<16x8xf32>
  %r = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [0] : (tensor<16x8xf32>, tensor<f32>) -> tensor<8xf32>
  %s = hlo.sqrt %r : tensor<8xf32>
  return %s : tensor<8xf32>
}

// -----

// Softmax over rows of 4096 f32 (16 KiB, within the 32 KiB row budget):
// both reductions, the per-row broadcasts and the elementwise ops form ONE
// input fusion.
// CHECK-LABEL: func.func @softmax_rows_fit
// CHECK-NEXT:    hlo.fusion input
// CHECK:           hlo.reduce{{.*}}applies hlo.maximum
// CHECK:           hlo.broadcast_in_dim
// CHECK:           hlo.subtract
// CHECK:           hlo.exponential
// CHECK:           hlo.reduce{{.*}}applies hlo.add
// CHECK:           hlo.broadcast_in_dim
// CHECK:           hlo.divide
// CHECK-NEXT:      hlo.return
// CHECK-NEXT:    }
// CHECK-NEXT:    return
func.func @softmax_rows_fit(%x: tensor<8x4096xf32>) -> tensor<8x4096xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<8x4096xf32>, tensor<f32>) -> tensor<8xf32>
  %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<8xf32>) -> tensor<8x4096xf32>
  %shifted = hlo.subtract %x, %maxb : tensor<8x4096xf32>
  %e = hlo.exponential %shifted : tensor<8x4096xf32>
  %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<8x4096xf32>, tensor<f32>) -> tensor<8xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<8xf32>) -> tensor<8x4096xf32>
  %y = hlo.divide %e, %sumb : tensor<8x4096xf32>
  return %y : tensor<8x4096xf32>
}

// -----

// Rows of 10000 f32 (40000 bytes) exceed the budget: each reduction fuses
// only its producers. The exponential feeds the second reduction and the
// divide; it has the shape the reduction iterates, so it becomes a second
// output of that input fusion instead of being recomputed.
// CHECK-LABEL: func.func @softmax_rows_too_long
// CHECK:         %[[MAX:.*]] = hlo.reduce
// CHECK:         %[[F:.*]]:2 = hlo.fusion input ({{.*}} = %[[MAX]]
// CHECK-DAG:       hlo.broadcast_in_dim
// CHECK-DAG:       hlo.subtract
// CHECK-DAG:       hlo.exponential
// CHECK-DAG:       hlo.reduce
// CHECK:         hlo.return
// CHECK:         hlo.broadcast_in_dim %[[F]]#
// CHECK:         hlo.divide
// ALL-LABEL: func.func @softmax_rows_too_long
// ALL:         hlo.reduce
// ALL:         hlo.fusion input
// ALL:         hlo.fusion loop
// ALL-NEXT:      hlo.broadcast_in_dim
// ALL-NEXT:      hlo.divide
func.func @softmax_rows_too_long(%x: tensor<4x10000xf32>) -> tensor<4x10000xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<4x10000xf32>, tensor<f32>) -> tensor<4xf32>
  %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<4xf32>) -> tensor<4x10000xf32>
  %shifted = hlo.subtract %x, %maxb : tensor<4x10000xf32>
  %e = hlo.exponential %shifted : tensor<4x10000xf32>
  %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<4x10000xf32>, tensor<f32>) -> tensor<4xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<4xf32>) -> tensor<4x10000xf32>
  %y = hlo.divide %e, %sumb : tensor<4x10000xf32>
  return %y : tensor<4x10000xf32>
}

// -----

// Layer norm with scale and bias over [512, 4096]: one input fusion.
// CHECK-LABEL: func.func @layernorm_512x4096
// CHECK-NEXT:    hlo.fusion input
// CHECK-COUNT-2:   hlo.reduce
// CHECK:           hlo.rsqrt
// CHECK:           hlo.add {{.*}} : tensor<512x4096xf32>
// CHECK-NEXT:      hlo.return
// CHECK-NEXT:    }
// CHECK-NEXT:    return
func.func @layernorm_512x4096(%x: tensor<512x4096xf32>, %gamma: tensor<4096xf32>, %beta: tensor<4096xf32>) -> tensor<512x4096xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %n = hlo.constant dense<4.096000e+03> : tensor<512xf32>
  %eps = hlo.constant dense<9.99999974E-6> : tensor<512xf32>
  %sum = hlo.reduce(%x init: %zero) applies hlo.add across dimensions = [1] : (tensor<512x4096xf32>, tensor<f32>) -> tensor<512xf32>
  %mean = hlo.divide %sum, %n : tensor<512xf32>
  %meanb = hlo.broadcast_in_dim %mean, dims = [0] : (tensor<512xf32>) -> tensor<512x4096xf32>
  %centered = hlo.subtract %x, %meanb : tensor<512x4096xf32>
  %sq = hlo.multiply %centered, %centered : tensor<512x4096xf32>
  %sqsum = hlo.reduce(%sq init: %zero) applies hlo.add across dimensions = [1] : (tensor<512x4096xf32>, tensor<f32>) -> tensor<512xf32>
  %var = hlo.divide %sqsum, %n : tensor<512xf32>
  %vareps = hlo.add %var, %eps : tensor<512xf32>
  %inv = hlo.rsqrt %vareps : tensor<512xf32>
  %invb = hlo.broadcast_in_dim %inv, dims = [0] : (tensor<512xf32>) -> tensor<512x4096xf32>
  %norm = hlo.multiply %centered, %invb : tensor<512x4096xf32>
  %g = hlo.broadcast_in_dim %gamma, dims = [1] : (tensor<4096xf32>) -> tensor<512x4096xf32>
  %b = hlo.broadcast_in_dim %beta, dims = [1] : (tensor<4096xf32>) -> tensor<512x4096xf32>
  %scaled = hlo.multiply %norm, %g : tensor<512x4096xf32>
  %y = hlo.add %scaled, %b : tensor<512x4096xf32>
  return %y : tensor<512x4096xf32>
}

// -----

// A row value used outside the row (here returned as well) becomes a second
// result of the row fusion.
// CHECK-LABEL: func.func @row_multi_output
// CHECK:         %[[F:.*]]:2 = hlo.fusion input
// CHECK:         return %[[F]]#{{[01]}}, %[[F]]#{{[01]}}
func.func @row_multi_output(%x: tensor<8x64xf32>) -> (tensor<8x64xf32>, tensor<8xf32>) {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %sum = hlo.reduce(%x init: %zero) applies hlo.add across dimensions = [1] : (tensor<8x64xf32>, tensor<f32>) -> tensor<8xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<8xf32>) -> tensor<8x64xf32>
  %y = hlo.divide %x, %sumb : tensor<8x64xf32>
  return %y, %sum : tensor<8x64xf32>, tensor<8xf32>
}

// -----

// Overlapping windows (3 wide, stride 1) read each element three times:
// the add would be recomputed per window, so it stays out (loop fusion
// takes it with its producers), while a cheap broadcast fed straight into a
// window still fuses.
// CHECK-LABEL: func.func @overlapping_windows
// CHECK:         %[[A:.*]] = hlo.add
// CHECK:         "hlo.reduce_window"(%[[A]]
// CHECK:         hlo.fusion input
// CHECK:           hlo.broadcast_in_dim
// CHECK-NEXT:      "hlo.reduce_window"
// ALL-LABEL: func.func @overlapping_windows
// ALL:         %[[F:.*]] = hlo.fusion loop
// ALL-DAG:       hlo.exponential
// ALL-DAG:       hlo.add
// ALL:         "hlo.reduce_window"(%[[F]]
func.func @overlapping_windows(%x: tensor<16xf32>, %s: tensor<f32>) -> tensor<14xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %e = hlo.exponential %x : tensor<16xf32>
  %b = hlo.broadcast_in_dim %s, dims = [] : (tensor<f32>) -> tensor<16xf32>
  %a = hlo.add %e, %b : tensor<16xf32>
  %w = "hlo.reduce_window"(%a, %zero) ({
  ^bb0(%p: tensor<f32>, %q: tensor<f32>):
    %m = hlo.add %p, %q : tensor<f32>
    hlo.return %m : tensor<f32>
  }) {window_dimensions = array<i64: 3>} : (tensor<16xf32>, tensor<f32>) -> tensor<14xf32>
  %w2 = "hlo.reduce_window"(%b, %zero) ({
  ^bb0(%p: tensor<f32>, %q: tensor<f32>):
    %m = hlo.add %p, %q : tensor<f32>
    hlo.return %m : tensor<f32>
  }) {window_dimensions = array<i64: 3>} : (tensor<16xf32>, tensor<f32>) -> tensor<14xf32>
  %r = hlo.add %w, %w2 : tensor<14xf32>
  return %r : tensor<14xf32>
}

// -----

// Non-overlapping windows (2 wide, stride 2) read each element once: the
// exponential fuses.
// CHECK-LABEL: func.func @disjoint_windows
// CHECK-NEXT:    hlo.fusion input
// CHECK:           hlo.exponential
// CHECK:           hlo.reduce_window
func.func @disjoint_windows(%x: tensor<16xf32>) -> tensor<8xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %e = hlo.exponential %x : tensor<16xf32>
  %w = "hlo.reduce_window"(%e, %zero) ({
  ^bb0(%p: tensor<f32>, %q: tensor<f32>):
    %m = hlo.add %p, %q : tensor<f32>
    hlo.return %m : tensor<f32>
  }) {window_dimensions = array<i64: 2>, window_strides = array<i64: 2>} : (tensor<16xf32>, tensor<f32>) -> tensor<8xf32>
  return %w : tensor<8xf32>
}

// -----

// A row group stops where joining would close a cycle: %z reads the dot,
// which reads %y from the group, so %z stays out (the dot cannot join a
// row group); %y and the reduction fuse. Each op that joins is checked
// against the outside ops between it and the group (GrowingGroup).
// CHECK-LABEL: func.func @row_group_cycle
// CHECK: %[[F:.*]] = hlo.fusion input
// CHECK: hlo.reduce
// CHECK: hlo.subtract
// CHECK-NOT: hlo.add
// CHECK: hlo.return
// CHECK: %[[D:.*]] = hlo.dot_general %[[F]]
// CHECK: hlo.add %[[D]], %[[F]]
func.func @row_group_cycle(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %r = hlo.reduce(%x init: %zero) applies hlo.add across dimensions = [1] : (tensor<4x4xf32>, tensor<f32>) -> tensor<4xf32>
  %rb = hlo.broadcast_in_dim %r, dims = [0] : (tensor<4xf32>) -> tensor<4x4xf32>
  %y = hlo.subtract %x, %rb : tensor<4x4xf32>
  %d = hlo.dot_general %y, %w, contracting_dims = [1] x [0] : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %z = hlo.add %d, %y : tensor<4x4xf32>
  return %z : tensor<4x4xf32>
}

// -----

// The same cycle met from the other side: %p would join as a producer of
// %v, but the dot reads %p and feeds %v, so %p stays out.
// CHECK-LABEL: func.func @row_group_cycle_producer
// CHECK: %[[P:.*]] = hlo.exponential
// CHECK: %[[D:.*]] = hlo.dot_general %[[P]]
// CHECK: hlo.fusion input (%{{.*}} = %[[P]], %{{.*}} = %[[D]])
// CHECK-NOT: hlo.exponential
// CHECK: hlo.add
// CHECK: hlo.reduce
func.func @row_group_cycle_producer(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> tensor<4xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %p = hlo.exponential %x : tensor<4x4xf32>
  %d = hlo.dot_general %p, %w, contracting_dims = [1] x [0] : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %v = hlo.add %p, %d : tensor<4x4xf32>
  %r = hlo.reduce(%v init: %zero) applies hlo.add across dimensions = [1] : (tensor<4x4xf32>, tensor<f32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
