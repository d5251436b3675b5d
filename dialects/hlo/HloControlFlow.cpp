//===- HloControlFlow.cpp - while, if and case ----------------------------===//
//
// The control-flow ops' type inference, verifiers (each check tagged with
// StableHLO's constraint) and while's syntax, which is StableHLO's:
//
//   %r:2 = hlo.while(%i = %a, %x = %b) : tensor<i32>, tensor<4xf32>
//     cond { ... hlo.return %p : tensor<i1> } do { ... hlo.return %j, %y : ...
//     }
//
// if and case print in generic form, as StableHLO prints them.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"
#include "dialects/hlo/HloShapeChecks.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace kiln::hlo;
using namespace kiln::hlo::detail;

bool kiln::hlo::isControlFlow(Operation *op) {
  return isa<WhileOp, IfOp, CaseOp>(op);
}

SmallVector<Block *> kiln::hlo::graphBlocks(Region &body) {
  SmallVector<Block *> blocks;
  SmallVector<Block *> worklist;
  for (Block &block : llvm::reverse(body))
    worklist.push_back(&block);
  while (!worklist.empty()) {
    Block *block = worklist.pop_back_val();
    blocks.push_back(block);
    SmallVector<Block *> nested;
    for (Operation &op : *block)
      if (isControlFlow(&op))
        for (Region &region : op.getRegions())
          for (Block &inner : region)
            nested.push_back(&inner);
    worklist.append(nested.rbegin(), nested.rend());
  }
  return blocks;
}

//===----------------------------------------------------------------------===//
// while
//===----------------------------------------------------------------------===//

LogicalResult WhileOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  // while_c3
  llvm::append_range(inferred, adaptor.getOperand().getTypes());
  return success();
}

LogicalResult WhileOp::verifyRegions() {
  TypeRange carried = getOperand().getTypes();
  // while_c1
  if (failed(verifyBodySignature(
          *this, getCond(), "cond", carried,
          {RankedTensorType::get({}, IntegerType::get(getContext(), 1))})))
    return failure();
  // while_c2
  return verifyBodySignature(*this, getBody(), "body", carried, carried);
}

void WhileOp::getAsmBlockArgumentNames(Region &region,
                                       OpAsmSetValueNameFn setName) {
  // Both regions take the loop-carried values under the names the header
  // declares once for both.
  for (BlockArgument arg : region.getArguments())
    setName(arg, "iterArg");
}

ParseResult WhileOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument> iterArgs;
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  if (parser.parseCommaSeparatedList(
          AsmParser::Delimiter::Paren, [&]() -> ParseResult {
            return failure(parser.parseArgument(iterArgs.emplace_back()) ||
                           parser.parseEqual() ||
                           parser.parseOperand(operands.emplace_back()));
          }))
    return failure();
  llvm::SMLoc typesLoc = parser.getCurrentLocation();
  SmallVector<Type> types;
  if (!operands.empty() && (parser.parseColon() || parser.parseTypeList(types)))
    return failure();
  if (types.size() != operands.size())
    return parser.emitError(typesLoc)
           << "expected " << operands.size() << " types, got " << types.size();
  if (parser.resolveOperands(operands, types, typesLoc, result.operands) ||
      parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  for (auto [arg, type] : llvm::zip(iterArgs, types))
    arg.type = type;
  result.addTypes(types);
  if (parser.parseKeyword("cond") ||
      parser.parseRegion(*result.addRegion(), iterArgs) ||
      parser.parseKeyword("do"))
    return failure();
  return parser.parseRegion(*result.addRegion(), iterArgs);
}

void WhileOp::print(OpAsmPrinter &p) {
  p << '(';
  Block &body = getBody().front();
  for (auto [i, operand] : llvm::enumerate(getOperand())) {
    if (i)
      p << ", ";
    if (i < body.getNumArguments())
      p << body.getArgument(i);
    p << " = " << operand;
  }
  p << ')';
  if (!getOperand().empty()) {
    p << " : ";
    llvm::interleaveComma(getOperand().getTypes(), p);
  }
  p.printOptionalAttrDictWithKeyword((*this)->getAttrs());
  p.printNewline();
  p << "  cond ";
  p.printRegion(getCond(), /*printEntryBlockArgs=*/false);
  p << " do ";
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false);
}

//===----------------------------------------------------------------------===//
// if and case
//===----------------------------------------------------------------------===//

/// if_c1..c3 / case_c2..c4: each branch takes nothing and returns the op's
/// result types.
static LogicalResult verifyBranches(Operation *op,
                                    ArrayRef<std::string> names) {
  for (auto [region, name] : llvm::zip(op->getRegions(), names))
    if (failed(verifyBodySignature(op, region, name, {}, op->getResultTypes())))
      return failure();
  return success();
}

LogicalResult IfOp::verify() {
  if (getPred().getType().getRank() != 0)
    return emitOpError("pred must be a rank-0 tensor<i1>, not ")
           << getPred().getType();
  return success();
}

LogicalResult IfOp::verifyRegions() {
  return verifyBranches(*this, {"true_branch", "false_branch"});
}

LogicalResult CaseOp::verify() {
  if (getIndex().getType().getRank() != 0)
    return emitOpError("index must be a rank-0 tensor<i32>, not ")
           << getIndex().getType();
  // case_c1
  if (getBranches().empty())
    return emitOpError("expects at least one branch");
  return success();
}

LogicalResult CaseOp::verifyRegions() {
  SmallVector<std::string> names;
  for (size_t i = 0; i < getBranches().size(); ++i)
    names.push_back("branch " + std::to_string(i));
  return verifyBranches(*this, names);
}
