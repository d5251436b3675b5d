"""PyTorch eager on the zoo's models, at one thread count.

    OMP_NUM_THREADS=N /usr/bin/python3 bench/torch_zoo.py ZOO --threads N \\
        --models a,b [--runs R]

rebuilds each model exactly as examples/zoo/export_zoo.py exported it (same
seed, same weights), runs it on ZOO/<model>/input_*.npy and prints one JSON
object {model: {"median_ms": ...}}. bench/compare-zoo spawns one process per
thread count, since PyTorch sizes its pools when torch is imported.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "examples", "zoo"))
import export_zoo  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("zoo")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    results = {}
    for name in args.models.split(","):
        model = export_zoo.build(name, "full")[0]
        folder = os.path.join(args.zoo, name)
        inputs = []
        for i in range(8):
            path = os.path.join(folder, f"input_{i}.npy")
            if os.path.exists(path):
                inputs.append(torch.from_numpy(np.load(path)))
        with torch.no_grad():
            for _ in range(3):
                model(*inputs)
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                model(*inputs)
                times.append((time.perf_counter() - start) * 1e3)
        results[name] = {"median_ms": statistics.median(times)}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
