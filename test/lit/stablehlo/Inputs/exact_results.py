"""What the oracles of exact results share (sort.py, top_k.py,
select_and_scatter.py): writing inputs, and checking results bit for bit."""
import numpy as np


def write_inputs(directory, inputs):
    """Writes each of `inputs` (name -> array) to DIRECTORY/<name>.npy."""
    for name, value in inputs.items():
        np.save(f"{directory}/{name}.npy", value)


def check_exact(directory, expected):
    """Prints ok when DIRECTORY/result<i>.npy has expected[i]'s dtype and
    bytes for every i, else the first that differs."""
    for i, want in enumerate(expected):
        got = np.load(f"{directory}/result{i}.npy")
        if got.dtype != want.dtype or got.tobytes() != want.tobytes():
            print(f"result{i}: {got.tolist()} != {want.tolist()}")
            return
    print("ok")
