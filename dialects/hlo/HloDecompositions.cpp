//===- HloDecompositions.cpp - Ops Kiln runs as their decomposition ------===//
//
// CHLO's top_k has a StableHLO decomposition that is as fast as anything
// Kiln would emit for it: an iota of positions, one stable sort of the
// operand and the positions by `GT` (total order for floats, as CHLO's own
// decomposition), and a slice of each. Canonicalization applies it, so
// fusion and native code see only ops they know.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace kiln::hlo;

namespace {

struct DecomposeTopK : OpRewritePattern<TopKOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(TopKOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto operandType = cast<RankedTensorType>(op.getOperand().getType());
    int64_t last = operandType.getRank() - 1;
    auto positionsType =
        RankedTensorType::get(operandType.getShape(), rewriter.getI32Type());
    Value positions = rewriter.create<IotaOp>(loc, positionsType, last);

    auto sort = rewriter.create<SortOp>(
        loc, TypeRange{operandType, positionsType},
        ValueRange{op.getOperand(), positions}, last, op.getIsStable());
    Block *comparator = rewriter.createBlock(&sort.getComparator());
    auto scalar = [](Type type) {
      return RankedTensorType::get({}, cast<ShapedType>(type).getElementType());
    };
    for (Type type : {operandType, operandType, positionsType, positionsType})
      comparator->addArgument(scalar(type), loc);
    ComparisonTypeAttr order;
    if (isa<FloatType>(operandType.getElementType()))
      order = ComparisonTypeAttr::get(getContext(), ComparisonType::TOTALORDER);
    Value greater = rewriter.create<CompareOp>(
        loc, ComparisonDirection::GT, comparator->getArgument(0),
        comparator->getArgument(1), order);
    rewriter.create<ReturnOp>(loc, greater);

    rewriter.setInsertionPointAfter(sort);
    SmallVector<int64_t> start(operandType.getRank(), 0);
    SmallVector<int64_t> limit(operandType.getShape());
    limit.back() = op.getK();
    SmallVector<int64_t> strides(operandType.getRank(), 1);
    SmallVector<Value> results;
    for (Value sorted : sort.getResults())
      results.push_back(
          rewriter.create<SliceOp>(loc, sorted, start, limit, strides));
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void TopKOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                         MLIRContext *context) {
  patterns.add<DecomposeTopK>(context);
}
