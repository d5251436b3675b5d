// Layer norm rows beyond the caches (KernelEmitterRow.cpp): two rows in
// flight, each row's outputs (x - mean recomputed from the row, still in
// cache) streamed during the next row's second reduction. The same numbers
// as the reference interpreter, and the same bits at 1, 2 and 3 threads.
// Rows of 4097 floats start off a cache line, so each row also has
// ordinarily stored ends.
// RUN: rm -rf %t
// RUN: kilnc --emit=llvm %s | FileCheck %s
// CHECK: store <16 x float> {{.*}}, align 64, {{.*}}!nontemporal
// CHECK: prefetch
// RUN: kiln-run %s --seed 7 --threads 1 --out %t/t1
// RUN: kiln-run %s --seed 7 --threads 2 --out %t/t2
// RUN: kiln-run %s --seed 7 --threads 3 --out %t/t3
// RUN: kiln-run %s --seed 7 --reference --out %t/ref
// RUN: %python -c "import sys, numpy as np; d = sys.argv[1]; t = [np.load(d + \"/t\" + str(i) + \"/result0.npy\") for i in (1, 2, 3)]; ref = np.load(d + \"/ref/result0.npy\"); print(\"results ok\" if np.array_equal(t[0], t[1]) and np.array_equal(t[0], t[2]) and np.allclose(t[0], ref, rtol=1e-5, atol=1e-5) else \"mismatch\")" %t | FileCheck %s --check-prefix=NUMERICS
// NUMERICS: results ok
func.func @main(%x: tensor<2049x4097xf32>, %gamma: tensor<4097xf32>,
                %beta: tensor<4097xf32>) -> tensor<2049x4097xf32> {
  %zero = hlo.constant dense<0.000000e+00> : tensor<f32>
  %n = hlo.constant dense<4.097000e+03> : tensor<2049xf32>
  %eps = hlo.constant dense<9.99999974E-6> : tensor<2049xf32>
  %sum = hlo.reduce(%x init: %zero) applies hlo.add across dimensions = [1] : (tensor<2049x4097xf32>, tensor<f32>) -> tensor<2049xf32>
  %mean = hlo.divide %sum, %n : tensor<2049xf32>
  %meanb = hlo.broadcast_in_dim %mean, dims = [0] : (tensor<2049xf32>) -> tensor<2049x4097xf32>
  %centered = hlo.subtract %x, %meanb : tensor<2049x4097xf32>
  %sq = hlo.multiply %centered, %centered : tensor<2049x4097xf32>
  %sqsum = hlo.reduce(%sq init: %zero) applies hlo.add across dimensions = [1] : (tensor<2049x4097xf32>, tensor<f32>) -> tensor<2049xf32>
  %var = hlo.divide %sqsum, %n : tensor<2049xf32>
  %vareps = hlo.add %var, %eps : tensor<2049xf32>
  %inv = hlo.rsqrt %vareps : tensor<2049xf32>
  %invb = hlo.broadcast_in_dim %inv, dims = [0] : (tensor<2049xf32>) -> tensor<2049x4097xf32>
  %norm = hlo.multiply %centered, %invb : tensor<2049x4097xf32>
  %g = hlo.broadcast_in_dim %gamma, dims = [1] : (tensor<4097xf32>) -> tensor<2049x4097xf32>
  %b = hlo.broadcast_in_dim %beta, dims = [1] : (tensor<4097xf32>) -> tensor<2049x4097xf32>
  %scaled = hlo.multiply %norm, %g : tensor<2049x4097xf32>
  %y = hlo.add %scaled, %b : tensor<2049x4097xf32>
  return %y : tensor<2049x4097xf32>
}
