"""PyTorch twin of examples/layernorm_<ROWS>x<COLS>.mlir: layer norm over the
last axis with scale and bias, eps 1e-5.

    /usr/bin/python3 examples/layernorm_twin.py ROWS COLS X.npy GAMMA.npy BETA.npy OUT.npy

computes the layer norm of X ([ROWS, COLS]) with GAMMA and BETA ([COLS]) and
writes it. bench/torch_bench.py imports `layernorm` and `input_shapes`.
"""
import sys

import numpy as np
import torch

EPS = 1e-5


def input_shapes(rows, cols):
    """Argument shapes of the graph, in order: x, gamma, beta."""
    return [(rows, cols), (cols,), (cols,)]


def layernorm(x, gamma, beta):
    """The graph of layernorm_<ROWS>x<COLS>.mlir."""
    return torch.nn.functional.layer_norm(x, (x.shape[-1],), gamma, beta, EPS)


def main(argv):
    if len(argv) != 7:
        sys.exit(__doc__)
    rows, cols = int(argv[1]), int(argv[2])
    args = [torch.from_numpy(np.load(p).astype(np.float32)) for p in argv[3:6]]
    for arg, shape in zip(args, input_shapes(rows, cols)):
        if tuple(arg.shape) != shape:
            sys.exit(f"layernorm_twin.py: an input has shape {tuple(arg.shape)}, not {list(shape)}")
    with torch.no_grad():
        np.save(argv[6], layernorm(*args).numpy())


if __name__ == "__main__":
    main(sys.argv)
