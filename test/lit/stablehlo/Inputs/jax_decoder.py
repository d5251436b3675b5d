"""Inputs and the NumPy oracle of jax_decoder.mlir, written from its text.

  jax_decoder.py inputs DIR LENGTH  writes table, w, prompt (LENGTH tokens)
                                    and length (.npy) to DIR
  jax_decoder.py check DIR LENGTH   checks DIR/result0.npy (the tokens, bit
                                    for bit) and DIR/result1.npy (the last
                                    logits, under the one tolerance rule)

The oracle decodes in float64. It refuses inputs where two logits of a step
come within 1e-3 of each other, where float32 rounding could change the
argmax; with the seed below no step does.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                "tools", "Inputs"))
from examples_numpy import ATOL, RTOL  # noqa: E402  (the one tolerance rule)

VOCAB, WIDTH, POSITIONS = 16, 8, 8


def make_inputs(length):
    rng = np.random.default_rng(5)
    prompt = np.zeros(POSITIONS, np.int32)
    prompt[:length] = rng.integers(0, VOCAB, length)
    return {
        "table": rng.standard_normal((VOCAB, WIDTH)).astype(np.float32),
        "w": rng.standard_normal((WIDTH, VOCAB)).astype(np.float32),
        "prompt": prompt,
        "length": np.array(length, np.int32),
    }


def decode(table, w, tokens, pos):
    table, w, tokens = table.astype(np.float64), w.astype(np.float64), \
        tokens.copy()
    logits = np.zeros(VOCAB)
    rows, cols = np.indices((POSITIONS, POSITIONS))
    while pos < POSITIONS:
        h = table[tokens]
        scores = (h @ h.T) * np.float64(np.float32(0.353553385))
        scores = np.where((rows >= cols) & (cols < pos), scores, -np.inf)
        weights = np.exp(scores - scores.max(axis=1, keepdims=True))
        weights /= weights.sum(axis=1, keepdims=True)
        logits = (weights @ h)[pos - 1] @ w
        top2 = np.sort(logits)[-2:]
        assert top2[1] - top2[0] > 1e-3, "a near tie: choose another seed"
        tokens[pos] = np.argmax(logits)
        pos += 1
    return tokens, logits


def main():
    mode, directory, length = sys.argv[1], sys.argv[2], int(sys.argv[3])
    inputs = make_inputs(length)
    if mode == "inputs":
        for name, value in inputs.items():
            np.save(os.path.join(directory, name + ".npy"), value)
        return 0
    tokens, logits = decode(inputs["table"], inputs["w"], inputs["prompt"],
                            length)
    got_tokens = np.load(os.path.join(directory, "result0.npy"))
    got_logits = np.load(os.path.join(directory, "result1.npy"))
    if got_tokens.dtype != np.int32 or not np.array_equal(got_tokens, tokens):
        print("tokens:", got_tokens.tolist(), "!=", tokens.tolist())
        return 1
    error = np.abs(got_logits - logits)
    if got_logits.dtype != np.float32 or np.any(
            error > ATOL + RTOL * np.abs(logits)):
        print("logits: largest error %g" % error.max())
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
