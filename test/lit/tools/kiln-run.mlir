// kiln-run prints results in NumPy's style, natively and with --reference,
// from --input files or from --seed; --out writes .npy files; --bench ends
// with one summary line.

// RUN: %python %S/Inputs/fs.py rm %t && %python %S/Inputs/fs.py mkdir %t
// RUN: %python -c "import numpy as np; np.save(r'%t/x.npy', np.array([[1, -2, 0.5], [3, 4, 1e-3]], np.float32)); np.save(r'%t/y.npy', np.array([[2, 2, 2], [-1, 0.25, 1000]], np.float32))"
// RUN: kiln-run %s --input %t/x.npy --input %t/y.npy | FileCheck %s --check-prefix=PRINT --strict-whitespace
// RUN: kiln-run %s --reference --input %t/x.npy --input %t/y.npy | FileCheck %s --check-prefix=PRINT --strict-whitespace
// x + y and x * y by hand, laid out as NumPy prints them (print(x + y)).
// PRINT:      {{^}}result0: tensor<2x3xf32>{{$}}
// PRINT-NEXT: {{^\[\[}}   3.       0.       2.5  ]{{$}}
// PRINT-NEXT: {{^}} [   2.       4.25  1000.001]]{{$}}
// PRINT-NEXT: {{^}}result1: tensor<2x3xf32>{{$}}
// PRINT-NEXT: {{^\[\[}} 2. -4.  1.]{{$}}
// PRINT-NEXT: {{^}} [-3.  1.  1.]]{{$}}
// PRINT-NEXT: latency: run_ms={{[0-9.]+}} compile_ms={{[0-9.]+}} cache={{hit|miss|off}}

// --out writes result0.npy and result1.npy, which NumPy reads back.
// RUN: kiln-run %s --input %t/x.npy --input %t/y.npy --out %t/out | FileCheck %s --check-prefix=OUT
// OUT-NOT: result0
// RUN: %python -c "import numpy as np; a = np.load(r'%t/out/result0.npy'); b = np.load(r'%t/out/result1.npy'); print(a.dtype, a.shape, a.tolist(), b.tolist())" | FileCheck %s --check-prefix=NPY
// NPY: float32 (2, 3) {{\[\[}}3.0, 0.0, 2.5], [2.0, 4.25, 1000.0009765625]] {{\[\[}}2.0, -4.0, 1.0], [-3.0, 1.0, 1.0]]

// --seed draws the same inputs for native code and the interpreter, and
// different seeds draw different inputs.
// RUN: kiln-run %s --seed 7 --out %t/native7
// RUN: kiln-run %s --seed 7 --reference --out %t/reference7
// RUN: kiln-run %s --out %t/native0
// RUN: %python -c "import numpy as np; l = lambda d: np.load(r'%t/' + d + '/result0.npy'); a, b, c = l('native7'), l('reference7'), l('native0'); print(np.array_equal(a, b), np.array_equal(a, c), np.abs(a).max() < 2)" | FileCheck %s --check-prefix=SEED
// SEED: True False True

// RUN: kiln-run %s --bench 5 | FileCheck %s --check-prefix=BENCH
// RUN: kiln-run %s --bench 2 --reference | FileCheck %s --check-prefix=BENCH2
// BENCH: result1: tensor<2x3xf32>
// BENCH: {{^}}bench: runs=5 min_ms={{[0-9]+\.[0-9]+}} median_ms={{[0-9]+\.[0-9]+}}{{$}}
// BENCH-EMPTY:
// BENCH2: {{^}}bench: runs=2 min_ms={{[0-9]+\.[0-9]+}} median_ms={{[0-9]+\.[0-9]+}}{{$}}

func.func @main(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = hlo.add %x, %y : tensor<2x3xf32>
  %1 = hlo.multiply %x, %y : tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}
