// RUN: kiln-opt %s --split-input-file --kiln-fuse-outputs | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-fuse-outputs --kiln-fuse-inputs --kiln-fuse-loops | FileCheck %s --check-prefix=ALL
// RUN: kiln-opt %s --split-input-file --kiln-fuse-outputs --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOC

// dot + bias (through broadcast_in_dim) + ReLU: one output fusion.
// CHECK-LABEL: func.func @dense_relu
// CHECK-NEXT:    hlo.fusion output
// CHECK-DAG:       hlo.constant
// CHECK-DAG:       hlo.dot_general
// CHECK-DAG:       hlo.broadcast_in_dim
// CHECK-DAG:       hlo.add
// CHECK-DAG:       hlo.maximum
// CHECK:           hlo.return
// CHECK-NEXT:    }
// CHECK-NEXT:    return
// The ops keep their own locations; the fusion's location fuses them with
// the contraction's first.
// LOC-LABEL: func.func @dense_relu
// LOC:         hlo.dot_general {{.*}} loc("{{[^"]*}}fuse-outputs.mlir{{[^"]*}}":[[#@LINE+10]]:8)
// LOC:         hlo.add {{.*}} loc("{{[^"]*}}fuse-outputs.mlir{{[^"]*}}":[[#@LINE+11]]:8)
// LOC:         hlo.return
// LOC-NEXT:    } loc(fused["{{[^"]*}}fuse-outputs.mlir{{[^"]*}}":[[#@LINE+7]]:8, "{{[^"]*}}fuse-outputs.mlir{{[^"]*}}":[[#@LINE+8]]:9,
// ALL-LABEL: func.func @dense_relu
// ALL-NEXT:    hlo.fusion output
// ALL-NOT:     hlo.fusion
// ALL:         return
func.func @dense_relu(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<4x16xf32>
  %d = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %bb = hlo.broadcast_in_dim %b, dims = [1] : (tensor<16xf32>) -> tensor<4x16xf32>
  %s = hlo.add %d, %bb : tensor<4x16xf32>
  %r = hlo.maximum %s, %zero : tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

// GELU(x·W + b) with the exact erf form: one output fusion.
// CHECK-LABEL: func.func @dense_gelu
// CHECK-NEXT:    hlo.fusion output
// CHECK-DAG:       hlo.dot_general
// CHECK-DAG:       hlo.erf
// CHECK-DAG:       hlo.add
// CHECK-DAG:       hlo.multiply
// CHECK:           hlo.return
// CHECK-NEXT:    }
// CHECK-NEXT:    return
func.func @dense_gelu(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %half = hlo.constant dense<5.000000e-01> : tensor<4x16xf32>
  %one = hlo.constant dense<1.000000e+00> : tensor<4x16xf32>
  %rsqrt2 = hlo.constant dense<0.707106769> : tensor<4x16xf32>
  %d = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %bb = hlo.broadcast_in_dim %b, dims = [1] : (tensor<16xf32>) -> tensor<4x16xf32>
  %h = hlo.add %d, %bb : tensor<4x16xf32>
  %t = hlo.multiply %h, %rsqrt2 : tensor<4x16xf32>
  %e = hlo.erf %t : tensor<4x16xf32>
  %e1 = hlo.add %e, %one : tensor<4x16xf32>
  %hh = hlo.multiply %h, %half : tensor<4x16xf32>
  %g = hlo.multiply %hh, %e1 : tensor<4x16xf32>
  return %g : tensor<4x16xf32>
}

// -----

// Scale and residual add join the tile; the residual is an input.
// CHECK-LABEL: func.func @scale_residual
// CHECK-NEXT:    hlo.fusion output ({{.*}}) : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
// CHECK-DAG:       hlo.dot_general
// CHECK-DAG:       hlo.multiply
// CHECK-DAG:       hlo.add
// CHECK:           hlo.return
// CHECK-NEXT:    }
// CHECK-NEXT:    return
func.func @scale_residual(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %scale = hlo.constant dense<1.250000e-01> : tensor<4x8xf32>
  %d = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %s = hlo.multiply %d, %scale : tensor<4x8xf32>
  %r = hlo.add %s, %x : tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

// convolution + bias + ReLU: one output fusion.
// CHECK-LABEL: func.func @conv_relu
// CHECK-NEXT:    hlo.fusion output
// CHECK-DAG:       hlo.convolution
// CHECK-DAG:       hlo.broadcast_in_dim
// CHECK-DAG:       hlo.add
// CHECK-DAG:       hlo.maximum
// CHECK:           hlo.return
// CHECK-NEXT:    }
// CHECK-NEXT:    return
func.func @conv_relu(%x: tensor<1x6x6x2xf32>, %k: tensor<3x3x2x4xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<1x4x4x4xf32>
  %c = hlo.convolution(%x, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {stride = [1, 1]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x6x6x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x4x4x4xf32>
  %bb = hlo.broadcast_in_dim %b, dims = [3] : (tensor<4xf32>) -> tensor<1x4x4x4xf32>
  %s = hlo.add %c, %bb : tensor<1x4x4x4xf32>
  %r = hlo.maximum %s, %zero : tensor<1x4x4x4xf32>
  return %r : tensor<1x4x4x4xf32>
}

// -----

// The elementwise producer of an operand stays out (the matmul reads each
// operand element many times); a reduce of the result is not elementwise
// and stays out; the tile value the reduce reads becomes a second output.
// CHECK-LABEL: func.func @operand_and_reduce_stay_out
// CHECK:         %[[E:.*]] = hlo.exponential
// CHECK:         %[[F:.*]]:2 = hlo.fusion output ({{.*}} = %[[E]]
// CHECK-NEXT:      hlo.dot_general
// CHECK-NEXT:      hlo.negate
// CHECK:         hlo.reduce(%[[F]]#
// ALL-LABEL: func.func @operand_and_reduce_stay_out
// ALL:         hlo.exponential
// ALL:         %[[F:.*]]:2 = hlo.fusion output
// ALL:         hlo.reduce(%[[F]]#
func.func @operand_and_reduce_stay_out(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> (tensor<4xf32>, tensor<4x16xf32>) {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %e = hlo.exponential %x : tensor<4x8xf32>
  %d = hlo.dot_general %e, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %n = hlo.negate %d : tensor<4x16xf32>
  %r = hlo.reduce(%d init: %zero) applies hlo.add across dimensions = [1] : (tensor<4x16xf32>, tensor<f32>) -> tensor<4xf32>
  return %r, %n : tensor<4xf32>, tensor<4x16xf32>
}

// -----

// A consumer of another shape (transpose of the tile) is not applied to
// the tile: it stays out.
// CHECK-LABEL: func.func @other_shape_stays_out
// CHECK:         %[[F:.*]] = hlo.fusion output
// CHECK:         hlo.transpose %[[F]]
func.func @other_shape_stays_out(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<16x4xf32> {
  %d = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %a = hlo.abs %d : tensor<4x16xf32>
  %t = hlo.transpose %a, dims = [1, 0] : (tensor<4x16xf32>) -> tensor<16x4xf32>
  return %t : tensor<16x4xf32>
}
