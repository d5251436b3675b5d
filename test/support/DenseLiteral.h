//===- DenseLiteral.h - A tensor as a dense literal of graph text -*- C++
//-*-===//
//
// Tests and benchmarks that write a constant into a graph's text, as a
// model holds its weights, write its bytes in MLIR's hex form: exact for
// every float, and short to parse.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SUPPORT_DENSELITERAL_H
#define KILN_TEST_SUPPORT_DENSELITERAL_H

#include "runtime/HostTensor.h"

#include "llvm/ADT/StringExtras.h"

#include <string>

namespace kiln::testing {

/// `dense<"0x...">`: `tensor`'s bytes, for `hlo.constant ... : <its type>`.
inline std::string denseHexLiteral(const HostTensor &tensor) {
  llvm::ArrayRef<uint8_t> bytes(static_cast<const uint8_t *>(tensor.data()),
                                tensor.sizeInBytes());
  return "dense<\"0x" + llvm::toHex(bytes) + "\">";
}

} // namespace kiln::testing

#endif // KILN_TEST_SUPPORT_DENSELITERAL_H
