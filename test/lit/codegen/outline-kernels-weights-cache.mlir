// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768 l2-bytes=65536" | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768 l2-bytes=262144" | FileCheck %s --check-prefix=FITS

// Weights that arrive as a graph argument: the graph takes a weights cache
// after the context (64 bytes of header, then the slot: one run of
// [nc / nr][kc][nr] = [3][48][16] floats for the only column tile and
// slice), and the launch gets views of its state and of the slot. The
// kernel reads the state once: READY (2) reads the slice's panels from
// the slot; otherwise it packs them on the stack, and in FILL (1) the
// tiles of the first row block copy them into the slot. Its one tile
// packs each panel once: one launch, whatever the state.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%{{.*}}: memref<20x48xf32>, %{{.*}}: memref<48x40xf32>, %{{.*}}: memref<20x40xf32>, %[[CTX:.*]]: memref<1xi8>, %[[CACHE:.*]]: memref<9280xi8>)
// CHECK-SAME: attributes {kiln.packed_inputs = array<i64: 1>, kiln.weights_cache_bytes = 9280 : i64}
// CHECK: %[[STATE:.*]] = memref.view %[[CACHE]][%c0][] : memref<9280xi8> to memref<1xi32>
// CHECK: %[[SLOT:.*]] = memref.view %[[CACHE]][%c64][] : memref<9280xi8> to memref<2304xf32>
// CHECK-NOT: scf.if
// CHECK: call @kiln_launch_0(%{{.*}}, %{{.*}}, %{{.*}}, %[[STATE]], %[[SLOT]], %[[CTX]])
// CHECK-NEXT: return
// CHECK: func.func private @kernel_0(%{{.*}}: memref<20x48xf32> {llvm.noalias}, %{{.*}}: memref<48x40xf32> {llvm.noalias}, %{{.*}}: memref<20x40xf32> {llvm.noalias}, %[[S:.*]]: memref<1xi32> {llvm.noalias}, %[[P:.*]]: memref<2304xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK: %[[STATEVAL:.*]] = memref.load %[[S]][%c0] : memref<1xi32>
// CHECK: %[[CACHED:.*]] = memref.cast %[[P]] : memref<2304xf32> to memref<?xf32>
// CHECK: %[[STACK:.*]] = memref.alloca() {alignment = 64 : i64} : memref<3x48x16xf32>
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[STACK]]
// CHECK: %[[PACKED:.*]] = memref.cast %[[FLAT]] : memref<2304xf32> to memref<?xf32>
// CHECK: %[[READY:.*]] = arith.cmpi eq, %[[STATEVAL]], %c2_i32 : i32
// CHECK: %[[PANELS:.*]]:2 = scf.if %[[READY]] -> (memref<?xf32>, index) {
// CHECK-NEXT: scf.yield %[[CACHED]], %[[OFFSET:.*]] : memref<?xf32>, index
// CHECK-NEXT: } else {
// CHECK: vector.store %{{.*}}, %[[STACK]]
// CHECK: %[[FILLING:.*]] = arith.cmpi eq, %[[STATEVAL]], %c1_i32 : i32
// CHECK: %[[COPY:.*]] = arith.andi %[[FILLING]], %{{.*}} : i1
// CHECK: scf.if %[[COPY]] {
// CHECK: %[[V:.*]] = vector.load %[[PACKED]][%[[I:.*]]] : memref<?xf32>, vector<8xf32>
// CHECK: %[[AT:.*]] = arith.addi %[[OFFSET]], %[[I]] : index
// CHECK: vector.store %[[V]], %[[CACHED]][%[[AT]]] : memref<?xf32>, vector<8xf32>
// CHECK: scf.yield %[[PACKED]], %{{.*}} : memref<?xf32>, index
// The micro-kernels read the panels from what the branch gave.
// CHECK: scf.for {{.*}} iter_args
// CHECK: vector.load %[[PANELS]]#0[%{{.*}}] : memref<?xf32>, vector<8xf32>
func.func @main(%x: tensor<20x48xf32>, %w: tensor<48x40xf32>) -> tensor<20x40xf32> {
  %0 = hlo.fusion output (%a = %x, %ww = %w) : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32> {
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32>
    hlo.return %d : tensor<20x40xf32>
  }
  return %0 : tensor<20x40xf32>
}

// -----

// Four row tiles of 24 rows read the one column tile's panels: a call
// without the cache on one thread (KILN_WEIGHTS_PACK_ONCE, 3) packs them
// once into a slot of its own, in a launch of the kernel that only packs
// (KILN_WEIGHTS_PACK_ONLY, 4), then launches it to read them
// (KILN_WEIGHTS_READY, 2); otherwise, several threads included (4 tiles
// are fewer than kMinPacksPerPanelAcrossThreads), one launch as above.
// CHECK-LABEL: func.func @main
// CHECK-SAME: %[[CTX:[^:]*]]: memref<1xi8>, %[[CACHE:[^:]*]]: memref<9280xi8>)
// CHECK: %[[STATE:.*]] = memref.view %[[CACHE]][%c0][] : memref<9280xi8> to memref<1xi32>
// CHECK: %[[SLOT:.*]] = memref.view %[[CACHE]][%c64][] : memref<9280xi8> to memref<2304xf32>
// CHECK: %[[OWNSLOT:.*]] = memref.alloc() : memref<2304xf32>
// CHECK: %[[OWNSTATE:.*]] = memref.alloc() : memref<1xi32>
// CHECK: %[[STATEVAL:.*]] = memref.load %[[STATE]]
// CHECK: %[[ONCE:.*]] = arith.cmpi eq, %[[STATEVAL]], %c3_i32 : i32
// CHECK-NOT: arith.ori
// CHECK: scf.if %[[ONCE]] {
// CHECK: memref.store %c4_i32, %[[OWNSTATE]]
// CHECK-NEXT: call @kiln_launch_0(%{{.*}}, %{{.*}}, %{{.*}}, %[[OWNSTATE]], %[[OWNSLOT]], %[[CTX]])
// CHECK: memref.store %c2_i32, %[[OWNSTATE]]
// CHECK-NEXT: call @kiln_launch_0(%{{.*}}, %{{.*}}, %{{.*}}, %[[OWNSTATE]], %[[OWNSLOT]], %[[CTX]])
// CHECK-NEXT: } else {
// CHECK-NEXT: call @kiln_launch_0(%{{.*}}, %{{.*}}, %{{.*}}, %[[STATE]], %[[SLOT]], %[[CTX]])
// CHECK-NEXT: }
// CHECK: func.func private @kiln_launch_0({{.*}}) attributes {{{.*}}kiln.num_tasks = 4 : i64}
// The kernel: in PACK_ONLY, its tasks share the (column tile, slice)
// units out, one here, and pack each straight into the slot; otherwise
// the tiles as above.
// CHECK: func.func private @kernel_0(%{{.*}}: memref<96x48xf32> {llvm.noalias}, %{{.*}}: memref<48x40xf32> {llvm.noalias}, %{{.*}}: memref<96x40xf32> {llvm.noalias}, %[[S:.*]]: memref<1xi32> {llvm.noalias}, %[[P:.*]]: memref<2304xf32> {llvm.noalias}, %[[TASK:.*]]: index)
// CHECK: %[[STATEVAL:.*]] = memref.load %[[S]][%c0] : memref<1xi32>
// CHECK: %[[CACHED:.*]] = memref.cast %[[P]] : memref<2304xf32> to memref<?xf32>
// CHECK: %[[PACKONLY:.*]] = arith.cmpi eq, %[[STATEVAL]], %c4_i32 : i32
// CHECK: scf.if %[[PACKONLY]] {
// CHECK: %[[NEXT:.*]] = arith.addi %[[TASK]], %c1
// CHECK: %[[FIRST:.*]] = arith.divui %[[TASK]], %c4
// CHECK: %[[LAST:.*]] = arith.divui %[[NEXT]], %c4
// CHECK: scf.for %{{.*}} = %[[FIRST]] to %[[LAST]]
// CHECK: %[[UNIT:.*]] = memref.reinterpret_cast %[[CACHED]] to offset: [%{{.*}}], sizes: [3, 48, 16], strides: [768, 16, 1]
// CHECK: vector.store %{{.*}}, %[[UNIT]]
// CHECK: } else {
// CHECK: arith.cmpi eq, %[[STATEVAL]], %c2_i32 : i32
func.func @main(%x: tensor<96x48xf32>, %w: tensor<48x40xf32>) -> tensor<96x40xf32> {
  %0 = hlo.fusion output (%a = %x, %ww = %w) : (tensor<96x48xf32>, tensor<48x40xf32>) -> tensor<96x40xf32> {
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<96x48xf32>, tensor<48x40xf32>) -> tensor<96x40xf32>
    hlo.return %d : tensor<96x40xf32>
  }
  return %0 : tensor<96x40xf32>
}

// -----

// Thirteen row tiles read each panel, at least kMinPacksPerPanelAcrossThreads
// (6), and the panels (128 KiB) pass an L2 of 64 KiB: a call without the
// cache on several threads (KILN_WEIGHTS_PACK_EACH_CALL, 0) packs them
// once too. An L2 of 256 KiB holds them: there each tile packs its own
// on several threads.
// FITS-LABEL: func.func @main(%{{.*}}: memref<1600x256xf32>
// FITS: %[[ONCE:.*]] = arith.cmpi eq, %{{.*}}, %c3_i32 : i32
// FITS-NEXT: scf.if %[[ONCE]] {
// FITS: func.func private @kiln_launch_0({{.*}}) attributes {{{.*}}kiln.num_tasks = 13 : i64}
// CHECK-LABEL: func.func @main
// CHECK: %[[STATEVAL:.*]] = memref.load
// CHECK: %[[ONCE:.*]] = arith.cmpi eq, %[[STATEVAL]], %c3_i32 : i32
// CHECK: %[[EACHCALL:.*]] = arith.cmpi eq, %[[STATEVAL]], %c0_i32 : i32
// CHECK: %[[EITHER:.*]] = arith.ori %[[ONCE]], %[[EACHCALL]] : i1
// CHECK: scf.if %[[EITHER]] {
// CHECK: memref.store %c4_i32
// CHECK-NEXT: call @kiln_launch_0
// CHECK: memref.store %c2_i32
// CHECK-NEXT: call @kiln_launch_0
// CHECK-NEXT: } else {
// CHECK: func.func private @kiln_launch_0({{.*}}) attributes {{{.*}}kiln.num_tasks = 13 : i64}
func.func @main(%x: tensor<1600x256xf32>, %w: tensor<256x128xf32>) -> tensor<1600x128xf32> {
  %0 = hlo.fusion output (%a = %x, %ww = %w) : (tensor<1600x256xf32>, tensor<256x128xf32>) -> tensor<1600x128xf32> {
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<1600x256xf32>, tensor<256x128xf32>) -> tensor<1600x128xf32>
    hlo.return %d : tensor<1600x128xf32>
  }
  return %0 : tensor<1600x128xf32>
}

// -----

// Two products of weights arguments: their slots follow each other (64 +
// 2304 * 4 bytes on), each launch with its own, and the two equal fusions
// share one kernel.
// CHECK-LABEL: func.func @main
// CHECK-SAME: %[[CACHE:[^:]*]]: memref<{{[0-9]+}}xi8>)
// CHECK-SAME: kiln.packed_inputs = array<i64: 1, 2>
// CHECK: memref.view %[[CACHE]][%c64{{.*}}][] : memref<{{[0-9]+}}xi8> to memref<2304xf32>
// CHECK: call @kiln_launch_0
// CHECK: memref.view %[[CACHE]][%c9280{{.*}}][] : memref<{{[0-9]+}}xi8> to memref<2304xf32>
// CHECK: call @kiln_launch_1
// CHECK: func.func private @kiln_launch_1({{.*}}) attributes {{{.*}}kiln.kernel = @kernel_0
func.func @main(%x: tensor<20x48xf32>, %w: tensor<48x40xf32>, %v: tensor<48x40xf32>) -> (tensor<20x40xf32>, tensor<20x40xf32>) {
  %0 = hlo.fusion output (%a = %x, %ww = %w) : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32> {
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32>
    hlo.return %d : tensor<20x40xf32>
  }
  %1 = hlo.fusion output (%a = %x, %vv = %v) : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32> {
    %d = hlo.dot_general %a, %vv, contracting_dims = [1] x [0] : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32>
    hlo.return %d : tensor<20x40xf32>
  }
  return %0, %1 : tensor<20x40xf32>, tensor<20x40xf32>
}

// -----

// Weights the graph computes are packed inside every call: no cache, and
// the kernel takes no slot.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%{{.*}}: memref<20x48xf32>, %{{.*}}: memref<48x40xf32>, %{{.*}}: memref<20x40xf32>, %{{.*}}: memref<1xi8>) {
// CHECK: func.func private @kernel_1(%{{.*}}: memref<20x48xf32> {llvm.noalias}, %{{.*}}: memref<48x40xf32> {llvm.noalias}, %{{.*}}: memref<20x40xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK-NOT: memref<1xi32>
func.func @main(%x: tensor<20x48xf32>, %w: tensor<48x40xf32>) -> tensor<20x40xf32> {
  %e = hlo.fusion loop (%ww = %w) : (tensor<48x40xf32>) -> tensor<48x40xf32> {
    %n = hlo.negate %ww : tensor<48x40xf32>
    hlo.return %n : tensor<48x40xf32>
  }
  %0 = hlo.fusion output (%a = %x, %ee = %e) : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32> {
    %d = hlo.dot_general %a, %ee, contracting_dims = [1] x [0] : (tensor<20x48xf32>, tensor<48x40xf32>) -> tensor<20x40xf32>
    hlo.return %d : tensor<20x40xf32>
  }
  return %0 : tensor<20x40xf32>
}
