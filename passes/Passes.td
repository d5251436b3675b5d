//===- Passes.td - Kiln's passes, in pipeline order ---------*- tablegen -*-===//
//
// One section per folder of passes/, in the order a graph travels through
// them (compiler/Pipeline.cpp runs them in this order): graph passes, fusion,
// code generation.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_TD
#define KILN_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Graph passes (passes/graph/); MLIR's canonicalizer and CSE run after them
//===----------------------------------------------------------------------===//

def InlineIntoEntry : Pass<"kiln-inline-into-entry", "::mlir::ModuleOp"> {
  let summary = "Inlines every call into the graph's public entry function";
  let description = [{
    Exported StableHLO often has a public `main` calling private functions.
    This pass inlines all calls into the single public function and erases
    the private functions, so later passes see one flat graph.
  }];
}

def FoldEmptyTensors : Pass<"kiln-fold-empty-tensors", "::mlir::ModuleOp"> {
  let summary = "Replaces zero-size tensors by constants and folds their readers";
  let description = [{
    A tensor with a zero-size dimension has no elements, so its value is
    `dense<>`. Ops whose results are all empty become empty constants; an op
    that reads an empty operand but has a non-empty result is rewritten by
    its semantics for that case (concatenate drops the operand, pad is all
    padding, dot_general and convolution are zeros, reduce gives its init
    values, reduce_window reduces windows of padding). No kernel then reads
    or writes an empty buffer.
  }];
}

def LayOutWeights : Pass<"kiln-lay-out-weights", "::mlir::ModuleOp"> {
  let summary = "Stores constant dot_general operands in the layout kernels read";
  let description = [{
    A dot_general whose rhs is a constant (a model's weights) is fastest
    when the rhs is laid out [batch..., contracting..., free...], the free
    dimensions innermost: the contraction kernel then packs contiguous rows
    of it. Exporters often store weights the other way round (ONNX Gemm
    with transB, PyTorch's Linear as [out, in]), which makes every call
    gather them with a stride. This pass transposes such constants once,
    at compile time, and rewrites the dimension numbers; the result is the
    same value.
  }];
}

//===----------------------------------------------------------------------===//
// Fusion (passes/fusion/)
//===----------------------------------------------------------------------===//

def PadWindows : Pass<"kiln-pad-windows", "::mlir::ModuleOp"> {
  let summary = "Moves the padding of convolutions and reduce_windows into a pad op";
  let description = [{
    Before fusion: a convolution that pads its input (without input
    dilation; negative padding, a crop, stays) reads an explicit `hlo.pad`
    of it instead, with no padding of its own, so that its kernel reads the
    input without bounds checks. Left alone: a convolution whose kernel
    reads its padding itself under masks (hlo::isRowDepthwiseConvolution;
    hlo::isMaskedPatchConvolution, NCHW-like with a stride of at most 2
    along the row), and a grouped convolution with its features innermost
    (NHWC depthwise), whose elemental kernel checks its taps only at the
    positions whose window reaches past the input. A single-input
    reduce_window (a pooling layer) likewise reads its input padded with
    its init value, which is what its padding holds, unless its kernel
    reads that padding itself: the row kernel under masks
    (hlo::isRowPoolingWindow: NCHW max or sum pooling, with overlapping
    windows, whose producers fusion keeps out), or the elemental one where
    the window leaves the last dim alone (NHWC pooling). The values are the
    same; the pad joins its producers' loop fusion.
  }];
}

def FuseOutputs : Pass<"kiln-fuse-outputs", "::mlir::ModuleOp"> {
  let summary = "Output fusion: dot_general/convolution with elementwise consumers";
  let description = [{
    Forms `hlo.fusion output` ops: a dot_general or convolution with the
    elementwise consumers (bias add, activation, residual add, scale) applied
    to the result tile before it is stored.
  }];
}

def FuseInputs : Pass<"kiln-fuse-inputs", "::mlir::ModuleOp"> {
  let summary = "Input fusion: reductions with their producers; row fusion";
  let description = [{
    Forms `hlo.fusion input` ops: a reduction with the elementwise producers
    that feed it and, where the reduced rows fit in cache, the reductions of
    a row together with their producers and the consumers that broadcast the
    results back along the same rows (softmax, layer norm: one kernel each).
    Never a fusion of more than `max-ops` ops.
  }];
  let options = [
    Option<"maxOps", "max-ops", "int64_t",
           /*default=*/"::kiln::kDefaultMaxInputFusionOps",
           "The most ops one input or row fusion may hold">
  ];
}

def FuseLoops : Pass<"kiln-fuse-loops", "::mlir::ModuleOp"> {
  let summary = "Loop fusion of elementwise and shape-op chains";
  let description = [{
    Forms `hlo.fusion loop` ops from chains of elementwise, broadcast,
    reshape, transpose, slice, convert, compare and select ops. Cheap
    producers (broadcast, constant, iota) may be duplicated into several
    consumers; expensive ones are not. Never creates a cycle, and never a
    fusion of more than `max-ops` ops.
  }];
  let options = [
    Option<"maxOps", "max-ops", "int64_t",
           /*default=*/"::kiln::kDefaultMaxLoopFusionOps",
           "The most ops one loop fusion may hold">
  ];
}

//===----------------------------------------------------------------------===//
// Code generation (passes/codegen/)
//===----------------------------------------------------------------------===//

def WrapUnfused : Pass<"kiln-wrap-unfused", "::mlir::ModuleOp"> {
  let summary = "Wraps every op left outside a fusion into a fusion of its own";
  let description = [{
    After fusion, every op of the entry function that computes a tensor is
    wrapped in an `hlo.fusion` of the right kind, so kernel generation sees
    only fusions. With fusion turned off, this alone runs: one kernel per op.
  }];
}

def OutlineKernels : Pass<"kiln-outline-kernels", "::mlir::ModuleOp"> {
  let summary = "Turns each hlo.fusion into a native kernel function on buffers";
  let description = [{
    Emits, for each `hlo.fusion` of the entry function, a private function
    on memrefs whose loops compute the fusion's results element by element
    (XLA's elemental emitter), keeping intermediates in registers; its outer
    loop is split into a fixed number of tasks. The entry function becomes a
    sequence of kernel launches over caller buffers and arena allocations.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"0",
           "Vector width the kernels are sized for (512, 256 or 128; "
           "0: the host's)">,
    Option<"l1Bytes", "l1-bytes", "int64_t", /*default=*/"0",
           "L1 data cache size the tiles are sized for, in bytes (0: the "
           "host's)">,
    Option<"l2Bytes", "l2-bytes", "int64_t", /*default=*/"0",
           "L2 cache size the tiles are sized for, in bytes (0: the host's)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def ShareKernels : Pass<"kiln-share-kernels", "::mlir::ModuleOp"> {
  let summary = "Kernels that differ only in the constants they read share one";
  let description = [{
    Runs after `kiln-outline-kernels`. Kernels whose code is the same but
    for the constant globals it reads (a model's repeated layers, each with
    its own weights) become one kernel that takes those constants as
    arguments; each launch passes its own. LLVM then compiles that code
    once. A kernel with no twin keeps reading its constants directly.
  }];
}

def AssignBuffers : Pass<"kiln-assign-buffers", "::mlir::ModuleOp"> {
  let summary = "Places every intermediate buffer in the per-call arena";
  let description = [{
    After kernel outlining, replaces each `memref.alloc` of the entry function
    with a `memref.view` into an arena argument appended to the function,
    reusing the bytes of buffers whose last use has passed (liveness over
    program order). Records the arena size as the `kiln.arena_size` attribute.
  }];
}

def ExpandMath : Pass<"kiln-expand-math"> {
  let summary = "Expands transcendental math into polynomial approximations";
  let description = [{
    Rewrites math.exp, tanh, erf, log, ... into arith polynomials so that LLVM
    vectorizes them instead of emitting one libm call per element.
  }];
}

def EmitEntry : Pass<"kiln-emit-entry", "::mlir::ModuleOp"> {
  let summary = "Adds the C-ABI entry point `kiln_entry` to an LLVM-dialect module";
  let description = [{
    Kiln's calling convention, shared by JIT and object code:
    `void kiln_entry(void **buffers, void *arena, void *context)`, where
    `buffers` holds the input pointers then the output pointers (caller
    allocated), `arena` is the call's 64-byte-aligned scratch memory of
    `kiln_arena_size` bytes, and `context` is the runtime context. The pass
    wraps the graph's lowered public function (bare-pointer memref calling
    convention) and emits the `kiln_arena_size` constant.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // KILN_PASSES_TD
