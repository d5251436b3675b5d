//===- CacheEntryText.h - The text of compile cache entries -----*- C++ -*-===//
//
// Compile cache entries (CompileCache.cpp) and kiln-run's quick-start
// entries (tools/kiln-run/QuickStart.cpp) are text lines followed by
// bytes, written in order and read back by a reader that fails for good
// at the first field out of place. Without LLVM: kiln-run's launcher reads
// quick-start entries and must not load it.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_CACHEENTRYTEXT_H
#define KILN_COMPILER_CACHEENTRYTEXT_H

#include "runtime/HostTensor.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiln {

/// `text` as a decimal number: digits only, no leading zero but in "0", at
/// most 19 digits; nullopt for anything else.
inline std::optional<uint64_t> parsePlainDecimal(std::string_view text) {
  if (text.empty() || text.size() > 19 || (text.size() > 1 && text[0] == '0'))
    return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

/// Reads an entry's fields in order; any mismatch makes it fail for good.
class CacheEntryReader {
public:
  explicit CacheEntryReader(std::string_view text) : rest(text) {}

  bool ok() const { return good; }
  void invalidate() { good = false; }
  bool atEnd() const { return rest.empty(); }

  /// Consumes `literal` exactly.
  void expect(std::string_view literal) {
    if (!good || rest.substr(0, literal.size()) != literal)
      invalidate();
    else
      rest.remove_prefix(literal.size());
  }
  /// A decimal integer (a '-' allowed), then one separator character.
  int64_t integer() {
    bool negative = good && !rest.empty() && rest[0] == '-';
    if (negative)
      rest.remove_prefix(1);
    size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9')
      ++digits;
    std::optional<uint64_t> value =
        good ? parsePlainDecimal(rest.substr(0, digits)) : std::nullopt;
    if (!value || *value > static_cast<uint64_t>(INT64_MAX) ||
        digits >= rest.size())
      return fail();
    rest.remove_prefix(digits + 1); // The number and ' ' or '\n'.
    return negative ? -static_cast<int64_t>(*value)
                    : static_cast<int64_t>(*value);
  }
  /// A count of something, bounded by what the entry could hold.
  size_t count() {
    int64_t value = integer();
    if (value < 0 || static_cast<uint64_t>(value) > rest.size())
      return fail();
    return static_cast<size_t>(value);
  }
  /// `<len>:<bytes>`, then one separator character.
  std::string string() {
    size_t colon = good ? rest.find(':') : std::string_view::npos;
    std::optional<uint64_t> size =
        colon != std::string_view::npos
            ? parsePlainDecimal(rest.substr(0, colon))
            : std::nullopt;
    if (!size || *size >= rest.size() - colon - 1)
      return fail(), std::string();
    std::string value(rest.substr(colon + 1, *size));
    rest.remove_prefix(colon + 1 + *size + 1);
    return value;
  }
  /// The next `size` bytes.
  std::string bytes(size_t size) {
    if (!good || size > rest.size())
      return fail(), std::string();
    std::string value(rest.substr(0, size));
    rest.remove_prefix(size);
    return value;
  }

private:
  int64_t fail() {
    invalidate();
    return 0;
  }

  std::string_view rest;
  bool good = true;
};

/// `<what> <n>`, then per tensor: `<element type> <rank> <dims...>`, each
/// on its own line. Names are not stored: they are the graph's.
inline void writeTensorSpecs(std::string &text, std::string_view what,
                             const std::vector<TensorSpec> &specs) {
  text += std::string(what) + " " + std::to_string(specs.size()) + "\n";
  for (const TensorSpec &spec : specs) {
    text += std::to_string(static_cast<int>(spec.elementType)) + " " +
            std::to_string(spec.shape.size());
    for (int64_t dim : spec.shape)
      text += " " + std::to_string(dim);
    text += "\n";
  }
}

/// What writeTensorSpecs wrote; empty, with `in` failed, on a mismatch.
inline std::vector<TensorSpec> readTensorSpecs(CacheEntryReader &in,
                                               std::string_view what) {
  in.expect(what);
  in.expect(" ");
  std::vector<TensorSpec> specs(in.count());
  for (TensorSpec &spec : specs) {
    int64_t type = in.integer();
    if (type < 0 || type > static_cast<int64_t>(ElementType::UI64))
      in.invalidate();
    spec.elementType = static_cast<ElementType>(type);
    spec.shape.resize(in.count());
    for (int64_t &dim : spec.shape)
      dim = in.integer();
    if (!in.ok())
      return {};
  }
  return specs;
}

} // namespace kiln

#endif // KILN_COMPILER_CACHEENTRYTEXT_H
