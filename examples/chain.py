"""PyTorch twin of examples/chain.mlir: the same eleven elementwise ops.

    /usr/bin/python3 examples/chain.py A.npy B.npy C.npy OUT.npy

computes the chain on the three inputs (float32) and writes the result.
bench/torch_bench.py imports `chain` and `INPUT_SHAPES` from here.
"""
import sys

import numpy as np
import torch

INPUT_SHAPES = [(4096, 4096)] * 3


def chain(a, b, c):
    """The graph of chain.mlir, op for op."""
    s = a + b
    diff = a - c
    prod = s * diff
    hi = torch.maximum(prod, c)
    lo = torch.minimum(s, b)
    mag = torch.abs(lo)
    gate = torch.sigmoid(diff)
    quot = hi / gate
    return torch.where(quot > mag, quot, mag) + prod


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    a, b, c = (torch.from_numpy(np.load(p).astype(np.float32)) for p in argv[1:4])
    with torch.no_grad():
        np.save(argv[4], chain(a, b, c).numpy())


if __name__ == "__main__":
    main(sys.argv)
