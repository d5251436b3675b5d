"""Prints `same results` when two kiln-run outputs print the same results
(every line but the final latency line), else the first difference."""
import sys

a, b = ([line for line in open(path) if not line.startswith("latency:")]
        for path in sys.argv[1:3])
if a == b and a:
    print("same results")
else:
    print("different results:", next((x, y) for x, y in zip(a + [""], b + [""])
                                     if x != y))
