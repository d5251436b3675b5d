// RUN: kiln-opt %s --kiln-fuse-loops=max-ops=3 | FileCheck %s
// RUN: kilnc %s --max-loop-fusion-ops=3 --explain-fusion | FileCheck %s --check-prefix=WHY
// RUN: kilnc %s --emit=fused | FileCheck %s --check-prefix=DEFAULT

// A chain of seven ops under a limit of three ops per loop fusion: the scan
// from the end fills one fusion with the last three ops, the next with the
// three before them, and the first op is left alone; no fusion holds more
// than three. The constant is copied and not counted.
// CHECK-LABEL: func.func @main
// CHECK:         %[[A:.*]] = hlo.add
// CHECK-NEXT:    %[[B:.*]] = hlo.fusion loop (%{{.*}} = %[[A]]
// CHECK-COUNT-3:   hlo.{{add|multiply|subtract|tanh|negate|abs}}
// CHECK-NEXT:      hlo.return
// CHECK:         hlo.fusion loop (%{{.*}} = %[[B]]
// CHECK-COUNT-3:   hlo.{{add|multiply|subtract|tanh|negate|abs}}
// CHECK-NEXT:      hlo.return
// CHECK:         return

// WHY: 26:8 add -> {{.*}}:27:8 multiply: the fusion would hold 4 ops, more than the 3 of one loop kernel (--max-loop-fusion-ops)

// Under the default limit the chain is one fusion.
// DEFAULT:     hlo.fusion loop
// DEFAULT-NOT: hlo.fusion
func.func @main(%x: tensor<8xf32>) -> tensor<8xf32> {
  %c = hlo.constant dense<2.0> : tensor<8xf32>
  %0 = hlo.add %x, %x : tensor<8xf32>
  %1 = hlo.multiply %0, %c : tensor<8xf32>
  %2 = hlo.subtract %1, %x : tensor<8xf32>
  %3 = hlo.tanh %2 : tensor<8xf32>
  %4 = hlo.negate %3 : tensor<8xf32>
  %5 = hlo.abs %4 : tensor<8xf32>
  %6 = hlo.add %5, %c : tensor<8xf32>
  return %6 : tensor<8xf32>
}
