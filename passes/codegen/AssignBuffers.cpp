//===- AssignBuffers.cpp - Intermediates into the per-call arena ------===//
//
// Kiln's calling convention gives each call its own scratch arena, so that
// concurrent calls never share memory and no call mallocs. After kernel
// outlining, every `memref.alloc` of the graph function becomes a
// `memref.view` at a fixed offset of an arena argument; buffers whose last
// use has passed give their bytes back (liveness over program order).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/hlo/BufferSize.h"
#include "dialects/hlo/KilnAttributes.h"
#include "runtime/KilnRuntime.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <limits>
#include <map>
#include <tuple>

#define DEBUG_TYPE "kiln-assign-buffers"

namespace kiln {
#define GEN_PASS_DEF_ASSIGNBUFFERS
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

/// Arena offsets are multiples of the arena's alignment, which the calling
/// convention promises (runtime/KilnRuntime.h).
constexpr int64_t kArenaAlignment = KILN_ARENA_ALIGNMENT;

struct Buffer {
  memref::AllocOp alloc;
  int64_t bytes = 0;
  int64_t firstUse = 0; // Index of the first top-level op that touches it.
  int64_t lastUse = 0;  // Index of the last top-level op that touches it.
  int64_t offset = 0;
};

static int64_t alignUp(int64_t value) {
  return (value + kArenaAlignment - 1) / kArenaAlignment * kArenaAlignment;
}

/// The indices, in `body`, of the first and last top-level ops that use
/// `root` directly or through views of it; where `root` is defined when
/// nothing uses it. Allocations may all sit at the top of the function, so
/// a buffer's life starts at its first use, not at its allocation.
static std::pair<int64_t, int64_t>
useRange(Value root, Block &body, const DenseMap<Operation *, int64_t> &index) {
  int64_t defined =
      index.lookup(body.findAncestorOpInBlock(*root.getDefiningOp()));
  int64_t first = std::numeric_limits<int64_t>::max(), last = defined;
  SmallVector<Value> worklist{root};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (Operation *user : value.getUsers()) {
      // Deallocations are dropped: the arena is freed as a whole.
      if (isa<memref::DeallocOp>(user))
        continue;
      if (isa<ViewLikeOpInterface>(user)) {
        llvm::append_range(worklist, user->getResults());
        continue;
      }
      if (Operation *top = body.findAncestorOpInBlock(*user)) {
        first = std::min(first, index.lookup(top));
        last = std::max(last, index.lookup(top));
      }
    }
  }
  return {std::min(first, last), last};
}

/// The most aligned bytes live at once over program order: no placement
/// can use a smaller arena.
static int64_t livenessBound(ArrayRef<Buffer> buffers) {
  std::map<int64_t, int64_t> delta; // program index -> change in live bytes
  for (const Buffer &buffer : buffers) {
    delta[buffer.firstUse] += alignUp(buffer.bytes);
    delta[buffer.lastUse + 1] -= alignUp(buffer.bytes);
  }
  int64_t live = 0, peak = 0;
  for (auto [position, change] : delta) {
    live += change;
    peak = std::max(peak, live);
  }
  return peak;
}

/// Greedy-by-size placement (as TFLite's arena planner does): the largest
/// buffers are placed first, each at the lowest offset that does not overlap
/// a placed buffer whose lifetime intersects its own. Placing large buffers
/// first keeps small ones from fragmenting the space the large ones need.
static int64_t planArena(MutableArrayRef<Buffer> buffers) {
  SmallVector<Buffer *> order;
  for (Buffer &buffer : buffers)
    order.push_back(&buffer);
  llvm::sort(order, [](const Buffer *a, const Buffer *b) {
    return std::make_tuple(-alignUp(a->bytes), a->firstUse, a->lastUse) <
           std::make_tuple(-alignUp(b->bytes), b->firstUse, b->lastUse);
  });
  SmallVector<Buffer *> placed;
  int64_t arenaSize = 0;
  for (Buffer *buffer : order) {
    SmallVector<std::pair<int64_t, int64_t>> taken; // [begin, end)
    for (Buffer *other : placed)
      if (other->firstUse <= buffer->lastUse &&
          buffer->firstUse <= other->lastUse)
        taken.push_back({other->offset, other->offset + alignUp(other->bytes)});
    llvm::sort(taken);
    int64_t offset = 0;
    for (auto [begin, end] : taken) {
      if (offset + alignUp(buffer->bytes) <= begin)
        break;
      offset = std::max(offset, end);
    }
    buffer->offset = offset;
    placed.push_back(buffer);
    arenaSize = std::max(arenaSize, offset + alignUp(buffer->bytes));
  }
  return arenaSize;
}

struct AssignBuffersPass final
    : kiln::impl::AssignBuffersBase<AssignBuffersPass> {
  void runOnOperation() override {
    // Only the graph function gets an arena; kernels allocate nothing.
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal() || !func.isPublic())
        continue;
      if (failed(assign(func)))
        return signalPassFailure();
    }
  }

  LogicalResult assign(func::FuncOp func) {
    if (!llvm::hasSingleElement(func.getBody()))
      return func.emitError("buffer assignment expects a single-block body");
    Block &body = func.getBody().front();
    DenseMap<Operation *, int64_t> index;
    for (auto [i, op] : llvm::enumerate(body))
      index[&op] = i;

    SmallVector<Buffer> buffers;
    WalkResult walk = func.walk([&](memref::AllocOp alloc) {
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
          !type.getElementType().isIntOrFloat()) {
        alloc.emitError() << "cannot place buffer of type " << type
                          << " in the arena: it needs a static shape, "
                             "identity layout and scalar elements";
        return WalkResult::interrupt();
      }
      if (alloc->getBlock() != &body) {
        alloc.emitError("cannot place an allocation made inside a loop or "
                        "region in the arena");
        return WalkResult::interrupt();
      }
      Buffer buffer;
      buffer.alloc = alloc;
      buffer.bytes = kiln::bufferBytes(type);
      std::tie(buffer.firstUse, buffer.lastUse) = useRange(alloc, body, index);
      buffers.push_back(buffer);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return failure();

    int64_t arenaSize = planArena(buffers);
    MLIRContext *ctx = func.getContext();
    auto arenaType =
        MemRefType::get({std::max<int64_t>(arenaSize, kArenaAlignment)},
                        IntegerType::get(ctx, 8));
    func.insertArgument(func.getNumArguments(), arenaType,
                        DictionaryAttr::get(ctx), func.getLoc());
    Value arena = func.getArguments().back();

    for (Buffer &buffer : buffers) {
      OpBuilder builder(buffer.alloc);
      Location loc = buffer.alloc.getLoc();
      Value offset = builder.create<arith::ConstantIndexOp>(loc, buffer.offset);
      Value view = builder.create<memref::ViewOp>(loc, buffer.alloc.getType(),
                                                  arena, offset, ValueRange{});
      buffer.alloc.replaceAllUsesWith(view);
      buffer.alloc.erase();
    }
    // The arena outlives the call's buffers; nothing is freed one by one.
    func.walk([](memref::DeallocOp dealloc) { dealloc.erase(); });
    func->setAttr(kiln::attr::kArenaSize,
                  IntegerAttr::get(IntegerType::get(ctx, 64), arenaSize));
    func->setAttr(
        kiln::attr::kArenaLivenessBound,
        IntegerAttr::get(IntegerType::get(ctx, 64), livenessBound(buffers)));
    return success();
  }
};

} // namespace
