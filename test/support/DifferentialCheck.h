//===- DifferentialCheck.h - Fused, unfused and reference agree -*- C++ -*-===//
//
// The oracle of Kiln's randomized differential test: one graph, compiled
// with fusion and without, run natively and in the reference interpreter on
// the same seeded inputs, must give the same results within Kiln's
// tolerance (docs/differential-testing.md).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SUPPORT_DIFFERENTIALCHECK_H
#define KILN_TEST_SUPPORT_DIFFERENTIALCHECK_H

#include "runtime/HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace kiln {

/// Empty when `actual` matches `expected`: same type and shape; f32 within
/// testing::withinTolerance (test/support/NumericsCompare.h);
/// integers and i1 exactly. Otherwise one line naming the first mismatching
/// element by flat index and coordinates with both values.
std::string describeMismatch(const HostTensor &actual,
                             const HostTensor &expected);

/// Compiles `module` (left unchanged) with the default CompileOptions (all
/// fusion on) and with fusion off, runs both natively on
/// kiln::randomTensor(type, shape, seed, argumentIndex) inputs, evaluates
/// its entry function with the reference interpreter, and checks that every
/// output agrees: fused vs interpreter, unfused vs interpreter, fused vs
/// unfused (describeMismatch's rule), and the fused results bitwise equal
/// on 1 thread and on 3. The error names the configuration, the output and
/// the element that differ, or the compile/run failure.
llvm::Error checkGraphDifferentially(mlir::ModuleOp module, uint64_t seed);

} // namespace kiln

#endif // KILN_TEST_SUPPORT_DIFFERENTIALCHECK_H
