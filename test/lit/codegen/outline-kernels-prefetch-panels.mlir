// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768 l2-bytes=64" --canonicalize --cse | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels="vector-bits=256 l1-bytes=32768 l2-bytes=512" --canonicalize --cse | FileCheck %s --check-prefix=KEPT

// Panels packed before the call, more than 4 L2s of them in the graph (of
// 64 bytes here), are taken to come from memory: as the micro-kernels read
// a panel, they fetch into L2 the rows of the panel after it
// (prefetchesNextPanel). With L2s of 512 bytes the caches keep each graph's
// panels: no prefetch.
// KEPT-NOT: memref.prefetch

// A constant rhs [K, N] = [4, 32], packed while compiling into two panels
// of 4 x 16 floats, 512 bytes in all. The micro-kernels of panel p fetch,
// at each k, that row of the panel (p + 1) * 64 floats on: one line of 16
// floats. The last panel of the run fetches its own again (the min with
// the run's 128 floats less a panel).
// CHECK-LABEL: func.func private @kernel_0(
// CHECK: %[[PANELS:.*]] = memref.get_global @{{.*}} : memref<128xf32>
// CHECK: arith.divui
// CHECK-NEXT: scf.for %[[P:.*]] = %c0 to %c2 step %c1 {
// CHECK: %[[AFTER:.*]] = arith.addi %[[P]], %c1 : index
// CHECK: %[[START:.*]] = arith.muli %[[AFTER]], %c64 : index
// CHECK: %[[NEXT:.*]] = arith.minsi %[[START]], %c64 : index
// CHECK: scf.for %[[K:.*]] = %c0 to %c4 step %c1 iter_args
// CHECK: %[[ROW:.*]] = arith.muli %[[K]], %c16 : index
// CHECK: %[[AT:.*]] = arith.addi %[[NEXT]], %[[ROW]] : index
// CHECK: memref.prefetch %[[PANELS]][%[[AT]]], read, locality<2>, data : memref<128xf32>
// CHECK-NOT: memref.prefetch
// CHECK: math.fma
// CHECK: scf.yield
func.func @main(%x: tensor<12x4xf32>) -> tensor<12x32xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<12x4xf32>) -> tensor<12x32xf32> {
    %w = hlo.constant dense<[[-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0], [0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5], [-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5], [1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, -1.5, -1.0]]> : tensor<4x32xf32>
    %d = hlo.dot_general %a, %w, contracting_dims = [1] x [0] : (tensor<12x4xf32>, tensor<4x32xf32>) -> tensor<12x32xf32>
    hlo.return %d : tensor<12x32xf32>
  }
  return %0 : tensor<12x32xf32>
}

// -----

// The same product with the rhs an argument: the micro-kernels read the
// weights cache's panels, or the stack's while the cache is not ready, as
// one run whose size they read (memref.dim) for the last panel's min. They
// fetch only from a ready cache (state 2): the stack's panels, packed by
// the tile itself, are in its caches already. The micro-kernel is emitted
// for each state, so that its k loop tests none.
// CHECK-LABEL: func.func private @kernel_0(
// CHECK: %[[STATE:.*]] = memref.load %{{.*}}[%c0] : memref<1xi32>
// CHECK: %[[READY:.*]] = arith.cmpi eq, %[[STATE]], %c2_i32 : i32
// CHECK: %[[CACHED:.*]] = arith.select %[[READY]], %{{.*}}, %{{.*}} : memref<?xf32>
// CHECK: %[[SIZE:.*]] = memref.dim %[[CACHED]], %c0 : memref<?xf32>
// CHECK: %[[LAST:.*]] = arith.subi %[[SIZE]], %c64 : index
// CHECK: %[[NEXT:.*]] = arith.minsi %{{.*}}, %[[LAST]] : index
// CHECK: scf.if %[[READY]] -> (vector<8xf32>,
// CHECK-NEXT: scf.for %[[K:.*]] = %c0 to %c4 step %c1 iter_args
// CHECK-NOT: scf.if
// CHECK: %[[ROW:.*]] = arith.muli %[[K]], %c16 : index
// CHECK-NEXT: %[[AT:.*]] = arith.addi %[[NEXT]], %[[ROW]] : index
// CHECK-NEXT: memref.prefetch %[[CACHED]][%[[AT]]], read, locality<2>, data : memref<?xf32>
// CHECK-NOT: memref.prefetch
// CHECK: } else {
// CHECK-NEXT: scf.for %{{.*}} = %c0 to %c4 step %c1 iter_args
// CHECK-NOT: memref.prefetch
// CHECK-NOT: scf.if
// CHECK: scf.yield
func.func @main(%x: tensor<12x4xf32>, %w: tensor<4x32xf32>) -> tensor<12x32xf32> {
  %0 = hlo.fusion output (%a = %x, %ww = %w) : (tensor<12x4xf32>, tensor<4x32xf32>) -> tensor<12x32xf32> {
    %d = hlo.dot_general %a, %ww, contracting_dims = [1] x [0] : (tensor<12x4xf32>, tensor<4x32xf32>) -> tensor<12x32xf32>
    hlo.return %d : tensor<12x32xf32>
  }
  return %0 : tensor<12x32xf32>
}

// -----

// A 3x3 convolution that leaves out the padding's products (ContractionShape
// ::tapGroup), its constant kernel one panel of 18 k (2 features of 9 taps)
// x 16 features, 1152 bytes. Its k loop runs over the features, each over
// the rows of taps that reach the run: per feature, before those rows,
// the micro-kernels of each class of runs fetch the feature's 9 rows of
// the next panel, 144 floats from f * 144 on, in 9 lines (the one panel
// is its own next).
// CHECK-LABEL: func.func private @kernel_0(
// CHECK: %[[PANELS:.*]] = memref.get_global @{{.*}} : memref<288xf32>
// CHECK: scf.index_switch
// CHECK-NEXT: case 1 {
// CHECK-NEXT: scf.for %[[F:.*]] = %c0 to %c2 step %c1 iter_args
// CHECK-NEXT: %[[FIRST:.*]] = arith.muli %[[F]], %c144 : index
// CHECK-NEXT: memref.prefetch %[[PANELS]][%[[FIRST]]], read, locality<2>, data : memref<288xf32>
// CHECK-COUNT-8: memref.prefetch %[[PANELS]]
// CHECK-NOT: memref.prefetch
// CHECK: math.fma
func.func @main(%x: tensor<1x2x7x7xf32>) -> tensor<1x16x7x7xf32> {
  %0 = hlo.fusion output (%a = %x) : (tensor<1x2x7x7xf32>) -> tensor<1x16x7x7xf32> {
    %k = hlo.constant dense<"0x000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E0000003F000000BF000080BE000000000000803E"> : tensor<16x2x3x3xf32>
    %c = hlo.convolution(%a, %k) dim_numbers = [b, f, 0, 1]x[o, i, 0, 1]->[b, f, 0, 1], window = {stride = [1, 1], pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<1x2x7x7xf32>, tensor<16x2x3x3xf32>) -> tensor<1x16x7x7xf32>
    hlo.return %c : tensor<1x16x7x7xf32>
  }
  return %0 : tensor<1x16x7x7xf32>
}
