//===- ErrorBounds.h - How far a correct result may be from the reference -===//
//
// Kiln's one rule for how far compiled code's results may lie from the
// reference interpreter's. The interpreter computes every op in the order
// the spec writes it and rounds as InterpreterOps.h says. Compiled code may
// differ in three ways, and in nothing else:
//  - it sums (reduce, reduce_window, scatter, dot_general, convolution) in
//    any order, in the accumulator type of the sum;
//  - it fuses a multiply into the add or subtract that consumes it (FMA);
//  - its functions (exp, tanh, ...) lie within kMathUlpBounds' ulps of the
//    exact value (docs/math-accuracy.md).
//
// interpretWithErrorBounds (Interpreter.h) carries next to each value a
// bound per element: how far any implementation that differs only in those
// ways may be from the interpreter's value. An op's bound is the rounding
// it may add itself, plus its operands' bounds carried through it: the
// largest change of the op over the operands within their bounds (a
// running error analysis; for a sum of n terms, Higham's gamma_n sum |x|).
// An infinite bound marks an element that such an implementation may get
// differently altogether: a comparison, floor or index whose operands'
// intervals straddle a step, a loop whose condition is not exact.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_REFERENCE_ERRORBOUNDS_H
#define KILN_COMPILER_REFERENCE_ERRORBOUNDS_H

#include "runtime/HostTensor.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace kiln {

/// The most ulps each native f32 function may be from the exact value, over
/// every f32 input (docs/math-accuracy.md has the table and how it was
/// measured). Ops IEEE rounds exactly (add, divide, sqrt, ...) are not
/// listed: they are correctly rounded, 0.5 ulp.
struct MathUlpBound {
  const char *op;
  double ulps;
};
inline constexpr MathUlpBound kMathUlpBounds[] = {
    {"sine", 1},        {"cosine", 1},
    {"exponential", 2}, {"exponential_minus_one", 4},
    {"log", 2},         {"log_plus_one", 4},
    {"tanh", 2},        {"logistic", 2},
    {"erf", 2},         {"rsqrt", 2},
    {"power", 1},       {"tan", 2},
    {"cbrt", 1},        {"asin", 2},
    {"acos", 2},        {"atan", 2},
    {"atan2", 4},       {"sinh", 2},
    {"cosh", 2},        {"asinh", 2},
    {"acosh", 2},       {"atanh", 2},
    {"erfc", 1},        {"lgamma", 1},
    {"digamma", 1},     {"erf_inv", 1},
    {"bessel_i1e", 1},
};

/// The bound of hlo op `op` (its name without "hlo."): kMathUlpBounds', or
/// 0.5 for the ops IEEE rounds exactly.
double mathUlpBound(llvm::StringRef op);

/// The spacing of `type`'s values at |value| (its ulp; the smallest
/// subnormal's below the normal range); 0 for integer types.
double unitInLastPlace(ElementType type, double value);

/// Higham's gamma_n = n u / (1 - n u), u the unit roundoff of `type`
/// (2^-24 for f32): a sum of n products, or of n + 1 terms, computed in
/// `type` in any order (each step an add, or an FMA) lies within
/// gamma_n * sum |terms| of the exact sum. Infinite when n u >= 1.
double sumErrorFactor(int64_t n, ElementType type);

/// Whether every element of `bound` is 0: its values are exact.
bool isExactBound(const HostTensor &bound);

/// Infinite bounds for `values` (f64 tensors of their shapes): what follows
/// from a branch or loop condition that is not exact.
std::vector<HostTensor> unknownBounds(llvm::ArrayRef<HostTensor> values);

/// Applies the op to other operands (its error bounds, where they move as
/// its data does) and returns its results.
using ApplyOp = llvm::function_ref<llvm::Expected<std::vector<HostTensor>>(
    llvm::ArrayRef<HostTensor>)>;

/// The error bounds (f64 tensors of the results' shapes) of `op`'s
/// `results`, computed by the interpreter from `operands`, whose bounds are
/// `operandBounds`. Control flow (while, if, case, call) is the
/// interpreter's to carry; any other op the interpreter runs has a rule.
llvm::Expected<std::vector<HostTensor>>
errorBoundsOf(mlir::Operation *op, llvm::ArrayRef<HostTensor> operands,
              llvm::ArrayRef<HostTensor> operandBounds,
              llvm::ArrayRef<HostTensor> results, ApplyOp apply);

/// Whether `actual` is within `bound` of the interpreter's `expected`: an
/// infinite bound accepts anything; otherwise NaN only matches NaN, an
/// infinity the same infinity, and finite values |actual - expected| <=
/// bound (a zero bound asks for the same value).
bool withinErrorBound(double actual, double expected, double bound);

} // namespace kiln

#endif // KILN_COMPILER_REFERENCE_ERRORBOUNDS_H
