"""Writes one test in the layout of ONNX's test data, which
kiln-onnx-conformance reads: OUT/node/test_NAME/model.onnx and
test_data_set_0/{input,output}_N.pb."""
import os

import onnx
from onnx import TensorProto, helper, numpy_helper


def write_test(out, name, node, inputs, outputs, initializers=(), opset=17):
    """`node` is the graph's one node; `inputs` and `outputs` are
    (name, float32 array) pairs fed to and expected from it."""
    graph = helper.make_graph(
        [node], name,
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, x.shape) for n, x in inputs],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, y.shape) for n, y in outputs],
        list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    folder = os.path.join(out, "node", f"test_{name}")
    data = os.path.join(folder, "test_data_set_0")
    os.makedirs(data, exist_ok=True)
    onnx.save(model, os.path.join(folder, "model.onnx"))
    for prefix, tensors in (("input", inputs), ("output", outputs)):
        for i, (n, x) in enumerate(tensors):
            with open(os.path.join(data, f"{prefix}_{i}.pb"), "wb") as f:
                f.write(numpy_helper.from_array(x, n).SerializeToString())
