//===- KernelEmitter.h - Loop structures of Kiln's fused kernels -*- C++
//-*-===//
//
// A kernel computes task `%task` of N tasks of one fusion: the tasks split
// the kernel's outer loop into N nearly equal ranges fixed at compile time,
// so results never depend on the thread count. Each fusion kind has its loop
// structure (XLA's loop emitters); all of them produce elements through the
// ElementalEmitter.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_KERNELEMITTER_H
#define KILN_PASSES_CODEGEN_KERNELEMITTER_H

#include "dialects/hlo/HloDialect.h"
#include "passes/codegen/ElementalEmitter.h"
#include "passes/codegen/TargetDescription.h"

namespace kiln {

/// What a kernel structure needs to fill one kernel function.
struct KernelBuild {
  hlo::FusionOp fusion;
  /// func.func (inputs..., outputs..., [scratch,] task: index) with an entry
  /// block whose insertion point is set in `emitter`'s builder.
  mlir::func::FuncOp kernel;
  ElementalEmitter &emitter;
  /// Bytes of the fusion's inputs plus outputs.
  int64_t trafficBytes;
  /// The machine the kernel's tiles are sized for.
  const TargetDescription &target;
  /// Set once the kernel has nontemporal stores: its task then ends with a
  /// fence.
  bool streamed = false;
  /// Bytes of the panels that the graph's contractions read packed before
  /// the call, in all (prepackedPanelBytes).
  int64_t graphPanelBytes = 0;

  mlir::Value task() { return kernel.getArguments().back(); }
  /// The memref the fusion's result `i` is stored to.
  mlir::Value output(unsigned i) {
    return kernel.getArgument(fusion.getInputs().size() + i);
  }
  /// The scratch buffer, after the outputs (see kernelScratchType).
  mlir::Value scratch() {
    return kernel.getArgument(fusion.getInputs().size() +
                              fusion.getNumResults());
  }
  /// Where matchPackedWeights holds, the two arguments before the task:
  /// the weights cache's state (memref<1xi32>, a kiln_weights_state) and
  /// this kernel's panels in the cache.
  mlir::Value weightsState() {
    return kernel.getArgument(kernel.getNumArguments() - 3);
  }
  mlir::Value weightsSlot() {
    return kernel.getArgument(kernel.getNumArguments() - 2);
  }
  /// The fusion's roots: the distinct values its body returns.
  llvm::SmallVector<mlir::Value> roots();
  /// Stores `element`, the element of `root` at `indices`, to every output
  /// that returns `root`: `at` of result i's `views[i]` where views are
  /// given (flat views of the outputs), else `indices` of the output.
  void storeRoot(mlir::Value root, mlir::Value element,
                 mlir::ValueRange indices,
                 llvm::ArrayRef<mlir::Value> views = {},
                 mlir::ValueRange at = {});
  /// Computes the element of each of `roots` at `indices` and stores it
  /// (to `at` of the `views`, where given: storeRoot); fails where an op
  /// cannot be emitted.
  mlir::LogicalResult storeRoots(llvm::ArrayRef<mlir::Value> roots,
                                 mlir::ValueRange indices,
                                 llvm::ArrayRef<mlir::Value> views = {},
                                 mlir::ValueRange at = {});
};

/// The op that defines every value the fusion returns, if there is one
/// (a scatter, select_and_scatter or sort kernel's op).
mlir::Operation *soleRootOp(hlo::FusionOp fusion);

/// The number of tasks for a kernel moving `costBytes` (traffic plus an
/// estimate of compute) whose outer loop has `units` iterations: about
/// 128 KiB per task, at most 64, at most `units`, at least 1.
int64_t chooseNumTasks(int64_t costBytes, int64_t units);

/// The estimated cost of a fusion in bytes: its traffic plus 4 bytes per
/// multiply-add of its contractions and windowed reductions.
int64_t estimateCost(hlo::FusionOp fusion, int64_t trafficBytes);

/// Whether the kernel can read all of `value` in place, from memory
/// (ElementalEmitter::memrefOf): a kernel argument, or a constant such as a
/// model's weights, a splat one stored in full. A 1x1 convolution whose
/// kernel was a splat, emitted as a scalar, took the elemental loop, 40x
/// slower than with any other constant kernel.
bool isInMemory(mlir::Value value);
/// Whether `value` is in memory with elements of its own: a kernel argument
/// or a constant other than a splat. What a kernel packs, it packs from a
/// splat's scalar rather than store the splat in full for that.
bool holdsElements(mlir::Value value);
/// The elements of `value` where it is a constant that the kernel reads
/// from memory (not a splat), else null.
mlir::DenseElementsAttr storedConstant(mlir::Value value);
/// The values of an f32 storedConstant, as they lie in the attribute.
inline llvm::ArrayRef<float> storedFloats(mlir::DenseElementsAttr elements) {
  llvm::ArrayRef<char> raw = elements.getRawData();
  return {reinterpret_cast<const float *>(raw.data()),
          raw.size() / sizeof(float)};
}

/// The one dot_general or convolution of the fusion, if every value the
/// fusion returns has its shape.
mlir::Operation *soleContraction(hlo::FusionOp fusion);

/// `memref` (a kernel argument, output or a constant's global) as one dim,
/// created right after it, at the kernel's entry.
mlir::Value flatView(KernelBuild &build, mlir::Value memref,
                     mlir::Location loc);

/// The range [begin, end) of `units` that task `task` of `numTasks` covers.
std::pair<mlir::Value, mlir::Value> taskRange(ElementalEmitter &emitter,
                                              mlir::Value task, int64_t units,
                                              int64_t numTasks);

/// Emits the kernel body with the structure the fusion fits (scatter, tiled
/// contraction, dot row, row reduction, column reduction, or the general
/// loop over outputs).
/// Returns the number of tasks.
mlir::FailureOr<int64_t> emitKernelBody(KernelBuild &build);

/// Loop structure: loops over the output shape, split into tasks by flat
/// element ranges, the innermost dim contiguous.
mlir::FailureOr<int64_t> emitLoopKernel(KernelBuild &build, bool reassociate);

/// The depthwise convolution or pooling window of the fusion, if the row
/// window structure computes it (KernelEmitterRowWindow.cpp):
/// hlo::isRowDepthwiseConvolution or hlo::isRowPoolingWindow, its input in
/// memory, every value the fusion returns of its shape.
mlir::Operation *matchRowWindowKernel(hlo::FusionOp fusion,
                                      const TargetDescription &target);
/// Row window structure: per output row, vectors of outputs combining their
/// taps from vector loads of the input rows, padding read through masks.
mlir::FailureOr<int64_t> emitRowWindowKernel(KernelBuild &build,
                                             mlir::Operation *op);

/// The reduce of the fusion, if the column structure computes it
/// (KernelEmitterColumn.cpp): the fusion's one reduce, of one input,
/// reducing its leading dims to kept rows at least a vector of f32 wide,
/// every value the fusion returns of its result's shape.
hlo::ReduceOp matchColumnReduction(hlo::FusionOp fusion,
                                   const TargetDescription &target);
/// Column structure: per block of kept columns, accumulators on the stack
/// folded row by row of the input, in memory order; then the roots.
mlir::FailureOr<int64_t> emitColumnKernel(KernelBuild &build,
                                          hlo::ReduceOp reduce);

/// Whether the fusion is row-shaped: every reduce reduces the trailing dims
/// to the same row shape and every root extends that row shape.
bool isRowFusion(hlo::FusionOp fusion);
/// Row structure: per row, the reductions in dependency order, then one
/// loop computing every output of the row.
mlir::FailureOr<int64_t> emitRowKernel(KernelBuild &build);

/// `scf.for` from `lower` to `upper` by `step`, its body built by `body`.
void forLoop(mlir::OpBuilder &b, mlir::Location loc, mlir::Value lower,
             mlir::Value upper, mlir::Value step,
             llvm::function_ref<void(mlir::Value)> body);

/// Elements of a 32-bit output in one streaming store (a 64-byte line).
constexpr int64_t kStreamLanes = 16;
/// Whether the fusion's outputs are large enough to bypass the caches: its
/// 32-bit outputs are then written with streaming stores.
bool streamsOutputs(KernelBuild &build);
/// Emits the columns [colBegin, colEnd) of one row of `roots` (all of one
/// shape, rank >= 1): the elements at `rowIndices` followed by the column,
/// whose flat offset in the outputs is `rowStart` plus the column. 32-bit
/// roots are computed in chunks and stored with 64-byte nontemporal stores;
/// the others, and the columns outside whole cache lines, with ordinary
/// stores. `aligned` says that `rowStart + colBegin` and `rowStart + colEnd`
/// are multiples of 16 elements. `afterChunk`, if given, is called with the
/// builder after each chunk's stores and the chunk's columns.
mlir::LogicalResult emitStreamedColumns(
    KernelBuild &build, llvm::ArrayRef<mlir::Value> roots,
    mlir::ValueRange rowIndices, mlir::Value rowStart, mlir::Value colBegin,
    mlir::Value colEnd, bool aligned,
    llvm::function_ref<void(mlir::Value begin, mlir::Value end)> afterChunk =
        nullptr);

/// The dims of a dot operand of `rank` that are neither batch nor
/// contracting.
llvm::SmallVector<int64_t> freeDims(int64_t rank, llvm::ArrayRef<int64_t> batch,
                                    llvm::ArrayRef<int64_t> contracting);

/// Whether every value the fusion returns is a result of one scatter.
bool isScatterFusion(hlo::FusionOp fusion);
/// Scatter structure (one task): the inputs copied to the results, then
/// each update combined into its element in row-major order.
mlir::FailureOr<int64_t> emitScatterKernel(KernelBuild &build);

/// Whether the fusion returns only the result of one select_and_scatter.
bool isSelectAndScatterFusion(hlo::FusionOp fusion);
/// Select-and-scatter structure (one task): the result filled with the
/// init value, then each source element combined into the element its
/// window selects, in row-major order.
mlir::FailureOr<int64_t> emitSelectAndScatterKernel(KernelBuild &build);

/// Whether the fusion returns only results of one sort.
bool isSortFusion(hlo::FusionOp fusion);
/// Sort structure (slices split across tasks): each slice's positions
/// merge-sorted in the scratch buffer, then gathered into the results.
mlir::FailureOr<int64_t> emitSortKernel(KernelBuild &build);

/// The scratch buffer a fusion's kernel takes after its outputs, if its
/// structure needs one (a sort's positions); it is allocated in the call's
/// arena like any intermediate.
std::optional<mlir::MemRefType> kernelScratchType(hlo::FusionOp fusion);

/// Whether the fusion is a dot_general whose epilogue keeps its shape.
bool isDotFusion(hlo::FusionOp fusion);
/// Dot structure: per chunk of an output row's columns, the chunk
/// accumulated in scratch with the rhs free dims innermost, then the
/// epilogue.
mlir::FailureOr<int64_t> emitDotKernel(KernelBuild &build);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_KERNELEMITTER_H
