"""NumPy oracle for jax_program.mlir, written from the program's text.

  jax_program.py inputs DIR   writes DIR/x.npy and DIR/w.npy (seeded)
  jax_program.py check DIR    compares DIR/result0.npy and DIR/result1.npy
                              with the oracle, in float64; prints `ok` or the
                              largest error and exits 1
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                "tools", "Inputs"))
from examples_numpy import ATOL, RTOL  # noqa: E402  (the one tolerance rule)


def oracle(x, w):
    relu = np.maximum(x, 0.0)
    erf = np.vectorize(math.erf)(relu @ w)
    padded = np.pad(x, ((0, 0), (1, 1)), constant_values=-np.inf)
    pool = np.stack([padded[:, 2 * j:2 * j + 3].max(axis=1)
                     for j in range(4)], axis=1)
    rows, cols = np.indices((4, 4))
    return erf, np.where(rows >= cols, pool, -np.inf)


def main():
    mode, directory = sys.argv[1:3]
    if mode == "inputs":
        rng = np.random.default_rng(7)
        np.save(os.path.join(directory, "x.npy"),
                rng.uniform(-1, 1, (4, 8)).astype(np.float32))
        np.save(os.path.join(directory, "w.npy"),
                rng.uniform(-1, 1, (8, 3)).astype(np.float32))
        return 0
    x = np.load(os.path.join(directory, "..", "x.npy")).astype(np.float64)
    w = np.load(os.path.join(directory, "..", "w.npy")).astype(np.float64)
    ok = True
    for i, expected in enumerate(oracle(x, w)):
        actual = np.load(os.path.join(directory, "result%d.npy" % i))
        assert actual.dtype == np.float32 and actual.shape == expected.shape
        finite = np.isfinite(expected)
        if not np.array_equal(actual[~finite], expected[~finite]):
            print("result%d: infinities differ" % i)
            ok = False
        error = np.abs(actual[finite] - expected[finite])
        if np.any(error > ATOL + RTOL * np.abs(expected[finite])):
            print("result%d: largest error %g" % (i, error.max()))
            ok = False
    print("ok" if ok else "mismatch")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
