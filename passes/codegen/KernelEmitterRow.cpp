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
// cost more than the load (RowScratchPlan.h). Rows of kernels beyond the
// caches prefetch the next row while storing the outputs, which they stream
// (KernelEmitterStream.cpp).
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"
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
/// The row scratch buffers of one kernel, at its entry (so that the stack
/// does not grow per row), each reused once the last loop that reads its
/// value has run: a chain of reductions keeps only a few rows at a time.
class RowScratchBuffers {
public:
  RowScratchBuffers(KernelBuild &build, size_t rowRank)
      : build(build), rowRank(rowRank) {}

  /// Frees the buffers whose values no loop from `loop` on reads; their
  /// values are no longer found in `scratchOf`.
  void release(size_t loop, DenseMap<Value, Value> &scratchOf) {
    for (Buffer &buffer : buffers)
      if (buffer.holder && buffer.lastReader < loop) {
        scratchOf.erase(buffer.holder);
        buffer.holder = nullptr;
      }
  }

  /// A buffer for each value of `kept` that a free buffer or the budget
  /// allows, as (value, buffer) pairs; the later loops recompute the rest.
  SmallVector<std::pair<Value, Value>> acquire(ArrayRef<KeptRowValue> kept,
                                               Location loc) {
    SmallVector<std::pair<Value, Value>> acquired;
    for (const KeptRowValue &value : kept) {
      auto tensor = cast<RankedTensorType>(value.value.getType());
      auto type = MemRefType::get(tensor.getShape().drop_front(rowRank),
                                  storageTypeOf(tensor.getElementType()));
      Buffer *buffer = llvm::find_if(buffers, [&](const Buffer &buffer) {
        return !buffer.holder && buffer.memref.getType() == type;
      });
      if (buffer == buffers.end()) {
        int64_t bytes =
            type.getNumElements() * elementBytes(type.getElementType());
        if (bytes > budgetBytes)
          continue;
        budgetBytes -= bytes;
        OpBuilder &b = build.emitter.getBuilder();
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(&build.kernel.front());
        buffers.push_back({b.create<memref::AllocaOp>(loc, type), {}, 0});
        buffer = &buffers.back();
      }
      buffer->holder = value.value;
      buffer->lastReader = value.lastReader;
      acquired.push_back({value.value, buffer->memref});
    }
    return acquired;
  }

private:
  struct Buffer {
    Value memref;
    /// The value it holds; null when free.
    Value holder;
    size_t lastReader;
  };
  KernelBuild &build;
  size_t rowRank;
  SmallVector<Buffer> buffers;
  int64_t budgetBytes = kMaxRowScratchBytes;
};
} // namespace

/// Emits the loop of one row reduction at the insertion point and records
/// its results as the elements at `rowIndices`. Each (value, buffer) of
/// `scratches` is stored on the way and read back by later loops through
/// `scratchOf` (softmax's exp(x - max) is computed once per element).
static LogicalResult
emitRowReduction(KernelBuild &build, hlo::ReduceOp reduce,
                 ArrayRef<Value> rowIndices,
                 ArrayRef<std::pair<Value, Value>> scratches,
                 DenseMap<Value, Value> &scratchOf) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = reduce.getLoc();
  ArrayRef<int64_t> trailing =
      cast<RankedTensorType>(reduce.getInputs()[0].getType())
          .getShape()
          .drop_front(rowIndices.size());

  SmallVector<Value> inits;
  for (Value init : reduce.getInitValues()) {
    FailureOr<Value> scalar = emitter.emitElement(init, {});
    if (failed(scalar))
      return failure();
    inits.push_back(*scalar);
  }
  FailureOr<SmallVector<Value>> results = emitter.buildLoopNest(
      loc, trailing, inits,
      [&](ValueRange inner,
          ValueRange accumulators) -> FailureOr<SmallVector<Value>> {
        SmallVector<Value> indices(rowIndices);
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
        for (auto [value, scratch] : scratches) {
          FailureOr<Value> element = emitter.emitElement(value, indices);
          if (failed(element))
            return failure();
          b.create<memref::StoreOp>(loc, *element, scratch, inner);
        }
        return emitter.emitCombiner(reduce, args, /*reassociate=*/true);
      });
  if (failed(results))
    return failure();
  for (auto [result, scalar] : llvm::zip_equal(reduce.getResults(), *results))
    emitter.provideElement(result, rowIndices, scalar);
  for (auto [value, scratch] : scratches)
    scratchOf[value] = scratch;
  return success();
}

/// Rows bigger than the caches stream from memory: while a row's outputs
/// are computed (from cache), the next row of each row-shaped input is
/// prefetched, so that memory stays busy during the compute phases.
constexpr int64_t kPrefetchMinBytes = 16 * 1024 * 1024;
/// Output elements computed between two bursts of prefetches.
constexpr int64_t kPrefetchChunk = 256;
/// Elements per cache line (f32).
constexpr int64_t kLineElements = 16;

/// The kernel arguments read row by row with `trailing` as the row's shape,
/// if the kernel is big enough to prefetch; none otherwise.
static SmallVector<Value> prefetchedInputs(KernelBuild &build,
                                           ArrayRef<int64_t> rowShape,
                                           ArrayRef<int64_t> trailing) {
  SmallVector<Value> inputs;
  if (build.trafficBytes < kPrefetchMinBytes || trailing.size() != 1 ||
      trailing.front() < 2 * kPrefetchChunk)
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
  OpBuilder &b = emitter.getBuilder();
  Location loc = row.getLoc();
  SmallVector<Value> nextIndices = nextRowIndices(emitter, row, rows, rowShape);
  auto chunks = b.create<scf::ForOp>(loc, emitter.index(0), emitter.index(cols),
                                     emitter.index(kPrefetchChunk));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(chunks.getBody());
  Value begin = chunks.getInductionVar();
  Value end = b.create<arith::MinUIOp>(
      loc, b.create<arith::AddIOp>(loc, begin, emitter.index(kPrefetchChunk)),
      emitter.index(cols));
  auto inner = b.create<scf::ForOp>(loc, begin, end, emitter.index(1));
  {
    OpBuilder::InsertionGuard innerGuard(b);
    b.setInsertionPointToStart(inner.getBody());
    if (failed(emitRoots(inner.getInductionVar())))
      return failure();
  }
  emitPrefetches(emitter, nextIndices, inputs, begin, end);
  return success();
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

FailureOr<int64_t> emitRowKernel(KernelBuild &build) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Block &body = build.fusion.getBody().front();
  SmallVector<hlo::ReduceOp> reductions(body.getOps<hlo::ReduceOp>());
  SmallVector<int64_t> rowShape(rowShapeOf(reductions.front()));
  int64_t rows = 1;
  for (int64_t size : rowShape)
    rows *= size;
  int64_t numTasks = chooseNumTasks(build.trafficBytes, rows);
  if (rows == 0)
    return numTasks;

  Location loc = build.fusion.getLoc();
  auto [begin, end] = taskRange(emitter, build.task(), rows, numTasks);
  auto rowLoop = b.create<scf::ForOp>(loc, begin, end, emitter.index(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(rowLoop.getBody());
  SmallVector<Value> rowIndices =
      emitter.delinearize(rowLoop.getInductionVar(), rowShape);

  // The reductions of the row, each a loop at row level, in dependency
  // order; later phases find their results among the emitted elements
  // (broadcasts along the row reuse the row indices).
  DenseMap<Value, Value> scratchOf;
  emitter.setOverride([&](Value value, ValueRange indices) -> Value {
    Value scratch = scratchOf.lookup(value);
    if (!scratch ||
        !llvm::equal(indices.take_front(rowIndices.size()), rowIndices))
      return {};
    return b.create<memref::LoadOp>(value.getLoc(), scratch,
                                    indices.drop_front(rowIndices.size()));
  });
  // The outputs, one loop nest per trailing shape, after the reductions.
  SmallVector<std::pair<SmallVector<int64_t>, SmallVector<Value>>> groups;
  for (Value root : build.roots()) {
    ArrayRef<int64_t> trailing = cast<RankedTensorType>(root.getType())
                                     .getShape()
                                     .drop_front(rowShape.size());
    auto it = llvm::find_if(groups, [&](auto &group) {
      return ArrayRef<int64_t>(group.first) == trailing;
    });
    if (it == groups.end())
      groups.push_back({SmallVector<int64_t>(trailing), {root}});
    else
      it->second.push_back(root);
  }
  SmallVector<SmallVector<Value>> loopRoots;
  for (hlo::ReduceOp reduce : reductions)
    loopRoots.push_back(SmallVector<Value>(reduce.getInputs()));
  for (auto &group : groups)
    loopRoots.push_back(group.second);
  SmallVector<SmallVector<KeptRowValue>> kept =
      planRowScratch(loopRoots, reductions.size(), rowShape);

  RowScratchBuffers buffers(build, rowShape.size());
  for (auto [loop, reduce] : llvm::enumerate(reductions)) {
    buffers.release(loop, scratchOf);
    if (failed(emitRowReduction(build, reduce, rowIndices,
                                buffers.acquire(kept[loop], reduce.getLoc()),
                                scratchOf)))
      return failure();
  }

  for (auto &group : groups) {
    ArrayRef<int64_t> trailing = group.first;
    ArrayRef<Value> roots = group.second;
    auto emitRoots = [&](ValueRange inner) -> FailureOr<SmallVector<Value>> {
      SmallVector<Value> indices(rowIndices);
      llvm::append_range(indices, inner);
      if (failed(build.storeRoots(roots, indices)))
        return failure();
      return SmallVector<Value>{};
    };
    SmallVector<Value> rowInputs = prefetchedInputs(build, rowShape, trailing);
    bool streamed = streamsOutputs(build) && trailing.size() == 1;
    // Measured on softmax [8192, 4096], 1 thread: with ordinary stores and
    // the row in scratch, the prefetches slow the output loop down (40 ms
    // against 34); with streaming stores they speed it up (17.6 ms against
    // 19.8). Layer norm, which reads its input again, gains either way.
    if (!scratchOf.empty() && !streamed)
      rowInputs.clear();
    if (streamed) {
      if (failed(emitStreamedOutputs(build, roots, rowLoop.getInductionVar(),
                                     rows, rowShape, rowIndices,
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
    if (failed(emitOutputsWithPrefetch(build, rowLoop.getInductionVar(), rows,
                                       rowShape, trailing.front(), rowInputs,
                                       emitRoots)))
      return failure();
  }
  emitter.setOverride(nullptr);
  return numTasks;
}

} // namespace kiln
