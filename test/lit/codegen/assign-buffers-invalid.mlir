// RUN: kiln-opt %s --kiln-assign-buffers --split-input-file -verify-diagnostics

func.func @main(%n: index) {
  // expected-error @+1 {{cannot place buffer of type 'memref<?xf32>' in the arena: it needs a static shape, identity layout and scalar elements}}
  %a = memref.alloc(%n) : memref<?xf32>
  return
}
