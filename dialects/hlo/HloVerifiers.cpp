//===- HloVerifiers.cpp - Verifiers of hlo ops without type inference -----===//
//
// verify() and verifyRegions() of the hlo ops that declare them. Each check
// enforces one of StableHLO's spec constraints and is tagged with it.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"
#include "dialects/hlo/HloShapeChecks.h"

using namespace mlir;
using namespace kiln::hlo;
using namespace kiln::hlo::detail;

LogicalResult CompareOp::verify() {
  std::optional<ComparisonType> compareType = getCompareType();
  if (!compareType || *compareType == ComparisonType::NOTYPE)
    return success();
  // compare_c3: FLOAT or TOTALORDER for floats, SIGNED or UNSIGNED for
  // integers, UNSIGNED for i1 and unsigned integers.
  Type element = getLhs().getType().getElementType();
  bool allowed;
  if (isa<FloatType>(element))
    allowed = *compareType == ComparisonType::FLOAT ||
              *compareType == ComparisonType::TOTALORDER;
  else if (element.isInteger(1) || element.isUnsignedInteger())
    allowed = *compareType == ComparisonType::UNSIGNED;
  else
    allowed = *compareType == ComparisonType::SIGNED ||
              *compareType == ComparisonType::UNSIGNED;
  if (!allowed)
    return emitOpError("compare_type ")
           << stringifyComparisonType(*compareType)
           << " does not apply to operands of element type " << element;
  return success();
}

LogicalResult IotaOp::verify() {
  // iota_c1
  int64_t rank = getType().getRank();
  int64_t dimension = static_cast<int64_t>(getIotaDimension());
  if (dimension < 0 || dimension >= rank)
    return emitOpError("iota_dimension ")
           << dimension << " is out of bounds for result of rank " << rank;
  return success();
}

LogicalResult BroadcastInDimOp::verify() {
  RankedTensorType operand = getOperand().getType();
  RankedTensorType result = getType();
  ArrayRef<int64_t> dims = getBroadcastDimensions();
  // broadcast_in_dim_c1
  if (operand.getElementType() != result.getElementType())
    return emitOpError("result element type ")
           << result.getElementType() << " differs from operand element type "
           << operand.getElementType();
  // broadcast_in_dim_c2
  if (static_cast<int64_t>(dims.size()) != operand.getRank())
    return emitOpError("broadcast_dimensions has ")
           << dims.size() << " entries, expected the operand rank "
           << operand.getRank();
  // broadcast_in_dim_c3
  if (failed(checkDimsInRange(getLoc(), dims, result.getRank(),
                              "broadcast dimension", "result")))
    return failure();
  // broadcast_in_dim_c4
  if (failed(checkUnique(getLoc(), dims, "broadcast_dimensions")))
    return failure();
  // broadcast_in_dim_c5
  for (auto [d, resultDim] : llvm::enumerate(dims)) {
    int64_t size = operand.getDimSize(d);
    if (size != 1 && size != result.getDimSize(resultDim))
      return emitOpError("operand dimension ")
             << d << " of size " << size
             << " cannot broadcast to result dimension " << resultDim
             << " of size " << result.getDimSize(resultDim);
  }
  return success();
}

LogicalResult ReshapeOp::verify() {
  RankedTensorType operand = getOperand().getType();
  RankedTensorType result = getType();
  // reshape_c1
  if (operand.getElementType() != result.getElementType())
    return emitOpError("result element type ")
           << result.getElementType() << " differs from operand element type "
           << operand.getElementType();
  // reshape_c2
  if (operand.getNumElements() != result.getNumElements())
    return emitOpError("operand has ")
           << operand.getNumElements() << " elements but result has "
           << result.getNumElements();
  return success();
}

LogicalResult kiln::hlo::detail::verifyBodySignature(Operation *op,
                                                     Region &body,
                                                     StringRef name,
                                                     TypeRange args,
                                                     TypeRange results) {
  Block &block = body.front();
  if (!llvm::equal(block.getArgumentTypes(), args)) {
    InFlightDiagnostic diag = op->emitOpError() << name << " takes (";
    llvm::interleaveComma(block.getArgumentTypes(), diag);
    diag << ") but must take (";
    llvm::interleaveComma(args, diag);
    return diag << ")";
  }
  auto terminator =
      block.empty() ? ReturnOp() : llvm::dyn_cast<ReturnOp>(block.back());
  if (!terminator)
    return op->emitOpError() << name << " must end in hlo.return";
  if (!llvm::equal(terminator.getOperandTypes(), results)) {
    InFlightDiagnostic diag = op->emitOpError() << name << " returns (";
    llvm::interleaveComma(terminator.getOperandTypes(), diag);
    diag << ") but must return (";
    llvm::interleaveComma(results, diag);
    return diag << ")";
  }
  return success();
}

namespace {

/// reduce_c6 / reduce_window_c13 / scatter_c23: the body maps (tensor<E0>, ...,
/// tensor<EN-1>, tensor<E0>, ..., tensor<EN-1>) to (tensor<E0>, ...,
/// tensor<EN-1>), with Ei the element type of input i (Kiln promotes no
/// types): a reduction body maps accumulators and elements to
/// accumulators, each a rank-0 tensor of its input's element type.
LogicalResult verifyReductionBody(Operation *op, Region &body,
                                  ValueRange inputs, StringRef name = "body") {
  SmallVector<Type> expected;
  for (Value input : inputs)
    expected.push_back(RankedTensorType::get(
        {}, llvm::cast<ShapedType>(input.getType()).getElementType()));
  SmallVector<Type> expectedArgs(expected);
  llvm::append_range(expectedArgs, expected);
  return verifyBodySignature(op, body, name, expectedArgs, expected);
}

} // namespace

LogicalResult ReduceOp::verifyRegions() {
  // reduce_c6
  return verifyReductionBody(*this, getBody(), getInputs());
}

LogicalResult ReduceWindowOp::verifyRegions() {
  // reduce_window_c13
  return verifyReductionBody(*this, getBody(), getInputs());
}

LogicalResult ScatterOp::verifyRegions() {
  // scatter_c23
  return verifyReductionBody(*this, getUpdateComputation(), getInputs());
}

LogicalResult SelectAndScatterOp::verifyRegions() {
  auto scalar =
      RankedTensorType::get({}, getOperand().getType().getElementType());
  // select_and_scatter_c9
  if (failed(verifyBodySignature(
          *this, getSelect(), "select", {scalar, scalar},
          {RankedTensorType::get({}, IntegerType::get(getContext(), 1))})))
    return failure();
  // select_and_scatter_c10
  return verifyReductionBody(*this, getScatter(), getOperand(), "scatter");
}

LogicalResult SortOp::verifyRegions() {
  // sort_c5
  SmallVector<Type> args;
  for (Value input : getInputs()) {
    auto scalar = RankedTensorType::get(
        {}, llvm::cast<ShapedType>(input.getType()).getElementType());
    args.append({scalar, scalar});
  }
  return verifyBodySignature(
      *this, getComparator(), "comparator", args,
      {RankedTensorType::get({}, IntegerType::get(getContext(), 1))});
}

LogicalResult ReverseOp::verify() {
  ArrayRef<int64_t> dims = getDimensions();
  // reverse_c2
  if (failed(checkUnique(getLoc(), dims, "dimensions")))
    return failure();
  // reverse_c3
  return checkDimsInRange(getLoc(), dims, getType().getRank(), "dimension",
                          "operand");
}
