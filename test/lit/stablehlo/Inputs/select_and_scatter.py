"""Inputs and the independent oracle of select-and-scatter.mlir.

  select_and_scatter.py inputs DIR     writes x.npy, s.npy and p.npy to DIR
  select_and_scatter.py check DIR      checks DIR/result<i>.npy, prints ok or why

Results 0 and 1 are PyTorch's max_pool2d gradients (the padding of result 1
as -inf, which no window selects); the operand's values are distinct, so no
window has a tie, and the source's are multiples of 1/4, so sums are exact
in any order and the comparison is exact. Results 2 and 3 are derived by
hand in the input's comment.
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

from exact_results import check_exact, write_inputs

rng = np.random.default_rng(7)
INPUTS = {
    "x": rng.permutation(24).astype(np.float32).reshape(4, 6) / 3 - 4,
    "s": (rng.integers(-8, 8, (2, 3)) / 4).astype(np.float32),
    "p": (rng.integers(-8, 8, (4, 3)) / 4).astype(np.float32),
}


def max_pool_gradient(x, grad, kernel, stride, pad):
    """The gradient of a max-pool over x padded with -inf by pad
    ((top, bottom), (left, right)), given the pool's output gradient."""
    (top, bottom), (left, right) = pad
    x = torch.from_numpy(x).requires_grad_()
    padded = F.pad(x, (left, right, top, bottom), value=-np.inf)
    pooled = F.max_pool2d(padded[None, None], kernel, stride)[0, 0]
    pooled.backward(torch.from_numpy(grad))
    return x.grad.numpy()


def expected():
    x, s, p = INPUTS["x"], INPUTS["s"], INPUTS["p"]
    return [
        max_pool_gradient(x, s + s, (2, 2), (2, 2), ((0, 0), (0, 0))),
        max_pool_gradient(x, p, (3, 2), (1, 2), ((1, 1), (0, 1))),
        np.array([8, 5, 1, 17], np.int32),
        np.array([31, 41], np.int32),
    ]


if sys.argv[1] == "inputs":
    write_inputs(sys.argv[2], INPUTS)
else:
    check_exact(sys.argv[2], expected())
