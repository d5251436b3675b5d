//===- FuseInputs.cpp - (skeleton: being written) ---------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_FUSEINPUTS
#include "passes/Passes.h.inc"
} // namespace kiln

namespace {
struct FuseInputsPass final : kiln::impl::FuseInputsBase<FuseInputsPass> {
  void runOnOperation() override {}
};
} // namespace
