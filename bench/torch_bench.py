"""PyTorch eager on Kiln's benchmark cases, at one thread count.

    OMP_NUM_THREADS=N OPENBLAS_NUM_THREADS=N \\
        /usr/bin/python3 bench/torch_bench.py --threads N [--min-time S] [--filter REGEX]

prints one JSON object: {"threads": N, "cases": {name: {"median_s": ...,
"runs": ...}}}. The cases are those of KilnBench, on the same shapes, each
computed by the PyTorch twin beside its graph in examples/. bench/compare
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


def uniform(shape, generator):
    import torch
    return torch.rand(shape, generator=generator) * 2 - 1


def cases():
    """(name, callable running the case once) in KilnBench's order. Inputs
    are made here, once, and outside the timing."""
    import torch
    import chain as chain_twin
    import layernorm_twin
    import mlp as mlp_twin
    import softmax_twin
    import transformer_block

    g = torch.Generator().manual_seed(0)

    def inputs(shapes):
        return [uniform(s, g) for s in shapes]

    a, b, c = inputs(chain_twin.INPUT_SHAPES)
    yield "chain", lambda: chain_twin.chain(a, b, c)
    for kind, rows in (("softmax", 512), ("softmax", 8192),
                       ("layernorm", 512), ("layernorm", 8192)):
        twin = softmax_twin if kind == "softmax" else layernorm_twin
        fn = twin.softmax if kind == "softmax" else twin.layernorm
        args = inputs(twin.input_shapes(rows, 4096))
        yield f"{kind}_{rows}x4096", (lambda fn=fn, args=args: fn(*args))
    mlp_args = inputs(mlp_twin.INPUT_SHAPES)
    yield "mlp", lambda: mlp_twin.mlp(*mlp_args)
    layer, x = transformer_block.make_layer(0), transformer_block.make_input(0)
    yield "transformer_block", lambda: layer(x)


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


def run_cases(make_cases, description, program, caller):
    """The command line both PyTorch scripts share: times the cases
    `make_cases()` yields that match --filter, at --threads, and prints the
    JSON object. `caller` is the script that sets the thread variables."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--min-time", type=float, default=0.5,
                        help="seconds each case runs at least (default 0.5)")
    parser.add_argument("--filter", default="", help="regex of cases to run")
    options = parser.parse_args()
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        if os.environ.get(variable) != str(options.threads):
            sys.exit(f"{program}: set {variable}={options.threads} before "
                     f"starting Python ({caller} does)")

    import torch
    torch.set_num_threads(options.threads)
    results = {}
    with torch.no_grad():
        for name, run in make_cases():
            if re.search(options.filter, name):
                results[name] = measure(run, options.min_time)
                print(f"torch {name} threads={options.threads}: "
                      f"{results[name]['median_s'] * 1e3:.3f} ms", file=sys.stderr)
    json.dump({"threads": options.threads, "torch": torch.__version__,
               "cases": results}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    run_cases(cases, __doc__.split("\n")[0], "torch_bench.py", "bench/compare")
