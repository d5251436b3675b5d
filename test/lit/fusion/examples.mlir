// The groupings of the example graphs: which ops share a kernel.
// RUN: kiln-opt %examples/mlp.mlir --kiln-fuse-outputs --kiln-fuse-inputs --kiln-fuse-loops | FileCheck %s --check-prefix=MLP
// RUN: kiln-opt %examples/softmax.mlir --kiln-fuse-outputs --kiln-fuse-inputs --kiln-fuse-loops | FileCheck %s --check-prefix=SOFTMAX
// RUN: kiln-opt %examples/layernorm.mlir --kiln-fuse-outputs --kiln-fuse-inputs --kiln-fuse-loops | FileCheck %s --check-prefix=LAYERNORM
// RUN: kiln-opt %examples/convnet.mlir --kiln-fuse-outputs --kiln-fuse-inputs --kiln-fuse-loops | FileCheck %s --check-prefix=CONVNET

// Each MLP layer is one output fusion: dot + bias + ReLU, then dot + bias.
// MLP-LABEL: func.func @main
// MLP-NEXT:    %[[L1:.*]] = hlo.fusion output
// MLP-DAG:       hlo.dot_general {{.*}} -> tensor<64x512xf32>
// MLP-DAG:       hlo.broadcast_in_dim
// MLP-DAG:       hlo.add
// MLP-DAG:       hlo.maximum
// MLP:           hlo.return
// MLP-NEXT:    }
// MLP-NEXT:    %[[L2:.*]] = hlo.fusion output ({{.*}} = %[[L1]],
// MLP-DAG:       hlo.dot_general {{.*}} -> tensor<64x10xf32>
// MLP-DAG:       hlo.broadcast_in_dim
// MLP-DAG:       hlo.add
// MLP:           hlo.return
// MLP-NEXT:    }
// MLP-NEXT:    return %[[L2]]

// Softmax is one row fusion.
// SOFTMAX-LABEL: func.func @main
// SOFTMAX-NEXT:    %[[F:.*]] = hlo.fusion input
// SOFTMAX-COUNT-2:   hlo.reduce
// SOFTMAX:           hlo.divide
// SOFTMAX-NEXT:      hlo.return
// SOFTMAX-NEXT:    }
// SOFTMAX-NEXT:    return %[[F]]

// Layer norm with scale and bias is one row fusion.
// LAYERNORM-LABEL: func.func @main
// LAYERNORM-NEXT:    %[[F:.*]] = hlo.fusion input
// LAYERNORM-COUNT-2:   hlo.reduce
// LAYERNORM:           hlo.rsqrt
// LAYERNORM:           hlo.add {{.*}} : tensor<64x256xf32>
// LAYERNORM-NEXT:      hlo.return
// LAYERNORM-NEXT:    }
// LAYERNORM-NEXT:    return %[[F]]

// The conv net: conv + bias + ReLU is one output fusion; max pooling reads
// it back (a contraction's result only feeds elementwise epilogues); the
// second conv and the average pooling are kernels of their own, and the
// scale by 1/4 stays apart from the pooling it follows.
// CONVNET-LABEL: func.func @main
// CONVNET:         %[[C1:.*]] = hlo.fusion output
// CONVNET-DAG:       hlo.convolution
// CONVNET-DAG:       hlo.add
// CONVNET-DAG:       hlo.maximum
// CONVNET:           hlo.return
// CONVNET-NEXT:    }
// CONVNET-NEXT:    %[[P:.*]] = "hlo.reduce_window"(%[[C1]]
// CONVNET:         %[[C2:.*]] = hlo.convolution(%[[P]]
// CONVNET-NEXT:    %[[S:.*]] = "hlo.reduce_window"(%[[C2]]
// CONVNET:         hlo.multiply %[[S]]
// CONVNET-NOT:     hlo.fusion

// The transformer block (after the graph passes, as kilnc runs them): 13
// fusions and 4 ops left alone (two reshapes of the [1, 128, 256] boundary,
// the two attention matmuls), 17 kernels in all. Each projection is one
// output fusion with its bias; the head split/merge transposes are loop
// fusions; softmax and each layer norm are one row fusion; the FFN's first
// layer holds dot + bias + erf GELU, and the output projection and the
// FFN's second layer take their residual adds.
// RUN: kilnc %examples/transformer_block.mlir --emit=fused | FileCheck %s --check-prefix=BLOCK
// BLOCK-LABEL: func.func @main
// BLOCK-NEXT:    hlo.reshape
// BLOCK-NEXT:    hlo.fusion output
// BLOCK:         hlo.fusion output
// BLOCK:         hlo.fusion loop
// BLOCK:         hlo.fusion output
// BLOCK:         hlo.fusion loop
// BLOCK:         hlo.fusion loop
// BLOCK:       }
// BLOCK-NEXT:    hlo.dot_general
// BLOCK-NEXT:    hlo.fusion input
// BLOCK-COUNT-2:   hlo.reduce
// BLOCK:           hlo.divide
// BLOCK:         }
// BLOCK-NEXT:    hlo.dot_general
// BLOCK-NEXT:    hlo.fusion loop
// BLOCK:         hlo.fusion output
// BLOCK:           hlo.dot_general
// BLOCK:           hlo.add
// BLOCK:           hlo.add
// BLOCK:         hlo.fusion input
// BLOCK-COUNT-2:   hlo.reduce
// BLOCK:           hlo.rsqrt
// BLOCK:         hlo.fusion output
// BLOCK:           hlo.dot_general
// BLOCK:           hlo.erf
// BLOCK:         hlo.fusion output
// BLOCK:           hlo.dot_general
// BLOCK:         hlo.fusion input
// BLOCK-COUNT-2:   hlo.reduce
// BLOCK:           hlo.rsqrt
// BLOCK:         }
// BLOCK-NEXT:    hlo.reshape
// BLOCK-NEXT:    return
// BLOCK-NOT:     hlo.fusion
