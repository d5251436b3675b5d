//===- BooleanHexData.cpp - i1 hex data of newer MLIR, read by MLIR 19 ----===//
//
// A scan of the text, not a parse: it looks for `dense<"0x` and reads the
// type after the attribute's `>` and `:`. Anything that does not fit the
// pattern exactly (another element type, a dynamic or unranked type, a byte
// other than 00 or 01, a size that is not one byte per element) is left
// for MLIR's parser to accept or report.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontends/mlir/BooleanHexData.h"

#include "llvm/ADT/StringExtras.h"

#include <cstdint>

namespace kiln {

namespace {

/// The element count of the `tensor<AxBx...xi1>` at the front of `text`
/// (after whitespace), or nothing for any other type.
std::optional<uint64_t> booleanElementCount(llvm::StringRef text) {
  text = text.ltrim();
  if (!text.consume_front("tensor<"))
    return std::nullopt;
  uint64_t count = 1;
  while (!text.empty() && llvm::isDigit(text.front())) {
    uint64_t size = 0;
    if (text.consumeInteger(10, size) || !text.consume_front("x"))
      return std::nullopt;
    if (size != 0 && count > UINT64_MAX / size)
      return std::nullopt;
    count *= size;
  }
  if (!text.consume_front("i1>"))
    return std::nullopt;
  return count;
}

} // namespace

std::optional<std::string> packByteBooleans(llvm::StringRef text) {
  static constexpr llvm::StringLiteral kOpen = "dense<\"0x";
  std::string result;
  bool changed = false;
  size_t copied = 0;
  for (size_t at = text.find(kOpen); at != llvm::StringRef::npos;
       at = text.find(kOpen, at + 1)) {
    size_t hexBegin = at + kOpen.size();
    size_t hexEnd = text.find('"', hexBegin);
    if (hexEnd == llvm::StringRef::npos)
      break;
    llvm::StringRef hex = text.slice(hexBegin, hexEnd);
    llvm::StringRef rest = text.drop_front(hexEnd + 1).ltrim();
    if (!rest.consume_front(">"))
      continue;
    rest = rest.ltrim();
    if (!rest.consume_front(":"))
      continue;
    std::optional<uint64_t> count = booleanElementCount(rest);
    if (!count || *count < 2 || hex.size() != 2 * *count)
      continue;
    std::string packed((*count + 7) / 8, '\0');
    bool bytes = true;
    for (uint64_t i = 0; i < *count && bytes; ++i) {
      llvm::StringRef byte = hex.substr(2 * i, 2);
      if (byte == "01")
        packed[i / 8] = static_cast<char>(packed[i / 8] | (1 << (i % 8)));
      else if (byte != "00")
        bytes = false;
    }
    if (!bytes)
      continue;
    std::string packedHex = llvm::toHex(packed);
    result.append(text.slice(copied, hexBegin).str());
    result.append(packedHex);
    result.push_back('"');
    // The spaces keep the rest of the line at its columns.
    result.append(hex.size() - packedHex.size(), ' ');
    copied = hexEnd + 1;
    changed = true;
  }
  if (!changed)
    return std::nullopt;
  result.append(text.drop_front(copied).str());
  return result;
}

} // namespace kiln
