// kilnc writes the graph after graph passes (the default, --emit=hlo), LLVM
// IR, assembly or an object file; -o defaults to standard output for text.
// Code to ship (obj, so, lib) is for x86-64-v3 by default, code to read
// (llvm, asm) for the host.

// RUN: kilnc %s | FileCheck %s --check-prefix=HLO
// RUN: kilnc %s --emit=hlo -o %t.hlo && FileCheck %s --check-prefix=HLO < %t.hlo
// The hlo output parses again (kiln-opt keeps MLIR's own diagnostics).
// RUN: kiln-opt %t.hlo | FileCheck %s --check-prefix=HLO
// HLO-LABEL: func.func @main(
// HLO-SAME: %[[X:.*]]: tensor<2x3xf32>
// HLO: %[[SUM:.*]] = hlo.add %[[X]], %[[X]] : tensor<2x3xf32>
// HLO: return %[[SUM]] : tensor<2x3xf32>

// Code carries the model's C API (test/lit/deploy/), named after the input
// when written to standard output; the graph's own symbols are internal.
// RUN: kilnc %s --emit=llvm | FileCheck %s --check-prefix=LLVM
// LLVM-DAG: @kilnc_emit_info = constant %kiln_model_info
// LLVM-DAG: define internal void @kiln_entry(
// LLVM-DAG: define {{.*}}ptr @kilnc_emit_create(i32
// LLVM-DAG: define {{.*}}i32 @kilnc_emit_run(ptr

// RUN: kilnc %s --emit=asm -o %t.s && FileCheck %s --check-prefix=ASM < %t.s
// ASM: kiln_entry:

// An object file starts with ELF's magic.
// RUN: kilnc %s --emit=obj -o %t.o
// RUN: %python -c "print(open(r'%t.o', 'rb').read(4))" | FileCheck %s --check-prefix=OBJ
// OBJ: b'\x7fELF'

// --time-passes reports on standard error and leaves the output alone.
// RUN: kilnc %s --time-passes -o %t.timed.hlo 2>&1 | FileCheck %s --check-prefix=TIME
// RUN: FileCheck %s --check-prefix=HLO < %t.timed.hlo
// TIME: Execution time report

func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = hlo.add %x, %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
