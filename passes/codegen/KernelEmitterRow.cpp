//===- KernelEmitterRow.cpp - Row structure for reductions of rows --------===//
//
// Softmax and layer norm reduce the trailing dims of rows and broadcast the
// results back along the same rows. Their kernel walks its rows (split into
// tasks) and for each row computes every reduction in dependency order, one
// loop each, keeping the results as scalars, then computes all outputs of
// the row in one loop. A row is read from memory once per reduction and
// once for the outputs, and stays in cache between the loops. The
// reductions' float accumulation is marked reassociable so that LLVM keeps
// vector partial sums; their order is still fixed at compile time. A value
// that a later loop uses again (softmax's exp(x - max)) is kept in a row
// scratch buffer rather than computed twice, where recomputing it would
// cost more than the load (RowScratchPlan.h). Kernels beyond the caches
// stream their outputs (KernelEmitterStream.cpp), prefetch the next row,
// and keep two rows in flight: a row's outputs are stored while the next
// row computes its last reduction (emitPipelinedRows).
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"
#include "passes/codegen/KeyedMinMax.h"
#include "passes/codegen/RowScratchPlan.h"
#include "passes/codegen/ScalarSemantics.h"

#include "dialects/hlo/BufferSize.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln {

/// The most bytes of row scratch buffers a kernel keeps on its task's
/// stack; values beyond it are recomputed by the loops that need them.
constexpr int64_t kMaxRowScratchBytes = 64 * 1024;

/// The row shape of a row reduction: its result shape.
static ArrayRef<int64_t> rowShapeOf(hlo::ReduceOp reduce) {
  return cast<RankedTensorType>(reduce->getResult(0).getType()).getShape();
}

/// The trailing shape that reduction `reduce` walks.
static ArrayRef<int64_t> reducedShapeOf(hlo::ReduceOp reduce, size_t rowRank) {
  return cast<RankedTensorType>(reduce.getInputs()[0].getType())
      .getShape()
      .drop_front(rowRank);
}

bool isRowFusion(hlo::FusionOp fusion) {
  std::optional<SmallVector<int64_t>> rowShape;
  for (Operation &op : fusion.getBody().front()) {
    if (isa<hlo::ReduceWindowOp, hlo::DotGeneralOp, hlo::ConvolutionOp>(op))
      return false;
    auto reduce = dyn_cast<hlo::ReduceOp>(op);
    if (!reduce)
      continue;
    if (!isRowReduction(reduce))
      return false;
    if (rowShape && ArrayRef<int64_t>(*rowShape) != rowShapeOf(reduce))
      return false;
    rowShape = SmallVector<int64_t>(rowShapeOf(reduce));
  }
  if (!rowShape)
    return false;
  for (Value returned :
       fusion.getBody().front().getTerminator()->getOperands()) {
    ArrayRef<int64_t> shape =
        cast<RankedTensorType>(returned.getType()).getShape();
    if (shape.size() < rowShape->size() ||
        shape.take_front(rowShape->size()) != ArrayRef<int64_t>(*rowShape))
      return false;
  }
  return true;
}

namespace {
/// A value that a row loop stores to a row scratch buffer for later loops.
struct RowScratch {
  Value value;
  /// memref<[2 x] trailing shape>: with two slots when rows are pipelined,
  /// one per row in flight.
  Value buffer;
  /// The loop that stores it, and the last loop that reads it back.
  size_t writer;
  size_t lastReader;
};

/// A row whose loops are being emitted.
struct RowInFlight {
  SmallVector<Value> indices;
  /// Its slot in two-slot scratch buffers; null with one slot.
  Value slot;
  /// The loop being emitted for it: it sees the values stored by the loops
  /// before.
  size_t loop;
};

/// Assigns the kept values of a kernel's loops to scratch buffers at the
/// kernel's entry (so that the stack does not grow per row), each buffer
/// reused once the last loop that reads its value has run: a chain of
/// reductions keeps only a few rows at a time. Values beyond the budget
/// are left out; the later loops recompute them.
SmallVector<RowScratch>
assignRowScratch(KernelBuild &build,
                 ArrayRef<SmallVector<KeptRowValue>> keptPerLoop,
                 size_t rowRank, int64_t slots, Location loc) {
  SmallVector<RowScratch> assigned;
  // Each buffer, with the index in `assigned` of the value it holds last.
  SmallVector<std::pair<Value, size_t>> holders;
  int64_t budgetBytes = kMaxRowScratchBytes;
  for (auto [loop, kept] : llvm::enumerate(keptPerLoop)) {
    for (const KeptRowValue &value : kept) {
      auto tensor = cast<RankedTensorType>(value.value.getType());
      SmallVector<int64_t> shape;
      if (slots > 1)
        shape.push_back(slots);
      llvm::append_range(shape, tensor.getShape().drop_front(rowRank));
      auto type =
          MemRefType::get(shape, storageTypeOf(tensor.getElementType()));
      // A buffer of this type whose value no loop from this one on reads.
      Value buffer;
      for (auto &[memref, holder] : holders)
        if (memref.getType() == type && assigned[holder].lastReader < loop) {
          buffer = memref;
          holder = assigned.size();
          break;
        }
      if (!buffer) {
        int64_t bytes =
            type.getNumElements() * elementBytes(type.getElementType());
        if (bytes > budgetBytes)
          continue;
        budgetBytes -= bytes;
        OpBuilder &b = build.emitter.getBuilder();
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(&build.kernel.front());
        buffer = b.create<memref::AllocaOp>(loc, type);
        holders.push_back({buffer, assigned.size()});
      }
      assigned.push_back({value.value, buffer, loop, value.lastReader});
    }
  }
  return assigned;
}

/// The emitter's override that reads kept values back from row scratch:
/// the element of a kept value at a row in flight, where the loop being
/// emitted for that row comes after the one that stored it.
ElementalEmitter::ElementOverride readRowScratch(OpBuilder &b,
                                                 ArrayRef<RowScratch> scratches,
                                                 ArrayRef<RowInFlight *> rows) {
  return [&b, scratches, rows = SmallVector<RowInFlight *>(rows)](
             Value value, ValueRange indices) -> Value {
    for (RowInFlight *row : rows) {
      if (!llvm::equal(indices.take_front(row->indices.size()), row->indices))
        continue;
      for (const RowScratch &scratch : scratches) {
        if (scratch.value != value || scratch.writer >= row->loop ||
            scratch.lastReader < row->loop)
          continue;
        SmallVector<Value> at;
        if (row->slot)
          at.push_back(row->slot);
        llvm::append_range(at, indices.drop_front(row->indices.size()));
        return b.create<memref::LoadOp>(value.getLoc(), scratch.buffer, at);
      }
    }
    return {};
  };
}
} // namespace

/// Columns of a row loop between two bursts of other work: the previous
/// row's outputs in a pipelined row's last reduction (a chunk of streamed
/// outputs, KernelEmitterStream), or the next row's prefetches.
constexpr int64_t kRowChunk = 256;

/// A loop over `size` columns carrying `inits`, as chunks of kRowChunk
/// columns: `body` per column, then `afterChunk` with the chunk's columns.
/// Returns the carried values at the end.
static FailureOr<SmallVector<Value>> emitChunkedLoop(
    ElementalEmitter &emitter, Location loc, int64_t size, ValueRange inits,
    function_ref<FailureOr<SmallVector<Value>>(ValueRange, ValueRange)> body,
    function_ref<LogicalResult(Value, Value)> afterChunk) {
  OpBuilder &b = emitter.getBuilder();
  auto chunks = b.create<scf::ForOp>(loc, emitter.index(0), emitter.index(size),
                                     emitter.index(kRowChunk), inits);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(chunks.getBody());
  Value begin = chunks.getInductionVar();
  Value end = b.create<arith::MinUIOp>(
      loc, b.create<arith::AddIOp>(loc, begin, emitter.index(kRowChunk)),
      emitter.index(size));
  auto columns = b.create<scf::ForOp>(loc, begin, end, emitter.index(1),
                                      chunks.getRegionIterArgs());
  {
    OpBuilder::InsertionGuard columnGuard(b);
    b.setInsertionPointToStart(columns.getBody());
    FailureOr<SmallVector<Value>> carried =
        body(columns.getInductionVar(), columns.getRegionIterArgs());
    if (failed(carried))
      return failure();
    // Loops that carry nothing come with their yield.
    if (!inits.empty())
      b.create<scf::YieldOp>(loc, *carried);
  }
  if (failed(afterChunk(begin, end)))
    return failure();
  if (!inits.empty())
    b.create<scf::YieldOp>(loc, columns.getResults());
  return SmallVector<Value>(chunks.getResults());
}

/// Emits the loop of reduction `loop` (`reduce`) for `row` at the insertion
/// point and returns its results, which it also provides as the elements
/// at the row's indices. The values that `scratches` assigns to this loop
/// are stored on the way, for later loops (softmax's exp(x - max) is
/// computed once per element). With `afterChunk` (a reduction of one
/// trailing dim), the loop runs in chunks of kRowChunk columns, and
/// `afterChunk` emits more work after each chunk, given its columns.
static FailureOr<SmallVector<Value>>
emitRowReduction(KernelBuild &build, hlo::ReduceOp reduce, size_t loop,
                 const RowInFlight &row, ArrayRef<RowScratch> scratches,
                 function_ref<LogicalResult(Value, Value)> afterChunk) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = reduce.getLoc();
  ArrayRef<int64_t> trailing = reducedShapeOf(reduce, row.indices.size());

  SmallVector<Value> inits;
  for (Value init : reduce.getInitValues()) {
    FailureOr<Value> scalar = emitter.emitElement(init, {});
    if (failed(scalar))
      return failure();
    inits.push_back(*scalar);
  }
  // A maximum or minimum reduces as integers (KeyedMinMax.h).
  std::optional<KeyedMinMax> keyed = KeyedMinMax::match(reduce);
  if (keyed)
    inits = keyed->init(b, loc, inits.front());
  auto body = [&](ValueRange inner,
                  ValueRange accumulators) -> FailureOr<SmallVector<Value>> {
    SmallVector<Value> indices(row.indices);
    llvm::append_range(indices, inner);
    SmallVector<Value> args(accumulators);
    for (Value input : reduce.getInputs()) {
      FailureOr<Value> element = emitter.emitElement(input, indices);
      if (failed(element))
        return failure();
      args.push_back(*element);
    }
    // Computed by now, unless the plan was wrong about it; then it is
    // computed here, which is still right.
    for (const RowScratch &scratch : scratches) {
      if (scratch.writer != loop)
        continue;
      FailureOr<Value> element = emitter.emitElement(scratch.value, indices);
      if (failed(element))
        return failure();
      SmallVector<Value> at;
      if (row.slot)
        at.push_back(row.slot);
      llvm::append_range(at, inner);
      b.create<memref::StoreOp>(loc, *element, scratch.buffer, at);
    }
    if (keyed)
      return keyed->combine(b, loc, accumulators, args.back());
    return emitter.emitCombiner(reduce, args, /*reassociate=*/true);
  };
  FailureOr<SmallVector<Value>> results =
      afterChunk ? emitChunkedLoop(emitter, loc, trailing.front(), inits, body,
                                   afterChunk)
                 : emitter.buildLoopNest(loc, trailing, inits, body);
  if (failed(results))
    return failure();
  if (keyed)
    results = SmallVector<Value>{keyed->result(b, loc, *results)};
  for (auto [result, scalar] : llvm::zip_equal(reduce.getResults(), *results))
    emitter.provideElement(result, row.indices, scalar);
  return results;
}

/// Rows bigger than the caches stream from memory: while a row's outputs
/// are computed (from cache), the next row of each row-shaped input is
/// prefetched, so that memory stays busy during the compute phases.
constexpr int64_t kPrefetchMinBytes = 16 * 1024 * 1024;
/// Elements per cache line (f32).
constexpr int64_t kLineElements = 16;

/// The kernel arguments read row by row with `trailing` as the row's shape,
/// if the kernel is big enough to prefetch; none otherwise.
static SmallVector<Value> prefetchedInputs(KernelBuild &build,
                                           ArrayRef<int64_t> rowShape,
                                           ArrayRef<int64_t> trailing) {
  SmallVector<Value> inputs;
  if (build.trafficBytes < kPrefetchMinBytes || trailing.size() != 1 ||
      trailing.front() < 2 * kRowChunk)
    return inputs;
  SmallVector<int64_t> shape(rowShape);
  shape.push_back(trailing.front());
  for (auto [i, arg] :
       llvm::enumerate(build.fusion.getBody().front().getArguments())) {
    auto type = cast<RankedTensorType>(arg.getType());
    if (type.getShape() == ArrayRef<int64_t>(shape) &&
        type.getElementTypeBitWidth() == 32)
      inputs.push_back(build.kernel.getArgument(i));
  }
  return inputs;
}

/// The indices of the row after `row` (the last row stays itself).
static SmallVector<Value> nextRowIndices(ElementalEmitter &emitter, Value row,
                                         int64_t rows,
                                         ArrayRef<int64_t> rowShape) {
  OpBuilder &b = emitter.getBuilder();
  Location loc = row.getLoc();
  Value next = b.create<arith::MinUIOp>(
      loc, b.create<arith::AddIOp>(loc, row, emitter.index(1)),
      emitter.index(rows - 1));
  return emitter.delinearize(next, rowShape);
}

/// Prefetches the columns [begin, end) of `inputs` at `nextIndices` into L2,
/// one per cache line.
static void emitPrefetches(ElementalEmitter &emitter,
                           ArrayRef<Value> nextIndices, ArrayRef<Value> inputs,
                           Value begin, Value end) {
  OpBuilder &b = emitter.getBuilder();
  Location loc = begin.getLoc();
  auto lines =
      b.create<scf::ForOp>(loc, begin, end, emitter.index(kLineElements));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(lines.getBody());
  SmallVector<Value> indices(nextIndices);
  indices.push_back(lines.getInductionVar());
  for (Value input : inputs)
    b.create<memref::PrefetchOp>(loc, input, indices, /*isWrite=*/false,
                                 /*localityHint=*/2, /*isDataCache=*/true);
}

/// The output loop of a row in chunks; after each chunk, the same columns of
/// the next row of `inputs` are prefetched.
static LogicalResult emitOutputsWithPrefetch(
    KernelBuild &build, Value row, int64_t rows, ArrayRef<int64_t> rowShape,
    int64_t cols, ArrayRef<Value> inputs,
    function_ref<FailureOr<SmallVector<Value>>(ValueRange)> emitRoots) {
  ElementalEmitter &emitter = build.emitter;
  SmallVector<Value> nextIndices = nextRowIndices(emitter, row, rows, rowShape);
  return emitChunkedLoop(
      emitter, row.getLoc(), cols, /*inits=*/{},
      [&](ValueRange inner, ValueRange) { return emitRoots(inner); },
      [&](Value begin, Value end) {
        emitPrefetches(emitter, nextIndices, inputs, begin, end);
        return success();
      });
}

/// The outputs of a row with streaming stores (KernelEmitterStream.cpp),
/// prefetching the next row of `inputs` after each chunk.
static LogicalResult emitStreamedOutputs(KernelBuild &build,
                                         ArrayRef<Value> roots, Value row,
                                         int64_t rows,
                                         ArrayRef<int64_t> rowShape,
                                         ValueRange rowIndices, int64_t cols,
                                         ArrayRef<Value> inputs) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = row.getLoc();
  Value rowStart = b.createOrFold<arith::MulIOp>(loc, row, emitter.index(cols));
  SmallVector<Value> nextIndices;
  if (!inputs.empty())
    nextIndices = nextRowIndices(emitter, row, rows, rowShape);
  auto prefetch = [&](Value begin, Value end) {
    emitPrefetches(emitter, nextIndices, inputs, begin, end);
  };
  return emitStreamedColumns(
      build, roots, rowIndices, rowStart, emitter.index(0), emitter.index(cols),
      /*aligned=*/cols % kStreamLanes == 0,
      inputs.empty() ? function_ref<void(Value, Value)>() : prefetch);
}

namespace {
/// The loops of a row kernel, in order: one per reduction, in dependency
/// order, then one per trailing shape of the outputs.
struct RowLoops {
  SmallVector<hlo::ReduceOp> reductions;
  SmallVector<int64_t> rowShape;
  /// The outputs' roots by trailing shape.
  SmallVector<std::pair<SmallVector<int64_t>, SmallVector<Value>>> groups;
  /// What each loop keeps for later ones (planRowScratch).
  SmallVector<SmallVector<KeptRowValue>> kept;
};
} // namespace

static RowLoops planRowLoops(KernelBuild &build) {
  RowLoops loops;
  Block &body = build.fusion.getBody().front();
  loops.reductions = SmallVector<hlo::ReduceOp>(body.getOps<hlo::ReduceOp>());
  loops.rowShape = SmallVector<int64_t>(rowShapeOf(loops.reductions.front()));
  for (Value root : build.roots()) {
    ArrayRef<int64_t> trailing = cast<RankedTensorType>(root.getType())
                                     .getShape()
                                     .drop_front(loops.rowShape.size());
    auto it = llvm::find_if(loops.groups, [&](auto &group) {
      return ArrayRef<int64_t>(group.first) == trailing;
    });
    if (it == loops.groups.end())
      loops.groups.push_back({SmallVector<int64_t>(trailing), {root}});
    else
      it->second.push_back(root);
  }
  SmallVector<SmallVector<Value>> loopRoots;
  for (hlo::ReduceOp reduce : loops.reductions)
    loopRoots.push_back(SmallVector<Value>(reduce.getInputs()));
  for (auto &group : loops.groups)
    loopRoots.push_back(group.second);
  loops.kept =
      planRowScratch(loopRoots, loops.reductions.size(), loops.rowShape);
  return loops;
}

/// Whether the kernel pipelines its rows (emitPipelinedRows): it streams,
/// its outputs are one group of one trailing dim, which its last reduction
/// walks too.
static bool pipelinesRows(KernelBuild &build, const RowLoops &loops) {
  if (loops.groups.size() != 1 || !streamsOutputs(build))
    return false;
  ArrayRef<int64_t> trailing = loops.groups.front().first;
  return trailing.size() == 1 &&
         reducedShapeOf(loops.reductions.back(), loops.rowShape.size()) ==
             trailing;
}

/// Each row in turn: its reductions, then its outputs.
static LogicalResult emitSequentialRows(KernelBuild &build,
                                        const RowLoops &loops, int64_t rows,
                                        Value begin, Value end) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = build.fusion.getLoc();
  SmallVector<RowScratch> scratches = assignRowScratch(
      build, loops.kept, loops.rowShape.size(), /*slots=*/1, loc);
  auto rowLoop = b.create<scf::ForOp>(loc, begin, end, emitter.index(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(rowLoop.getBody());
  Value rowIndex = rowLoop.getInductionVar();
  RowInFlight row{emitter.delinearize(rowIndex, loops.rowShape), {}, 0};
  emitter.setOverride(readRowScratch(b, scratches, {&row}));

  for (auto [loop, reduce] : llvm::enumerate(loops.reductions)) {
    row.loop = loop;
    if (failed(emitRowReduction(build, reduce, loop, row, scratches, nullptr)))
      return failure();
  }
  row.loop = loops.reductions.size();
  for (auto &group : loops.groups) {
    ArrayRef<int64_t> trailing = group.first;
    ArrayRef<Value> roots = group.second;
    auto emitRoots = [&](ValueRange inner) -> FailureOr<SmallVector<Value>> {
      SmallVector<Value> indices(row.indices);
      llvm::append_range(indices, inner);
      if (failed(build.storeRoots(roots, indices)))
        return failure();
      return SmallVector<Value>{};
    };
    SmallVector<Value> rowInputs =
        prefetchedInputs(build, loops.rowShape, trailing);
    bool streamed = streamsOutputs(build) && trailing.size() == 1;
    // Measured on softmax [8192, 4096], 1 thread: with ordinary stores and
    // the row in scratch, the prefetches slow the output loop down (40 ms
    // against 34); with streaming stores they speed it up (17.6 ms against
    // 19.8). Layer norm, which reads its input again, gains either way.
    if (!streamed && llvm::any_of(scratches, [&](const RowScratch &scratch) {
          return scratch.lastReader >= row.loop;
        }))
      rowInputs.clear();
    if (streamed) {
      if (failed(emitStreamedOutputs(build, roots, rowIndex, rows,
                                     loops.rowShape, row.indices,
                                     trailing.front(), rowInputs)))
        return failure();
      continue;
    }
    if (rowInputs.empty()) {
      if (failed(emitter.buildLoopNest(
              loc, trailing, {},
              [&](ValueRange inner, ValueRange) { return emitRoots(inner); })))
        return failure();
      continue;
    }
    if (failed(emitOutputsWithPrefetch(build, rowIndex, rows, loops.rowShape,
                                       trailing.front(), rowInputs, emitRoots)))
      return failure();
  }
  emitter.setOverride(nullptr);
  return success();
}

/// Rows in flight two at a time. A streamed row's phases take turns at the
/// memory: its first reduction reads the row, its later ones compute from
/// cache, and its outputs store at the rate memory takes them, so that
/// memory idles while the row computes. Here the outputs of each row are
/// computed and streamed in chunks while the next row's last reduction
/// runs, one chunk of each in turn, the row after next fetched alongside:
/// stores, fetches and compute overlap. Row scratch has a slot per row in
/// flight, and every row's last reduction runs in the same chunks, so that
/// every row sums in the same order.
///
/// Softmax [8192, 4096] on a Zen 5 host (`kiln-run --bench 20 --no-cache`,
/// two alternating rounds, medians): 17.7 / 18.8 -> 15.3 / 16.3 ms at 1
/// thread, 9.2 / 9.4 -> 7.6 / 7.9 at 2.
static LogicalResult emitPipelinedRows(KernelBuild &build,
                                       const RowLoops &loops, int64_t rows,
                                       Value begin, Value end) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = build.fusion.getLoc();
  size_t rowRank = loops.rowShape.size();
  size_t outputLoop = loops.reductions.size();
  ArrayRef<Value> roots = loops.groups.front().second;
  int64_t cols = loops.groups.front().first.front();
  bool aligned = cols % kStreamLanes == 0;
  SmallVector<Value> inputs = prefetchedInputs(build, loops.rowShape, {cols});
  SmallVector<RowScratch> scratches =
      assignRowScratch(build, loops.kept, rowRank, /*slots=*/2, loc);

  auto slotOf = [&](Value rowIndex) -> Value {
    return b.create<arith::AndIOp>(loc, rowIndex, emitter.index(1));
  };
  auto provideResults = [&](const RowInFlight &row, ValueRange flat) {
    size_t next = 0;
    for (hlo::ReduceOp reduce : loops.reductions)
      for (Value result : reduce.getResults())
        emitter.provideElement(result, row.indices, flat[next++]);
  };
  // The reductions of `row`, the last in chunks, each followed by
  // `afterChunk`; the results of all of them, in order.
  auto emitReductions =
      [&](RowInFlight &row,
          function_ref<LogicalResult(Value, Value)> afterChunk)
      -> FailureOr<SmallVector<Value>> {
    SmallVector<Value> results;
    for (auto [loop, reduce] : llvm::enumerate(loops.reductions)) {
      row.loop = loop;
      bool last = loop + 1 == loops.reductions.size();
      FailureOr<SmallVector<Value>> reduced = emitRowReduction(
          build, reduce, loop, row, scratches,
          last ? afterChunk : function_ref<LogicalResult(Value, Value)>());
      if (failed(reduced))
        return failure();
      llvm::append_range(results, *reduced);
    }
    return results;
  };
  auto rowStartOf = [&](Value rowIndex) {
    return b.createOrFold<arith::MulIOp>(loc, rowIndex, emitter.index(cols));
  };
  // Prefetches of the columns [begin, end) of the row after `rowIndex`.
  auto prefetcher = [&](Value rowIndex) {
    SmallVector<Value> next;
    if (!inputs.empty())
      next = nextRowIndices(emitter, rowIndex, rows, loops.rowShape);
    return [&, next](Value chunkBegin, Value chunkEnd) -> LogicalResult {
      if (!inputs.empty())
        emitPrefetches(emitter, next, inputs, chunkBegin, chunkEnd);
      return success();
    };
  };

  // The first row's reductions.
  RowInFlight first{emitter.delinearize(begin, loops.rowShape), slotOf(begin),
                    0};
  emitter.setOverride(readRowScratch(b, scratches, {&first}));
  auto prefetchFirst = prefetcher(begin);
  FailureOr<SmallVector<Value>> firstResults =
      emitReductions(first, prefetchFirst);
  if (failed(firstResults))
    return failure();

  // Each further row's reductions with the outputs of the row before.
  auto rowLoop = b.create<scf::ForOp>(
      loc, b.createOrFold<arith::AddIOp>(loc, begin, emitter.index(1)), end,
      emitter.index(1), *firstResults);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(rowLoop.getBody());
    Value rowIndex = rowLoop.getInductionVar();
    Value previousIndex =
        b.create<arith::SubIOp>(loc, rowIndex, emitter.index(1));
    RowInFlight row{emitter.delinearize(rowIndex, loops.rowShape),
                    slotOf(rowIndex), 0};
    RowInFlight previous{emitter.delinearize(previousIndex, loops.rowShape),
                         slotOf(previousIndex), outputLoop};
    provideResults(previous, rowLoop.getRegionIterArgs());
    emitter.setOverride(readRowScratch(b, scratches, {&row, &previous}));
    Value previousStart = rowStartOf(previousIndex);
    auto prefetch = prefetcher(rowIndex);
    FailureOr<SmallVector<Value>> results = emitReductions(
        row, [&](Value chunkBegin, Value chunkEnd) -> LogicalResult {
          if (failed(emitStreamedColumns(build, roots, previous.indices,
                                         previousStart, chunkBegin, chunkEnd,
                                         aligned)))
            return failure();
          return prefetch(chunkBegin, chunkEnd);
        });
    if (failed(results))
      return failure();
    b.create<scf::YieldOp>(loc, *results);
  }

  // The last row's outputs.
  Value lastIndex = b.create<arith::SubIOp>(loc, end, emitter.index(1));
  RowInFlight last{emitter.delinearize(lastIndex, loops.rowShape),
                   slotOf(lastIndex), outputLoop};
  provideResults(last, rowLoop.getResults());
  emitter.setOverride(readRowScratch(b, scratches, {&last}));
  if (failed(emitStreamedColumns(build, roots, last.indices,
                                 rowStartOf(lastIndex), emitter.index(0),
                                 emitter.index(cols), aligned)))
    return failure();
  emitter.setOverride(nullptr);
  return success();
}

FailureOr<int64_t> emitRowKernel(KernelBuild &build) {
  RowLoops loops = planRowLoops(build);
  int64_t rows = 1;
  for (int64_t size : loops.rowShape)
    rows *= size;
  int64_t numTasks = chooseNumTasks(build.trafficBytes, rows);
  if (rows == 0)
    return numTasks;
  auto [begin, end] = taskRange(build.emitter, build.task(), rows, numTasks);
  // Every task has a row: numTasks is at most rows.
  LogicalResult emitted =
      pipelinesRows(build, loops)
          ? emitPipelinedRows(build, loops, rows, begin, end)
          : emitSequentialRows(build, loops, rows, begin, end);
  if (failed(emitted))
    return failure();
  return numTasks;
}

} // namespace kiln
