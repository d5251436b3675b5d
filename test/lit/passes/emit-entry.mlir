// RUN: kiln-opt %s --kiln-emit-entry | FileCheck %s

// The graph function becomes internal; kiln_entry loads each buffer pointer
// from the array and passes the arena last.
// CHECK: llvm.func internal @main(
// CHECK: llvm.mlir.global external constant @kiln_arena_size(128 : i64)
// CHECK-LABEL: llvm.func @kiln_entry
// CHECK-SAME: (%[[BUFFERS:.*]]: !llvm.ptr, %[[ARENA:.*]]: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK: %[[P0:.*]] = llvm.getelementptr %[[BUFFERS]][0]
// CHECK: %[[IN:.*]] = llvm.load %[[P0]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[P1:.*]] = llvm.getelementptr %[[BUFFERS]][1]
// CHECK: %[[OUT:.*]] = llvm.load %[[P1]] : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.call @main(%[[IN]], %[[OUT]], %[[ARENA]])
module {
  llvm.func @main(%in: !llvm.ptr, %out: !llvm.ptr, %arena: !llvm.ptr) attributes {kiln.arena_size = 128 : i64} {
    llvm.return
  }
}
