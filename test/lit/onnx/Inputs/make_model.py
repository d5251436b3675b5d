"""Writes small ONNX models, valid and broken, for the ONNX lit tests.

  make_model.py CASE OUT.onnx

Each case is a function below; the broken ones damage one thing each.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def model(nodes, inputs, outputs, initializers=(), opset=17):
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(initializers))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 8
    return m


def tensor(name, shape, elem=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem, shape)


def conv_relu():
    """Conv (with bias and padding) + Relu + GlobalAveragePool + Flatten +
    Gemm: a tiny CNN with named nodes."""
    rng = np.random.default_rng(0)
    w = numpy_helper.from_array(rng.standard_normal((4, 3, 3, 3)).astype(np.float32), "w")
    b = numpy_helper.from_array(rng.standard_normal(4).astype(np.float32), "b")
    fc = numpy_helper.from_array(rng.standard_normal((2, 4)).astype(np.float32), "fc")
    nodes = [
        helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv1", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["r"], name="relu1"),
        helper.make_node("GlobalAveragePool", ["r"], ["p"], name="pool"),
        helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "fc"], ["y"], name="classifier", transB=1),
    ]
    return model(nodes, [tensor("x", [1, 3, 8, 8])], [tensor("y", [1, 2])], [w, b, fc])


def dynamic_batch():
    """Relu of an input whose batch dimension is the symbol 'batch'."""
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [tensor("x", ["batch", 4])], [tensor("y", ["batch", 4])])


def shape_input():
    """A Reshape whose target shape is a model input, as ONNX's tests and
    some exports feed it."""
    nodes = [helper.make_node("Reshape", ["x", "shape"], ["y"], name="reshape")]
    return model(nodes, [tensor("x", [2, 3]), tensor("shape", [2], TensorProto.INT64)],
                 [tensor("y", [3, 2])])


def unsupported_op():
    nodes = [helper.make_node("Round", ["x"], ["y"], name="round_it")]
    return model(nodes, [tensor("x", [2, 3])], [tensor("y", [2, 3])])


def float_mod_without_fmod():
    nodes = [helper.make_node("Mod", ["x", "x"], ["y"], name="float_mod")]
    return model(nodes, [tensor("x", [2])], [tensor("y", [2])])


def unsupported_attribute():
    nodes = [helper.make_node("Pad", ["x", "pads"], ["y"], name="wrap_pad", mode="wrap")]
    pads = numpy_helper.from_array(np.array([0, 1, 0, 1], dtype=np.int64), "pads")
    return model(nodes, [tensor("x", [2, 3])], [tensor("y", [2, 5])], [pads])


def newer_opset():
    m = dynamic_batch()
    m.opset_import[0].version = 99
    return m


def checker_failure():
    """A node reads a value nothing defines."""
    nodes = [helper.make_node("Add", ["x", "missing"], ["y"], name="add")]
    return model(nodes, [tensor("x", [2])], [tensor("y", [2])])


def bad_initializer():
    """An initializer whose raw data is 2 floats for a shape of 3."""
    init = TensorProto(name="bias", data_type=TensorProto.FLOAT, dims=[3],
                       raw_data=b"\0" * 8)
    nodes = [helper.make_node("Add", ["x", "bias"], ["y"], name="add_bias")]
    return model(nodes, [tensor("x", [3])], [tensor("y", [3])], [init])


def external_data():
    """An initializer stored in 'weights.bin' beside the model."""
    init = numpy_helper.from_array(np.arange(3, dtype=np.float32), "bias")
    nodes = [helper.make_node("Add", ["x", "bias"], ["y"], name="add_bias")]
    m = model(nodes, [tensor("x", [3])], [tensor("y", [3])], [init])
    onnx.external_data_helper.convert_model_to_external_data(
        m, all_tensors_to_one_file=True, location="weights.bin", size_threshold=0)
    return m


def mismatched_ranks():
    """A ConvTranspose of a rank-2 input with rank-4 weights: ONNX 1.12's
    shape inference reads past a vector on it (found by fuzzing)."""
    nodes = [helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="up")]
    return model(nodes, [tensor("x", [1, 1]), tensor("w", [1, 2, 3, 3])],
                 [tensor("y", [1, 2, 3, 3])], opset=11)


def external_outside():
    """An initializer whose external data file lies above the model's
    directory."""
    m = external_data()
    for entry in m.graph.initializer[0].external_data:
        if entry.key == "location":
            entry.value = "../weights.bin"
    return m


def complex_input():
    nodes = [helper.make_node("Identity", ["x"], ["y"], name="same")]
    return model(nodes, [tensor("x", [2], TensorProto.COMPLEX64)],
                 [tensor("y", [2], TensorProto.COMPLEX64)])


CASES = {name: fn for name, fn in globals().items()
         if callable(fn) and name not in ("model", "tensor", "main")}


def main():
    case, out = sys.argv[1], sys.argv[2]
    m = CASES[case]()
    if case == "external_data":
        onnx.save_model(m, out, save_as_external_data=True,
                        all_tensors_to_one_file=True, location="weights.bin",
                        size_threshold=0)
    else:
        with open(out, "wb") as f:
            f.write(m.SerializeToString())


if __name__ == "__main__":
    main()
