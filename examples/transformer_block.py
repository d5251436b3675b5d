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

bench/torch_bench.py imports `layer_from_arguments` from here.
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


def parameter_views(layer):
    """Each graph argument but x as (the layer's parameter tensor, the rows
    it takes, whether the graph holds it transposed): q/k/v are split out of
    in_proj, Linear weights are [in, out] in the graph."""
    d = graph.D_MODEL
    attn = layer.self_attn
    whole = slice(None)
    return {
        "wq": (attn.in_proj_weight, slice(0, d), True),
        "bq": (attn.in_proj_bias, slice(0, d), False),
        "wk": (attn.in_proj_weight, slice(d, 2 * d), True),
        "bk": (attn.in_proj_bias, slice(d, 2 * d), False),
        "wv": (attn.in_proj_weight, slice(2 * d, 3 * d), True),
        "bv": (attn.in_proj_bias, slice(2 * d, 3 * d), False),
        "wo": (attn.out_proj.weight, whole, True),
        "bo": (attn.out_proj.bias, whole, False),
        "gamma1": (layer.norm1.weight, whole, False),
        "beta1": (layer.norm1.bias, whole, False),
        "w1": (layer.linear1.weight, whole, True),
        "b1": (layer.linear1.bias, whole, False),
        "w2": (layer.linear2.weight, whole, True),
        "b2": (layer.linear2.bias, whole, False),
        "gamma2": (layer.norm2.weight, whole, False),
        "beta2": (layer.norm2.bias, whole, False),
    }


def graph_arguments(layer, x):
    """The arguments of transformer_block.mlir's @main, as float32 arrays in
    graph.ARGUMENTS order."""
    values = {"x": x}
    for name, (parameter, rows, transposed) in parameter_views(layer).items():
        view = parameter[rows]
        values[name] = view.t() if transposed else view
    arrays = []
    for name, shape in graph.ARGUMENTS:
        array = np.ascontiguousarray(values[name].detach().numpy(), np.float32)
        assert array.shape == shape, (name, array.shape, shape)
        arrays.append(array)
    return arrays


def layer_from_arguments(arrays):
    """The layer and input whose graph_arguments are `arrays` (the graph's
    arguments in order): what the graph computes, as PyTorch's layer."""
    names = [name for name, _ in graph.ARGUMENTS]
    values = dict(zip(names, arrays))
    layer = make_layer(0)
    with torch.no_grad():
        for name, (parameter, rows, transposed) in parameter_views(layer).items():
            value = torch.from_numpy(np.asarray(values[name], np.float32))
            parameter[rows] = value.t() if transposed else value
    return layer, torch.from_numpy(np.asarray(values["x"], np.float32))


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
