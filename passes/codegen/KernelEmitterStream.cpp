//===- KernelEmitterStream.cpp - Streaming stores of outputs beyond caches ===//
//
// A kernel whose outputs are much larger than the caches gains nothing from
// caching them, and an ordinary store first reads each destination line
// (write-allocate): a third of softmax's memory traffic. Such kernels write
// their 32-bit outputs with nontemporal (streaming) stores instead.
//
// The elemental emitter produces scalars, and LLVM 19 vectorizes a loop with
// `!nontemporal` scalar stores only if a vector store of the scalar's
// alignment is a legal nontemporal store, which it is not. So the columns of
// a row are computed in chunks into a small aligned stack buffer (in L1,
// vectorized as usual), and each chunk is copied to the output with 64-byte
// aligned `llvm.store ... {nontemporal}` of whole vectors. The vector stores
// are LLVM dialect ops on pointers taken from the memrefs: MLIR 19's
// vector.store lowers with the element's alignment, which X86 would split
// into scalar nontemporal stores. Columns before the first and after the
// last whole line of a range are stored the ordinary way; so are, where an
// output starts off a cache line (buffers need only their elements'
// alignment, C ABI, see runtime/KilnRuntime.h), each chunk's first and last
// elements that share a line with the chunk before or after: the chunks
// keep their 16-element grid from the output's start, so that their loops
// keep the trip counts LLVM vectorizes without remainders (the elementwise
// chain took 1.12 of the time with chunks cut from lines found at run time).
//
// Nontemporal stores are weakly ordered. Every task that streams ends with
// a seq_cst fence, so its stores are visible before the pool learns that the
// task is done, whatever the runtime's handoff looks like (on x86 its locked
// read-modify-write already orders them; the C++ memory model, which the
// runtime is written against, does not cover nontemporal stores).
//
//===----------------------------------------------------------------------===//

#include "passes/codegen/KernelEmitter.h"
#include "passes/codegen/ScalarSemantics.h"

#include "dialects/hlo/BufferSize.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln {

/// Outputs this large stream: about the size of the last-level cache (32 MiB
/// on the machines Kiln is measured on), beyond which a consumer kernel finds
/// few of the output's lines in cache anyway.
constexpr int64_t kStreamMinOutputBytes = 32 * 1024 * 1024;
/// Bytes of one vector store: a cache line.
constexpr int64_t kVectorBytes = 64;
/// Elements computed into the stack chunk between two runs of stores.
constexpr int64_t kChunkElements = 256;

/// Whether the root's elements can be streamed: 32-bit elements, 16 to a
/// cache line (i1 is stored as bytes and stays with ordinary stores).
static bool isStreamable(Value root) {
  Type element = cast<RankedTensorType>(root.getType()).getElementType();
  return element.isIntOrFloat() && element.getIntOrFloatBitWidth() == 32;
}

static_assert(kStreamLanes * 4 == kVectorBytes, "a line of 32-bit elements");

bool streamsOutputs(KernelBuild &build) {
  int64_t outputBytes = 0;
  for (Value result : build.fusion.getResults()) {
    auto type = cast<RankedTensorType>(result.getType());
    outputBytes += kiln::bufferBytes(type);
  }
  return outputBytes >= kStreamMinOutputBytes;
}

/// `memref`'s start as an address and as an `!llvm.ptr`, built at the
/// kernel's entry.
struct BasePointer {
  Value address, pointer;
};
static BasePointer basePointer(KernelBuild &build, Value memref) {
  OpBuilder &b = build.emitter.getBuilder();
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointAfterValue(memref);
  if (isa<BlockArgument>(memref))
    b.setInsertionPointToStart(&build.kernel.front());
  Location loc = memref.getLoc();
  Value address = b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, memref);
  Value integer =
      b.create<arith::IndexCastOp>(loc, b.getI64Type(), address).getResult();
  return {address,
          b.create<LLVM::IntToPtrOp>(
              loc, LLVM::LLVMPointerType::get(b.getContext()), integer)};
}

/// An output's start: a pointer to it, and its 32-bit elements before the
/// next cache line, (-address mod 64) / 4 (0 where it starts on one; its
/// elements are 4-byte aligned).
struct OutputStart {
  Value pointer, lead;
};
static OutputStart outputStart(KernelBuild &build, Value memref) {
  OpBuilder &b = build.emitter.getBuilder();
  BasePointer base = basePointer(build, memref);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointAfterValue(base.pointer);
  Location loc = memref.getLoc();
  Value line = b.create<arith::ConstantIndexOp>(loc, kVectorBytes);
  Value toLine = b.create<arith::RemUIOp>(
      loc,
      b.create<arith::SubIOp>(
          loc, line, b.create<arith::RemUIOp>(loc, base.address, line)),
      line);
  Value lead = b.create<arith::DivUIOp>(
      loc, toLine,
      b.create<arith::ConstantIndexOp>(loc, kVectorBytes / kStreamLanes));
  return {base.pointer, lead};
}

/// `base` advanced by `offset` elements of `elementType`.
static Value elementPointer(OpBuilder &b, Location loc, Value base,
                            Type elementType, Value offset) {
  Value offset64 = b.create<arith::IndexCastOp>(loc, b.getI64Type(), offset);
  return b.create<LLVM::GEPOp>(loc, base.getType(), elementType, base,
                               ValueRange{offset64});
}

/// Index arithmetic that folds where its operands are constants.
static Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return b.createOrFold<arith::AddIOp>(loc, x, y);
}
static Value sub(OpBuilder &b, Location loc, Value x, Value y) {
  return b.createOrFold<arith::SubIOp>(loc, x, y);
}

LogicalResult
emitStreamedColumns(KernelBuild &build, ArrayRef<Value> roots,
                    ValueRange rowIndices, Value rowStart, Value colBegin,
                    Value colEnd, bool aligned,
                    function_ref<void(Value begin, Value end)> afterChunk) {
  ElementalEmitter &emitter = build.emitter;
  OpBuilder &b = emitter.getBuilder();
  Location loc = roots.front().getLoc();

  auto indicesAt = [&](Value col) {
    SmallVector<Value> indices(rowIndices);
    indices.push_back(col);
    return indices;
  };
  // Columns [begin, end) with ordinary stores, for the unaligned ends.
  auto emitPlain = [&](Value begin, Value end) -> LogicalResult {
    auto loop = b.create<scf::ForOp>(loc, begin, end, emitter.index(1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    return build.storeRoots(roots, indicesAt(loop.getInductionVar()));
  };

  // A chunk buffer and the outputs' starts per streamed root.
  struct Stream {
    Value chunk;
    Value chunkPointer;
    SmallVector<OutputStart> outputs;
  };
  DenseMap<Value, Stream> streams;
  Operation *terminator = build.fusion.getBody().front().getTerminator();
  for (Value root : roots) {
    if (!isStreamable(root))
      continue;
    Stream &stream = streams[root];
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&build.kernel.front());
      auto type = cast<RankedTensorType>(root.getType());
      stream.chunk = b.create<memref::AllocaOp>(
          loc,
          MemRefType::get({kChunkElements},
                          storageTypeOf(type.getElementType())),
          b.getI64IntegerAttr(kVectorBytes));
    }
    stream.chunkPointer = basePointer(build, stream.chunk).pointer;
    for (auto [i, returned] : llvm::enumerate(terminator->getOperands()))
      if (returned == root)
        stream.outputs.push_back(outputStart(build, build.output(i)));
  }
  if (streams.empty())
    return emitPlain(colBegin, colEnd);
  build.streamed = true;

  // [alignedBegin, alignedEnd): the range's whole groups of 16 elements from
  // the outputs' starts, in their flat element space (their whole cache
  // lines where they start on one).
  Value alignedBegin = colBegin, alignedEnd = colEnd;
  if (!aligned) {
    Value lanes = emitter.index(kStreamLanes);
    Value flatBegin = add(b, loc, rowStart, colBegin);
    Value flatEnd = add(b, loc, rowStart, colEnd);
    Value up = b.create<arith::MulIOp>(
        loc,
        b.create<arith::DivUIOp>(
            loc, add(b, loc, flatBegin, emitter.index(kStreamLanes - 1)),
            lanes),
        lanes);
    Value down = b.create<arith::MulIOp>(
        loc, b.create<arith::DivUIOp>(loc, flatEnd, lanes), lanes);
    // Signed: a short row may hold no whole line, down < rowStart.
    alignedBegin =
        b.create<arith::MinSIOp>(loc, sub(b, loc, up, rowStart), colEnd);
    alignedEnd = b.create<arith::MaxSIOp>(loc, sub(b, loc, down, rowStart),
                                          alignedBegin);
    if (failed(emitPlain(colBegin, alignedBegin)))
      return failure();
  }

  auto chunks = b.create<scf::ForOp>(loc, alignedBegin, alignedEnd,
                                     emitter.index(kChunkElements));
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(chunks.getBody());
    Value begin = chunks.getInductionVar();
    Value end = b.create<arith::MinUIOp>(
        loc, add(b, loc, begin, emitter.index(kChunkElements)), alignedEnd);
    // The chunk's elements: streamed roots into their chunk buffers.
    auto compute = b.create<scf::ForOp>(loc, begin, end, emitter.index(1));
    {
      OpBuilder::InsertionGuard computeGuard(b);
      b.setInsertionPointToStart(compute.getBody());
      Value col = compute.getInductionVar();
      SmallVector<Value> indices = indicesAt(col);
      for (Value root : roots) {
        FailureOr<Value> element = emitter.emitElement(root, indices);
        if (failed(element))
          return failure();
        auto it = streams.find(root);
        if (it == streams.end()) {
          build.storeRoot(root, *element, indices);
          continue;
        }
        b.create<memref::StoreOp>(loc, *element, it->second.chunk,
                                  ValueRange{sub(b, loc, col, begin)});
      }
    }
    // The chunk to each output, a cache line per store: the chunk's
    // elements [lead, lead + whole lines) of an output whose lines start
    // `lead` elements on, those before and after it one at a time.
    Value chunkStart = add(b, loc, rowStart, begin);
    Value count = sub(b, loc, end, begin);
    for (Value root : roots) {
      auto it = streams.find(root);
      if (it == streams.end())
        continue;
      Type elementType = storageTypeOf(
          cast<RankedTensorType>(root.getType()).getElementType());
      auto vectorType = VectorType::get({kStreamLanes}, elementType);
      auto copy = [&](Value output, Value offset, Type type, int64_t align,
                      bool nonTemporal) {
        Value value = b.create<LLVM::LoadOp>(
            loc, type,
            elementPointer(b, loc, it->second.chunkPointer, elementType,
                           offset),
            /*alignment=*/4);
        b.create<LLVM::StoreOp>(loc, value,
                                elementPointer(b, loc, output, elementType,
                                               add(b, loc, chunkStart, offset)),
                                align, /*isVolatile=*/false, nonTemporal);
      };
      for (const OutputStart &output : it->second.outputs) {
        auto copyLines = [&](Value from, Value to) {
          forLoop(b, loc, from, to, emitter.index(kStreamLanes),
                  [&](Value offset) {
                    copy(output.pointer, offset, vectorType, kVectorBytes,
                         /*nonTemporal=*/true);
                  });
        };
        // An output on a line takes the chunk's whole lines in a loop of
        // the chunk's trip count alone (without this branch, softmax [8192,
        // 4096] took 1.06-1.10 of the time on a line).
        auto onLine = b.create<scf::IfOp>(
            loc,
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, output.lead,
                                    emitter.index(0)),
            /*withElse=*/true);
        OpBuilder::InsertionGuard ifGuard(b);
        b.setInsertionPointToStart(&onLine.getThenRegion().front());
        copyLines(emitter.index(0), count);
        b.setInsertionPointToStart(&onLine.getElseRegion().front());
        Value linesEnd = add(
            b, loc, output.lead,
            b.create<arith::MulIOp>(
                loc,
                b.create<arith::DivUIOp>(loc, sub(b, loc, count, output.lead),
                                         emitter.index(kStreamLanes)),
                emitter.index(kStreamLanes)));
        auto copyElement = [&](Value offset) {
          copy(output.pointer, offset, elementType, 4, /*nonTemporal=*/false);
        };
        forLoop(b, loc, emitter.index(0), output.lead, emitter.index(1),
                copyElement);
        copyLines(output.lead, linesEnd);
        forLoop(b, loc, linesEnd, count, emitter.index(1), copyElement);
      }
    }
    if (afterChunk)
      afterChunk(begin, end);
  }

  if (!aligned && failed(emitPlain(alignedEnd, colEnd)))
    return failure();
  return success();
}

} // namespace kiln
