//===- LowerShapeOps.cpp - Data-movement hlo ops to tensor and linalg -----===//
//
// Lowers constant, iota, broadcast_in_dim, reshape, transpose, slice,
// concatenate and pad. Pure data movement becomes tensor slices and
// reshapes where the tensor dialect expresses it, linalg otherwise.
//
//===----------------------------------------------------------------------===//

#include "dialects/hlo/HloDialect.h"
#include "passes/LowerHloPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

#define DEBUG_TYPE "kiln-lower-hlo-to-linalg"

using namespace mlir;

namespace kiln {

Value buildFilled(OpBuilder &b, Location loc, RankedTensorType type,
                  Value value) {
  Value empty =
      b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
  return b.create<linalg::FillOp>(loc, value, empty).getResult(0);
}

Value buildPad(OpBuilder &b, Location loc, Value operand, Value padScalar,
               RankedTensorType resultType, ArrayRef<int64_t> low,
               ArrayRef<int64_t> interior) {
  auto operandType = cast<RankedTensorType>(operand.getType());
  if (operandType.getRank() == 0)
    return operand;
  Value filled = buildFilled(b, loc, resultType, padScalar);
  // Operand element j of a dimension lands at low + j * (interior + 1). Keep
  // the run of elements that land inside the result; the rest are cropped.
  SmallVector<int64_t> sourceOffsets, counts, destOffsets, destStrides;
  bool cropped = false;
  for (int64_t d = 0, rank = operandType.getRank(); d < rank; ++d) {
    int64_t size = operandType.getDimSize(d);
    int64_t resultSize = resultType.getDimSize(d);
    int64_t stride = interior[d] + 1;
    int64_t first = low[d] >= 0 ? 0 : llvm::divideCeil(-low[d], stride);
    int64_t room = resultSize - 1 - low[d];
    int64_t last = room < 0 ? -1 : std::min(size - 1, room / stride);
    int64_t count = last - first + 1;
    if (count <= 0)
      return filled;
    cropped |= first != 0 || count != size;
    sourceOffsets.push_back(first);
    counts.push_back(count);
    destOffsets.push_back(low[d] + first * stride);
    destStrides.push_back(stride);
  }
  MLIRContext *ctx = b.getContext();
  SmallVector<OpFoldResult> sizes = getAsIndexOpFoldResult(ctx, counts);
  SmallVector<OpFoldResult> unitStrides(counts.size(), b.getIndexAttr(1));
  Value kept = operand;
  if (cropped)
    kept = b.create<tensor::ExtractSliceOp>(
        loc, operand, getAsIndexOpFoldResult(ctx, sourceOffsets), sizes,
        unitStrides);
  return b.create<tensor::InsertSliceOp>(
      loc, kept, filled, getAsIndexOpFoldResult(ctx, destOffsets), sizes,
      getAsIndexOpFoldResult(ctx, destStrides));
}

namespace {

struct ConstantToArith final : OpRewritePattern<hlo::ConstantOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::ConstantOp op,
                                PatternRewriter &rewriter) const override {
    auto value = dyn_cast<TypedAttr>(op.getValue());
    if (!value || value.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "untyped constant");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, value);
    return success();
  }
};

/// iota: linalg.index of the iota dimension, converted like hlo.convert.
struct IotaToGeneric final : OpRewritePattern<hlo::IotaOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::IotaOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    int64_t dim = op.getIotaDimension();
    Value init = rewriter.create<tensor::EmptyOp>(loc, type.getShape(),
                                                  type.getElementType());
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{type}, ValueRange{}, ValueRange{init},
        rewriter.getMultiDimIdentityMap(rank),
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange) {
          Value index = b.create<linalg::IndexOp>(l, dim);
          Value asInt = b.create<arith::IndexCastOp>(l, b.getI64Type(), index);
          b.create<linalg::YieldOp>(
              l, buildConvert(b, l, asInt, type.getElementType()));
        });
    rewriter.replaceOp(op, generic->getResults());
    return success();
  }
};

/// broadcast_in_dim: a generic copy whose input map sends operand dim i to
/// result dim dims[i], or to the constant 0 where a size-1 operand dim is
/// broadcast.
struct BroadcastInDimToGeneric final : OpRewritePattern<hlo::BroadcastInDimOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::BroadcastInDimOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto operandType = cast<RankedTensorType>(op.getOperand().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = resultType.getRank();
    SmallVector<AffineExpr> inputExprs;
    for (auto [i, resultDim] : llvm::enumerate(op.getBroadcastDimensions())) {
      bool expands = operandType.getDimSize(i) == 1 &&
                     resultType.getDimSize(resultDim) != 1;
      inputExprs.push_back(expands ? rewriter.getAffineConstantExpr(0)
                                   : rewriter.getAffineDimExpr(resultDim));
    }
    AffineMap inputMap =
        AffineMap::get(rank, 0, inputExprs, rewriter.getContext());
    Value init = rewriter.create<tensor::EmptyOp>(loc, resultType.getShape(),
                                                  resultType.getElementType());
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{resultType}, ValueRange{op.getOperand()},
        ValueRange{init},
        ArrayRef<AffineMap>{inputMap, rewriter.getMultiDimIdentityMap(rank)},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [](OpBuilder &b, Location l, ValueRange args) {
          b.create<linalg::YieldOp>(l, args[0]);
        });
    rewriter.replaceOp(op, generic->getResults());
    return success();
  }
};

/// reshape: one collapse_shape or expand_shape when the shapes allow it,
/// else a collapse to rank 1 followed by an expand.
struct ReshapeToTensor final : OpRewritePattern<hlo::ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = op.getOperand();
    auto operandType = cast<RankedTensorType>(operand.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (operandType == resultType) {
      rewriter.replaceOp(op, operand);
      return success();
    }
    // Rank 0 on either side: the other side has only unit dims and the
    // reassociation is empty.
    if (resultType.getRank() == 0) {
      rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
          op, resultType, operand, ArrayRef<ReassociationIndices>{});
      return success();
    }
    if (operandType.getRank() == 0) {
      rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
          op, resultType, operand, ArrayRef<ReassociationIndices>{});
      return success();
    }
    if (std::optional<SmallVector<ReassociationIndices>> groups =
            getReassociationIndicesForReshape(operandType, resultType)) {
      if (operandType.getRank() > resultType.getRank())
        rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, resultType,
                                                             operand, *groups);
      else
        rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(op, resultType,
                                                           operand, *groups);
      return success();
    }
    Value flat = operand;
    if (operandType.getRank() != 1) {
      auto flatType = RankedTensorType::get({operandType.getNumElements()},
                                            operandType.getElementType());
      ReassociationIndices all =
          llvm::to_vector(llvm::seq<int64_t>(0, operandType.getRank()));
      flat = rewriter.create<tensor::CollapseShapeOp>(
          loc, flatType, operand, ArrayRef<ReassociationIndices>{all});
    }
    if (resultType.getRank() == 1) {
      rewriter.replaceOp(op, flat);
      return success();
    }
    ReassociationIndices all =
        llvm::to_vector(llvm::seq<int64_t>(0, resultType.getRank()));
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        op, resultType, flat, ArrayRef<ReassociationIndices>{all});
    return success();
  }
};

struct TransposeToLinalg final : OpRewritePattern<hlo::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value init = rewriter.create<tensor::EmptyOp>(
        op.getLoc(), resultType.getShape(), resultType.getElementType());
    // Both define result dim i as operand dim permutation[i].
    auto transpose = rewriter.create<linalg::TransposeOp>(
        op.getLoc(), op.getOperand(), init, op.getPermutation());
    rewriter.replaceOp(op, transpose->getResults());
    return success();
  }
};

struct SliceToExtractSlice final : OpRewritePattern<hlo::SliceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::SliceOp op,
                                PatternRewriter &rewriter) const override {
    MLIRContext *ctx = rewriter.getContext();
    auto resultType = cast<RankedTensorType>(op.getType());
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, resultType, op.getOperand(),
        getAsIndexOpFoldResult(ctx, op.getStartIndices()),
        getAsIndexOpFoldResult(ctx, resultType.getShape()),
        getAsIndexOpFoldResult(ctx, op.getStrides()));
    return success();
  }
};

/// concatenate: each input inserted into an empty tensor at its offset.
struct ConcatenateToInsertSlices final : OpRewritePattern<hlo::ConcatenateOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::ConcatenateOp op,
                                PatternRewriter &rewriter) const override {
    MLIRContext *ctx = rewriter.getContext();
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    uint64_t dim = op.getDimension();
    Value result = rewriter.create<tensor::EmptyOp>(
        loc, resultType.getShape(), resultType.getElementType());
    SmallVector<int64_t> offsets(resultType.getRank(), 0);
    SmallVector<OpFoldResult> unitStrides(resultType.getRank(),
                                          rewriter.getIndexAttr(1));
    for (Value input : op.getInputs()) {
      auto inputType = cast<RankedTensorType>(input.getType());
      if (inputType.getNumElements() != 0)
        result = rewriter.create<tensor::InsertSliceOp>(
            loc, input, result, getAsIndexOpFoldResult(ctx, offsets),
            getAsIndexOpFoldResult(ctx, inputType.getShape()), unitStrides);
      offsets[dim] += inputType.getDimSize(dim);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct PadToInsertSlice final : OpRewritePattern<hlo::PadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(hlo::PadOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value padScalar = rewriter.create<tensor::ExtractOp>(
        loc, op.getPaddingValue(), ValueRange{});
    rewriter.replaceOp(op, buildPad(rewriter, loc, op.getOperand(), padScalar,
                                    cast<RankedTensorType>(op.getType()),
                                    op.getEdgePaddingLow(),
                                    op.getInteriorPadding()));
    return success();
  }
};

} // namespace

void populateShapeLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ConstantToArith, IotaToGeneric, BroadcastInDimToGeneric,
               ReshapeToTensor, TransposeToLinalg, SliceToExtractSlice,
               ConcatenateToInsertSlices, PadToInsertSlice>(
      patterns.getContext());
}

} // namespace kiln
