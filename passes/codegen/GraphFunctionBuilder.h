//===- GraphFunctionBuilder.h - The graph function in buffer form -*- C++
//-*-===//
//
// Used by kiln-outline-kernels: the graph function's body, with a launch per
// fusion and the control flow of hlo.while, hlo.if and hlo.case around the
// launches (GraphFunctionBuilder.cpp says how).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_GRAPHFUNCTIONBUILDER_H
#define KILN_PASSES_CODEGEN_GRAPHFUNCTIONBUILDER_H

#include "dialects/hlo/HloDialect.h"
#include "passes/codegen/TiledContraction.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <functional>

namespace kiln {

/// The buffer of a tensor. An empty tensor's buffer is `memref<0xT>`
/// whatever its shape: nothing reads or writes it (kiln-fold-empty-tensors
/// leaves no kernel an empty operand), and MLIR's bare-pointer calling
/// convention refuses a shape like 3x0, whose strides are not canonical.
mlir::MemRefType memrefTypeOf(mlir::Type tensorType);

class GraphFunctionBuilder {
public:
  /// Emits (or finds) the kernel of `fusion` and declares its launch,
  /// numbered `id`.
  using DeclareLaunch = std::function<mlir::FailureOr<mlir::func::FuncOp>(
      hlo::FusionOp fusion, int64_t id)>;

  /// `context` is the graph function's context argument, which every
  /// launch takes last.
  GraphFunctionBuilder(mlir::Value context, DeclareLaunch declareLaunch);

  /// Makes `buffer` hold `value`: a graph argument, or a result written
  /// straight into its output buffer.
  void setBuffer(mlir::Value value, mlir::Value buffer) {
    buffers[value] = buffer;
  }

  /// Which fusions pack a graph input their calls may keep packed.
  using MatchPackedWeights =
      std::function<std::optional<PackedWeights>(hlo::FusionOp fusion)>;
  /// Gives the launch of each fusion that `match` accepts two views of
  /// `cache`, the graph function's weights cache argument
  /// (runtime/KilnRuntime.h): its state, and the fusion's own slot, the
  /// slots one after another past the header.
  void cacheWeights(mlir::Value cache, MatchPackedWeights match) {
    weightsCache = cache;
    matchPackedWeights = std::move(match);
  }
  /// Bytes of the weights cache the launches emitted so far need.
  int64_t weightsCacheBytes() const { return cacheBytes; }
  /// The graph inputs their slots hold packed, in launch order.
  llvm::ArrayRef<int64_t> packedInputs() const { return packedArguments; }

  /// Emits at `builder` the launches and control flow of `block`'s ops
  /// (fusions and control flow only; its terminator is the caller's).
  mlir::LogicalResult emitBlock(mlir::Block &block, mlir::OpBuilder &builder);

private:
  mlir::LogicalResult emitLaunch(hlo::FusionOp fusion,
                                 mlir::OpBuilder &builder);
  /// Calls `launch` with `args` so that a call without the weights cache
  /// packs the panels once into a slot of its own (a kernel whose tiles
  /// would each pack them again, PackedWeights::packsPerPanel), then reads
  /// them: on one thread (KILN_WEIGHTS_PACK_ONCE), and with
  /// `onEveryThreadCount` on several too (KILN_WEIGHTS_PACK_EACH_CALL);
  /// with the cache, as it is.
  void emitPackedOnce(mlir::func::FuncOp launch,
                      llvm::ArrayRef<mlir::Value> args,
                      mlir::OpBuilder &builder, bool onEveryThreadCount);
  mlir::LogicalResult emitWhile(hlo::WhileOp loop, mlir::OpBuilder &builder);
  mlir::LogicalResult emitIf(hlo::IfOp op, mlir::OpBuilder &builder);
  mlir::LogicalResult emitCase(hlo::CaseOp op, mlir::OpBuilder &builder);
  /// Emits `branch` (a block of an if or case) at `builder` and copies what
  /// it returns into the buffers of `op`'s results.
  mlir::LogicalResult emitBranch(mlir::Operation *op, mlir::Block &branch,
                                 mlir::OpBuilder &builder);
  /// Runs `emit`, which fills the regions of `scfOp`; allocations made
  /// meanwhile go before the outermost such op.
  mlir::LogicalResult
  inControlFlow(mlir::Operation *scfOp,
                llvm::function_ref<mlir::LogicalResult()> emit);

  /// A new buffer of `type`, allocated at `builder` in the function's body,
  /// or before the outermost control-flow op when `builder` is inside one.
  mlir::Value allocate(mlir::OpBuilder &builder, mlir::Location loc,
                       mlir::MemRefType type);
  /// The buffer that holds `value`, allocated on first request.
  mlir::Value bufferOf(mlir::Value value, mlir::OpBuilder &builder);
  /// Copies buffer `from` into buffer `to` (of one tensor type).
  static void copyBuffer(mlir::OpBuilder &builder, mlir::Location loc,
                         mlir::Value from, mlir::Value to);
  /// The i1 in the rank-0 buffer of `value`.
  mlir::Value loadFlag(mlir::OpBuilder &builder, mlir::Location loc,
                       mlir::Value value);

  /// Appends to `args` the views of the weights cache that a launch of a
  /// fusion packing `packed` takes.
  void appendWeightsCache(const PackedWeights &packed, mlir::Location loc,
                          mlir::OpBuilder &builder,
                          llvm::SmallVectorImpl<mlir::Value> &args);

  mlir::Value context;
  DeclareLaunch declareLaunch;
  mlir::Value weightsCache;
  MatchPackedWeights matchPackedWeights;
  int64_t cacheBytes = 0;
  llvm::SmallVector<int64_t> packedArguments;
  /// The buffer of each value emitted so far.
  llvm::DenseMap<mlir::Value, mlir::Value> buffers;
  /// The id of the next launch.
  int64_t kernelId = 0;
  /// The scf op the allocations of its regions go before; null outside.
  mlir::Operation *outermostControlFlow = nullptr;
};

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_GRAPHFUNCTIONBUILDER_H
