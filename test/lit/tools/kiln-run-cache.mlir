// kiln-run keeps compiled graphs in the compile cache: the first run
// compiles and stores an entry, the second loads it and prints the same
// results. An entry that is truncated, corrupt, or written by another
// format is never trusted: the run compiles again and rewrites it.
// (The first run also stores a quick-start entry, which the launcher runs
// without the full tool: kiln-run-quick-start.mlir. It is dropped before
// each damaged run below, so that the full tool reads the entry.)
// RUN: %python %S/Inputs/fs.py rm %t && %python %S/Inputs/fs.py mkdir %t
// RUN: kiln-run %s --cache-dir %t/cache > %t/first
// RUN: kiln-run %s --cache-dir %t/cache > %t/second
// RUN: FileCheck %s --check-prefix=MISS < %t/first
// RUN: FileCheck %s --check-prefix=HIT < %t/second
// MISS: latency: {{.*}} cache=miss
// HIT:  latency: {{.*}} cache=hit
// RUN: %python %S/Inputs/results.py %t/first %t/second | FileCheck %s --check-prefix=SAME
// SAME: same results

// One entry, a .kiln file named by its key, and the quick start's.
// RUN: %python %S/Inputs/fs.py ls %t/cache | FileCheck %s --check-prefix=ENTRY
// ENTRY-DAG: {{^[0-9a-f]{64}\.kiln$}}
// ENTRY-DAG: {{^[0-9a-f]{64}\.quick\.kiln$}}
// RUN: %python %S/Inputs/fs.py ls %t/cache | FileCheck %s --check-prefix=FILES
// FILES-COUNT-2: .kiln
// FILES-NOT: {{.}}

// Truncated: a miss, and the entry is whole again afterwards.
// RUN: %python %S/Inputs/cache_entry.py truncate %t/cache
// RUN: %python %S/Inputs/cache_entry.py drop %t/cache quick
// RUN: kiln-run %s --cache-dir %t/cache | FileCheck %s --check-prefix=MISS
// RUN: %python %S/Inputs/cache_entry.py drop %t/cache quick
// RUN: kiln-run %s --cache-dir %t/cache | FileCheck %s --check-prefix=HIT
// One byte of the object flipped: a miss.
// RUN: %python %S/Inputs/cache_entry.py flip %t/cache
// RUN: %python %S/Inputs/cache_entry.py drop %t/cache quick
// RUN: kiln-run %s --cache-dir %t/cache | FileCheck %s --check-prefix=MISS
// Another format's first line (an older or newer Kiln), checksum and all
// recomputed: a miss.
// RUN: %python %S/Inputs/cache_entry.py reformat %t/cache
// RUN: %python %S/Inputs/cache_entry.py drop %t/cache quick
// RUN: kiln-run %s --cache-dir %t/cache | FileCheck %s --check-prefix=MISS
// RUN: %python %S/Inputs/cache_entry.py drop %t/cache quick
// RUN: kiln-run %s --cache-dir %t/cache | FileCheck %s --check-prefix=HIT

// Other options are another key: a miss, then a second entry (and its
// quick start).
// RUN: kiln-run %s --cache-dir %t/cache --no-fusion | FileCheck %s --check-prefix=MISS
// RUN: %python %S/Inputs/fs.py ls %t/cache | FileCheck %s --check-prefix=TWO
// TWO-COUNT-4: .kiln
// TWO-NOT: {{.}}

// --no-cache and KILN_CACHE_DIR=off compile without the cache; the
// environment variable moves it.
// RUN: kiln-run %s --cache-dir %t/cache --no-cache | FileCheck %s --check-prefix=OFF
// RUN: env KILN_CACHE_DIR=off kiln-run %s | FileCheck %s --check-prefix=OFF
// OFF: latency: {{.*}} cache=off
// RUN: env KILN_CACHE_DIR=%t/env-cache kiln-run %s | FileCheck %s --check-prefix=MISS
// RUN: env KILN_CACHE_DIR=%t/env-cache kiln-run %s | FileCheck %s --check-prefix=HIT

// A cache that cannot be written (its directory is a file) only costs the
// entry: the run compiles and succeeds.
// RUN: %python -c "open(r'%t/not-a-dir', 'w').close()"
// RUN: kiln-run %s --cache-dir %t/not-a-dir | FileCheck %s --check-prefix=MISS
// RUN: kiln-run %s --cache-dir %t/not-a-dir | FileCheck %s --check-prefix=MISS
func.func @main(%x: tensor<4x8xf32>, %y: tensor<8xf32>) -> tensor<4x8xf32> {
  %b = hlo.broadcast_in_dim %y, dims = [1] : (tensor<8xf32>) -> tensor<4x8xf32>
  %0 = hlo.multiply %x, %b : tensor<4x8xf32>
  %1 = hlo.tanh %0 : tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}
