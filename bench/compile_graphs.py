"""The graphs of the compile benchmark (bench/compile-bench), as hlo text.

    /usr/bin/python3 bench/compile_graphs.py elementwise|reductions|mixed OPS [--seed S]

writes one graph of about OPS ops to stdout:

- elementwise: a seeded random chain of unary (30%) and binary (70%)
  elementwise ops on tensor<64x256xf32>, each reading the value before it
  (so that none is dead) and, if binary, one of the few before that or an
  input. Loop fusion makes it kernels of up to 256 ops
  (--max-loop-fusion-ops).
- reductions: the same, with a row reduction (add or maximum over the last
  axis, broadcast back and subtracted, as softmax and layer norm do) about
  every 8 ops.
- mixed: reductions, and a dot_general with a 256x256 weight about every 16
  ops: many kernels of many different shapes.

The choices come from Python's seeded random, so a size and a seed always
give the same graph; the graphs are not chosen to repeat kernels.
"""
import random
import sys

ROWS, COLS = 64, 256
T = f"tensor<{ROWS}x{COLS}xf32>"
ROW = f"tensor<{ROWS}xf32>"
W = f"tensor<{COLS}x{COLS}xf32>"
# The unary ops of activations and normalizations. Not sine or cosine: their
# exact range reduction (docs/math-accuracy.md) costs LLVM about 25 ms per
# op, which would make these graphs time one rare op.
UNARY = ["tanh", "exponential", "logistic", "rsqrt", "abs", "negate"]
BINARY = ["add", "subtract", "multiply", "maximum", "minimum", "divide"]
INPUTS = ["%a", "%b", "%c"]


def generate(kind, ops, seed=0):
    rng = random.Random(seed)
    lines = []
    recent = list(INPUTS)
    count = 0

    def emit(text):
        nonlocal count
        name = f"%v{count}"
        count += 1
        lines.append(f"  {name} = {text}")
        return name

    def other():
        return rng.choice(recent[-5:-1] + [rng.choice(INPUTS)])

    while count < ops:
        roll = rng.random()
        if kind in ("reductions", "mixed") and roll < 1 / 8:
            combiner, init = rng.choice([("add", "0.0"), ("maximum", "0xFF800000")])
            zero = emit(f"hlo.constant dense<{init}> : tensor<f32>")
            row = emit(f"hlo.reduce({recent[-1]} init: {zero}) applies hlo.{combiner} "
                       f"across dimensions = [1] : ({T}, tensor<f32>) -> {ROW}")
            back = emit(f"hlo.broadcast_in_dim {row}, dims = [0] : ({ROW}) -> {T}")
            value = emit(f"hlo.subtract {recent[-1]}, {back} : {T}")
        elif kind == "mixed" and roll < 1 / 8 + 1 / 16:
            value = emit(f"hlo.dot_general {recent[-1]}, %w, contracting_dims = [1] x [0]"
                         f" : ({T}, {W}) -> {T}")
        elif rng.random() < 0.3:
            value = emit(f"hlo.{rng.choice(UNARY)} {recent[-1]} : {T}")
        else:
            value = emit(f"hlo.{rng.choice(BINARY)} {recent[-1]}, {other()} : {T}")
        recent.append(value)

    header = (f"// bench/compile_graphs.py {kind} {ops} --seed {seed}\n"
              f"func.func @main(%a: {T}, %b: {T}, %c: {T}, %w: {W}) -> {T} {{")
    return "\n".join([header] + lines + [f"  return {recent[-1]} : {T}", "}", ""])


def main(argv):
    args = argv[1:]
    seed = 0
    if len(args) == 4 and args[2] == "--seed" and args[3].isdigit():
        seed = int(args[3])
        args = args[:2]
    if len(args) != 2 or args[0] not in ("elementwise", "reductions", "mixed") \
            or not args[1].isdigit():
        sys.exit(__doc__)
    sys.stdout.write(generate(args[0], int(args[1]), seed))


if __name__ == "__main__":
    main(sys.argv)
