//===- HloDialect.cpp - The hlo dialect's registration ----------------===//

#include "dialects/hlo/HloAssembly.h"
#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace kiln::hlo;

#include "dialects/hlo/HloDialect.cpp.inc"
#include "dialects/hlo/HloEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/hlo/HloAttrs.cpp.inc"

void HloDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/hlo/HloOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/hlo/HloAttrs.cpp.inc"
      >();
}

Operation *HloDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  auto elements = llvm::dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, type, elements);
}
