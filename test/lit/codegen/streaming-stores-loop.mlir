// Streaming stores (KernelEmitterStream.cpp) give the same numbers as the
// reference interpreter, and the same bits at 1 and 2 threads, where the
// rows start off a cache line (columns before and after the whole lines are
// stored the ordinary way), where rows are shorter than a line, and where
// tasks split one long row at arbitrary elements. Each output is over
// 32 MiB, so it streams.
// RUN: rm -rf %t
// RUN: kilnc --emit=llvm %s | FileCheck %s
// CHECK: define {{.*}} @kernel_0_task(
// CHECK: store <16 x float> {{.*}}, align 64, {{.*}}!nontemporal
// CHECK: define {{.*}} @kernel_1_task(
// CHECK: store <16 x float> {{.*}}, align 64, {{.*}}!nontemporal
// CHECK: define {{.*}} @kernel_2_task(
// CHECK: store <16 x float> {{.*}}, align 64, {{.*}}!nontemporal
// RUN: kiln-run %s --seed 3 --threads 1 --out %t/t1
// RUN: kiln-run %s --seed 3 --threads 2 --out %t/t2
// RUN: kiln-run %s --seed 3 --reference --out %t/ref
// RUN: %python -c "import sys, numpy as np; d = sys.argv[1]; n = int(sys.argv[2]); ok = [np.array_equal(np.load(d + \"/t1/result\" + str(i) + \".npy\"), np.load(d + \"/t2/result\" + str(i) + \".npy\")) and np.allclose(np.load(d + \"/t1/result\" + str(i) + \".npy\"), np.load(d + \"/ref/result\" + str(i) + \".npy\"), rtol=1e-5, atol=1e-6) for i in range(n)]; print(\"results ok\" if all(ok) else \"mismatch \" + str(ok))" %t 3 | FileCheck %s --check-prefix=NUMERICS
// NUMERICS: results ok
func.func @main(%a: tensor<2049x4097xf32>, %b: tensor<2049x4097xf32>,
                %c: tensor<8388609xf32>, %d: tensor<4194305x2xf32>)
    -> (tensor<2049x4097xf32>, tensor<8388609xf32>, tensor<4194305x2xf32>) {
  %s = hlo.add %a, %b : tensor<2049x4097xf32>
  %e = hlo.exponential %s : tensor<2049x4097xf32>
  %t = hlo.tanh %c : tensor<8388609xf32>
  %n = hlo.negate %d : tensor<4194305x2xf32>
  return %e, %t, %n : tensor<2049x4097xf32>, tensor<8388609xf32>, tensor<4194305x2xf32>
}
