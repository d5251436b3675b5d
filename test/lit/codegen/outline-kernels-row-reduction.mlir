// RUN: kiln-opt %s --split-input-file --kiln-outline-kernels | FileCheck %s

// Softmax in row form: one kernel; per row of the task's rows, the max loop,
// the sum loop (which keeps exp(x - max) in a row scratch buffer), then one
// output loop reading the scratch. Accumulations are reassociable so that
// LLVM vectorizes them. The max reduces as integers (KeyedMinMax.h): the
// largest and the smallest totalOrder key, NaN where either lies past an
// infinity's. x - max, at most 0, is marked so for exp: its minimum with
// 0, which changes no element.
// CHECK-LABEL: func.func @main
// CHECK: call @kiln_launch_0(
// CHECK: func.func private @kiln_launch_0(
// CHECK-SAME: kiln.kernel_name = "input: reduce+broadcast_in_dim+subtract+exponential+reduce+broadcast_in_dim+divide"
// CHECK-SAME: kiln.num_tasks = 1 : i64
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<2x16xf32> {llvm.noalias}, %[[Y:.*]]: memref<2x16xf32> {llvm.noalias}, %{{.*}}: index)
// CHECK: %[[SCRATCH:.*]] = memref.alloca() : memref<16xf32>
// CHECK-NOT: memref.alloc
// CHECK: scf.for %[[ROW:.*]] =
// CHECK: %[[KEYS:.*]]:2 = scf.for %{{.*}} iter_args(%[[HI:.*]] = %[[INIT:.*]], %[[LO:.*]] = %[[INIT]]) -> (i32, i32)
// CHECK: %[[BITS:.*]] = arith.bitcast %{{.*}} : f32 to i32
// CHECK: %[[SIGN:.*]] = arith.shrsi %[[BITS]], %c31_i32
// CHECK: %[[FLIP:.*]] = arith.andi %[[SIGN]], %c2147483647_i32
// CHECK: %[[XK:.*]] = arith.xori %[[BITS]], %[[FLIP]]
// CHECK: arith.maxsi %[[HI]], %[[XK]]
// CHECK: arith.minsi %[[LO]], %[[XK]]
// CHECK: %[[ABOVE:.*]] = arith.cmpi sgt, %[[KEYS]]#0, %c2139095040_i32
// CHECK: %[[BELOW:.*]] = arith.cmpi slt, %[[KEYS]]#1, %c-2139095041_i32
// CHECK: %[[SAWNAN:.*]] = arith.ori %[[ABOVE]], %[[BELOW]]
// CHECK: %[[MAX:.*]] = arith.select %[[SAWNAN]], %cst{{.*}}, %{{.*}} : f32
// CHECK: %[[SUM:.*]] = scf.for %[[C:.*]] = {{.*}} iter_args(%[[S:.*]] = %{{.*}}) -> (f32)
// CHECK: %[[D:.*]] = arith.subf %{{.*}}, %[[MAX]]
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[DMIN:.*]] = arith.minimumf %[[D]], %[[ZERO]]
// CHECK: %[[E:.*]] = math.exp %[[DMIN]]
// CHECK: memref.store %[[E]], %[[SCRATCH]][%[[C]]]
// CHECK: arith.addf %[[S]], %[[E]] fastmath<reassoc>
// CHECK: scf.for %[[C2:[a-z0-9_]+]] =
// CHECK-NOT: math.exp
// CHECK: %[[E2:.*]] = memref.load %[[SCRATCH]][%[[C2]]]
// CHECK: %[[Q:.*]] = arith.divf %[[E2]], %[[SUM]]
// CHECK: memref.store %[[Q]], %[[Y]][%[[ROW]], %[[C2]]]
func.func @main(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<2x16xf32>) -> tensor<2x16xf32> {
    %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %max = hlo.reduce(%a init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<2xf32>) -> tensor<2x16xf32>
    %d = hlo.subtract %a, %maxb : tensor<2x16xf32>
    %e = hlo.exponential %d : tensor<2x16xf32>
    %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<2xf32>) -> tensor<2x16xf32>
    %y = hlo.divide %e, %sumb : tensor<2x16xf32>
    hlo.return %y : tensor<2x16xf32>
  }
  return %0 : tensor<2x16xf32>
}

// -----

// The maximum of another tensor says nothing about x - max: no mark.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK: %[[D:.*]] = arith.subf
// CHECK-NOT: arith.minimumf
// CHECK: math.exp %[[D]]
func.func @main(%x: tensor<2x16xf32>, %z: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %0 = hlo.fusion input (%a = %x, %b = %z) : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32> {
    %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
    %max = hlo.reduce(%b init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<2xf32>) -> tensor<2x16xf32>
    %d = hlo.subtract %a, %maxb : tensor<2x16xf32>
    %e = hlo.exponential %d : tensor<2x16xf32>
    hlo.return %e : tensor<2x16xf32>
  }
  return %0 : tensor<2x16xf32>
}

// -----

// A row minimum reduces as integers too, with the same two keys: its
// result is the smallest one's float.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK: %[[KEYS:.*]]:2 = scf.for {{.*}} -> (i32, i32)
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK-NOT: arith.minimumf
// CHECK: %[[AS_FLOAT:.*]] = arith.bitcast %[[KEYS]]#1 : i32 to f32
func.func @main(%x: tensor<2x16xf32>) -> tensor<2xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<2x16xf32>) -> tensor<2xf32> {
    %inf = hlo.constant dense<0x7F800000> : tensor<f32>
    %min = hlo.reduce(%a init: %inf) applies hlo.minimum across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    hlo.return %min : tensor<2xf32>
  }
  return %0 : tensor<2xf32>
}

// -----

// A multi-output row fusion (mean and centered values) over 4096 rows: the
// rows are split into tasks; the row-shaped result is stored once per row.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kiln_launch_0(
// CHECK-SAME: kiln.bytes = 4210688 : i64
// CHECK-SAME: kiln.num_tasks = 33 : i64
// CHECK: func.func private @kernel_0(%[[X:.*]]: memref<4096x128xf32> {llvm.noalias}, %[[MEAN:.*]]: memref<4096xf32> {llvm.noalias}, %[[CENTERED:.*]]: memref<4096x128xf32> {llvm.noalias}, %[[TASK:.*]]: index)
// CHECK-NOT: memref.alloca
// CHECK: arith.muli %[[TASK]]
// CHECK: scf.for %[[ROW:.*]] =
// CHECK: scf.for {{.*}} -> (f32)
// CHECK: %[[M:.*]] = arith.divf
// CHECK: memref.store %[[M]], %[[MEAN]][%[[ROW]]]
// CHECK: scf.for %[[C:.*]] =
// CHECK: arith.subf %{{.*}}, %[[M]]
// CHECK: memref.store %{{.*}}, %[[CENTERED]][%[[ROW]], %[[C]]]
func.func @main(%x: tensor<4096x128xf32>) -> (tensor<4096xf32>, tensor<4096x128xf32>) {
  %0:2 = hlo.fusion input (%a = %x) : (tensor<4096x128xf32>) -> (tensor<4096xf32>, tensor<4096x128xf32>) {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %n = hlo.constant dense<1.280000e+02> : tensor<4096xf32>
    %sum = hlo.reduce(%a init: %zero) applies hlo.add across dimensions = [1] : (tensor<4096x128xf32>, tensor<f32>) -> tensor<4096xf32>
    %mean = hlo.divide %sum, %n : tensor<4096xf32>
    %meanb = hlo.broadcast_in_dim %mean, dims = [0] : (tensor<4096xf32>) -> tensor<4096x128xf32>
    %c = hlo.subtract %a, %meanb : tensor<4096x128xf32>
    hlo.return %mean, %c : tensor<4096xf32>, tensor<4096x128xf32>
  }
  return %0#0, %0#1 : tensor<4096xf32>, tensor<4096x128xf32>
}

// -----

// Rows beyond the caches: the output loop runs in chunks of 256 elements,
// each followed by prefetches (one per cache line) of the same columns of
// the next row of the input.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:[^:]*]]: memref<4096x1024xf32> {llvm.noalias}
// CHECK: scf.for %[[ROW:.*]] =
// CHECK: %[[NEXT:.*]] = arith.minui
// CHECK: scf.for %[[CHUNK:.*]] = %{{.*}} to %{{.*}} step %c256
// CHECK: scf.for %[[C:.*]] = %[[CHUNK]] to
// CHECK: memref.store
// CHECK: scf.for %[[L:.*]] = %[[CHUNK]] to %{{.*}} step %c16
// CHECK-NEXT: memref.prefetch %[[X]][%[[NEXT]], %[[L]]], read, locality<2>, data
func.func @main(%x: tensor<4096x1024xf32>) -> tensor<4096x1024xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<4096x1024xf32>) -> tensor<4096x1024xf32> {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %sum = hlo.reduce(%a init: %zero) applies hlo.add across dimensions = [1] : (tensor<4096x1024xf32>, tensor<f32>) -> tensor<4096xf32>
    %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<4096xf32>) -> tensor<4096x1024xf32>
    %c = hlo.subtract %a, %sumb : tensor<4096x1024xf32>
    hlo.return %c : tensor<4096x1024xf32>
  }
  return %0 : tensor<4096x1024xf32>
}

// -----

// A value a later loop needs again is stored by the loop that computes it
// if recomputing it would cost more than loading it (planRowScratch): the
// tanh of the first reduction's loop is loaded by the second, whose own
// reduced value is loaded by the output loop. The single multiply is
// cheaper to recompute than to keep.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// Each loop's buffers go in front of the earlier loops' at the entry.
// CHECK: %[[D:.*]] = memref.alloca() : memref<16xf32>
// CHECK: %[[T:.*]] = memref.alloca() : memref<16xf32>
// CHECK-NOT: memref.alloca
// CHECK: scf.for %[[ROW:.*]] =
// CHECK: scf.for %[[C0:[a-z0-9_]+]] = {{.*}} -> (f32)
// CHECK: %[[TV:.*]] = math.tanh
// CHECK: arith.mulf
// CHECK: memref.store %[[TV]], %[[T]][%[[C0]]]
// CHECK: scf.for %[[C1:[a-z0-9_]+]] = {{.*}} -> (i32, i32)
// CHECK-NOT: math.tanh
// CHECK: memref.load %[[T]][%[[C1]]]
// CHECK: arith.mulf
// CHECK: memref.store %{{.*}}, %[[D]][%[[C1]]]
// CHECK: scf.for %[[C2:[a-z0-9_]+]] =
// CHECK-NOT: math.tanh
// CHECK-NOT: arith.mulf
// CHECK: memref.load %[[D]][%[[C2]]]
// CHECK: arith.divf
func.func @main(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<2x16xf32>) -> tensor<2x16xf32> {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
    %w = hlo.multiply %a, %a : tensor<2x16xf32>
    %t = hlo.tanh %a : tensor<2x16xf32>
    %u = hlo.add %t, %w : tensor<2x16xf32>
    %s = hlo.reduce(%u init: %zero) applies hlo.add across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    %sb = hlo.broadcast_in_dim %s, dims = [0] : (tensor<2xf32>) -> tensor<2x16xf32>
    %d0 = hlo.subtract %t, %sb : tensor<2x16xf32>
    %d = hlo.add %d0, %w : tensor<2x16xf32>
    %m = hlo.reduce(%d init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    %mb = hlo.broadcast_in_dim %m, dims = [0] : (tensor<2xf32>) -> tensor<2x16xf32>
    %y = hlo.divide %d, %mb : tensor<2x16xf32>
    hlo.return %y : tensor<2x16xf32>
  }
  return %0 : tensor<2x16xf32>
}

// -----

// A chain of reductions, each loop keeping a tanh that only the next loop
// reads: the third loop's value reuses the first loop's buffer, so the
// kernel has two row buffers, not three.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(
// CHECK: %[[B1:.*]] = memref.alloca() : memref<16xf32>
// CHECK: %[[B0:.*]] = memref.alloca() : memref<16xf32>
// CHECK-NOT: memref.alloca
// CHECK: scf.for {{.*}} -> (f32)
// CHECK: memref.store %{{.*}}, %[[B0]]
// CHECK: scf.for {{.*}} -> (f32)
// CHECK: memref.load %[[B0]]
// CHECK: memref.store %{{.*}}, %[[B1]]
// CHECK: scf.for {{.*}} -> (f32)
// CHECK: memref.load %[[B1]]
// CHECK: memref.store %{{.*}}, %[[B0]]
// CHECK: scf.for
// CHECK: memref.load %[[B0]]
func.func @main(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<2x16xf32>) -> tensor<2x16xf32> {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %t0 = hlo.tanh %a : tensor<2x16xf32>
    %u0 = hlo.add %t0, %a : tensor<2x16xf32>
    %s0 = hlo.reduce(%u0 init: %zero) applies hlo.add across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    %b0 = hlo.broadcast_in_dim %s0, dims = [0] : (tensor<2xf32>) -> tensor<2x16xf32>
    %d1 = hlo.subtract %t0, %b0 : tensor<2x16xf32>
    %t1 = hlo.tanh %d1 : tensor<2x16xf32>
    %u1 = hlo.add %t1, %a : tensor<2x16xf32>
    %s1 = hlo.reduce(%u1 init: %zero) applies hlo.add across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    %b1 = hlo.broadcast_in_dim %s1, dims = [0] : (tensor<2xf32>) -> tensor<2x16xf32>
    %d2 = hlo.subtract %t1, %b1 : tensor<2x16xf32>
    %t2 = hlo.tanh %d2 : tensor<2x16xf32>
    %u2 = hlo.add %t2, %a : tensor<2x16xf32>
    %s2 = hlo.reduce(%u2 init: %zero) applies hlo.add across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    %b2 = hlo.broadcast_in_dim %s2, dims = [0] : (tensor<2xf32>) -> tensor<2x16xf32>
    %y = hlo.subtract %t2, %b2 : tensor<2x16xf32>
    hlo.return %y : tensor<2x16xf32>
  }
  return %0 : tensor<2x16xf32>
}

// -----

// Layer norm: x - mean is needed by the variance loop and the output loop,
// but recomputing it is one subtract (the mean, one value per row, is
// hoisted out of the loops), so no loop keeps it and the output loop reads
// x again.
// CHECK-LABEL: func.func @main
// CHECK: func.func private @kernel_0(%[[X:[^:]*]]: memref<2x16xf32>
// CHECK-NOT: memref.alloca
// CHECK: scf.for %[[ROW:.*]] =
// CHECK: scf.for {{.*}} -> (f32)
// CHECK: scf.for {{.*}} -> (f32)
// CHECK: scf.for %[[C:[a-z0-9_]+]] =
// CHECK: memref.load %[[X]][%[[ROW]], %[[C]]]
// CHECK: arith.subf
func.func @main(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %0 = hlo.fusion input (%a = %x) : (tensor<2x16xf32>) -> tensor<2x16xf32> {
    %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
    %n = hlo.constant dense<1.600000e+01> : tensor<2xf32>
    %sum = hlo.reduce(%a init: %zero) applies hlo.add across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    %mean = hlo.divide %sum, %n : tensor<2xf32>
    %meanb = hlo.broadcast_in_dim %mean, dims = [0] : (tensor<2xf32>) -> tensor<2x16xf32>
    %c = hlo.subtract %a, %meanb : tensor<2x16xf32>
    %sq = hlo.multiply %c, %c : tensor<2x16xf32>
    %sqsum = hlo.reduce(%sq init: %zero) applies hlo.add across dimensions = [1] : (tensor<2x16xf32>, tensor<f32>) -> tensor<2xf32>
    %var = hlo.divide %sqsum, %n : tensor<2xf32>
    %inv = hlo.rsqrt %var : tensor<2xf32>
    %invb = hlo.broadcast_in_dim %inv, dims = [0] : (tensor<2xf32>) -> tensor<2x16xf32>
    %y = hlo.multiply %c, %invb : tensor<2x16xf32>
    hlo.return %y : tensor<2x16xf32>
  }
  return %0 : tensor<2x16xf32>
}
