//===- FusionGraphviz.h - Graphviz picture of a fused graph -----*- C++ -*-===//

#ifndef KILN_PASSES_FUSION_FUSIONGRAPHVIZ_H
#define KILN_PASSES_FUSION_FUSIONGRAPHVIZ_H

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/raw_ostream.h"

namespace kiln {

/// Writes the functions of `module` (after fusion) as one Graphviz
/// `digraph`: each op a node labelled `op (file:line)`, the ops of each
/// hlo.fusion in a `subgraph cluster_N` labelled with its kind, edges for
/// data flow, and the functions' inputs and outputs as nodes of their own.
void printFusionGraphviz(mlir::ModuleOp module, llvm::raw_ostream &os);

} // namespace kiln

#endif // KILN_PASSES_FUSION_FUSIONGRAPHVIZ_H
