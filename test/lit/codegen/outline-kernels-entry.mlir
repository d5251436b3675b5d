// RUN: kiln-opt %s --kiln-outline-kernels | FileCheck %s

// The entry function in buffer form: inputs, one buffer per result, the
// context; an arena allocation for the intermediate, placed right before the
// launch that writes it; one launch per fusion, in order; copy kernels for a
// result returned twice and for a result that is an argument.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: memref<4x8xf32>, %[[Y:.*]]: memref<8xf32>, %[[OUT0:.*]]: memref<4x8xf32>, %[[OUT1:.*]]: memref<4x8xf32>, %[[OUT2:.*]]: memref<8xf32>, %[[CTX:.*]]: memref<1xi8>)
// CHECK-NOT: tensor
// CHECK: %[[T:.*]] = memref.alloc() : memref<4x8xf32>
// CHECK-NEXT: call @kiln_launch_0(%[[X]], %[[T]], %[[CTX]])
// CHECK-NEXT: call @kiln_launch_1(%[[T]], %[[Y]], %[[OUT0]], %[[CTX]])
// CHECK-NEXT: call @kiln_launch_2(%[[OUT0]], %[[OUT1]], %[[CTX]])
// CHECK-NEXT: call @kiln_launch_3(%[[Y]], %[[OUT2]], %[[CTX]])
// CHECK-NEXT: return
// CHECK-NOT: memref.dealloc

// CHECK: func.func private @kiln_launch_0(memref<4x8xf32>, memref<4x8xf32>, memref<1xi8>)
// CHECK-SAME: kiln.bytes = 256 : i64
// CHECK-SAME: kiln.kernel = @kernel_0
// CHECK-SAME: kiln.kernel_id = 0 : i64
// CHECK-SAME: kiln.kernel_name = "loop: negate"
// CHECK-SAME: kiln.location = "{{.*}}entry.mlir:[[@LINE+17]]:10"
// CHECK-SAME: kiln.num_tasks = 1 : i64
// CHECK: func.func private @kernel_0(%{{.*}}: memref<4x8xf32> {llvm.noalias}, %{{.*}}: memref<4x8xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK: func.func private @kiln_launch_1(memref<4x8xf32>, memref<8xf32>, memref<4x8xf32>, memref<1xi8>)
// CHECK-SAME: kiln.kernel_name = "loop: broadcast_in_dim+multiply"
// CHECK: func.func private @kernel_1(
// CHECK: func.func private @kiln_launch_2(memref<4x8xf32>, memref<4x8xf32>, memref<1xi8>)
// CHECK-SAME: kiln.kernel_name = "loop: copy"
// CHECK: func.func private @kernel_2(
// CHECK: memref.load
// CHECK-NEXT: memref.store
// CHECK: func.func private @kiln_launch_3(memref<8xf32>, memref<8xf32>, memref<1xi8>)
// CHECK-SAME: kiln.bytes = 64 : i64
// CHECK-SAME: kiln.kernel_name = "loop: copy"
// CHECK: func.func private @kernel_3(
func.func @main(%x: tensor<4x8xf32>, %y: tensor<8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<8xf32>) {
  %0 = hlo.fusion loop (%a = %x) : (tensor<4x8xf32>) -> tensor<4x8xf32> {
    %1 = hlo.negate %a : tensor<4x8xf32>
    hlo.return %1 : tensor<4x8xf32>
  }
  %2 = hlo.fusion loop (%a = %0, %b = %y) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32> {
    %3 = hlo.broadcast_in_dim %b, dims = [1] : (tensor<8xf32>) -> tensor<4x8xf32>
    %4 = hlo.multiply %a, %3 : tensor<4x8xf32>
    hlo.return %4 : tensor<4x8xf32>
  }
  return %2, %2, %y : tensor<4x8xf32>, tensor<4x8xf32>, tensor<8xf32>
}
