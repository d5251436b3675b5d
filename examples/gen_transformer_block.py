"""Writes examples/transformer_block.mlir: the hlo graph of

    torch.nn.TransformerEncoderLayer(256, 4, 1024, dropout=0,
                                     activation='gelu', batch_first=True)

in eval mode on a [1, 128, 256] input (post-norm, exact erf GELU):

    x = norm1(x + self_attn(x, x, x))
    x = norm2(x + linear2(gelu(linear1(x))))

    /usr/bin/python3 examples/gen_transformer_block.py > examples/transformer_block.mlir

With `--layers N`, the graph is N such layers in sequence, each with its own
weights (arguments x, then layer i's weights suffixed _i): the repeated-layer
model of the compile benchmark (bench/compile-bench).

The weights are function arguments, in the order of ARGUMENTS below, each in
the layout the graph multiplies with: projection matrices as [in, out] (the
transpose of torch.nn.Linear.weight), so every dense layer is a plain
[M, K] x [K, N] dot_general. examples/transformer_block.py exports a PyTorch
layer's weights in this order and layout. Needs no torch.
"""
import math
import struct
import sys

BATCH, SEQ, D_MODEL, HEADS, D_FF = 1, 128, 256, 4, 1024
HEAD_DIM = D_MODEL // HEADS
EPS = 1e-5

# (name, shape) of each argument of @main, in order.
ARGUMENTS = [
    ("x", (BATCH, SEQ, D_MODEL)),
    ("wq", (D_MODEL, D_MODEL)), ("bq", (D_MODEL,)),
    ("wk", (D_MODEL, D_MODEL)), ("bk", (D_MODEL,)),
    ("wv", (D_MODEL, D_MODEL)), ("bv", (D_MODEL,)),
    ("wo", (D_MODEL, D_MODEL)), ("bo", (D_MODEL,)),
    ("gamma1", (D_MODEL,)), ("beta1", (D_MODEL,)),
    ("w1", (D_MODEL, D_FF)), ("b1", (D_FF,)),
    ("w2", (D_FF, D_MODEL)), ("b2", (D_MODEL,)),
    ("gamma2", (D_MODEL,)), ("beta2", (D_MODEL,)),
]


def tensor(shape, element="f32"):
    return "tensor<" + "".join(f"{d}x" for d in shape) + element + ">"


def f32_literal(value):
    """`value` rounded to f32, in decimal with the 9 significant digits that
    identify an f32 exactly."""
    rounded = struct.unpack("<f", struct.pack("<f", value))[0]
    return "%.8e" % rounded


class Graph:
    """Emits hlo ops as text, one SSA value per call, with readable names."""

    def __init__(self):
        self.lines = []
        self.counts = {}
        self.shapes = {}

    def value(self, hint, shape, text):
        n = self.counts.get(hint, 0)
        self.counts[hint] = n + 1
        name = f"%{hint}" if n == 0 else f"%{hint}{n}"
        self.lines.append(f"  {name} = {text}")
        self.shapes[name] = tuple(shape)
        return name

    def shape(self, v):
        return self.shapes[v]

    # Elementwise ops on operands of one shape.
    def unary(self, op, x, hint):
        return self.value(hint, self.shape(x),
                          f"hlo.{op} {x} : {tensor(self.shape(x))}")

    def binary(self, op, a, b, hint):
        assert self.shape(a) == self.shape(b), (op, a, b)
        return self.value(hint, self.shape(a),
                          f"hlo.{op} {a}, {b} : {tensor(self.shape(a))}")

    def splat(self, value, shape, hint):
        """A scalar constant broadcast to `shape` (XLA's canonical form)."""
        c = self.value(hint + "_c", (),
                       f"hlo.constant dense<{f32_literal(value)}> : tensor<f32>")
        return self.broadcast(c, [], shape, hint)

    def broadcast(self, x, dims, shape, hint):
        dims_text = ", ".join(str(d) for d in dims)
        return self.value(hint, shape,
                          f"hlo.broadcast_in_dim {x}, dims = [{dims_text}] : "
                          f"({tensor(self.shape(x))}) -> {tensor(shape)}")

    def reshape(self, x, shape, hint):
        return self.value(hint, shape, f"hlo.reshape {x} : "
                          f"({tensor(self.shape(x))}) -> {tensor(shape)}")

    def transpose(self, x, perm, hint):
        shape = [self.shape(x)[p] for p in perm]
        perm_text = ", ".join(str(p) for p in perm)
        return self.value(hint, shape,
                          f"hlo.transpose {x}, dims = [{perm_text}] : "
                          f"({tensor(self.shape(x))}) -> {tensor(shape)}")

    def dot(self, a, b, batching, contracting, shape, hint):
        dims = ""
        if batching:
            dims += f"batching_dims = [{batching[0]}] x [{batching[1]}], "
        dims += f"contracting_dims = [{contracting[0]}] x [{contracting[1]}]"
        return self.value(hint, shape,
                          f"hlo.dot_general {a}, {b}, {dims} : "
                          f"({tensor(self.shape(a))}, {tensor(self.shape(b))}) "
                          f"-> {tensor(shape)}")

    def reduce_last(self, x, combiner, init, hint):
        """Reduces the last axis of x with hlo.`combiner` from scalar `init`."""
        shape = self.shape(x)
        out = shape[:-1]
        return self.value(hint, out,
                          f"hlo.reduce({x} init: {init}) applies hlo.{combiner} "
                          f"across dimensions = [{len(shape) - 1}] : "
                          f"({tensor(shape)}, tensor<f32>) -> {tensor(out)}")

    def scalar(self, value, hint):
        return self.value(hint, (),
                          f"hlo.constant dense<{f32_literal(value)}> : tensor<f32>")

    # Layers.
    def dense(self, x, w, b, hint):
        """x @ w + b for x [M, K], w [K, N], b [N]."""
        m, n = self.shape(x)[0], self.shape(w)[1]
        y = self.dot(x, w, None, (1, 0), (m, n), hint + "_mm")
        bb = self.broadcast(b, [1], (m, n), hint + "_bias")
        return self.binary("add", y, bb, hint)

    def broadcast_rows(self, r, shape, hint):
        """Broadcasts a reduction result back along the reduced last axis."""
        return self.broadcast(r, list(range(len(shape) - 1)), shape, hint)

    def softmax_last(self, x, hint):
        shape = self.shape(x)
        ninf = self.value(hint + "_ninf", (),
                          "hlo.constant dense<0xFF800000> : tensor<f32>")
        zero = self.scalar(0.0, hint + "_zero")
        mx = self.reduce_last(x, "maximum", ninf, hint + "_max")
        shifted = self.binary("subtract", x,
                              self.broadcast_rows(mx, shape, hint + "_maxb"),
                              hint + "_shifted")
        e = self.unary("exponential", shifted, hint + "_exp")
        s = self.reduce_last(e, "add", zero, hint + "_sum")
        return self.binary("divide", e,
                           self.broadcast_rows(s, shape, hint + "_sumb"), hint)

    def layer_norm_last(self, x, gamma, beta, hint):
        """torch.nn.functional.layer_norm over the last axis (biased var)."""
        shape = self.shape(x)
        rows = shape[:-1]
        zero = self.scalar(0.0, hint + "_zero")
        n = self.splat(float(shape[-1]), rows, hint + "_n")
        s = self.reduce_last(x, "add", zero, hint + "_sum")
        mean = self.binary("divide", s, n, hint + "_mean")
        centered = self.binary("subtract", x,
                               self.broadcast_rows(mean, shape, hint + "_meanb"),
                               hint + "_centered")
        sq = self.binary("multiply", centered, centered, hint + "_sq")
        var = self.binary("divide", self.reduce_last(sq, "add", zero, hint + "_sqsum"),
                          n, hint + "_var")
        inv = self.unary("rsqrt",
                         self.binary("add", var, self.splat(EPS, rows, hint + "_eps"),
                                     hint + "_vareps"), hint + "_inv")
        norm = self.binary("multiply", centered,
                           self.broadcast_rows(inv, shape, hint + "_invb"),
                           hint + "_norm")
        scaled = self.binary("multiply", norm,
                             self.broadcast(gamma, [1], shape, hint + "_gammab"),
                             hint + "_scaled")
        return self.binary("add", scaled,
                           self.broadcast(beta, [1], shape, hint + "_betab"), hint)

    def gelu(self, x, hint):
        """Exact GELU: 0.5 * x * (1 + erf(x / sqrt(2)))."""
        shape = self.shape(x)
        scaled = self.binary("multiply", x,
                             self.splat(1.0 / math.sqrt(2.0), shape, hint + "_rsqrt2"),
                             hint + "_scaled")
        one_plus = self.binary("add", self.unary("erf", scaled, hint + "_erf"),
                               self.splat(1.0, shape, hint + "_one"), hint + "_1perf")
        half_x = self.binary("multiply", x, self.splat(0.5, shape, hint + "_half"),
                             hint + "_halfx")
        return self.binary("multiply", half_x, one_plus, hint)


def arguments(layers):
    """(name, shape) of each argument of @main for `layers` layers."""
    if layers == 1:
        return ARGUMENTS
    weights = ARGUMENTS[1:]
    return ARGUMENTS[:1] + [(f"{name}_{i}", shape) for i in range(layers)
                            for name, shape in weights]


def block(g, x, args):
    """One encoder layer on x [rows, D_MODEL]; `args` maps the weight names
    of ARGUMENTS to SSA values."""
    rows = BATCH * SEQ

    # Self-attention: project, split into heads [HEADS, rows, HEAD_DIM],
    # softmax(q k^T / sqrt(HEAD_DIM)) v, merge heads, project out.
    def heads(t, hint):
        split = g.reshape(t, (rows, HEADS, HEAD_DIM), hint + "_split")
        return g.transpose(split, [1, 0, 2], hint + "_heads")

    q = heads(g.dense(x, args["wq"], args["bq"], "q"), "q")
    k = heads(g.dense(x, args["wk"], args["bk"], "k"), "k")
    v = heads(g.dense(x, args["wv"], args["bv"], "v"), "v")
    # PyTorch scales q before the product; 1/8 is exact, so the rounding
    # matches.
    q = g.binary("multiply", q,
                 g.splat(1.0 / math.sqrt(HEAD_DIM), g.shape(q), "qscale"), "qs")
    scores = g.dot(q, k, (0, 0), (2, 2), (HEADS, rows, rows), "scores")
    probs = g.softmax_last(scores, "probs")
    ctx = g.dot(probs, v, (0, 0), (2, 1), (HEADS, rows, HEAD_DIM), "ctx")
    ctx = g.reshape(g.transpose(ctx, [1, 0, 2], "ctx_rows"), (rows, D_MODEL),
                    "ctx_merged")
    attn = g.dense(ctx, args["wo"], args["bo"], "attn")
    x = g.layer_norm_last(g.binary("add", x, attn, "res1"), args["gamma1"],
                          args["beta1"], "norm1")

    # Feed-forward: linear2(gelu(linear1(x))).
    hidden = g.gelu(g.dense(x, args["w1"], args["b1"], "ff1"), "gelu")
    ff = g.dense(hidden, args["w2"], args["b2"], "ff2")
    return g.layer_norm_last(g.binary("add", x, ff, "res2"), args["gamma2"],
                             args["beta2"], "norm2")


def build(layers=1):
    g = Graph()
    signature = arguments(layers)
    for name, shape in signature:
        g.shapes[f"%{name}"] = shape
    x = g.reshape("%x", (BATCH * SEQ, D_MODEL), "x2d")
    for i in range(layers):
        suffix = "" if layers == 1 else f"_{i}"
        x = block(g, x, {name: f"%{name}{suffix}" for name, _ in ARGUMENTS})
    y = g.reshape(x, (BATCH, SEQ, D_MODEL), "y")

    sig = ",\n                ".join(f"%{n}: {tensor(s)}" for n, s in signature)
    out_type = tensor((BATCH, SEQ, D_MODEL))
    header = [
        "// Generated by examples/gen_transformer_block.py; do not edit by hand.",
        *([f"// {layers} layers in sequence, each with its own weights, of"]
          if layers > 1 else []),
        "// torch.nn.TransformerEncoderLayer(256, 4, 1024, dropout=0,",
        "// activation='gelu', batch_first=True) in eval mode on [1, 128, 256]:",
        "// x = norm1(x + self_attn(x)); x = norm2(x + linear2(gelu(linear1(x)))),",
        "// exact erf GELU, layer norm eps 1e-5. Projection weights are [in, out]",
        "// (torch's Linear.weight transposed). PyTorch twin: transformer_block.py.",
        f"func.func @main({sig}) -> {out_type} {{",
    ]
    return "\n".join(header + g.lines + [f"  return {y} : {out_type}", "}", ""])


if __name__ == "__main__":
    if len(sys.argv) == 1:
        sys.stdout.write(build())
    elif len(sys.argv) == 3 and sys.argv[1] == "--layers" and sys.argv[2].isdigit() \
            and int(sys.argv[2]) > 0:
        sys.stdout.write(build(int(sys.argv[2])))
    else:
        sys.exit(__doc__)
