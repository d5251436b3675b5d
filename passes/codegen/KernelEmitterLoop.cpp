//===- KernelEmitterLoop.cpp - The loop structure over a fusion's outputs -===//
//
// The general kernel structure (XLA's loop emitter): loops over the output
// shape computing every root element by element. Roots of one shape share
// the loops, so values they have in common are computed once. The rows (all
// dims but the last) are split into tasks; when there are fewer rows than
// tasks (rank 1, or a few long rows), flat element ranges are split instead.
// Either way the innermost loop walks the last dim with unit stride and no
// division, so LLVM's loop vectorizer widens it. Outputs beyond the caches
// are written with streaming stores (KernelEmitterStream.cpp). A fusion
// whose one root is a pad without interior padding (what
// kiln-pad-windows makes) splits each row into its padding and the
// operand's run, so that no element is branched on and the run is a copy;
// where the pad leaves short last dims alone, a row spans them and the dim
// before (padColumnDims), its indices taken apart by constant divisions.
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"

#include "passes/codegen/TensorShapes.h"

#include "dialects/hlo/BufferSize.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

using namespace mlir;

namespace kiln {

/// Replaces `branch` by the ops of one of its ways.
static void inlineWay(scf::IfOp branch, bool taken) {
  Block *way = taken ? branch.thenBlock() : branch.elseBlock();
  Operation *yield = way->getTerminator();
  branch->getBlock()->getOperations().splice(Block::iterator(branch),
                                             way->getOperations(), way->begin(),
                                             Block::iterator(yield));
  branch->replaceAllUsesWith(yield->getOperands());
  branch->erase();
}

/// The branches of `loop`'s body that go the same way in every iteration
/// (their condition hoisted out of it), in order: an elemental
/// convolution's window inside its input or reaching past it, a
/// concatenate's or a pad's operand along an outer dim.
static SmallVector<scf::IfOp> invariantBranches(scf::ForOp loop) {
  moveLoopInvariantCode(cast<LoopLikeOpInterface>(loop.getOperation()));
  SmallVector<scf::IfOp> branches;
  for (Operation &op : loop.getBody()->without_terminator())
    if (auto ifOp = dyn_cast<scf::IfOp>(op);
        ifOp && ifOp.elseBlock() &&
        loop.isDefinedOutsideOfLoop(ifOp.getCondition()))
      branches.push_back(ifOp);
  return branches;
}

/// Splits `loop`, a row's walk of its last dim, on the first of its
/// invariantBranches: one loop per way, each without the branch. LLVM's
/// own unswitching leaves loops this large alone, and its vectorizer then
/// computes both ways of the branch in every iteration, the taken way's
/// loads masked.
static void unswitchRowBranch(scf::ForOp loop) {
  SmallVector<scf::IfOp> branches = invariantBranches(loop);
  if (branches.empty())
    return;
  scf::IfOp branch = branches.front();
  OpBuilder b(loop);
  auto split = b.create<scf::IfOp>(loop.getLoc(), branch.getCondition(),
                                   /*withElseRegion=*/true);
  for (bool taken : {true, false}) {
    b.setInsertionPointToStart(taken ? split.thenBlock() : split.elseBlock());
    IRMapping mapping;
    b.clone(*loop, mapping);
    inlineWay(cast<scf::IfOp>(mapping.lookup(branch.getOperation())), taken);
  }
  loop->erase();
}

/// The pad that is the fusion's one root, if it has no interior padding.
static hlo::PadOp rootPad(ArrayRef<Value> roots) {
  if (roots.size() != 1)
    return {};
  auto pad = roots.front().getDefiningOp<hlo::PadOp>();
  if (!pad ||
      llvm::any_of(pad.getInteriorPadding(), [](int64_t p) { return p != 0; }))
    return {};
  return pad;
}

/// Rows of a pad this short or shorter take in the dims before them
/// (padColumnDims).
constexpr int64_t kMaxShortPadRow = 8;

/// How many trailing dims of `pad`'s result one row of its loop kernel
/// spans: the last, and where the pad leaves the last dims alone and the
/// last is short (an NHWC image's 3 channels), those and the dim before
/// them, so that a row's runs are long: 8 x 224 x 224 x 3 padded along the
/// height and width took 1.38 ms a row of 3 at a time, 7 GB/s.
static int64_t padColumnDims(hlo::PadOp pad) {
  ArrayRef<int64_t> low = pad.getEdgePaddingLow(),
                    high = pad.getEdgePaddingHigh();
  int64_t rank = low.size(), unpadded = 0;
  while (unpadded < rank && low[rank - 1 - unpadded] == 0 &&
         high[rank - 1 - unpadded] == 0)
    ++unpadded;
  ArrayRef<int64_t> shape = cast<RankedTensorType>(pad.getType()).getShape();
  if (unpadded == 0 || shape.back() > kMaxShortPadRow)
    return 1;
  return std::min(unpadded + 1, rank);
}

/// The columns [colBegin, colEnd) of row `indices` of the pad `pad`, a row
/// spanning the result's dims after those `indices` index (padColumnDims),
/// flattened: the padding value where the row or the column is outside the
/// operand, the operand's elements in one run where both are inside.
static LogicalResult emitPadRow(KernelBuild &build, hlo::PadOp pad,
                                ValueRange indices, Value colBegin,
                                Value colEnd) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = pad.getLoc();
  ArrayRef<int64_t> operandShape =
      cast<RankedTensorType>(pad.getOperand().getType()).getShape();
  ArrayRef<int64_t> resultShape =
      cast<RankedTensorType>(pad.getType()).getShape();
  ArrayRef<int64_t> low = pad.getEdgePaddingLow();
  // The padded dim the row runs along, and the elements of the unpadded
  // dims after it per step of it.
  size_t along = indices.size();
  int64_t inner = product(operandShape.drop_front(along + 1));
  auto columnIndices = [&](ArrayRef<Value> row, ArrayRef<int64_t> shape,
                           Value column) {
    SmallVector<Value> at(row);
    if (shape.size() == 1)
      at.push_back(column);
    else
      llvm::append_range(at, emitter.delinearize(column, shape));
    return at;
  };
  FailureOr<Value> padValue = emitter.emitElement(pad.getPaddingValue(), {});
  if (failed(padValue))
    return failure();
  auto fill = [&](Value begin, Value end) {
    auto loop = b.create<scf::ForOp>(loc, begin, end, emitter.index(1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    build.storeRoot(pad.getResult(), *padValue,
                    columnIndices(SmallVector<Value>(indices),
                                  resultShape.drop_front(along),
                                  loop.getInductionVar()));
  };

  // The row's position in the operand, and whether it is inside.
  Value inside;
  SmallVector<Value> operandRow;
  for (auto [d, index] : llvm::enumerate(indices)) {
    Value position =
        b.createOrFold<arith::SubIOp>(loc, index, emitter.index(low[d]));
    operandRow.push_back(position);
    Value fits = emitter.isInRange(loc, position, operandShape[d]);
    inside = inside ? b.create<arith::AndIOp>(loc, inside, fits) : fits;
  }
  auto min = [&](Value x, Value y) {
    return b.createOrFold<arith::MinSIOp>(loc, x, y);
  };
  auto max = [&](Value x, Value y) {
    return b.createOrFold<arith::MaxSIOp>(loc, x, y);
  };
  auto emitInsideRow = [&]() -> LogicalResult {
    Value runBegin = emitter.index(low[along] * inner);
    Value runEnd = emitter.index((low[along] + operandShape[along]) * inner);
    fill(colBegin, min(colEnd, runBegin));
    auto loop = b.create<scf::ForOp>(loc, max(colBegin, runBegin),
                                     min(colEnd, runEnd), emitter.index(1));
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value column = loop.getInductionVar();
      FailureOr<Value> element = emitter.emitElement(
          pad.getOperand(),
          columnIndices(operandRow, operandShape.drop_front(along),
                        b.createOrFold<arith::SubIOp>(loc, column, runBegin)));
      if (failed(element))
        return failure();
      build.storeRoot(pad.getResult(), *element,
                      columnIndices(SmallVector<Value>(indices),
                                    resultShape.drop_front(along), column));
    }
    fill(max(colBegin, runEnd), colEnd);
    return success();
  };
  if (!inside)
    return emitInsideRow();
  auto ifOp = b.create<scf::IfOp>(loc, inside, /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  if (failed(emitInsideRow()))
    return failure();
  b.setInsertionPointToStart(&ifOp.getElseRegion().front());
  fill(colBegin, colEnd);
  return success();
}

/// Row `row` of `roots` (rows of `rowShape`, `cols` elements each): the
/// columns of the flat element range [begin, end) where the tasks split
/// elements (`splitRows` false), else all of them.
static LogicalResult emitRow(KernelBuild &build, ArrayRef<Value> roots,
                             ArrayRef<int64_t> rowShape, int64_t cols,
                             Value row, Value begin, Value end,
                             bool splitRows) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = roots.front().getLoc();
  SmallVector<Value> indices = emitter.delinearize(row, rowShape);
  Value colBegin = emitter.index(0), colEnd = emitter.index(cols);
  if (!splitRows) {
    Value rowStart =
        b.createOrFold<arith::MulIOp>(loc, row, emitter.index(cols));
    colBegin = b.create<arith::MaxSIOp>(
        loc, b.create<arith::SubIOp>(loc, begin, rowStart), emitter.index(0));
    colEnd = b.create<arith::MinSIOp>(
        loc, b.create<arith::SubIOp>(loc, end, rowStart), emitter.index(cols));
  }
  if (streamsOutputs(build)) {
    Value rowStart =
        b.createOrFold<arith::MulIOp>(loc, row, emitter.index(cols));
    // Whole rows of whole cache lines: no unaligned ends to handle.
    bool aligned = splitRows && cols % kStreamLanes == 0;
    return emitStreamedColumns(build, roots, indices, rowStart, colBegin,
                               colEnd, aligned);
  }
  if (hlo::PadOp pad = rootPad(roots))
    return emitPadRow(build, pad, indices, colBegin, colEnd);
  auto colLoop = b.create<scf::ForOp>(loc, colBegin, colEnd, emitter.index(1));
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(colLoop.getBody());
    indices.push_back(colLoop.getInductionVar());
    if (failed(build.storeRoots(roots, indices)))
      return failure();
  }
  unswitchRowBranch(colLoop);
  return success();
}

/// Rows that one walk of the last dim computes together where neighbouring
/// rows are convolution outputs reading overlapping windows at stride 1
/// (jammedRows). Four positions of a 3x3 window read 3 x 6 input vectors
/// where one at a time read 4 x 9, and a depthwise kernel's 9 weight
/// vectors once for all four; their sums are four independent chains the
/// core overlaps.
constexpr int64_t kJammedRows = 4;
/// The same at stride 2, where neighbours share one column of three: two
/// positions read 3 x 5 input vectors and the 9 weights once. Four took
/// 1.04 times as long as one at a time with MobileNet's bias and ReLU6 (96
/// features on 112x112, AVX2 on Zen 3), their sums and the epilogue's
/// vectors more than the registers; two took 0.95, 0.83 with 32 features.
constexpr int64_t kJammedStridedRows = 2;

/// How many rows that are neighbours along their last index (dim rank - 2
/// of `shape`) one walk computes: kJammedRows or kJammedStridedRows where
/// they read overlapping windows of a convolution of `shape` in the fusion,
/// at stride 1 or 2, and all of its kernel (taps emitted as straight-line
/// code, kMaxStraightLineTaps; a window longer than one along that dim),
/// else 1. NHWC depthwise convolutions (JAX's layout, the features in the
/// row) are such. Pooling windows are not jammed: a 3x3 stride 2 max pool
/// on 112x112x64 took 1.13 times as long four positions at a time, its
/// neighbours sharing one column and no kernel.
static int64_t rowsSharingWindows(hlo::FusionOp fusion,
                                  ArrayRef<int64_t> shape) {
  int64_t dim = static_cast<int64_t>(shape.size()) - 2;
  int64_t rows = 1;
  fusion.getBody().walk([&](hlo::ConvolutionOp conv) {
    hlo::ConvDimensionNumbersAttr dn = conv.getDimensionNumbers();
    ArrayRef<int64_t> outputSpatial = dn.getOutputSpatialDimensions();
    const int64_t *it = llvm::find(outputSpatial, dim);
    if (conv.getType().getShape() != shape || it == outputSpatial.end())
      return WalkResult::advance();
    // The taps: the kernel's elements of one output feature.
    ArrayRef<int64_t> kernelShape = conv.getRhs().getType().getShape();
    int64_t spatial = it - outputSpatial.begin();
    int64_t along = kernelShape[dn.getKernelSpatialDimensions()[spatial]];
    int64_t stride = 1;
    if (std::optional<ArrayRef<int64_t>> strides = conv.getWindowStrides())
      stride = (*strides)[spatial];
    int64_t taps = product(kernelShape) /
                   kernelShape[dn.getKernelOutputFeatureDimension()];
    if (taps > kMaxStraightLineTaps || along == 1 || stride > 2)
      return WalkResult::advance();
    rows = stride == 1 ? kJammedRows : kJammedStridedRows;
    return WalkResult::interrupt();
  });
  return rows;
}

/// Vectors of one strip of the jammed rows' walk: as many as LLVM
/// interleaves a loop by (emitJammedRows).
constexpr int64_t kJammedStripVectors = 4;

/// Columns of one strip of the jammed rows' walk: kJammedStripVectors
/// vectors of the roots' elements.
static int64_t jammedStrip(KernelBuild &build, ArrayRef<Value> roots) {
  Type element =
      cast<RankedTensorType>(roots.front().getType()).getElementType();
  return kJammedStripVectors * build.target.lanes(elementBytes(element));
}

/// The most strips of a jammed row. Each strip reads its own lines of
/// every tap's input row, where one position at a time streams along them;
/// four positions at stride 2 read too many at once (256 and 384 features
/// on 56x56, 8 and 12 strips, 1.19 and 1.29 of the time), but stride 2 now
/// goes two at a time. AVX2 on Zen 3, against a position at a time, at
/// stride 1: 144 features on 56x56 (5 strips) 0.70, 256 on 56x56 0.81-0.82,
/// 384 on 28x28 0.87-0.88, 576 on 14x14 0.74-0.77, 960 and 1024 on 7x7
/// 0.99-1.00; at stride 2: 144 and 192 0.86-0.90, 576 on 14x14 0.82-0.84,
/// 256 and 384 on 56x56 0.93-1.01, 1024 on 14x14 (32 strips) 0.93-0.97.
constexpr int64_t kMaxJammedStrips = 32;

/// How many rows of `roots` (all of `shape`) one walk of the last dim
/// computes: those of rowsSharingWindows where a row is at most
/// kMaxJammedStrips strips and a line holds as many, else 1.
static int64_t jammedRows(KernelBuild &build, ArrayRef<Value> roots,
                          ArrayRef<int64_t> shape) {
  if (shape.size() < 2 ||
      shape.back() > kMaxJammedStrips * jammedStrip(build, roots) ||
      streamsOutputs(build) || rootPad(roots))
    return 1;
  int64_t rows = rowsSharingWindows(build.fusion, shape);
  return shape[shape.size() - 2] < rows ? 1 : rows;
}

/// The rows [rowBegin, rowEnd) of `roots` (rows of `rowShape`, `cols`
/// elements each), `jam` at a time where they can be: where the `jam` rows
/// from the next one lie along one line of the rows' last index and every
/// invariant branch of their elements goes its first way (each window
/// inside its input), one walk of the columns computes all of them, their
/// shared reads emitted once; else the next row goes on its own, so that
/// the groups after an image's left edge start past it.
///
/// The walk goes in strips of kJammedStripVectors vectors (jammedStrip), a
/// loop of constant bounds each. LLVM interleaves a longer loop up to 4
/// vectors, and `jam` times as many sums would then spill (16 registers at
/// AVX2);
/// a loop over the strips, whose inner trip count it could not always see,
/// it interleaved as if long, so that a strip shorter than that went
/// element by element (40 features, strips of 32 and 8: 1.34 times the
/// time of a position at a time; 64 and 72 features, two strips: 1.09).
static LogicalResult emitJammedRows(KernelBuild &build, ArrayRef<Value> roots,
                                    ArrayRef<int64_t> rowShape, int64_t cols,
                                    Value rowBegin, Value rowEnd, int64_t jam) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = roots.front().getLoc();
  Type indexType = b.getIndexType();
  auto rows =
      b.create<scf::WhileOp>(loc, TypeRange{indexType}, ValueRange{rowBegin});
  {
    OpBuilder::InsertionGuard guard(b);
    Block *before = b.createBlock(&rows.getBefore(), {}, {indexType}, {loc});
    Value next = before->getArgument(0);
    b.create<scf::ConditionOp>(
        loc,
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, next, rowEnd),
        ValueRange{next});
  }
  OpBuilder::InsertionGuard rowsGuard(b);
  Block *after = b.createBlock(&rows.getAfter(), {}, {indexType}, {loc});
  Value first = after->getArgument(0);
  auto add = [&](Value x, int64_t y) {
    return b.createOrFold<arith::AddIOp>(loc, x, emitter.index(y));
  };
  auto atMost = [&](Value x, Value y) {
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ule, x, y);
  };
  SmallVector<Value> indices = emitter.delinearize(first, rowShape);
  Value position = indices.back();
  Value together = b.create<arith::AndIOp>(
      loc, atMost(add(first, jam), rowEnd),
      atMost(add(position, jam), emitter.index(rowShape.back())));

  // The jammed rows' elements at the columns of `loop`, every row's
  // elements before any store, so that their common loads have no store
  // between them.
  auto emitColumns = [&](scf::ForOp loop) -> LogicalResult {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    struct Store {
      Value root, element;
      SmallVector<Value> at;
    };
    SmallVector<Store> stores;
    for (int64_t j = 0; j < jam; ++j) {
      SmallVector<Value> at(indices);
      at.back() = add(position, j);
      at.push_back(loop.getInductionVar());
      for (Value root : roots) {
        FailureOr<Value> element = emitter.emitElement(root, at);
        if (failed(element))
          return failure();
        stores.push_back({root, *element, at});
      }
    }
    for (const Store &store : stores)
      build.storeRoot(store.root, store.element, store.at);
    return success();
  };
  int64_t strip = jammedStrip(build, roots);
  // The walk's loops, and the branches whose conditions they hoisted.
  SmallVector<Operation *> walk;
  SmallVector<scf::IfOp> branches;
  for (int64_t begin = 0; begin < cols; begin += strip) {
    auto columns = b.create<scf::ForOp>(
        loc, emitter.index(begin), emitter.index(std::min(begin + strip, cols)),
        emitter.index(1));
    if (failed(emitColumns(columns)))
      return failure();
    llvm::append_range(branches, invariantBranches(columns));
    walk.push_back(columns);
  }
  for (scf::IfOp branch : branches)
    together = b.create<arith::AndIOp>(loc, together, branch.getCondition());
  // The group yields the row after it, the single row the one after that.
  auto group = b.create<scf::IfOp>(loc, TypeRange{indexType}, together,
                                   /*withElseRegion=*/true);
  b.setInsertionPointToStart(group.thenBlock());
  Operation *groupEnd = b.create<scf::YieldOp>(loc, add(first, jam));
  for (Operation *loop : walk)
    loop->moveBefore(groupEnd);
  for (scf::IfOp branch : branches)
    inlineWay(branch, /*taken=*/true);
  b.setInsertionPointToStart(group.elseBlock());
  if (failed(emitRow(build, roots, rowShape, cols, first, /*begin=*/{},
                     /*end=*/{}, /*splitRows=*/true)))
    return failure();
  b.create<scf::YieldOp>(loc, add(first, 1));
  b.setInsertionPointAfter(group);
  b.create<scf::YieldOp>(loc, group.getResults());
  return success();
}

/// Emits the elements of `roots` (all of `shape`) for task `task` of
/// `numTasks`.
static LogicalResult emitRootsOfShape(KernelBuild &build, ArrayRef<Value> roots,
                                      ArrayRef<int64_t> shape,
                                      int64_t numTasks) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = roots.front().getLoc();
  auto emitAt = [&](ValueRange indices) {
    return build.storeRoots(roots, indices);
  };

  int64_t total = product(shape);
  if (total == 0)
    return success();
  if (shape.empty()) {
    // One element: the task whose flat range holds it computes it.
    auto [begin, end] = taskRange(emitter, build.task(), 1, numTasks);
    Value mine = b.createOrFold<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                               begin, end);
    auto ifOp = b.create<scf::IfOp>(loc, mine, /*withElseRegion=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifOp.getThenRegion().front());
    return emitAt({});
  }

  // A pad's rows span the short dims it leaves alone (padColumnDims).
  int64_t columnDims = 1;
  if (hlo::PadOp pad = rootPad(roots); pad && !streamsOutputs(build))
    columnDims = padColumnDims(pad);
  int64_t cols = product(shape.take_back(columnDims));
  ArrayRef<int64_t> rowShape = shape.drop_back(columnDims);
  int64_t rows = total / cols;
  bool splitRows = rows >= numTasks;
  auto [begin, end] =
      taskRange(emitter, build.task(), splitRows ? rows : total, numTasks);
  Value rowBegin = begin, rowEnd = end;
  if (!splitRows) {
    // Rows that the flat range [begin, end) touches.
    rowBegin = b.createOrFold<arith::DivUIOp>(loc, begin, emitter.index(cols));
    rowEnd = b.createOrFold<arith::DivUIOp>(
        loc, b.createOrFold<arith::AddIOp>(loc, end, emitter.index(cols - 1)),
        emitter.index(cols));
  }
  int64_t jam = splitRows ? jammedRows(build, roots, shape) : 1;
  LogicalResult emitted = success();
  if (jam > 1) {
    emitted =
        emitJammedRows(build, roots, rowShape, cols, rowBegin, rowEnd, jam);
  } else {
    auto rowLoop =
        b.create<scf::ForOp>(loc, rowBegin, rowEnd, emitter.index(1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(rowLoop.getBody());
    emitted = emitRow(build, roots, rowShape, cols, rowLoop.getInductionVar(),
                      begin, end, splitRows);
  }
  // The rows' loops were split and their branches erased.
  emitter.forgetElements();
  return emitted;
}

FailureOr<int64_t> emitLoopKernel(KernelBuild &build, bool reassociate) {
  build.emitter.setReassociateReductions(reassociate);
  // Roots grouped by shape, in order of first appearance.
  SmallVector<std::pair<SmallVector<int64_t>, SmallVector<Value>>> groups;
  for (Value root : build.roots()) {
    ArrayRef<int64_t> shape = cast<RankedTensorType>(root.getType()).getShape();
    auto it = llvm::find_if(groups, [&](auto &group) {
      return ArrayRef<int64_t>(group.first) == shape;
    });
    if (it == groups.end())
      groups.push_back({SmallVector<int64_t>(shape), {root}});
    else
      it->second.push_back(root);
  }
  // Tasks come from the largest output; smaller ones split the same way.
  int64_t units = 1;
  for (auto &group : groups) {
    ArrayRef<int64_t> shape = group.first;
    units = std::max(units, product(shape));
  }
  int64_t numTasks =
      chooseNumTasks(estimateCost(build.fusion, build.trafficBytes), units);
  for (auto &group : groups)
    if (failed(emitRootsOfShape(build, group.second, group.first, numTasks)))
      return failure();
  return numTasks;
}

} // namespace kiln
