// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels | FileCheck %s

// Outputs of 32 MiB and more bypass the caches: the columns of a row are
// computed in 256-element chunks into a 64-byte aligned stack buffer, which
// is copied to the output with 64-byte nontemporal vector stores; the task
// ends with a fence. Rows of whole cache lines need no unaligned ends. The
// output's elements before its first cache line (its lead, from its address:
// 0 where it starts on a line) decide the copy: on a line, whole lines from
// the chunk's start; off one, the lead's elements one at a time, whole lines
// from there, and the elements after them one at a time.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-SAME: %[[A:.*]]: memref<4096x2048xf32> {llvm.noalias}, %[[Y:.*]]: memref<4096x2048xf32> {llvm.noalias}, %[[TASK:.*]]: index)
// CHECK: %[[YADDR:.*]] = memref.extract_aligned_pointer_as_index %[[Y]]
// CHECK: %[[INLINE:.*]] = arith.remui %[[YADDR]], %c64
// CHECK: %[[TOLINE:.*]] = arith.subi %c64, %[[INLINE]]
// CHECK: %[[BYTES:.*]] = arith.remui %[[TOLINE]], %c64
// CHECK: %[[LEAD:.*]] = arith.divui %[[BYTES]], %c4
// CHECK: %[[CHUNK:.*]] = memref.alloca() {alignment = 64 : i64} : memref<256xf32>
// CHECK: memref.extract_aligned_pointer_as_index %[[CHUNK]]
// CHECK-NOT: arith.remui
// CHECK: scf.for %[[ROW:.*]] =
// CHECK-NOT: scf.for
// CHECK: scf.for %[[BEGIN:.*]] = %{{.*}} to %{{.*}} step %c256
// CHECK: scf.for %[[COL:.*]] =
// CHECK: math.exp
// CHECK: memref.store %{{.*}}, %[[CHUNK]][
// CHECK: %[[ONLINE:.*]] = arith.cmpi eq, %[[LEAD]], %c0
// CHECK: scf.if %[[ONLINE]] {
// CHECK: scf.for %{{.*}} = %c0{{.*}} to %{{.*}} step %c16
// CHECK: %[[V:.*]] = llvm.load %{{.*}} {alignment = 4 : i64} : !llvm.ptr -> vector<16xf32>
// CHECK: llvm.store %[[V]], %{{.*}} {alignment = 64 : i64, nontemporal} : vector<16xf32>, !llvm.ptr
// CHECK: } else {
// CHECK: scf.for %{{.*}} = %c0{{.*}} to %[[LEAD]] step %c1
// CHECK: llvm.load %{{.*}} {alignment = 4 : i64} : !llvm.ptr -> f32
// CHECK: llvm.store %{{.*}} {alignment = 4 : i64} : f32, !llvm.ptr
// CHECK: scf.for %{{.*}} = %[[LEAD]] to %[[LINESEND:.*]] step %c16
// CHECK: llvm.store %{{.*}} {alignment = 64 : i64, nontemporal} : vector<16xf32>, !llvm.ptr
// CHECK: scf.for %{{.*}} = %[[LINESEND]] to %{{.*}} step %c1
// CHECK: llvm.store %{{.*}} {alignment = 4 : i64} : f32, !llvm.ptr
// CHECK: llvm.fence seq_cst
// CHECK-NEXT: return
func.func @main(%x: tensor<4096x2048xf32>) -> tensor<4096x2048xf32> {
  %0 = hlo.fusion loop (%a = %x) : (tensor<4096x2048xf32>) -> tensor<4096x2048xf32> {
    %1 = hlo.exponential %a : tensor<4096x2048xf32>
    hlo.return %1 : tensor<4096x2048xf32>
  }
  return %0 : tensor<4096x2048xf32>
}

// -----

// Rows that do not start on a cache line: the columns before the first and
// after the last whole line are stored the ordinary way, around the chunks.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-SAME: %[[A:.*]]: memref<2049x4097xf32> {llvm.noalias}, %[[Y:.*]]: memref<2049x4097xf32> {llvm.noalias}
// CHECK: scf.for %[[ROW:.*]] =
// CHECK: scf.for %[[HEAD:.*]] =
// CHECK: memref.store %{{.*}}, %[[Y]][%[[ROW]], %[[HEAD]]]
// CHECK: scf.for %{{.*}} step %c256
// CHECK: llvm.store %{{.*}} {alignment = 64 : i64, nontemporal}
// CHECK: memref.store %{{.*}}, %[[Y]][%[[ROW]], %{{.*}}]
// CHECK: llvm.fence seq_cst
func.func @main(%x: tensor<2049x4097xf32>) -> tensor<2049x4097xf32> {
  %0 = hlo.fusion loop (%a = %x) : (tensor<2049x4097xf32>) -> tensor<2049x4097xf32> {
    %1 = hlo.negate %a : tensor<2049x4097xf32>
    hlo.return %1 : tensor<2049x4097xf32>
  }
  return %0 : tensor<2049x4097xf32>
}

// -----

// Softmax rows beyond the caches, two rows in flight: the task's first row
// is reduced alone; then each further row's max, and its sum in chunks of
// 256 columns, each chunk followed by the previous row's outputs of the
// same columns (divided and streamed) and by prefetches of the row after;
// the task's last row's outputs at the end. exp(x - max) is kept in a
// scratch buffer with a slot per row in flight (the row's parity).
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-SAME: %[[X:.*]]: memref<2048x4096xf32> {llvm.noalias}, %[[Y:.*]]: memref<2048x4096xf32> {llvm.noalias}
// CHECK: %[[E:.*]] = memref.alloca() : memref<2x4096xf32>
// CHECK: %[[FIRSTSLOT:.*]] = arith.andi %{{.*}}, %c1
// CHECK: scf.for {{.*}} -> (i32, i32)
// CHECK: arith.maxsi
// CHECK: %[[FIRSTMAX:.*]] = arith.select
// CHECK: %[[FIRSTSUM:.*]] = scf.for {{.*}} step %c256
// CHECK: math.exp
// CHECK: memref.store %{{.*}}, %[[E]][%[[FIRSTSLOT]], %{{.*}}]
// CHECK: memref.prefetch %[[X]]
// CHECK: %[[LAST:.*]]:2 = scf.for %[[ROW:.*]] = %{{.*}} iter_args(%{{.*}} = %[[FIRSTMAX]], %[[PREVSUM:.*]] = %[[FIRSTSUM]]) -> (f32, f32)
// CHECK-DAG: %[[SLOT:.*]] = arith.andi %[[ROW]], %c1
// CHECK-DAG: %[[PREVSLOT:.*]] = arith.andi %[[PREV:.*]], %c1
// CHECK: arith.maxsi
// CHECK: scf.for %[[CHUNK:.*]] = %{{.*}} to %{{.*}} step %c256
// CHECK: math.exp
// CHECK: memref.store %{{.*}}, %[[E]][%[[SLOT]], %{{.*}}]
// CHECK: %[[EPREV:.*]] = memref.load %[[E]][%[[PREVSLOT]], %{{.*}}]
// CHECK: arith.divf %[[EPREV]], %[[PREVSUM]]
// CHECK: llvm.store %{{.*}} {alignment = 64 : i64, nontemporal}
// CHECK: memref.prefetch %[[X]]
// CHECK: arith.divf %{{.*}}, %[[LAST]]#1
// CHECK: llvm.store %{{.*}} {alignment = 64 : i64, nontemporal}
// CHECK: llvm.fence seq_cst
func.func @main(%x: tensor<2048x4096xf32>) -> tensor<2048x4096xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<2048x4096xf32>) -> tensor<2048x4096xf32> {
    %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %max = hlo.reduce(%a init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<2048x4096xf32>, tensor<f32>) -> tensor<2048xf32>
    %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<2048xf32>) -> tensor<2048x4096xf32>
    %shifted = hlo.subtract %a, %maxb : tensor<2048x4096xf32>
    %e = hlo.exponential %shifted : tensor<2048x4096xf32>
    %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<2048x4096xf32>, tensor<f32>) -> tensor<2048xf32>
    %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<2048xf32>) -> tensor<2048x4096xf32>
    %y = hlo.divide %e, %sumb : tensor<2048x4096xf32>
    hlo.return %y : tensor<2048x4096xf32>
  }
  return %0 : tensor<2048x4096xf32>
}

// -----

// Below 32 MiB of outputs (here 32 MiB less a row), and for i1 outputs,
// ordinary stores: the consumer may still find the lines in cache.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK-NOT: nontemporal
// CHECK-NOT: llvm.fence
// CHECK: return
func.func @main(%x: tensor<4095x2048xf32>) -> tensor<4095x2048xf32> {
  %0 = hlo.fusion loop (%a = %x) : (tensor<4095x2048xf32>) -> tensor<4095x2048xf32> {
    %1 = hlo.exponential %a : tensor<4095x2048xf32>
    hlo.return %1 : tensor<4095x2048xf32>
  }
  return %0 : tensor<4095x2048xf32>
}

// -----

// CHECK-LABEL: func.func private @kernel_0(
// CHECK-NOT: nontemporal
// CHECK-NOT: llvm.fence
// CHECK: return
func.func @main(%x: tensor<8192x4096xf32>) -> tensor<8192x4096xi1> {
  %0 = hlo.fusion loop (%a = %x) : (tensor<8192x4096xf32>) -> tensor<8192x4096xi1> {
    %1 = hlo.compare GT, %a, %a, FLOAT : (tensor<8192x4096xf32>, tensor<8192x4096xf32>) -> tensor<8192x4096xi1>
    hlo.return %1 : tensor<8192x4096xi1>
  }
  return %0 : tensor<8192x4096xi1>
}
