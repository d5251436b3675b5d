// RUN: kiln-opt %s --kiln-emit-entry | FileCheck %s

// A graph with a weights cache takes it after the context. kiln_entry
// passes the context's weights_cache (field 3 of kiln_context), or, where
// that is null, a header of its own: the state KILN_WEIGHTS_PACK_ONCE (3)
// where the call runs on one thread (no pool, field 0, or num_threads,
// field 1, at most 1), KILN_WEIGHTS_PACK_EACH_CALL (0) otherwise. The
// cache's size and the packed inputs (their count, then their indices) are
// exported for the runtime.
// CHECK: llvm.mlir.global external constant @kiln_weights_cache_bytes(9280 : i64)
// CHECK: llvm.mlir.global external constant @kiln_packed_inputs(dense<[2, 1, 3]> : tensor<3xi64>)
// CHECK: llvm.mlir.global internal constant @kiln_no_weights_cache(dense<0> : tensor<64xi8>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<64 x i8>
// CHECK: llvm.mlir.global internal constant @kiln_one_thread_no_weights_cache(dense<[3, 0, 0, 0, 0, {{(0, )+}}0]> : tensor<64xi8>) {addr_space = 0 : i32, alignment = 64 : i64} : !llvm.array<64 x i8>
// CHECK-LABEL: llvm.func @kiln_entry
// CHECK-SAME: (%[[BUFFERS:.*]]: !llvm.ptr, %[[ARENA:.*]]: !llvm.ptr, %[[CTX:.*]]: !llvm.ptr)
// CHECK: %[[IN:.*]] = llvm.load
// CHECK: %[[OUT:.*]] = llvm.load
// CHECK: %[[FIELD:.*]] = llvm.getelementptr %[[CTX]][0, 3] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr, i32, ptr, ptr)>
// CHECK: %[[CACHE:.*]] = llvm.load %[[FIELD]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK: %[[NONE:.*]] = llvm.icmp "eq" %[[CACHE]], %[[NULL]] : !llvm.ptr
// CHECK: %[[THREADSFIELD:.*]] = llvm.getelementptr %[[CTX]][0, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr, i32, ptr, ptr)>
// CHECK: %[[THREADS:.*]] = llvm.load %[[THREADSFIELD]] : !llvm.ptr -> i32
// CHECK: %[[POOL:.*]] = llvm.load %[[CTX]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[NOPOOL:.*]] = llvm.icmp "eq" %[[POOL]], %[[NULL]] : !llvm.ptr
// CHECK: %[[ONE:.*]] = llvm.mlir.constant(1 : i32) : i32
// CHECK: %[[FEW:.*]] = llvm.icmp "sle" %[[THREADS]], %[[ONE]] : i32
// CHECK: %[[ALONE:.*]] = llvm.or %[[NOPOOL]], %[[FEW]] : i1
// CHECK: %[[ONCE:.*]] = llvm.mlir.addressof @kiln_one_thread_no_weights_cache : !llvm.ptr
// CHECK: %[[EACH:.*]] = llvm.mlir.addressof @kiln_no_weights_cache : !llvm.ptr
// CHECK: %[[HEADER:.*]] = llvm.select %[[ALONE]], %[[ONCE]], %[[EACH]] : i1, !llvm.ptr
// CHECK: %[[PASSED:.*]] = llvm.select %[[NONE]], %[[HEADER]], %[[CACHE]] : i1, !llvm.ptr
// CHECK: llvm.call @main(%[[IN]], %[[OUT]], %[[CTX]], %[[PASSED]], %[[ARENA]])
module {
  llvm.func @main(%in: !llvm.ptr, %out: !llvm.ptr, %ctx: !llvm.ptr, %cache: !llvm.ptr, %arena: !llvm.ptr) attributes {kiln.arena_size = 128 : i64, kiln.weights_cache_bytes = 9280 : i64, kiln.packed_inputs = array<i64: 1, 3>} {
    llvm.return
  }
}
