"""NumPy versions of the example graphs, to check kiln-run against: the
small examples and the benchmark graphs bench/compare times.

  examples_numpy.py inputs EXAMPLE DIR
      writes DIR/arg<i>.npy: float32 drawn uniformly from [-1, 1) with a
      fixed seed, one file per argument of examples/EXAMPLE.mlir.
  examples_numpy.py check EXAMPLE DIR
      compares DIR/native/result0.npy with DIR/reference/result0.npy, and
      DIR/reference/result0.npy with this file's NumPy graph on the same
      inputs; prints the largest errors and exits 1 on a mismatch.

The graphs are written by hand from reading examples/*.mlir and share no
code with Kiln. They are computed in float64. The tolerance |a - b| <= 1e-6
+ 1e-5 * |b| leaves room for float32 rounding, except in the MLP, whose dot
products sum 784 and 512 terms: there the float32 result must lie within the
worst-case error bound of float32 summation in any order (mlp_error_bound),
whatever order Kiln sums in.
"""
import os
import sys

import numpy as np

ATOL = 1e-6
RTOL = 1e-5

# Argument shapes of each example's @main, in order.
SIGNATURES = {
    "mlp": [(64, 784), (784, 512), (512,), (512, 10), (10,)],
    "softmax": [(32, 1000)],
    "layernorm": [(64, 256), (256,), (256,)],
    "convnet": [(2, 16, 16, 8), (3, 3, 8, 16), (16,), (1, 1, 16, 4)],
    "chain": [(4096, 4096)] * 3,
}
for rows in (512, 8192):
    SIGNATURES[f"softmax_{rows}x4096"] = [(rows, 4096)]
    SIGNATURES[f"layernorm_{rows}x4096"] = [(rows, 4096), (4096,), (4096,)]


# The unit roundoff of float32.
U = 2.0 ** -24


def gamma(n):
    """Higham's gamma_n = n u / (1 - n u): a float32 sum of n products, in any
    order and with one rounding per product and per addition, is within
    gamma_n * sum |a_i b_i| of the exact sum (Higham, Accuracy and Stability
    of Numerical Algorithms, 2nd ed., section 3.1)."""
    return n * U / (1 - n * U)


def mlp(x, w1, b1, w2, b2):
    hidden = np.maximum(x @ w1 + b1, 0.0)
    return hidden @ w2 + b2


def mlp_error_bound(x, w1, b1, w2, b2):
    """How far a float32 evaluation of mlp may be from the exact one.

    Layer 1: the dot's gamma_784 bound, plus one rounding of the bias add;
    ReLU never grows an error. Layer 2: the same for the dot on the exact
    hidden layer, plus layer 1's error carried through |w2|, plus the bias
    add's rounding. Every term is computed in float64 from the inputs."""
    pre1 = x @ w1 + b1
    e1 = gamma(x.shape[1]) * (np.abs(x) @ np.abs(w1)) + \
        U * (np.abs(pre1) + gamma(x.shape[1]) * (np.abs(x) @ np.abs(w1)))
    hidden = np.maximum(pre1, 0.0)
    out = hidden @ w2 + b2
    e2 = gamma(w2.shape[0]) * ((np.abs(hidden) + e1) @ np.abs(w2)) + \
        e1 @ np.abs(w2)
    return e2 + U * (np.abs(out) + e2)


def softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def layernorm(x, gamma, beta):
    # The graph's epsilon is the float32 nearest 1e-5.
    eps = float(np.float32(1e-5))
    centered = x - x.mean(axis=1, keepdims=True)
    variance = (centered * centered).mean(axis=1, keepdims=True)
    return centered / np.sqrt(variance + eps) * gamma + beta


def conv2d_nhwc_hwio(x, kernel, pad):
    """Stride-1 convolution, x [b, h, w, i], kernel [kh, kw, i, o]."""
    kh, kw = kernel.shape[:2]
    padded = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    out_h = padded.shape[1] - kh + 1
    out_w = padded.shape[2] - kw + 1
    out = np.zeros((x.shape[0], out_h, out_w, kernel.shape[3]))
    for dy in range(kh):
        for dx in range(kw):
            window = padded[:, dy:dy + out_h, dx:dx + out_w, :]
            out += np.einsum("bhwi,io->bhwo", window, kernel[dy, dx])
    return out


def pool2x2(x, reduce):
    """2x2 window, stride 2, over dims 1 and 2 of an NHWC tensor."""
    b, h, w, c = x.shape
    return reduce(x.reshape(b, h // 2, 2, w // 2, 2, c), axis=(2, 4))


def convnet(x, k1, b1, k2):
    hidden = np.maximum(conv2d_nhwc_hwio(x, k1, pad=1) + b1, 0.0)
    pooled = pool2x2(hidden, np.max)
    mixed = conv2d_nhwc_hwio(pooled, k2, pad=0)
    return pool2x2(mixed, np.sum) * 0.25


def chain(a, b, c):
    """examples/chain.mlir, op for op."""
    total = a + b
    diff = a - c
    prod = total * diff
    hi = np.maximum(prod, c)
    mag = np.abs(np.minimum(total, b))
    quot = hi / (1.0 / (1.0 + np.exp(-diff)))
    return np.where(quot > mag, quot, mag) + prod


GRAPHS = {"mlp": mlp, "softmax": softmax, "layernorm": layernorm,
          "convnet": convnet, "chain": chain}
for rows in (512, 8192):
    GRAPHS[f"softmax_{rows}x4096"] = softmax
    GRAPHS[f"layernorm_{rows}x4096"] = layernorm


def write_inputs(example, directory):
    os.makedirs(directory, exist_ok=True)
    rng = np.random.default_rng(20240601)
    for i, shape in enumerate(SIGNATURES[example]):
        arg = rng.uniform(-1.0, 1.0, size=shape).astype(np.float32)
        np.save(os.path.join(directory, "arg%d.npy" % i), arg)


def compare(name, actual, expected, bound=None):
    """Prints the largest errors of `actual` against `expected`; True if
    every element is within tolerance, or within `bound` (an array of
    absolute bounds) when given (NaN matches NaN)."""
    if actual.shape != expected.shape:
        print("%s: shape %s, expected %s" % (name, actual.shape,
                                             expected.shape))
        return False
    a = actual.astype(np.float64)
    b = expected.astype(np.float64)
    both_nan = np.isnan(a) & np.isnan(b)
    error = np.where(both_nan, 0.0, np.abs(a - b))
    error = np.where(np.isnan(error), np.inf, error)
    if bound is None:
        bound = ATOL + RTOL * np.abs(b)
    bad = ~(error <= bound)
    worst = np.unravel_index(np.argmax(error / bound), error.shape)
    print("%s: max_abs_err=%.3g max_err/bound=%.3g at %s (%r vs %r) %s" %
          (name, error.max(), (error / bound).max(), list(worst),
           float(a[worst]), float(b[worst]),
           "MISMATCH in %d elements" % bad.sum() if bad.any() else "ok"))
    return not bad.any()


def check(example, directory):
    args = [np.load(os.path.join(directory, "arg%d.npy" % i))
            for i in range(len(SIGNATURES[example]))]
    native = np.load(os.path.join(directory, "native", "result0.npy"))
    reference = np.load(os.path.join(directory, "reference", "result0.npy"))
    args64 = [a.astype(np.float64) for a in args]
    expected = GRAPHS[example](*args64)
    ok = compare(example + " native vs reference", native, reference)
    if example == "mlp":
        bound = mlp_error_bound(*args64)
        ok &= compare("mlp reference vs numpy", reference, expected, bound)
        ok &= compare("mlp native vs numpy", native, expected, bound)
    else:
        ok &= compare(example + " reference vs numpy", reference, expected)
    return ok


def main(argv):
    command, example, directory = argv[1:4]
    if command == "inputs":
        write_inputs(example, directory)
        return 0
    return 0 if check(example, directory) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
