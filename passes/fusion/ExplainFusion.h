//===- ExplainFusion.h - Why edges were left unfused ------------*- C++ -*-===//
//
// `kilnc --explain-fusion`: one line per producer/consumer edge between two
// kernels after fusion, naming the user's ops at both ends and the reason
// the fusion decisions gave.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_PASSES_FUSION_EXPLAINFUSION_H
#define KILN_PASSES_FUSION_EXPLAINFUSION_H

#include "passes/fusion/FusionOptions.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace kiln {

/// For each value that one kernel (an hlo.fusion or an op left unfused) of
/// a function of `fusedModule` produces and another reads, one line
/// `file:line:col op -> file:line:col op: reason`, in program order of the
/// consumers. The ops are the user's: inside a fusion, the op whose value
/// the fusion returns and the op that reads the value. Constants are not
/// listed: every kernel gets its own copy of the constants it reads.
std::vector<std::string>
explainUnfusedEdges(mlir::ModuleOp fusedModule,
                    const FusionOptions &switches = {});

} // namespace kiln

#endif // KILN_PASSES_FUSION_EXPLAINFUSION_H
