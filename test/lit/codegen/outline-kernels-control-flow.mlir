// RUN: kiln-opt %s --split-input-file --kiln-wrap-unfused --kiln-outline-kernels | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-wrap-unfused --kiln-outline-kernels --kiln-assign-buffers | FileCheck %s --check-prefix=ARENA

// while becomes scf.while over buffers: each carried value lives in its
// result's buffer (here the output), filled from the operand before the
// loop; cond's kernels run in the before region, which tests the byte of
// its pred (an i1 buffer holds a byte per element); the body's kernels write fresh buffers, copied into the
// carried ones at the end of the trip. Every allocation, the body's too,
// is made before the loop.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: memref<4xf32>, %[[N:.*]]: memref<i32>, %[[OUT0:.*]]: memref<i32>, %[[OUT1:.*]]: memref<4xf32>, %[[CTX:.*]]: memref<1xi8>)
// CHECK: %[[ZERO:.*]] = memref.alloc() : memref<i32>
// CHECK: call @kiln_launch_0(%[[ZERO]], %[[CTX]])
// CHECK-NEXT: memref.copy %[[ZERO]], %[[OUT0]]
// CHECK-NEXT: memref.copy %[[X]], %[[OUT1]]
// CHECK-NEXT: %[[PRED:.*]] = memref.alloc() : memref<i1>
// CHECK-NEXT: %[[NEXT:.*]] = memref.alloc() : memref<i32>
// CHECK-NEXT: %[[TWICE:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: scf.while : () -> () {
// CHECK-NEXT: call @kiln_launch_1(%[[OUT0]], %[[N]], %[[PRED]], %[[CTX]])
// CHECK-NEXT: %[[BYTE:.*]] = memref.load %[[PRED]][]
// CHECK: %[[FLAG:.*]] = arith.cmpi ne, %[[BYTE]]
// CHECK-NEXT: scf.condition(%[[FLAG]])
// CHECK-NEXT: } do {
// CHECK-NEXT: call @kiln_launch_2(%[[OUT0]], %[[NEXT]], %[[CTX]])
// CHECK-NEXT: call @kiln_launch_3(%[[OUT1]], %[[TWICE]], %[[CTX]])
// CHECK-NEXT: memref.copy %[[NEXT]], %[[OUT0]]
// CHECK-NEXT: memref.copy %[[TWICE]], %[[OUT1]]
// CHECK-NEXT: scf.yield
// CHECK-NEXT: }
// CHECK-NEXT: return

// The loop's three buffers live for the whole loop, so none shares bytes
// with another; the constant's buffer, dead once copied, lends its bytes.
// ARENA-LABEL: func.func @main
// ARENA-SAME: kiln.arena_size = 192
// ARENA: memref.view %{{.*}}[%c0][] : memref<192xi8> to memref<i32>
// ARENA: memref.view %{{.*}}[%c0_0][] : memref<192xi8> to memref<i1>
// ARENA: memref.view %{{.*}}[%c64][] : memref<192xi8> to memref<i32>
// ARENA: memref.view %{{.*}}[%c128][] : memref<192xi8> to memref<4xf32>
// ARENA-NEXT: scf.while
func.func @main(%x: tensor<4xf32>, %n: tensor<i32>) -> (tensor<i32>, tensor<4xf32>) {
  %c0 = hlo.constant dense<0> : tensor<i32>
  %c1 = hlo.constant dense<1> : tensor<i32>
  %0:2 = hlo.while(%i = %c0, %a = %x) : tensor<i32>, tensor<4xf32>
    cond {
    %lt = hlo.compare LT, %i, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
    hlo.return %lt : tensor<i1>
  } do {
    %next = hlo.add %i, %c1 : tensor<i32>
    %twice = hlo.add %a, %a : tensor<4xf32>
    hlo.return %next, %twice : tensor<i32>, tensor<4xf32>
  }
  return %0#0, %0#1 : tensor<i32>, tensor<4xf32>
}

// -----

// Carried values swapped: one is copied aside before either is written. A
// value returned unchanged in its own place is not copied at all.
// CHECK-LABEL: func.func @swap
// CHECK-SAME: (%[[A:.*]]: memref<i32>, %[[B:.*]]: memref<i32>, %[[C:.*]]: memref<i32>, %[[P:.*]]: memref<i1>, %[[OUT0:.*]]: memref<i32>, %[[OUT1:.*]]: memref<i32>, %[[OUT2:.*]]: memref<i32>,
// CHECK-DAG: %[[ASIDE0:.*]] = memref.alloc() : memref<i32>
// CHECK-DAG: %[[ASIDE1:.*]] = memref.alloc() : memref<i32>
// CHECK: scf.while
// CHECK: } do {
// CHECK-NEXT: memref.copy %[[OUT1]], %[[ASIDE0]]
// CHECK-NEXT: memref.copy %[[OUT0]], %[[ASIDE1]]
// CHECK-NEXT: memref.copy %[[ASIDE0]], %[[OUT0]]
// CHECK-NEXT: memref.copy %[[ASIDE1]], %[[OUT1]]
// CHECK-NEXT: scf.yield
func.func @swap(%a: tensor<i32>, %b: tensor<i32>, %c: tensor<i32>, %p: tensor<i1>) -> (tensor<i32>, tensor<i32>, tensor<i32>) {
  %0:3 = hlo.while(%x = %a, %y = %b, %z = %c) : tensor<i32>, tensor<i32>, tensor<i32>
    cond {
    hlo.return %p : tensor<i1>
  } do {
    hlo.return %y, %x, %z : tensor<i32>, tensor<i32>, tensor<i32>
  }
  return %0#0, %0#1, %0#2 : tensor<i32>, tensor<i32>, tensor<i32>
}

// -----

// if becomes scf.if on the pred's byte; each branch copies what it returns
// into the result's buffer.
// CHECK-LABEL: func.func @branches
// CHECK-SAME: (%[[P:.*]]: memref<i1>, %[[I:.*]]: memref<i32>, %[[X:.*]]: memref<4xf32>, %[[OUT0:.*]]: memref<4xf32>, %[[OUT1:.*]]: memref<4xf32>, %[[CTX:.*]]: memref<1xi8>)
// CHECK: %[[BYTE:.*]] = memref.load %[[P]][]
// CHECK: %[[FLAG:.*]] = arith.cmpi ne, %[[BYTE]]
// CHECK-NEXT: %[[NEG:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: scf.if %[[FLAG]] {
// CHECK-NEXT: call @kiln_launch_0(%[[X]], %[[NEG]], %[[CTX]])
// CHECK-NEXT: memref.copy %[[NEG]], %[[OUT0]]
// CHECK-NEXT: } else {
// CHECK-NEXT: memref.copy %[[X]], %[[OUT0]]
// CHECK-NEXT: }

// case becomes scf.index_switch: branches 0..N-2 are cases, the last the
// default (which an index out of range takes).
// CHECK: %[[STORED:.*]] = memref.load %[[I]][]
// CHECK-NEXT: %[[INDEX:.*]] = arith.index_cast %[[STORED]] : i32 to index
// CHECK-NEXT: memref.alloc
// CHECK-NEXT: memref.alloc
// CHECK-NEXT: scf.index_switch %[[INDEX]]
// CHECK-NEXT: case 0 {
// CHECK-NEXT: memref.copy %[[X]], %[[OUT1]]
// CHECK: case 1 {
// CHECK-NEXT: call @kiln_launch_1(%[[X]], %{{.*}}, %[[CTX]])
// CHECK: default {
// CHECK-NEXT: call @kiln_launch_2(%[[OUT0]], %{{.*}}, %[[CTX]])
func.func @branches(%p: tensor<i1>, %i: tensor<i32>, %x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "hlo.if"(%p) ({
    %neg = hlo.negate %x : tensor<4xf32>
    hlo.return %neg : tensor<4xf32>
  }, {
    hlo.return %x : tensor<4xf32>
  }) : (tensor<i1>) -> tensor<4xf32>
  %1 = "hlo.case"(%i) ({
    hlo.return %x : tensor<4xf32>
  }, {
    %abs = hlo.abs %x : tensor<4xf32>
    hlo.return %abs : tensor<4xf32>
  }, {
    %floor = hlo.floor %0 : tensor<4xf32>
    hlo.return %floor : tensor<4xf32>
  }) : (tensor<i32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
