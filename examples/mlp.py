"""PyTorch twin of examples/mlp.mlir: 784 -> 512 (ReLU) -> 10, batch 64.

The weights are arguments in the graph's layout ([in, out]), as kiln-run
feeds them. bench/torch_bench.py imports `mlp` and `INPUT_SHAPES`.
"""
import torch

INPUT_SHAPES = [(64, 784), (784, 512), (512,), (512, 10), (10,)]


def mlp(x, w1, b1, w2, b2):
    """The graph of mlp.mlir: addmm is PyTorch's fused x @ w + b."""
    hidden = torch.relu(torch.addmm(b1, x, w1))
    return torch.addmm(b2, hidden, w2)
