//===- FuseLoops.cpp - (skeleton: being written) ---------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_FUSELOOPS
#include "passes/Passes.h.inc"
} // namespace kiln

namespace {
struct FuseLoopsPass final : kiln::impl::FuseLoopsBase<FuseLoopsPass> {
  void runOnOperation() override {}
};
} // namespace
