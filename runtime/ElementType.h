//===- ElementType.h - The element types Kiln computes with -----*- C++ -*-===//
//
// The host side's one list of element types, what each is (float or
// integer, signed or not, how wide) and the conversions of the 16-bit floats
// C++17 has no type for. Plain C++17 with no LLVM/MLIR, like the rest of the
// runtime.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_ELEMENTTYPE_H
#define KILN_RUNTIME_ELEMENTTYPE_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kiln {

/// The element types Kiln supports (those of HloOps.td's HLO_Tensor). The
/// numbering is the C API's kiln_element_type (KilnModel.h): new types are
/// appended.
enum class ElementType {
  F32,
  I1,
  I32,
  I64,
  F64,
  F16,
  BF16,
  I8,
  I16,
  UI8,
  UI16,
  UI32,
  UI64,
};

/// Every element type, in enum order.
inline constexpr ElementType kElementTypes[] = {
    ElementType::F32,  ElementType::I1,  ElementType::I32,  ElementType::I64,
    ElementType::F64,  ElementType::F16, ElementType::BF16, ElementType::I8,
    ElementType::I16,  ElementType::UI8, ElementType::UI16, ElementType::UI32,
    ElementType::UI64,
};

/// Bytes per element on the host; i1 is stored as one byte holding 0 or 1.
size_t elementSize(ElementType type);

/// The MLIR spelling of the type: "f32", "bf16", "i1", "ui8", ...
const char *elementTypeName(ElementType type);

/// The type whose MLIR spelling is `name`, if any.
std::optional<ElementType> elementTypeNamed(std::string_view name);

/// f16, bf16, f32 or f64.
bool isFloat(ElementType type);
/// ui8, ui16, ui32 or ui64 (i1 is neither signed nor unsigned: a bool).
bool isUnsigned(ElementType type);
/// The width in bits: 1 for i1, 16 for f16, ...
int bitWidth(ElementType type);

/// IEEE binary16 and bfloat16 bit patterns to float (exact).
float halfToFloat(uint16_t bits);
float bfloat16ToFloat(uint16_t bits);
/// `value` rounded to nearest, ties to even, once (not through f32), as
/// binary16 or bfloat16 bits; NaN stays a quiet NaN of the same sign.
uint16_t roundToHalf(double value);
uint16_t roundToBfloat16(double value);

} // namespace kiln

#endif // KILN_RUNTIME_ELEMENTTYPE_H
