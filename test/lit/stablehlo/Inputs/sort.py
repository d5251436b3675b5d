"""Inputs and the independent oracle of sort.mlir.

  sort.py inputs DIR     writes x, k, v, a and b (.npy) to DIR
  sort.py check DIR      checks DIR/result<i>.npy, prints ok or why
  sort.py same DIR DIR2  whether result6 (no oracle: LT on NaN) is the
                         same in both, bit for bit

The oracle is NumPy's stable sorts: argsort(kind="stable") and lexsort.
Total order is built from the bits (an f32's bits as a sign-magnitude
integer, -NaN first and NaN last). Comparisons are exact, bit for bit.
"""
import sys

import numpy as np

from exact_results import check_exact, write_inputs

rng = np.random.default_rng(11)
nan, inf = np.float32("nan"), np.float32("inf")
neg_nan = np.frombuffer(np.uint32(0xFFC00000).tobytes(), np.float32)[0]
x = rng.standard_normal((9, 3)).astype(np.float32)
x[:, 0] = [nan, -inf, 0.0, -0.0, inf, neg_nan, 1.0, -1.0, 0.0]
x[:, 1] = [-0.0, 0.0, -0.0, 0.0, 2.0, 2.0, -2.0, nan, -0.0]
INPUTS = {
    "x": x,
    # Few distinct keys, so many ties.
    "k": rng.integers(-3, 3, (2, 40)).astype(np.int32),
    "v": np.arange(80, dtype=np.float32).reshape(2, 40) / 4,
    "a": rng.integers(0, 5, 100).astype(np.int32),
    "b": rng.standard_normal(100).astype(np.float32),
}


def total_order_key(values):
    """An int64 per f32 that orders as StableHLO's TOTALORDER does."""
    bits = values.view(np.int32).astype(np.int64)
    return np.where(bits < 0, -(bits & 0x7FFFFFFF) - 1, bits)


def expected():
    x, k, v, a, b = (INPUTS[n] for n in "xkvab")
    order = np.argsort(total_order_key(x), axis=0, kind="stable")
    x_sorted = np.take_along_axis(x, order, axis=0)
    # Descending by key and stable: a stable ascending sort of -key.
    order = np.argsort(-k.astype(np.int64), axis=1, kind="stable")
    k_sorted = np.take_along_axis(k, order, axis=1)
    v_sorted = np.take_along_axis(v, order, axis=1)
    order = np.lexsort((total_order_key(b), a))
    return [x_sorted, k_sorted, v_sorted, a[order], b[order], x[0:3, 0:1]]


if sys.argv[1] == "same":
    first, second = (np.load(f"{d}/result6.npy") for d in sys.argv[2:4])
    print("ok" if first.tobytes() == second.tobytes() else "differ")
elif sys.argv[1] == "inputs":
    write_inputs(sys.argv[2], INPUTS)
else:
    check_exact(sys.argv[2], expected())
