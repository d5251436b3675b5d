"""PyTorch twin of examples/transformer_block.mlir:
torch.nn.TransformerEncoderLayer(256, 4, 1024, dropout=0, activation='gelu',
batch_first=True) in eval mode on a [1, 128, 256] input.

    /usr/bin/python3 examples/transformer_block.py export DIR [--seed S]
        writes the input and the layer's weights (seeded) as DIR/arg<i>.npy,
        in the order and layout of the graph's arguments, and PyTorch's
        output as DIR/expected.npy.
    /usr/bin/python3 examples/transformer_block.py check EXPECTED.npy ACTUAL.npy
        compares two outputs within |a - b| <= 1e-6 + 1e-5 * |b| (Kiln's one
        tolerance rule), prints the largest error and exits 1 on a mismatch.

bench/torch_bench.py imports `make_layer` and `make_input` from here.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_transformer_block as graph  # noqa: E402

RTOL = 1e-5
ATOL = 1e-6


def make_layer(seed=0):
    """The layer in eval mode, with seeded weights. PyTorch initializes
    biases to 0 and layer-norm scales to 1; they are drawn at random here so
    that a swapped or dropped argument shows in the output."""
    torch.manual_seed(seed)
    layer = torch.nn.TransformerEncoderLayer(
        graph.D_MODEL, graph.HEADS, graph.D_FF, dropout=0.0,
        activation="gelu", batch_first=True)
    with torch.no_grad():
        for name, p in layer.named_parameters():
            if name.startswith("norm") and name.endswith("weight"):
                torch.nn.init.uniform_(p, 0.5, 1.5)
            elif name.endswith("bias"):
                torch.nn.init.uniform_(p, -0.2, 0.2)
    return layer.eval()


def make_input(seed=0):
    generator = torch.Generator().manual_seed(seed + 1)
    return torch.rand((graph.BATCH, graph.SEQ, graph.D_MODEL),
                      generator=generator) * 2 - 1


def graph_arguments(layer, x):
    """The arguments of transformer_block.mlir's @main, as float32 arrays in
    graph.ARGUMENTS order: q/k/v split out of in_proj, Linear weights
    transposed to [in, out]."""
    d = graph.D_MODEL
    attn = layer.self_attn
    w_in, b_in = attn.in_proj_weight, attn.in_proj_bias
    values = {
        "x": x,
        "wq": w_in[0:d].t(), "bq": b_in[0:d],
        "wk": w_in[d:2 * d].t(), "bk": b_in[d:2 * d],
        "wv": w_in[2 * d:3 * d].t(), "bv": b_in[2 * d:3 * d],
        "wo": attn.out_proj.weight.t(), "bo": attn.out_proj.bias,
        "gamma1": layer.norm1.weight, "beta1": layer.norm1.bias,
        "w1": layer.linear1.weight.t(), "b1": layer.linear1.bias,
        "w2": layer.linear2.weight.t(), "b2": layer.linear2.bias,
        "gamma2": layer.norm2.weight, "beta2": layer.norm2.bias,
    }
    arrays = []
    for name, shape in graph.ARGUMENTS:
        array = np.ascontiguousarray(values[name].detach().numpy(), np.float32)
        assert array.shape == shape, (name, array.shape, shape)
        arrays.append(array)
    return arrays


def export(directory, seed):
    os.makedirs(directory, exist_ok=True)
    layer, x = make_layer(seed), make_input(seed)
    for i, array in enumerate(graph_arguments(layer, x)):
        np.save(os.path.join(directory, f"arg{i}.npy"), array)
    with torch.no_grad():
        np.save(os.path.join(directory, "expected.npy"), layer(x).numpy())


def check(expected_path, actual_path):
    expected = np.load(expected_path).astype(np.float64)
    actual = np.load(actual_path).astype(np.float64)
    if expected.shape != actual.shape:
        print(f"shape mismatch: expected {expected.shape}, got {actual.shape}")
        return 1
    err = np.abs(actual - expected)
    bad = err > ATOL + RTOL * np.abs(expected)
    status = "MISMATCH at %d elements" % bad.sum() if bad.any() else "ok"
    print(f"transformer block vs torch: max_abs_err={err.max():.3g} "
          f"max_rel_err={(err / np.maximum(np.abs(expected), 1e-30)).max():.3g} {status}")
    return 1 if bad.any() else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "export":
        seed = int(argv[4]) if len(argv) == 5 and argv[3] == "--seed" else 0
        export(argv[2], seed)
        return 0
    if len(argv) == 4 and argv[1] == "check":
        return check(argv[2], argv[3])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
