// --weights-unchanged declares the weights the graph packs (here %w)
// unchanged across runs: the first run keeps them packed and --bench's
// timed runs reuse them. The results are the interpreter's, and the quick
// start launcher leaves the flag to the full tool, which reads it.
// RUN: %python %S/Inputs/fs.py rm %t && %python %S/Inputs/fs.py mkdir %t
// RUN: kiln-run %s --seed 3 --reference > %t/reference
// RUN: kiln-run %s --seed 3 --weights-unchanged > %t/native
// RUN: %python %S/Inputs/results.py %t/reference %t/native | FileCheck %s --check-prefix=SAME
// RUN: kiln-run %s --seed 3 --weights-unchanged --bench 3 | FileCheck %s --check-prefix=BENCH
// RUN: not kiln-run %s --weights-unchanged=maybe 2>&1 | FileCheck %s --check-prefix=BAD

// SAME: same
// BENCH: {{^}}bench: runs=3 min_ms={{[0-9]+\.[0-9]+}} median_ms={{[0-9]+\.[0-9]+}}{{$}}
// BAD: weights-unchanged
func.func @main(%x: tensor<9x40xf32>, %w: tensor<40x70xf32>) -> tensor<9x70xf32> {
  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<9x40xf32>, tensor<40x70xf32>) -> tensor<9x70xf32>
  return %0 : tensor<9x70xf32>
}
