//===- HloElementTypes.cpp - hlo element types and their host counterparts ===//

#include "dialects/hlo/HloElementTypes.h"

#include "mlir/IR/BuiltinTypes.h"

namespace kiln::hlo {

std::optional<ElementType> hostElementTypeOf(mlir::Type type) {
  for (ElementType candidate : kElementTypes)
    if (mlirElementTypeOf(candidate, type.getContext()) == type)
      return candidate;
  return std::nullopt;
}

mlir::Type mlirElementTypeOf(ElementType type, mlir::MLIRContext *context) {
  auto integer = [&](unsigned width, bool isUnsigned = false) {
    return mlir::IntegerType::get(context, width,
                                  isUnsigned ? mlir::IntegerType::Unsigned
                                             : mlir::IntegerType::Signless);
  };
  switch (type) {
  case ElementType::F32:
    return mlir::Float32Type::get(context);
  case ElementType::F64:
    return mlir::Float64Type::get(context);
  case ElementType::F16:
    return mlir::Float16Type::get(context);
  case ElementType::BF16:
    return mlir::BFloat16Type::get(context);
  case ElementType::I1:
    return integer(1);
  case ElementType::I8:
    return integer(8);
  case ElementType::I16:
    return integer(16);
  case ElementType::I32:
    return integer(32);
  case ElementType::I64:
    return integer(64);
  case ElementType::UI8:
    return integer(8, true);
  case ElementType::UI16:
    return integer(16, true);
  case ElementType::UI32:
    return integer(32, true);
  case ElementType::UI64:
    return integer(64, true);
  }
  return {};
}

const char *supportedElementTypesText() {
  return "f16, bf16, f32, f64, i1, i8, i16, i32, i64, ui8, ui16, ui32 and "
         "ui64";
}

} // namespace kiln::hlo
