// A graph file kiln-run has compiled runs again from its quick-start entry:
// the launcher loads the entry's library without the full tool, so neither
// LLVM nor MLIR is loaded, and prints what the full tool prints.
// RUN: %python %S/Inputs/fs.py rm %t && %python %S/Inputs/fs.py mkdir %t
// RUN: env KILN_CACHE_DIR=off kiln-run %s --seed 3 > %t/reference
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --seed 3 > %t/first 2> %t/first.libs
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --seed 3 > %t/second 2> %t/second.libs
// RUN: FileCheck %s --check-prefix=FULL < %t/first.libs
// RUN: FileCheck %s --check-prefix=QUICK < %t/second.libs
// FULL: file=libLLVM
// QUICK: file=libkiln_runtime.so
// QUICK-NOT: file=libLLVM
// QUICK-NOT: file=libMLIR
// QUICK-NOT: file=libkiln_run_tool
// RUN: FileCheck %s --check-prefix=MISS < %t/first
// RUN: FileCheck %s --check-prefix=HIT < %t/second
// MISS: latency: {{.*}} cache=miss
// HIT: latency: {{.*}} cache=hit
// RUN: %python %S/Inputs/results.py %t/reference %t/first | FileCheck %s --check-prefix=SAME
// RUN: %python %S/Inputs/results.py %t/reference %t/second | FileCheck %s --check-prefix=SAME
// SAME: same results

// The flags that only shape the run are not part of the key: another seed,
// a thread count or timed runs use the same entry.
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir=%t/cache -seed=5 --threads 1 --bench 3 2>&1 > %t/bench | FileCheck %s --check-prefix=QUICK
// RUN: FileCheck %s --check-prefix=BENCH < %t/bench
// BENCH: result0: tensor<4x8xf32>
// BENCH: bench: runs=3 min_ms={{[0-9.]+}} median_ms={{[0-9.]+}}
// RUN: %python %S/Inputs/fs.py ls %t/cache | FileCheck %s --check-prefix=ONE
// ONE-DAG: {{^[0-9a-f]{64}\.kiln$}}
// ONE-DAG: {{^[0-9a-f]{64}\.quick\.kiln$}}
// RUN: %python %S/Inputs/fs.py ls %t/cache | FileCheck %s --check-prefix=FILES
// FILES-COUNT-2: .kiln
// FILES-NOT: {{.}}

// A damaged or stale entry is never loaded: the full tool runs (from the
// compile cache proper, which is whole), gives the same results and stores
// the entry again, which the next run uses.
// RUN: %python %S/Inputs/cache_entry.py truncate %t/cache quick
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --seed 3 2>&1 > %t/out | FileCheck %s --check-prefix=FULL
// RUN: %python %S/Inputs/results.py %t/reference %t/out | FileCheck %s --check-prefix=SAME
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --seed 3 2>&1 > %t/out | FileCheck %s --check-prefix=QUICK
// RUN: %python %S/Inputs/results.py %t/reference %t/out | FileCheck %s --check-prefix=SAME
// One bit of the library flipped:
// RUN: %python %S/Inputs/cache_entry.py flip %t/cache quick
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --seed 3 2>&1 > %t/out | FileCheck %s --check-prefix=FULL
// RUN: %python %S/Inputs/results.py %t/reference %t/out | FileCheck %s --check-prefix=SAME
// Another format version, checksum recomputed:
// RUN: %python %S/Inputs/cache_entry.py reformat %t/cache quick
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --seed 3 2>&1 > %t/out | FileCheck %s --check-prefix=FULL
// Built by another build of Kiln (a library's recorded time differs):
// RUN: %python %S/Inputs/cache_entry.py stale %t/cache quick
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --seed 3 2>&1 > %t/out | FileCheck %s --check-prefix=FULL
// RUN: %python %S/Inputs/results.py %t/reference %t/out | FileCheck %s --check-prefix=SAME
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --seed 3 2>&1 > %t/out | FileCheck %s --check-prefix=QUICK

// Inputs from .npy files and results written with --out: the same as the
// full tool's, from the launcher.
// RUN: %python -c "import numpy as np; np.save(r'%t/x.npy', np.linspace(-2, 2, 32, dtype=np.float32).reshape(4, 8)); np.save(r'%t/y.npy', np.full(8, 0.5, np.float32))"
// RUN: env KILN_CACHE_DIR=off kiln-run %s --input %t/x.npy --input %t/y.npy > %t/files-reference
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --input %t/x.npy --input=%t/y.npy 2>&1 > %t/files | FileCheck %s --check-prefix=QUICK
// RUN: %python %S/Inputs/results.py %t/files-reference %t/files | FileCheck %s --check-prefix=SAME
// RUN: env KILN_CACHE_DIR=off kiln-run %s --input %t/x.npy --input %t/y.npy --out %t/out-reference > /dev/null
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --input %t/x.npy --input %t/y.npy --out %t/out-dir 2>&1 >/dev/null | FileCheck %s --check-prefix=QUICK
// RUN: %python -c "import sys; sys.exit(open(r'%t/out-dir/result0.npy', 'rb').read() != open(r'%t/out-reference/result0.npy', 'rb').read())"
// Files that do not fit the graph are the full tool's to report, with the
// graph's location; a --out that cannot be written is reported as the full
// tool does, and nothing is written.
// RUN: not env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --input %t/y.npy --input %t/x.npy 2>&1 | FileCheck %s --check-prefix=MISMATCH
// MISMATCH: file=libLLVM
// MISMATCH: y.npy: error: argument 0 expects tensor<4x8xf32>, the file holds tensor<8xf32>
// RUN: not kiln-run %s --cache-dir %t/cache --input %t/x.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: kiln-run-quick-start.mlir:{{[0-9]+}}:1: error: 'main' takes 2 arguments, got 1 --input files
// RUN: %python -c "open(r'%t/a-file', 'w').close()"
// RUN: not kiln-run %s --cache-dir %t/cache --out %t/a-file 2>&1 | FileCheck %s --check-prefix=NOT-DIR
// NOT-DIR: a-file: error: cannot write into: Not a directory

// What the launcher does not serve goes to the full tool: --profile, the
// interpreter, a seed it does not read as the full tool would (LLVM's
// parser reads 010 as octal), --help, and errors.
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --profile 2>&1 >/dev/null | FileCheck %s --check-prefix=FULL
// RUN: env LD_DEBUG=files kiln-run %s --cache-dir %t/cache --reference 2>&1 >/dev/null | FileCheck %s --check-prefix=FULL
// RUN: env KILN_CACHE_DIR=off kiln-run %s --seed 8 > %t/octal-reference
// RUN: kiln-run %s --cache-dir %t/cache --seed 010 > %t/octal
// RUN: %python %S/Inputs/results.py %t/octal-reference %t/octal | FileCheck %s --check-prefix=SAME
// RUN: kiln-run --help | FileCheck %s --check-prefix=HELP
// HELP: USAGE: kiln-run
// RUN: not kiln-run %s --cache-dir %t/cache --seed 2>&1 | FileCheck %s --check-prefix=NO-VALUE
// NO-VALUE: kiln-run: {{.*}}seed
// RUN: not kiln-run %t/missing.mlir --cache-dir %t/cache 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: missing.mlir

// A graph read from standard input has no quick start (the key sees no
// file's bytes), nor has a run without the cache.
// RUN: %python %S/Inputs/fs.py rm %t/cache
// RUN: kiln-run - --cache-dir %t/cache < %s > /dev/null
// RUN: kiln-run %s --cache-dir %t/cache --no-cache > /dev/null
// RUN: %python %S/Inputs/fs.py ls %t/cache | FileCheck %s --check-prefix=PROPER
// PROPER: {{^[0-9a-f]{64}\.kiln$}}
// PROPER-NOT: {{.}}

// Editing the graph is another key: the edited file compiles afresh.
// RUN: %python -c "import sys; open(r'%t/edited.mlir', 'w').write(open(r'%s').read().replace('tanh', 'exponential'))"
// RUN: kiln-run %t/edited.mlir --cache-dir %t/cache | FileCheck %s --check-prefix=MISS
// RUN: env LD_DEBUG=files kiln-run %t/edited.mlir --cache-dir %t/cache 2>&1 >/dev/null | FileCheck %s --check-prefix=QUICK
func.func @main(%x: tensor<4x8xf32>, %y: tensor<8xf32>) -> tensor<4x8xf32> {
  %b = hlo.broadcast_in_dim %y, dims = [1] : (tensor<8xf32>) -> tensor<4x8xf32>
  %0 = hlo.multiply %x, %b : tensor<4x8xf32>
  %1 = hlo.tanh %0 : tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}
