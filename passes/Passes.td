//===- Passes.td - Kiln's passes ---------------------------*- tablegen -*-===//

#ifndef KILN_PASSES_TD
#define KILN_PASSES_TD

include "mlir/Pass/PassBase.td"

def LowerHloToLinalg : Pass<"kiln-lower-hlo-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lowers hlo ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every hlo op into destination-passing linalg ops (linalg.generic,
    linalg.fill, linalg.transpose), tensor ops (extract_slice, insert_slice,
    collapse/expand_shape, empty) and scalar arith/math bodies. After this pass
    no hlo op remains; an op it cannot lower is reported at its location.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def InlineIntoEntry : Pass<"kiln-inline-into-entry", "::mlir::ModuleOp"> {
  let summary = "Inlines every call into the graph's public entry function";
  let description = [{
    Exported StableHLO often has a public `main` calling private functions.
    This pass inlines all calls into the single public function and erases
    the private functions, so later passes see one flat graph.
  }];
}

def AssignBuffers : Pass<"kiln-assign-buffers", "::mlir::ModuleOp"> {
  let summary = "Places every intermediate buffer in the per-call arena";
  let description = [{
    After bufferization, replaces each `memref.alloc` of the entry function
    with a `memref.view` into an arena argument appended to the function,
    reusing the bytes of buffers whose last use has passed (liveness over
    program order). Records the arena size as the `kiln.arena_size` attribute.
  }];
}

def ExpandMath : Pass<"kiln-expand-math", "::mlir::ModuleOp"> {
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
