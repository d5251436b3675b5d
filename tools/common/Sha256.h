//===- Sha256.h - SHA-256 without LLVM --------------------------*- C++ -*-===//
//
// FIPS 180-4 SHA-256 for the parts of the tools that must not load LLVM
// (kiln-run's quick start, tools/kiln-run/QuickStart.h). The compiler uses
// llvm::SHA256; a unit test checks that both give the same digests.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TOOLS_COMMON_SHA256_H
#define KILN_TOOLS_COMMON_SHA256_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiln {

class Sha256 {
public:
  Sha256();

  void update(std::string_view bytes);
  /// The digest of everything updated so far, as 64 lowercase hex digits.
  /// The hasher is spent afterwards.
  std::string finalHex();

  /// The hex digest of `bytes`.
  static std::string hex(std::string_view bytes);

private:
  void compressBlock(const uint8_t *block);

  std::array<uint32_t, 8> state;
  std::array<uint8_t, 64> pending;
  size_t pendingSize = 0;
  uint64_t totalBytes = 0;
};

} // namespace kiln

#endif // KILN_TOOLS_COMMON_SHA256_H
