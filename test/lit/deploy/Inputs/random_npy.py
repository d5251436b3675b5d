"""Writes seeded uniform f32 tensors as DIR/NAME.npy: random_npy.py DIR NAME:AxB ..."""
import sys

import numpy as np

directory = sys.argv[1]
rng = np.random.default_rng(0)
for spec in sys.argv[2:]:
    name, shape = spec.split(":")
    sizes = tuple(int(size) for size in shape.split("x")) if shape else ()
    np.save(f"{directory}/{name}.npy", rng.uniform(-1, 1, sizes).astype(np.float32))
