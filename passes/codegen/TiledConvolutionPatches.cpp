//===- TiledConvolutionPatches.cpp - A convolution's patch readers --------===//
//
// The rhs of a convolution's implicit GEMM, an input patch element per
// (k, column), read one of four ways: contiguous runs of the input; runs
// under masks where the padding falls; segments of output rows under masks
// (strides); or, where the taps never leave the input, by a per-tile table
// of the columns' offsets. TiledConvolution.cpp picks one.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/TiledConvolutionPatches.h"

#include "passes/codegen/TensorShapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace kiln {

SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

ConvolutionWindow::ConvolutionWindow(hlo::ConvolutionOp conv) {
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ArrayRef<int64_t> inputShape = shapeOf(conv.getLhs());
  ArrayRef<int64_t> kernelShape = shapeOf(conv.getRhs());
  ArrayRef<int64_t> resultShape = shapeOf(conv.getResult());
  size_t numSpatial = dn.getInputSpatialDimensions().size();
  SmallVector<int64_t> ones(numSpatial, 1);
  strides = SmallVector<int64_t>(conv.getWindowStrides().value_or(ones));
  dilations = SmallVector<int64_t>(conv.getRhsDilation().value_or(ones));
  padLow.assign(numSpatial, 0);
  if (std::optional<DenseIntElementsAttr> padding = conv.getPadding()) {
    SmallVector<int64_t> pairs(padding->getValues<int64_t>());
    for (size_t d = 0; d < numSpatial; ++d)
      padLow[d] = pairs[2 * d];
  }
  for (size_t d = 0; d < numSpatial; ++d) {
    inputSizes.push_back(inputShape[dn.getInputSpatialDimensions()[d]]);
    int64_t window = kernelShape[dn.getKernelSpatialDimensions()[d]];
    int64_t positions = resultShape[dn.getOutputSpatialDimensions()[d]];
    int64_t last = (positions - 1) * strides[d] + (window - 1) * dilations[d];
    mayLeave.push_back(padLow[d] != 0 ||
                       last >= inputShape[dn.getInputSpatialDimensions()[d]]);
  }
}

bool ConvolutionWindow::reachesAlong(size_t d, int64_t position,
                                     int64_t tap) const {
  int64_t at = position * strides[d] + tap * dilations[d] - padLow[d];
  return at >= 0 && at < inputSizes[d];
}

bool ConvolutionWindow::reaches(ArrayRef<int64_t> position,
                                ArrayRef<int64_t> tap) const {
  for (size_t d = 0; d < strides.size(); ++d)
    if (!reachesAlong(d, position[d], tap[d]))
      return false;
  return true;
}

bool ConvolutionWindow::staysInside() const {
  return llvm::none_of(mayLeave, [](bool leaves) { return leaves; });
}

ConvolutionK::ConvolutionK(hlo::ConvolutionOp conv) {
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ArrayRef<int64_t> kernelShape = shapeOf(conv.getRhs());
  ArrayRef<int64_t> spatial = dn.getKernelSpatialDimensions();
  for (int64_t d = 0; d < static_cast<int64_t>(kernelShape.size()); ++d) {
    if (d == dn.getKernelOutputFeatureDimension())
      continue;
    shape.push_back(kernelShape[d]);
    const int64_t *it = llvm::find(spatial, d);
    spatialDim.push_back(it == spatial.end() ? -1 : it - spatial.begin());
  }
}

std::pair<SmallVector<Value>, Value> ConvolutionK::split(const IndexMath &math,
                                                         Value k) const {
  SmallVector<Value> indices = math.delinearize(k, shape);
  SmallVector<Value> taps(shape.size() - 1);
  Value feature;
  for (auto [i, d] : llvm::enumerate(spatialDim))
    (d < 0 ? feature : taps[d]) = indices[i];
  return {taps, feature};
}

ConvolutionGroups::ConvolutionGroups(hlo::ConvolutionOp conv)
    : groups(conv.getFeatureGroupCount()) {
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  images = shapeOf(conv.getLhs())[dn.getInputBatchDimension()];
  outputFeatures =
      shapeOf(conv.getRhs())[dn.getKernelOutputFeatureDimension()] / groups;
  inputFeatures = shapeOf(conv.getRhs())[dn.getKernelInputFeatureDimension()];
}

std::pair<Value, Value> ConvolutionGroups::split(const IndexMath &math,
                                                 Value batch) const {
  if (groups == 1)
    return {batch, nullptr};
  SmallVector<Value> imageAndGroup = math.delinearize(batch, {images, groups});
  return {imageAndGroup[0], imageAndGroup[1]};
}

Value ConvolutionGroups::feature(const IndexMath &math, Value group,
                                 int64_t perGroup, Value feature) {
  return group ? math.add(math.mul(group, perGroup), feature) : feature;
}

Value ConvolutionGroups::outputFeature(const IndexMath &math, Value batch,
                                       Value feature) const {
  return ConvolutionGroups::feature(math, split(math, batch).second,
                                    outputFeatures, feature);
}

PatchOrigins::PatchOrigins(KernelBuild &build, hlo::ConvolutionOp conv,
                           IndexMath math, const ConvolutionK &kDims)
    : math(math), kDims(kDims), groups(conv) {
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  SmallVector<int64_t> inputStrides = stridesOf(shapeOf(conv.getLhs()));
  ArrayRef<int64_t> spatial = dn.getInputSpatialDimensions();
  SmallVector<int64_t> ones(spatial.size(), 1);
  SmallVector<int64_t> dilations(conv.getRhsDilation().value_or(ones));
  // Each spatial tap moves dilation * the dim's stride.
  for (auto [d, dim] : llvm::enumerate(spatial))
    tapStrides.push_back(dilations[d] * inputStrides[dim]);
  batchStride = inputStrides[dn.getInputBatchDimension()];
  featureStride = inputStrides[dn.getInputFeatureDimension()];
  ArrayRef<int64_t> resultShape = shapeOf(conv.getResult());
  ConvolutionWindow window(conv);
  for (auto [d, dim] : llvm::enumerate(dn.getOutputSpatialDimensions())) {
    outputPositions.push_back(resultShape[dim]);
    positionStrides.push_back(window.strides[d] * inputStrides[spatial[d]]);
  }
  flat = flatView(build, build.emitter.memrefOf(conv.getLhs()), math.loc);
}

Value PatchOrigins::positionOffset(Value position) const {
  SmallVector<Value> at = math.delinearize(position, outputPositions);
  Value offset = math.constant(0);
  for (auto [d, stride] : llvm::enumerate(positionStrides))
    offset = math.add(offset, math.mul(at[d], stride));
  return offset;
}

Value PatchOrigins::tapOffset(Value k) const {
  auto [taps, feature] = kDims.split(math, k);
  Value offset = math.mul(feature, featureStride);
  for (auto [d, stride] : llvm::enumerate(tapStrides))
    offset = math.add(offset, math.mul(taps[d], stride));
  return offset;
}

/// `offset` from `group`'s first input feature (null: the only group).
static Value fromGroup(const PatchOrigins &origins, Value group, Value offset) {
  if (!group)
    return offset;
  return origins.math.add(offset,
                          origins.math.mul(group, origins.groups.inputFeatures *
                                                      origins.featureStride));
}

Value PatchOrigins::batchOrigin(Value batch) const {
  auto [image, group] = groups.split(math, batch);
  return fromGroup(*this, group, math.mul(image, batchStride));
}

Value PatchOrigins::origin(Value batch, Value k) const {
  auto [image, group] = groups.split(math, batch);
  return fromGroup(*this, group,
                   math.add(math.mul(image, batchStride), tapOffset(k)));
}

Value PatchOrigins::load(Value batch, Value k, Value column) const {
  return math.builder().create<memref::LoadOp>(
      math.loc, flat, math.add(origin(batch, k), column));
}

bool hasContiguousPatches(hlo::ConvolutionOp conv) {
  if (!isInMemory(conv.getLhs()) || !hlo::slidesOverTrailingDims(conv))
    return false;
  if (std::optional<DenseIntElementsAttr> padding = conv.getPadding())
    if (llvm::any_of(padding->getValues<int64_t>(),
                     [](int64_t p) { return p != 0; }))
      return false;
  return true;
}

/// The rhs of a convolution with contiguous patches: element (k, n') is
/// input[batch, feature, taps...] at offset n' from the tap's origin.
void readContiguousPatches(TiledContraction &contraction, KernelBuild &build,
                           hlo::ConvolutionOp conv, IndexMath math,
                           const ConvolutionK &kDims) {
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ArrayRef<int64_t> spatial = dn.getInputSpatialDimensions();
  if (spatial.size() == 2) {
    ArrayRef<int64_t> resultShape = shapeOf(conv.getResult());
    int64_t inputWidth = shapeOf(conv.getLhs())[spatial[1]];
    int64_t outputHeight = resultShape[dn.getOutputSpatialDimensions()[0]];
    int64_t outputWidth = resultShape[dn.getOutputSpatialDimensions()[1]];
    contraction.gridInner = inputWidth;
    contraction.validInner = outputWidth;
    // The last result is column (Ho - 1) * W + Wo - 1; no patch read past
    // it leaves the input.
    contraction.shape.n = (outputHeight - 1) * inputWidth + outputWidth;
  }
  PatchOrigins origins(build, conv, math, kDims);
  contraction.rhsElement = [origins](Value batch, Value k,
                                     Value n) -> FailureOr<Value> {
    return origins.load(batch, k, n);
  };
  contraction.rhsRows = origins.flat;
  contraction.rhsRowOffset = [origins](Value batch, Value k) {
    return origins.origin(batch, k);
  };
}

namespace {
/// Vectors of i64 lanes at the builder's insertion point, for the per-tile
/// mask tables of the patch readers below.
struct LaneMath {
  IndexMath math;
  int64_t lanes;

  OpBuilder &builder() const { return math.builder(); }
  VectorType type() const {
    return VectorType::get({lanes}, builder().getI64Type());
  }
  Value splat(Value index) const {
    OpBuilder &b = builder();
    return b.create<vector::BroadcastOp>(
        math.loc, type(),
        b.create<arith::IndexCastOp>(math.loc, b.getI64Type(), index));
  }
  Value constant(int64_t value) const {
    return builder().create<arith::ConstantOp>(
        math.loc,
        DenseElementsAttr::get(type(), builder().getI64IntegerAttr(value)));
  }
  /// start, start + 1, ..., start + lanes - 1.
  Value iota(Value start) const {
    SmallVector<int64_t> values = llvm::to_vector(llvm::seq<int64_t>(0, lanes));
    return add(splat(start),
               builder().create<arith::ConstantOp>(
                   math.loc,
                   DenseElementsAttr::get(type(), ArrayRef<int64_t>(values))));
  }
  Value add(Value x, Value y) const {
    return builder().create<arith::AddIOp>(math.loc, x, y);
  }
  Value mul(Value x, int64_t y) const {
    return builder().create<arith::MulIOp>(math.loc, x, constant(y));
  }
  /// Per lane, 0 <= x < bound: unsigned, so a negative x is out of range.
  Value below(Value x, int64_t bound) const {
    return builder().create<arith::CmpIOp>(math.loc, arith::CmpIPredicate::ult,
                                           x, constant(bound));
  }
  Value both(Value x, Value y) const {
    return builder().create<arith::AndIOp>(math.loc, x, y);
  }
};

/// How a table on the stack keeps lane masks. With AVX-512 a vector of i1
/// is a mask register, stored as its bits. Without it LLVM expands each
/// stored bit into a lane at every load (about 40 scalar instructions for
/// 8 lanes), so the table keeps lanes of 32 bits, all ones or all zeros:
/// the form AVX2's masked loads read, turned back into i1 by a compare
/// that the load then folds away.
struct MaskStorage {
  int64_t lanes;
  bool asBits;

  explicit MaskStorage(const TargetDescription &target)
      : lanes(target.lanes(4)), asBits(target.vectorBits == 512) {}

  VectorType maskType(OpBuilder &b) const {
    return VectorType::get({lanes}, b.getI1Type());
  }
  VectorType storedType(OpBuilder &b) const {
    return asBits ? maskType(b) : VectorType::get({lanes}, b.getI32Type());
  }
  Value store(OpBuilder &b, Location loc, Value mask) const {
    if (asBits)
      return mask;
    return b.create<arith::ExtSIOp>(loc, storedType(b), mask);
  }
  Value load(OpBuilder &b, Location loc, Value stored) const {
    if (asBits)
      return stored;
    Value zeros = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(storedType(b), b.getI32IntegerAttr(0)));
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, stored,
                                   zeros);
  }
};
} // namespace

/// The rhs of a convolution that reads its padding itself and whose output
/// rows are as wide as its input's, with unit strides: a patch row is a run
/// of the input, as with contiguous patches, starting the low padding before
/// the tap's origin, and columns are the output positions. The lanes of a
/// tap that fall in the padding, or past N, are masked off: per tile, a
/// table holds each tap's mask of each vector of the tile's columns.
void readMaskedPatches(TiledContraction &contraction, KernelBuild &build,
                       hlo::ConvolutionOp conv, IndexMath math,
                       const ConvolutionK &kDims) {
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ConvolutionWindow window(conv);
  SmallVector<int64_t> inputSizes, tapShape;
  for (int64_t d : dn.getInputSpatialDimensions())
    inputSizes.push_back(shapeOf(conv.getLhs())[d]);
  for (int64_t d : dn.getKernelSpatialDimensions())
    tapShape.push_back(shapeOf(conv.getRhs())[d]);
  int64_t width = inputSizes.back();
  int64_t lowPadding = window.padLow.back();
  if (inputSizes.size() == 2)
    lowPadding += window.padLow[0] * width;
  PatchOrigins origins(build, conv, math, kDims);

  OpBuilder &b = build.emitter.getBuilder();
  LaneMath lanes{math, build.target.lanes(4)};
  MaskStorage storage(build.target);
  Value table;
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&build.kernel.front());
    table = b.create<memref::AllocaOp>(
        math.loc,
        MemRefType::get({product(tapShape), kMaxTileColumns / lanes.lanes},
                        storage.storedType(b)));
  }
  int64_t n = contraction.shape.n;
  // The tile's first column, set by beginTile for rhsVector.
  auto tileStart = std::make_shared<Value>();
  contraction.beginTile = [=](Value n0, Value) {
    *tileStart = n0;
    OpBuilder &b = math.builder();
    // Every vector of the table, not only the `count` columns': the
    // engine packs whole panels, and the lanes past N must read masks
    // that are off, not those of an earlier tile.
    auto vectors = b.create<scf::ForOp>(
        math.loc, math.constant(0),
        math.constant(kMaxTileColumns / lanes.lanes), math.constant(1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(vectors.getBody());
    Value q = vectors.getInductionVar();
    Value columns = lanes.iota(math.add(n0, math.mul(q, lanes.lanes)));
    SmallVector<Value> positions{columns};
    if (inputSizes.size() == 2)
      positions = {
          b.create<arith::DivUIOp>(math.loc, columns, lanes.constant(width)),
          b.create<arith::RemUIOp>(math.loc, columns, lanes.constant(width))};
    Value beforeEnd = lanes.below(columns, n);
    auto taps = b.create<scf::ForOp>(math.loc, math.constant(0),
                                     math.constant(product(tapShape)),
                                     math.constant(1));
    b.setInsertionPointToStart(taps.getBody());
    Value tap = taps.getInductionVar();
    SmallVector<Value> tapIndices = math.delinearize(tap, tapShape);
    Value mask = beforeEnd;
    for (auto [d, position] : llvm::enumerate(positions)) {
      // The tap's position in the input along d, per lane.
      Value shift = math.sub(math.mul(tapIndices[d], window.dilations[d]),
                             math.constant(window.padLow[d]));
      mask =
          lanes.both(mask, lanes.below(lanes.add(position, lanes.splat(shift)),
                                       inputSizes[d]));
    }
    b.create<memref::StoreOp>(math.loc, storage.store(b, math.loc, mask), table,
                              ValueRange{tap, q});
  };
  contraction.rhsVector = [=](Value batch, Value k, Value q) -> Value {
    OpBuilder &b = math.builder();
    auto [tapIndices, feature] = kDims.split(math, k);
    Value tap = math.constant(0);
    for (auto [d, index] : llvm::enumerate(tapIndices))
      tap = math.add(math.mul(tap, tapShape[d]), index);
    Value mask = storage.load(
        b, math.loc,
        b.create<memref::LoadOp>(math.loc, table, ValueRange{tap, q}));
    Value at =
        math.add(math.sub(origins.origin(batch, k), math.constant(lowPadding)),
                 math.add(*tileStart, math.mul(q, lanes.lanes)));
    return loadVector(b, math.loc,
                      VectorType::get({lanes.lanes}, b.getF32Type()),
                      origins.flat, at, mask);
  };
}

/// The rhs of any other convolution that reads its padding itself
/// (hlo::isMaskedPatchConvolution): strides, or output rows narrower than
/// the input's. A vector's lanes are consecutive output positions, which
/// split by output row into segments (at most `segments` per vector). Each
/// segment's lanes read one input row, `stride` elements apart: per
/// segment, `stride` masked loads of consecutive vectors at the segment's
/// start, each keeping the lanes the earlier segments loaded, and then one
/// shuffle takes every `stride`-th element. Per tile, tables hold each
/// segment's start and output row, and the mask of its elements for each
/// tap along the row (its lanes, inside the input, before N); where a tap's
/// row can leave the input, the packing adds whether the segment's input
/// row is inside it.
void readSegmentedPatches(TiledContraction &contraction, KernelBuild &build,
                          hlo::ConvolutionOp conv, IndexMath math,
                          const ConvolutionK &kDims) {
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ConvolutionWindow window(conv);
  ArrayRef<int64_t> inputShape = shapeOf(conv.getLhs());
  ArrayRef<int64_t> kernelShape = shapeOf(conv.getRhs());
  ArrayRef<int64_t> resultShape = shapeOf(conv.getResult());
  ArrayRef<int64_t> inputSpatial = dn.getInputSpatialDimensions();
  bool twoDims = inputSpatial.size() == 2;
  // Along the row (the last spatial dim) and across rows (the first, where
  // there are two).
  int64_t width = inputShape[inputSpatial.back()];
  int64_t height = twoDims ? inputShape[inputSpatial[0]] : 1;
  int64_t outputWidth = resultShape[dn.getOutputSpatialDimensions().back()];
  int64_t tapsAlongRow = kernelShape[dn.getKernelSpatialDimensions().back()];
  int64_t stride = window.strides.back(), dilation = window.dilations.back();
  int64_t padding = window.padLow.back();
  int64_t rowStride = twoDims ? window.strides[0] : 1;
  int64_t rowDilation = twoDims ? window.dilations[0] : 1;
  int64_t rowPadding = twoDims ? window.padLow[0] : 0;
  // Whether a tap's row can fall outside the input.
  bool checksRows = twoDims && window.mayLeave[0];
  int64_t n = contraction.shape.n;

  OpBuilder &b = build.emitter.getBuilder();
  LaneMath lanes{math, build.target.lanes(4)};
  int64_t l = lanes.lanes;
  // The most output rows that `l` consecutive positions from a multiple of
  // `l` meet (the tiles start at multiples of the panels' width): where a
  // vector starts repeats every outputWidth vectors. 16 positions over
  // rows of 14 start at an even position and meet 2 rows, never 3.
  int64_t outputRows = n / outputWidth;
  int64_t segments = 1;
  for (int64_t first = 0; first < outputWidth * l; first += l)
    segments =
        std::max(segments, (first % outputWidth + l - 1) / outputWidth + 1);
  segments = std::min(segments, outputRows);
  int64_t vectorsPerTile = kMaxTileColumns / l;
  MaskStorage storage(build.target);
  VectorType maskType = storage.maskType(b);
  Value starts, rows, masks;
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&build.kernel.front());
    starts = b.create<memref::AllocaOp>(
        math.loc,
        MemRefType::get({vectorsPerTile, segments}, b.getIndexType()));
    if (checksRows)
      rows = b.create<memref::AllocaOp>(
          math.loc,
          MemRefType::get({vectorsPerTile, segments}, b.getIndexType()));
    masks = b.create<memref::AllocaOp>(
        math.loc,
        MemRefType::get({tapsAlongRow, vectorsPerTile, segments, stride},
                        storage.storedType(b)));
  }
  contraction.beginTile = [=](Value n0, Value) {
    OpBuilder &b = math.builder();
    Location loc = math.loc;
    // Every vector of the tile, as readMaskedPatches does: the engine packs
    // whole panels.
    auto vectors = b.create<scf::ForOp>(
        loc, math.constant(0), math.constant(vectorsPerTile), math.constant(1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(vectors.getBody());
    Value q = vectors.getInductionVar();
    Value first = math.add(n0, math.mul(q, l));
    Value firstRow =
        b.createOrFold<arith::DivUIOp>(loc, first, math.constant(outputWidth));
    Value firstPosition =
        b.createOrFold<arith::RemUIOp>(loc, first, math.constant(outputWidth));
    Value columns = lanes.iota(first);
    Value beforeEnd = lanes.below(columns, n);
    Value allOff = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(maskType, false));
    for (int64_t r = 0; r < segments; ++r) {
      // Lane j of segment r is output position firstPosition + j - r *
      // outputWidth of output row firstRow + r.
      Value shift = math.sub(firstPosition, math.constant(r * outputWidth));
      Value start = math.add(
          math.mul(math.add(firstRow, math.constant(r)), rowStride * width),
          math.mul(shift, stride));
      Value indices[] = {q, math.constant(r)};
      b.create<memref::StoreOp>(loc, start, starts, indices);
      if (checksRows)
        b.create<memref::StoreOp>(loc, math.add(firstRow, math.constant(r)),
                                  rows, indices);
      Value positions = lanes.iota(shift);
      Value inSegment =
          lanes.both(beforeEnd, lanes.below(positions, outputWidth));
      auto taps = b.create<scf::ForOp>(
          loc, math.constant(0), math.constant(tapsAlongRow), math.constant(1));
      OpBuilder::InsertionGuard tapGuard(b);
      b.setInsertionPointToStart(taps.getBody());
      Value tap = taps.getInductionVar();
      Value tapShift =
          math.sub(math.mul(tap, dilation), math.constant(padding));
      Value inside = lanes.below(
          lanes.add(lanes.mul(positions, stride), lanes.splat(tapShift)),
          width);
      Value laneMask = lanes.both(inSegment, inside);
      // Lane j's element is element stride * j of the segment's loads.
      for (int64_t v = 0; v < stride; ++v) {
        SmallVector<int64_t> spread;
        for (int64_t e = v * l; e < (v + 1) * l; ++e)
          spread.push_back(e % stride == 0 ? e / stride : l);
        Value elementMask =
            b.create<vector::ShuffleOp>(loc, laneMask, allOff, spread);
        b.create<memref::StoreOp>(
            loc, storage.store(b, loc, elementMask), masks,
            ValueRange{tap, q, math.constant(r), math.constant(v)});
      }
    }
  };
  // One tap: a vector's starts and masks are the same for every k.
  contraction.rhsVectorAlongK =
      llvm::all_of(dn.getKernelSpatialDimensions(),
                   [&](int64_t d) { return kernelShape[d] == 1; });
  PatchOrigins origins(build, conv, math, kDims);
  int64_t lowPadding = rowPadding * width + padding;
  contraction.rhsVector = [=](Value batch, Value k, Value q) -> Value {
    OpBuilder &b = math.builder();
    Location loc = math.loc;
    auto vectorType = VectorType::get({l}, b.getF32Type());
    auto [tapIndices, feature] = kDims.split(math, k);
    Value tap = tapIndices.back();
    Value base = math.sub(origins.origin(batch, k), math.constant(lowPadding));
    Value zeros = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(vectorType, b.getF32FloatAttr(0)));
    SmallVector<Value> loaded(stride, zeros);
    for (int64_t r = 0; r < segments; ++r) {
      Value segment = math.constant(r);
      Value start = math.add(
          base, b.create<memref::LoadOp>(loc, starts, ValueRange{q, segment}));
      Value rowInside;
      if (checksRows) {
        Value row = b.create<memref::LoadOp>(loc, rows, ValueRange{q, segment});
        Value inputRow =
            math.sub(math.add(math.mul(row, rowStride),
                              math.mul(tapIndices[0], rowDilation)),
                     math.constant(rowPadding));
        rowInside = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                            inputRow, math.constant(height));
      }
      for (int64_t v = 0; v < stride; ++v) {
        Value mask = storage.load(
            b, loc,
            b.create<memref::LoadOp>(
                loc, masks, ValueRange{tap, q, segment, math.constant(v)}));
        if (rowInside)
          mask = b.create<arith::AndIOp>(
              loc, mask,
              b.create<vector::BroadcastOp>(loc, maskType, rowInside));
        loaded[v] = b.create<vector::MaskedLoadOp>(
            loc, vectorType, origins.flat,
            math.add(start, math.constant(v * l)), mask, loaded[v]);
      }
    }
    if (stride == 1)
      return loaded[0];
    // Every second element of the loads.
    static_assert(hlo::kMaxMaskedPatchStride == 2);
    SmallVector<int64_t> evens;
    for (int64_t j = 0; j < l; ++j)
      evens.push_back(2 * j);
    return b.create<vector::ShuffleOp>(loc, loaded[0], loaded[1], evens);
  };
}

/// The rhs of a convolution whose taps never leave its input (after
/// kiln-pad-windows) but whose patch rows are not contiguous (strides,
/// channels last): a table per tile holds each column's offset in the input,
/// so a patch element is one load at the tap's offset plus the column's,
/// without dividing the column into output positions per element.
void readTabledPatches(TiledContraction &contraction, KernelBuild &build,
                       hlo::ConvolutionOp conv, IndexMath math,
                       const ConvolutionK &kDims) {
  PatchOrigins origins(build, conv, math, kDims);
  OpBuilder &b = build.emitter.getBuilder();
  Value table;
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&build.kernel.front());
    table = b.create<memref::AllocaOp>(
        math.loc,
        MemRefType::get({std::min(contraction.shape.n, kMaxTileColumns)},
                        b.getIndexType()));
  }
  // The tile's first column, set by beginTile for rhsElement.
  auto tileStart = std::make_shared<Value>();
  contraction.beginTile = [math, table, origins, tileStart](Value n0,
                                                            Value count) {
    *tileStart = n0;
    OpBuilder &b = math.builder();
    auto loop = b.create<scf::ForOp>(math.loc, math.constant(0), count,
                                     math.constant(1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value offset = origins.positionOffset(math.add(n0, loop.getInductionVar()));
    b.create<memref::StoreOp>(math.loc, offset, table, loop.getInductionVar());
  };
  contraction.rhsElement = [origins, table,
                            tileStart](Value batch, Value k,
                                       Value n) -> FailureOr<Value> {
    IndexMath math = origins.math;
    Value column = math.builder().create<memref::LoadOp>(
        math.loc, table, math.sub(n, *tileStart));
    return origins.load(batch, k, column);
  };
}

} // namespace kiln
