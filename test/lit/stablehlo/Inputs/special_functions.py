"""Inputs and the independent oracle of special-functions.mlir.

  special_functions.py inputs DIR     writes DIR/<name>.npy for each argument
  special_functions.py check DIR      checks DIR/result<i>.npy, prints ok or why

The oracle is PyTorch's special functions and NumPy, computed in f64 and
rounded once. Finite results must lie within 1e-6 (relative) of it, which
holds Kiln's bounds of at most 2 f32 ulps (docs/math-accuracy.md); NaN,
infinities and the sign of zero must match exactly; f64 lgamma is held to
1e-14 absolute as well. At the poles, where the
libraries disagree, the values are StableHLO's (hand-written below).
"""
import sys

import numpy as np
import torch

D = sys.argv[2] + "/"
inf, nan = np.inf, np.nan
INPUTS = {
    # Across the real line: poles of lgamma and digamma (0, -1, -3), the
    # reflection range (< 1/2), both infinities, NaN, and large arguments.
    "x": np.array([0.25, 1, 2, 3.5, -0.5, -1, -2.75, 0, -0.0, 30, 1e10,
                   -3, inf, -inf, nan, 1e-30], np.float32),
    # Inside [-1, 1] for asin, acos, atanh and erf_inv, with ±1 and beyond.
    "u": np.array([0.5, -0.999, 1, -1, 0, 1e-20, 0.99999994, 1.5],
                  np.float32),
    "d": np.array([0.5, -2.5, 7.25, 100, 1e-300, 0.9999999999, -20.5, 40],
                  np.float64),
    "h": np.array([1, -0.0, 0, 65504, -6e-8, 2, inf, nan], np.float16),
    "g": np.array([2, 1, -0.0, inf, 1, 2, 0, 0], np.float16),
}


def t(values):
    return torch.from_numpy(np.asarray(values, np.float64))


def expected():
    x, u, d = t(INPUTS["x"]), t(INPUTS["u"]), t(INPUTS["d"])
    h, g = INPUTS["h"], INPUTS["g"]
    f32 = lambda v: np.asarray(v, np.float64).astype(np.float32)
    f64 = lambda v: np.asarray(v, np.float64)
    lgamma = torch.lgamma(x).numpy()
    lgamma[np.isinf(INPUTS["x"])] = inf  # lgamma(±inf) = +inf
    digamma = torch.special.digamma(x).numpy()
    # StableHLO: NaN at the poles 0, -1, -2, ... (PyTorch gives -inf at 0).
    xs = INPUTS["x"]
    digamma[(xs <= 0) & (np.floor(xs) == xs)] = nan
    # bessel_i1e is odd, so -0 maps to -0, as sinh and atan do (PyTorch
    # follows Cephes, which gives +0).
    i1e = torch.special.i1e(x).numpy()
    i1e[i1e == 0] = np.copysign(0, xs[i1e == 0])
    # next_after(x, y) is y when x == y, as in C (NumPy's f16 version
    # gives x: +0 for (+0, -0)).
    next_after_f16 = np.nextafter(h, g)
    next_after_f16[h == g] = g[h == g]
    with np.errstate(all="ignore"):
        return [
            f32(lgamma),
            f32(digamma),
            f32(torch.special.erfc(x)),
            f32(i1e),
            f32(np.arcsinh(x.numpy())),
            f32(np.sinh(x.numpy())),
            f32(np.cosh(x.numpy())),
            f32(np.arctan(x.numpy())),
            f32(np.arcsin(u.numpy())),
            f32(np.arccos(u.numpy())),
            f32(np.arctanh(u.numpy())),
            f32(torch.special.erfinv(u)),
            f32(np.arccosh(np.abs(x.numpy()) + 1)),
            f64(torch.lgamma(d)),
            f64(torch.special.digamma(d)),
            f64(torch.special.erfinv(t(np.clip(INPUTS["d"] / 100, -1, 1)))),
            f64(torch.special.i1e(d)),
            next_after_f16,
            np.nextafter(INPUTS["x"], np.float32(1)),
        ]


def same_specials(actual, want):
    finite = np.isfinite(want)
    return (np.array_equal(np.isnan(actual), np.isnan(want))
            and np.array_equal(actual[np.isinf(want)], want[np.isinf(want)])
            and np.array_equal(np.signbit(actual[want == 0]),
                               np.signbit(want[want == 0]))
            and bool(np.all(np.isfinite(actual[finite]))))


def check(directory):
    for i, want in enumerate(expected()):
        actual = np.load(directory + "/result%d.npy" % i)
        if actual.dtype != want.dtype or actual.shape != want.shape:
            return "result%d: %s%s, want %s%s" % (
                i, actual.dtype, actual.shape, want.dtype, want.shape)
        exact = i >= 17  # next_after is exact
        finite = np.isfinite(want)
        # f64 lgamma is accurate to 1e-15 absolute (docs/math-accuracy.md),
        # so relatively less near its zeros at 1 and 2.
        atol = 1e-14 if i == 13 else 0
        close = np.allclose(actual[finite], want[finite],
                            rtol=0 if exact else 1e-6, atol=atol)
        if not (close and same_specials(actual, want)):
            return "result%d: %s, want %s" % (i, actual, want)
    return "ok"


if sys.argv[1] == "inputs":
    for name, value in INPUTS.items():
        np.save(D + name + ".npy", value)
else:
    print(check(sys.argv[2]))
