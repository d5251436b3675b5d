//===- Npy.cpp - Reading and writing NumPy .npy files ---------------------===//
//
// The format: the magic "\x93NUMPY", a major and minor version byte, the
// header length (2 bytes little-endian in version 1, 4 bytes in 2 and 3), and
// the header, a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// padded with spaces and a newline so that the data starts 64-byte aligned.
//
//===----------------------------------------------------------------------===//

#include "tools/common/Npy.h"

#include "tools/common/OutputFile.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace kiln {
namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              ".npy data is read and written as little-endian host memory");

const char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
/// NumPy writes headers of a few hundred bytes; a longer one is corrupt.
constexpr uint64_t kMaxHeaderBytes = 1 << 20;

/// The most data a .npy file may declare: this machine's memory.
uint64_t maxDataBytes() {
  long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  return pages > 0 && pageSize > 0 ? uint64_t(pages) * uint64_t(pageSize)
                                   : uint64_t(1) << 40;
}

/// The parsed header dict.
struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
};

/// A recursive-descent parser for the small subset of Python literals that
/// .npy headers use: a dict of string keys to strings, booleans and tuples of
/// integers. `offset` is where the header starts in the file, so that an
/// error names the byte of the file where parsing stopped.
class HeaderParser {
public:
  HeaderParser(std::string text, size_t offset)
      : text(std::move(text)), offset(offset) {}

  bool parse(NpyHeader &header, std::string &error) {
    bool sawDescr = false, sawOrder = false, sawShape = false;
    if (!consume('{'))
      return fail("header is not a dict", error);
    while (!consume('}')) {
      std::string key;
      if (!parseString(key) || !consume(':'))
        return fail("malformed header dict", error);
      if (key == "descr") {
        if (!parseString(header.descr))
          return fail("'descr' is not a string", error);
        sawDescr = true;
      } else if (key == "fortran_order") {
        if (!parseBool(header.fortranOrder))
          return fail("'fortran_order' is not True or False", error);
        sawOrder = true;
      } else if (key == "shape") {
        if (!parseShape(header.shape, error))
          return false;
        sawShape = true;
      } else {
        return fail("unexpected header key '" + key + "'", error);
      }
      // Python allows a trailing comma, and NumPy writes one.
      if (!consume(',') && !peek('}'))
        return fail("malformed header dict", error);
    }
    if (!sawDescr || !sawOrder || !sawShape)
      return fail(std::string("header lacks '") +
                      (!sawDescr   ? "descr"
                       : !sawOrder ? "fortran_order"
                                   : "shape") +
                      "'",
                  error);
    return true;
  }

private:
  bool fail(const std::string &message, std::string &error) {
    error =
        "bad header at byte " + std::to_string(offset + pos) + ": " + message;
    return false;
  }

  void skipSpace() {
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n'))
      ++pos;
  }
  bool peek(char c) {
    skipSpace();
    return pos < text.size() && text[pos] == c;
  }
  bool consume(char c) {
    if (!peek(c))
      return false;
    ++pos;
    return true;
  }
  bool consumeWord(const char *word) {
    skipSpace();
    size_t n = std::strlen(word);
    if (text.compare(pos, n, word) != 0)
      return false;
    pos += n;
    return true;
  }

  bool parseString(std::string &out) {
    skipSpace();
    if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
      return false;
    char quote = text[pos++];
    size_t end = text.find(quote, pos);
    if (end == std::string::npos)
      return false;
    out = text.substr(pos, end - pos);
    pos = end + 1;
    return true;
  }

  bool parseBool(bool &out) {
    if (consumeWord("True"))
      return out = true, true;
    if (consumeWord("False"))
      return out = false, true;
    return false;
  }

  bool parseShape(std::vector<int64_t> &shape, std::string &error) {
    if (!consume('('))
      return fail("'shape' is not a tuple", error);
    while (!consume(')')) {
      skipSpace();
      int64_t value = 0;
      size_t start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (value > (std::numeric_limits<int64_t>::max() - 9) / 10)
          return fail("dimension too large in 'shape'", error);
        value = value * 10 + (text[pos++] - '0');
      }
      if (pos == start)
        return fail("'shape' is not a tuple of non-negative integers", error);
      // NumPy 1.x on some platforms wrote Python 2 longs as "3L".
      if (pos < text.size() && text[pos] == 'L')
        ++pos;
      shape.push_back(value);
      if (!consume(',') && !peek(')'))
        return fail("'shape' is not a tuple of non-negative integers", error);
    }
    return true;
  }

  std::string text;
  size_t offset;
  size_t pos = 0;
};

/// The .npy dtype of each element type, little-endian. NumPy has no
/// bfloat16: ml_dtypes' bfloat16 arrays save as '<V2' (two opaque bytes),
/// which Kiln writes for bf16 and reads back (or '|V2') as bf16.
struct Descr {
  ElementType type;
  const char *descr;
};
constexpr Descr kDescrs[] = {
    {ElementType::F32, "<f4"},  {ElementType::F64, "<f8"},
    {ElementType::F16, "<f2"},  {ElementType::BF16, "<V2"},
    {ElementType::I1, "|b1"},   {ElementType::I8, "|i1"},
    {ElementType::I16, "<i2"},  {ElementType::I32, "<i4"},
    {ElementType::I64, "<i8"},  {ElementType::UI8, "|u1"},
    {ElementType::UI16, "<u2"}, {ElementType::UI32, "<u4"},
    {ElementType::UI64, "<u8"},
};

bool elementTypeOfDescr(const std::string &descr, ElementType &type) {
  for (const Descr &entry : kDescrs)
    // Byte order does not apply to one-byte types and opaque bytes: NumPy
    // writes '|' or '<' for them, and reads either.
    if (descr == entry.descr ||
        (descr.size() == 3 && (descr[0] == '|' || descr[0] == '<') &&
         (entry.descr[0] == '|' || entry.descr[1] == 'V') &&
         descr.compare(1, 2, entry.descr + 1) == 0)) {
      type = entry.type;
      return true;
    }
  return false;
}

const char *descrOf(ElementType type) {
  for (const Descr &entry : kDescrs)
    if (entry.type == type)
      return entry.descr;
  return "";
}

uint32_t readLittleEndian(const std::string &bytes, size_t offset,
                          size_t size) {
  uint32_t value = 0;
  for (size_t i = 0; i < size; ++i)
    value |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[offset + i]))
             << (8 * i);
  return value;
}

/// Where a .npy file's data starts, and what it holds.
struct NpyLayout {
  size_t dataStart = 0;
  ElementType type = ElementType::F32;
  std::vector<int64_t> shape;
  uint64_t dataBytes = 0;
};

/// Reads the magic, version and header at the start of `bytes` (the data
/// may be missing): everything a reader needs to know before the data.
bool parseLayout(const std::string &bytes, NpyLayout &layout,
                 std::string &error) {
  if (bytes.size() < kMagicSize + 2 ||
      bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0) {
    error = "not a .npy file (bad magic)";
    return false;
  }
  int major = static_cast<uint8_t>(bytes[kMagicSize]);
  int minor = static_cast<uint8_t>(bytes[kMagicSize + 1]);
  if (major < 1 || major > 3) {
    error = "unsupported .npy version " + std::to_string(major) + "." +
            std::to_string(minor);
    return false;
  }
  size_t lengthSize = major == 1 ? 2 : 4;
  size_t headerStart = kMagicSize + 2 + lengthSize;
  if (bytes.size() < headerStart) {
    error = "truncated header";
    return false;
  }
  size_t headerLength = readLittleEndian(bytes, kMagicSize + 2, lengthSize);
  if (bytes.size() - headerStart < headerLength) {
    error = "truncated header: expected " + std::to_string(headerLength) +
            " bytes, found " + std::to_string(bytes.size() - headerStart);
    return false;
  }

  NpyHeader header;
  HeaderParser parser(bytes.substr(headerStart, headerLength), headerStart);
  if (!parser.parse(header, error))
    return false;
  ElementType type;
  if (!elementTypeOfDescr(header.descr, type)) {
    error = "unsupported dtype '" + header.descr +
            "' (Kiln reads bool, int8 to int64, uint8 to uint64, float16, "
            "float32, float64, and '<V2' as bfloat16)";
    return false;
  }
  if (header.fortranOrder) {
    error = "Fortran-order arrays are not supported (save in C order)";
    return false;
  }

  // The size is checked before anything is allocated, so a corrupt shape
  // cannot ask for an absurd amount of memory.
  layout.dataStart = headerStart + headerLength;
  layout.type = type;
  layout.shape = header.shape;
  uint64_t expected = elementSize(type);
  for (int64_t d : header.shape) {
    uint64_t dimension = static_cast<uint64_t>(d);
    if (dimension != 0 &&
        expected > std::numeric_limits<uint64_t>::max() / dimension) {
      error = "bad header: the shape's size overflows 64 bits";
      return false;
    }
    expected *= dimension;
  }
  layout.dataBytes = expected;
  return true;
}

} // namespace

bool parseNpy(const std::string &bytes, HostTensor &out, std::string &error) {
  NpyLayout layout;
  if (!parseLayout(bytes, layout, error))
    return false;
  size_t dataStart = layout.dataStart;
  size_t available = bytes.size() - dataStart;
  uint64_t expected = layout.dataBytes;
  ElementType type = layout.type;
  if (available < expected) {
    error = "truncated: expected " + std::to_string(expected) +
            " bytes of data from byte " + std::to_string(dataStart) +
            ", found " + std::to_string(available);
    return false;
  }
  if (available > expected) {
    error = std::to_string(available - expected) +
            " unexpected bytes after the data, from byte " +
            std::to_string(dataStart + expected);
    return false;
  }

  HostTensor tensor(type, layout.shape);
  if (expected != 0)
    std::memcpy(tensor.data(), bytes.data() + dataStart, expected);
  // NumPy bools are 0/1, but any nonzero byte means true: normalize.
  if (type == ElementType::I1)
    for (int64_t i = 0; i < tensor.numElements(); ++i)
      tensor.dataAs<uint8_t>()[i] = tensor.dataAs<uint8_t>()[i] != 0;
  out = std::move(tensor);
  return true;
}

bool readNpy(const std::string &path, HostTensor &out, std::string &error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = std::string("cannot open file (") + std::strerror(errno) + ")";
    return false;
  }
  // Read in steps, each bounded by what the bytes before it declare, so that
  // a stream without end (/dev/zero) or a wrong file stops at its first bytes.
  std::string bytes;
  auto readUpTo = [&](uint64_t count) {
    size_t old = bytes.size();
    bytes.resize(old + count);
    file.read(bytes.data() + old, static_cast<std::streamsize>(count));
    bytes.resize(old + static_cast<size_t>(file.gcount()));
    return !file.bad();
  };
  // The magic, the version and the header's length.
  if (!readUpTo(kMagicSize + 2 + 4)) {
    error = "cannot read file";
    return false;
  }
  if (bytes.size() < kMagicSize ||
      bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0) {
    error = "not a .npy file (bad magic)";
    return false;
  }
  int major = bytes.size() > kMagicSize ? bytes[kMagicSize] : 0;
  // Another version, or too few bytes, is parseLayout's to report.
  if (bytes.size() == kMagicSize + 2 + 4 && major >= 1 && major <= 3) {
    size_t lengthSize = major == 1 ? 2 : 4;
    uint64_t headerLength = readLittleEndian(bytes, kMagicSize + 2, lengthSize);
    if (headerLength > kMaxHeaderBytes) {
      error = "bad header: " + std::to_string(headerLength) +
              " bytes long (NumPy writes a few hundred)";
      return false;
    }
    size_t headerEnd = kMagicSize + 2 + lengthSize + headerLength;
    if (headerEnd > bytes.size() && !readUpTo(headerEnd - bytes.size())) {
      error = "cannot read file";
      return false;
    }
  }
  NpyLayout layout;
  if (!parseLayout(bytes, layout, error))
    return false;
  // The data, and one byte more to tell trailing bytes from the end.
  uint64_t wanted = layout.dataStart + layout.dataBytes + 1;
  if (layout.dataBytes > maxDataBytes()) {
    error = "the header declares " + std::to_string(layout.dataBytes) +
            " bytes of data; this machine has " +
            std::to_string(maxDataBytes()) + " bytes of memory";
    return false;
  }
  if (wanted > bytes.size() && !readUpTo(wanted - bytes.size())) {
    error = "cannot read file";
    return false;
  }
  if (bytes.size() == wanted) {
    // More follows the data; a regular file says how much.
    struct stat status;
    uint64_t end = layout.dataStart + layout.dataBytes;
    error = (::stat(path.c_str(), &status) == 0 && S_ISREG(status.st_mode)
                 ? std::to_string(uint64_t(status.st_size) - end) +
                       " unexpected bytes after the data"
                 : std::string("unexpected bytes after the data")) +
            ", from byte " + std::to_string(end);
    return false;
  }
  return parseNpy(bytes, out, error);
}

std::string serializeNpy(const HostTensor &tensor) {
  std::string dict = std::string("{'descr': '") +
                     descrOf(tensor.elementType()) +
                     "', 'fortran_order': False, 'shape': (";
  for (int64_t d : tensor.shape())
    dict += std::to_string(d) + ", ";
  // Python spells a one-element tuple "(3,)" and others "(2, 3)" or "()".
  if (tensor.rank() == 1)
    dict.erase(dict.size() - 1);
  else if (tensor.rank() > 1)
    dict.erase(dict.size() - 2);
  dict += "), }";

  // Pad with spaces and end with a newline so that the data is 64-aligned.
  bool version1 = kMagicSize + 2 + 2 + dict.size() + 1 <= 65535;
  size_t prefix = kMagicSize + 2 + (version1 ? 2 : 4);
  size_t total = (prefix + dict.size() + 1 + 63) / 64 * 64;
  dict.append(total - prefix - dict.size() - 1, ' ');
  dict += '\n';

  std::string bytes(kMagic, kMagicSize);
  bytes += static_cast<char>(version1 ? 1 : 2);
  bytes += '\0';
  for (size_t i = 0; i < (version1 ? 2u : 4u); ++i)
    bytes += static_cast<char>((dict.size() >> (8 * i)) & 0xff);
  bytes += dict;
  bytes.append(static_cast<const char *>(tensor.data()), tensor.sizeInBytes());
  return bytes;
}

bool writeNpy(const std::string &path, const HostTensor &tensor,
              std::string &error) {
  return tools::writeOutputFile(path, serializeNpy(tensor), error);
}

} // namespace kiln
