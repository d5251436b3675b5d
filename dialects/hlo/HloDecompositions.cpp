//===- HloDecompositions.cpp - Ops Kiln runs as their decomposition ------===//
//
// CHLO's top_k has a StableHLO decomposition that is as fast as anything
// Kiln would emit for it: an iota of positions, one stable sort of the
// operand and the positions by `GT` (total order for floats, as CHLO's own
// decomposition), and a slice of each. Canonicalization applies it, so
// fusion and native code see only ops they know. The sort by one key is
// GraphBuilder's sort too.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace kiln::hlo;

SortOp kiln::hlo::buildSortByFirst(OpBuilder &builder, Location loc,
                                   ValueRange inputs, int64_t dimension,
                                   ComparisonDirection direction) {
  auto sort = builder.create<SortOp>(loc, inputs.getTypes(), inputs, dimension,
                                     /*is_stable=*/true);
  OpBuilder::InsertionGuard guard(builder);
  Block *comparator = builder.createBlock(&sort.getComparator());
  for (Type type : inputs.getTypes()) {
    auto scalar =
        RankedTensorType::get({}, cast<ShapedType>(type).getElementType());
    comparator->addArguments({scalar, scalar}, {loc, loc});
  }
  ComparisonTypeAttr order;
  if (isa<FloatType>(getElementTypeOrSelf(inputs.front())))
    order = ComparisonTypeAttr::get(builder.getContext(),
                                    ComparisonType::TOTALORDER);
  Value before =
      builder.create<CompareOp>(loc, direction, comparator->getArgument(0),
                                comparator->getArgument(1), order);
  builder.create<ReturnOp>(loc, before);
  return sort;
}

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
    SortOp sort =
        buildSortByFirst(rewriter, loc, ValueRange{op.getOperand(), positions},
                         last, ComparisonDirection::GT);
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
