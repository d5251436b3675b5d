// RUN: kilnc %s --emit=dot | FileCheck %s

// One cluster per fusion, labelled with its kind; the user's ops as nodes
// `op (file:line)`; inputs and outputs as nodes; edges follow the data
// through the fusion boundaries.
// CHECK-LABEL: digraph kiln {
// CHECK:         [[X:n[0-9]+]] [label="input 0: tensor<4x8xf32>", shape=ellipse];
// CHECK:         subgraph cluster_0 {
// CHECK-NEXT:      label="output fusion";
// CHECK:           [[DOT:n[0-9]+]] [label="dot_general ({{.*}}dot.mlir:27:{{[0-9]+}})"];
// CHECK:           [[ADD:n[0-9]+]] [label="add ({{.*}}dot.mlir:29:{{[0-9]+}})"];
// CHECK:         }
// CHECK:         subgraph cluster_1 {
// CHECK-NEXT:      label="input fusion";
// CHECK:           [[RED:n[0-9]+]] [label="reduce ({{.*}}dot.mlir:30:{{[0-9]+}})"];
// CHECK:           [[DIV:n[0-9]+]] [label="divide ({{.*}}dot.mlir:32:{{[0-9]+}})"];
// CHECK:         }
// CHECK:         [[OUT:n[0-9]+]] [label="output 0: tensor<4x16xf32>", shape=ellipse];
// CHECK-DAG:     [[X]] -> [[DOT]];
// CHECK-DAG:     [[DOT]] -> [[ADD]];
// CHECK-DAG:     [[ADD]] -> [[RED]];
// CHECK-DAG:     [[ADD]] -> [[DIV]];
// CHECK-DAG:     [[DIV]] -> [[OUT]];
// CHECK:       }
func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %d = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %bb = hlo.broadcast_in_dim %b, dims = [1] : (tensor<16xf32>) -> tensor<4x16xf32>
  %h = hlo.add %d, %bb : tensor<4x16xf32>
  %s = hlo.reduce(%h init: %zero) applies hlo.add across dimensions = [1] : (tensor<4x16xf32>, tensor<f32>) -> tensor<4xf32>
  %sb = hlo.broadcast_in_dim %s, dims = [0] : (tensor<4xf32>) -> tensor<4x16xf32>
  %y = hlo.divide %h, %sb : tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}
