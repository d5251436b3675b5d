#!/usr/bin/python3
"""Fits the polynomials of Kiln's own tanh and erf (passes/codegen/AccurateMath.cpp)
and prints their f32 coefficients, lowest degree first.

Each fit is a near-minimax polynomial: least squares on Chebyshev points,
reweighted by the error (Lawson's algorithm), against mpmath at 40 digits.
The rounding of the coefficients to f32 and of every step of the kernel is
judged by the exhaustive sweep (scripts/math-sweep.sh), not here.

    /usr/bin/python3 scripts/fit-math-coefficients.py
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 40


def fit(f, degree, lo, hi, relative, variable=lambda x: x, points=4000,
        iterations=60):
    """Coefficients c of sum c_i variable(x)^i ~ f(x) on [lo, hi], and the
    largest error (relative or absolute)."""
    xs = np.cos(np.linspace(0, np.pi, points)) * (hi - lo) / 2 + (hi + lo) / 2
    ys = np.array([float(f(mp.mpf(x))) for x in xs])
    basis = np.vander(variable(xs), degree + 1, increasing=True)
    scale = np.abs(ys) if relative else np.ones(points)
    weights = np.ones(points)
    for _ in range(iterations):
        w = np.sqrt(weights) / scale
        c, *_ = np.linalg.lstsq(basis * w[:, None], ys * w, rcond=None)
        error = np.abs(basis @ c - ys) / scale
        weights = weights * error
        weights /= weights.sum()
    return c, error.max()


def show(name, coefficients, error):
    print(f"{name} (largest error {error:.2g}):")
    print("  " + ", ".join("%.9g" % np.float32(c) for c in coefficients))


# tanh(x) = x + x^3 P(x^2) for |x| < 0.55, relative error.
def tanh_p(t):
    x = mp.sqrt(t)
    return -mp.mpf(1) / 3 if t < mp.mpf("1e-12") else (mp.tanh(x) - x) / x**3


show("tanh P(x^2), |x| < 0.55", *fit(tanh_p, 4, 0, 0.55**2, relative=True))

# erf(x) = x (c0 + x^2 P(x^2)) for |x| < 1, c0 = 2/sqrt(pi) in two f32 pieces.
c0 = 2 / mp.sqrt(mp.pi)
c0_high = np.float32(float(c0))
print(f"erf c0 = {c0_high:.9g} + {np.float32(float(c0 - mp.mpf(float(c0_high)))):.9g}")


def erf_p(t):
    x = mp.sqrt(t)
    return -c0 / 3 if t < mp.mpf("1e-12") else (mp.erf(x) / x - c0) / t


show("erf P(x^2), |x| < 1", *fit(erf_p, 5, 0, 1, relative=True))

# erf(x) = 1 - Q(x - 2.46) for 1 <= x < 3.92: Q is erfc, absolute error.
show("erf Q(x - 2.46), 1 <= x < 3.92",
     *fit(mp.erfc, 12, 1, 3.92, relative=False, variable=lambda x: x - 2.46))
