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
