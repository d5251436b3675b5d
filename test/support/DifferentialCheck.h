//===- DifferentialCheck.h - Fused, unfused and reference agree -*- C++ -*-===//
//
// The oracle of Kiln's randomized differential test: one graph, compiled
// with fusion and without, run natively and in the reference interpreter on
// the same seeded inputs, must give the interpreter's results within their
// error bounds (compiler/reference/ErrorBounds.h,
// docs/differential-testing.md).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SUPPORT_DIFFERENTIALCHECK_H
#define KILN_TEST_SUPPORT_DIFFERENTIALCHECK_H

#include "runtime/HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace kiln {

/// What checkGraphDifferentially compared: output elements, and those of
/// them whose error bound is infinite (a compiled result may differ there
/// altogether, so no value is asked of it).
struct DifferentialCounts {
  int64_t elements = 0;
  int64_t unchecked = 0;
};

/// Compiles `module` (left unchanged) with the default CompileOptions (all
/// fusion on) and with fusion off, runs both natively on
/// kiln::randomTensor(type, shape, seed, argumentIndex) inputs, evaluates
/// its entry function with the reference interpreter and its error bounds
/// (interpretWithErrorBounds), and checks that every output agrees: fused
/// and unfused each within the bounds of the interpreter's, and the fused
/// results bitwise equal on 1 thread, on 3, and with the weights declared
/// unchanged (RunOptions::weightsUnchanged: the call that fills the packed
/// weights cache, then one that reads it). The error names the
/// configuration, the output and the element that differ, or the
/// compile/run failure. `counts`, when given, adds what was compared.
llvm::Error checkGraphDifferentially(mlir::ModuleOp module, uint64_t seed,
                                     DifferentialCounts *counts = nullptr);

} // namespace kiln

#endif // KILN_TEST_SUPPORT_DIFFERENTIALCHECK_H
