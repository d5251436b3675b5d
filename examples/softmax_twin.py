"""PyTorch twin of examples/softmax_<ROWS>x<COLS>.mlir: softmax over the
last axis.

    /usr/bin/python3 examples/softmax_twin.py ROWS COLS X.npy OUT.npy

computes the softmax of X (float32, shape [ROWS, COLS]) and writes it.
bench/torch_bench.py imports `softmax` and `input_shapes` from here.
"""
import sys

import numpy as np
import torch


def input_shapes(rows, cols):
    """Argument shapes of the graph, in order."""
    return [(rows, cols)]


def softmax(x):
    """The graph of softmax_<ROWS>x<COLS>.mlir."""
    return torch.softmax(x, dim=-1)


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    rows, cols = int(argv[1]), int(argv[2])
    x = torch.from_numpy(np.load(argv[3]).astype(np.float32))
    if tuple(x.shape) != input_shapes(rows, cols)[0]:
        sys.exit(f"softmax_twin.py: X has shape {tuple(x.shape)}, not [{rows}, {cols}]")
    with torch.no_grad():
        np.save(argv[4], softmax(x).numpy())


if __name__ == "__main__":
    main(sys.argv)
