"""Damages a compile cache entry in DIR, for kiln-run-cache.mlir and
kiln-run-quick-start.mlir.

  cache_entry.py truncate DIR [quick]  cut the entry to half its size
  cache_entry.py flip DIR [quick]      flip one bit in its middle (the
                                       object, or the quick start's library)
  cache_entry.py reformat DIR [quick]  change the format line to another
                                       version and recompute the checksum,
                                       so that only the version tells it apart
  cache_entry.py stale DIR quick       change the time recorded for the first
                                       file of Kiln's build that made it, as a
                                       rebuilt Kiln would, checksum recomputed
  cache_entry.py drop DIR quick        remove the entry

Without `quick`, the one entry of the compile cache proper (KEY.kiln); with
it, the one quick-start entry of kiln-run's launcher (KEY.quick.kiln).
"""
import hashlib
import os
import re
import sys

command, directory = sys.argv[1], sys.argv[2]
quick = sys.argv[3:] == ["quick"]
(name,) = [n for n in os.listdir(directory)
           if n.endswith(".kiln") and n.endswith(".quick.kiln") == quick]
path = os.path.join(directory, name)
data = open(path, "rb").read()
magic = b"kiln-quick-start 1" if quick else b"kiln-compile-cache 2"


def with_sum(body):
    return body + b"sum " + hashlib.sha256(body).hexdigest().encode() + b"\n"


if command == "truncate":
    data = data[: len(data) // 2]
elif command == "flip":
    middle = len(data) // 2
    data = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:]
elif command == "reformat":
    body = data[: data.rindex(b"sum ")]
    assert body.startswith(magic + b"\n")
    data = with_sum(magic[:-1] + b"0" + body[len(magic):])
elif command == "stale" and quick:
    body = data[: data.rindex(b"sum ")]
    # "build N\n<size> <mtime> <len>:<path>\n...": the first file's time.
    body, count = re.subn(rb"(build \d+\n\d+ )(\d+)", rb"\g<1>1", body, count=1)
    assert count == 1
    data = with_sum(body)
elif command == "drop" and quick:
    os.remove(path)
    sys.exit(0)
else:
    sys.exit(__doc__)
open(path, "wb").write(data)
