// RUN: kiln-opt %s --kiln-outline-kernels="vector-bits=128 l1-bytes=32768" --kiln-share-kernels | FileCheck %s
// RUN: kilnc %s --no-fusion --emit=llvm | FileCheck %s --check-prefix=LLVM

// Four matmuls that differ only in their constant weights (the first and
// third the same weights, so kiln-outline-kernels gave them one kernel
// already) run one kernel: it takes the packed panels as an argument after
// its buffers, and each launch passes its own. Two adds of other dense
// constants share one kernel too. The scale by a splat is compiled into
// the code: the scale by 3 keeps its own kernel. The add of a constant no
// other kernel reads keeps reading it directly. (The results of such
// twins: test/lit/examples/shared-constants.mlir.)

// CHECK-DAG: memref.global "private" constant @[[P0:[a-z_0-9]+]] : memref<24xf32> = dense<[1.0{{.*}}, 2.0{{.*}}, 0.0
// CHECK-DAG: memref.global "private" constant @[[P1:[a-z_0-9]+]] : memref<24xf32> = dense<[7.0{{.*}}, 8.0{{.*}}, 0.0
// CHECK-DAG: memref.global "private" constant @[[P3:[a-z_0-9]+]] : memref<24xf32> = dense<[-1.0{{.*}}, -2.0{{.*}}, 0.0
// CHECK-DAG: memref.global "private" constant @[[B0:[a-z_0-9]+]] : memref<2xf32> = dense<[1.0{{.*}}, 2.0{{.*}}]>
// CHECK-DAG: memref.global "private" constant @[[B1:[a-z_0-9]+]] : memref<2xf32> = dense<[3.0{{.*}}, 4.0{{.*}}]>
// CHECK-DAG: memref.global "private" constant @[[B2:[a-z_0-9]+]] : memref<4xf32> = dense<[5.0{{.*}}, 6.0{{.*}}, 7.0{{.*}}, 8.0{{.*}}]>

// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[CTX:arg[0-9]+]]: memref<1xi8>)
// CHECK: %[[G0:.*]] = memref.get_global @[[P0]] : memref<24xf32>
// CHECK: call @kiln_launch_0(%{{.*}}, %{{.*}}, %[[G0]], %[[CTX]])
// CHECK: %[[G1:.*]] = memref.get_global @[[P1]] : memref<24xf32>
// CHECK: call @kiln_launch_1(%{{.*}}, %{{.*}}, %[[G1]], %[[CTX]])
// CHECK: %[[G2:.*]] = memref.get_global @[[P0]] : memref<24xf32>
// CHECK: call @kiln_launch_2(%{{.*}}, %{{.*}}, %[[G2]], %[[CTX]])
// CHECK: %[[G3:.*]] = memref.get_global @[[P3]] : memref<24xf32>
// CHECK: call @kiln_launch_3(%{{.*}}, %{{.*}}, %[[G3]], %[[CTX]])
// CHECK: %[[A0:.*]] = memref.get_global @[[B0]] : memref<2xf32>
// CHECK: call @kiln_launch_4(%{{.*}}, %{{.*}}, %[[A0]], %[[CTX]])
// CHECK: %[[A1:.*]] = memref.get_global @[[B1]] : memref<2xf32>
// CHECK: call @kiln_launch_5(%{{.*}}, %{{.*}}, %[[A1]], %[[CTX]])
// CHECK: call @kiln_launch_6(%{{.*}}, %{{.*}}, %[[CTX]])
// CHECK: call @kiln_launch_7(%{{.*}}, %{{.*}}, %[[CTX]])
// CHECK: call @kiln_launch_8(%{{.*}}, %{{.*}}, %[[CTX]])

// CHECK: func.func private @kiln_launch_0(memref<4x3xf32>, memref<4x2xf32>, memref<24xf32>, memref<1xi8>)
// CHECK-SAME: kiln.kernel = @kernel_0
// CHECK: func.func private @kernel_0(%{{.*}}: memref<4x3xf32> {llvm.noalias}, %{{.*}}: memref<4x2xf32> {llvm.noalias}, %[[PANELS:.*]]: memref<24xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK-NOT: memref.get_global
// CHECK: memref.cast %[[PANELS]] : memref<24xf32> to memref<?xf32>
// CHECK: func.func private @kiln_launch_1(memref<4x3xf32>, memref<4x2xf32>, memref<24xf32>, memref<1xi8>)
// CHECK-SAME: kiln.kernel = @kernel_0
// CHECK: func.func private @kiln_launch_2(memref<4x3xf32>, memref<4x2xf32>, memref<24xf32>, memref<1xi8>)
// CHECK-SAME: kiln.kernel = @kernel_0
// CHECK: func.func private @kiln_launch_3(memref<4x3xf32>, memref<4x2xf32>, memref<24xf32>, memref<1xi8>)
// CHECK-SAME: kiln.kernel = @kernel_0
// CHECK: func.func private @kiln_launch_4({{.*}}memref<2xf32>, memref<1xi8>)
// CHECK-SAME: kiln.kernel = @kernel_4
// CHECK: func.func private @kernel_4(%{{.*}}: memref<4x2xf32> {llvm.noalias}, %{{.*}}: memref<4x2xf32> {llvm.noalias}, %{{.*}}: memref<2xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK-NOT: memref.get_global
// CHECK: func.func private @kiln_launch_5({{.*}}memref<2xf32>, memref<1xi8>)
// CHECK-SAME: kiln.kernel = @kernel_4
// CHECK: func.func private @kiln_launch_6(memref<4x2xf32>, memref<4x2xf32>, memref<1xi8>)
// CHECK-SAME: kiln.kernel = @kernel_6
// CHECK: func.func private @kernel_6(
// CHECK: memref.get_global @[[B2]]
// CHECK: func.func private @kiln_launch_7(
// CHECK-SAME: kiln.kernel = @kernel_7
// CHECK: func.func private @kernel_7(
// CHECK: func.func private @kiln_launch_8(
// CHECK-SAME: kiln.kernel = @kernel_8
// CHECK: func.func private @kernel_8(
// CHECK-NOT: func.func private @kernel_

// In LLVM IR the four matmuls are one task function.
// LLVM-COUNT-5: define internal void @kernel_{{[0-9]+}}_task(
// LLVM-NOT:     define internal void @kernel_{{[0-9]+}}_task(
func.func @main(%x: tensor<4x3xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>) {
  %0 = hlo.fusion output (%a = %x) : (tensor<4x3xf32>) -> tensor<4x2xf32> {
    %w = hlo.constant dense<[[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]> : tensor<2x3xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [1] : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
    hlo.return %d : tensor<4x2xf32>
  }
  %1 = hlo.fusion output (%a = %x) : (tensor<4x3xf32>) -> tensor<4x2xf32> {
    %w = hlo.constant dense<[[7.0, 9.0, 11.0], [8.0, 10.0, 12.0]]> : tensor<2x3xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [1] : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
    hlo.return %d : tensor<4x2xf32>
  }
  %2 = hlo.fusion output (%a = %x) : (tensor<4x3xf32>) -> tensor<4x2xf32> {
    %w = hlo.constant dense<[[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]> : tensor<2x3xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [1] : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
    hlo.return %d : tensor<4x2xf32>
  }
  %3 = hlo.fusion output (%a = %x) : (tensor<4x3xf32>) -> tensor<4x2xf32> {
    %w = hlo.constant dense<[[-1.0, -3.0, -5.0], [-2.0, -4.0, -6.0]]> : tensor<2x3xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [1] : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
    hlo.return %d : tensor<4x2xf32>
  }
  %4 = hlo.fusion loop (%a = %0) : (tensor<4x2xf32>) -> tensor<4x2xf32> {
    %c = hlo.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %b = hlo.broadcast_in_dim %c, dims = [1] : (tensor<2xf32>) -> tensor<4x2xf32>
    %s = hlo.add %a, %b : tensor<4x2xf32>
    hlo.return %s : tensor<4x2xf32>
  }
  %5 = hlo.fusion loop (%a = %1) : (tensor<4x2xf32>) -> tensor<4x2xf32> {
    %c = hlo.constant dense<[3.0, 4.0]> : tensor<2xf32>
    %b = hlo.broadcast_in_dim %c, dims = [1] : (tensor<2xf32>) -> tensor<4x2xf32>
    %s = hlo.add %a, %b : tensor<4x2xf32>
    hlo.return %s : tensor<4x2xf32>
  }
  %6 = hlo.fusion loop (%a = %2) : (tensor<4x2xf32>) -> tensor<4x2xf32> {
    %c = hlo.constant dense<[5.0, 6.0, 7.0, 8.0]> : tensor<4xf32>
    %b = hlo.broadcast_in_dim %c, dims = [0] : (tensor<4xf32>) -> tensor<4x2xf32>
    %s = hlo.add %a, %b : tensor<4x2xf32>
    hlo.return %s : tensor<4x2xf32>
  }
  %7 = hlo.fusion loop (%a = %3) : (tensor<4x2xf32>) -> tensor<4x2xf32> {
    %c = hlo.constant dense<2.0> : tensor<4x2xf32>
    %s = hlo.multiply %a, %c : tensor<4x2xf32>
    hlo.return %s : tensor<4x2xf32>
  }
  %8 = hlo.fusion loop (%a = %7) : (tensor<4x2xf32>) -> tensor<4x2xf32> {
    %c = hlo.constant dense<3.0> : tensor<4x2xf32>
    %s = hlo.multiply %a, %c : tensor<4x2xf32>
    hlo.return %s : tensor<4x2xf32>
  }
  return %4, %5, %6, %8 : tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>
}
