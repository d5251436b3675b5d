// RUN: kiln-opt %s --kiln-lower-hlo-to-linalg | FileCheck %s

// Loops are (out batch, out feature, out spatial..., kernel input feature,
// kernel spatial...); the maps follow each operand's own layout.
// CHECK-DAG: #[[NHWC_IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2 + d5, d3 + d6, d4)>
// CHECK-DAG: #[[HWIO:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d5, d6, d4, d1)>
// CHECK-DAG: #[[NHWC_OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2, d3, d1)>
// CHECK-DAG: #[[NCHW_IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d2 * 2 + d5 * 2, d3 * 3 + d6)>
// CHECK-DAG: #[[OIHW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d4, d5, d6)>
// CHECK-DAG: #[[NCHW_OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[REV:.*]] = affine_map<(d0, d1, d2, d3) -> (-d0 + 2, d1, d2, d3)>
// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[GROUP_IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d2 + d5, d3 + d6, (d1 floordiv 3) * 2 + d4)>
// CHECK-DAG: #[[BGROUP_IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> ((d1 floordiv 3) * 2 + d0, d2 + d5, d3 + d6, d4)>

// CHECK-LABEL: func.func @nhwc
// CHECK-SAME: (%[[A:.*]]: tensor<1x5x5x2xf32>, %[[K:.*]]: tensor<3x3x2x4xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<1x3x3x4xf32>)
// CHECK: %[[R:.*]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[NHWC_IN]], #[[HWIO]], #[[NHWC_OUT]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]
// CHECK-SAME: ins(%[[A]], %[[K]] : tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32>)
// CHECK-SAME: outs(%[[F]] : tensor<1x3x3x4xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: return %[[R]]
func.func @nhwc(%a: tensor<1x5x5x2xf32>, %k: tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32> {
  %0 = hlo.convolution(%a, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1], pad = [[0, 0], [0, 0]], lhs_dilate = [1, 1], rhs_dilate = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32>
  return %0 : tensor<1x3x3x4xf32>
}

// NCHW/OIHW with strides, rhs dilation, padding (negative edges crop) and
// lhs dilation (interior padding of the zero-padded input): the dilated rows
// 2 + 2j of 12 keep j < 5 and the columns 1 + 2j of 9 keep j < 4.
// CHECK-LABEL: func.func @nchw_strided_dilated
// CHECK-SAME: (%[[A:.*]]: tensor<1x2x6x5xf32>, %[[K:.*]]: tensor<4x2x2x3xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PF:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<1x2x12x9xf32>)
// CHECK: %[[CROP:.*]] = tensor.extract_slice %[[A]][0, 0, 0, 0] [1, 2, 5, 4] [1, 1, 1, 1]
// CHECK: %[[PAD:.*]] = tensor.insert_slice %[[CROP]] into %[[PF]][0, 0, 2, 1] [1, 2, 5, 4] [1, 1, 2, 2]
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[NCHW_IN]], #[[OIHW]], #[[NCHW_OUT]]]
// CHECK-SAME: ins(%[[PAD]], %[[K]] :
func.func @nchw_strided_dilated(%a: tensor<1x2x6x5xf32>, %k: tensor<4x2x2x3xf32>) -> tensor<1x4x5x3xf32> {
  %0 = hlo.convolution(%a, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [2, 3], pad = [[2, -1], [1, -1]], lhs_dilate = [2, 2], rhs_dilate = [2, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x2x6x5xf32>, tensor<4x2x2x3xf32>) -> tensor<1x4x5x3xf32>
  return %0 : tensor<1x4x5x3xf32>
}

// window_reversal reverses the kernel's spatial dim with a generic copy.
// CHECK-LABEL: func.func @reversed
// CHECK-SAME: (%[[A:.*]]: tensor<1x5x5x2xf32>, %[[K:.*]]: tensor<3x3x2x4xf32>)
// CHECK: %[[RK:.*]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[REV]], #[[ID4]]]
// CHECK-SAME: ins(%[[K]] : tensor<3x3x2x4xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[A]], %[[RK]] :
func.func @reversed(%a: tensor<1x5x5x2xf32>, %k: tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32> {
  %0 = hlo.convolution(%a, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {reverse = [true, false]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32>
  return %0 : tensor<1x3x3x4xf32>
}

// feature_group_count = 2: output feature o reads input features
// [(o / 3) * 2, (o / 3) * 2 + 2).
// CHECK-LABEL: func.func @feature_groups
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[GROUP_IN]], #[[HWIO]], #[[NHWC_OUT]]]
func.func @feature_groups(%a: tensor<1x5x5x4xf32>, %k: tensor<3x3x2x6xf32>) -> tensor<1x3x3x6xf32> {
  %0 = hlo.convolution(%a, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x5x5x4xf32>, tensor<3x3x2x6xf32>) -> tensor<1x3x3x6xf32>
  return %0 : tensor<1x3x3x6xf32>
}

// batch_group_count = 2: output feature o reads input batches
// [(o / 3) * 2, (o / 3) * 2 + 2).
// CHECK-LABEL: func.func @batch_groups
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[BGROUP_IN]], #[[HWIO]], #[[NHWC_OUT]]]
func.func @batch_groups(%a: tensor<4x5x5x2xf32>, %k: tensor<3x3x2x6xf32>) -> tensor<2x3x3x6xf32> {
  %0 = hlo.convolution(%a, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 2 : i64, feature_group_count = 1 : i64} : (tensor<4x5x5x2xf32>, tensor<3x3x2x6xf32>) -> tensor<2x3x3x6xf32>
  return %0 : tensor<2x3x3x6xf32>
}
