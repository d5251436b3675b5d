//===- kiln-opt.cpp - mlir-opt with Kiln's dialect and passes ---------===//
//
// What lit tests run: every Kiln pass and pipeline, plus MLIR's own passes,
// over hlo and the dialects it lowers to. Diagnostics are MLIR's own.
//
//===----------------------------------------------------------------------===//

#include "compiler/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  kiln::registerKilnPassesAndPipelines();
  mlir::DialectRegistry registry;
  kiln::registerKilnDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Kiln optimizer driver\n", registry));
}
