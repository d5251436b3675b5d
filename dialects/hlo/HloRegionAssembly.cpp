//===- HloRegionAssembly.cpp - Syntax of the hlo ops with a body ---------===//
//
// reduce's and fusion's hand-written parsers and printers: reduce in
// StableHLO's compact `applies hlo.add` form or with a `reducer` body,
// fusion with its kind and named inputs.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloAssembly.h"
#include "dialects/hlo/HloDialect.h"
#include "dialects/hlo/HloSpelling.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"

using namespace mlir;

namespace kiln::hlo {

//===----------------------------------------------------------------------===//
// reduce
//===----------------------------------------------------------------------===//

/// The op a reduce body applies when the body is exactly
/// `%r = <binary op> %lhs, %rhs; hlo.return %r`, which prints compactly as
/// `applies hlo.add`; null otherwise.
static Operation *getCompactReducer(ReduceOp op) {
  Block &body = op.getBody().front();
  if (op.getInputs().size() != 1 || body.getNumArguments() != 2 ||
      !llvm::hasSingleElement(body.without_terminator()))
    return nullptr;
  Operation &inner = body.front();
  auto ret = llvm::dyn_cast<ReturnOp>(body.getTerminator());
  if (!ret || ret->getNumOperands() != 1 || inner.getNumResults() != 1 ||
      ret->getOperand(0) != inner.getResult(0) ||
      inner.getDialect() != op->getDialect() ||
      !inner.hasTrait<OpTrait::Elementwise>() || inner.getNumOperands() != 2 ||
      inner.getOperand(0) != body.getArgument(0) ||
      inner.getOperand(1) != body.getArgument(1) || !inner.getAttrs().empty() ||
      inner.getResult(0).getType() != body.getArgument(0).getType() ||
      body.getArgument(0).getType() != body.getArgument(1).getType())
    return nullptr;
  return &inner;
}

ParseResult ReduceOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::UnresolvedOperand> inputs, inits;
  do {
    if (parser.parseLParen() || parser.parseOperand(inputs.emplace_back()) ||
        parser.parseKeyword("init") || parser.parseColon() ||
        parser.parseOperand(inits.emplace_back()) || parser.parseRParen())
      return failure();
  } while (succeeded(parser.parseOptionalComma()));

  std::optional<OperationName> applied;
  llvm::SMLoc appliedLoc = parser.getCurrentLocation();
  if (succeeded(parser.parseOptionalKeyword("applies"))) {
    appliedLoc = parser.getCurrentLocation();
    FailureOr<OperationName> name = parser.parseCustomOperationName();
    if (failed(name))
      return failure();
    applied = *name;
    // `applies stablehlo.add` names hlo.add.
    if (std::optional<RegisteredOperationName> hlo =
            lookupHloOp(name->getStringRef(), parser.getContext()))
      applied = *hlo;
  }

  SmallVector<int64_t> dims;
  if (parser.parseKeyword("across") || parser.parseKeyword("dimensions") ||
      parser.parseEqual() || parseIntList(parser, dims) ||
      parser.parseOptionalAttrDict(result.attributes))
    return failure();
  result.addAttribute("dimensions",
                      DenseI64ArrayAttr::get(parser.getContext(), dims));

  llvm::SMLoc typesLoc = parser.getCurrentLocation();
  FunctionType type;
  if (parser.parseColonType(type))
    return failure();
  size_t n = inputs.size();
  if (type.getNumInputs() != 2 * n)
    return parser.emitError(typesLoc)
           << "expected " << 2 * n << " operand types (inputs then init "
           << "values), got " << type.getNumInputs();
  if (parser.resolveOperands(inputs, type.getInputs().take_front(n), typesLoc,
                             result.operands) ||
      parser.resolveOperands(inits, type.getInputs().drop_front(n), typesLoc,
                             result.operands))
    return failure();
  result.addTypes(type.getResults());

  Region *body = result.addRegion();
  if (applied) {
    // The compact form: build `^bb0(%lhs, %rhs): %r = op %lhs, %rhs; return`.
    if (n != 1)
      return parser.emitError(appliedLoc)
             << "'applies' needs exactly one input, got " << n;
    auto initType = llvm::dyn_cast<RankedTensorType>(type.getInput(1));
    if (!applied->isRegistered())
      return parser.emitError(appliedLoc) << "op '" << applied->getStringRef()
                                          << "' is not supported by Kiln";
    if (applied->getDialectNamespace() != HloDialect::getDialectNamespace() ||
        !applied->hasTrait<OpTrait::Elementwise>() ||
        !applied->hasTrait<OpTrait::SameOperandsAndResultType>() ||
        !applied->hasTrait<OpTrait::NOperands<2>::Impl>() ||
        applied->getStringRef() == "hlo.convert")
      return parser.emitError(appliedLoc)
             << "'applies' expects a binary elementwise hlo op such as "
                "hlo.add, got '"
             << applied->getStringRef() << "'";
    if (!initType)
      return parser.emitError(typesLoc, "init value must be a ranked tensor");
    auto scalar = RankedTensorType::get({}, initType.getElementType());
    OpBuilder builder(parser.getContext());
    Block *block = builder.createBlock(body);
    Location loc = result.location;
    Value lhs = block->addArgument(scalar, loc);
    Value rhs = block->addArgument(scalar, loc);
    OperationState innerState(loc, *applied);
    innerState.addOperands({lhs, rhs});
    innerState.addTypes(scalar);
    Operation *inner = builder.create(innerState);
    if (inner->getNumOperands() != 2)
      return parser.emitError(appliedLoc)
             << "'" << applied->getStringRef() << "' is not a binary op";
    builder.create<ReturnOp>(loc, inner->getResults());
    return success();
  }

  // The general form: `reducer(%lhs0: T, %rhs0: T) (%lhs1: U, %rhs1: U) {..}`;
  // the block's arguments are all accumulators, then all new values.
  if (parser.parseKeyword("reducer"))
    return failure();
  SmallVector<OpAsmParser::Argument> lhsArgs, rhsArgs;
  for (size_t i = 0; i < n; ++i) {
    if (parser.parseLParen() ||
        parser.parseArgument(lhsArgs.emplace_back(), /*allowType=*/true) ||
        parser.parseComma() ||
        parser.parseArgument(rhsArgs.emplace_back(), /*allowType=*/true) ||
        parser.parseRParen())
      return failure();
  }
  SmallVector<OpAsmParser::Argument> args(lhsArgs);
  args.append(rhsArgs);
  return parser.parseRegion(*body, args);
}

void ReduceOp::print(OpAsmPrinter &p) {
  p << '(';
  for (size_t i = 0, n = getInputs().size(); i < n; ++i) {
    if (i)
      p << "), (";
    p << getInputs()[i] << " init: " << getInitValues()[i];
  }
  p << ')';
  Operation *applied = getCompactReducer(*this);
  if (applied)
    p << " applies " << applied->getName().getStringRef();
  p << " across dimensions = ";
  printIntList(p, getDimensions());
  p.printOptionalAttrDict((*this)->getAttrs(), {"dimensions"});
  p << " : ";
  p.printFunctionalType(getOperation());
  if (applied)
    return;
  Block &body = getBody().front();
  size_t n = getInputs().size();
  p.printNewline();
  p << " reducer";
  for (size_t i = 0; i < n && 2 * n <= body.getNumArguments(); ++i) {
    p << (i ? " (" : "(");
    p.printRegionArgument(body.getArgument(i));
    p << ", ";
    p.printRegionArgument(body.getArgument(i + n));
    p << ')';
  }
  p << ' ';
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false);
}

//===----------------------------------------------------------------------===//
// fusion
//===----------------------------------------------------------------------===//

ParseResult FusionOp::parse(OpAsmParser &parser, OperationState &result) {
  llvm::SMLoc kindLoc = parser.getCurrentLocation();
  StringRef kindName;
  if (parser.parseKeyword(&kindName))
    return failure();
  std::optional<FusionKind> kind = symbolizeFusionKind(kindName);
  if (!kind)
    return parser.emitError(kindLoc) << "unknown fusion kind '" << kindName
                                     << "' (expected loop, input or output)";
  result.addAttribute("kind", FusionKindAttr::get(parser.getContext(), *kind));

  SmallVector<OpAsmParser::Argument> args;
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  if (parser.parseCommaSeparatedList(
          AsmParser::Delimiter::Paren, [&]() -> ParseResult {
            if (parser.parseArgument(args.emplace_back()) ||
                parser.parseEqual() ||
                parser.parseOperand(operands.emplace_back()))
              return failure();
            return success();
          }))
    return failure();
  llvm::SMLoc typesLoc = parser.getCurrentLocation();
  FunctionType type;
  if (parser.parseColonType(type))
    return failure();
  if (type.getNumInputs() != operands.size())
    return parser.emitError(typesLoc)
           << "expected " << operands.size() << " input types, got "
           << type.getNumInputs();
  if (parser.resolveOperands(operands, type.getInputs(), typesLoc,
                             result.operands))
    return failure();
  for (auto [arg, argType] : llvm::zip(args, type.getInputs()))
    arg.type = argType;
  result.addTypes(type.getResults());
  if (parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  return parser.parseRegion(*result.addRegion(), args);
}

void FusionOp::print(OpAsmPrinter &p) {
  p << ' ' << stringifyFusionKind(getKind()) << " (";
  Block &body = getBody().front();
  for (auto [i, input] : llvm::enumerate(getInputs())) {
    if (i)
      p << ", ";
    if (i < body.getNumArguments())
      p << body.getArgument(i);
    p << " = " << input;
  }
  p << ") : ";
  p.printFunctionalType(getInputs().getTypes(), getResultTypes());
  p.printOptionalAttrDictWithKeyword((*this)->getAttrs(), {"kind"});
  p << ' ';
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false);
}

} // namespace kiln::hlo
