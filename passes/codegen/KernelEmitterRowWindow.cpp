//===- KernelEmitterRowWindow.cpp - Windows over NCHW rows in vectors -----===//
//
// A depthwise convolution on NCHW images (hlo::isRowDepthwiseConvolution),
// or a max or sum pooling window over them (hlo::isRowPoolingWindow), whose
// input is in memory is computed one output row at a time, `lanes` outputs
// per vector:
//
//   for each group of consecutive output rows (image, feature, oh...) of
//   the task's:
//     for each vector of the rows' outputs [ow0, ow0 + lanes):
//       acc = 0 (pooling: the init value)
//       for each tap (kh, kw), height first:
//         x = the input row oh * sh + kh * dh - top at the columns
//             (ow0 + j) * sw + kw * dw - left, j < lanes: one vector load at
//             width stride 1; at stride 2, every other lane of a run of two
//             vectors, which serves two neighbouring taps (in the lane
//             order of an in-lane shuffle, put right once per sum)
//         acc = fma(x, weight(feature, kh, kw), acc)
//           (pooling: acc = max(acc, x) or acc + x, as its body; a
//           convolution at width stride 2 short of registers: the taps in
//           pairs, RowWindow::pairedTaps)
//       acc is stored to the output row: through a convolution's
//         register epilogue (a bias, ReLU6, a residual: TiledEpilogue.h),
//         or kept for the epilogue
//
// Each vector's sum is a chain of dependent FMAs, so the taps of several
// vectors (of a row and of the group's rows) are emitted interleaved. They
// are emitted input row by input row: the group's output rows share most of
// their tap rows (at stride 1, 4 output rows read 6 input rows, not 12), and
// each input row's vectors are loaded once for all the output rows that read
// them. The loads were what bound the kernel, not the FMAs.
//
// The padding is read as zeros (pooling: as the init value), with no padded
// copy of the input (kiln-pad-windows leaves these windows alone): a tap row
// outside the input reads a row of padding on the stack, and the vectors at
// the ends of a row, whose columns may leave it, load through constant masks
// (masked lanes read the padding). The vectors between them load without
// masks. A row's last vector ends with the row, overlapping the one before
// it where the row is no whole number of vectors, so that stores take no
// mask unless the row is narrower than a vector. Every output combines its taps
// in the elemental order, one FMA (or one application of the body) each, the
// padding's included, so results equal the loop kernel's on the padded input;
// with paired taps, in another order, the same whatever vector computes it.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"

#include "passes/codegen/RowWindowShape.h"
#include "passes/codegen/ScalarSemantics.h"
#include "passes/codegen/TensorShapes.h"
#include "passes/codegen/TiledEpilogue.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <map>

using namespace mlir;

namespace kiln {

/// The fusion's one reduce_window where it is a row pooling window and
/// every value the fusion returns has its shape.
static hlo::ReduceWindowOp solePoolingWindow(hlo::FusionOp fusion) {
  auto windows = fusion.getBody().front().getOps<hlo::ReduceWindowOp>();
  if (!llvm::hasSingleElement(windows))
    return {};
  hlo::ReduceWindowOp window = *windows.begin();
  if (!hlo::isRowPoolingWindow(window) ||
      llvm::any_of(fusion.getBody().front(), [](Operation &op) {
        return isa<hlo::ReduceOp, hlo::ConvolutionOp, hlo::DotGeneralOp>(op);
      }))
    return {};
  ArrayRef<int64_t> shape = shapeOf(window.getResult(0));
  for (Value returned : fusion.getBody().front().getTerminator()->getOperands())
    if (shapeOf(returned) != shape)
      return {};
  return window;
}

Operation *matchRowWindowKernel(hlo::FusionOp fusion,
                                const TargetDescription &target) {
  Operation *op = nullptr;
  Value input;
  if (auto conv =
          dyn_cast_if_present<hlo::ConvolutionOp>(soleContraction(fusion));
      conv && hlo::isRowDepthwiseConvolution(conv)) {
    op = conv;
    input = conv.getLhs();
  } else if (hlo::ReduceWindowOp window = solePoolingWindow(fusion)) {
    op = window;
    input = window.getInputs()[0];
  }
  if (!op || !isInMemory(input))
    return nullptr;
  RowWindow shape = RowWindow::of(op, target);
  if (shape.images == 0 || shape.outHeight == 0 || shape.outWidth == 0)
    return {};
  auto [begin, end] = shape.interior();
  int64_t borderVectors = shape.numVectors() - (end - begin);
  if (borderVectors * shape.kernelHeight * shape.kernelWidth *
          shape.loadsPerTap >
      kMaxBorderLoads)
    return nullptr;
  return op;
}

FailureOr<int64_t> emitRowWindowKernel(KernelBuild &build, Operation *op) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = op->getLoc();
  auto conv = dyn_cast<hlo::ConvolutionOp>(op);
  auto pooling = dyn_cast<hlo::ReduceWindowOp>(op);
  Value windowInput = conv ? conv.getLhs() : pooling.getInputs()[0];
  Value result = op->getResult(0);
  RowWindow shape = RowWindow::of(op, build.target);
  int64_t lanes = shape.lanes;
  Type f32 = b.getF32Type();
  auto vectorType = VectorType::get({lanes}, f32);
  auto maskType = VectorType::get({lanes}, b.getI1Type());
  auto idx = [&](int64_t value) { return emitter.index(value); };
  auto add = [&](Value x, Value y) {
    return b.createOrFold<arith::AddIOp>(loc, x, y);
  };
  auto mul = [&](Value x, int64_t y) {
    return b.createOrFold<arith::MulIOp>(loc, x, idx(y));
  };
  // What the padding reads and each sum starts from: zero for a
  // convolution, a pooling window's init value (the elemental order:
  // init, then every tap).
  Value padding = buildZero(b, loc, f32);
  if (pooling) {
    FailureOr<Value> init = emitter.emitElement(pooling.getInitValues()[0], {});
    if (failed(init))
      return failure();
    padding = *init;
  }
  Value paddingVector = b.create<vector::BroadcastOp>(loc, vectorType, padding);

  // The input as one dim of unknown size, so that a tap row outside the
  // input can read the row of padding instead.
  auto dynamicType = MemRefType::get({ShapedType::kDynamic}, f32);
  Value input = b.create<memref::CastOp>(
      loc, dynamicType, flatView(build, emitter.memrefOf(windowInput), loc));
  Value paddingRow;
  if (shape.mayLeaveRows()) {
    Value row =
        b.create<memref::AllocaOp>(loc, MemRefType::get({shape.width}, f32),
                                   ValueRange{}, b.getI64IntegerAttr(64));
    auto fill = b.create<scf::ForOp>(loc, idx(0), idx(shape.width), idx(1));
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(fill.getBody());
      b.create<memref::StoreOp>(loc, padding, row, fill.getInductionVar());
    }
    paddingRow = b.create<memref::CastOp>(loc, dynamicType, row);
  }

  // The outputs that return the window op itself take its vectors, as do
  // those of a convolution's elementwise ops that the registers apply (a
  // bias and ReLU6: the result as [image][feature][position]);
  // any other root is computed from them, element by element, by the
  // epilogue.
  SmallVector<Value> roots = build.roots();
  bool onlyWindow = roots.size() == 1 && roots.front() == result;
  ContractionShape asMatrix;
  std::optional<RegisterEpilogue> registerEpilogue;
  if (conv && !onlyWindow) {
    asMatrix.op = conv;
    asMatrix.batch = shape.images;
    asMatrix.m = shape.features;
    asMatrix.n = shape.outHeight * shape.outWidth;
    registerEpilogue = RegisterEpilogue::match(build.fusion, asMatrix);
  }
  if (registerEpilogue)
    registerEpilogue->bind(build);
  bool storesOutputs = onlyWindow || registerEpilogue;
  SmallVector<Value> outputs;
  Value rowBuffer;
  if (storesOutputs) {
    for (unsigned i = 0; i < build.fusion.getNumResults(); ++i)
      outputs.push_back(flatView(build, build.output(i), loc));
  } else {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&build.kernel.front());
    rowBuffer = b.create<memref::AllocaOp>(
        loc,
        MemRefType::get({shape.rowsPerGroup(), shape.numVectors() * lanes},
                        f32),
        ValueRange{}, b.getI64IntegerAttr(64));
  }

  // Tasks split groups of rowsPerGroup consecutive output rows of one image
  // and feature; where the rows run out, the last group of a feature starts
  // earlier, recomputing rows of the group before it (the same values,
  // stored again).
  int64_t groupRows = shape.rowsPerGroup();
  int64_t rowGroups = (shape.outHeight + groupRows - 1) / groupRows;
  int64_t units = shape.images * shape.features * rowGroups;
  int64_t numTasks =
      chooseNumTasks(estimateCost(build.fusion, build.trafficBytes), units);
  auto [begin, end] = taskRange(emitter, build.task(), units, numTasks);
  auto groupLoop = b.create<scf::ForOp>(loc, begin, end, idx(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(groupLoop.getBody());
  SmallVector<Value> unit = emitter.delinearize(
      groupLoop.getInductionVar(), {shape.images, shape.features, rowGroups});
  Value image = unit[0], feature = unit[1];
  Value imageFeature = add(mul(image, shape.features), feature);
  Value firstRow = b.createOrFold<arith::MinUIOp>(
      loc, mul(unit[2], groupRows), idx(shape.outHeight - groupRows));
  SmallVector<Value> outRows;
  for (int64_t i = 0; i < groupRows; ++i)
    outRows.push_back(add(firstRow, idx(i)));

  // A convolution's weights of the feature, as vectors, height first.
  SmallVector<Value> weights;
  for (int64_t kh = 0; conv && kh < shape.kernelHeight; ++kh) {
    hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
    for (int64_t kw = 0; kw < shape.kernelWidth; ++kw) {
      SmallVector<Value> indices(4);
      indices[dn.getKernelOutputFeatureDimension()] = feature;
      indices[dn.getKernelInputFeatureDimension()] = idx(0);
      indices[dn.getKernelSpatialDimensions()[0]] = idx(kh);
      indices[dn.getKernelSpatialDimensions()[1]] = idx(kw);
      FailureOr<Value> weight = emitter.emitElement(conv.getRhs(), indices);
      if (failed(weight))
        return failure();
      weights.push_back(
          b.create<vector::BroadcastOp>(loc, vectorType, *weight));
    }
  }

  // Where taps are summed in pairs: the first tap of each pair per kernel
  // row, and the weights of taps kw and kw + 1 side by side, w(kw) in even
  // lanes, at [kh][kw] of the pair's first.
  SmallVector<int64_t> pairStarts;
  SmallVector<Value> pairWeights(weights.size());
  if (shape.pairedTaps) {
    int64_t first = shape.unpairedTap() == 0 ? 1 : 0;
    for (int64_t kw = first; kw + 1 < shape.kernelWidth; kw += 2)
      pairStarts.push_back(kw);
  }
  SmallVector<int64_t> alternate;
  for (int64_t l = 0; l < lanes; ++l)
    alternate.push_back(l % 2 ? lanes + l : l);
  for (int64_t kh = 0; shape.pairedTaps && kh < shape.kernelHeight; ++kh) {
    for (int64_t kw : pairStarts) {
      int64_t at = kh * shape.kernelWidth + kw;
      pairWeights[at] = b.create<vector::ShuffleOp>(loc, weights[at],
                                                    weights[at + 1], alternate);
    }
  }

  // The group's output rows read input rows firstRow * strideH - top + j,
  // j < inputRows: row i's tap row kh is j = i * strideH + kh * dilationH.
  // Per j: the memref it is read from and the offset of its column 0 there
  // (the row of padding, at 0, when it lies outside the input).
  int64_t inputRows = (groupRows - 1) * shape.strideH +
                      (shape.kernelHeight - 1) * shape.dilationH + 1;
  SmallVector<std::pair<Value, Value>> tapRows;
  for (int64_t j = 0; j < inputRows; ++j) {
    Value inputRow = b.createOrFold<arith::SubIOp>(
        loc, add(mul(firstRow, shape.strideH), idx(j)), idx(shape.top));
    Value start =
        mul(add(mul(imageFeature, shape.height), inputRow), shape.width);
    if (!paddingRow) {
      tapRows.push_back({input, start});
      continue;
    }
    Value inside = emitter.isInRange(loc, inputRow, shape.height);
    tapRows.push_back(
        {b.create<arith::SelectOp>(loc, inside, input, paddingRow),
         b.create<arith::SelectOp>(loc, inside, start, idx(0))});
  }

  // An output vector: [ow0, ow0 + lanes) of output row `row`, the
  // `column`-th vector of the row in its sumTaps. One at the ends of a row
  // (`border`, its ow0 known) loads through constant masks.
  struct OutputVector {
    int64_t row;
    int64_t column;
    Value ow0;
    std::optional<int64_t> border;
  };
  // The run of loadsPerTap vectors at `offset` (runOffset) of input row j
  // for the vectors in `column`: loaded once, and taken from `runs` for
  // the other taps and output rows that read it (in the same sumTaps and
  // input row).
  std::map<std::pair<int64_t, int64_t>, SmallVector<Value>> runs;
  auto loadRun = [&](const OutputVector &vector, int64_t j, int64_t offset) {
    SmallVector<Value> &run = runs[{vector.column, offset}];
    if (!run.empty())
      return run;
    auto [memref, start] = tapRows[j];
    Value column = b.createOrFold<arith::SubIOp>(
        loc, add(mul(vector.ow0, shape.strideW), idx(offset)), idx(shape.left));
    for (int64_t load = 0; load < shape.loadsPerTap; ++load) {
      Value at = add(add(start, column), idx(load * lanes));
      SmallVector<bool> inside(lanes, true);
      if (vector.border) {
        int64_t first =
            shape.firstColumn(*vector.border, offset) + load * lanes;
        for (int64_t l = 0; l < lanes; ++l)
          inside[l] = first + l >= 0 && first + l < shape.width;
      }
      if (llvm::all_of(inside, [](bool in) { return in; })) {
        run.push_back(b.create<vector::LoadOp>(loc, vectorType, memref, at));
        continue;
      }
      Value mask = b.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(maskType, ArrayRef<bool>(inside)));
      run.push_back(b.create<vector::MaskedLoadOp>(loc, vectorType, memref, at,
                                                   mask, paddingVector));
    }
    return run;
  };

  // At width stride 2, lane l of a sum holds output laneOutputs[l] of its
  // vector: the order in which one in-lane shuffle (shufps) takes every
  // other element of two vectors, within each 128-bit lane the first's
  // pair then the second's. Each tap's lanes follow it, and the sums are
  // put back in order once, when stored, instead of each tap's lanes by a
  // shuffle across 128-bit lanes.
  SmallVector<int64_t> laneOutputs, outputLanes(lanes);
  for (int64_t l = 0; l < lanes; ++l) {
    int64_t quad = l / 4, within = l % 4;
    laneOutputs.push_back(within < 2 ? 2 * quad + within
                                     : lanes / 2 + 2 * quad + within - 2);
  }
  for (int64_t l = 0; l < lanes; ++l)
    outputLanes[laneOutputs[l]] = l;

  // Tap (kh, kw) of a sum: an FMA with its weight, or the pooling body.
  auto combineTap = [&](Value acc, Value x, int64_t kh, int64_t kw) -> Value {
    if (conv)
      return b.create<math::FmaOp>(loc, x, weights[kh * shape.kernelWidth + kw],
                                   acc);
    // The body's f32 maximum or add, as buildScalarOp builds it on scalars
    // (maximumf: NaN wins, -0 < +0).
    if (isa<hlo::MaxOp>(pooling.getBody().front().front()))
      return b.create<arith::MaximumFOp>(loc, acc, x);
    return b.create<arith::AddFOp>(loc, acc, x);
  };

  // The taps of `vectors` (whose rows share their columns), interleaved so
  // that their chains of FMAs overlap: input row by input row, each row's
  // runs loaded once for every output row that reads it. Output row i
  // meets its tap rows in increasing kh, so each sum keeps its order.
  auto sumTaps = [&](ArrayRef<OutputVector> vectors) {
    SmallVector<Value> accs(vectors.size(), paddingVector);
    for (int64_t j = 0; j < inputRows; ++j) {
      runs.clear();
      for (int64_t kh = 0; kh < shape.kernelHeight; ++kh) {
        for (int64_t kw = 0; kw < shape.kernelWidth; ++kw) {
          int64_t offset = shape.runOffset(kw);
          for (auto [vector, acc] : llvm::zip(vectors, accs)) {
            if (vector.row * shape.strideH + kh * shape.dilationH != j)
              continue;
            SmallVector<Value> run = loadRun(vector, j, offset);
            Value x = run.front();
            if (shape.strideW == 2) {
              // The tap's columns are every other one of the run, from its
              // first or its second, in the order of laneOutputs.
              SmallVector<int64_t> lanesOfTap;
              for (int64_t output : laneOutputs)
                lanesOfTap.push_back(kw * shape.dilationW - offset +
                                     2 * output);
              x = b.create<vector::ShuffleOp>(loc, run[0], run[1], lanesOfTap);
            }
            acc = combineTap(acc, x, kh, kw);
          }
        }
      }
    }
    return accs;
  };

  // The taps of `vectors` summed in pairs (RowWindow::pairedTaps), in the
  // order of sumTaps: per output vector, the pairs' products in two sums
  // over the run's two vectors (`low`, `high`), the tap with no partner in
  // a third, `single`. Output o of a vector is then the sum of lanes 2o
  // and 2o + 1 of the pairs' sums, plus lane o of `single`, taken in the
  // order of laneOutputs by the same in-lane shuffle.
  SmallVector<int64_t> evenLanes, oddLanes;
  for (int64_t output : laneOutputs) {
    evenLanes.push_back(2 * output);
    oddLanes.push_back(2 * output + 1);
  }
  // The tap left over reads the columns of its neighbouring pair's outer
  // tap one output away: where it is the first (kw = 0), output o's column
  // is output o - 1's of the pair's second tap (the odd lanes of the pair's
  // run); where it is the last (kw + 2 of the last pair's first), output
  // o + 1's of the pair's first tap (the even lanes). Where
  // RowWindow::unpairedFromPair(), a vector whose columns all lie in the
  // input takes them from the pair's run, loaded anyway, and the one column
  // the run lacks (output 0's, or the last output's) as one element
  // broadcast, instead of a run of its own (two loads, one across a cache
  // line where the pair's run is aligned).
  // `shiftedLanes` moves each output's lanes one output on (or back), in
  // the order of laneOutputs, and lane `lanes` (the broadcast) to the
  // output the run lacks.
  std::optional<int64_t> unpaired = shape.unpairedTap();
  bool unpairedFirst = unpaired == 0;
  SmallVector<int64_t> shiftedLanes;
  for (int64_t output : laneOutputs) {
    int64_t from = unpairedFirst ? output - 1 : output + 1;
    shiftedLanes.push_back(from < 0 || from == lanes ? lanes
                                                     : outputLanes[from]);
  }
  auto unpairedTapFromPair = [&](const OutputVector &vector, int64_t j,
                                 ArrayRef<Value> pairRun) {
    auto [memref, start] = tapRows[j];
    // The column of output 0 of the tap left over, or of its last output.
    int64_t offset = unpairedFirst ? 0 : *unpaired + 2 * (lanes - 1);
    Value column = b.createOrFold<arith::SubIOp>(
        loc, add(mul(vector.ow0, shape.strideW), idx(offset)), idx(shape.left));
    Value lacking = b.create<memref::LoadOp>(loc, memref, add(start, column));
    Value lanesOfPair = b.create<vector::ShuffleOp>(
        loc, pairRun[0], pairRun[1], unpairedFirst ? oddLanes : evenLanes);
    return b.create<vector::ShuffleOp>(
        loc, lanesOfPair,
        b.create<vector::BroadcastOp>(loc, vectorType, lacking), shiftedLanes);
  };
  auto sumPairedTaps = [&](ArrayRef<OutputVector> vectors) {
    size_t count = vectors.size();
    SmallVector<Value> low(count, paddingVector), high(count, paddingVector),
        single(count, paddingVector);
    for (int64_t j = 0; j < inputRows; ++j) {
      runs.clear();
      for (int64_t kh = 0; kh < shape.kernelHeight; ++kh) {
        for (int64_t kw = 0; kw < shape.kernelWidth; ++kw) {
          Value pair = pairWeights[kh * shape.kernelWidth + kw];
          if (!pair && kw != unpaired)
            continue;
          for (auto [i, vector] : llvm::enumerate(vectors)) {
            if (vector.row * shape.strideH + kh * shape.dilationH != j)
              continue;
            if (!pair) {
              Value x;
              if (!vector.border && shape.unpairedFromPair()) {
                // The neighbouring pair's run starts at kw + 1 or kw - 2.
                int64_t pairStart = unpairedFirst ? kw + 1 : kw - 2;
                x = unpairedTapFromPair(vector, j,
                                        loadRun(vector, j, pairStart));
              } else {
                // The run from the tap's column (a border vector's under
                // masks): its even lanes are the tap's.
                SmallVector<Value> run = loadRun(vector, j, kw);
                x = b.create<vector::ShuffleOp>(loc, run[0], run[1], evenLanes);
              }
              single[i] = combineTap(single[i], x, kh, kw);
              continue;
            }
            SmallVector<Value> run = loadRun(vector, j, kw);
            low[i] = b.create<math::FmaOp>(loc, run[0], pair, low[i]);
            high[i] = b.create<math::FmaOp>(loc, run[1], pair, high[i]);
          }
        }
      }
    }
    SmallVector<Value> accs;
    for (size_t i = 0; i < count; ++i) {
      Value acc = b.create<arith::AddFOp>(
          loc, b.create<vector::ShuffleOp>(loc, low[i], high[i], evenLanes),
          b.create<vector::ShuffleOp>(loc, low[i], high[i], oddLanes));
      if (unpaired)
        acc = b.create<arith::AddFOp>(loc, acc, single[i]);
      accs.push_back(acc);
    }
    return accs;
  };
  auto sumGroup = [&](ArrayRef<OutputVector> vectors) {
    return shape.pairedTaps ? sumPairedTaps(vectors) : sumTaps(vectors);
  };

  // Stores the vector of outputs of row `row` at `ow0`, its first `valid`
  // lanes when fewer than all.
  SmallVector<Value> outRowStarts;
  for (Value outRow : outRows)
    outRowStarts.push_back(
        mul(add(mul(imageFeature, shape.outHeight), outRow), shape.outWidth));
  auto store = [&](Value acc, const OutputVector &vector, int64_t valid) {
    if (shape.strideW == 2)
      acc = b.create<vector::ShuffleOp>(loc, acc, acc, outputLanes);
    Value mask;
    if (valid < lanes)
      mask =
          b.create<vector::CreateMaskOp>(loc, maskType, ValueRange{idx(valid)});
    if (registerEpilogue)
      acc = registerEpilogue->apply(
          b, loc, asMatrix, acc, image, feature,
          add(mul(outRows[vector.row], shape.outWidth), vector.ow0), mask,
          IndexMath{&emitter, loc});
    auto storeTo = [&](Value memref, ValueRange at) {
      if (mask)
        b.create<vector::MaskedStoreOp>(loc, memref, at, mask, acc);
      else
        b.create<vector::StoreOp>(loc, acc, memref, at);
    };
    if (!storesOutputs) {
      storeTo(rowBuffer, {idx(vector.row), vector.ow0});
      return;
    }
    for (Value output : outputs)
      storeTo(output, add(outRowStarts[vector.row], vector.ow0));
  };

  // The vectors between the ends, interleavedVectors() at a time, then the
  // rest and the vectors at the ends; each for every row.
  auto [interiorBegin, interiorEnd] = shape.interior();
  int64_t perRow = shape.interleavedVectors();
  int64_t grouped = (interiorEnd - interiorBegin) / perRow * perRow;
  if (grouped > 0) {
    auto vectorLoop = b.create<scf::ForOp>(
        loc, idx(interiorBegin * lanes), idx((interiorBegin + grouped) * lanes),
        idx(perRow * lanes));
    OpBuilder::InsertionGuard loopGuard(b);
    b.setInsertionPointToStart(vectorLoop.getBody());
    SmallVector<OutputVector> group;
    SmallVector<Value> columns;
    for (int64_t i = 0; i < perRow; ++i)
      columns.push_back(add(vectorLoop.getInductionVar(), idx(i * lanes)));
    for (int64_t row = 0; row < groupRows; ++row)
      for (int64_t i = 0; i < perRow; ++i)
        group.push_back({row, i, columns[i], {}});
    for (auto [vector, acc] : llvm::zip(group, sumGroup(group)))
      store(acc, vector, lanes);
  }
  // Without paired taps they are summed all together; with them, whose
  // sums take more registers, `chains` at a time, a vector of every row
  // of the group (which share tap rows) after another.
  struct RestVector {
    OutputVector vector;
    int64_t valid;
  };
  SmallVector<RestVector> rest;
  for (int64_t row = 0; row < groupRows; ++row) {
    for (int64_t v = 0; v < shape.numVectors(); ++v) {
      if (v >= interiorBegin && v < interiorBegin + grouped)
        continue;
      bool border = v < interiorBegin || v >= interiorEnd;
      // A last vector that the row cuts short ends with the row instead,
      // recomputing some of the previous vector's outputs, so that no
      // store is masked (AVX2's masked stores are slow on AMD cores).
      int64_t ow0 =
          std::min(v * lanes, std::max<int64_t>(shape.outWidth - lanes, 0));
      rest.push_back(
          {{row, v, idx(ow0), border ? std::optional(ow0) : std::nullopt},
           std::min(lanes, shape.outWidth - ow0)});
    }
  }
  if (shape.pairedTaps)
    llvm::stable_sort(rest, [](const RestVector &x, const RestVector &y) {
      return x.vector.column < y.vector.column;
    });
  size_t perSum = shape.pairedTaps ? shape.chains : rest.size();
  for (size_t first = 0; first < rest.size(); first += perSum) {
    ArrayRef<RestVector> slice =
        ArrayRef(rest).slice(first, std::min(perSum, rest.size() - first));
    SmallVector<OutputVector> vectors = llvm::map_to_vector(
        slice, [](const RestVector &r) { return r.vector; });
    for (auto [r, acc] : llvm::zip(slice, sumGroup(vectors)))
      store(acc, r.vector, r.valid);
  }
  if (storesOutputs)
    return numTasks;

  // The epilogue: every root of the rows from the convolution's outputs.
  for (auto [row, outRow] : llvm::enumerate(outRows)) {
    auto columnLoop =
        b.create<scf::ForOp>(loc, idx(0), idx(shape.outWidth), idx(1));
    OpBuilder::InsertionGuard columnGuard(b);
    b.setInsertionPointToStart(columnLoop.getBody());
    Value column = columnLoop.getInductionVar();
    SmallVector<Value> indices = {image, feature, outRow, column};
    emitter.provideElement(
        result, indices,
        b.create<memref::LoadOp>(loc, rowBuffer, ValueRange{idx(row), column}));
    if (failed(build.storeRoots(roots, indices)))
      return failure();
  }
  return numTasks;
}

} // namespace kiln
