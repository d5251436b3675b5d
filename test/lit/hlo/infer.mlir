// RUN: kiln-opt %s --verify-roundtrip | kiln-opt | FileCheck %s

// Ops written with the result types their type inference derives parse,
// verify and print back unchanged.

// CHECK-LABEL: func @elementwise
func.func @elementwise(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: hlo.add %{{.*}}, %{{.*}} : tensor<2x3xf32>
  %0 = hlo.add %a, %b : tensor<2x3xf32>
  // CHECK: hlo.exponential %{{.*}} : tensor<2x3xf32>
  %1 = hlo.exponential %0 : tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// CHECK-LABEL: func @compare_select_clamp
func.func @compare_select_clamp(%a: tensor<4xf32>, %b: tensor<4xf32>, %lo: tensor<f32>, %hi: tensor<f32>, %p: tensor<i1>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  // CHECK: hlo.compare  LT, %{{.*}}, %{{.*}},  TOTALORDER : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %0 = hlo.compare LT, %a, %b, TOTALORDER : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: hlo.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<4xi1>, tensor<4xf32>
  %1 = hlo.select %0, %a, %b : tensor<4xi1>, tensor<4xf32>
  // A scalar predicate selects whole tensors.
  // CHECK: hlo.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<i1>, tensor<4xf32>
  %2 = hlo.select %p, %a, %b : tensor<i1>, tensor<4xf32>
  // CHECK: hlo.clamp %{{.*}}, %{{.*}}, %{{.*}} : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %3 = hlo.clamp %lo, %a, %hi : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func @shape_ops
func.func @shape_ops(%x: tensor<2x3xf32>, %y: tensor<2x5xf32>, %v: tensor<f32>) -> (tensor<3x2xf32>, tensor<2x1xf32>, tensor<2x8xf32>, tensor<5x11xf32>) {
  // CHECK: hlo.transpose %{{.*}}, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %0 = hlo.transpose %x, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  // ceil((3 - 1) / 2) = 1 column.
  // CHECK: hlo.slice %{{.*}} [0:2, 1:3:2] : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %1 = hlo.slice %x [0:2, 1:3:2] : (tensor<2x3xf32>) -> tensor<2x1xf32>
  // CHECK: hlo.concatenate %{{.*}}, %{{.*}}, dim = 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  %2 = hlo.concatenate %x, %y, dim = 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  // rows: 1 + 2 + 1*1 + 1 = 5; columns: 0 + 3 + 2*3 + 2 = 11.
  // CHECK: hlo.pad %{{.*}}, %{{.*}}, low = [1, 0], high = [1, 2], interior = [1, 3] : (tensor<2x3xf32>, tensor<f32>) -> tensor<5x11xf32>
  %3 = hlo.pad %x, %v, low = [1, 0], high = [1, 2], interior = [1, 3] : (tensor<2x3xf32>, tensor<f32>) -> tensor<5x11xf32>
  return %0, %1, %2, %3 : tensor<3x2xf32>, tensor<2x1xf32>, tensor<2x8xf32>, tensor<5x11xf32>
}

// CHECK-LABEL: func @negative_padding_crops
func.func @negative_padding_crops(%x: tensor<6xf32>, %v: tensor<f32>) -> tensor<3xf32> {
  // CHECK: hlo.pad {{.*}} -> tensor<3xf32>
  %0 = hlo.pad %x, %v, low = [-2], high = [-1], interior = [0] : (tensor<6xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func @constant
func.func @constant() -> tensor<2xi32> {
  // CHECK: hlo.constant dense<[1, 2]> : tensor<2xi32>
  %0 = hlo.constant dense<[1, 2]> : tensor<2xi32>
  return %0 : tensor<2xi32>
}

// CHECK-LABEL: func @reduce
func.func @reduce(%x: tensor<2x3x4xf32>, %i: tensor<2x3x4xi32>, %z: tensor<f32>, %zi: tensor<i32>) -> (tensor<3xf32>, tensor<2x4xf32>, tensor<2x4xi32>) {
  // CHECK: hlo.reduce(%{{.*}} init: %{{.*}}) applies hlo.add across dimensions = [2, 0] : (tensor<2x3x4xf32>, tensor<f32>) -> tensor<3xf32>
  %0 = hlo.reduce(%x init: %z) applies hlo.add across dimensions = [2, 0] : (tensor<2x3x4xf32>, tensor<f32>) -> tensor<3xf32>
  // Two inputs of different element types (an argmax-like pair).
  // CHECK: hlo.reduce(%{{.*}} init: %{{.*}}), (%{{.*}} init: %{{.*}}) across dimensions = [1] : (tensor<2x3x4xf32>, tensor<2x3x4xi32>, tensor<f32>, tensor<i32>) -> (tensor<2x4xf32>, tensor<2x4xi32>)
  %1:2 = hlo.reduce(%x init: %z), (%i init: %zi) across dimensions = [1] : (tensor<2x3x4xf32>, tensor<2x3x4xi32>, tensor<f32>, tensor<i32>) -> (tensor<2x4xf32>, tensor<2x4xi32>)
    reducer(%a: tensor<f32>, %b: tensor<f32>) (%ai: tensor<i32>, %bi: tensor<i32>) {
      %m = hlo.maximum %a, %b : tensor<f32>
      %mi = hlo.maximum %ai, %bi : tensor<i32>
      hlo.return %m, %mi : tensor<f32>, tensor<i32>
    }
  return %0, %1#0, %1#1 : tensor<3xf32>, tensor<2x4xf32>, tensor<2x4xi32>
}

// CHECK-LABEL: func @reduce_window
func.func @reduce_window(%x: tensor<1x5x6x1xf32>, %z: tensor<f32>) -> tensor<1x3x2x1xf32> {
  // rows: pad 5 to 1 + 5 + 0 = 6, windows of 2 with stride 2: 3.
  // columns: windows of 2 dilated by 2 (size 3) over 6 with stride 2:
  // (6 - 3) / 2 + 1 = 2.
  // CHECK: "hlo.reduce_window"
  // CHECK: }) : (tensor<1x5x6x1xf32>, tensor<f32>) -> tensor<1x3x2x1xf32>
  %0 = "hlo.reduce_window"(%x, %z) <{window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>, window_dilations = array<i64: 1, 1, 2, 1>, padding = dense<[[0, 0], [1, 0], [0, 0], [0, 0]]> : tensor<4x2xi64>}> ({
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %m = hlo.maximum %a, %b : tensor<f32>
    "hlo.return"(%m) : (tensor<f32>) -> ()
  }) : (tensor<1x5x6x1xf32>, tensor<f32>) -> tensor<1x3x2x1xf32>
  return %0 : tensor<1x3x2x1xf32>
}

// CHECK-LABEL: func @dot_general
func.func @dot_general(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>, %m: tensor<1x784xf32>, %w: tensor<784x10xf32>) -> (tensor<2x3x5xf32>, tensor<1x10xf32>) {
  // CHECK: hlo.dot_general %{{.*}}, %{{.*}}, batching_dims = [0] x [0], contracting_dims = [2] x [1] : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  %0 = hlo.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [1] : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  // CHECK: hlo.dot_general %{{.*}}, %{{.*}}, contracting_dims = [1] x [0] : (tensor<1x784xf32>, tensor<784x10xf32>) -> tensor<1x10xf32>
  %1 = hlo.dot_general %m, %w, contracting_dims = [1] x [0] : (tensor<1x784xf32>, tensor<784x10xf32>) -> tensor<1x10xf32>
  return %0, %1 : tensor<2x3x5xf32>, tensor<1x10xf32>
}

// CHECK-LABEL: func @convolution
func.func @convolution(%in: tensor<1x28x28x1xf32>, %k: tensor<5x5x1x8xf32>, %g: tensor<2x9x9x6xf32>, %gk: tensor<3x3x2x6xf32>) -> (tensor<1x14x14x8xf32>, tensor<2x4x3x6xf32>) {
  // (28 + 2 + 2 - 5) / 2 + 1 = 14.
  // CHECK: hlo.convolution(%{{.*}}, %{{.*}}) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f]
  // CHECK-SAME: -> tensor<1x14x14x8xf32>
  %0 = hlo.convolution(%in, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [2, 2], pad = [[2, 2], [2, 2]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x28x28x1xf32>, tensor<5x5x1x8xf32>) -> tensor<1x14x14x8xf32>
  // Grouped, with dilations: 6 input features in 3 groups of 2. The kernel's
  // 3 taps dilated by 2 span 5. Rows: the input dilated by 2 spans 17,
  // stride 4: (17 - 5) / 4 + 1 = 4. Columns: (9 - 5) / 2 + 1 = 3.
  // CHECK: -> tensor<2x4x3x6xf32>
  %1 = hlo.convolution(%g, %gk) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [4, 2], rhs_dilate = [2, 2], lhs_dilate = [2, 1]} {batch_group_count = 1 : i64, feature_group_count = 3 : i64} : (tensor<2x9x9x6xf32>, tensor<3x3x2x6xf32>) -> tensor<2x4x3x6xf32>
  return %0, %1 : tensor<1x14x14x8xf32>, tensor<2x4x3x6xf32>
}
