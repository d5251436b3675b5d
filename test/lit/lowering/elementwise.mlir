// RUN: kiln-opt %s --kiln-lower-hlo-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[SCALAR1:.*]] = affine_map<(d0) -> ()>

// CHECK-LABEL: func.func @add_f32
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x3xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[R:.*]] = linalg.generic
// CHECK-SAME: indexing_maps = [#[[ID2]], #[[ID2]], #[[ID2]]]
// CHECK-SAME: iterator_types = ["parallel", "parallel"]
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<2x3xf32>)
// CHECK-SAME: outs(%[[INIT]] : tensor<2x3xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @add_f32(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = hlo.add %a, %b : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// i1 addition is logical or and multiplication logical and.
// CHECK-LABEL: func.func @bool_add_mul
// CHECK: arith.ori
// CHECK: arith.andi
func.func @bool_add_mul(%a: tensor<4xi1>, %b: tensor<4xi1>) -> tensor<4xi1> {
  %0 = hlo.add %a, %b : tensor<4xi1>
  %1 = hlo.multiply %0, %b : tensor<4xi1>
  return %1 : tensor<4xi1>
}

// NaN-propagating maximum and minimum; i1 max/min are unsigned.
// CHECK-LABEL: func.func @max_min
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.maxsi
// CHECK: arith.maxui
func.func @max_min(%a: tensor<4xf32>, %b: tensor<4xf32>, %i: tensor<4xi32>, %j: tensor<4xi32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi1>) {
  %0 = hlo.maximum %a, %b : tensor<4xf32>
  %1 = hlo.minimum %a, %b : tensor<4xf32>
  %2 = hlo.maximum %i, %j : tensor<4xi32>
  %3 = hlo.maximum %p, %q : tensor<4xi1>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi1>
}

// Integer division by zero gives -1 and INT_MIN / -1 gives INT_MIN: the
// divisor is replaced by 1 in both cases so that divsi never sees them.
// CHECK-LABEL: func.func @int_divide
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[MONE:.*]] = arith.constant -1 : i32
// CHECK-DAG: %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK-DAG: %[[YZERO:.*]] = arith.cmpi eq, %[[Y]], %[[ZERO]]
// CHECK-DAG: %[[XMIN:.*]] = arith.cmpi eq, %[[X]], %[[MIN]]
// CHECK-DAG: %[[YMONE:.*]] = arith.cmpi eq, %[[Y]], %[[MONE]]
// CHECK: %[[OVF:.*]] = arith.andi %[[XMIN]], %[[YMONE]]
// CHECK: %[[UNSAFE:.*]] = arith.ori %[[YZERO]], %[[OVF]]
// CHECK: %[[SAFE:.*]] = arith.select %[[UNSAFE]], %[[ONE]], %[[Y]]
// CHECK: %[[Q:.*]] = arith.divsi %[[X]], %[[SAFE]]
// CHECK: %[[R:.*]] = arith.select %{{.*}}, %{{.*}}, %[[Q]]
// CHECK: linalg.yield %[[R]]
func.func @int_divide(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = hlo.divide %a, %b : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// x % 0 is x: remsi by the safe divisor, then select the dividend.
// CHECK-LABEL: func.func @int_remainder
// CHECK: ^bb0(%[[X:.*]]: i64, %[[Y:.*]]: i64, %{{.*}}: i64):
// CHECK: %[[REM:.*]] = arith.remsi %[[X]], %{{.*}} : i64
// CHECK: %[[R:.*]] = arith.select %{{.*}}, %[[X]], %[[REM]] : i64
// CHECK: linalg.yield %[[R]]
// CHECK-LABEL: func.func @float_remainder
// CHECK: arith.remf
func.func @int_remainder(%a: tensor<4xi64>, %b: tensor<4xi64>) -> tensor<4xi64> {
  %0 = hlo.remainder %a, %b : tensor<4xi64>
  return %0 : tensor<4xi64>
}
func.func @float_remainder(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hlo.remainder %a, %b : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// Integer power: squaring over every exponent bit, then the negative cases.
// CHECK-LABEL: func.func @int_power
// CHECK: %[[C32:.*]] = arith.constant 32 : index
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[C32]]
// CHECK: arith.muli
// CHECK: arith.shrui
// CHECK: scf.yield
// CHECK: arith.cmpi slt
// CHECK-LABEL: func.func @float_power
// CHECK: math.powf
func.func @int_power(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = hlo.power %a, %b : tensor<4xi32>
  return %0 : tensor<4xi32>
}
func.func @float_power(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hlo.power %a, %b : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @unary_math
// CHECK: math.absf
// CHECK: arith.negf
// CHECK: math.exp
// CHECK: math.expm1
// CHECK: math.log
// CHECK: math.log1p
// CHECK: math.tanh
// CHECK: math.sqrt
// CHECK: math.floor
// CHECK: math.ceil
// CHECK: math.sin
// CHECK: math.cos
// CHECK: math.erf
func.func @unary_math(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hlo.abs %a : tensor<4xf32>
  %1 = hlo.negate %0 : tensor<4xf32>
  %2 = hlo.exponential %1 : tensor<4xf32>
  %3 = hlo.exponential_minus_one %2 : tensor<4xf32>
  %4 = hlo.log %3 : tensor<4xf32>
  %5 = hlo.log_plus_one %4 : tensor<4xf32>
  %6 = hlo.tanh %5 : tensor<4xf32>
  %7 = hlo.sqrt %6 : tensor<4xf32>
  %8 = hlo.floor %7 : tensor<4xf32>
  %9 = hlo.ceil %8 : tensor<4xf32>
  %10 = hlo.sine %9 : tensor<4xf32>
  %11 = hlo.cosine %10 : tensor<4xf32>
  %12 = hlo.erf %11 : tensor<4xf32>
  return %12 : tensor<4xf32>
}

// logistic = 1 / (1 + exp(-x)); rsqrt = 1 / sqrt(x).
// CHECK-LABEL: func.func @logistic_rsqrt
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[NEG:.*]] = arith.negf %[[X]]
// CHECK: %[[E:.*]] = math.exp %[[NEG]]
// CHECK: %[[D:.*]] = arith.addf %[[ONE]], %[[E]]
// CHECK: arith.divf %[[ONE]], %[[D]]
// CHECK: ^bb0(%[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ONE2:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[SQ:.*]] = math.sqrt %[[Y]]
// CHECK: arith.divf %[[ONE2]], %[[SQ]]
func.func @logistic_rsqrt(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hlo.logistic %a : tensor<4xf32>
  %1 = hlo.rsqrt %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// sign keeps zeros and NaN (ONE is false for both) and copies the sign
// otherwise; integer sign is (x > 0) - (x < 0); integer abs wraps.
// CHECK-LABEL: func.func @sign_abs
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[NZ:.*]] = arith.cmpf one, %[[X]], %{{.*}} : f32
// CHECK: %[[U:.*]] = math.copysign %{{.*}}, %[[X]] : f32
// CHECK: %[[S:.*]] = arith.select %[[NZ]], %[[U]], %[[X]] : f32
// CHECK: linalg.yield %[[S]]
// CHECK: ^bb0(%[[I:.*]]: i32, %{{.*}}: i32):
// CHECK: arith.cmpi sgt, %[[I]]
// CHECK: arith.extui
// CHECK: arith.cmpi slt, %[[I]]
// CHECK: arith.extui
// CHECK: arith.subi
// CHECK: ^bb0(%[[J:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[NEGJ:.*]] = arith.subi %{{.*}}, %[[J]]
// CHECK: %[[LT:.*]] = arith.cmpi slt, %[[J]]
// CHECK: arith.select %[[LT]], %[[NEGJ]], %[[J]]
func.func @sign_abs(%a: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>, tensor<4xi32>) {
  %0 = hlo.sign %a : tensor<4xf32>
  %1 = hlo.sign %i : tensor<4xi32>
  %2 = hlo.abs %i : tensor<4xi32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xi32>, tensor<4xi32>
}

// FLOAT compares are ordered except NE; TOTALORDER compares integer keys
// whose negative values have their magnitude bits flipped.
// CHECK-LABEL: func.func @compare
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf une
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: i1):
// CHECK: %[[BX:.*]] = arith.bitcast %[[X]] : f32 to i32
// CHECK: %[[SX:.*]] = arith.shrsi %[[BX]], %{{.*}} : i32
// CHECK: %[[MX:.*]] = arith.shrui %[[SX]], %{{.*}} : i32
// CHECK: %[[KX:.*]] = arith.xori %[[BX]], %[[MX]] : i32
// CHECK: %[[BY:.*]] = arith.bitcast %[[Y]] : f32 to i32
// CHECK: %[[KY:.*]] = arith.xori %[[BY]], %{{.*}} : i32
// CHECK: arith.cmpi slt, %[[KX]], %[[KY]] : i32
// CHECK: arith.cmpi ult
// CHECK: arith.cmpi sge
// CHECK: arith.cmpi ugt
func.func @compare(%a: tensor<4xf32>, %b: tensor<4xf32>, %i: tensor<4xi32>, %j: tensor<4xi32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = hlo.compare LT, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = hlo.compare NE, %a, %b, FLOAT : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %2 = hlo.compare LT, %a, %b, TOTALORDER : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %3 = hlo.compare LT, %i, %j, UNSIGNED : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %4 = hlo.compare GE, %i, %j : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %5 = hlo.compare GT, %p, %q : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// A rank-0 predicate or clamp bound is broadcast through a map with no
// results; clamp is min(max(x, lo), hi).
// CHECK-LABEL: func.func @select_clamp
// CHECK-SAME: (%[[P:.*]]: tensor<i1>, %[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>, %[[LO:.*]]: tensor<f32>, %[[HI:.*]]: tensor<f32>)
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[SCALAR1]], #[[ID1]], #[[ID1]], #[[ID1]]]
// CHECK-SAME: ins(%[[P]], %[[A]], %[[B]] :
// CHECK: ^bb0(%[[C:.*]]: i1, %[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: arith.select %[[C]], %[[X]], %[[Y]] : f32
// CHECK: linalg.generic
// CHECK-SAME: indexing_maps = [#[[SCALAR1]], #[[ID1]], #[[SCALAR1]], #[[ID1]]]
// CHECK-SAME: ins(%[[LO]], %[[A]], %[[HI]] :
// CHECK: ^bb0(%[[L:.*]]: f32, %[[V:.*]]: f32, %[[H:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[M:.*]] = arith.maximumf %[[V]], %[[L]] : f32
// CHECK: arith.minimumf %[[M]], %[[H]] : f32
func.func @select_clamp(%p: tensor<i1>, %a: tensor<4xf32>, %b: tensor<4xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = hlo.select %p, %a, %b : (tensor<i1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = hlo.clamp %lo, %a, %hi : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// f32 -> i32 saturates: NaN -> 0, the input clamped into range before
// fptosi, and x >= 2^31 selects INT_MAX. Any -> i1 is x != 0 (unordered,
// so NaN is true); i1 -> number is unsigned.
// CHECK-LABEL: func.func @convert
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: i32):
// CHECK: %[[LOW:.*]] = arith.constant -2.14748365E+9 : f32
// CHECK: %[[MAX:.*]] = arith.maximumf %[[X]], %[[LOW]]
// CHECK: %[[HIGH:.*]] = arith.constant 2.14748352E+9 : f32
// CHECK: %[[MIN:.*]] = arith.minimumf %[[MAX]], %[[HIGH]]
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]]
// CHECK: %[[IN:.*]] = arith.select %[[NAN]], %{{.*}}, %[[MIN]]
// CHECK: %[[T:.*]] = arith.fptosi %[[IN]] : f32 to i32
// CHECK: %[[BIG:.*]] = arith.cmpf oge, %[[X]]
// CHECK: %[[IMAX:.*]] = arith.constant 2147483647 : i32
// CHECK: arith.select %[[BIG]], %[[IMAX]], %[[T]] : i32
// CHECK: arith.cmpf une
// CHECK: arith.uitofp %{{.*}} : i1 to f32
// CHECK: arith.sitofp %{{.*}} : i64 to f32
// CHECK: arith.trunci %{{.*}} : i64 to i32
// CHECK: arith.extui %{{.*}} : i1 to i64
func.func @convert(%a: tensor<4xf32>, %p: tensor<4xi1>, %i: tensor<4xi64>) -> (tensor<4xi32>, tensor<4xi1>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>) {
  %0 = hlo.convert %a : (tensor<4xf32>) -> tensor<4xi32>
  %1 = hlo.convert %a : (tensor<4xf32>) -> tensor<4xi1>
  %2 = hlo.convert %p : (tensor<4xi1>) -> tensor<4xf32>
  %3 = hlo.convert %i : (tensor<4xi64>) -> tensor<4xf32>
  %4 = hlo.convert %i : (tensor<4xi64>) -> tensor<4xi32>
  %5 = hlo.convert %p : (tensor<4xi1>) -> tensor<4xi64>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi32>, tensor<4xi1>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>
}

// Rank 0: a generic with no loops.
// CHECK-LABEL: func.func @rank0
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = []
// CHECK: arith.mulf
func.func @rank0(%a: tensor<f32>) -> tensor<f32> {
  %0 = hlo.multiply %a, %a : tensor<f32>
  return %0 : tensor<f32>
}
