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
