//===- LowerReductions.cpp - reduce and reduce_window to linalg.generic ---===//
//
// Both become one multi-result linalg.generic with reduction iterators whose
// body is the hlo body mapped onto scalars (buildScalarBody), so variadic
// reductions such as argmax's (value, index) pairs need nothing special. The
// loops visit elements in row-major order: the natural sequential order.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"
#include "passes/LowerHloPatterns.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#define DEBUG_TYPE "kiln-lower-hlo-to-linalg"

using namespace mlir;

namespace kiln {
namespace {

/// The scalars of rank-0 init tensors.
SmallVector<Value> extractScalars(OpBuilder &b, Location loc,
                                  ValueRange initValues) {
  SmallVector<Value> scalars;
  for (Value init : initValues)
    scalars.push_back(b.create<tensor::ExtractOp>(loc, init, ValueRange{}));
  return scalars;
}

/// One accumulator per result, filled with its init value.
SmallVector<Value> buildAccumulators(OpBuilder &b, Location loc,
                                     TypeRange resultTypes,
                                     ArrayRef<Value> initScalars) {
  SmallVector<Value> accumulators;
  for (auto [type, init] : llvm::zip_equal(resultTypes, initScalars))
    accumulators.push_back(
        buildFilled(b, loc, cast<RankedTensorType>(type), init));
  return accumulators;
}

/// Replaces `op` by a generic over `inputs` into `accumulators` with the hlo
/// body mapped onto scalars. hlo bodies take (accumulators..., inputs...); the
/// generic's block has (inputs..., [extra]..., accumulators...), where the
/// extra operands after the first n inputs only shape the iteration space.
LogicalResult buildReductionGeneric(PatternRewriter &rewriter, Operation *op,
                                    ValueRange inputs, ValueRange accumulators,
                                    ArrayRef<AffineMap> maps,
                                    ArrayRef<utils::IteratorType> iterators) {
  Location loc = op->getLoc();
  size_t n = accumulators.size();
  bool bodyFailed = false;
  auto generic = rewriter.create<linalg::GenericOp>(
      loc, op->getResultTypes(), inputs, accumulators, maps, iterators,
      [&](OpBuilder &b, Location l, ValueRange args) {
        SmallVector<Value> scalarArgs(args.take_back(n));
        llvm::append_range(scalarArgs, args.take_front(n));
        FailureOr<SmallVector<Value>> results =
            buildScalarBody(b, l, op->getRegion(0), scalarArgs);
        bodyFailed = failed(results);
        b.create<linalg::YieldOp>(l, bodyFailed ? ValueRange(args.take_back(n))
                                                : ValueRange(*results));
      });
  // Unreachable after checkReductionBody, which reports such bodies first.
  if (bodyFailed) {
    rewriter.eraseOp(generic);
    return failure();
  }
  rewriter.replaceOp(op, generic->getResults());
  return success();
}

/// reduce: iterate over the input's dims, the reduced ones as reductions;
/// the accumulators' maps drop the reduced dims.
struct ReduceToGeneric final : OpRewritePattern<hlo::ReduceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::ReduceOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(op.getInputs()[0].getType());
    int64_t rank = inputType.getRank();
    ArrayRef<int64_t> reduced = op.getDimensions();
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    SmallVector<AffineExpr> kept;
    for (int64_t d = 0; d < rank; ++d) {
      if (llvm::is_contained(reduced, d))
        iterators[d] = utils::IteratorType::reduction;
      else
        kept.push_back(rewriter.getAffineDimExpr(d));
    }
    size_t n = op.getInputs().size();
    SmallVector<AffineMap> maps(n, rewriter.getMultiDimIdentityMap(rank));
    maps.append(n, AffineMap::get(rank, 0, kept, rewriter.getContext()));
    SmallVector<Value> accumulators =
        buildAccumulators(rewriter, loc, op->getResultTypes(),
                          extractScalars(rewriter, loc, op.getInitValues()));
    return buildReductionGeneric(rewriter, op, op.getInputs(), accumulators,
                                 maps, iterators);
  }
};

/// reduce_window: pad each input with its init value (base dilation as
/// interior padding), then iterate over output dims x window dims, reading
/// input[out * stride + win * window_dilation]. An empty tensor of the window
/// shape gives the window loops their ranges.
struct ReduceWindowToGeneric final : OpRewritePattern<hlo::ReduceWindowOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::ReduceWindowOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto inputType = cast<RankedTensorType>(op.getInputs()[0].getType());
    int64_t rank = inputType.getRank();
    ArrayRef<int64_t> window = op.getWindowDimensions();
    SmallVector<int64_t> ones(rank, 1), zeros(rank, 0);
    ArrayRef<int64_t> strides = op.getWindowStrides().value_or(ones);
    ArrayRef<int64_t> baseDilations = op.getBaseDilations().value_or(ones);
    ArrayRef<int64_t> windowDilations = op.getWindowDilations().value_or(ones);
    SmallVector<int64_t> low(zeros), high(zeros);
    if (std::optional<DenseIntElementsAttr> padding = op.getPadding()) {
      SmallVector<int64_t> flat =
          llvm::to_vector(padding->getValues<int64_t>());
      for (int64_t d = 0; d < rank; ++d) {
        low[d] = flat[2 * d];
        high[d] = flat[2 * d + 1];
      }
    }
    bool padded = llvm::any_of(low, [](int64_t v) { return v != 0; }) ||
                  llvm::any_of(high, [](int64_t v) { return v != 0; }) ||
                  llvm::any_of(baseDilations, [](int64_t v) { return v != 1; });

    SmallVector<Value> initScalars =
        extractScalars(rewriter, loc, op.getInitValues());
    SmallVector<int64_t> interior;
    for (int64_t dilation : baseDilations)
      interior.push_back(dilation - 1);
    SmallVector<int64_t> paddedShape;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t size = inputType.getDimSize(d);
      int64_t dilated = size == 0 ? 0 : (size - 1) * baseDilations[d] + 1;
      paddedShape.push_back(std::max<int64_t>(0, dilated + low[d] + high[d]));
    }
    SmallVector<Value> inputs;
    for (auto [input, init] : llvm::zip_equal(op.getInputs(), initScalars)) {
      if (!padded) {
        inputs.push_back(input);
        continue;
      }
      auto type = RankedTensorType::get(
          paddedShape,
          cast<RankedTensorType>(input.getType()).getElementType());
      inputs.push_back(
          buildPad(rewriter, loc, input, init, type, low, interior));
    }
    inputs.push_back(rewriter.create<tensor::EmptyOp>(
        loc, window, inputType.getElementType()));

    SmallVector<AffineExpr> inputExprs, windowExprs, outputExprs;
    for (int64_t d = 0; d < rank; ++d) {
      AffineExpr out = rewriter.getAffineDimExpr(d);
      AffineExpr win = rewriter.getAffineDimExpr(rank + d);
      inputExprs.push_back(out * strides[d] + win * windowDilations[d]);
      windowExprs.push_back(win);
      outputExprs.push_back(out);
    }
    size_t n = op.getInputs().size();
    SmallVector<AffineMap> maps(n,
                                AffineMap::get(2 * rank, 0, inputExprs, ctx));
    maps.push_back(AffineMap::get(2 * rank, 0, windowExprs, ctx));
    maps.append(n, AffineMap::get(2 * rank, 0, outputExprs, ctx));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators.append(rank, utils::IteratorType::reduction);
    SmallVector<Value> accumulators =
        buildAccumulators(rewriter, loc, op->getResultTypes(), initScalars);
    return buildReductionGeneric(rewriter, op, inputs, accumulators, maps,
                                 iterators);
  }
};

} // namespace

void populateReductionLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ReduceToGeneric, ReduceWindowToGeneric>(patterns.getContext());
}

} // namespace kiln
