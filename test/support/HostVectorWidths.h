//===- HostVectorWidths.h - Each vector width this host runs ----*- C++ -*-===//
//
// Tests of the tiled kernels compile each graph once per vector width the
// host can run, through `--mattr`-style feature lists: the kernels' sizes
// and the instructions LLVM emits both follow the width.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SUPPORT_HOSTVECTORWIDTHS_H
#define KILN_TEST_SUPPORT_HOSTVECTORWIDTHS_H

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

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

} // namespace kiln::testing

#endif // KILN_TEST_SUPPORT_HOSTVECTORWIDTHS_H
