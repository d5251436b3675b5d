// Softmax rows with streaming stores, next-row prefetches and two rows in flight
// (KernelEmitterRow.cpp): the same numbers as the reference interpreter, and
// the same bits at 1 and 2 threads. Rows of 4097 floats start off a cache
// line, so each row also has ordinarily stored ends.
// RUN: rm -rf %t
// RUN: kilnc --emit=llvm %s | FileCheck %s
// CHECK: store <16 x float> {{.*}}, align 64, {{.*}}!nontemporal
// CHECK: prefetch
// RUN: kiln-run %s --seed 5 --threads 1 --out %t/t1
// RUN: kiln-run %s --seed 5 --threads 2 --out %t/t2
// RUN: kiln-run %s --seed 5 --reference --out %t/ref
// RUN: %python -c "import sys, numpy as np; d = sys.argv[1]; n = int(sys.argv[2]); ok = [np.array_equal(np.load(d + \"/t1/result\" + str(i) + \".npy\"), np.load(d + \"/t2/result\" + str(i) + \".npy\")) and np.allclose(np.load(d + \"/t1/result\" + str(i) + \".npy\"), np.load(d + \"/ref/result\" + str(i) + \".npy\"), rtol=1e-5, atol=1e-6) for i in range(n)]; print(\"results ok\" if all(ok) else \"mismatch \" + str(ok))" %t 1 | FileCheck %s --check-prefix=NUMERICS
// NUMERICS: results ok
func.func @main(%x: tensor<2049x4097xf32>) -> tensor<2049x4097xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<2049x4097xf32>, tensor<f32>) -> tensor<2049xf32>
  %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<2049xf32>) -> tensor<2049x4097xf32>
  %shifted = hlo.subtract %x, %maxb : tensor<2049x4097xf32>
  %e = hlo.exponential %shifted : tensor<2049x4097xf32>
  %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<2049x4097xf32>, tensor<f32>) -> tensor<2049xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<2049xf32>) -> tensor<2049x4097xf32>
  %y = hlo.divide %e, %sumb : tensor<2049x4097xf32>
  return %y : tensor<2049x4097xf32>
}
