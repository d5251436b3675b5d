#!/usr/bin/python3
"""The cost of running a graph from Python over running it from C++.

    bench/python_overhead.py [--build DIR] [--calls N] [--threads T]

Compiles a graph whose work is nothing (one add of two 1-element tensors),
so that a run's time is all overhead, and times a call three ways, each in
batches of 1,000 calls timed as a whole (no clock read per call), reporting
the median over the batches of the mean time per call:

- C++ API: Executable::runBuffers, which Python's run() calls, in a C++ loop
  on the same arrays' buffers without the GIL (`Executable._time_runs`).
- Python: `executable.run(x, y)` on 64-byte-aligned float32 arrays (the
  zero-copy path): argument checks, a fresh 64-byte-aligned result array,
  the GIL released and taken back, the same runBuffers call.
- Python with one misaligned input, which run() copies (for reference).

The overhead reported is the Python median minus the C++ median (aim: under
5 microseconds). For reference it also prints `kiln-run --bench N`'s median
for Executable::runInto (HostTensor checks, then runBuffers), which kiln-run
prints in steps of 0.1 microseconds. Both sides run on --threads threads
(default 1; 0: all cores; a 1-task kernel runs on the caller's thread
either way).
"""

import argparse
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

GRAPH = """func.func @main(%x: tensor<1xf32>, %y: tensor<1xf32>) -> tensor<1xf32> {
  %z = hlo.add %x, %y : tensor<1xf32>
  return %z : tensor<1xf32>
}
"""


def median_per_call(time_batch, calls, batch=1000):
    """The median over calls/batch batches of time_batch(batch)/batch."""
    time_batch(batch)  # Warm up.
    return statistics.median(
        time_batch(batch) / batch for _ in range(max(1, calls // batch)))


def python_batch(run, args):
    def time_batch(n):
        start = time.perf_counter()
        for _ in range(n):
            run(*args)
        return time.perf_counter() - start
    return time_batch


def main():
    root = pathlib.Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=str(root / "build"))
    parser.add_argument("--calls", type=int, default=200000)
    parser.add_argument("--threads", type=int, default=1)
    options = parser.parse_args()
    build = pathlib.Path(options.build)
    sys.path.insert(0, str(build / "python"))
    import numpy as np
    import kiln

    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "add1.mlir"
        path.write_text(GRAPH)
        output = subprocess.run(
            [str(build / "bin" / "kiln-run"), str(path), "--no-cache",
             "--bench", str(options.calls)]
            + (["--threads", str(options.threads)] if options.threads else []),
            check=True, capture_output=True, text=True).stdout
        run_into = float(re.search(r"median_ms=([0-9.]+)", output).group(1)) / 1e3

        executable = kiln.compile(path, threads=options.threads, cache=False)

    def aligned(value, offset=0):
        raw = np.empty(128, np.uint8)
        start = (-raw.ctypes.data) % 64 + offset
        array = raw[start:start + 4].view(np.float32)
        array[0] = value
        return array

    x, y = aligned(1.5), aligned(2.25)
    assert executable.run(x, y)[0] == 3.75
    assert executable.last_run_copied_inputs == 0
    cpp = median_per_call(
        lambda n: executable._time_runs(x, y, runs=n) * n, options.calls)
    python = median_per_call(python_batch(executable.run, (x, y)), options.calls)
    copied = median_per_call(
        python_batch(executable.run, (aligned(1.5, 4), y)), options.calls // 4)
    assert executable.last_run_copied_inputs == 1

    us = 1e6
    print(f"graph: add of two tensor<1xf32>, threads={options.threads}, "
          f"{options.calls} calls each")
    print(f"C++ Executable::runBuffers in a loop:      {cpp * us:8.3f} us/call")
    print(f"Python executable.run, zero-copy inputs:   {python * us:8.3f} us/call")
    print(f"Python executable.run, one input copied:   {copied * us:8.3f} us/call")
    print(f"kiln-run --bench (Executable::runInto):    {run_into * us:8.1f} us/call")
    print(f"overhead of Python over C++: {(python - cpp) * us:.3f} us/call")


if __name__ == "__main__":
    main()
