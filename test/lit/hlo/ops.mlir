// RUN: kiln-opt %s --verify-roundtrip | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// Every op's pretty form, as StableHLO prints it under the hlo. prefix.

// CHECK-LABEL: func.func @unary
func.func @unary(%x: tensor<4xf32>, %i: tensor<4xi32>) -> tensor<4xf32> {
  // CHECK: hlo.abs %{{.*}} : tensor<4xf32>
  %0 = hlo.abs %x : tensor<4xf32>
  // CHECK: hlo.abs %{{.*}} : tensor<4xi32>
  %1 = hlo.abs %i : tensor<4xi32>
  // CHECK: hlo.negate
  %2 = hlo.negate %0 : tensor<4xf32>
  // CHECK: hlo.exponential
  %3 = hlo.exponential %2 : tensor<4xf32>
  // CHECK: hlo.exponential_minus_one
  %4 = hlo.exponential_minus_one %3 : tensor<4xf32>
  // CHECK: hlo.log
  %5 = hlo.log %4 : tensor<4xf32>
  // CHECK: hlo.log_plus_one
  %6 = hlo.log_plus_one %5 : tensor<4xf32>
  // CHECK: hlo.tanh
  %7 = hlo.tanh %6 : tensor<4xf32>
  // CHECK: hlo.logistic
  %8 = hlo.logistic %7 : tensor<4xf32>
  // CHECK: hlo.sqrt
  %9 = hlo.sqrt %8 : tensor<4xf32>
  // CHECK: hlo.rsqrt
  %10 = hlo.rsqrt %9 : tensor<4xf32>
  // CHECK: hlo.floor
  %11 = hlo.floor %10 : tensor<4xf32>
  // CHECK: hlo.ceil
  %12 = hlo.ceil %11 : tensor<4xf32>
  // CHECK: hlo.sign
  %13 = hlo.sign %12 : tensor<4xf32>
  // CHECK: hlo.sine
  %14 = hlo.sine %13 : tensor<4xf32>
  // CHECK: hlo.cosine
  %15 = hlo.cosine %14 : tensor<4xf32>
  // CHECK: hlo.erf %{{.*}} : tensor<4xf32>
  %16 = hlo.erf %15 : tensor<4xf32>
  // The functional type form parses too and prints compactly.
  // CHECK: hlo.tanh %{{.*}} : tensor<4xf32>
  %17 = hlo.tanh %16 : (tensor<4xf32>) -> tensor<4xf32>
  return %17 : tensor<4xf32>
}

// CHECK-LABEL: func.func @binary
func.func @binary(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: hlo.add %{{.*}}, %{{.*}} : tensor<2x3xf32>
  %0 = hlo.add %a, %b : tensor<2x3xf32>
  // CHECK: hlo.subtract
  %1 = hlo.subtract %0, %b : tensor<2x3xf32>
  // CHECK: hlo.multiply
  %2 = hlo.multiply %1, %b : tensor<2x3xf32>
  // CHECK: hlo.divide
  %3 = hlo.divide %2, %b : tensor<2x3xf32>
  // CHECK: hlo.maximum
  %4 = hlo.maximum %3, %b : tensor<2x3xf32>
  // CHECK: hlo.minimum
  %5 = hlo.minimum %4, %b : tensor<2x3xf32>
  // CHECK: hlo.power
  %6 = hlo.power %5, %b : tensor<2x3xf32>
  // CHECK: hlo.remainder %{{.*}}, %{{.*}} : tensor<2x3xf32>
  %7 = hlo.remainder %6, %b : tensor<2x3xf32>
  return %7 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @compare_select_clamp_convert
func.func @compare_select_clamp_convert(%a: tensor<4xf32>, %b: tensor<4xf32>, %p: tensor<i1>) -> tensor<4xi32> {
  // CHECK: hlo.compare  GT, %{{.*}}, %{{.*}},  FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %0 = hlo.compare GT, %a, %b, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: hlo.compare  EQ, %{{.*}}, %{{.*}} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = hlo.compare EQ, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: hlo.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xi1>, tensor<4xf32>
  %2 = hlo.select %0, %a, %b : tensor<4xi1>, tensor<4xf32>
  // CHECK: hlo.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<i1>, tensor<4xf32>
  %3 = hlo.select %p, %2, %b : (tensor<i1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %lo = hlo.constant dense<-1.000000e+00> : tensor<f32>
  %hi = hlo.constant dense<1.000000e+00> : tensor<f32>
  // CHECK: hlo.clamp %{{.*}}, %{{.*}}, %{{.*}} : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %4 = hlo.clamp %lo, %3, %hi : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  // CHECK: hlo.clamp %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xf32>
  %5 = hlo.clamp %a, %4, %b : tensor<4xf32>
  // CHECK: hlo.convert %{{.*}} : (tensor<4xf32>) -> tensor<4xi32>
  %6 = hlo.convert %5 : (tensor<4xf32>) -> tensor<4xi32>
  return %6 : tensor<4xi32>
}

// CHECK-LABEL: func.func @shapes
func.func @shapes(%x: tensor<1x20xf32>, %y: tensor<3x8xi64>, %v: tensor<i64>) -> (tensor<20x20xf32>, tensor<5x9xi64>, tensor<2x2xi64>, tensor<4x8xi64>, tensor<6x4xi32>) {
  // CHECK: hlo.constant dense<1.000000e+00> : tensor<f32>
  %c = hlo.constant dense<1.0> : tensor<f32>
  // CHECK: hlo.iota dim = 1 : tensor<6x4xi32>
  %i = hlo.iota dim = 1 : tensor<6x4xi32>
  // CHECK: hlo.broadcast_in_dim %{{.*}}, dims = [0, 1] : (tensor<1x20xf32>) -> tensor<20x20xf32>
  %0 = hlo.broadcast_in_dim %x, dims = [0, 1] : (tensor<1x20xf32>) -> tensor<20x20xf32>
  // CHECK: hlo.reshape %{{.*}} : (tensor<20x20xf32>) -> tensor<400xf32>
  %1 = hlo.reshape %0 : (tensor<20x20xf32>) -> tensor<400xf32>
  // CHECK: hlo.reshape %{{.*}} : (tensor<400xf32>) -> tensor<20x20xf32>
  %2 = hlo.reshape %1 : (tensor<400xf32>) -> tensor<20x20xf32>
  // CHECK: hlo.transpose %{{.*}}, dims = [1, 0] : (tensor<20x20xf32>) -> tensor<20x20xf32>
  %3 = hlo.transpose %2, dims = [1, 0] : (tensor<20x20xf32>) -> tensor<20x20xf32>
  // CHECK: hlo.slice %{{.*}} [1:3, 4:8:2] : (tensor<3x8xi64>) -> tensor<2x2xi64>
  %4 = hlo.slice %y [1:3, 4:8:2] : (tensor<3x8xi64>) -> tensor<2x2xi64>
  // CHECK: hlo.concatenate %{{.*}}, %{{.*}}, dim = 0 : (tensor<3x8xi64>, tensor<1x8xi64>) -> tensor<4x8xi64>
  %s = hlo.slice %y [0:1, 0:8] : (tensor<3x8xi64>) -> tensor<1x8xi64>
  %5 = hlo.concatenate %y, %s, dim = 0 : (tensor<3x8xi64>, tensor<1x8xi64>) -> tensor<4x8xi64>
  // CHECK: hlo.pad %{{.*}}, %{{.*}}, low = [0, 1], high = [2, 1], interior = [0, 0] : (tensor<3x8xi64>, tensor<i64>) -> tensor<5x10xi64>
  %6 = hlo.pad %y, %v, low = [0, 1], high = [2, 1], interior = [0, 0] : (tensor<3x8xi64>, tensor<i64>) -> tensor<5x10xi64>
  %7 = hlo.slice %6 [0:5, 0:9] : (tensor<5x10xi64>) -> tensor<5x9xi64>
  return %3, %7, %4, %5, %i : tensor<20x20xf32>, tensor<5x9xi64>, tensor<2x2xi64>, tensor<4x8xi64>, tensor<6x4xi32>
}

// CHECK-LABEL: func.func @reductions
func.func @reductions(%x: tensor<8x16xf32>, %i: tensor<8x16xi32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xi32>, tensor<8x9xf32>) {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %izero = hlo.constant dense<0> : tensor<i32>
  // CHECK: hlo.reduce(%{{.*}} init: %{{.*}}) applies hlo.add across dimensions = [1] : (tensor<8x16xf32>, tensor<f32>) -> tensor<8xf32>
  %0 = hlo.reduce(%x init: %zero) applies hlo.add across dimensions = [1] : (tensor<8x16xf32>, tensor<f32>) -> tensor<8xf32>
  // CHECK: %{{.*}}:2 = hlo.reduce(%{{.*}} init: %{{.*}}), (%{{.*}} init: %{{.*}}) across dimensions = [1] : (tensor<8x16xf32>, tensor<8x16xi32>, tensor<f32>, tensor<i32>) -> (tensor<8xf32>, tensor<8xi32>)
  // CHECK-NEXT: reducer(%[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<f32>) (%[[AI:.*]]: tensor<i32>, %[[BI:.*]]: tensor<i32>) {
  // CHECK: hlo.compare  GT, %[[B]], %[[A]]
  // CHECK: hlo.return %{{.*}}, %{{.*}} : tensor<f32>, tensor<i32>
  %1:2 = hlo.reduce(%x init: %zero), (%i init: %izero) across dimensions = [1] : (tensor<8x16xf32>, tensor<8x16xi32>, tensor<f32>, tensor<i32>) -> (tensor<8xf32>, tensor<8xi32>)
   reducer(%a: tensor<f32>, %b: tensor<f32>) (%ai: tensor<i32>, %bi: tensor<i32>) {
    %gt = hlo.compare GT, %b, %a, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %v = hlo.select %gt, %b, %a : tensor<i1>, tensor<f32>
    %j = hlo.select %gt, %bi, %ai : tensor<i1>, tensor<i32>
    hlo.return %v, %j : tensor<f32>, tensor<i32>
  }
  // CHECK: "hlo.reduce_window"(%{{.*}}, %{{.*}}) <{padding = dense<{{\[\[}}0, 0], [1, 1]]> : tensor<2x2xi64>, window_dimensions = array<i64: 1, 2>, window_strides = array<i64: 1, 2>}>
  %2 = "hlo.reduce_window"(%x, %zero) ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = hlo.maximum %a, %b : tensor<f32>
    hlo.return %m : tensor<f32>
  }) {window_dimensions = array<i64: 1, 2>, window_strides = array<i64: 1, 2>, padding = dense<[[0, 0], [1, 1]]> : tensor<2x2xi64>} : (tensor<8x16xf32>, tensor<f32>) -> tensor<8x9xf32>
  return %0, %1#0, %1#1, %2 : tensor<8xf32>, tensor<8xf32>, tensor<8xi32>, tensor<8x9xf32>
}

// CHECK-LABEL: func.func @select_and_scatter
func.func @select_and_scatter(%x: tensor<8x16xf32>, %s: tensor<4x9xf32>, %zero: tensor<f32>) -> tensor<8x16xf32> {
  // CHECK: "hlo.select_and_scatter"(%{{.*}}, %{{.*}}, %{{.*}}) <{padding = dense<{{\[\[}}0, 0], [1, 1]]> : tensor<2x2xi64>, window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 2, 2>}> ({
  // CHECK: hlo.compare  GE
  // CHECK: hlo.return %{{.*}} : tensor<i1>
  // CHECK: }, {
  // CHECK: hlo.add
  // CHECK: }) : (tensor<8x16xf32>, tensor<4x9xf32>, tensor<f32>) -> tensor<8x16xf32>
  %0 = "hlo.select_and_scatter"(%x, %s, %zero) <{window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 2, 2>, padding = dense<[[0, 0], [1, 1]]> : tensor<2x2xi64>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = hlo.compare GE, %a, %b, FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
    hlo.return %c : tensor<i1>
  }, {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = hlo.add %a, %b : tensor<f32>
    hlo.return %r : tensor<f32>
  }) : (tensor<8x16xf32>, tensor<4x9xf32>, tensor<f32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// CHECK-LABEL: func.func @sort
func.func @sort(%x: tensor<8x16xf32>, %i: tensor<8x16xi32>) -> (tensor<8x16xf32>, tensor<8x16xi32>) {
  // CHECK: %{{.*}}:2 = "hlo.sort"(%{{.*}}, %{{.*}}) <{dimension = 1 : i64, is_stable = true}> ({
  // CHECK: ^bb0(%{{.*}}: tensor<f32>, %{{.*}}: tensor<f32>, %{{.*}}: tensor<i32>, %{{.*}}: tensor<i32>):
  // CHECK: hlo.compare  GT, %{{.*}}, %{{.*}},  TOTALORDER
  // CHECK: }) : (tensor<8x16xf32>, tensor<8x16xi32>) -> (tensor<8x16xf32>, tensor<8x16xi32>)
  %0:2 = "hlo.sort"(%x, %i) <{dimension = 1 : i64, is_stable = true}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>, %c: tensor<i32>, %d: tensor<i32>):
    %gt = hlo.compare GT, %a, %b, TOTALORDER : (tensor<f32>, tensor<f32>) -> tensor<i1>
    hlo.return %gt : tensor<i1>
  }) : (tensor<8x16xf32>, tensor<8x16xi32>) -> (tensor<8x16xf32>, tensor<8x16xi32>)
  return %0#0, %0#1 : tensor<8x16xf32>, tensor<8x16xi32>
}

// CHECK-LABEL: func.func @top_k
func.func @top_k(%x: tensor<8x16xf32>) -> (tensor<8x3xf32>, tensor<8x3xi32>) {
  // CHECK: hlo.top_k(%{{.*}}, k = 3) : tensor<8x16xf32> -> (tensor<8x3xf32>, tensor<8x3xi32>)
  %v, %i = hlo.top_k(%x, k = 3) : tensor<8x16xf32> -> (tensor<8x3xf32>, tensor<8x3xi32>)
  return %v, %i : tensor<8x3xf32>, tensor<8x3xi32>
}

// CHECK-LABEL: func.func @optimization_barrier
func.func @optimization_barrier(%x: tensor<4xf32>, %y: tensor<2xi32>) -> (tensor<4xf32>, tensor<2xi32>) {
  // CHECK: %{{.*}}:2 = hlo.optimization_barrier %{{.*}}, %{{.*}} : tensor<4xf32>, tensor<2xi32>
  %0:2 = hlo.optimization_barrier %x, %y : tensor<4xf32>, tensor<2xi32>
  // CHECK: hlo.optimization_barrier(){{$}}
  hlo.optimization_barrier()
  return %0#0, %0#1 : tensor<4xf32>, tensor<2xi32>
}

// CHECK-LABEL: func.func @control_flow
func.func @control_flow(%x: tensor<4xf32>, %n: tensor<i32>, %p: tensor<i1>) -> (tensor<i32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %c0 = hlo.constant dense<0> : tensor<i32>
  %c1 = hlo.constant dense<1> : tensor<i32>
  // CHECK: %{{.*}}:2 = hlo.while(%[[I:.*]] = %{{.*}}, %[[A:.*]] = %{{.*}}) : tensor<i32>, tensor<4xf32>
  // CHECK-NEXT: cond {
  // CHECK-NEXT: hlo.compare LT, %[[I]], %{{.*}} : (tensor<i32>, tensor<i32>) -> tensor<i1>
  // CHECK: } do {
  // CHECK-NEXT: hlo.add %[[I]], %{{.*}} : tensor<i32>
  // CHECK-NEXT: hlo.add %[[A]], %[[A]] : tensor<4xf32>
  %0:2 = hlo.while(%i = %c0, %a = %x) : tensor<i32>, tensor<4xf32>
    cond {
    %lt = hlo.compare LT, %i, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
    hlo.return %lt : tensor<i1>
  } do {
    %next = hlo.add %i, %c1 : tensor<i32>
    %twice = hlo.add %a, %a : tensor<4xf32>
    hlo.return %next, %twice : tensor<i32>, tensor<4xf32>
  }
  // CHECK: hlo.while() attributes {note = "none carried"}
  // CHECK-NEXT: cond {
  hlo.while() attributes {note = "none carried"}
    cond {
    %f = hlo.constant dense<false> : tensor<i1>
    hlo.return %f : tensor<i1>
  } do {
    hlo.return
  }
  // CHECK: "hlo.if"(%{{.*}}) ({
  // CHECK: }, {
  // CHECK: }) : (tensor<i1>) -> tensor<4xf32>
  %1 = "hlo.if"(%p) ({
    %neg = hlo.negate %x : tensor<4xf32>
    hlo.return %neg : tensor<4xf32>
  }, {
    hlo.return %x : tensor<4xf32>
  }) : (tensor<i1>) -> tensor<4xf32>
  // CHECK: "hlo.case"(%{{.*}}) ({
  // CHECK: }, {
  // CHECK: }) : (tensor<i32>) -> tensor<4xf32>
  %2 = "hlo.case"(%n) ({
    hlo.return %x : tensor<4xf32>
  }, {
    %abs = hlo.abs %x : tensor<4xf32>
    hlo.return %abs : tensor<4xf32>
  }) : (tensor<i32>) -> tensor<4xf32>
  return %0#0, %0#1, %1, %2 : tensor<i32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func @tuples
func.func @tuples(%x: tensor<4xf32>, %y: tensor<2xi32>) -> tensor<2xi32> {
  // CHECK: %[[T:.*]] = hlo.tuple %{{.*}}, %{{.*}} : tuple<tensor<4xf32>, tensor<2xi32>>
  %t = hlo.tuple %x, %y : tuple<tensor<4xf32>, tensor<2xi32>>
  // CHECK: hlo.get_tuple_element %[[T]][1] : (tuple<tensor<4xf32>, tensor<2xi32>>) -> tensor<2xi32>
  %0 = hlo.get_tuple_element %t[1] : (tuple<tensor<4xf32>, tensor<2xi32>>) -> tensor<2xi32>
  // CHECK: hlo.tuple : tuple<>
  %e = hlo.tuple : tuple<>
  return %0 : tensor<2xi32>
}

// CHECK-LABEL: func.func @contractions
func.func @contractions(%x: tensor<64x784xf32>, %w: tensor<784x512xf32>, %a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>, %img: tensor<1x4x4x1xf32>, %k: tensor<3x3x1x1xf32>) -> (tensor<64x512xf32>, tensor<2x3x5xf32>, tensor<1x2x2x1xf32>) {
  // CHECK: hlo.dot_general %{{.*}}, %{{.*}}, contracting_dims = [1] x [0] : (tensor<64x784xf32>, tensor<784x512xf32>) -> tensor<64x512xf32>
  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<64x784xf32>, tensor<784x512xf32>) -> tensor<64x512xf32>
  // CHECK: hlo.dot_general %{{.*}}, %{{.*}}, batching_dims = [0] x [0], contracting_dims = [2] x [1], precision = [DEFAULT, HIGHEST], algorithm = <accumulation_type = f32, lhs_precision_type = tf32> : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  %1 = hlo.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [1], precision = [DEFAULT, HIGHEST], algorithm = <lhs_precision_type = tf32, accumulation_type = f32> : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  // CHECK: hlo.convolution(%{{.*}}, %{{.*}}) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 2], pad = {{\[\[}}1, 1], [1, 1]], lhs_dilate = [1, 1], rhs_dilate = [1, 1], reverse = [false, false]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#hlo<precision DEFAULT>, #hlo<precision DEFAULT>]} : (tensor<1x4x4x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x2x2x1xf32>
  %2 = hlo.convolution(%img, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 2], pad = [[1, 1], [1, 1]], lhs_dilate = [1, 1], rhs_dilate = [1, 1], reverse = [0, 0]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64, precision_config = [#hlo<precision DEFAULT>, #hlo<precision DEFAULT>]} : (tensor<1x4x4x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x2x2x1xf32>
  return %0, %1, %2 : tensor<64x512xf32>, tensor<2x3x5xf32>, tensor<1x2x2x1xf32>
}

// Gather prints in generic form, as StableHLO does; empty lists are left out
// of its dimension numbers.
// CHECK-LABEL: func.func @gather
func.func @gather(%table: tensor<10x4xf32>, %ids: tensor<2x3xi32>, %x: tensor<2x3x4x2xi64>, %i: tensor<2x2x3x2xi64>) -> (tensor<2x3x4xf32>, tensor<2x2x3x2x2xi64>) {
  // CHECK: "hlo.gather"(%{{.*}}, %{{.*}}) <{dimension_numbers = #hlo.gather<offset_dims = [2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 2>, slice_sizes = array<i64: 1, 4>}> : (tensor<10x4xf32>, tensor<2x3xi32>) -> tensor<2x3x4xf32>
  %0 = "hlo.gather"(%table, %ids) <{dimension_numbers = #hlo.gather<offset_dims = [2], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 2>, slice_sizes = array<i64: 1, 4>}> : (tensor<10x4xf32>, tensor<2x3xi32>) -> tensor<2x3x4xf32>
  // CHECK: "hlo.gather"(%{{.*}}, %{{.*}}) <{dimension_numbers = #hlo.gather<offset_dims = [3, 4], collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [1], start_index_map = [2, 1], index_vector_dim = 3>, indices_are_sorted = true, slice_sizes = array<i64: 1, 1, 2, 2>}> : (tensor<2x3x4x2xi64>, tensor<2x2x3x2xi64>) -> tensor<2x2x3x2x2xi64>
  %1 = "hlo.gather"(%x, %i) <{dimension_numbers = #hlo.gather<offset_dims = [3, 4], collapsed_slice_dims = [1], operand_batching_dims = [0], start_indices_batching_dims = [1], start_index_map = [2, 1], index_vector_dim = 3>, indices_are_sorted = true, slice_sizes = array<i64: 1, 1, 2, 2>}> : (tensor<2x3x4x2xi64>, tensor<2x2x3x2xi64>) -> tensor<2x2x3x2x2xi64>
  return %0, %1 : tensor<2x3x4xf32>, tensor<2x2x3x2x2xi64>
}

// Scatter prints in generic form too, with its update computation; two
// inputs share one index set.
// CHECK-LABEL: func.func @scatter
func.func @scatter(%a: tensor<8xf32>, %b: tensor<8xi32>, %ids: tensor<5x1xi64>, %ua: tensor<5xf32>, %ub: tensor<5xi32>) -> (tensor<8xf32>, tensor<8xi32>) {
  // CHECK: %{{.*}}:2 = "hlo.scatter"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{scatter_dimension_numbers = #hlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = true}> ({
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<f32>, %{{.*}}: tensor<i32>, %[[UA:.*]]: tensor<f32>, %[[UB:.*]]: tensor<i32>):
  // CHECK-NEXT: hlo.return %[[UA]], %[[UB]] : tensor<f32>, tensor<i32>
  // CHECK-NEXT: }) : (tensor<8xf32>, tensor<8xi32>, tensor<5x1xi64>, tensor<5xf32>, tensor<5xi32>) -> (tensor<8xf32>, tensor<8xi32>)
  %r:2 = "hlo.scatter"(%a, %b, %ids, %ua, %ub) <{scatter_dimension_numbers = #hlo.scatter<inserted_window_dims = [0], scatter_dims_to_operand_dims = [0], index_vector_dim = 1>, unique_indices = true}> ({
  ^bb0(%a0: tensor<f32>, %b0: tensor<i32>, %a1: tensor<f32>, %b1: tensor<i32>):
    hlo.return %a1, %b1 : tensor<f32>, tensor<i32>
  }) : (tensor<8xf32>, tensor<8xi32>, tensor<5x1xi64>, tensor<5xf32>, tensor<5xi32>) -> (tensor<8xf32>, tensor<8xi32>)
  return %r#0, %r#1 : tensor<8xf32>, tensor<8xi32>
}

// Logical on i1, bitwise on integers.
// CHECK-LABEL: func.func @logical_and_bitwise
func.func @logical_and_bitwise(%p: tensor<4xi1>, %q: tensor<4xi1>, %a: tensor<3xi32>, %b: tensor<3xi32>) -> (tensor<4xi1>, tensor<3xi32>) {
  // CHECK: hlo.and %{{.*}}, %{{.*}} : tensor<4xi1>
  %0 = hlo.and %p, %q : tensor<4xi1>
  // CHECK: hlo.or %{{.*}}, %{{.*}} : tensor<4xi1>
  %1 = hlo.or %0, %q : tensor<4xi1>
  // CHECK: hlo.not %{{.*}} : tensor<4xi1>
  %2 = hlo.not %1 : tensor<4xi1>
  // CHECK: hlo.xor %{{.*}}, %{{.*}} : tensor<3xi32>
  %3 = hlo.xor %a, %b : tensor<3xi32>
  // CHECK: hlo.not %{{.*}} : tensor<3xi32>
  %4 = hlo.not %3 : tensor<3xi32>
  return %2, %4 : tensor<4xi1>, tensor<3xi32>
}

// CHECK-LABEL: func.func @reverse_and_dynamic_slices
func.func @reverse_and_dynamic_slices(%x: tensor<4x4xf32>, %u: tensor<2x2xf32>, %i: tensor<i32>) -> (tensor<4x4xf32>, tensor<2x2xf32>, tensor<4x4xf32>) {
  // CHECK: hlo.reverse %{{.*}}, dims = [0, 1] : tensor<4x4xf32>
  %0 = hlo.reverse %x, dims = [0, 1] : tensor<4x4xf32>
  // CHECK: hlo.dynamic_slice %{{.*}}, %{{.*}}, %{{.*}}, sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x2xf32>
  %1 = hlo.dynamic_slice %0, %i, %i, sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x2xf32>
  // CHECK: hlo.dynamic_update_slice %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x4xf32>, tensor<2x2xf32>, tensor<i32>, tensor<i32>) -> tensor<4x4xf32>
  %2 = hlo.dynamic_update_slice %x, %u, %i, %i : (tensor<4x4xf32>, tensor<2x2xf32>, tensor<i32>, tensor<i32>) -> tensor<4x4xf32>
  return %0, %1, %2 : tensor<4x4xf32>, tensor<2x2xf32>, tensor<4x4xf32>
}

// CHECK-LABEL: func.func @shifts_and_bit_counts
func.func @shifts_and_bit_counts(%a: tensor<3xi32>, %n: tensor<3xi32>) -> tensor<3xi32> {
  // CHECK: hlo.shift_left %{{.*}}, %{{.*}} : tensor<3xi32>
  %0 = hlo.shift_left %a, %n : tensor<3xi32>
  // CHECK: hlo.shift_right_arithmetic %{{.*}}, %{{.*}} : tensor<3xi32>
  %1 = hlo.shift_right_arithmetic %0, %n : tensor<3xi32>
  // CHECK: hlo.shift_right_logical %{{.*}}, %{{.*}} : tensor<3xi32>
  %2 = hlo.shift_right_logical %1, %n : tensor<3xi32>
  // CHECK: hlo.popcnt %{{.*}} : tensor<3xi32>
  %3 = hlo.popcnt %2 : tensor<3xi32>
  // CHECK: hlo.count_leading_zeros %{{.*}} : tensor<3xi32>
  %4 = hlo.count_leading_zeros %3 : tensor<3xi32>
  return %4 : tensor<3xi32>
}

// Every element type Kiln computes with prints back as it was read.
// CHECK-LABEL: func.func @element_types
func.func @element_types(%a: tensor<2xbf16>, %b: tensor<2xf16>, %c: tensor<2xf64>, %d: tensor<2xi8>, %e: tensor<2xi16>, %f: tensor<2xui8>, %g: tensor<2xui16>, %h: tensor<2xui32>, %i: tensor<2xui64>) -> (tensor<2xbf16>, tensor<2xf16>, tensor<2xf64>, tensor<2xi8>, tensor<2xi16>, tensor<2xi1>, tensor<2xui16>, tensor<2xf32>, tensor<2xui64>) {
  // CHECK: hlo.add %{{.*}}, %{{.*}} : tensor<2xbf16>
  %0 = hlo.add %a, %a : tensor<2xbf16>
  // CHECK: hlo.exponential %{{.*}} : tensor<2xf16>
  %1 = hlo.exponential %b : tensor<2xf16>
  // CHECK: hlo.sqrt %{{.*}} : tensor<2xf64>
  %2 = hlo.sqrt %c : tensor<2xf64>
  // CHECK: hlo.popcnt %{{.*}} : tensor<2xi8>
  %3 = hlo.popcnt %d : tensor<2xi8>
  // CHECK: hlo.shift_left %{{.*}}, %{{.*}} : tensor<2xi16>
  %4 = hlo.shift_left %e, %e : tensor<2xi16>
  // CHECK: hlo.compare  LT, %{{.*}}, %{{.*}},  UNSIGNED : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xi1>
  %5 = hlo.compare LT, %f, %f, UNSIGNED : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xi1>
  // CHECK: hlo.remainder %{{.*}}, %{{.*}} : tensor<2xui16>
  %6 = hlo.remainder %g, %g : tensor<2xui16>
  // CHECK: hlo.convert %{{.*}} : (tensor<2xui32>) -> tensor<2xf32>
  %7 = hlo.convert %h : (tensor<2xui32>) -> tensor<2xf32>
  // CHECK: hlo.constant dense<18446744073709551615> : tensor<2xui64>
  %8 = hlo.constant dense<18446744073709551615> : tensor<2xui64>
  %9 = hlo.maximum %i, %8 : tensor<2xui64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %9 : tensor<2xbf16>, tensor<2xf16>, tensor<2xf64>, tensor<2xi8>, tensor<2xi16>, tensor<2xi1>, tensor<2xui16>, tensor<2xf32>, tensor<2xui64>
}

// CHECK-LABEL: func.func @rounding_and_angles
func.func @rounding_and_angles(%a: tensor<3xf32>, %b: tensor<3xbf16>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xbf16>, tensor<3xf32>, tensor<3xbf16>, tensor<3xi1>, tensor<3xui16>, tensor<3xf32>) {
  // CHECK: hlo.atan2 %{{.*}}, %{{.*}} : tensor<3xf32>
  %0 = hlo.atan2 %a, %a : tensor<3xf32>
  // CHECK: hlo.tan %{{.*}} : tensor<3xf32>
  %1 = hlo.tan %a : tensor<3xf32>
  // CHECK: hlo.cbrt %{{.*}} : tensor<3xbf16>
  %2 = hlo.cbrt %b : tensor<3xbf16>
  // CHECK: hlo.round_nearest_afz %{{.*}} : tensor<3xf32>
  %3 = hlo.round_nearest_afz %a : tensor<3xf32>
  // CHECK: hlo.round_nearest_even %{{.*}} : tensor<3xbf16>
  %4 = hlo.round_nearest_even %b : tensor<3xbf16>
  // CHECK: hlo.is_finite %{{.*}} : (tensor<3xf32>) -> tensor<3xi1>
  %5 = hlo.is_finite %a : (tensor<3xf32>) -> tensor<3xi1>
  // CHECK: hlo.reduce_precision %{{.*}}, format = e5m10 : tensor<3xf32>
  %r = hlo.reduce_precision %a, format = e5m10 : tensor<3xf32>
  // CHECK: hlo.bitcast_convert %{{.*}} : (tensor<3xbf16>) -> tensor<3xui16>
  %6 = hlo.bitcast_convert %b : (tensor<3xbf16>) -> tensor<3xui16>
  return %0, %1, %2, %3, %4, %5, %6, %r : tensor<3xf32>, tensor<3xf32>, tensor<3xbf16>, tensor<3xf32>, tensor<3xbf16>, tensor<3xi1>, tensor<3xui16>, tensor<3xf32>
}

// CHECK-LABEL: func.func @chlo_math
func.func @chlo_math(%a: tensor<3xf32>, %b: tensor<3xf64>, %h: tensor<3xf16>) -> (tensor<3xf32>, tensor<3xf64>, tensor<3xf16>) {
  // CHECK: hlo.asin %{{.*}} : tensor<3xf32>
  %0 = hlo.asin %a : tensor<3xf32>
  // CHECK: hlo.acos
  %1 = hlo.acos %0 : tensor<3xf32>
  // CHECK: hlo.atan
  %2 = hlo.atan %1 : tensor<3xf32>
  // CHECK: hlo.sinh
  %3 = hlo.sinh %2 : tensor<3xf32>
  // CHECK: hlo.cosh
  %4 = hlo.cosh %3 : tensor<3xf32>
  // CHECK: hlo.asinh
  %5 = hlo.asinh %4 : tensor<3xf32>
  // CHECK: hlo.acosh
  %6 = hlo.acosh %5 : tensor<3xf32>
  // CHECK: hlo.atanh
  %7 = hlo.atanh %6 : tensor<3xf32>
  // CHECK: hlo.erfc
  %8 = hlo.erfc %7 : tensor<3xf32>
  // CHECK: hlo.erf_inv %{{.*}} : tensor<3xf64>
  %9 = hlo.erf_inv %b : tensor<3xf64>
  // CHECK: hlo.lgamma
  %10 = hlo.lgamma %9 : tensor<3xf64>
  // CHECK: hlo.digamma
  %11 = hlo.digamma %10 : tensor<3xf64>
  // CHECK: hlo.bessel_i1e %{{.*}} : tensor<3xf16>
  %12 = hlo.bessel_i1e %h : tensor<3xf16>
  // CHECK: hlo.next_after %{{.*}}, %{{.*}} : tensor<3xf16>
  %13 = hlo.next_after %12, %h : tensor<3xf16>
  return %8, %11, %13 : tensor<3xf32>, tensor<3xf64>, tensor<3xf16>
}
