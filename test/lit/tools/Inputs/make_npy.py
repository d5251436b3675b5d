"""Writes good and bad .npy files for kiln-run's tests into DIR.

  make_npy.py DIR

Every file is meant for an argument of type tensor<2x3xf32>.
"""
import os
import sys

import numpy as np
import numpy.lib.format as npy_format


def main(directory):
    os.makedirs(directory, exist_ok=True)

    def path(name):
        return os.path.join(directory, name)

    good = np.arange(6, dtype=np.float32).reshape(2, 3)
    np.save(path("good.npy"), good)
    np.save(path("ones.npy"), np.ones((2, 3), np.float32))
    np.save(path("f64.npy"), good.astype(np.float64))
    np.save(path("i32.npy"), good.astype(np.int32))
    np.save(path("shape3x2.npy"), good.reshape(3, 2))
    np.save(path("rank1.npy"), good.reshape(6))
    np.save(path("scalar.npy"), np.float32(1))
    np.save(path("fortran.npy"), np.asfortranarray(good))
    np.save(path("big-endian.npy"), good.astype(">f4"))
    np.save(path("object.npy"), np.array([1, "a"], dtype=object),
            allow_pickle=True)
    with open(path("version2.npy"), "wb") as f:
        npy_format.write_array(f, good, version=(2, 0))
    data = open(path("good.npy"), "rb").read()
    open(path("truncated-data.npy"), "wb").write(data[:-5])
    open(path("truncated-header.npy"), "wb").write(data[:20])
    open(path("bad-magic.npy"), "wb").write(b"XNUMPY" + data[6:])
    open(path("trailing-bytes.npy"), "wb").write(data + b"1234")
    open(path("empty.npy"), "wb").write(b"")


if __name__ == "__main__":
    main(sys.argv[1])
