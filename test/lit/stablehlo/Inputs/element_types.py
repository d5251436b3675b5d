"""Inputs and the independent oracle of element-types.mlir.

  element_types.py inputs DIR     writes DIR/<name>.npy for each argument
  element_types.py check DIR      checks DIR/result<i>.npy, prints ok or why

The oracle is NumPy (f16, f64 and the integer types, whose operations round
or wrap per op as StableHLO's do) and PyTorch for bf16, which NumPy lacks;
the f64 -> bf16/f16 conversions are hand-derived values.
"""
import sys

import numpy as np
import torch

D = sys.argv[2] + "/"
INPUTS = {
    "h": np.array([0.1, -1.5, 300.0, 255.9, 6e-5, -0.0], np.float16),
    "d": np.array([0.1, -2.5, 1e300, 3.0], np.float64),
    "b": [0.1, -1.5, 3.140625, 255.0, 1e30],
    "c": np.array([100, -100, 3, -128], np.int8),
    "u": np.array([200, 100, 7, 255], np.uint8),
    "q": np.array([2**64 - 1, 2**63 + 5, 1], np.uint64),
    "f": np.array([-5, 300, np.nan, 3.7, 255.5, -40000], np.float32),
    # 1 + 2^-8 + 2^-30: just above a bf16 tie, which rounding through f32
    # first would break to even (1.0); 1 + 2^-11 + 2^-40, the same for f16;
    # -0.0.
    "w": np.array([1 + 2**-8 + 2**-30, 1 + 2**-11 + 2**-40, -0.0], np.float64),
}


def bf16(values):
    return torch.tensor(values, dtype=torch.float32).to(torch.bfloat16)


def bf16_bits(t):
    return t.view(torch.int16).numpy().view(np.uint16)


def expected():
    h = INPUTS["h"]
    d = INPUTS["d"]
    b = bf16(INPUTS["b"])
    c = INPUTS["c"]
    u = INPUTS["u"]
    q = INPUTS["q"]
    with np.errstate(all="ignore"):
        h4 = np.sqrt(np.abs(h * h + h))
        d3 = d * d + d / np.float64(3)
        b3 = torch.maximum(b * b + b, bf16([0.5]))
        c3 = (c + c) + np.int8(-1)
        u2 = (u + u) // np.uint8(3)
        u3 = u > 100
        q2 = np.maximum(q // np.uint64(7), np.uint64(5))
        q3 = q > 1
    f1 = np.array([0, 255, 0, 3, 255, 0], np.uint8)
    f2 = np.array([-5, 300, 0, 3, 255, -32768], np.int16)
    w1 = bf16([1.0078125, 1.0, -0.0])  # 1 + 2^-7, 1, -0
    w2 = np.array([1 + 2**-8, 1 + 2**-10, -0.0], np.float16)
    w3 = np.array([1.0078125, 1.0, -0.0], np.float64)
    return [h4, d3, b3, c3, u2, u3, q2, q3, f1, f2, w1, w2, w3]


def same(actual, wanted):
    if isinstance(wanted, torch.Tensor):  # bf16: Kiln writes '<V2' bits
        return actual.dtype == np.dtype("V2") and np.array_equal(
            actual.view(np.uint16), bf16_bits(wanted))
    return (actual.dtype == wanted.dtype and actual.shape == wanted.shape
            and np.array_equal(actual, wanted, equal_nan=True)
            and np.array_equal(np.signbit(actual), np.signbit(wanted))
            if actual.dtype.kind == "f" else
            actual.dtype == wanted.dtype and np.array_equal(actual, wanted))


if sys.argv[1] == "inputs":
    for name, value in INPUTS.items():
        if name == "b":
            raw = bf16_bits(bf16(value)).view(np.dtype("V2"))
            np.save(D + name + ".npy", raw)
        else:
            np.save(D + name + ".npy", value)
else:
    for i, wanted in enumerate(expected()):
        actual = np.load(D + "result%d.npy" % i)
        if not same(actual, wanted):
            print("result%d: got %r, expected %r" % (i, actual, wanted))
            sys.exit(0)
    print("ok")
