//===- ElementalEmitterReduce.cpp - Reductions and contractions per element
//===//
//
// One element of a reduce, reduce_window, dot_general or convolution is a
// loop nest with the accumulators carried as iter_args. Elements are folded
// in the interpreter's order (row-major over the reduced dims, the window or
// the contracting dims), a plain f32 sum in f64 as it does, so sums agree
// with it bit for bit unless a kernel structure asks for reassociation.
// Padding and base-dilation holes hold the init value in reduce_window and
// are skipped in convolution, as in the interpreter
// (compiler/InterpreterReduce.cpp, InterpreterContraction.cpp).
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/ElementalEmitter.h"

#include "dialects/hlo/HloDialect.h"
#include "passes/codegen/ScalarSemantics.h"
#include "passes/codegen/TensorShapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln {

/// Emits the elements of `values` (rank 0) at the insertion point.
static FailureOr<SmallVector<Value>> emitScalars(ElementalEmitter &emitter,
                                                 ValueRange values) {
  SmallVector<Value> scalars;
  for (Value value : values) {
    FailureOr<Value> scalar = emitter.emitElement(value, {});
    if (failed(scalar))
      return failure();
    scalars.push_back(*scalar);
  }
  return scalars;
}

/// The index of a reduce's input: kept dims from `indices` (the result's),
/// reduced dims (sorted) from `reduced` (the loops').
static SmallVector<Value> reduceInputIndices(int64_t rank,
                                             ArrayRef<int64_t> reducedDims,
                                             ValueRange indices,
                                             ValueRange reduced) {
  SmallVector<Value> inputIndices;
  size_t kept = 0, next = 0;
  for (int64_t d = 0; d < rank; ++d)
    inputIndices.push_back(
        llvm::is_contained(reducedDims, d) ? reduced[next++] : indices[kept++]);
  return inputIndices;
}

/// A plain f32 sum folded in order: accumulated in f64 and rounded once, as
/// the interpreter sums (bit for bit its result). In f32, a long sum loses
/// what it adds once its total dwarfs the elements: 2^25 ones sum to 2^24.
FailureOr<SmallVector<Value>>
ElementalEmitter::emitExactSum(Operation *op, ValueRange indices,
                               ArrayRef<int64_t> reducedDims,
                               ArrayRef<int64_t> reducedShape, Value init) {
  auto reduce = cast<hlo::ReduceOp>(op);
  Location loc = op->getLoc();
  Type f64 = b.getF64Type();
  int64_t rank = shapeOf(reduce.getInputs()[0]).size();
  Value wideInit = b.create<arith::ExtFOp>(loc, f64, init);
  FailureOr<SmallVector<Value>> sum = buildLoopNest(
      loc, reducedShape, {wideInit},
      [&](ValueRange reduced,
          ValueRange accumulators) -> FailureOr<SmallVector<Value>> {
        FailureOr<Value> element = emitElement(
            reduce.getInputs()[0],
            reduceInputIndices(rank, reducedDims, indices, reduced));
        if (failed(element))
          return failure();
        Value wide = b.create<arith::ExtFOp>(loc, f64, *element);
        return SmallVector<Value>{
            b.create<arith::AddFOp>(loc, accumulators[0], wide)};
      });
  if (failed(sum))
    return failure();
  return SmallVector<Value>{
      b.create<arith::TruncFOp>(loc, b.getF32Type(), (*sum)[0])};
}

FailureOr<SmallVector<Value>> ElementalEmitter::emitReduce(Operation *op,
                                                           ValueRange indices) {
  auto reduce = cast<hlo::ReduceOp>(op);
  Location loc = op->getLoc();
  ArrayRef<int64_t> inputShape = shapeOf(reduce.getInputs()[0]);
  SmallVector<int64_t> reducedDims(reduce.getDimensions());
  llvm::sort(reducedDims);
  SmallVector<int64_t> reducedShape;
  for (int64_t d : reducedDims)
    reducedShape.push_back(inputShape[d]);

  FailureOr<SmallVector<Value>> inits =
      emitScalars(*this, reduce.getInitValues());
  if (failed(inits))
    return failure();
  bool reassociate = reassociateReductions && isRowReduction(op);
  if (!reassociate && hlo::isPlainF32Sum(reduce))
    return emitExactSum(reduce, indices, reducedDims, reducedShape,
                        (*inits)[0]);
  return buildLoopNest(
      loc, reducedShape, *inits,
      [&](ValueRange reduced,
          ValueRange accumulators) -> FailureOr<SmallVector<Value>> {
        SmallVector<Value> inputIndices = reduceInputIndices(
            inputShape.size(), reducedDims, indices, reduced);
        SmallVector<Value> args(accumulators);
        for (Value input : reduce.getInputs()) {
          FailureOr<Value> element = emitElement(input, inputIndices);
          if (failed(element))
            return failure();
          args.push_back(*element);
        }
        return emitCombiner(op, args, reassociate);
      });
}

/// Whether dim `d` of a window with (low, high) `padding` pairs is padded
/// on either side (a crop, negative, keeps the window inside).
static bool isPadded(ArrayRef<int64_t> padding, size_t d) {
  return padding[2 * d] > 0 || padding[2 * d + 1] > 0;
}

Value ElementalEmitter::tapIndex(Location loc, Value position, int64_t size,
                                 int64_t step, bool check, bool clamp,
                                 Value &inside) {
  if (check) {
    SmallVector<Value> checks = {
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, position,
                                index(0)),
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sle, position,
                                index((size - 1) * step))};
    if (step != 1)
      checks.push_back(b.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::eq,
          b.create<arith::RemSIOp>(loc, position, index(step)), index(0)));
    for (Value check : checks)
      inside = inside ? b.create<arith::AndIOp>(loc, inside, check) : check;
  }
  if (clamp)
    position = b.create<arith::MaxSIOp>(
        loc, index(0),
        b.create<arith::MinSIOp>(loc, position, index(size - 1)));
  return step == 1
             ? position
             : b.create<arith::DivSIOp>(loc, position, index(step)).getResult();
}

FailureOr<SmallVector<Value>> ElementalEmitter::splitOnWindowInside(
    Location loc, ValueRange positions, ArrayRef<int64_t> strides,
    ArrayRef<int64_t> padding, ArrayRef<int64_t> spans,
    ArrayRef<int64_t> inputSizes, TypeRange types,
    function_ref<FailureOr<SmallVector<Value>>(bool edge)> emit) {
  Value inside;
  for (size_t d = 0; d < positions.size(); ++d) {
    // A dim without padding (a crop at most) keeps every window inside.
    if (!isPadded(padding, d))
      continue;
    Value first = b.createOrFold<arith::SubIOp>(
        loc,
        b.createOrFold<arith::MulIOp>(loc, positions[d], index(strides[d])),
        index(padding[2 * d]));
    Value last = b.createOrFold<arith::AddIOp>(loc, first, index(spans[d] - 1));
    Value checks[] = {b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge,
                                              first, index(0)),
                      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt,
                                              last, index(inputSizes[d]))};
    for (Value check : checks)
      inside = inside ? b.create<arith::AndIOp>(loc, inside, check) : check;
  }
  if (!inside)
    return emit(/*edge=*/false);
  auto ifOp = b.create<scf::IfOp>(loc, types, inside, /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  for (bool edge : {false, true}) {
    b.setInsertionPointToStart(edge ? &ifOp.getElseRegion().front()
                                    : &ifOp.getThenRegion().front());
    FailureOr<SmallVector<Value>> values = emit(edge);
    if (failed(values))
      return failure();
    b.create<scf::YieldOp>(loc, *values);
  }
  return SmallVector<Value>(ifOp.getResults());
}

FailureOr<SmallVector<Value>>
ElementalEmitter::emitReduceWindow(Operation *op, ValueRange indices) {
  auto reduceWindow = cast<hlo::ReduceWindowOp>(op);
  Location loc = op->getLoc();
  ArrayRef<int64_t> inputShape = shapeOf(reduceWindow.getInputs()[0]);
  size_t rank = inputShape.size();
  SmallVector<int64_t> ones(rank, 1);
  ArrayRef<int64_t> strides = reduceWindow.getWindowStrides().value_or(ones);
  ArrayRef<int64_t> baseDilations =
      reduceWindow.getBaseDilations().value_or(ones);
  ArrayRef<int64_t> windowDilations =
      reduceWindow.getWindowDilations().value_or(ones);
  SmallVector<int64_t> padding(2 * rank, 0);
  if (std::optional<DenseIntElementsAttr> attr = reduceWindow.getPadding())
    padding = llvm::to_vector(attr->getValues<int64_t>());
  bool needsCheck =
      llvm::any_of(padding, [](int64_t p) { return p != 0; }) ||
      llvm::any_of(baseDilations, [](int64_t d) { return d != 1; });

  FailureOr<SmallVector<Value>> inits =
      emitScalars(*this, reduceWindow.getInitValues());
  if (failed(inits))
    return failure();
  SmallVector<Type> elementTypes;
  for (Value init : *inits)
    elementTypes.push_back(init.getType());
  // Whether each tap checks that it reads inside the input, and whether it
  // does so without a branch (set below for the positions whose window
  // reaches past an undilated input): its read clamped into the input and
  // the init value, what the padding holds, selected where it lies outside.
  bool checkTaps = needsCheck, selectTaps = false;
  auto step = [&](ValueRange window,
                  ValueRange accumulators) -> FailureOr<SmallVector<Value>> {
    // The position in the padded, base-dilated input.
    SmallVector<Value> inputIndices;
    Value inside;
    for (size_t d = 0; d < rank; ++d) {
      Value position = b.createOrFold<arith::AddIOp>(
          loc,
          b.createOrFold<arith::MulIOp>(loc, indices[d], index(strides[d])),
          b.createOrFold<arith::MulIOp>(loc, window[d],
                                        index(windowDilations[d])));
      position =
          b.createOrFold<arith::SubIOp>(loc, position, index(padding[2 * d]));
      // Selecting taps, a dim without padding never leaves the input.
      bool padded = isPadded(padding, d);
      inputIndices.push_back(
          tapIndex(loc, position, inputShape[d], baseDilations[d],
                   /*check=*/checkTaps && (padded || !selectTaps),
                   /*clamp=*/selectTaps && padded, inside));
    }
    auto emitElements = [&]() -> FailureOr<SmallVector<Value>> {
      SmallVector<Value> elements;
      for (Value input : reduceWindow.getInputs()) {
        FailureOr<Value> element = emitElement(input, inputIndices);
        if (failed(element))
          return failure();
        elements.push_back(*element);
      }
      return elements;
    };
    SmallVector<Value> args(accumulators);
    if (!checkTaps || selectTaps) {
      FailureOr<SmallVector<Value>> elements = emitElements();
      if (failed(elements))
        return failure();
      for (auto [element, init] : llvm::zip_equal(*elements, *inits))
        args.push_back(selectTaps && inside ? b.create<arith::SelectOp>(
                                                  loc, inside, element, init)
                                            : element);
      return emitCombiner(op, args, /*reassociate=*/false);
    }
    // Holes read the init values.
    auto ifOp = b.create<scf::IfOp>(loc, elementTypes, inside,
                                    /*withElseRegion=*/true);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&ifOp.getThenRegion().front());
      FailureOr<SmallVector<Value>> elements = emitElements();
      if (failed(elements))
        return failure();
      b.create<scf::YieldOp>(loc, *elements);
      b.setInsertionPointToStart(&ifOp.getElseRegion().front());
      b.create<scf::YieldOp>(loc, *inits);
    }
    llvm::append_range(args, ifOp.getResults());
    return emitCombiner(op, args, /*reassociate=*/false);
  };
  ArrayRef<int64_t> windowShape = reduceWindow.getWindowDimensions();
  bool dilatesInput =
      llvm::any_of(baseDilations, [](int64_t d) { return d != 1; });
  if (!needsCheck || dilatesInput)
    return buildWindowLoop(loc, windowShape, *inits,
                           /*mayUnroll=*/!needsCheck, step);
  // Padding alone: as for a convolution (emitConvolution), the positions
  // whose window lies inside the input combine every tap unchecked, the
  // others select the init value for the taps outside.
  SmallVector<int64_t> spans;
  for (size_t d = 0; d < rank; ++d)
    spans.push_back((windowShape[d] - 1) * windowDilations[d] + 1);
  return splitOnWindowInside(loc, indices, strides, padding, spans, inputShape,
                             elementTypes, [&](bool edge) {
                               checkTaps = selectTaps = edge;
                               return buildWindowLoop(loc, windowShape, *inits,
                                                      /*mayUnroll=*/true, step);
                             });
}

FailureOr<Value> ElementalEmitter::emitDotGeneral(Operation *op,
                                                  ValueRange indices) {
  auto dot = cast<hlo::DotGeneralOp>(op);
  Location loc = op->getLoc();
  hlo::DotDimensionNumbersAttr dims = dot.getDotDimensionNumbers();
  ArrayRef<int64_t> lhsBatch = dims.getLhsBatchingDimensions();
  ArrayRef<int64_t> rhsBatch = dims.getRhsBatchingDimensions();
  ArrayRef<int64_t> lhsContracting = dims.getLhsContractingDimensions();
  ArrayRef<int64_t> rhsContracting = dims.getRhsContractingDimensions();
  ArrayRef<int64_t> lhsShape = shapeOf(dot.getLhs());
  ArrayRef<int64_t> rhsShape = shapeOf(dot.getRhs());

  // Result dims: batch, lhs free, rhs free (each in operand dim order).
  SmallVector<Value> lhsIndices(lhsShape.size()), rhsIndices(rhsShape.size());
  size_t next = 0;
  for (auto [l, r] : llvm::zip_equal(lhsBatch, rhsBatch)) {
    lhsIndices[l] = indices[next];
    rhsIndices[r] = indices[next++];
  }
  for (size_t d = 0; d < lhsShape.size(); ++d)
    if (!llvm::is_contained(lhsBatch, d) &&
        !llvm::is_contained(lhsContracting, d))
      lhsIndices[d] = indices[next++];
  for (size_t d = 0; d < rhsShape.size(); ++d)
    if (!llvm::is_contained(rhsBatch, d) &&
        !llvm::is_contained(rhsContracting, d))
      rhsIndices[d] = indices[next++];
  SmallVector<int64_t> contractingShape;
  for (int64_t d : lhsContracting)
    contractingShape.push_back(lhsShape[d]);

  Type accType = accumulatorTypeOf(dot);
  Value zero = buildZero(b, loc, accType);
  FailureOr<SmallVector<Value>> sum = buildLoopNest(
      loc, contractingShape, zero,
      [&](ValueRange k, ValueRange acc) -> FailureOr<SmallVector<Value>> {
        for (size_t i = 0; i < k.size(); ++i) {
          lhsIndices[lhsContracting[i]] = k[i];
          rhsIndices[rhsContracting[i]] = k[i];
        }
        FailureOr<Value> lhs = emitElement(dot.getLhs(), lhsIndices);
        if (failed(lhs))
          return failure();
        FailureOr<Value> rhs = emitElement(dot.getRhs(), rhsIndices);
        if (failed(rhs))
          return failure();
        return SmallVector<Value>{emitMultiplyAdd(dot, loc, *lhs, *rhs, acc[0],
                                                  reassociateReductions)};
      });
  if (failed(sum))
    return failure();
  return buildConvert(b, loc, (*sum)[0], accType,
                      getElementTypeOrSelf(dot.getType()));
}

FailureOr<SmallVector<Value>> ElementalEmitter::buildWindowLoop(
    Location loc, ArrayRef<int64_t> shape, ValueRange inits, bool mayUnroll,
    function_ref<FailureOr<SmallVector<Value>>(ValueRange, ValueRange)> body) {
  int64_t taps = 1;
  for (int64_t size : shape)
    taps *= size;
  if (!mayUnroll || taps > kMaxStraightLineTaps)
    return buildLoopNest(loc, shape, inits, body);
  SmallVector<Value> carried(inits);
  for (int64_t t = 0; t < taps; ++t) {
    SmallVector<Value> point(shape.size());
    for (int64_t d = shape.size() - 1, rest = t; d >= 0; --d) {
      point[d] = index(rest % shape[d]);
      rest /= shape[d];
    }
    FailureOr<SmallVector<Value>> next = body(point, carried);
    if (failed(next))
      return failure();
    carried = *next;
  }
  return carried;
}

FailureOr<Value> ElementalEmitter::emitConvolution(Operation *op,
                                                   ValueRange indices) {
  auto conv = cast<hlo::ConvolutionOp>(op);
  Location loc = op->getLoc();
  hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
  ArrayRef<int64_t> inputSpatial = dn.getInputSpatialDimensions();
  ArrayRef<int64_t> kernelSpatial = dn.getKernelSpatialDimensions();
  ArrayRef<int64_t> outputSpatial = dn.getOutputSpatialDimensions();
  size_t numSpatial = inputSpatial.size();
  ArrayRef<int64_t> lhsShape = shapeOf(conv.getLhs());
  ArrayRef<int64_t> rhsShape = shapeOf(conv.getRhs());
  SmallVector<int64_t> ones(numSpatial, 1);
  ArrayRef<int64_t> strides = conv.getWindowStrides().value_or(ones);
  ArrayRef<int64_t> lhsDilation = conv.getLhsDilation().value_or(ones);
  ArrayRef<int64_t> rhsDilation = conv.getRhsDilation().value_or(ones);
  SmallVector<int64_t> padding(2 * numSpatial, 0);
  if (std::optional<DenseIntElementsAttr> attr = conv.getPadding())
    padding = llvm::to_vector(attr->getValues<int64_t>());
  SmallVector<bool> reversal(numSpatial, false);
  if (std::optional<ArrayRef<bool>> attr = conv.getWindowReversal())
    reversal.assign(attr->begin(), attr->end());

  int64_t inputBatch = lhsShape[dn.getInputBatchDimension()];
  int64_t outputFeatures = rhsShape[dn.getKernelOutputFeatureDimension()];
  int64_t kernelInputFeatures = rhsShape[dn.getKernelInputFeatureDimension()];
  int64_t batchGroups = conv.getBatchGroupCount();
  int64_t featureGroups = conv.getFeatureGroupCount();
  Value batch = indices[dn.getOutputBatchDimension()];
  Value feature = indices[dn.getOutputFeatureDimension()];
  // Groups: output feature o reads input batches (batch groups) or input
  // features (feature groups) of group o / (O / groups).
  Value lhsBatch = batch;
  if (batchGroups > 1) {
    Value group = b.create<arith::DivUIOp>(loc, feature,
                                           index(outputFeatures / batchGroups));
    lhsBatch = b.create<arith::AddIOp>(
        loc, batch,
        b.create<arith::MulIOp>(loc, group, index(inputBatch / batchGroups)));
  }
  Value firstInputFeature = index(0);
  if (featureGroups > 1)
    firstInputFeature = b.create<arith::MulIOp>(
        loc,
        b.create<arith::DivUIOp>(loc, feature,
                                 index(outputFeatures / featureGroups)),
        index(kernelInputFeatures));

  bool needsCheck = llvm::any_of(padding, [](int64_t p) { return p != 0; }) ||
                    llvm::any_of(lhsDilation, [](int64_t d) { return d != 1; });
  SmallVector<int64_t> windowShape;
  for (int64_t d : kernelSpatial)
    windowShape.push_back(rhsShape[d]);
  Type accType = accumulatorTypeOf(conv);
  Value zero = buildZero(b, loc, accType);

  // The sum runs over the kernel's dims but its output feature, in the
  // kernel's layout order (the interpreter's order): per dim, the spatial
  // dim it steps, or -1 for the input feature.
  SmallVector<int64_t> reductionShape, spatialOf;
  for (int64_t d = 0; d < static_cast<int64_t>(rhsShape.size()); ++d) {
    if (d == dn.getKernelOutputFeatureDimension())
      continue;
    reductionShape.push_back(rhsShape[d]);
    const int64_t *it = llvm::find(kernelSpatial, d);
    spatialOf.push_back(it == kernelSpatial.end() ? -1
                                                  : it - kernelSpatial.begin());
  }

  // Whether each tap checks that it reads inside the input, and whether it
  // does so without a branch (set below for the positions whose window
  // reaches past an undilated input): its read clamped into the input and
  // the sum without it selected where it lies outside.
  bool checkTaps = needsCheck, selectTaps = false;
  auto step = [&](ValueRange reduction,
                  ValueRange acc) -> FailureOr<SmallVector<Value>> {
    SmallVector<Value> window(numSpatial);
    Value c;
    for (auto [i, d] : llvm::enumerate(spatialOf))
      (d < 0 ? c : window[d]) = reduction[i];
    SmallVector<Value> lhsIndices(lhsShape.size()), rhsIndices(rhsShape.size());
    lhsIndices[dn.getInputBatchDimension()] = lhsBatch;
    lhsIndices[dn.getInputFeatureDimension()] =
        b.createOrFold<arith::AddIOp>(loc, firstInputFeature, c);
    rhsIndices[dn.getKernelOutputFeatureDimension()] = feature;
    rhsIndices[dn.getKernelInputFeatureDimension()] = c;
    Value inside;
    for (size_t d = 0; d < numSpatial; ++d) {
      Value position = b.createOrFold<arith::AddIOp>(
          loc,
          b.createOrFold<arith::MulIOp>(loc, indices[outputSpatial[d]],
                                        index(strides[d])),
          b.createOrFold<arith::MulIOp>(loc, window[d], index(rhsDilation[d])));
      position =
          b.createOrFold<arith::SubIOp>(loc, position, index(padding[2 * d]));
      // Selecting taps, a dim without padding never leaves the input.
      bool padded = isPadded(padding, d);
      lhsIndices[inputSpatial[d]] =
          tapIndex(loc, position, lhsShape[inputSpatial[d]], lhsDilation[d],
                   /*check=*/checkTaps && (padded || !selectTaps),
                   /*clamp=*/selectTaps && padded, inside);
      Value tap = window[d];
      if (reversal[d])
        tap = b.create<arith::SubIOp>(loc, index(windowShape[d] - 1), tap);
      rhsIndices[kernelSpatial[d]] = tap;
    }
    auto multiplyAdd = [&]() -> FailureOr<SmallVector<Value>> {
      FailureOr<Value> lhs = emitElement(conv.getLhs(), lhsIndices);
      if (failed(lhs))
        return failure();
      FailureOr<Value> rhs = emitElement(conv.getRhs(), rhsIndices);
      if (failed(rhs))
        return failure();
      return SmallVector<Value>{emitMultiplyAdd(conv, loc, *lhs, *rhs, acc[0],
                                                /*reassociate=*/false)};
    };
    if (!checkTaps)
      return multiplyAdd();
    // Taps on padding or dilation holes are skipped.
    if (selectTaps) {
      FailureOr<SmallVector<Value>> summed = multiplyAdd();
      if (failed(summed))
        return failure();
      if (!inside)
        return summed;
      return SmallVector<Value>{
          b.create<arith::SelectOp>(loc, inside, (*summed)[0], acc[0])};
    }
    auto ifOp = b.create<scf::IfOp>(loc, TypeRange{zero.getType()}, inside,
                                    /*withElseRegion=*/true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifOp.getThenRegion().front());
    FailureOr<SmallVector<Value>> summed = multiplyAdd();
    if (failed(summed))
      return failure();
    b.create<scf::YieldOp>(loc, *summed);
    b.setInsertionPointToStart(&ifOp.getElseRegion().front());
    b.create<scf::YieldOp>(loc, acc);
    return SmallVector<Value>{ifOp.getResult(0)};
  };

  bool dilatesInput =
      llvm::any_of(lhsDilation, [](int64_t d) { return d != 1; });
  if (!needsCheck || dilatesInput) {
    FailureOr<SmallVector<Value>> sum = buildWindowLoop(
        loc, reductionShape, zero, /*mayUnroll=*/!needsCheck, step);
    if (failed(sum))
      return failure();
    return buildConvert(b, loc, (*sum)[0], accType,
                        getElementTypeOrSelf(conv.getType()));
  }
  // Padding alone: most positions' windows lie inside the input, and those
  // sum every tap unchecked, as an unpadded convolution does; only the
  // positions at the edges check each tap, by selects, which keep the loop
  // of features they share a check in vectorizable. Both sum the taps
  // inside in the same order, so the results are the same.
  SmallVector<Value> positions;
  SmallVector<int64_t> spans, sizes;
  for (size_t d = 0; d < numSpatial; ++d) {
    positions.push_back(indices[outputSpatial[d]]);
    spans.push_back((windowShape[d] - 1) * rhsDilation[d] + 1);
    sizes.push_back(lhsShape[inputSpatial[d]]);
  }
  FailureOr<SmallVector<Value>> sum =
      splitOnWindowInside(loc, positions, strides, padding, spans, sizes,
                          TypeRange{zero.getType()}, [&](bool edge) {
                            checkTaps = selectTaps = edge;
                            return buildWindowLoop(loc, reductionShape, zero,
                                                   /*mayUnroll=*/true, step);
                          });
  if (failed(sum))
    return failure();
  return buildConvert(b, loc, (*sum)[0], accType,
                      getElementTypeOrSelf(conv.getType()));
}

} // namespace kiln
