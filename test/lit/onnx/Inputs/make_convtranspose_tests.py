"""Writes ConvTranspose tests in the layout of ONNX's test data for what
ONNX's own tests leave out (groups, output_padding with dilation, 1-D with
every attribute), with PyTorch's conv_transpose as the oracle:

  make_convtranspose_tests.py OUT   # OUT/node/test_convtranspose_<name>/...
"""
import sys

import numpy as np
import torch
from onnx import helper, numpy_helper

from onnx_test_data import write_test

# name: (input shape, weight shape, attributes)
CASES = {
    "groups": ((1, 4, 5, 5), (4, 3, 3, 3),
               dict(group=2, strides=[2, 2], pads=[1, 1, 1, 1])),
    "output_padding_dilation": ((2, 3, 4, 6), (3, 2, 2, 3),
                                dict(strides=[2, 3], dilations=[2, 1],
                                     output_padding=[1, 2],
                                     pads=[0, 1, 1, 0])),
    "depthwise_1d": ((1, 3, 7), (3, 1, 4),
                     dict(group=3, strides=[3], pads=[2, 1],
                          output_padding=[1])),
}


def oracle(x, w, bias, attrs):
    rank = x.ndim - 2
    pads = attrs.get("pads", [0] * 2 * rank)
    fn = torch.nn.functional.conv_transpose1d if rank == 1 else \
        torch.nn.functional.conv_transpose2d
    # PyTorch pads both ends equally; extra end padding is cropped after.
    y = fn(torch.from_numpy(x).double(), torch.from_numpy(w).double(),
           torch.from_numpy(bias).double(), stride=attrs.get("strides", 1),
           padding=0, output_padding=attrs.get("output_padding", 0),
           groups=attrs.get("group", 1), dilation=attrs.get("dilations", 1))
    index = [slice(None), slice(None)]
    for i in range(rank):
        index.append(slice(pads[i], y.shape[2 + i] - pads[rank + i]))
    return y[tuple(index)].numpy().astype(np.float32)


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(0)
    for name, (x_shape, w_shape, attrs) in CASES.items():
        x = rng.standard_normal(x_shape).astype(np.float32)
        w = rng.standard_normal(w_shape).astype(np.float32)
        bias = rng.standard_normal(w_shape[1] * attrs.get("group", 1)).astype(np.float32)
        y = oracle(x, w, bias, attrs)
        node = helper.make_node("ConvTranspose", ["x", "w", "b"], ["y"], **attrs)
        write_test(out, f"convtranspose_{name}", node, [("x", x)], [("y", y)],
                   [numpy_helper.from_array(w, "w"),
                    numpy_helper.from_array(bias, "b")])

if __name__ == "__main__":
    main()
