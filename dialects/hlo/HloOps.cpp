//===- HloOps.cpp - Definitions of the hlo ops ------------------------===//
//
// Generated op definitions; verifiers, type inference, folders and syntax
// live in their own files (HloVerifiers, HloTypeInference, HloFolders,
// HloAssembly).
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloAssembly.h"
#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"

using namespace mlir;
using namespace kiln::hlo;

#define GET_OP_CLASSES
#include "dialects/hlo/HloOps.cpp.inc"
