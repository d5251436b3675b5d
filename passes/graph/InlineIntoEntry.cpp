//===- InlineIntoEntry.cpp - Flatten calls into the public function ---===//
//
// Exported StableHLO is often a public `main` that calls private functions.
// Every later pass wants one flat graph, so calls are inlined by cloning the
// callee's body, and the private functions are erased.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"

#define DEBUG_TYPE "kiln-inline-into-entry"

namespace kiln {
#define GEN_PASS_DEF_INLINEINTOENTRY
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

/// Calls nested deeper than this are taken to be recursion.
constexpr int kMaxInlineDepth = 64;

/// Replaces `call` with a copy of its callee's single-block body.
static LogicalResult inlineCall(func::CallOp call, SymbolTable &symbols) {
  auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
  if (!callee || callee.isExternal())
    return call.emitError() << "call to '" << call.getCallee()
                            << "', which has no body in this module";
  if (!llvm::hasSingleElement(callee.getBody()))
    return call.emitError() << "cannot inline '" << call.getCallee()
                            << "': its body has more than one block";
  Block &body = callee.getBody().front();
  IRMapping mapping;
  mapping.map(body.getArguments(), call.getOperands());
  OpBuilder builder(call);
  for (Operation &op : body.without_terminator())
    builder.clone(op, mapping);
  for (auto [result, returned] :
       llvm::zip(call.getResults(), body.getTerminator()->getOperands()))
    result.replaceAllUsesWith(mapping.lookupOrDefault(returned));
  call.erase();
  return success();
}

struct InlineIntoEntryPass final
    : kiln::impl::InlineIntoEntryBase<InlineIntoEntryPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (int depth = 0;; ++depth) {
      SmallVector<func::CallOp> calls;
      module.walk([&](func::CallOp call) {
        if (auto parent = call->getParentOfType<func::FuncOp>();
            parent && parent.isPublic())
          calls.push_back(call);
      });
      if (calls.empty())
        break;
      if (depth == kMaxInlineDepth) {
        calls.front().emitError()
            << "calls nest deeper than " << kMaxInlineDepth
            << " levels (recursion is not supported)";
        return signalPassFailure();
      }
      for (func::CallOp call : calls)
        if (failed(inlineCall(call, symbols)))
          return signalPassFailure();
    }
    for (auto func : llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
      if (func.isPrivate() && !func.isExternal())
        func.erase();
  }
};

} // namespace
