"""Inputs and the independent oracle of control-flow.mlir.

  control_flow.py inputs DIR SET   writes x, n, index and pred (.npy) to DIR
  control_flow.py check DIR SET    checks DIR/result<i>.npy, prints ok or why

SET picks the scalars: the trip count n (none, some, a negative count),
the case index (each branch, and out of range on both sides) and the if's
predicate. Every value is exact (x holds small multiples of 1/8, so its
doublings and sums round nowhere), so results are compared bit for bit.
"""
import sys

import numpy as np

from exact_results import check_exact, write_inputs

X = np.array([0.5, -1.25, 2, 3.75, -0.125, 1, -2.5, 0.25], np.float32)
SETS = {
    "a": dict(n=7, index=1, pred=True),
    "b": dict(n=0, index=-1, pred=False),
    "c": dict(n=10, index=5, pred=False),
    "d": dict(n=-3, index=0, pred=True),
    "e": dict(n=1, index=2, pred=True),
}


def expected(n, index, pred):
    trips, v = 0, X.copy()
    while np.abs(v).sum(dtype=np.float32) < np.float32(1000):
        trips, v = trips + 1, v + v
    a, b = 0, 1
    for _ in range(max(n, 0)):
        a, b = b, a + b
    nested = sum(range(n)) if n > 0 else 0
    chosen = -X if pred else X
    if index == 0:
        code, value = 10, X * X
    elif index == 1:
        code, value = 20, X + chosen
    else:
        code, value = 30, np.floor(X)
    return [np.int32(trips), v, np.int64(a), np.int64(b), np.int32(nested),
            chosen, value, np.int32(code), X]


choice = SETS[sys.argv[3]]
if sys.argv[1] == "inputs":
    write_inputs(sys.argv[2], {
        "x": X,
        "n": np.array(choice["n"], np.int32),
        "index": np.array(choice["index"], np.int32),
        "pred": np.array(choice["pred"]),
    })
else:
    check_exact(sys.argv[2], [np.asarray(v) for v in expected(**choice)])
