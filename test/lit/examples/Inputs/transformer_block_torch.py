"""Checks examples/transformer_block.mlir against PyTorch's
TransformerEncoderLayer on the same seeded weights.

    transformer_block_torch.py EXAMPLES_DIR WORK_DIR

exports the layer's input and weights (examples/transformer_block.py), runs
kiln-run (from PATH) on them natively and in the reference interpreter, and
compares both with PyTorch's output within |a - b| <= 1e-6 + 1e-5 * |b| (Kiln's one tolerance rule).
It needs torch; the lit test that runs it says `REQUIRES: torch`.
"""
import os
import subprocess
import sys


def main(examples, work):
    import torch  # noqa: F401
    sys.path.insert(0, examples)
    import gen_transformer_block
    import transformer_block

    transformer_block.export(work, seed=0)
    inputs = []
    for i in range(len(gen_transformer_block.ARGUMENTS)):
        inputs += ["--input", os.path.join(work, f"arg{i}.npy")]
    graph = os.path.join(examples, "transformer_block.mlir")
    status = 0
    for mode, flags in (("native", []), ("reference", ["--reference"])):
        out = os.path.join(work, mode)
        subprocess.run(["kiln-run", graph, *inputs, *flags, "--out", out],
                       check=True, stdout=subprocess.DEVNULL)
        print(mode + ": ", end="", flush=True)
        status |= transformer_block.check(os.path.join(work, "expected.npy"),
                                          os.path.join(out, "result0.npy"))
    return status


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
