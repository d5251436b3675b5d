//===- HloSpelling.h - StableHLO's and CHLO's names for hlo ops -*- C++ -*-===//
//
// Programs that jax.export or stablehlo-opt print spell Kiln's ops
// `stablehlo.add`, `chlo.erf`, and their attributes `#stablehlo<...>`. The
// two dialects here own those namespaces only to read them: an op in pretty
// form parses straight into its hlo op, an attribute into the hlo
// attribute, and an op printed in generic form ("stablehlo.gather"(...)),
// which MLIR parses as an unregistered op, becomes its hlo op in
// renameStableHloOps. Nothing is ever created in these dialects.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_HLO_HLOSPELLING_H
#define KILN_DIALECTS_HLO_HLOSPELLING_H

#include "mlir/IR/Dialect.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Support/TypeID.h"

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace kiln::hlo {

/// Reads `prefix.X` as the hlo op or attribute X.
class SpellingDialect : public mlir::Dialect {
public:
  std::optional<ParseOpHook>
  getParseOperationHook(llvm::StringRef opName) const override;
  mlir::Attribute parseAttribute(mlir::DialectAsmParser &parser,
                                 mlir::Type type) const override;

protected:
  SpellingDialect(llvm::StringRef name, mlir::MLIRContext *context,
                  mlir::TypeID id);
};

/// The `stablehlo` namespace.
class StableHloSpelling : public SpellingDialect {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(StableHloSpelling)
  explicit StableHloSpelling(mlir::MLIRContext *context);
  static constexpr llvm::StringLiteral getDialectNamespace() {
    return "stablehlo";
  }
};

/// The `chlo` namespace (the CHLO ops that Kiln has as hlo ops, listed in
/// HloSpelling.cpp).
class ChloSpelling : public SpellingDialect {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ChloSpelling)
  explicit ChloSpelling(mlir::MLIRContext *context);
  static constexpr llvm::StringLiteral getDialectNamespace() { return "chlo"; }
};

/// The attribute of an unregistered `stablehlo.custom_call` op that names
/// its target (the op is parsed, never compiled: see checkGraphSupported).
constexpr llvm::StringLiteral kCallTargetName = "call_target_name";

/// The hlo op that `name` spells: `hlo.X` itself, `stablehlo.X` for each
/// StableHLO op Kiln has, `chlo.X` for each CHLO math function it has (erf,
/// tan, lgamma, ...); none otherwise (Kiln's own ops, such as hlo.fusion, have
/// no StableHLO spelling).
std::optional<mlir::RegisteredOperationName>
lookupHloOp(llvm::StringRef name, mlir::MLIRContext *context);

/// Replaces each op that was parsed in generic form under a StableHLO or
/// CHLO name by its hlo op (same operands, results, regions and
/// attributes). Fails, after an error at the op, on inherent attributes
/// that do not fit the hlo op. Ops with no hlo counterpart are left for the
/// caller to report.
mlir::LogicalResult renameStableHloOps(mlir::ModuleOp module);

} // namespace kiln::hlo

#endif // KILN_DIALECTS_HLO_HLOSPELLING_H
