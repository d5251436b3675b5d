//===- EmitEntry.cpp - Kiln's C-ABI entry point -----------------------===//
//
// Wraps the lowered graph function in
//   void kiln_entry(void **buffers, void *arena, void *context)
// so JIT and object code share one signature whatever the graph's arity:
// `buffers` holds the inputs' then the outputs' data pointers.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#define DEBUG_TYPE "kiln-emit-entry"

namespace kiln {
#define GEN_PASS_DEF_EMITENTRY
#include "passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kEntryName = "kiln_entry";
constexpr llvm::StringLiteral kArenaSizeName = "kiln_arena_size";

struct EmitEntryPass final : kiln::impl::EmitEntryBase<EmitEntryPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<LLVM::LLVMFuncOp> graphs;
    for (auto func : module.getOps<LLVM::LLVMFuncOp>())
      if (!func.isExternal() && func.getLinkage() == LLVM::Linkage::External &&
          func.getName() != kEntryName)
        graphs.push_back(func);
    if (graphs.size() != 1) {
      module.emitError() << "expected one public graph function, found "
                         << graphs.size();
      return signalPassFailure();
    }
    LLVM::LLVMFuncOp graph = graphs.front();
    MLIRContext *ctx = module.getContext();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    for (Type type : graph.getArgumentTypes()) {
      if (type != ptr) {
        graph.emitError() << "graph argument of type " << type
                          << " is not a bare buffer pointer";
        return signalPassFailure();
      }
    }
    if (!isa<LLVM::LLVMVoidType>(graph.getFunctionType().getReturnType())) {
      graph.emitError("graph function must return its results in buffers");
      return signalPassFailure();
    }

    int64_t arenaSize = 0;
    if (auto attr = graph->getAttrOfType<IntegerAttr>("kiln.arena_size"))
      arenaSize = attr.getInt();
    // The graph is reached only through the entry point.
    graph.setLinkage(LLVM::Linkage::Internal);

    OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
    Location loc = graph.getLoc();
    auto i64 = builder.getI64Type();
    builder.create<LLVM::GlobalOp>(loc, i64, /*isConstant=*/true,
                                   LLVM::Linkage::External, kArenaSizeName,
                                   builder.getI64IntegerAttr(arenaSize));

    auto entryType = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                                 {ptr, ptr, ptr});
    auto entry = builder.create<LLVM::LLVMFuncOp>(loc, kEntryName, entryType);
    Block *block = entry.addEntryBlock(builder);
    builder.setInsertionPointToStart(block);
    Value buffers = block->getArgument(0);
    Value arena = block->getArgument(1);
    // The last graph argument is the arena; the rest are buffers in order.
    unsigned numBuffers = graph.getNumArguments() - 1;
    SmallVector<Value> args;
    for (unsigned i = 0; i < numBuffers; ++i) {
      Value slot = builder.create<LLVM::GEPOp>(
          loc, ptr, ptr, buffers, ArrayRef<LLVM::GEPArg>{int32_t(i)});
      args.push_back(builder.create<LLVM::LoadOp>(loc, ptr, slot));
    }
    args.push_back(arena);
    builder.create<LLVM::CallOp>(loc, graph, args);
    builder.create<LLVM::ReturnOp>(loc, ValueRange{});
  }
};

} // namespace
