//===- RowScratchPlan.h - Which row values a row kernel keeps ---*- C++ -*-===//
//
// A row kernel (KernelEmitterRow.cpp) computes each row in loops: one per
// reduction, in dependency order, then one per output shape. The elemental
// emitter reuses an element only inside the loop that computed it, so a
// value that a later loop needs again is computed again there, with
// everything it depends on that is not kept either. In a long chain of
// reductions each loop would recompute much of the one before it (a
// 10,000-op chain of row reductions compiled three times its divides and
// exponentials). The plan says which values a loop stores to a row scratch
// buffer, so that the later loops load them instead.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_CODEGEN_ROWSCRATCHPLAN_H
#define KILN_PASSES_CODEGEN_ROWSCRATCHPLAN_H

#include "mlir/IR/Value.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace kiln {

/// A value a row loop stores for later loops.
struct KeptRowValue {
  mlir::Value value;
  /// The last loop that reads it back; its buffer is free after that loop.
  size_t lastReader;
};

/// For a row fusion over rows of `rowShape` whose loops compute
/// `loopRoots` (each loop's values at the loop's own indices: a
/// reduction's inputs, an output group's roots), the values each loop
/// stores to a row scratch buffer for later loops, per loop in the same
/// order; only the first `storingLoops` loops (the reductions) store. A
/// value is stored by the loop that computes it at the loop's own indices
/// (all of the row), if a later loop needs it and recomputing it there
/// would cost more than loading it: more than one elementwise op, or one
/// that expands to a polynomial or divides (values with one element per
/// row cost nothing). A reduction's input that has other users is stored
/// too, whatever it costs (softmax's exp(x - max)).
llvm::SmallVector<llvm::SmallVector<KeptRowValue>>
planRowScratch(llvm::ArrayRef<llvm::SmallVector<mlir::Value>> loopRoots,
               size_t storingLoops, llvm::ArrayRef<int64_t> rowShape);

} // namespace kiln

#endif // KILN_PASSES_CODEGEN_ROWSCRATCHPLAN_H
