//===- TensorFormat.cpp - NumPy-style text of a tensor --------------------===//
//
// Follows NumPy 1.24's numpy/core/arrayprint.py with its default options
// (precision 8, floatmode 'maxprec', linewidth 75, threshold 1000, edgeitems
// 3): FloatingFormat decides between positional and scientific notation and
// the column widths from the values shown, and _formatArray lays the rows out.
//
//===----------------------------------------------------------------------===//

#include "tools/common/TensorFormat.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

namespace kiln {
namespace {

constexpr int kPrecision = 8;
constexpr int64_t kThreshold = 1000;
constexpr int64_t kEdgeItems = 3;
constexpr int64_t kLineWidth = 75;

/// A non-negative decimal number: digits d0 d1 d2 ... meaning
/// d0.d1d2... x 10^exponent.
struct Decimal {
  std::string digits;
  int exponent = 0;
};

/// Parses printf's "%e" output, e.g. "1.2345e+05".
Decimal parseScientific(const char *text) {
  Decimal d;
  const char *p = text;
  for (; *p && *p != 'e'; ++p)
    if (*p >= '0' && *p <= '9')
      d.digits += *p;
  if (*p == 'e')
    d.exponent = std::atoi(p + 1);
  return d;
}

/// The value of the tensor's float type nearest a double: how a decimal
/// reads back in that type.
using ReadBack = double (*)(double);

double nearestF32(double x) { return static_cast<float>(x); }
double nearestF64(double x) { return x; }
double nearestF16(double x) { return halfToFloat(roundToHalf(x)); }
double nearestBF16(double x) { return bfloat16ToFloat(roundToBfloat16(x)); }

ReadBack readBackOf(ElementType type) {
  switch (type) {
  case ElementType::F64:
    return nearestF64;
  case ElementType::F16:
    return nearestF16;
  case ElementType::BF16:
    return nearestBF16;
  default:
    return nearestF32;
  }
}

/// The fewest digits that read back as `x` (a finite, non-negative value of
/// the type `readBack` rounds to): what NumPy's Dragon4 prints in its
/// "unique" mode.
Decimal shortestDecimal(double x, ReadBack readBack) {
  char buffer[64];
  for (int digits = 0; digits < 17; ++digits) {
    std::snprintf(buffer, sizeof(buffer), "%.*e", digits, x);
    if (readBack(std::strtod(buffer, nullptr)) == x)
      break;
  }
  return parseScientific(buffer);
}

std::string trimTrailingZeros(std::string digits) {
  while (!digits.empty() && digits.back() == '0')
    digits.pop_back();
  return digits;
}

/// A finite value in positional notation: sign, integer and fraction digits.
struct Positional {
  std::string sign, integer, fraction;
};

/// `x` in positional notation with the fewest digits that identify it, but
/// at most `precision` fraction digits (rounded; no limit when negative).
Positional positional(double x, int precision, ReadBack readBack) {
  Positional p;
  p.sign = std::signbit(x) ? "-" : "";
  double magnitude = std::fabs(x);
  Decimal d = shortestDecimal(magnitude, readBack);
  int fractionDigits =
      std::max(0, static_cast<int>(d.digits.size()) - 1 - d.exponent);
  if (precision >= 0 && fractionDigits > precision) {
    // Dragon4's cutoff rounds the exact binary value half to even, as glibc's
    // printf does.
    char buffer[128];
    std::snprintf(buffer, sizeof(buffer), "%.*f", precision, magnitude);
    std::string text = buffer;
    size_t point = text.find('.');
    p.integer = text.substr(0, point);
    if (point != std::string::npos)
      p.fraction = trimTrailingZeros(text.substr(point + 1));
    return p;
  }
  int integerDigits = d.exponent + 1;
  int count = static_cast<int>(d.digits.size());
  if (integerDigits <= 0) {
    p.integer = "0";
    p.fraction = std::string(-integerDigits, '0') + d.digits;
  } else if (integerDigits >= count) {
    p.integer = d.digits + std::string(integerDigits - count, '0');
  } else {
    p.integer = d.digits.substr(0, integerDigits);
    p.fraction = d.digits.substr(integerDigits);
  }
  return p;
}

/// A finite value in scientific notation.
struct Scientific {
  std::string sign, integer, fraction;
  int exponent = 0;
};

/// `x` in scientific notation with the fewest digits that identify it, but
/// at most `precision` fraction digits (no limit when negative).
Scientific scientific(double x, int precision, ReadBack readBack) {
  Scientific s;
  s.sign = std::signbit(x) ? "-" : "";
  double magnitude = std::fabs(x);
  Decimal d = shortestDecimal(magnitude, readBack);
  if (precision >= 0 && static_cast<int>(d.digits.size()) - 1 > precision) {
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.*e", precision, magnitude);
    d = parseScientific(buffer);
    d.digits = d.digits.substr(0, 1) + trimTrailingZeros(d.digits.substr(1));
  }
  s.integer = d.digits.substr(0, 1);
  s.fraction = d.digits.substr(1);
  s.exponent = d.exponent;
  return s;
}

/// "e+05": the exponent with its sign and at least `digits` digits.
std::string exponentText(int exponent, size_t digits) {
  std::string number = std::to_string(std::abs(exponent));
  if (number.size() < digits)
    number.insert(0, digits - number.size(), '0');
  return std::string("e") + (exponent < 0 ? "-" : "+") + number;
}

std::string padLeft(const std::string &text, size_t width) {
  return text.size() >= width ? text
                              : std::string(width - text.size(), ' ') + text;
}

/// NumPy's FloatingFormat: one notation and one column width for all the
/// values shown, so that the columns line up.
class FloatFormat {
public:
  FloatFormat(const std::vector<double> &shown, ReadBack readBack)
      : readBack(readBack) {
    std::vector<double> finite;
    bool anyNonFinite = false, negativeInfinity = false;
    for (double x : shown) {
      if (std::isfinite(x)) {
        finite.push_back(x);
        continue;
      }
      anyNonFinite = true;
      negativeInfinity |= std::isinf(x) && x < 0;
    }

    // NumPy compares the thresholds in double but divides in the type.
    double maxValue = 0, minValue = INFINITY;
    for (double x : finite) {
      if (x == 0)
        continue;
      maxValue = std::max(maxValue, std::fabs(x));
      minValue = std::min(minValue, std::fabs(x));
    }
    if (maxValue != 0)
      exponential = maxValue >= 1e8 || minValue < 1e-4 ||
                    readBack(maxValue / minValue) > 1000.0;

    if (exponential) {
      size_t fractionDigits = 0, exponentDigits = 2;
      for (double x : finite) {
        Scientific s = scientific(x, kPrecision, readBack);
        fractionDigits = std::max(fractionDigits, s.fraction.size());
        exponentDigits = std::max(exponentDigits,
                                  std::to_string(std::abs(s.exponent)).size());
        left = std::max<int64_t>(left, (s.sign + s.integer).size());
      }
      precision = static_cast<int>(fractionDigits);
      exponentSize = exponentDigits;
      right = exponentDigits + 2 + fractionDigits;
    } else {
      for (double x : finite) {
        Positional p = positional(x, kPrecision, readBack);
        left = std::max<int64_t>(left, (p.sign + p.integer).size());
        right = std::max<int64_t>(right, p.fraction.size());
      }
    }

    // Widen the integer column so that "nan" and "-inf" fit.
    if (anyNonFinite) {
      int64_t offset = right + 1;
      left = std::max({left, 3 - offset, 3 + negativeInfinity - offset});
    }
  }

  std::string operator()(double x) const {
    if (!std::isfinite(x)) {
      std::string text = std::isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
      return padLeft(text, left + right + 1);
    }
    if (exponential) {
      Scientific s = scientific(x, precision, readBack);
      // Scientific columns are filled with zeros (NumPy's trim='k').
      s.fraction.append(precision - s.fraction.size(), '0');
      return padLeft(s.sign + s.integer, left) + "." + s.fraction +
             exponentText(s.exponent, exponentSize);
    }
    Positional p = positional(x, kPrecision, readBack);
    return padLeft(p.sign + p.integer, left) + "." + p.fraction +
           std::string(right - p.fraction.size(), ' ');
  }

private:
  ReadBack readBack;
  bool exponential = false;
  int precision = kPrecision;
  size_t exponentSize = 2;
  int64_t left = 0, right = 0;
};

/// How NumPy prints a float scalar (str(np.float32(x))): positional between
/// 1e-4 and 1e16 with at least one fraction digit, else scientific.
std::string formatFloatScalar(double x, ReadBack readBack) {
  if (std::isnan(x))
    return "nan";
  if (std::isinf(x))
    return x < 0 ? "-inf" : "inf";
  double magnitude = std::fabs(x);
  if (magnitude == 0 || (1e-4 <= magnitude && magnitude < 1e16)) {
    Positional p = positional(x, -1, readBack);
    return p.sign + p.integer + "." + (p.fraction.empty() ? "0" : p.fraction);
  }
  Scientific s = scientific(x, -1, readBack);
  return s.sign + s.integer + (s.fraction.empty() ? "" : "." + s.fraction) +
         exponentText(s.exponent, 2);
}

/// Appends `word` to `line`, first moving to a new line when it would pass
/// `width` (NumPy's _extendLine).
void extendLine(std::string &text, std::string &line, const std::string &word,
                int64_t width, const std::string &nextLinePrefix) {
  bool wrap = static_cast<int64_t>(line.size() + word.size()) > width &&
              line.size() > nextLinePrefix.size();
  if (wrap) {
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    text += line + "\n";
    line = nextLinePrefix;
  }
  line += word;
}

/// NumPy's _formatArray with separator ' ' and summary "...".
class ArrayLayout {
public:
  ArrayLayout(const std::vector<int64_t> &shape, bool summarize,
              std::function<std::string(int64_t)> formatElement)
      : shape(shape), strides(stridesOf(shape)), summarize(summarize),
        formatElement(std::move(formatElement)) {}

  std::string format() const { return recurse(0, 0, " ", kLineWidth); }

private:
  std::string recurse(size_t axis, int64_t offset,
                      const std::string &hangingIndent,
                      int64_t currentWidth) const {
    if (axis == shape.size())
      return formatElement(offset);
    std::string nextIndent = hangingIndent + " ";
    int64_t nextWidth = currentWidth - 1; // room for the closing ']'
    int64_t size = shape[axis];
    bool showSummary = summarize && 2 * kEdgeItems < size;
    int64_t leading = showSummary ? kEdgeItems : 0;
    int64_t trailing = showSummary ? kEdgeItems : size;
    auto nested = [&](int64_t index) {
      return recurse(axis + 1, offset + index * strides[axis], nextIndent,
                     nextWidth);
    };

    std::string text;
    if (axis + 1 == shape.size()) {
      int64_t elementWidth = currentWidth - 1;
      std::string line = hangingIndent;
      for (int64_t i = 0; i < leading; ++i) {
        extendLine(text, line, nested(i), elementWidth, hangingIndent);
        line += " ";
      }
      if (showSummary) {
        extendLine(text, line, "...", elementWidth, hangingIndent);
        line += " ";
      }
      for (int64_t i = trailing; i > 1; --i) {
        extendLine(text, line, nested(size - i), elementWidth, hangingIndent);
        line += " ";
      }
      extendLine(text, line, nested(size - 1), elementWidth, hangingIndent);
      text += line;
    } else {
      std::string lineSeparator(shape.size() - axis - 1, '\n');
      for (int64_t i = 0; i < leading; ++i)
        text += hangingIndent + nested(i) + lineSeparator;
      if (showSummary)
        text += hangingIndent + "..." + lineSeparator;
      for (int64_t i = trailing; i > 1; --i)
        text += hangingIndent + nested(size - i) + lineSeparator;
      text += hangingIndent + nested(size - 1);
    }
    return "[" + text.substr(hangingIndent.size()) + "]";
  }

  const std::vector<int64_t> &shape;
  std::vector<int64_t> strides;
  bool summarize;
  std::function<std::string(int64_t)> formatElement;
};

/// The flat indices of the elements printed: all of them, or with
/// summarization those in the first and last kEdgeItems of each long
/// dimension. NumPy fits the column format to these alone.
std::vector<int64_t> shownElements(const std::vector<int64_t> &shape,
                                   bool summarize) {
  std::vector<int64_t> strides = stridesOf(shape);
  std::vector<int64_t> result = {0};
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    std::vector<int64_t> indices;
    for (int64_t i = 0; i < shape[axis]; ++i)
      if (!summarize || shape[axis] <= 2 * kEdgeItems || i < kEdgeItems ||
          i >= shape[axis] - kEdgeItems)
        indices.push_back(i);
    std::vector<int64_t> next;
    for (int64_t base : result)
      for (int64_t i : indices)
        next.push_back(base + i * strides[axis]);
    result = std::move(next);
  }
  return result;
}

/// Integer element `i` of `tensor` in decimal.
std::string integerText(const HostTensor &tensor, int64_t i) {
  // A ui64 at or above 2^63 reads negative from getAsInt.
  int64_t value = tensor.getAsInt(i);
  return tensor.elementType() == ElementType::UI64
             ? std::to_string(static_cast<uint64_t>(value))
             : std::to_string(value);
}

} // namespace

std::string formatTensor(const HostTensor &tensor) {
  ElementType type = tensor.elementType();
  if (tensor.rank() == 0) {
    if (isFloat(type))
      return formatFloatScalar(tensor.getAsDouble(0), readBackOf(type));
    if (type == ElementType::I1)
      return tensor.getAsInt(0) ? "True" : "False";
    return integerText(tensor, 0);
  }
  if (tensor.numElements() == 0)
    return "[]";

  bool summarize = tensor.numElements() > kThreshold;
  std::vector<int64_t> shown = shownElements(tensor.shape(), summarize);
  std::function<std::string(int64_t)> formatElement;
  if (isFloat(type)) {
    std::vector<double> values;
    for (int64_t i : shown)
      values.push_back(tensor.getAsDouble(i));
    FloatFormat format(values, readBackOf(type));
    formatElement = [&tensor, format](int64_t i) {
      return format(tensor.getAsDouble(i));
    };
  } else if (type == ElementType::I1) {
    // NumPy always leaves room for "False".
    formatElement = [&tensor](int64_t i) -> std::string {
      return tensor.getAsInt(i) ? " True" : "False";
    };
  } else {
    auto text = [&tensor](int64_t i) { return integerText(tensor, i); };
    size_t width = 0;
    for (int64_t i : shown)
      width = std::max(width, text(i).size());
    formatElement = [text, width](int64_t i) {
      return padLeft(text(i), width);
    };
  }
  return ArrayLayout(tensor.shape(), summarize, formatElement).format();
}

} // namespace kiln
