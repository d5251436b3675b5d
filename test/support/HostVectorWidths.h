//===- HostVectorWidths.h - Each vector width this host runs ----*- C++ -*-===//
//
// Tests of the tiled kernels compile each graph once per vector width the
// host can run, through `--mattr`-style feature lists (the kernels' sizes
// and the instructions LLVM emits both follow the width), and run it at
// several thread counts.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SUPPORT_HOSTVECTORWIDTHS_H
#define KILN_TEST_SUPPORT_HOSTVECTORWIDTHS_H

#include "test/support/CompileText.h"
#include "test/support/NumericsCompare.h"
#include "test/support/ReferenceRun.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

#include <functional>
#include <string>
#include <vector>

namespace kiln::testing {

/// One vector width and the target features that select it.
struct VectorWidth {
  int bits;
  std::string features;
};

/// 128 bits always, 256 with AVX2 and FMA, 512 with AVX-512F.
inline std::vector<VectorWidth> hostVectorWidths() {
  llvm::StringMap<bool> host = llvm::sys::getHostCPUFeatures();
  std::vector<VectorWidth> widths = {{128, "-avx2,-avx512f"}};
  if (host.lookup("avx2") && host.lookup("fma"))
    widths.push_back({256, "-avx512f"});
  if (host.lookup("avx512f"))
    widths.push_back({512, ""});
  return widths;
}

/// Compiles `text` at each vector width the host runs, runs it on `inputs`
/// at 1, 2 and 3 threads, then again with the weights declared unchanged
/// (the first call fills the packed weights cache, the next two read it),
/// and hands each call's results to `check`, under traces naming the
/// width, the thread count and the cache.
inline void runAtEachWidthAndThreadCount(
    mlir::MLIRContext &context, const std::string &text,
    const std::vector<HostTensor> &inputs,
    const std::function<void(const std::vector<HostTensor> &)> &check) {
  for (const VectorWidth &width : hostVectorWidths()) {
    SCOPED_TRACE(std::to_string(width.bits) + "-bit vectors");
    CompileOptions options;
    options.target.features = width.features;
    std::unique_ptr<Executable> executable =
        compileText(context, text, options);
    ASSERT_TRUE(executable);
    for (bool weightsUnchanged : {false, true})
      for (int threads : {1, 2, 3}) {
        SCOPED_TRACE(std::to_string(threads) + " threads" +
                     (weightsUnchanged ? ", weights unchanged" : ""));
        RunOptions run;
        run.threads = threads;
        run.weightsUnchanged = weightsUnchanged;
        auto results = executable->run(inputs, run);
        ASSERT_TRUE(bool(results)) << llvm::toString(results.takeError());
        check(*results);
      }
  }
}

/// Runs `text` on random inputs drawn from `seed` at each vector width and
/// thread count (runAtEachWidthAndThreadCount) and expects its first
/// result bit for bit the reference interpreter's.
inline void expectInterpreterBitsAtEachWidth(const std::string &text,
                                             uint64_t seed) {
  mlir::MLIRContext context;
  auto run = interpretRandomInputs(context, text, seed);
  ASSERT_TRUE(run);
  const HostTensor &reference = run->results[0];
  runAtEachWidthAndThreadCount(
      context, text, run->inputs, [&](const std::vector<HostTensor> &native) {
        EXPECT_TRUE(sameBits(native[0], reference))
            << compareTensors(native[0], reference, sameValue);
      });
}

} // namespace kiln::testing

#endif // KILN_TEST_SUPPORT_HOSTVECTORWIDTHS_H
