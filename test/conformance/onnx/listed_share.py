"""How many of ONNX's node tests whose ops are all in the ONNX issue's list
pass, by the results a run recorded (kiln-onnx-conformance --write FILE, or
the checked-in expected-results.txt), and which do not.

  listed_share.py DATA RESULTS

DATA is the test data's root (/usr/share/libonnx-testdata/data). Prints
"<pass> of <listed> listed node tests pass (<share>%)", then each listed
test that does not pass with its status.
"""
import os
import sys

import onnx

# The ops the ONNX issue lists (its "What to build", item 2).
LISTED = set("""
Conv ConvTranspose BatchNormalization Relu LeakyRelu Clip Sigmoid Tanh
HardSigmoid HardSwish Gelu Erf MaxPool AveragePool GlobalAveragePool
GlobalMaxPool Gemm MatMul Add Sub Mul Div Pow Sqrt Reciprocal Exp Log Neg Abs
Min Max Sum Mean Softmax LogSoftmax LayerNormalization ReduceMean ReduceSum
ReduceMax ReduceMin ReduceProd ReduceL2 ArgMax ArgMin Transpose Reshape
Flatten Squeeze Unsqueeze Concat Split Slice Gather GatherElements ScatterND
Cast Where Expand Tile Pad Resize Shape Size ConstantOfShape Range Constant
Identity Dropout Equal Less LessOrEqual Greater GreaterOrEqual Not And Or Xor
Einsum TopK CumSum Trilu
""".split())


def main():
    data, results = sys.argv[1:3]
    status = {}
    for line in open(results):
        fields = line.split()
        if len(fields) >= 2:
            status[fields[0]] = fields[1]
    listed, missing = 0, []
    node_dir = os.path.join(data, "node")
    for name in sorted(os.listdir(node_dir)):
        model = onnx.load(os.path.join(node_dir, name, "model.onnx"),
                          load_external_data=False)
        ops = {node.op_type for node in model.graph.node}
        if not ops or not ops <= LISTED:
            continue
        listed += 1
        if status.get("node/" + name) != "pass":
            missing.append((name, status.get("node/" + name, "not run")))
    passed = listed - len(missing)
    print(f"{passed} of {listed} listed node tests pass "
          f"({100 * passed / listed:.1f}%)")
    for name, result in missing:
        print(f"node/{name} {result}")


if __name__ == "__main__":
    main()
