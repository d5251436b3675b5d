"""Writes Einsum tests in the layout of ONNX's test data, in float32 (ONNX's
own Einsum tests use float64, which Kiln does not read), with NumPy's
einsum as the oracle:

  make_einsum_tests.py OUT   # OUT/node/test_einsum_<name>/...
"""
import sys

import numpy as np
from onnx import helper

from onnx_test_data import write_test

CASES = {
    "matmul": ("ij,jk->ik", [(3, 4), (4, 5)]),
    "batch_matmul": ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    "attention_scores": ("bhqd,bhkd->bhqk", [(1, 2, 3, 4), (1, 2, 5, 4)]),
    "attention_values": ("bhqk,bhkd->bqhd", [(1, 2, 3, 5), (1, 2, 5, 4)]),
    "ellipsis": ("...ij,...jk->...ik", [(2, 2, 3, 4), (2, 2, 4, 3)]),
    "implicit_output": ("ij,jk", [(3, 4), (4, 5)]),
    "inner_product": ("i,i", [(5,), (5,)]),
    "outer_product": ("i,j->ij", [(3,), (4,)]),
    "transpose": ("ij->ji", [(3, 4)]),
    "sum_all": ("ij->", [(3, 4)]),
    "sum_one_side": ("ij,k->ik", [(3, 4), (2,)]),
}


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(0)
    for name, (equation, shapes) in CASES.items():
        inputs = [rng.standard_normal(s).astype(np.float32) for s in shapes]
        expected = np.einsum(equation, *[x.astype(np.float64) for x in inputs])
        expected = np.asarray(expected, dtype=np.float32)
        names = [f"x{i}" for i in range(len(inputs))]
        node = helper.make_node("Einsum", names, ["y"], equation=equation)
        write_test(out, f"einsum_{name}", node, list(zip(names, inputs)),
                   [("y", expected)], opset=12)

if __name__ == "__main__":
    main()
