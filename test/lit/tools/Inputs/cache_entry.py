"""Damages the one compile cache entry in DIR, for kiln-run-cache.mlir.

  cache_entry.py truncate DIR   cut the entry to half its size
  cache_entry.py flip DIR       flip one bit in the middle of its object
  cache_entry.py reformat DIR   change the format line to another version
                                and recompute the checksum, so that only
                                the version tells it apart
"""
import hashlib
import os
import sys

command, directory = sys.argv[1], sys.argv[2]
(name,) = [n for n in os.listdir(directory) if n.endswith(".kiln")]
path = os.path.join(directory, name)
data = open(path, "rb").read()
if command == "truncate":
    data = data[: len(data) // 2]
elif command == "flip":
    middle = len(data) // 2
    data = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:]
elif command == "reformat":
    body = data[: data.rindex(b"sum ")]
    assert body.startswith(b"kiln-compile-cache 2\n")
    body = b"kiln-compile-cache 0" + body[len(b"kiln-compile-cache 2"):]
    data = body + b"sum " + hashlib.sha256(body).hexdigest().encode() + b"\n"
else:
    sys.exit(__doc__)
open(path, "wb").write(data)
