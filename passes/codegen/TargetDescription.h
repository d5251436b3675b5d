//===- TargetDescription.h - What kernels are sized for ---------*- C++ -*-===//
//
// The one description of the machine that kernel structures read: vector
// width and register count, cache sizes. Taken from the host unless a pass
// option or the compiler's target flags say otherwise, so that a kernel's
// tiles fit the machine it runs on rather than the one it was tuned on.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_TARGETDESCRIPTION_H
#define KILN_PASSES_CODEGEN_TARGETDESCRIPTION_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace kiln {

struct TargetDescription {
  /// Bits of the widest vector register kernels use: 512 with AVX-512F,
  /// 256 with AVX2, else 128.
  int64_t vectorBits = 256;
  /// Vector registers of that width (32 with AVX-512, else 16).
  int64_t vectorRegisters = 16;
  /// Data cache bytes per core.
  int64_t l1Bytes = 32 * 1024;
  int64_t l2Bytes = 512 * 1024;

  /// Elements of `elementBytes` bytes in one vector register.
  int64_t lanes(int64_t elementBytes) const {
    return vectorBits / 8 / elementBytes;
  }

  /// The description of a CPU that has the LLVM target features for which
  /// `has` is true, with the default cache sizes.
  static TargetDescription
  fromFeatures(llvm::function_ref<bool(llvm::StringRef)> has);
  /// The host: its features and the cache sizes the OS reports.
  static TargetDescription host();
  /// This description with `vectorBits`-wide vectors (512, 256 or 128) and
  /// the registers of that width.
  TargetDescription withVectorBits(int64_t vectorBits) const;
};

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_TARGETDESCRIPTION_H
