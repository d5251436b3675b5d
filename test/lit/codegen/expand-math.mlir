// RUN: kiln-opt %s --kiln-expand-math | FileCheck %s --implicit-check-not='math.{{(exp|tanh|erf|log) }}'

// Transcendental math becomes arith polynomials that LLVM vectorizes, not
// one libm call per element.
// CHECK-LABEL: func.func @transcendentals
// CHECK:       math.fma
// CHECK:       return
func.func @transcendentals(%x: f32) -> (f32, f32, f32, f32) {
  %e = math.exp %x : f32
  %t = math.tanh %x : f32
  %r = math.erf %x : f32
  %l = math.log %x : f32
  return %e, %t, %r, %l : f32, f32, f32, f32
}

// Vectors are expanded as well; operations without an approximation stay.
// CHECK-LABEL: func.func @vector_exp
// CHECK:       math.sqrt
func.func @vector_exp(%x: vector<8xf32>) -> (vector<8xf32>, vector<8xf32>) {
  %e = math.exp %x : vector<8xf32>
  %s = math.sqrt %x : vector<8xf32>
  return %e, %s : vector<8xf32>, vector<8xf32>
}

// exp clamps its argument to [-104, 89] and scales by 2^k in two factors,
// so that results next to overflow and subnormal results round once. Of
// -|x| (logistic's), at most 0: no upper clamp, and one factor 2^(k + 64),
// whose product is normal and exact, then 2^-64, the one rounding.
// CHECK-LABEL: func.func @exp_scaling
// CHECK-DAG:   %[[LOWEST:.*]] = arith.constant -1.040000e+02 : f32
// CHECK-DAG:   %[[HIGHEST:.*]] = arith.constant 8.900000e+01 : f32
// CHECK-DAG:   %[[OFFSET:.*]] = arith.constant 64 : i32
// CHECK-DAG:   %[[UNSCALE:.*]] = arith.constant 5.42101086E-20 : f32
// CHECK:       %[[UP:.*]] = arith.maximumf %{{.*}}, %[[LOWEST]] : f32
// CHECK:       arith.minimumf %[[UP]], %[[HIGHEST]] : f32
// CHECK:       arith.shrsi
// CHECK:       arith.shli
// CHECK:       arith.shli
// CHECK:       %[[NEG:.*]] = arith.negf %{{.*}} : f32
// CHECK:       arith.maximumf %[[NEG]], %[[LOWEST]] : f32
// CHECK-NOT:   arith.minimumf
// CHECK-NOT:   arith.shrsi
// CHECK:       arith.addi %{{.*}}, %[[OFFSET]] : i32
// CHECK:       arith.shli
// CHECK-NOT:   arith.shli
// CHECK:       arith.mulf %{{.*}}, %[[UNSCALE]] : f32
// CHECK:       return
func.func @exp_scaling(%x: f32) -> (f32, f32) {
  %e = math.exp %x : f32
  %a = math.absf %x : f32
  %n = arith.negf %a : f32
  %f = math.exp %n : f32
  return %e, %f : f32, f32
}

// So for the minimum of a value and a constant at most 0 (the elemental
// emitter's mark on softmax's x - max(x)); a positive bound leaves exp as
// it is, two factors after the clamp at overflow.
// CHECK-LABEL: func.func @exp_of_bounded
// CHECK-DAG:   %[[LOWEST:.*]] = arith.constant -1.040000e+02 : f32
// CHECK-DAG:   %[[HIGHEST:.*]] = arith.constant 8.900000e+01 : f32
// CHECK:       %[[ATMOSTZERO:.*]] = arith.minimumf %{{.*}}, %{{.*}} : f32
// CHECK:       arith.maximumf %[[ATMOSTZERO]], %[[LOWEST]] : f32
// CHECK-NOT:   arith.minimumf
// CHECK-NOT:   arith.shrsi
// CHECK:       arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK:       %[[ATMOSTONE:.*]] = arith.minimumf %{{.*}}, %{{.*}} : f32
// CHECK:       %[[UP:.*]] = arith.maximumf %[[ATMOSTONE]], %[[LOWEST]] : f32
// CHECK:       arith.minimumf %[[UP]], %[[HIGHEST]] : f32
// CHECK:       arith.shrsi
// CHECK:       return
func.func @exp_of_bounded(%x: f32) -> (f32, f32) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %s = arith.minimumf %x, %zero : f32
  %e = math.exp %s : f32
  %t = arith.minimumf %x, %one : f32
  %f = math.exp %t : f32
  return %e, %f : f32, f32
}

// sin and cos reduce their argument exactly, in f64: nine pieces of 2/pi,
// the quadrant by rounding, and f32 again at the end (AccurateMath.cpp).
// CHECK-LABEL: func.func @sine_cosine
// CHECK:       arith.extf %{{.*}} : f32 to f64
// CHECK-COUNT-9: arith.mulf %{{.*}}, %{{.*}} : f64
// CHECK:       math.roundeven %{{.*}} : f64
// CHECK:       arith.truncf %{{.*}} : f64 to f32
// CHECK:       arith.truncf %{{.*}} : f64 to f32
// CHECK-NOT:   math.sin
// CHECK-NOT:   math.cos
// CHECK:       return
func.func @sine_cosine(%x: f32) -> (f32, f32) {
  %s = math.sin %x : f32
  %c = math.cos %x : f32
  return %s, %c : f32, f32
}

// tanh and erf are Kiln's piecewise polynomials (AccurateMath.cpp). tanh:
// |x| + |x|^3 P(x^2) below 0.55, else 1 - 2 / (exp(2|x|) + 1) with 2^k as
// one factor; x's sign, and NaN put back. erf: a polynomial in x^2 below 1,
// else 1 - Q(|x| - 2.46) with |x| clamped at 3.92; x's sign.
// CHECK-LABEL: func.func @tanh_erf
// CHECK-DAG:   %[[TEN:.*]] = arith.constant 1.000000e+01 : f32
// CHECK-DAG:   %[[SWITCH:.*]] = arith.constant 5.500000e-01 : f32
// CHECK-DAG:   %[[TOP:.*]] = arith.constant 3.920000e+00 : f32
// CHECK-DAG:   %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:       %[[A:.*]] = arith.minnumf %{{.*}}, %[[TEN]] : f32
// CHECK:       %[[SMALL:.*]] = math.fma %{{.*}}, %{{.*}}, %[[A]] : f32
// CHECK:       arith.shli
// CHECK-NOT:   arith.shli
// CHECK:       %[[E1:.*]] = arith.addf %{{.*}}, %[[ONE]] : f32
// CHECK:       %[[Q:.*]] = arith.divf %{{.*}}, %[[E1]] : f32
// CHECK:       %[[LARGE:.*]] = arith.subf %[[ONE]], %[[Q]] : f32
// CHECK:       %[[LOW:.*]] = arith.cmpf olt, %[[A]], %[[SWITCH]] : f32
// CHECK:       %[[T:.*]] = arith.select %[[LOW]], %[[SMALL]], %[[LARGE]] : f32
// CHECK:       %[[SIGNED:.*]] = math.copysign %[[T]], %[[X:.*]] : f32
// CHECK:       %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK:       %[[TANH:.*]] = arith.select %[[NAN]], %[[X]], %[[SIGNED]] : f32
// CHECK:       %[[B:.*]] = arith.minimumf %{{.*}}, %[[TOP]] : f32
// CHECK:       %[[TAIL:.*]] = arith.subf %[[ONE]], %{{.*}} : f32
// CHECK:       %[[BELOW1:.*]] = arith.cmpf olt, %[[B]], %[[ONE]] : f32
// CHECK:       %[[R:.*]] = arith.select %[[BELOW1]], %{{.*}}, %[[TAIL]] : f32
// CHECK:       %[[ERF:.*]] = math.copysign %[[R]], %[[X]] : f32
// CHECK:       return %[[TANH]], %[[ERF]]
func.func @tanh_erf(%x: f32) -> (f32, f32) {
  %t = math.tanh %x : f32
  %r = math.erf %x : f32
  return %t, %r : f32, f32
}

// A NaN argument goes through exp's clamps (NaN-propagating) and its
// polynomial and comes out NaN, with no select on the input at the end:
// k's conversion to an integer is frozen, so that the poison fptosi makes
// of a NaN k cannot make the result poison.
// CHECK-LABEL: func.func @exp_of_nan
// CHECK:       %[[K:.*]] = arith.fptosi %{{.*}} : f32 to i32
// CHECK-NEXT:  llvm.freeze %[[K]] : i32
// CHECK-NOT:   arith.cmpf uno
// CHECK-NOT:   arith.select
// CHECK:       return
func.func @exp_of_nan(%x: f32) -> f32 {
  %e = math.exp %x : f32
  return %e : f32
}

// The minimum and maximum of two values that vary become x86's
// compare-selects both ways round, joined as bits (MinMaxOfVariables.cpp):
// the or of the two minima; for the maximum the or of the two maxima with
// the and of their sign bits. Against a constant, and a loop's running
// maximum (a reduction LLVM's vectorizer recognizes), they stay.
// CHECK-LABEL: func.func @min_max_of_variables
// CHECK-DAG:   %[[SIGN:.*]] = arith.constant dense<-2147483648> : vector<8xi32>
// CHECK:       %[[LT:.*]] = arith.cmpf olt, %[[A:.*]], %[[B:.*]] : vector<8xf32>
// CHECK:       %[[M1:.*]] = arith.select %[[LT]], %[[A]], %[[B]] : vector<8xi1>, vector<8xf32>
// CHECK:       %[[LT2:.*]] = arith.cmpf olt, %[[B]], %[[A]] : vector<8xf32>
// CHECK:       %[[M2:.*]] = arith.select %[[LT2]], %[[B]], %[[A]] : vector<8xi1>, vector<8xf32>
// CHECK:       %[[MIN:.*]] = arith.ori %{{.*}}, %{{.*}} : vector<8xi32>
// CHECK:       arith.bitcast %[[MIN]] : vector<8xi32> to vector<8xf32>
// CHECK:       arith.cmpf ogt, %[[A]], %[[B]] : vector<8xf32>
// CHECK:       arith.cmpf ogt, %[[B]], %[[A]] : vector<8xf32>
// CHECK:       %[[EITHER:.*]] = arith.ori %[[X1:.*]], %[[X2:.*]] : vector<8xi32>
// CHECK:       %[[DIFF:.*]] = arith.xori %[[X1]], %[[X2]] : vector<8xi32>
// CHECK:       %[[SIGNS:.*]] = arith.andi %[[DIFF]], %[[SIGN]] : vector<8xi32>
// CHECK:       %[[MAX:.*]] = arith.xori %[[EITHER]], %[[SIGNS]] : vector<8xi32>
// CHECK:       arith.bitcast %[[MAX]] : vector<8xi32> to vector<8xf32>
// CHECK:       arith.maximumf %[[A]], %{{.*}} : vector<8xf32>
// CHECK:       scf.for
// CHECK:       arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK:       return
func.func @min_max_of_variables(%a: vector<8xf32>, %b: vector<8xf32>,
                                %row: memref<64xf32>)
    -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, f32) {
  %zero = arith.constant dense<0.0> : vector<8xf32>
  %min = arith.minimumf %a, %b : vector<8xf32>
  %max = arith.maximumf %a, %b : vector<8xf32>
  %relu = arith.maximumf %a, %zero : vector<8xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %ninf = arith.constant 0xFF800000 : f32
  %largest = scf.for %i = %c0 to %c64 step %c1 iter_args(%m = %ninf) -> (f32) {
    %x = memref.load %row[%i] : memref<64xf32>
    %next = arith.maximumf %m, %x : f32
    scf.yield %next : f32
  }
  return %min, %max, %relu, %largest : vector<8xf32>, vector<8xf32>, vector<8xf32>, f32
}
