// RUN: kiln-opt %s -canonicalize | FileCheck %s
// A non-splat result just over kMaxFoldedConstantBytes (16400 f32 = 65600
// bytes) stays unfolded; one of exactly 64 KiB (16384 f32) folds.
// RUN: %python -c "import sys; n = int(sys.argv[1]); t = 'tensor<' + str(n) + 'xf32>'; v = ', '.join(str(float(i)) for i in range(n)); print('func.func @large() -> ' + t + ' {\n  ' + chr(37) + 'c = hlo.constant dense<[' + v + ']> : ' + t + '\n  ' + chr(37) + 'n = hlo.negate ' + chr(37) + 'c : ' + t + '\n  return ' + chr(37) + 'n : ' + t + '\n}')" 16400 | kiln-opt -canonicalize | FileCheck %s --check-prefix=OVER
// RUN: %python -c "import sys; n = int(sys.argv[1]); t = 'tensor<' + str(n) + 'xf32>'; v = ', '.join(str(float(i)) for i in range(n)); print('func.func @large() -> ' + t + ' {\n  ' + chr(37) + 'c = hlo.constant dense<[' + v + ']> : ' + t + '\n  ' + chr(37) + 'n = hlo.negate ' + chr(37) + 'c : ' + t + '\n  return ' + chr(37) + 'n : ' + t + '\n}')" 16384 | kiln-opt -canonicalize | FileCheck %s --check-prefix=UNDER

// OVER-LABEL: func @large
// OVER: hlo.negate
// UNDER-LABEL: func @large
// The folded constant starts with -0.0, -1.0 (little-endian hex).
// UNDER: hlo.constant dense<"0x00000080000080BF
// UNDER-NOT: hlo.negate

//===----------------------------------------------------------------------===//
// Unary elementwise ops
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @unary_float
func.func @unary_float() -> (tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<3xf32>, tensor<2xf32>) {
  %zero = hlo.constant dense<0.0> : tensor<f32>
  %four = hlo.constant dense<4.0> : tensor<f32>
  %v = hlo.constant dense<[-2.0, -0.0, 3.0]> : tensor<3xf32>
  %w = hlo.constant dense<[-1.5, 2.5]> : tensor<2xf32>
  // CHECK-DAG: %[[ONE:.*]] = hlo.constant dense<1.000000e+00> : tensor<f32>
  %0 = hlo.exponential %zero : tensor<f32>
  // CHECK-DAG: %[[HALF:.*]] = hlo.constant dense<5.000000e-01> : tensor<f32>
  %1 = hlo.rsqrt %four : tensor<f32>
  %2 = hlo.logistic %zero : tensor<f32>
  // CHECK-DAG: %[[TWO:.*]] = hlo.constant dense<2.000000e+00> : tensor<f32>
  %3 = hlo.sqrt %four : tensor<f32>
  // sign keeps -0.0.
  // CHECK-DAG: %[[SIGN:.*]] = hlo.constant dense<[-1.000000e+00, -0.000000e+00, 1.000000e+00]> : tensor<3xf32>
  %4 = hlo.sign %v : tensor<3xf32>
  // CHECK-DAG: %[[FLOOR:.*]] = hlo.constant dense<[-2.000000e+00, 2.000000e+00]> : tensor<2xf32>
  %5 = hlo.floor %w : tensor<2xf32>
  // CHECK: return %[[ONE]], %[[HALF]], %[[HALF]], %[[TWO]], %[[SIGN]], %[[FLOOR]]
  return %0, %1, %2, %3, %4, %5 : tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<3xf32>, tensor<2xf32>
}

// CHECK-LABEL: func @unary_int
func.func @unary_int() -> (tensor<3xi32>, tensor<3xi32>, tensor<i32>) {
  %v = hlo.constant dense<[-5, 0, 7]> : tensor<3xi32>
  %min = hlo.constant dense<-2147483648> : tensor<i32>
  // CHECK-DAG: %[[NEG:.*]] = hlo.constant dense<[5, 0, -7]> : tensor<3xi32>
  %0 = hlo.negate %v : tensor<3xi32>
  // CHECK-DAG: %[[SIGN:.*]] = hlo.constant dense<[-1, 0, 1]> : tensor<3xi32>
  %1 = hlo.sign %v : tensor<3xi32>
  // -INT_MIN overflows in C++: left alone.
  // CHECK-DAG: %[[MIN:.*]] = hlo.constant dense<-2147483648> : tensor<i32>
  // CHECK-DAG: %[[ABS:.*]] = hlo.abs %[[MIN]] : tensor<i32>
  %2 = hlo.abs %min : tensor<i32>
  // CHECK: return %[[NEG]], %[[SIGN]], %[[ABS]]
  return %0, %1, %2 : tensor<3xi32>, tensor<3xi32>, tensor<i32>
}

//===----------------------------------------------------------------------===//
// Binary elementwise ops
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @binary_float
func.func @binary_float() -> (tensor<2xf32>, tensor<2xf32>, tensor<f32>, tensor<f32>) {
  %a = hlo.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = hlo.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %nan = hlo.constant dense<0x7FC00000> : tensor<f32>
  %one = hlo.constant dense<1.0> : tensor<f32>
  %x = hlo.constant dense<-7.5> : tensor<f32>
  %two = hlo.constant dense<2.0> : tensor<f32>
  // CHECK-DAG: %[[SUM:.*]] = hlo.constant dense<[4.000000e+00, 6.000000e+00]> : tensor<2xf32>
  %0 = hlo.add %a, %b : tensor<2xf32>
  // CHECK-DAG: %[[QUOT:.*]] = hlo.constant dense<[3.000000e+00, 2.000000e+00]> : tensor<2xf32>
  %1 = hlo.divide %b, %a : tensor<2xf32>
  // maximum propagates NaN.
  // CHECK-DAG: %[[NAN:.*]] = hlo.constant dense<0x7FC00000> : tensor<f32>
  %2 = hlo.maximum %one, %nan : tensor<f32>
  // fmod keeps the dividend's sign: -7.5 = -3 * 2 - 1.5.
  // CHECK-DAG: %[[REM:.*]] = hlo.constant dense<-1.500000e+00> : tensor<f32>
  %3 = hlo.remainder %x, %two : tensor<f32>
  // CHECK: return %[[SUM]], %[[QUOT]], %[[NAN]], %[[REM]]
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<2xf32>, tensor<f32>, tensor<f32>
}

// CHECK-LABEL: func @binary_int
func.func @binary_int() -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<2xi1>, tensor<2xi1>) {
  %a = hlo.constant dense<[7, -7, -2147483648, 7]> : tensor<4xi32>
  %b = hlo.constant dense<[0, 2, -1, -2]> : tensor<4xi32>
  %base = hlo.constant dense<[2, 2, 1, -1]> : tensor<4xi32>
  %exp = hlo.constant dense<[10, -1, -5, -3]> : tensor<4xi32>
  %p = hlo.constant dense<[true, false]> : tensor<2xi1>
  %q = hlo.constant dense<[true, true]> : tensor<2xi1>
  // x / 0 = -1, INT_MIN / -1 = INT_MIN, others round toward zero.
  // CHECK-DAG: %[[DIV:.*]] = hlo.constant dense<[-1, -3, -2147483648, -3]> : tensor<4xi32>
  %0 = hlo.divide %a, %b : tensor<4xi32>
  // x % 0 = x, INT_MIN % -1 = 0, the sign follows the dividend.
  // CHECK-DAG: %[[REM:.*]] = hlo.constant dense<[7, -1, 0, 1]> : tensor<4xi32>
  %1 = hlo.remainder %a, %b : tensor<4xi32>
  // 2^10, 2^-1 = 0, 1^-5 = 1, (-1)^-3 = -1.
  // CHECK-DAG: %[[POW:.*]] = hlo.constant dense<[1024, 0, 1, -1]> : tensor<4xi32>
  %2 = hlo.power %base, %exp : tensor<4xi32>
  // On i1, add is or and multiply is and.
  // CHECK-DAG: %[[OR:.*]] = hlo.constant dense<true> : tensor<2xi1>
  %3 = hlo.add %p, %q : tensor<2xi1>
  // CHECK-DAG: %[[AND:.*]] = hlo.constant dense<[true, false]> : tensor<2xi1>
  %4 = hlo.multiply %p, %q : tensor<2xi1>
  // CHECK: return %[[DIV]], %[[REM]], %[[POW]], %[[OR]], %[[AND]]
  return %0, %1, %2, %3, %4 : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<2xi1>, tensor<2xi1>
}

// Signed overflow is undefined in C++, so it is not folded.
// CHECK-LABEL: func @int_overflow_not_folded
func.func @int_overflow_not_folded() -> (tensor<i32>, tensor<i32>, tensor<i32>) {
  %max = hlo.constant dense<2147483647> : tensor<i32>
  %one = hlo.constant dense<1> : tensor<i32>
  %two = hlo.constant dense<2> : tensor<i32>
  %forty = hlo.constant dense<40> : tensor<i32>
  // CHECK: hlo.add
  %0 = hlo.add %max, %one : tensor<i32>
  // CHECK: hlo.multiply
  %1 = hlo.multiply %max, %two : tensor<i32>
  // CHECK: hlo.power
  %2 = hlo.power %two, %forty : tensor<i32>
  return %0, %1, %2 : tensor<i32>, tensor<i32>, tensor<i32>
}

// CHECK-LABEL: func @identities
// CHECK-SAME: (%[[I:.*]]: tensor<4xi32>, %[[F:.*]]: tensor<4xf32>)
func.func @identities(%i: tensor<4xi32>, %f: tensor<4xf32>) -> (tensor<4xi32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xf32>, tensor<4xf32>) {
  %zi = hlo.constant dense<0> : tensor<4xi32>
  %zf = hlo.constant dense<0.0> : tensor<4xf32>
  %nzf = hlo.constant dense<-0.0> : tensor<4xf32>
  %onef = hlo.constant dense<1.0> : tensor<4xf32>
  %0 = hlo.add %zi, %i : tensor<4xi32>
  // -0.0 + 0.0 is +0.0, so x + 0.0 is not x: kept.
  // CHECK: %[[KEPT:.*]] = hlo.add %[[F]], %{{.*}} : tensor<4xf32>
  %1 = hlo.add %f, %zf : tensor<4xf32>
  %2 = hlo.add %f, %nzf : tensor<4xf32>
  %3 = hlo.multiply %f, %onef : tensor<4xf32>
  %4 = hlo.subtract %i, %zi : tensor<4xi32>
  %5 = hlo.divide %f, %onef : tensor<4xf32>
  %6 = hlo.subtract %f, %zf : tensor<4xf32>
  // CHECK: return %[[I]], %[[KEPT]], %[[F]], %[[F]], %[[I]], %[[F]], %[[F]]
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4xi32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xf32>, tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Compare, select, convert
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @compare
func.func @compare(%x: tensor<3xi32>) -> (tensor<3xi1>, tensor<3xi1>, tensor<2xi1>, tensor<2xi1>, tensor<2xi1>, tensor<3xi1>) {
  %a = hlo.constant dense<[0x7FC00000, -0.0, 1.0]> : tensor<3xf32>
  %b = hlo.constant dense<[0x7FC00000, 0.0, 2.0]> : tensor<3xf32>
  %m = hlo.constant dense<[-1, 3]> : tensor<2xi32>
  %n = hlo.constant dense<[1, 3]> : tensor<2xi32>
  // IEEE: NaN is unordered, -0.0 == 0.0.
  // CHECK-DAG: %[[EQ:.*]] = hlo.constant dense<[false, true, false]> : tensor<3xi1>
  %0 = hlo.compare EQ, %a, %b, FLOAT : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  // totalOrder: NaN equals itself, -0.0 < 0.0.
  // CHECK-DAG: %[[LT:.*]] = hlo.constant dense<[false, true, true]> : tensor<3xi1>
  %1 = hlo.compare LT, %a, %b, TOTALORDER : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  // CHECK-DAG: %[[SIGNED:.*]] = hlo.constant dense<[true, false]> : tensor<2xi1>
  %2 = hlo.compare LT, %m, %n, SIGNED : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi1>
  // CHECK-DAG: %[[UNSIGNED:.*]] = hlo.constant dense<false> : tensor<2xi1>
  %3 = hlo.compare LT, %m, %n, UNSIGNED : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi1>
  // Without a compare_type integers compare signed.
  %4 = hlo.compare LT, %m, %n : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi1>
  // CHECK-DAG: %[[SELF:.*]] = hlo.constant dense<true> : tensor<3xi1>
  %5 = hlo.compare GE, %x, %x : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
  // CHECK: return %[[EQ]], %[[LT]], %[[SIGNED]], %[[UNSIGNED]], %[[SIGNED]], %[[SELF]]
  return %0, %1, %2, %3, %4, %5 : tensor<3xi1>, tensor<3xi1>, tensor<2xi1>, tensor<2xi1>, tensor<2xi1>, tensor<3xi1>
}

// Floats compared with themselves may be NaN: not folded.
// CHECK-LABEL: func @compare_float_self
func.func @compare_float_self(%x: tensor<3xf32>) -> tensor<3xi1> {
  // CHECK: hlo.compare
  %0 = hlo.compare EQ, %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// CHECK-LABEL: func @select
// CHECK-SAME: (%[[P:.*]]: tensor<4xi1>, %[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>)
func.func @select(%p: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %t = hlo.constant dense<true> : tensor<i1>
  %f = hlo.constant dense<false> : tensor<4xi1>
  %0 = hlo.select %t, %a, %b : tensor<i1>, tensor<4xf32>
  %1 = hlo.select %f, %a, %b : tensor<4xi1>, tensor<4xf32>
  %2 = hlo.select %p, %a, %a : tensor<4xi1>, tensor<4xf32>
  // CHECK: return %[[A]], %[[B]], %[[A]]
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func @convert
// CHECK-SAME: (%[[X:.*]]: tensor<2xf32>)
func.func @convert(%x: tensor<2xf32>) -> (tensor<5xi32>, tensor<4xi1>, tensor<2xf32>, tensor<2xf32>, tensor<2xi64>, tensor<2xi32>, tensor<2xf32>) {
  %f = hlo.constant dense<[2.7, -2.7, 0x7FC00000, 1.0e10, -1.0e10]> : tensor<5xf32>
  %g = hlo.constant dense<[0.0, 0x7FC00000, -0.0, 0.5]> : tensor<4xf32>
  %p = hlo.constant dense<[true, false]> : tensor<2xi1>
  %big = hlo.constant dense<[16777217, -3]> : tensor<2xi32>
  // Truncates toward zero, NaN gives 0, out of range saturates.
  // CHECK-DAG: %[[F2I:.*]] = hlo.constant dense<[2, -2, 0, 2147483647, -2147483648]> : tensor<5xi32>
  %0 = hlo.convert %f : (tensor<5xf32>) -> tensor<5xi32>
  // x != 0: NaN is true, -0.0 false.
  // CHECK-DAG: %[[F2B:.*]] = hlo.constant dense<[false, true, false, true]> : tensor<4xi1>
  %1 = hlo.convert %g : (tensor<4xf32>) -> tensor<4xi1>
  // CHECK-DAG: %[[B2F:.*]] = hlo.constant dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf32>
  %2 = hlo.convert %p : (tensor<2xi1>) -> tensor<2xf32>
  // 2^24 + 1 rounds to the nearest even float, 2^24 (0x4B800000).
  // CHECK-DAG: %[[I2F:.*]] = hlo.constant dense<[0x4B800000, -3.000000e+00]> : tensor<2xf32>
  %3 = hlo.convert %big : (tensor<2xi32>) -> tensor<2xf32>
  // CHECK-DAG: %[[I2L:.*]] = hlo.constant dense<[16777217, -3]> : tensor<2xi64>
  %4 = hlo.convert %big : (tensor<2xi32>) -> tensor<2xi64>
  // CHECK-DAG: %[[B2I:.*]] = hlo.constant dense<[1, 0]> : tensor<2xi32>
  %5 = hlo.convert %p : (tensor<2xi1>) -> tensor<2xi32>
  %6 = hlo.convert %x : (tensor<2xf32>) -> tensor<2xf32>
  // CHECK: return %[[F2I]], %[[F2B]], %[[B2F]], %[[I2F]], %[[I2L]], %[[B2I]], %[[X]]
  return %0, %1, %2, %3, %4, %5, %6 : tensor<5xi32>, tensor<4xi1>, tensor<2xf32>, tensor<2xf32>, tensor<2xi64>, tensor<2xi32>, tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @shape_identities
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<2x3xf32>)
func.func @shape_identities(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = hlo.broadcast_in_dim %x, dims = [0, 1] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = hlo.reshape %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = hlo.transpose %x, dims = [0, 1] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = hlo.slice %x [0:2, 0:3] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = hlo.concatenate %y, dim = 0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: return %[[X]], %[[X]], %[[X]], %[[X]], %[[Y]]
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// A square broadcast with swapped dimensions is a transpose, not an identity.
// CHECK-LABEL: func @broadcast_permuting_kept
func.func @broadcast_permuting_kept(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  // CHECK: hlo.broadcast_in_dim
  %0 = hlo.broadcast_in_dim %x, dims = [1, 0] : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// CHECK-LABEL: func @shape_constants
func.func @shape_constants() -> (tensor<2x3xf32>, tensor<3x2xi32>, tensor<3x2xi32>, tensor<2xi32>, tensor<2x2xf32>) {
  %s = hlo.constant dense<1.5> : tensor<f32>
  %c = hlo.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %v = hlo.constant dense<[0, 1, 2, 3, 4, 5]> : tensor<6xi32>
  %z = hlo.constant dense<7.0> : tensor<4xf32>
  // CHECK-DAG: %[[BCAST:.*]] = hlo.constant dense<1.500000e+00> : tensor<2x3xf32>
  %0 = hlo.broadcast_in_dim %s, dims = [] : (tensor<f32>) -> tensor<2x3xf32>
  // CHECK-DAG: %[[RESHAPED:.*]] = hlo.constant dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi32>
  %1 = hlo.reshape %c : (tensor<2x3xi32>) -> tensor<3x2xi32>
  // CHECK-DAG: %[[TRANSPOSED:.*]] = hlo.constant dense<{{\[\[}}1, 4], [2, 5], [3, 6]]> : tensor<3x2xi32>
  %2 = hlo.transpose %c, dims = [1, 0] : (tensor<2x3xi32>) -> tensor<3x2xi32>
  // CHECK-DAG: %[[SLICED:.*]] = hlo.constant dense<[1, 3]> : tensor<2xi32>
  %3 = hlo.slice %v [1:5:2] : (tensor<6xi32>) -> tensor<2xi32>
  // CHECK-DAG: %[[SPLAT:.*]] = hlo.constant dense<7.000000e+00> : tensor<2x2xf32>
  %4 = hlo.reshape %z : (tensor<4xf32>) -> tensor<2x2xf32>
  // CHECK: return %[[BCAST]], %[[RESHAPED]], %[[TRANSPOSED]], %[[SLICED]], %[[SPLAT]]
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<3x2xi32>, tensor<3x2xi32>, tensor<2xi32>, tensor<2x2xf32>
}

// CHECK-LABEL: func @transpose_3d_constant
func.func @transpose_3d_constant() -> tensor<3x2x2xi32> {
  // c[i][j][k] = 100 i + 10 j + k; result[k][i][j] = c[i][j][k].
  %c = hlo.constant dense<[[[0, 1, 2], [10, 11, 12]], [[100, 101, 102], [110, 111, 112]]]> : tensor<2x2x3xi32>
  // CHECK: hlo.constant dense<{{\[\[\[}}0, 10], [100, 110]], {{\[\[}}1, 11], [101, 111]], {{\[\[}}2, 12], [102, 112]]]> : tensor<3x2x2xi32>
  %0 = hlo.transpose %c, dims = [2, 0, 1] : (tensor<2x2x3xi32>) -> tensor<3x2x2xi32>
  return %0 : tensor<3x2x2xi32>
}

// Broadcasting a non-splat constant would make a new 130x130xf32 (67600
// bytes) constant: over kMaxFoldedConstantBytes, so nothing here folds.
// CHECK-LABEL: func @large_not_folded
func.func @large_not_folded() -> tensor<130x130xf32> {
  %c = hlo.constant dense<[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0, 40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0, 50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0, 57.0, 58.0, 59.0, 60.0, 61.0, 62.0, 63.0, 64.0, 65.0, 66.0, 67.0, 68.0, 69.0, 70.0, 71.0, 72.0, 73.0, 74.0, 75.0, 76.0, 77.0, 78.0, 79.0, 80.0, 81.0, 82.0, 83.0, 84.0, 85.0, 86.0, 87.0, 88.0, 89.0, 90.0, 91.0, 92.0, 93.0, 94.0, 95.0, 96.0, 97.0, 98.0, 99.0, 100.0, 101.0, 102.0, 103.0, 104.0, 105.0, 106.0, 107.0, 108.0, 109.0, 110.0, 111.0, 112.0, 113.0, 114.0, 115.0, 116.0, 117.0, 118.0, 119.0, 120.0, 121.0, 122.0, 123.0, 124.0, 125.0, 126.0, 127.0, 128.0, 129.0]> : tensor<130xf32>
  // CHECK: hlo.broadcast_in_dim
  %b = hlo.broadcast_in_dim %c, dims = [1] : (tensor<130xf32>) -> tensor<130x130xf32>
  // CHECK: hlo.transpose
  %t = hlo.transpose %b, dims = [1, 0] : (tensor<130x130xf32>) -> tensor<130x130xf32>
  // CHECK: hlo.add
  %0 = hlo.add %b, %t : tensor<130x130xf32>
  return %0 : tensor<130x130xf32>
}

// Bit operations fold on constants: 12 & 10 = 8, 12 | 10 = 14, 12 ^ 10 = 6,
// ~12 = -13; on i1 they are the logical ones.
// CHECK-LABEL: func.func @bitwise
// CHECK-DAG: %[[AND:.*]] = hlo.constant dense<8> : tensor<1xi32>
// CHECK-DAG: %[[OR:.*]] = hlo.constant dense<14> : tensor<1xi32>
// CHECK-DAG: %[[XOR:.*]] = hlo.constant dense<6> : tensor<1xi32>
// CHECK-DAG: %[[NOT:.*]] = hlo.constant dense<-13> : tensor<1xi32>
// CHECK-DAG: %[[NOTP:.*]] = hlo.constant dense<[false, true]> : tensor<2xi1>
// CHECK: return %[[AND]], %[[OR]], %[[XOR]], %[[NOT]], %[[NOTP]]
func.func @bitwise() -> (tensor<1xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>, tensor<2xi1>) {
  %a = hlo.constant dense<12> : tensor<1xi32>
  %b = hlo.constant dense<10> : tensor<1xi32>
  %0 = hlo.and %a, %b : tensor<1xi32>
  %1 = hlo.or %a, %b : tensor<1xi32>
  %2 = hlo.xor %a, %b : tensor<1xi32>
  %3 = hlo.not %a : tensor<1xi32>
  %p = hlo.constant dense<[true, false]> : tensor<2xi1>
  %4 = hlo.not %p : tensor<2xi1>
  return %0, %1, %2, %3, %4 : tensor<1xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>, tensor<2xi1>
}

// Shifts fold with the out-of-range rule (an amount of the width or more,
// -1 read unsigned, shifts every bit out); popcnt and count_leading_zeros
// count bits.
// CHECK-LABEL: func.func @shifts_and_bit_counts
// CHECK-DAG: %[[SHL:.*]] = hlo.constant dense<[-16, 0, 0]> : tensor<3xi32>
// CHECK-DAG: %[[SRA:.*]] = hlo.constant dense<[-4, -1, -1]> : tensor<3xi32>
// CHECK-DAG: %[[SRL:.*]] = hlo.constant dense<[2147483644, 0, 0]> : tensor<3xi32>
// CHECK-DAG: %[[POP:.*]] = hlo.constant dense<29> : tensor<3xi32>
// CHECK-DAG: %[[CLZ:.*]] = hlo.constant dense<0> : tensor<3xi32>
// CHECK: return %[[SHL]], %[[SRA]], %[[SRL]], %[[POP]], %[[CLZ]]
func.func @shifts_and_bit_counts() -> (tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) {
  %x = hlo.constant dense<-8> : tensor<3xi32>
  %n = hlo.constant dense<[1, 32, -1]> : tensor<3xi32>
  %0 = hlo.shift_left %x, %n : tensor<3xi32>
  %1 = hlo.shift_right_arithmetic %x, %n : tensor<3xi32>
  %2 = hlo.shift_right_logical %x, %n : tensor<3xi32>
  %3 = hlo.popcnt %x : tensor<3xi32>
  %4 = hlo.count_leading_zeros %x : tensor<3xi32>
  return %0, %1, %2, %3, %4 : tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>
}

// Folding computes as the runtime does on f32 and signless integers; other
// element types (f16, bf16, f64, unsigned) run instead. A signless i8
// folds with i8 wrap-around; ui8 division and bf16 addition stay ops.
// CHECK-LABEL: func.func @fold_other_element_types
func.func @fold_other_element_types() -> (tensor<2xi8>, tensor<2xui8>, tensor<2xbf16>) {
  %a = hlo.constant dense<[100, -3]> : tensor<2xi8>
  %b = hlo.constant dense<[7, 2]> : tensor<2xi8>
  // CHECK-DAG: %[[I8:.*]] = hlo.constant dense<[14, -1]> : tensor<2xi8>
  %0 = hlo.divide %a, %b : tensor<2xi8>
  %c = hlo.constant dense<[200, 9]> : tensor<2xui8>
  %d = hlo.constant dense<[3, 0]> : tensor<2xui8>
  // CHECK-DAG: %[[UI8:.*]] = hlo.divide %{{.*}}, %{{.*}} : tensor<2xui8>
  %1 = hlo.divide %c, %d : tensor<2xui8>
  %e = hlo.constant dense<[1.0, 0.5]> : tensor<2xbf16>
  // CHECK-DAG: %[[BF16:.*]] = hlo.add %{{.*}}, %{{.*}} : tensor<2xbf16>
  %2 = hlo.add %e, %e : tensor<2xbf16>
  // CHECK: return %[[I8]], %[[UI8]], %[[BF16]]
  return %0, %1, %2 : tensor<2xi8>, tensor<2xui8>, tensor<2xbf16>
}

//===----------------------------------------------------------------------===//
// optimization_barrier
//===----------------------------------------------------------------------===//

// The barrier's results are its operands.
// CHECK-LABEL: func @optimization_barrier
// CHECK-NOT: hlo.optimization_barrier
// CHECK: %[[E:.*]] = hlo.exponential %arg0
// CHECK: %[[S:.*]] = hlo.add %[[E]], %[[E]]
// CHECK: return %[[S]], %arg1
func.func @optimization_barrier(%x: tensor<4xf32>, %y: tensor<2xi32>) -> (tensor<4xf32>, tensor<2xi32>) {
  %e = hlo.exponential %x : tensor<4xf32>
  %0:2 = hlo.optimization_barrier %e, %y : tensor<4xf32>, tensor<2xi32>
  %1 = hlo.add %0#0, %0#0 : tensor<4xf32>
  return %1, %0#1 : tensor<4xf32>, tensor<2xi32>
}

//===----------------------------------------------------------------------===//
// tuple and get_tuple_element
//===----------------------------------------------------------------------===//

// An element read from the tuple that built it is the element; the tuple
// is then dead.
// CHECK-LABEL: func @tuple
// CHECK-NOT: hlo.tuple
// CHECK-NOT: hlo.get_tuple_element
// CHECK: %[[S:.*]] = hlo.add %arg0, %arg0
// CHECK: return %[[S]], %arg1
func.func @tuple(%x: tensor<4xf32>, %y: tensor<2xi32>) -> (tensor<4xf32>, tensor<2xi32>) {
  %t = hlo.tuple %x, %y : tuple<tensor<4xf32>, tensor<2xi32>>
  %a = hlo.get_tuple_element %t[0] : (tuple<tensor<4xf32>, tensor<2xi32>>) -> tensor<4xf32>
  %b = hlo.get_tuple_element %t[1] : (tuple<tensor<4xf32>, tensor<2xi32>>) -> tensor<2xi32>
  %s = hlo.add %a, %a : tensor<4xf32>
  return %s, %b : tensor<4xf32>, tensor<2xi32>
}
