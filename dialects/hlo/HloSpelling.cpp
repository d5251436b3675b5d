//===- HloSpelling.cpp - StableHLO's and CHLO's names for hlo ops ------===//

#include "dialects/hlo/HloSpelling.h"

#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"

using namespace mlir;
using namespace kiln::hlo;

namespace {

/// A CHLO op Kiln has as the hlo op of the same name and semantics.
struct ChloOp {
  llvm::StringLiteral name;
  /// Whether StableHLO has it too (as stablehlo.<name>).
  bool inStableHlo;
};

constexpr ChloOp kChloOps[] = {
    {"acos", false},       {"acosh", false},      {"asin", false},
    {"asinh", false},      {"atan", false},       {"atanh", false},
    {"bessel_i1e", false}, {"cosh", false},       {"digamma", false},
    {"erf", false},        {"erf_inv", false},    {"erfc", false},
    {"lgamma", false},     {"next_after", false}, {"sinh", false},
    {"tan", true},         {"top_k", false},
};

const ChloOp *findChloOp(StringRef op) {
  for (const ChloOp &chlo : kChloOps)
    if (chlo.name == op)
      return &chlo;
  return nullptr;
}

} // namespace

std::optional<RegisteredOperationName>
kiln::hlo::lookupHloOp(StringRef name, MLIRContext *context) {
  auto [prefix, op] = name.split('.');
  const ChloOp *chlo = findChloOp(op);
  std::string hloName;
  if (prefix == HloDialect::getDialectNamespace())
    hloName = name.str();
  else if (prefix == StableHloSpelling::getDialectNamespace() &&
           op != "fusion" && (!chlo || chlo->inStableHlo))
    hloName = "hlo." + op.str();
  else if (prefix == ChloSpelling::getDialectNamespace() && chlo)
    hloName = "hlo." + op.str();
  else
    return std::nullopt;
  return RegisteredOperationName::lookup(hloName, context);
}

/// `stablehlo.custom_call @target(%a, ...) {attrs} : (types) -> results`,
/// kept as an unregistered op with its target in `call_target_name`: Kiln
/// runs no external code and reports it when it checks the graph, but a
/// tool (the StableHLO conformance runner) may read and replace it.
static ParseResult parseCustomCall(OpAsmParser &parser, OperationState &state) {
  StringAttr target;
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  FunctionType type;
  if (parser.parseSymbolName(target) ||
      parser.parseOperandList(operands, OpAsmParser::Delimiter::Paren) ||
      parser.parseOptionalAttrDict(state.attributes))
    return failure();
  llvm::SMLoc typesLoc = parser.getCurrentLocation();
  if (parser.parseColonType(type) ||
      parser.resolveOperands(operands, type.getInputs(), typesLoc,
                             state.operands))
    return failure();
  state.addTypes(type.getResults());
  state.addAttribute(kCallTargetName, target);
  return success();
}

/// Parses an op spelled `stablehlo.X` / `chlo.X` in pretty form as its hlo
/// op; an op Kiln lacks is one error at its name.
static ParseResult parseSpelledOp(OpAsmParser &parser, OperationState &state) {
  StringRef name = state.name.getStringRef();
  if (std::optional<RegisteredOperationName> hlo =
          lookupHloOp(name, parser.getContext())) {
    state.name = *hlo;
    return hlo->getParseAssemblyFn()(parser, state);
  }
  if (name == "stablehlo.custom_call")
    return parseCustomCall(parser, state);
  return parser.emitError(parser.getNameLoc())
         << "op '" << name << "' is not supported by Kiln";
}

SpellingDialect::SpellingDialect(StringRef name, MLIRContext *context,
                                 TypeID id)
    : Dialect(name, context, id) {
  context->getOrLoadDialect<HloDialect>();
  // Ops in generic form parse as unregistered ops of this namespace until
  // renameStableHloOps replaces them.
  allowUnknownOperations();
}

std::optional<Dialect::ParseOpHook>
SpellingDialect::getParseOperationHook(StringRef) const {
  return ParseOpHook(parseSpelledOp);
}

Attribute SpellingDialect::parseAttribute(DialectAsmParser &parser,
                                          Type type) const {
  return getContext()->getLoadedDialect<HloDialect>()->parseAttribute(parser,
                                                                      type);
}

StableHloSpelling::StableHloSpelling(MLIRContext *context)
    : SpellingDialect(getDialectNamespace(), context,
                      TypeID::get<StableHloSpelling>()) {}

ChloSpelling::ChloSpelling(MLIRContext *context)
    : SpellingDialect(getDialectNamespace(), context,
                      TypeID::get<ChloSpelling>()) {}

/// Replaces `op`, an unregistered op spelling `hlo`, by an `hlo` op.
static LogicalResult rename(Operation *op, RegisteredOperationName hlo) {
  OpBuilder builder(op);
  OperationState state(op->getLoc(), hlo);
  state.addOperands(op->getOperands());
  state.addTypes(op->getResultTypes());
  for (Region &region : op->getRegions())
    state.addRegion()->takeBody(region);
  Operation *created = builder.create(state);
  auto fail = [&] {
    created->erase();
    return failure();
  };
  if (Attribute properties = op->getPropertiesAsAttribute())
    if (failed(created->setPropertiesFromAttribute(properties, [&] {
          return op->emitError() << "'" << op->getName() << "': ";
        })))
      return fail();
  // Inherent attributes written in the attribute dictionary (the older
  // generic form) go to their properties.
  for (NamedAttribute attr : op->getAttrs())
    created->setAttr(attr.getName(), attr.getValue());
  op->replaceAllUsesWith(created);
  op->erase();
  return success();
}

LogicalResult kiln::hlo::renameStableHloOps(ModuleOp module) {
  SmallVector<std::pair<Operation *, RegisteredOperationName>> spelled;
  module.walk([&](Operation *op) {
    if (op->isRegistered())
      return;
    if (std::optional<RegisteredOperationName> hlo =
            lookupHloOp(op->getName().getStringRef(), op->getContext()))
      spelled.emplace_back(op, *hlo);
  });
  for (auto [op, hlo] : spelled)
    if (failed(rename(op, hlo)))
      return failure();
  return success();
}
