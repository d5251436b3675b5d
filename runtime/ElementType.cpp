//===- ElementType.cpp - The element types Kiln computes with -------------===//

#include "runtime/ElementType.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace kiln {

size_t elementSize(ElementType type) {
  switch (type) {
  case ElementType::I1:
  case ElementType::I8:
  case ElementType::UI8:
    return 1;
  case ElementType::F16:
  case ElementType::BF16:
  case ElementType::I16:
  case ElementType::UI16:
    return 2;
  case ElementType::F32:
  case ElementType::I32:
  case ElementType::UI32:
    return 4;
  case ElementType::F64:
  case ElementType::I64:
  case ElementType::UI64:
    return 8;
  }
  return 0;
}

const char *elementTypeName(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return "f32";
  case ElementType::I1:
    return "i1";
  case ElementType::I32:
    return "i32";
  case ElementType::I64:
    return "i64";
  case ElementType::F64:
    return "f64";
  case ElementType::F16:
    return "f16";
  case ElementType::BF16:
    return "bf16";
  case ElementType::I8:
    return "i8";
  case ElementType::I16:
    return "i16";
  case ElementType::UI8:
    return "ui8";
  case ElementType::UI16:
    return "ui16";
  case ElementType::UI32:
    return "ui32";
  case ElementType::UI64:
    return "ui64";
  }
  return "?";
}

std::optional<ElementType> elementTypeNamed(std::string_view name) {
  for (ElementType type : kElementTypes)
    if (name == elementTypeName(type))
      return type;
  return std::nullopt;
}

bool isFloat(ElementType type) {
  return type == ElementType::F16 || type == ElementType::BF16 ||
         type == ElementType::F32 || type == ElementType::F64;
}

bool isUnsigned(ElementType type) {
  return type == ElementType::UI8 || type == ElementType::UI16 ||
         type == ElementType::UI32 || type == ElementType::UI64;
}

int bitWidth(ElementType type) {
  return type == ElementType::I1 ? 1 : static_cast<int>(8 * elementSize(type));
}

namespace {

/// A binary floating-point format narrower than f32: `precision` bits of
/// significand (with the implicit one), normal exponents in
/// [minExponent, maxExponent].
struct SmallFloat {
  int precision;
  int minExponent;
  int maxExponent;
  uint16_t quietNaN;
};
constexpr SmallFloat kHalf{11, -14, 15, 0x7E00};
constexpr SmallFloat kBfloat16{8, -126, 127, 0x7FC0};

uint16_t roundTo(const SmallFloat &format, double value) {
  int mantissaBits = format.precision - 1;
  int bias = format.maxExponent;
  uint16_t sign = std::signbit(value) ? 0x8000 : 0;
  uint16_t infinity = static_cast<uint16_t>((2 * bias + 1) << mantissaBits);
  if (std::isnan(value))
    return sign | format.quietNaN;
  double magnitude = std::fabs(value);
  if (std::isinf(magnitude))
    return sign | infinity;
  if (magnitude == 0)
    return sign;
  // Scale so that the format's last place is 1, round to an integer (ties
  // to even: the default rounding mode), scale back. Below the normal range
  // the last place stays that of the smallest normal: subnormals.
  int exponent = std::ilogb(magnitude);
  int quantum = std::max(exponent, format.minExponent) - mantissaBits;
  double units = std::nearbyint(std::ldexp(magnitude, -quantum));
  if (units == 0)
    return sign;
  double rounded = std::ldexp(units, quantum);
  int roundedExponent = std::ilogb(rounded);
  if (roundedExponent > format.maxExponent)
    return sign | infinity;
  if (roundedExponent < format.minExponent)
    return sign | static_cast<uint16_t>(units);
  auto significand = static_cast<uint16_t>(
      std::ldexp(rounded, mantissaBits - roundedExponent));
  uint16_t mantissa = significand - static_cast<uint16_t>(1u << mantissaBits);
  return sign |
         static_cast<uint16_t>((roundedExponent + bias) << mantissaBits) |
         mantissa;
}

} // namespace

float halfToFloat(uint16_t bits) {
  int exponent = (bits >> 10) & 0x1F;
  int mantissa = bits & 0x3FF;
  float magnitude;
  if (exponent == 0)
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);
  else if (exponent == 31)
    magnitude = mantissa != 0 ? std::numeric_limits<float>::quiet_NaN()
                              : std::numeric_limits<float>::infinity();
  else
    magnitude = std::ldexp(static_cast<float>(mantissa | 0x400), exponent - 25);
  return (bits & 0x8000) != 0 ? -magnitude : magnitude;
}

float bfloat16ToFloat(uint16_t bits) {
  uint32_t wide = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &wide, sizeof(value));
  return value;
}

uint16_t roundToHalf(double value) { return roundTo(kHalf, value); }

uint16_t roundToBfloat16(double value) { return roundTo(kBfloat16, value); }

} // namespace kiln
