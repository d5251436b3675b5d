//===- LowerContractions.cpp - dot_general and convolution to linalg ------===//
//
// Both become a zero-filled accumulator and one linalg.generic computing
// acc + lhs * rhs. The indexing maps are written directly in the operands'
// own layouts, so no operand is transposed: dot_general iterates over
// (batch, lhs free, rhs free, contracting); convolution over (output batch,
// output feature, output spatial..., kernel input feature, kernel
// spatial...), with feature and batch groups folded into the maps.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"
#include "passes/LowerHloPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#define DEBUG_TYPE "kiln-lower-hlo-to-linalg"

using namespace mlir;

namespace kiln {
namespace {

/// acc + lhs * rhs in the result's element type (and/or for i1).
Value buildMultiplyAdd(OpBuilder &b, Location loc, Value lhs, Value rhs,
                       Value acc) {
  Type type = acc.getType();
  lhs = buildConvert(b, loc, lhs, type);
  rhs = buildConvert(b, loc, rhs, type);
  if (isa<FloatType>(type))
    return b.create<arith::AddFOp>(loc, acc,
                                   b.create<arith::MulFOp>(loc, lhs, rhs));
  if (type.isInteger(1))
    return b.create<arith::OrIOp>(loc, acc,
                                  b.create<arith::AndIOp>(loc, lhs, rhs));
  return b.create<arith::AddIOp>(loc, acc,
                                 b.create<arith::MulIOp>(loc, lhs, rhs));
}

/// Replaces `op` by zero-fill + generic(lhs, rhs) -> acc + lhs * rhs.
void replaceWithContraction(PatternRewriter &rewriter, Operation *op, Value lhs,
                            Value rhs, ArrayRef<AffineMap> maps,
                            ArrayRef<utils::IteratorType> iterators) {
  Location loc = op->getLoc();
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  Value init =
      buildFilled(rewriter, loc, resultType,
                  buildZero(rewriter, loc, resultType.getElementType()));
  auto generic = rewriter.create<linalg::GenericOp>(
      loc, TypeRange{resultType}, ValueRange{lhs, rhs}, ValueRange{init}, maps,
      iterators, [](OpBuilder &b, Location l, ValueRange args) {
        b.create<linalg::YieldOp>(
            l, buildMultiplyAdd(b, l, args[0], args[1], args[2]));
      });
  rewriter.replaceOp(op, generic->getResults());
}

struct DotGeneralToGeneric final : OpRewritePattern<hlo::DotGeneralOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::DotGeneralOp op,
                                PatternRewriter &rewriter) const override {
    hlo::DotDimensionNumbersAttr dims = op.getDotDimensionNumbers();
    ArrayRef<int64_t> lhsBatch = dims.getLhsBatchingDimensions();
    ArrayRef<int64_t> rhsBatch = dims.getRhsBatchingDimensions();
    ArrayRef<int64_t> lhsContracting = dims.getLhsContractingDimensions();
    ArrayRef<int64_t> rhsContracting = dims.getRhsContractingDimensions();
    int64_t lhsRank = cast<RankedTensorType>(op.getLhs().getType()).getRank();
    int64_t rhsRank = cast<RankedTensorType>(op.getRhs().getType()).getRank();
    int64_t numBatch = lhsBatch.size();
    int64_t numLhsFree = lhsRank - numBatch - lhsContracting.size();
    int64_t numRhsFree = rhsRank - numBatch - rhsContracting.size();
    int64_t numParallel = numBatch + numLhsFree + numRhsFree;
    int64_t numLoops = numParallel + lhsContracting.size();

    // Loop order: batch, lhs free, contracting, rhs free. With the rhs free
    // dims innermost, the inner loop streams a row of rhs and of the result
    // with unit stride, which LLVM vectorizes; each result element still
    // sums over the contracting dims in increasing order.
    int64_t numContracting = lhsContracting.size();
    int64_t firstContractingLoop = numBatch + numLhsFree;
    int64_t firstRhsFreeLoop = firstContractingLoop + numContracting;
    auto operandExprs = [&](int64_t rank, ArrayRef<int64_t> batch,
                            ArrayRef<int64_t> contracting,
                            int64_t firstFreeLoop) {
      SmallVector<AffineExpr> exprs;
      int64_t nextFree = firstFreeLoop;
      for (int64_t d = 0; d < rank; ++d) {
        const int64_t *inBatch = llvm::find(batch, d);
        const int64_t *inContracting = llvm::find(contracting, d);
        int64_t loop;
        if (inBatch != batch.end())
          loop = inBatch - batch.begin();
        else if (inContracting != contracting.end())
          loop = firstContractingLoop + (inContracting - contracting.begin());
        else
          loop = nextFree++;
        exprs.push_back(rewriter.getAffineDimExpr(loop));
      }
      return exprs;
    };
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineExpr> resultExprs;
    for (int64_t d = 0; d < numLoops; ++d)
      if (d < firstContractingLoop || d >= firstRhsFreeLoop)
        resultExprs.push_back(rewriter.getAffineDimExpr(d));
    SmallVector<AffineMap> maps = {
        AffineMap::get(
            numLoops, 0,
            operandExprs(lhsRank, lhsBatch, lhsContracting, numBatch), ctx),
        AffineMap::get(
            numLoops, 0,
            operandExprs(rhsRank, rhsBatch, rhsContracting, firstRhsFreeLoop),
            ctx),
        // The result's dims are batch, lhs free, rhs free.
        AffineMap::get(numLoops, 0, resultExprs, ctx)};
    SmallVector<utils::IteratorType> iterators(firstContractingLoop,
                                               utils::IteratorType::parallel);
    iterators.append(numContracting, utils::IteratorType::reduction);
    iterators.append(numRhsFree, utils::IteratorType::parallel);
    replaceWithContraction(rewriter, op, op.getLhs(), op.getRhs(), maps,
                           iterators);
    return success();
  }
};

/// The kernel with the spatial dims marked in `reversal` reversed.
Value reverseKernel(PatternRewriter &rewriter, Location loc, Value kernel,
                    ArrayRef<int64_t> spatialDims, ArrayRef<bool> reversal) {
  auto type = cast<RankedTensorType>(kernel.getType());
  int64_t rank = type.getRank();
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < rank; ++d)
    exprs.push_back(rewriter.getAffineDimExpr(d));
  for (auto [dim, reversed] : llvm::zip_equal(spatialDims, reversal))
    if (reversed)
      exprs[dim] = type.getDimSize(dim) - 1 - exprs[dim];
  Value init = rewriter.create<tensor::EmptyOp>(loc, type.getShape(),
                                                type.getElementType());
  auto generic = rewriter.create<linalg::GenericOp>(
      loc, TypeRange{type}, ValueRange{kernel}, ValueRange{init},
      ArrayRef<AffineMap>{AffineMap::get(rank, 0, exprs, rewriter.getContext()),
                          rewriter.getMultiDimIdentityMap(rank)},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [](OpBuilder &b, Location l, ValueRange args) {
        b.create<linalg::YieldOp>(l, args[0]);
      });
  return generic.getResult(0);
}

struct ConvolutionToGeneric final : OpRewritePattern<hlo::ConvolutionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::ConvolutionOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getFeatureGroupCount() > 1 && op.getBatchGroupCount() > 1)
      return rewriter.notifyMatchFailure(op, "both kinds of groups");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    hlo::ConvDimensionNumbersAttr dn = op.getDimensionNumbers();
    ArrayRef<int64_t> inputSpatial = dn.getInputSpatialDimensions();
    ArrayRef<int64_t> kernelSpatial = dn.getKernelSpatialDimensions();
    ArrayRef<int64_t> outputSpatial = dn.getOutputSpatialDimensions();
    int64_t numSpatial = inputSpatial.size();
    auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
    auto resultType = cast<RankedTensorType>(op.getType());

    SmallVector<int64_t> ones(numSpatial, 1);
    ArrayRef<int64_t> strides = op.getWindowStrides().value_or(ones);
    ArrayRef<int64_t> lhsDilation = op.getLhsDilation().value_or(ones);
    ArrayRef<int64_t> rhsDilation = op.getRhsDilation().value_or(ones);
    SmallVector<int64_t> padding(2 * numSpatial, 0);
    if (std::optional<DenseIntElementsAttr> attr = op.getPadding())
      padding = llvm::to_vector(attr->getValues<int64_t>());

    // Padding and lhs dilation: pad the input with zeros.
    Value lhs = op.getLhs();
    int64_t lhsRank = lhsType.getRank();
    SmallVector<int64_t> low(lhsRank, 0), interior(lhsRank, 0);
    SmallVector<int64_t> paddedShape(lhsType.getShape());
    bool needsPad = false;
    for (auto [i, dim] : llvm::enumerate(inputSpatial)) {
      low[dim] = padding[2 * i];
      interior[dim] = lhsDilation[i] - 1;
      int64_t size = lhsType.getDimSize(dim);
      int64_t dilated = size == 0 ? 0 : (size - 1) * lhsDilation[i] + 1;
      paddedShape[dim] =
          std::max<int64_t>(0, dilated + padding[2 * i] + padding[2 * i + 1]);
      needsPad |=
          padding[2 * i] != 0 || padding[2 * i + 1] != 0 || lhsDilation[i] != 1;
    }
    if (needsPad)
      lhs =
          buildPad(rewriter, loc, lhs,
                   buildZero(rewriter, loc, lhsType.getElementType()),
                   RankedTensorType::get(paddedShape, lhsType.getElementType()),
                   low, interior);

    Value rhs = op.getRhs();
    if (std::optional<ArrayRef<bool>> reversal = op.getWindowReversal();
        reversal && llvm::is_contained(*reversal, true))
      rhs = reverseKernel(rewriter, loc, rhs, kernelSpatial, *reversal);

    // Loops: ob, of, os..., ki, ks...
    int64_t numLoops = 3 + 2 * numSpatial;
    AffineExpr outBatch = rewriter.getAffineDimExpr(0);
    AffineExpr outFeature = rewriter.getAffineDimExpr(1);
    auto outSpatial = [&](int64_t i) {
      return rewriter.getAffineDimExpr(2 + i);
    };
    AffineExpr kernelFeature = rewriter.getAffineDimExpr(2 + numSpatial);
    auto kernelWindow = [&](int64_t i) {
      return rewriter.getAffineDimExpr(3 + numSpatial + i);
    };

    int64_t outFeatures = resultType.getDimSize(dn.getOutputFeatureDimension());
    int64_t outBatchSize = resultType.getDimSize(dn.getOutputBatchDimension());
    int64_t groupFeatures =
        rhsType.getDimSize(dn.getKernelInputFeatureDimension());
    int64_t featureGroups = op.getFeatureGroupCount();
    int64_t batchGroups = op.getBatchGroupCount();

    // Output feature o is in group o / (O / groups); group g reads input
    // features [g * Cg, (g + 1) * Cg) or input batches [g * B', (g + 1) * B').
    AffineExpr lhsBatch = outBatch;
    if (batchGroups > 1)
      lhsBatch = outFeature.floorDiv(outFeatures / batchGroups) * outBatchSize +
                 outBatch;
    AffineExpr lhsFeature = kernelFeature;
    if (featureGroups > 1)
      lhsFeature =
          outFeature.floorDiv(outFeatures / featureGroups) * groupFeatures +
          kernelFeature;

    SmallVector<AffineExpr> lhsExprs(lhsRank), rhsExprs(rhsType.getRank()),
        outExprs(resultType.getRank());
    lhsExprs[dn.getInputBatchDimension()] = lhsBatch;
    lhsExprs[dn.getInputFeatureDimension()] = lhsFeature;
    rhsExprs[dn.getKernelInputFeatureDimension()] = kernelFeature;
    rhsExprs[dn.getKernelOutputFeatureDimension()] = outFeature;
    outExprs[dn.getOutputBatchDimension()] = outBatch;
    outExprs[dn.getOutputFeatureDimension()] = outFeature;
    for (int64_t i = 0; i < numSpatial; ++i) {
      lhsExprs[inputSpatial[i]] =
          outSpatial(i) * strides[i] + kernelWindow(i) * rhsDilation[i];
      rhsExprs[kernelSpatial[i]] = kernelWindow(i);
      outExprs[outputSpatial[i]] = outSpatial(i);
    }
    SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, lhsExprs, ctx),
                                   AffineMap::get(numLoops, 0, rhsExprs, ctx),
                                   AffineMap::get(numLoops, 0, outExprs, ctx)};
    SmallVector<utils::IteratorType> iterators(2 + numSpatial,
                                               utils::IteratorType::parallel);
    iterators.append(1 + numSpatial, utils::IteratorType::reduction);
    replaceWithContraction(rewriter, op, lhs, rhs, maps, iterators);
    return success();
  }
};

} // namespace

LogicalResult checkContractionSupported(Operation *op) {
  auto conv = dyn_cast<hlo::ConvolutionOp>(op);
  if (!conv)
    return success();
  if (conv.getFeatureGroupCount() > 1 && conv.getBatchGroupCount() > 1)
    return conv.emitError()
           << "hlo.convolution with both feature_group_count = "
           << conv.getFeatureGroupCount()
           << " and batch_group_count = " << conv.getBatchGroupCount()
           << " is not supported";
  return success();
}

void populateContractionLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<DotGeneralToGeneric, ConvolutionToGeneric>(
      patterns.getContext());
}

} // namespace kiln
