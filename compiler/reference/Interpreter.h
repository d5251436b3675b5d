//===- Interpreter.h - Reference interpreter of the hlo dialect -*- C++ -*-===//
//
// Runs an hlo function on host tensors, op by op, with the reference
// semantics of compiler/InterpreterOps.h: the oracle that Kiln's compiled code
// is tested against.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_REFERENCE_INTERPRETER_H
#define KILN_COMPILER_REFERENCE_INTERPRETER_H

#include "runtime/HostTensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace kiln {

/// Evaluates `func` on `inputs`, one per argument; each input's element type
/// and shape must match its argument's exactly. Follows func.call into other
/// functions of the module. Fails, naming the op and its location, on an op
/// the interpreter does not know or one that does not verify.
llvm::Expected<std::vector<HostTensor>>
interpret(mlir::func::FuncOp func, const std::vector<HostTensor> &inputs);

/// The interpreter's results, each with its error bound: per element, how
/// far compiled code's value may lie from the interpreter's under Kiln's
/// rule (compiler/reference/ErrorBounds.h); infinite where it may differ
/// altogether.
struct InterpretedResults {
  std::vector<HostTensor> values;
  /// f64 tensors of the values' shapes.
  std::vector<HostTensor> errorBounds;
};

/// interpret, carrying error bounds from exact inputs.
llvm::Expected<InterpretedResults>
interpretWithErrorBounds(mlir::func::FuncOp func,
                         const std::vector<HostTensor> &inputs);

/// The values of a constant attribute (dense or splat) as a host tensor.
llvm::Expected<HostTensor> tensorFromAttr(mlir::ElementsAttr attr);

} // namespace kiln

#endif // KILN_COMPILER_REFERENCE_INTERPRETER_H
