//===- RandomGraph.h - Random hlo graphs for differential testing -*- C++
//-*-===//
//
// A generator of small random hlo graphs, one per seed, for the differential
// test that checks fused native code, unfused native code and the reference
// interpreter against each other (docs/differential-testing.md).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TEST_SUPPORT_RANDOMGRAPH_H
#define KILN_TEST_SUPPORT_RANDOMGRAPH_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace kiln {

/// Builds a random graph of a few (about 3 to 15) steps from `seed`:
/// elementwise ops, broadcast_in_dim, reshape, transpose, slice,
/// concatenate, pad, reduce, dot_general, compare/select/convert on i32 and
/// i1, and chains the fusion passes look for (dot + bias + activation,
/// softmax, layer norm, row reductions broadcast back), over odd shapes of
/// rank 0 to 4. The same seed gives the same graph on every platform: the
/// generator uses its own splitmix64, not std:: distributions.
///
/// The graphs are numerically tame so that Kiln's tolerance
/// (|a-b| <= 1e-6 + 1e-5*|b|) separates bugs from rounding: every f32 value
/// has a magnitude bound, and values that grow past it are scaled back by a
/// power of two; log/sqrt/divide/pow get positive arguments (a few raw ones
/// are kept, since NaN compares equal to NaN); discontinuous ops (compare,
/// floor, sign, convert to integer, remainder) only see values that every
/// correct implementation computes bit for bit. The module verifies.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
generateRandomGraph(mlir::MLIRContext &context, uint64_t seed);

} // namespace kiln

#endif // KILN_TEST_SUPPORT_RANDOMGRAPH_H
