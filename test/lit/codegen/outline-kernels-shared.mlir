// RUN: kiln-opt %s --kiln-outline-kernels | FileCheck %s
// RUN: kilnc %s --no-fusion --emit=llvm | FileCheck %s --check-prefix=LLVM

// Fusions that compute the same thing on buffers of the same types share
// one kernel, whatever values they read and wherever they are: @kernel_0
// serves launches 0 and 2, and each launch keeps its own id, name and
// location. A fusion with the same ops on other types (launch 1), with its
// operands swapped (launch 3) or with another splat constant (launch 4,
// compiled into its code) gets its own kernel. (Kernels that differ only
// in the dense constants they read: share-kernels.mlir.)
// CHECK-LABEL: func.func @main
// CHECK: call @kiln_launch_0(
// CHECK: call @kiln_launch_1(
// CHECK: call @kiln_launch_2(
// CHECK: call @kiln_launch_3(
// CHECK: call @kiln_launch_4(

// CHECK:     func.func private @kiln_launch_0(
// CHECK-SAME:  kiln.kernel = @kernel_0
// CHECK-SAME:  kiln.kernel_id = 0 : i64
// CHECK-SAME:  kiln.location = "{{.*}}shared.mlir:[[#@LINE+29]]:10"
// CHECK:     func.func private @kernel_0(
// CHECK:     func.func private @kiln_launch_1(
// CHECK-SAME:  kiln.kernel = @kernel_1
// CHECK:     func.func private @kernel_1(
// CHECK:     func.func private @kiln_launch_2(
// CHECK-SAME:  kiln.kernel = @kernel_0
// CHECK-SAME:  kiln.kernel_id = 2 : i64
// CHECK-SAME:  kiln.location = "{{.*}}shared.mlir:[[#@LINE+33]]:10"
// CHECK-NOT: func.func private @kernel_2(
// CHECK:     func.func private @kiln_launch_3(
// CHECK-SAME:  kiln.kernel = @kernel_3
// CHECK:     func.func private @kernel_3(
// CHECK:     func.func private @kiln_launch_4(
// CHECK-SAME:  kiln.kernel = @kernel_4
// CHECK:     func.func private @kernel_4(

// In LLVM IR the shared kernel is one task function, launched twice
// (--no-fusion keeps the fusions as they are written).
// LLVM-NOT:  define internal void @kernel_2_task
// LLVM:      call void @kiln_launch(ptr %{{.*}}, i64 0, i64 1, ptr nonnull @kernel_0_task
// LLVM:      call void @kiln_launch(ptr %{{.*}}, i64 1, i64 1, ptr nonnull @kernel_1_task
// LLVM:      call void @kiln_launch(ptr %{{.*}}, i64 2, i64 1, ptr nonnull @kernel_0_task
// LLVM:      call void @kiln_launch(ptr %{{.*}}, i64 3, i64 1, ptr nonnull @kernel_3_task
// LLVM:      call void @kiln_launch(ptr %{{.*}}, i64 4, i64 1, ptr nonnull @kernel_4_task
func.func @main(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>, %v: tensor<8xf32>) -> (tensor<4x8xf32>, tensor<8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %0 = hlo.fusion loop (%a = %x, %b = %y) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32> {
    %c = hlo.constant dense<2.0> : tensor<4x8xf32>
    %1 = hlo.subtract %a, %b : tensor<4x8xf32>
    %2 = hlo.multiply %1, %c : tensor<4x8xf32>
    hlo.return %2 : tensor<4x8xf32>
  }
  %3 = hlo.fusion loop (%a = %v, %b = %v) : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32> {
    %c = hlo.constant dense<2.0> : tensor<8xf32>
    %4 = hlo.subtract %a, %b : tensor<8xf32>
    %5 = hlo.multiply %4, %c : tensor<8xf32>
    hlo.return %5 : tensor<8xf32>
  }
  %6 = hlo.fusion loop (%a = %0, %b = %x) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32> {
    %c = hlo.constant dense<2.0> : tensor<4x8xf32>
    %7 = hlo.subtract %a, %b : tensor<4x8xf32>
    %8 = hlo.multiply %7, %c : tensor<4x8xf32>
    hlo.return %8 : tensor<4x8xf32>
  }
  %9 = hlo.fusion loop (%a = %6, %b = %y) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32> {
    %c = hlo.constant dense<2.0> : tensor<4x8xf32>
    %10 = hlo.subtract %b, %a : tensor<4x8xf32>
    %11 = hlo.multiply %10, %c : tensor<4x8xf32>
    hlo.return %11 : tensor<4x8xf32>
  }
  %12 = hlo.fusion loop (%a = %9, %b = %y) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32> {
    %c = hlo.constant dense<3.0> : tensor<4x8xf32>
    %13 = hlo.subtract %a, %b : tensor<4x8xf32>
    %14 = hlo.multiply %13, %c : tensor<4x8xf32>
    hlo.return %14 : tensor<4x8xf32>
  }
  return %6, %3, %9, %12 : tensor<4x8xf32>, tensor<8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}
