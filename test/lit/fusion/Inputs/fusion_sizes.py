"""Reads `kilnc --emit=fused` output on stdin and prints, for the checks of
large-graph.test: the number of hlo.fusion ops, the ops they hold (constants,
which are copies, not counted) and the largest fusion's op count."""
import re
import sys

fusions, held, largest, current = 0, 0, 0, None
for line in sys.stdin:
    if re.search(r"= hlo\.fusion ", line):
        fusions += 1
        current = 0
    elif current is not None and "hlo.return" in line:
        held += current
        largest = max(largest, current)
        current = None
    elif current is not None and re.search(r"= hlo\.", line) \
            and "hlo.constant" not in line:
        current += 1
print(f"fusions={fusions} held={held} largest={largest}")
