"""NumPy versions of the four example graphs, to check kiln-run against.

  examples_numpy.py inputs EXAMPLE DIR
      writes DIR/arg<i>.npy: float32 drawn uniformly from [-1, 1) with a
      fixed seed, one file per argument of examples/EXAMPLE.mlir.
  examples_numpy.py check EXAMPLE DIR
      compares DIR/native/result0.npy with DIR/reference/result0.npy, and
      DIR/reference/result0.npy with this file's NumPy graph on the same
      inputs; prints the largest errors and exits 1 on a mismatch.

The graphs are written by hand from reading examples/*.mlir and share no
code with Kiln. They are computed in float64, except the MLP's two long dot
products (see matmul_f32_in_order); the tolerance |a - b| <= 1e-6 + 1e-5 *
|b| leaves room for float32 rounding.
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
}


def matmul_f32_in_order(a, b):
    """a @ b in float32, summing over k from 0 up, one rounding per step.

    Sums of 784 and 512 products carry float32 rounding of about 1e-4 on
    outputs near 20, beyond the tolerance on outputs near 0; summed in the
    plain order (as written in the spec's dot_general) the float32 rounding
    is that of any straightforward implementation.
    """
    a = a.astype(np.float32)
    b = b.astype(np.float32)
    acc = np.zeros((a.shape[0], b.shape[1]), np.float32)
    for k in range(a.shape[1]):
        acc = acc + a[:, k:k + 1] * b[k:k + 1, :]
    return acc


def mlp(x, w1, b1, w2, b2):
    f32 = np.float32
    hidden = np.maximum(matmul_f32_in_order(x, w1) + b1.astype(f32), f32(0))
    return matmul_f32_in_order(hidden, w2) + b2.astype(f32)


def mlp_float64(x, w1, b1, w2, b2):
    hidden = np.maximum(x @ w1 + b1, 0.0)
    return hidden @ w2 + b2


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


GRAPHS = {"mlp": mlp, "softmax": softmax, "layernorm": layernorm,
          "convnet": convnet}


def write_inputs(example, directory):
    os.makedirs(directory, exist_ok=True)
    rng = np.random.default_rng(20240601)
    for i, shape in enumerate(SIGNATURES[example]):
        arg = rng.uniform(-1.0, 1.0, size=shape).astype(np.float32)
        np.save(os.path.join(directory, "arg%d.npy" % i), arg)


def compare(name, actual, expected, checked=True):
    """Prints the largest errors of `actual` against `expected`; True if
    every element is within tolerance (NaN matches NaN)."""
    if actual.shape != expected.shape:
        print("%s: shape %s, expected %s" % (name, actual.shape,
                                             expected.shape))
        return False
    a = actual.astype(np.float64)
    b = expected.astype(np.float64)
    both_nan = np.isnan(a) & np.isnan(b)
    error = np.where(both_nan, 0.0, np.abs(a - b))
    error = np.where(np.isnan(error), np.inf, error)
    bound = ATOL + RTOL * np.abs(b)
    bad = ~(error <= bound)
    worst = np.unravel_index(np.argmax(error / bound), error.shape)
    print("%s: max_abs_err=%.3g max_err/bound=%.3g at %s (%r vs %r) %s" %
          (name, error.max(), (error / bound).max(), list(worst),
           float(a[worst]), float(b[worst]),
           "(not checked)" if not checked else
           "MISMATCH in %d elements" % bad.sum() if bad.any() else "ok"))
    return not bad.any()


def check(example, directory):
    args = [np.load(os.path.join(directory, "arg%d.npy" % i))
            for i in range(len(SIGNATURES[example]))]
    native = np.load(os.path.join(directory, "native", "result0.npy"))
    reference = np.load(os.path.join(directory, "reference", "result0.npy"))
    expected = GRAPHS[example](*[a.astype(np.float64) for a in args])
    ok = compare(example + " native vs reference", native, reference)
    ok &= compare(example + " reference vs numpy", reference, expected)
    if example == "mlp":
        # For information: how far float32 summation is from exact.
        compare("mlp reference vs numpy float64", reference,
                mlp_float64(*[a.astype(np.float64) for a in args]),
                checked=False)
    return ok


def main(argv):
    command, example, directory = argv[1:4]
    if command == "inputs":
        write_inputs(example, directory)
        return 0
    return 0 if check(example, directory) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
