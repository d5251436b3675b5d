"""The Python module `kiln`: compile, run, zero-copy and copied inputs,
errors as exceptions, several Python threads at once, signature, profile,
explain_fusion and the interpreter.

Every number is checked against NumPy computing the same graph (in float64
where rounding could differ) or against the reference interpreter, never
against the compiled code itself. ctest runs this file with
PYTHONPATH=<build>/python.
"""

import pathlib
import re
import threading
import time

import numpy as np
import pytest

import kiln

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
DIAGNOSTIC = re.compile(r"^[^\n]+:\d+:\d+: error: [^\n]+$")

ADD_MUL = """
func.func @main(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %s = hlo.add %x, %y : tensor<4x8xf32>
  %p = hlo.multiply %s, %x : tensor<4x8xf32>
  return %p : tensor<4x8xf32>
}
"""

# Three results of three types from two inputs of two types.
MIXED = """
func.func @main(%a: tensor<3x5xf32>, %n: tensor<3x5xi32>)
    -> (tensor<3x5xi1>, tensor<3xf32>, tensor<3x5xi64>) {
  %zero = hlo.constant dense<0.0> : tensor<3x5xf32>
  %init = hlo.constant dense<0.0> : tensor<f32>
  %gt = hlo.compare GT, %a, %zero, FLOAT : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xi1>
  %sum = hlo.reduce(%a init: %init) applies hlo.add across dimensions = [1] : (tensor<3x5xf32>, tensor<f32>) -> tensor<3xf32>
  %wide = hlo.convert %n : (tensor<3x5xi32>) -> tensor<3x5xi64>
  return %gt, %sum, %wide : tensor<3x5xi1>, tensor<3xf32>, tensor<3x5xi64>
}
"""

SOFTMAX = """
func.func @main(%x: tensor<64x300xf32>) -> tensor<64x300xf32> {
  %ninf = hlo.constant dense<0xFF800000> : tensor<f32>
  %zero = hlo.constant dense<0.0> : tensor<f32>
  %max = hlo.reduce(%x init: %ninf) applies hlo.maximum across dimensions = [1] : (tensor<64x300xf32>, tensor<f32>) -> tensor<64xf32>
  %maxb = hlo.broadcast_in_dim %max, dims = [0] : (tensor<64xf32>) -> tensor<64x300xf32>
  %shifted = hlo.subtract %x, %maxb : tensor<64x300xf32>
  %e = hlo.exponential %shifted : tensor<64x300xf32>
  %sum = hlo.reduce(%e init: %zero) applies hlo.add across dimensions = [1] : (tensor<64x300xf32>, tensor<f32>) -> tensor<64xf32>
  %sumb = hlo.broadcast_in_dim %sum, dims = [0] : (tensor<64xf32>) -> tensor<64x300xf32>
  %y = hlo.divide %e, %sumb : tensor<64x300xf32>
  return %y : tensor<64x300xf32>
}
"""

SCALAR_AND_EMPTY = """
func.func @main(%s: tensor<f32>, %e: tensor<0x4xf32>) -> (tensor<f32>, tensor<0x4xf32>) {
  %d = hlo.add %s, %s : tensor<f32>
  %n = hlo.negate %e : tensor<0x4xf32>
  return %d, %n : tensor<f32>, tensor<0x4xf32>
}
"""


def compile_text(text, **options):
    options.setdefault("cache", False)
    return kiln.compile(text, **options)


def aligned(array, offset=0):
    """A C-contiguous copy of `array` whose data starts `offset` bytes past a
    64-byte boundary."""
    array = np.asarray(array)
    raw = np.empty(array.nbytes + 128, np.uint8)
    start = (-raw.ctypes.data) % 64 + offset
    view = raw[start : start + array.nbytes].view(array.dtype).reshape(array.shape)
    view[...] = array
    assert view.ctypes.data % 64 == offset
    return view


def softmax64(x):
    x = x.astype(np.float64)
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.fixture(scope="module")
def add_mul():
    return compile_text(ADD_MUL)


@pytest.fixture
def xy():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (4, 8)).astype(np.float32)
    y = rng.uniform(-1, 1, (4, 8)).astype(np.float32)
    return x, y


def expected_add_mul(x, y):
    # One rounding per op in float32, as the graph does: NumPy's float32
    # add and multiply are IEEE's, so the bits must agree.
    return (x + y) * x


#===----------------------------------------------------------------------===#
# Compile and run
#===----------------------------------------------------------------------===#


def test_compile_text_and_run(add_mul, xy):
    x, y = xy
    result = add_mul.run(x, y)
    assert isinstance(result, np.ndarray)
    assert result.dtype == np.float32 and result.shape == (4, 8)
    np.testing.assert_array_equal(result, expected_add_mul(x, y))
    np.testing.assert_array_equal(add_mul(x, y), result)


def test_compile_path_mlp():
    path = SOURCE_DIR / "examples" / "mlp.mlir"
    for source in (str(path), path):
        mlp = kiln.compile(source, cache=False)
        names = [spec.name for spec in mlp.signature.inputs]
        assert names == ["x", "w1", "b1", "w2", "b2"]
    rng = np.random.default_rng(1)
    args = [rng.uniform(-1, 1, s.shape).astype(np.float32)
            for s in mlp.signature.inputs]
    x, w1, b1, w2, b2 = (a.astype(np.float64) for a in args)
    expected = np.maximum(x @ w1 + b1, 0) @ w2 + b2
    np.testing.assert_allclose(mlp.run(*args), expected, rtol=1e-4, atol=1e-4)


def test_several_results_and_types():
    executable = compile_text(MIXED)
    rng = np.random.default_rng(2)
    a = rng.uniform(-1, 1, (3, 5)).astype(np.float32)
    n = rng.integers(-1000, 1000, (3, 5)).astype(np.int32)
    gt, total, wide = executable.run(a, n)
    assert gt.dtype == np.bool_ and total.dtype == np.float32
    assert wide.dtype == np.int64
    np.testing.assert_array_equal(gt, a > 0)
    np.testing.assert_allclose(total, a.astype(np.float64).sum(axis=1),
                               rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(wide, n.astype(np.int64))


def test_scalars_lists_and_empty_tensors(add_mul):
    executable = compile_text(SCALAR_AND_EMPTY)
    doubled, negated = executable.run(1.25, np.empty((0, 4), np.float32))
    assert doubled.shape == () and doubled == np.float32(2.5)
    assert negated.shape == (0, 4) and negated.dtype == np.float32
    # Python numbers and lists have no dtype to lose: they are converted as
    # numpy.asarray(value, dtype) does.
    x = [[float(i + j) for j in range(8)] for i in range(4)]
    expected = expected_add_mul(np.float32(x), np.ones((4, 8), np.float32))
    np.testing.assert_array_equal(add_mul.run(x, np.ones((4, 8), np.float32)),
                                  expected)


PASS_THROUGH = """
func.func @main(%x: tensor<3xf32>, %b: tensor<3xi1>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<2xi64>, tensor<3xi1>) {
  %c = hlo.constant dense<[4, 5]> : tensor<2xi64>
  %n = hlo.not %b : tensor<3xi1>
  return %x, %x, %c, %n : tensor<3xf32>, tensor<3xf32>, tensor<2xi64>, tensor<3xi1>
}
"""


def test_results_are_fresh_arrays():
    # An input returned (twice) and a constant returned: each result is its
    # own array, never the input's memory nor another result's.
    executable = compile_text(PASS_THROUGH)
    x = aligned(np.arange(3, dtype=np.float32))
    b = np.array([True, False, True])
    first, second, constant, negated = executable.run(x, b)
    np.testing.assert_array_equal(first, x)
    assert not np.shares_memory(first, x) and not np.shares_memory(first, second)
    np.testing.assert_array_equal(constant, [4, 5])
    np.testing.assert_array_equal(negated, ~b)
    first[0] = 42
    np.testing.assert_array_equal(executable.run(x, b)[0], x)


def test_signature(add_mul):
    signature = compile_text(MIXED).signature
    inputs, outputs = signature.inputs, signature.outputs
    assert [s.name for s in inputs] == ["a", "n"]
    assert [s.shape for s in inputs] == [(3, 5), (3, 5)]
    assert [s.dtype for s in inputs] == [np.dtype(np.float32), np.dtype(np.int32)]
    assert [s.name for s in outputs] == ["result0", "result1", "result2"]
    assert [s.dtype for s in outputs] == [np.dtype(np.bool_), np.dtype(np.float32),
                                          np.dtype(np.int64)]
    assert [s.type for s in outputs] == ["tensor<3x5xi1>", "tensor<3xf32>",
                                         "tensor<3x5xi64>"]
    assert repr(signature) == ("(a: tensor<3x5xf32>, n: tensor<3x5xi32>) -> "
                               "(result0: tensor<3x5xi1>, result1: tensor<3xf32>, "
                               "result2: tensor<3x5xi64>)")
    assert "TensorSpec(name='x', shape=(4, 8), dtype=float32)" == repr(
        add_mul.signature.inputs[0])


def test_onnx_model(tmp_path):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    # A dynamic batch dimension, specialized with shapes=.
    a = helper.make_tensor_value_info("A", TensorProto.FLOAT, ["N", 3])
    b = helper.make_tensor_value_info("B", TensorProto.FLOAT, ["N", 3])
    d = helper.make_tensor_value_info("D", TensorProto.FLOAT, ["N", 3])
    graph = helper.make_graph(
        [helper.make_node("Add", ["A", "B"], ["C"]),
         helper.make_node("Relu", ["C"], ["D"])], "add_relu", [a, b], [d])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    path = tmp_path / "add_relu.onnx"
    onnx.save(model, str(path))

    executable = kiln.compile(path, shapes={"A": (2, 3), "B": [2, 3]}, cache=False)
    assert [s.name for s in executable.signature.inputs] == ["A", "B"]
    assert executable.signature.outputs[0].name == "D"
    rng = np.random.default_rng(3)
    x, y = (rng.uniform(-1, 1, (2, 3)).astype(np.float32) for _ in range(2))
    np.testing.assert_array_equal(executable.run(x, y), np.maximum(x + y, 0))


def test_onnx_bound_input(tmp_path):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    # A Reshape whose shape is a model input: bind= fixes it, and it leaves
    # the signature.
    x = helper.make_tensor_value_info("X", TensorProto.FLOAT, [2, 3])
    s = helper.make_tensor_value_info("S", TensorProto.INT64, [2])
    y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, [3, 2])
    graph = helper.make_graph([helper.make_node("Reshape", ["X", "S"], ["Y"])],
                              "reshape", [x, s], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    path = tmp_path / "reshape.onnx"
    onnx.save(model, str(path))

    executable = kiln.compile(path, bind={"S": np.array([3, 2])}, cache=False)
    assert [spec.name for spec in executable.signature.inputs] == ["X"]
    value = np.arange(6, dtype=np.float32).reshape(2, 3)
    np.testing.assert_array_equal(executable.run(value), value.reshape(3, 2))
    with pytest.raises(TypeError, match=r"bind\['S'\] has dtype complex128"):
        kiln.compile(path, bind={"S": np.array([3.0 + 0j, 2.0])}, cache=False)
    with pytest.raises(kiln.Error, match=r"bound to a tensor<2xf64>, but the "
                       r"model declares int64"):
        kiln.compile(path, bind={"S": np.array([3.0, 2.0])}, cache=False)


#===----------------------------------------------------------------------===#
# Zero copy, copies, conversions
#===----------------------------------------------------------------------===#


@pytest.mark.parametrize("offset", [0, 4, 16, 36])
def test_inputs_aligned_to_their_elements_are_not_copied(add_mul, xy, offset):
    """The kernels read an input wherever its elements lie: NumPy puts large
    arrays 16 bytes past a cache line."""
    x, y = (aligned(a, offset) for a in xy)
    x.flags.writeable = False  # Read-only arrays are passed as they are too.
    result = add_mul.run(x, y)
    assert add_mul.last_run_copied_inputs == 0
    np.testing.assert_array_equal(result, expected_add_mul(*xy))
    # Results are fresh, aligned, C-contiguous and writable.
    assert result.ctypes.data % 64 == 0
    assert result.flags.c_contiguous and result.flags.writeable
    assert not np.shares_memory(result, x) and not np.shares_memory(result, y)


def test_inputs_off_their_elements_are_copied(add_mul, xy):
    x, y = xy
    for offset in (1, 2, 33):
        misaligned = aligned(x, offset)
        assert not misaligned.flags.aligned
        result = add_mul.run(misaligned, aligned(y))
        assert add_mul.last_run_copied_inputs == 1
        np.testing.assert_array_equal(result, expected_add_mul(x, y))


def test_non_contiguous_inputs_are_copied(add_mul, xy):
    x, y = xy
    wide = np.zeros((4, 16), np.float32)
    wide[:, ::2] = x
    strided = wide[:, ::2]
    fortran = np.asfortranarray(y)
    assert not strided.flags.c_contiguous and not fortran.flags.c_contiguous
    result = add_mul.run(strided, fortran)
    assert add_mul.last_run_copied_inputs == 2
    np.testing.assert_array_equal(result, expected_add_mul(x, y))


def test_exact_conversions_are_copied():
    executable = compile_text(MIXED)
    a = np.linspace(-1, 1, 15, dtype=np.float16).reshape(3, 5)
    n = np.arange(15, dtype=np.int16).reshape(3, 5)
    swapped = a.astype(">f4")  # Big-endian float32: same values.
    for first in (a, swapped):
        gt, total, wide = executable.run(first, n)
        assert executable.last_run_copied_inputs == 2
        np.testing.assert_array_equal(gt, a > 0)
        np.testing.assert_allclose(total, a.astype(np.float64).sum(axis=1),
                                   rtol=1e-6, atol=1e-6)
        np.testing.assert_array_equal(wide, n)


#===----------------------------------------------------------------------===#
# Errors
#===----------------------------------------------------------------------===#


def test_wrong_shape_is_value_error(add_mul, xy):
    x, y = xy
    with pytest.raises(ValueError, match=r"input 'y' expects tensor<4x8xf32>, "
                       r"got an array of shape \(8, 4\)"):
        add_mul.run(x, y.T.copy())
    with pytest.raises(ValueError, match="input 'x'"):
        add_mul.run(x[None], y)


def test_lossy_dtype_is_type_error(add_mul, xy):
    x, y = xy
    with pytest.raises(TypeError, match=r"input 'x' expects tensor<4x8xf32> "
                       r"\(dtype float32\), got dtype float64"):
        add_mul.run(x.astype(np.float64), y)
    with pytest.raises(TypeError, match="input 'n'.*int64"):
        compile_text(MIXED).run(np.zeros((3, 5), np.float32),
                                np.zeros((3, 5), np.int64))
    with pytest.raises(TypeError, match="input 'x'"):
        add_mul.run("not a tensor", y)


def test_wrong_input_count_is_type_error(add_mul, xy):
    with pytest.raises(TypeError, match=r"takes 2 inputs \(x: tensor<4x8xf32>, "
                       r"y: tensor<4x8xf32>\), got 1"):
        add_mul.run(xy[0])


@pytest.mark.parametrize("text", [
    # Malformed IR.
    "func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
    "  %y = hlo.add %x, %x : tensor<4xf32>\n  return %z : tensor<4xf32>\n}\n",
    # A graph that fails verification.
    "func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
    "  %y = hlo.add %x, %x : tensor<5xf32>\n  return %y : tensor<4xf32>\n}\n",
    # A dynamic shape.
    "func.func @main(%x: tensor<?xf32>) -> tensor<?xf32> {\n"
    "  return %x : tensor<?xf32>\n}\n",
])
def test_bad_graph_is_kiln_error(text):
    with pytest.raises(kiln.Error) as caught:
        compile_text(text)
    message = str(caught.value)
    assert DIAGNOSTIC.match(message), message
    assert message.startswith("<string>:")
    with pytest.raises(kiln.Error):
        kiln.interpret(text)


def test_missing_file_is_kiln_error(tmp_path):
    missing = tmp_path / "missing.mlir"
    with pytest.raises(kiln.Error, match=re.escape(str(missing)) + ".*error"):
        kiln.compile(missing, cache=False)


def test_bad_options():
    with pytest.raises(ValueError, match="unknown fusion kind 'row'"):
        compile_text(ADD_MUL, fusion=["loop", "row"])
    with pytest.raises(ValueError, match="threads"):
        compile_text(ADD_MUL, threads=-1)
    with pytest.raises(TypeError):
        kiln.compile(42)


#===----------------------------------------------------------------------===#
# Threads
#===----------------------------------------------------------------------===#


def test_eight_python_threads_at_once():
    executable = compile_text(SOFTMAX)
    rng = np.random.default_rng(4)
    inputs = [rng.uniform(-4, 4, (64, 300)).astype(np.float32) for _ in range(8)]
    executable.threads = 1
    expected = [executable.run(x) for x in inputs]
    for x, e in zip(inputs, expected):
        np.testing.assert_allclose(e, softmax64(x), rtol=1e-5, atol=1e-7)
    executable.threads = 0
    assert executable._time_runs(inputs[0], runs=10) > 0  # The bench's hook.
    failures = []

    def work(t):
        try:
            for i in range(200):
                # Half the inputs off their elements, so copies run
                # concurrently too.
                x = inputs[t] if i % 2 else aligned(inputs[t], 2)
                if not np.array_equal(executable.run(x), expected[t]):
                    failures.append((t, i))
        except Exception as error:  # pragma: no cover - reported below
            failures.append((t, repr(error)))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


MATMUL = """
func.func @main(%a: tensor<1024x1024xf32>, %b: tensor<1024x1024xf32>) -> tensor<1024x1024xf32> {
  %c = hlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<1024x1024xf32>, tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  return %c : tensor<1024x1024xf32>
}
"""


@pytest.mark.parametrize("method", ["run", "profile"])
def test_gil_is_released_while_kernels_run(method):
    # One call of tens of milliseconds on one thread, leaving a core free:
    # another Python thread must run in the middle of it, which it cannot
    # while the call holds the GIL.
    executable = compile_text(MATMUL, threads=1)
    a = np.ones((1024, 1024), np.float32)
    call = getattr(executable, method)
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())

    thread = threading.Thread(target=ticker)
    thread.start()
    time.sleep(0.01)
    t0 = time.perf_counter()
    call(a, a)
    t1 = time.perf_counter()
    stop.set()
    thread.join()
    middle = [t for t in ticks if t0 + 0.25 * (t1 - t0) < t < t0 + 0.75 * (t1 - t0)]
    assert middle, "no Python thread ran while the kernels ran (%.1f ms)" % (
        (t1 - t0) * 1e3)


#===----------------------------------------------------------------------===#
# Profile, fusion, interpreter, cache
#===----------------------------------------------------------------------===#


def test_profile():
    executable = compile_text(SOFTMAX, fusion=False)
    x = np.random.default_rng(6).uniform(-1, 1, (64, 300)).astype(np.float32)
    profile = executable.profile(x, runs=3)
    assert profile.runs == 3
    # reduce, broadcast, subtract, exponential, reduce, broadcast, divide.
    assert len(profile.kernels) == 7
    for kernel in profile.kernels:
        assert kernel.calls == 3 and kernel.seconds >= 0
        assert kernel.bytes > 0 and kernel.tasks >= 1
        assert re.match(r"<string>:\d+:\d+$", kernel.location)
    assert profile.total_seconds == pytest.approx(
        sum(k.seconds for k in profile.kernels))
    table = str(profile)
    assert table.startswith("kernel") and "over 3 calls" in table
    assert len(compile_text(SOFTMAX).profile(x).kernels) == 1


def test_explain_fusion():
    line = re.compile(r"^<string>:\d+:\d+ \S+ -> <string>:\d+:\d+ \S+: .+$")
    unfused = compile_text(ADD_MUL, fusion=False).explain_fusion()
    assert len(unfused) == 1 and line.match(unfused[0]), unfused
    assert compile_text(ADD_MUL).explain_fusion() == []
    only_output = compile_text(SOFTMAX, fusion="output").explain_fusion()
    assert only_output and all(line.match(l) for l in only_output)


def test_interpret(add_mul, xy):
    x, y = xy
    expected = expected_add_mul(x, y)
    np.testing.assert_array_equal(kiln.interpret(ADD_MUL, x, y), expected)
    np.testing.assert_array_equal(kiln.interpret(add_mul, x, y), expected)
    np.testing.assert_array_equal(kiln.load(ADD_MUL).interpret(x, y), expected)
    gt, total, wide = kiln.interpret(
        MIXED, np.ones((3, 5), np.float32), np.full((3, 5), 7, np.int32))
    assert gt.all() and wide.dtype == np.int64 and (wide == 7).all()
    np.testing.assert_array_equal(total, np.full(3, 5, np.float32))


def test_compile_cache(tmp_path, xy):
    first = kiln.compile(ADD_MUL, cache=tmp_path)
    second = kiln.compile(ADD_MUL, cache=tmp_path)
    assert not first.loaded_from_cache and second.loaded_from_cache
    np.testing.assert_array_equal(second.run(*xy), expected_add_mul(*xy))


# x @ w with the weights an input: the graph packs w (input 1).
LINEAR = """
func.func @main(%x: tensor<37x70xf32>, %w: tensor<70x30xf32>) -> tensor<37x30xf32> {
  %0 = hlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<37x70xf32>, tensor<70x30xf32>) -> tensor<37x30xf32>
  return %0 : tensor<37x30xf32>
}
"""


@pytest.mark.parametrize("offset", [0, 16, 2])
def test_weights_unchanged_are_packed_once(offset):
    """Under weights_unchanged the first run keeps w packed and later runs
    reuse it, w's aligned copy included where it needs one (offset 2): the
    proof is new values written into the same array, the caller's error,
    which leave the results those of the old ones. Another array, or a run
    without the declaration, packs anew."""
    executable = compile_text(LINEAR, weights_unchanged=True)
    assert executable.weights_unchanged
    assert executable.packed_inputs == [1]
    rng = np.random.default_rng(7)
    x = aligned(rng.uniform(-1, 1, (37, 70)).astype(np.float32))
    w = aligned(rng.uniform(-1, 1, (70, 30)).astype(np.float32), offset)
    reference = kiln.interpret(LINEAR, x, w)
    first = executable.run(x, w)
    assert executable.last_run_copied_inputs == (1 if offset % 4 else 0)
    np.testing.assert_array_equal(first, reference)
    np.testing.assert_array_equal(executable.run(x, w), reference)
    assert executable.last_run_copied_inputs == 0  # The kept copy again.

    w[...] = -2 * w
    fresh = kiln.interpret(LINEAR, x, w)
    assert not np.array_equal(fresh, reference)
    np.testing.assert_array_equal(executable.run(x, w), reference)
    np.testing.assert_array_equal(executable.run(x, w.copy()), fresh)
    executable.weights_unchanged = False
    np.testing.assert_array_equal(executable.run(x, w), fresh)


def test_weights_are_packed_each_run_by_default():
    executable = compile_text(LINEAR)
    assert not executable.weights_unchanged
    rng = np.random.default_rng(8)
    x = rng.uniform(-1, 1, (37, 70)).astype(np.float32)
    w = rng.uniform(-1, 1, (70, 30)).astype(np.float32)
    np.testing.assert_array_equal(executable.run(x, w), kiln.interpret(LINEAR, x, w))
    w[...] = -w
    np.testing.assert_array_equal(executable.run(x, w), kiln.interpret(LINEAR, x, w))
