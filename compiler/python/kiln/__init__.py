"""Kiln: compile a graph once, run it on NumPy arrays many times.

    import kiln, numpy as np
    mlp = kiln.compile("examples/mlp.mlir")
    y = mlp.run(x, w1, b1, w2, b2)

docs/python.md describes the API.
"""

import os

from ._kiln import (
    Error,
    Executable,
    Graph,
    KernelTime,
    Profile,
    Signature,
    TensorSpec,
)
from . import _kiln

# Name the classes kiln.X, not kiln._kiln.X, in reprs and tracebacks.
for _class in (Error, Executable, Graph, KernelTime, Profile, Signature, TensorSpec):
    _class.__module__ = __name__
del _class

__all__ = [
    "Error",
    "Executable",
    "Graph",
    "KernelTime",
    "Profile",
    "Signature",
    "TensorSpec",
    "compile",
    "interpret",
    "load",
]

_FUSION_KINDS = ("loop", "input", "output")


def _source_of(source):
    """(text or path, whether it is a path) for a compile/interpret source.

    A str that holds a newline or a '{' is graph text (no graph fits in a
    line without its braces); any other str, and any os.PathLike, is a path.
    """
    if isinstance(source, os.PathLike):
        return os.fspath(source), True
    if isinstance(source, bytes):
        source = source.decode()
    if not isinstance(source, str):
        raise TypeError(
            "expected a path or the graph's text, got " + type(source).__name__
        )
    return source, not ("\n" in source or "{" in source)


def load(source, *, shapes=None, bind=None):
    """Reads and verifies a graph without compiling it: a kiln.Graph.

    `source` is a path (.mlir text or an .onnx model) or the graph's text.
    For ONNX models, `shapes` gives the full shape of inputs with dynamic
    dimensions ({"input_ids": (1, 128)}) and `bind` fixes inputs to an
    array ({"shape": np.array([1, 4], np.int64)}), as kiln-run's --shape and
    --bind do. Raises kiln.Error with the diagnostic on a bad graph.
    """
    text, is_path = _source_of(source)
    return _kiln.load(text, is_path, dict(shapes or {}), dict(bind or {}))


def _fusion_switches(fusion):
    if fusion is True:
        return set(_FUSION_KINDS)
    if fusion is False or fusion is None:
        return set()
    kinds = {fusion} if isinstance(fusion, str) else set(fusion)
    unknown = kinds - set(_FUSION_KINDS)
    if unknown:
        raise ValueError(
            "unknown fusion kind %s; the kinds are 'loop', 'input' and 'output'"
            % ", ".join(repr(k) for k in sorted(unknown))
        )
    return kinds


def compile(
    source,
    *,
    threads=0,
    fusion=True,
    max_loop_fusion_ops=0,
    cache=True,
    shapes=None,
    bind=None,
    weights_unchanged=False,
):
    """Compiles a graph to native code for this CPU: a kiln.Executable.

    source: a path (.mlir text or an .onnx model), a graph's text, or a
      kiln.Graph from kiln.load.
    threads: threads each run uses, and LLVM's work while compiling
      (0: all cores). Results are the same bits whatever the count.
    fusion: True (every kind), False (one kernel per op), or the kinds to
      keep among "loop", "input" and "output".
    max_loop_fusion_ops: the most ops of one loop fusion (0: Kiln's default).
    cache: True for the compile cache's default directory ($KILN_CACHE_DIR,
      else $XDG_CACHE_HOME/kiln or ~/.cache/kiln), False for none, or a
      directory.
    shapes, bind: as for kiln.load.
    weights_unchanged: every run declares that the weights the graph packs
      (executable.packed_inputs: those of its matmuls that are inputs) are
      the same arrays with the same values as in the run before: they are
      packed once. New values in the same array are the caller's error
      (the results then use the old ones); another array is packed anew.

    Raises kiln.Error carrying the diagnostic ("file:line:col: error: ...").
    The GIL is released while compiling; compiles run one at a time.
    """
    graph = source if isinstance(source, Graph) else load(
        source, shapes=shapes, bind=bind
    )
    kinds = _fusion_switches(fusion)
    if cache is True:
        cache_dir = _kiln.default_cache_dir()
    elif cache is False or cache is None:
        cache_dir = ""
    else:
        cache_dir = os.fspath(cache)
    return graph.compile(
        loop_fusion="loop" in kinds,
        input_fusion="input" in kinds,
        output_fusion="output" in kinds,
        max_loop_fusion_ops=int(max_loop_fusion_ops),
        cache_dir=cache_dir,
        threads=int(threads),
        weights_unchanged=bool(weights_unchanged),
    )


def interpret(source, *arrays, shapes=None, bind=None):
    """Runs a graph in Kiln's reference interpreter (slow, the oracle).

    source: a path, a graph's text, a kiln.Graph or a kiln.Executable.
    Takes and returns arrays as Executable.run does: one array for one
    result, a tuple for several.
    """
    if isinstance(source, (Graph, Executable)):
        return source.interpret(*arrays)
    return load(source, shapes=shapes, bind=bind).interpret(*arrays)
