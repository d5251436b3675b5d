"""PyTorch eager on Kiln's benchmark cases, at one thread count.

    OMP_NUM_THREADS=N OPENBLAS_NUM_THREADS=N \\
        /usr/bin/python3 bench/torch_bench.py --threads N --inputs DIR [--min-time S] [--filter REGEX]

prints one JSON object: {"threads": N, "cases": {name: {"median_s": ...,
"runs": ...}}}. The cases are those of KilnBench, each computed by the
PyTorch twin beside its graph in examples/ on the inputs KilnBench wrote
(DIR/<case>/arg<i>.npy, `KilnBench --inputs_dir=DIR`); before a case is
timed, its result is held to the reference interpreter's
(DIR/<case>/expected0.npy) with Kiln's tolerance rule. bench/compare
spawns one process per thread count: PyTorch's BLAS (OpenBLAS) and OpenMP
pools size themselves from the environment when torch is imported, and
torch.set_num_threads does not limit OpenBLAS.
"""
import argparse
import json
import os
import re
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "examples"))


def load_arguments(directory):
    """The arrays DIRECTORY/arg0.npy, arg1.npy, ... in order."""
    import numpy as np
    arrays = []
    while os.path.exists(path := os.path.join(directory, f"arg{len(arrays)}.npy")):
        arrays.append(np.load(path))
    return arrays


def cases(inputs_dir):
    """(name, callable running the case once) in KilnBench's order, for the
    cases KilnBench wrote inputs for. Inputs are loaded here, once, and
    outside the timing."""
    import torch
    import chain as chain_twin
    import layernorm_twin
    import mlp as mlp_twin
    import softmax_twin
    import transformer_block

    twins = {"chain": chain_twin.chain, "mlp": mlp_twin.mlp}
    for rows in (512, 8192):
        twins[f"softmax_{rows}x4096"] = softmax_twin.softmax
        twins[f"layernorm_{rows}x4096"] = layernorm_twin.layernorm
    for name in ("chain", "softmax_512x4096", "softmax_8192x4096",
                 "layernorm_512x4096", "layernorm_8192x4096", "mlp",
                 "transformer_block"):
        directory = os.path.join(inputs_dir, name)
        if not os.path.isdir(directory):
            continue
        arrays = load_arguments(directory)
        if name == "transformer_block":
            layer, x = transformer_block.layer_from_arguments(arrays)
            run = lambda layer=layer, x=x: layer.eval()(x)
        else:
            args = [torch.from_numpy(a) for a in arrays]
            run = lambda fn=twins[name], args=args: fn(*args)
        yield name, run, os.path.join(directory, "expected0.npy")


# Cases with matrix products, which PyTorch sums in another order.
CONTRACTIONS = {"mlp", "transformer_block"}


def check_against_reference(name, result, expected_path):
    """Exits unless `result` matches the interpreter's: element by element
    within Kiln's tolerance rule (|a - b| <= 1e-6 + 1e-5 |b|, as
    examples/transformer_block.py's check), or for a case with matrix
    products, whose sums PyTorch orders its own way, within the rule for
    another framework's model output (|a - b| <= 1e-7 + 1e-3 max |b|,
    compareModelOutputs in test/support/NumericsCompare.h): an element
    near zero by cancellation carries the rounding of the large terms."""
    import numpy as np
    import transformer_block
    expected = np.load(expected_path).astype(np.float64)
    actual = result.numpy().astype(np.float64)
    if expected.shape != actual.shape:
        sys.exit(f"torch_bench.py: {name}: result shape {actual.shape}, "
                 f"the interpreter's {expected.shape}")
    error = np.abs(actual - expected)
    if name in CONTRACTIONS:
        scale = np.abs(expected[np.isfinite(expected)]).max(initial=0)
        bound = 1e-7 + 1e-3 * scale
    else:
        bound = transformer_block.ATOL + transformer_block.RTOL * np.abs(expected)
    bad = ~(error <= bound)
    bad &= ~((actual == expected) | (np.isnan(actual) & np.isnan(expected)))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        sys.exit(f"torch_bench.py: {name}: PyTorch's result differs from the "
                 f"reference interpreter's at element {i}: "
                 f"{actual.flat[i]!r} vs {expected.flat[i]!r}")


def measure(run, min_time, min_runs=10, warmup=3):
    for _ in range(warmup):
        run()
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or time.perf_counter() - start < min_time:
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(times), "runs": len(times)}


def run_cases(make_cases, description, program, caller, takes_inputs=False):
    """The command line both PyTorch scripts share: times the cases
    `make_cases()` yields that match --filter, at --threads, and prints the
    JSON object. `caller` is the script that sets the thread variables.
    With `takes_inputs`, --inputs DIR is required, the cases come from
    `make_cases(DIR)`, and each names the reference result it is held to."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--min-time", type=float, default=0.5,
                        help="seconds each case runs at least (default 0.5)")
    parser.add_argument("--filter", default="", help="regex of cases to run")
    if takes_inputs:
        parser.add_argument("--inputs", required=True,
                            help="the directory KilnBench --inputs_dir wrote")
    options = parser.parse_args()
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        if os.environ.get(variable) != str(options.threads):
            sys.exit(f"{program}: set {variable}={options.threads} before "
                     f"starting Python ({caller} does)")

    import torch
    torch.set_num_threads(options.threads)
    results = {}
    with torch.no_grad():
        for name, run, *expected in (make_cases(options.inputs) if takes_inputs
                                     else make_cases()):
            if re.search(options.filter, name):
                if expected:
                    check_against_reference(name, run(), expected[0])
                results[name] = measure(run, options.min_time)
                print(f"torch {name} threads={options.threads}: "
                      f"{results[name]['median_s'] * 1e3:.3f} ms", file=sys.stderr)
    json.dump({"threads": options.threads, "torch": torch.__version__,
               "cases": results}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    run_cases(cases, __doc__.split("\n")[0], "torch_bench.py", "bench/compare",
              takes_inputs=True)
