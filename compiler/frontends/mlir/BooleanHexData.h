//===- BooleanHexData.h - i1 hex data of newer MLIR, read by MLIR 19 -*- C++
//-*-//
//
// MLIR 20 and later (and so StableHLO and jax.export today) print the hex
// data of an i1 tensor (`dense<"0x0001..."> : tensor<8xi1>`) with one byte
// per element; MLIR 19, which Kiln parses with, wants the bits packed eight
// to a byte and rejects the file. Kiln re-encodes such data before parsing.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_FRONTENDS_MLIR_BOOLEANHEXDATA_H
#define KILN_COMPILER_FRONTENDS_MLIR_BOOLEANHEXDATA_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace kiln {

/// `text` with every `dense<"0x..."> : tensor<...xi1>` whose hex data holds
/// one byte (00 or 01) per element packed as MLIR 19 reads it (element i
/// in bit i % 8 of byte i / 8), padded with spaces after the closing quote
/// so that every later line and column stays where it was; nothing when
/// `text` has no such data.
std::optional<std::string> packByteBooleans(llvm::StringRef text);

} // namespace kiln

#endif // KILN_COMPILER_FRONTENDS_MLIR_BOOLEANHEXDATA_H
