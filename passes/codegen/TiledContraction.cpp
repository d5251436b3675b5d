//===- TiledContraction.cpp - dot_general and convolution as matmuls ------===//
//
// dot_general: lhs [batch, rows, contracting] (dims in that order, several
// of each collapsed), rhs in any layout, read through the elemental emitter
// while packing. Convolutions are matched and built in
// TiledConvolution.cpp; the entry points here pick between the two.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/TiledContraction.h"

#include "dialects/hlo/HloDialect.h"
#include "passes/codegen/TensorShapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace kiln {

/// The fewest output rows worth tiling: a single row (a matrix-vector
/// product) streams the rhs once through the dot row structure instead.
constexpr int64_t kMinTiledRows = 2;

Value IndexMath::add(Value x, Value y) const {
  return builder().createOrFold<arith::AddIOp>(loc, x, y);
}
Value IndexMath::sub(Value x, Value y) const {
  return builder().createOrFold<arith::SubIOp>(loc, x, y);
}
Value IndexMath::mul(Value x, int64_t y) const {
  return builder().createOrFold<arith::MulIOp>(loc, x, constant(y));
}
Value IndexMath::min(Value x, Value y) const {
  return builder().createOrFold<arith::MinSIOp>(loc, x, y);
}
Value IndexMath::max(Value x, Value y) const {
  return builder().createOrFold<arith::MaxSIOp>(loc, x, y);
}
Value IndexMath::ceilDiv(Value x, int64_t y) const {
  return builder().createOrFold<arith::DivUIOp>(loc, add(x, constant(y - 1)),
                                                constant(y));
}

/// The image and the feature group of a grouped feature-column
/// convolution's `batch` (ContractionShape::groups).
static std::pair<Value, Value> imageAndGroup(const ContractionShape &shape,
                                             Value batch,
                                             const IndexMath &math) {
  SmallVector<Value> split =
      math.delinearize(batch, {shape.batch / shape.groups, shape.groups});
  return {split[0], split[1]};
}

Value rhsBatchOf(const ContractionShape &shape, Value batch,
                 const IndexMath &math) {
  if (!shape.sharedRhs)
    return batch;
  if (shape.groups == 1)
    return math.constant(0);
  return imageAndGroup(shape, batch, math).second;
}

Value resultOffset(const ContractionShape &shape, Value batch, Value row,
                   Value column, const IndexMath &math) {
  if (shape.groups == 1)
    return math.add(math.mul(math.add(math.mul(batch, shape.m), row), shape.n),
                    column);
  // [image][M][group][N]: a row holds every group's columns.
  auto [image, group] = imageAndGroup(shape, batch, math);
  Value imageRow = math.add(math.mul(image, shape.m), row);
  return math.add(
      math.mul(math.add(math.mul(imageRow, shape.groups), group), shape.n),
      column);
}

Value transposedResultOffset(const ContractionShape &shape, Value batch,
                             Value row, Value column, const IndexMath &math) {
  return math.add(math.mul(math.add(math.mul(batch, shape.n), column), shape.m),
                  row);
}

Value opaqueIndex(OpBuilder &b, Location loc, Value index, int64_t tag) {
  Value asInteger = b.create<arith::IndexCastOp>(loc, b.getI64Type(), index);
  auto copy = b.create<LLVM::InlineAsmOp>(
      loc, b.getI64Type(), ValueRange{asInteger},
      b.getStringAttr("# kiln: tap " + std::to_string(tag)),
      b.getStringAttr("=r,0"), /*has_side_effects=*/UnitAttr(),
      /*is_align_stack=*/UnitAttr(), LLVM::AsmDialectAttr(), ArrayAttr());
  return b.create<arith::IndexCastOp>(loc, b.getIndexType(), copy.getResult(0));
}

SmallVector<Value>
switchOnClass(OpBuilder &b, Location loc, TypeRange types, int64_t classes,
              function_ref<Value()> index,
              function_ref<SmallVector<Value>(int64_t)> body) {
  if (classes == 1)
    return body(0);
  SmallVector<int64_t> cases;
  for (int64_t c = 1; c < classes; ++c)
    cases.push_back(c);
  auto classSwitch =
      b.create<scf::IndexSwitchOp>(loc, types, index(), cases, cases.size());
  OpBuilder::InsertionGuard guard(b);
  auto emitCase = [&](Region &region, int64_t c) {
    b.setInsertionPointToStart(&region.emplaceBlock());
    b.create<scf::YieldOp>(loc, body(c));
  };
  emitCase(classSwitch.getDefaultRegion(), 0);
  for (auto [region, c] : llvm::zip(classSwitch.getCaseRegions(), cases))
    emitCase(region, c);
  return classSwitch.getResults();
}

Value firstLanesMask(OpBuilder &b, Location loc, int64_t lanes, Value count) {
  return b.create<vector::CreateMaskOp>(
      loc, VectorType::get({lanes}, b.getI1Type()), ValueRange{count});
}

Value loadVector(OpBuilder &b, Location loc, VectorType type, Value memref,
                 Value at, Value mask) {
  if (!mask)
    return b.create<vector::LoadOp>(loc, type, memref, at);
  Value zeros = b.create<arith::ConstantOp>(
      loc,
      DenseElementsAttr::get(type, b.getFloatAttr(type.getElementType(), 0.0)));
  return b.create<vector::MaskedLoadOp>(loc, type, memref, at, mask, zeros);
}

void storeFirstLanes(OpBuilder &b, Location loc, Value value, Value memref,
                     Value at, std::optional<int64_t> count) {
  int64_t lanes = cast<VectorType>(value.getType()).getNumElements();
  if (!count || *count >= lanes) {
    b.create<vector::StoreOp>(loc, value, memref, at);
    return;
  }
  if (llvm::isPowerOf2_64(*count)) {
    Value first = b.create<vector::ExtractStridedSliceOp>(
        loc, value, ArrayRef<int64_t>{0}, ArrayRef<int64_t>{*count},
        ArrayRef<int64_t>{1});
    b.create<vector::StoreOp>(loc, first, memref, at);
    return;
  }
  Value mask = firstLanesMask(
      b, loc, lanes, b.create<arith::ConstantIndexOp>(loc, *count));
  b.create<vector::MaskedStoreOp>(loc, memref, at, mask, value);
}

void transposeByBlocks(OpBuilder &b, Location loc,
                       MutableArrayRef<Value> vectors) {
  int64_t rows = vectors.size();
  int64_t lanes = cast<VectorType>(vectors.front().getType()).getNumElements();
  for (int64_t step = 1; step < rows; step *= 2) {
    SmallVector<int64_t> lowMask, highMask;
    for (int64_t l = 0; l < lanes; ++l) {
      bool high = l & step;
      lowMask.push_back(high ? lanes + l - step : l);
      highMask.push_back(high ? lanes + l : l + step);
    }
    for (int64_t q = 0; q < rows; ++q) {
      if (q & step)
        continue;
      Value low = vectors[q], high = vectors[q + step];
      vectors[q] = b.create<vector::ShuffleOp>(loc, low, high, lowMask);
      vectors[q + step] = b.create<vector::ShuffleOp>(loc, low, high, highMask);
    }
  }
}

SmallVector<TransposedRows> transposeSums(OpBuilder &b, Location loc,
                                          int64_t rows, int64_t microRows,
                                          ValueRange sums) {
  int64_t lanes = cast<VectorType>(sums.front().getType()).getNumElements();
  int64_t panelVectors = sums.size() / microRows;
  SmallVector<TransposedRows> pieces;
  for (int64_t v = 0; v < panelVectors; ++v) {
    SmallVector<Value> vectors;
    for (int64_t i = 0; i < rows; ++i)
      vectors.push_back(sums[std::min(i, microRows - 1) * panelVectors + v]);
    transposeByBlocks(b, loc, vectors);
    for (int64_t q = 0; q < rows; ++q)
      for (int64_t h = 0; h < lanes / rows; ++h) {
        Value piece = vectors[q];
        if (rows < lanes)
          piece = b.create<vector::ExtractStridedSliceOp>(
              loc, piece, ArrayRef<int64_t>{h * rows}, ArrayRef<int64_t>{rows},
              ArrayRef<int64_t>{1});
        pieces.push_back({v * lanes + q + h * rows, piece});
      }
  }
  return pieces;
}

//===----------------------------------------------------------------------===//
// dot_general
//===----------------------------------------------------------------------===//

namespace {
/// The dims of a dot in the tiled structure's roles.
struct DotDims {
  SmallVector<int64_t> batchShape, rowShape, colShape, kShape;
  SmallVector<int64_t> rhsBatch, rhsContracting, rhsFree;
};
} // namespace

/// The roles of the dot's dims, if its lhs is laid out [batch, rows,
/// contracting] with at least one row dim and one contracting dim.
static std::optional<DotDims> dotDims(hlo::DotGeneralOp dot) {
  hlo::DotDimensionNumbersAttr numbers = dot.getDotDimensionNumbers();
  ArrayRef<int64_t> batch = numbers.getLhsBatchingDimensions();
  ArrayRef<int64_t> contracting = numbers.getLhsContractingDimensions();
  ArrayRef<int64_t> lhsShape = shapeOf(dot.getLhs());
  int64_t rank = lhsShape.size();
  int64_t numRows = rank - batch.size() - contracting.size();
  if (contracting.empty() || numRows == 0)
    return std::nullopt;
  for (auto [i, d] : llvm::enumerate(batch))
    if (d != static_cast<int64_t>(i))
      return std::nullopt;
  for (auto [i, d] : llvm::enumerate(contracting))
    if (d != rank - static_cast<int64_t>(contracting.size() - i))
      return std::nullopt;

  DotDims dims;
  auto assign = [](SmallVector<int64_t> &to, ArrayRef<int64_t> from) {
    to.assign(from.begin(), from.end());
  };
  assign(dims.batchShape, lhsShape.take_front(batch.size()));
  assign(dims.rowShape, lhsShape.slice(batch.size(), numRows));
  assign(dims.colShape,
         shapeOf(dot.getResult()).drop_front(batch.size() + numRows));
  assign(dims.kShape, lhsShape.take_back(contracting.size()));
  assign(dims.rhsBatch, numbers.getRhsBatchingDimensions());
  assign(dims.rhsContracting, numbers.getRhsContractingDimensions());
  dims.rhsFree = freeDims(shapeOf(dot.getRhs()).size(), dims.rhsBatch,
                          dims.rhsContracting);
  return dims;
}

static std::optional<ContractionShape> matchDot(hlo::DotGeneralOp dot) {
  if (!isInMemory(dot.getLhs()) || !isF32(dot.getLhs()) ||
      !isF32(dot.getRhs()) || !isF32(dot.getResult()))
    return std::nullopt;
  std::optional<DotDims> dims = dotDims(dot);
  if (!dims)
    return std::nullopt;
  ContractionShape shape;
  shape.op = dot;
  shape.batch = product(dims->batchShape);
  shape.m = product(dims->rowShape);
  shape.n = product(dims->colShape);
  shape.k = product(dims->kShape);
  return shape;
}

static TiledContraction buildDot(KernelBuild &build, ContractionShape shape,
                                 Value lhs) {
  auto dot = cast<hlo::DotGeneralOp>(shape.op);
  IndexMath math{&build.emitter, dot.getLoc()};
  DotDims dims = *dotDims(dot);

  TiledContraction contraction;
  contraction.shape = shape;
  contraction.lhs = lhs;
  contraction.lhsRowOffset = [math, shape](Value batch, Value row) {
    return math.mul(math.add(math.mul(batch, shape.m), row), shape.k);
  };
  contraction.beginSlice = [](Value, Value) {};
  contraction.lhsColumnOffset = [](Value k, Value) { return k; };
  contraction.rhsElement = [math, rhs = dot.getRhs(),
                            dims](Value batch, Value k,
                                  Value n) -> FailureOr<Value> {
    SmallVector<Value> indices(shapeOf(rhs).size());
    SmallVector<Value> batchIndices = math.delinearize(batch, dims.batchShape);
    for (auto [i, d] : llvm::enumerate(dims.rhsBatch))
      indices[d] = batchIndices[i];
    SmallVector<Value> kIndices = math.delinearize(k, dims.kShape);
    for (auto [i, d] : llvm::enumerate(dims.rhsContracting))
      indices[d] = kIndices[i];
    SmallVector<Value> nIndices = math.delinearize(n, dims.colShape);
    for (auto [i, d] : llvm::enumerate(dims.rhsFree))
      indices[d] = nIndices[i];
    return math.emitter->emitElement(rhs, indices);
  };
  // A constant rhs is packed while compiling.
  Value rhs = dot.getRhs();
  if (DenseElementsAttr value = storedConstant(rhs)) {
    contraction.rhsConstant = value;
    // Batch, k and n index disjoint dims of the rhs: each adds its own
    // part of the flat offset.
    ArrayRef<int64_t> rhsShape = shapeOf(rhs);
    contraction.rhsConstantOffsets = {
        flatOffsetsAlong(rhsShape, dims.rhsBatch, dims.batchShape),
        flatOffsetsAlong(rhsShape, dims.rhsContracting, dims.kShape),
        flatOffsetsAlong(rhsShape, dims.rhsFree, dims.colShape)};
  }
  // An rhs laid out [batch, contracting, free] has each k's columns in one
  // run.
  if (!contraction.rhsConstant && holdsElements(rhs) &&
      isIdentityOrder(
          concatDims(dims.rhsBatch, dims.rhsContracting, dims.rhsFree))) {
    contraction.rhsRows =
        flatView(build, build.emitter.memrefOf(rhs), math.loc);
    contraction.rhsRowOffset = [math, shape](Value batch, Value k) {
      return math.mul(math.add(math.mul(batch, shape.k), k), shape.n);
    };
  }
  // dot_general's result is [batch dims, lhs free dims, rhs free dims].
  contraction.resultIsMatrix = true;
  ArrayRef<int64_t> colShape = dims.colShape;
  if (!colShape.empty())
    contraction.gridInner = contraction.validInner = colShape.back();
  contraction.resultIndices = [math, dims](Value batch, Value row,
                                           Value gridRow, Value gridColumn) {
    SmallVector<Value> indices = math.delinearize(batch, dims.batchShape);
    llvm::append_range(indices, math.delinearize(row, dims.rowShape));
    if (!dims.colShape.empty()) {
      llvm::append_range(
          indices, math.delinearize(
                       gridRow, ArrayRef<int64_t>(dims.colShape).drop_back()));
      indices.push_back(gridColumn);
    }
    return indices;
  };
  return contraction;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

std::optional<ContractionShape>
matchTiledContraction(hlo::FusionOp fusion, const TargetDescription &target) {
  Operation *op = soleContraction(fusion);
  if (!op)
    return std::nullopt;
  std::optional<ContractionShape> shape;
  if (auto dot = dyn_cast<hlo::DotGeneralOp>(op))
    shape = matchDot(dot);
  else
    shape = matchConvolution(cast<hlo::ConvolutionOp>(op), target);
  if (!shape || shape->m < kMinTiledRows || shape->n == 0 || shape->k == 0 ||
      shape->batch == 0)
    return std::nullopt;
  return shape;
}

TiledContraction buildTiledContraction(KernelBuild &build,
                                       const ContractionShape &shape) {
  if (shape.featureColumns)
    return buildFeatureColumnConvolution(build, shape);
  Value lhs = build.emitter.memrefOf(
      shape.op->getOperand(isa<hlo::DotGeneralOp>(shape.op) ? 0 : 1));
  Value flat = flatView(build, lhs, shape.op->getLoc());
  if (isa<hlo::DotGeneralOp>(shape.op))
    return buildDot(build, shape, flat);
  return buildConvolution(build, shape, flat);
}

} // namespace kiln
