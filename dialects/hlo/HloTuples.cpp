//===- HloTuples.cpp - tuple and get_tuple_element ------------------------===//
//
// Their type inference, tuple's syntax (StableHLO's: `hlo.tuple %a, %b :
// tuple<tensor<2xf32>, tensor<i32>>`) and the fold that takes an element
// straight from the tuple that built it, which leaves no tuple in a graph
// whose tuples are built and read in one function.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace kiln::hlo;

LogicalResult TupleOp::inferReturnTypes(MLIRContext *context,
                                        std::optional<Location>,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  inferred.push_back(TupleType::get(context, adaptor.getVal().getTypes()));
  return success();
}

ParseResult TupleOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  if (parser.parseOperandList(operands) ||
      parser.parseOptionalAttrDict(result.attributes) || parser.parseColon())
    return failure();
  llvm::SMLoc typeLoc = parser.getCurrentLocation();
  TupleType type;
  if (parser.parseType(type) ||
      parser.resolveOperands(operands, type.getTypes(), typeLoc,
                             result.operands))
    return failure();
  result.addTypes(type);
  return success();
}

void TupleOp::print(OpAsmPrinter &p) {
  if (!getVal().empty())
    p << ' ' << getVal();
  p.printOptionalAttrDict((*this)->getAttrs());
  p << " : " << getType();
}

LogicalResult GetTupleElementOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  auto tuple = llvm::dyn_cast<TupleType>(adaptor.getOperand().getType());
  if (!tuple)
    return emitOptionalError(location, "operand must be a tuple");
  int64_t index = adaptor.getIndex();
  // get_tuple_element_c1
  if (index < 0 || index >= static_cast<int64_t>(tuple.size()))
    return emitOptionalError(location, "index ", index,
                             " is out of range for a tuple of ", tuple.size(),
                             " elements");
  // get_tuple_element_c2
  inferred.push_back(tuple.getType(index));
  return success();
}

OpFoldResult GetTupleElementOp::fold(FoldAdaptor) {
  if (auto tuple = getOperand().getDefiningOp<TupleOp>())
    return tuple.getVal()[getIndex()];
  return {};
}
