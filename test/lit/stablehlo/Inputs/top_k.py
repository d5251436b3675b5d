"""Inputs and the independent oracle of top-k.mlir.

  top_k.py inputs DIR     writes x, u and v (.npy) to DIR
  top_k.py check DIR      checks DIR/result<i>.npy, prints ok or why

The oracle is NumPy's stable argsort of the negated key (descending, equal
elements in their order), floats keyed by their total order (NaN largest,
-NaN smallest, -0 below +0). Comparisons are exact, bit for bit.
"""
import sys

import numpy as np

from exact_results import check_exact, write_inputs

nan, inf = np.nan, np.inf
neg_nan = np.frombuffer(np.uint32(0xFFC00000).tobytes(), np.float32)[0]
x = np.array([[1, 5, 5, 2, 5, -1, 0, 3],
              [-0.0, 0.0, -0.0, nan, -inf, inf, 7, 7],
              [neg_nan, -3, -2, -2, -2, -5, -inf, -4]], np.float32)
INPUTS = {
    "x": x,
    "u": np.array([[100, 200, 3, 200, 0, 255], [7, 7, 7, 7, 7, 7]], np.uint8),
    "v": np.array([3, -1, 3, 10, -7], np.int32),
}


def key(values):
    """An int64 per element that orders as top_k's comparison does."""
    if values.dtype == np.float32:
        bits = values.view(np.int32).astype(np.int64)
        return np.where(bits < 0, -(bits & 0x7FFFFFFF) - 1, bits)
    return values.astype(np.int64)


def top_k(values, k):
    order = np.argsort(-key(values), axis=-1, kind="stable")[..., :k]
    return np.take_along_axis(values, order, axis=-1), order.astype(np.int32)


def expected():
    return [*top_k(INPUTS["x"], 3), *top_k(INPUTS["u"], 2),
            *top_k(INPUTS["v"], 5)]


if sys.argv[1] == "inputs":
    write_inputs(sys.argv[2], INPUTS)
else:
    check_exact(sys.argv[2], expected())
