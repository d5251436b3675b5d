// RUN: kiln-opt %s --kiln-emit-entry | FileCheck %s

// The declared launch gets a body: the kernel's buffers go into an array
// that kiln_launch hands, with the task index, to the kernel's trampoline.
// It is always inlined (into the graph function, before O3 works function
// by function).
// CHECK: llvm.func @kiln_launch(!llvm.ptr, i64, i64, !llvm.ptr, !llvm.ptr)
// CHECK-LABEL: llvm.func internal @kiln_launch_0
// CHECK-SAME: (%[[A:.*]]: !llvm.ptr, %[[B:.*]]: !llvm.ptr, %[[C:.*]]: !llvm.ptr)
// CHECK-SAME: always_inline
// CHECK: %[[ARRAY:.*]] = llvm.alloca %{{.*}} x !llvm.ptr
// CHECK: llvm.store %[[A]], %{{.*}}
// CHECK: llvm.store %[[B]], %{{.*}}
// CHECK: %[[TASK:.*]] = llvm.mlir.addressof @kernel_0_task
// CHECK: llvm.call @kiln_launch(%[[C]], %{{.*}}, %{{.*}}, %[[TASK]], %[[ARRAY]])
// CHECK: llvm.func internal @kernel_0(
// CHECK-LABEL: llvm.func internal @kernel_0_task
// CHECK-SAME: (%[[ARGS:.*]]: !llvm.ptr, %[[T:.*]]: i64)
// CHECK: %[[X:.*]] = llvm.load
// CHECK: %[[Y:.*]] = llvm.load
// CHECK: llvm.call @kernel_0(%[[X]], %[[Y]], %[[T]])

// kiln_entry loads each buffer pointer from the array and calls the graph
// with the context and the arena last; the graph becomes internal. Both
// carry noimplicitfloat, which keeps the SLP vectorizer off their pointer
// stores.
// CHECK: llvm.func internal @main(
// CHECK-SAME: passthrough = ["noimplicitfloat"]
// CHECK: llvm.mlir.global external constant @kiln_arena_size(128 : i64)
// CHECK-LABEL: llvm.func @kiln_entry
// CHECK-SAME: (%[[BUFFERS:.*]]: !llvm.ptr, %[[ARENA:.*]]: !llvm.ptr, %[[CTX:.*]]: !llvm.ptr)
// CHECK-SAME: passthrough = ["noimplicitfloat"]
// CHECK: %[[IN:.*]] = llvm.load
// CHECK: %[[OUT:.*]] = llvm.load
// CHECK: llvm.call @main(%[[IN]], %[[OUT]], %[[CTX]], %[[ARENA]])
module {
  llvm.func @kiln_launch_0(!llvm.ptr, !llvm.ptr, !llvm.ptr) attributes {kiln.kernel = @kernel_0, kiln.num_tasks = 2 : i64, kiln.kernel_id = 0 : i64, sym_visibility = "private"}
  llvm.func @kernel_0(%a: !llvm.ptr, %b: !llvm.ptr, %task: i64) attributes {sym_visibility = "private"} {
    llvm.return
  }
  llvm.func @main(%in: !llvm.ptr, %out: !llvm.ptr, %ctx: !llvm.ptr, %arena: !llvm.ptr) attributes {kiln.arena_size = 128 : i64} {
    llvm.call @kiln_launch_0(%in, %out, %ctx) : (!llvm.ptr, !llvm.ptr, !llvm.ptr) -> ()
    llvm.return
  }
}
