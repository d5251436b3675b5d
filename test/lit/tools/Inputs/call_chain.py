"""Prints a graph whose @main reaches `hlo.add` through a chain of N calls.

  call_chain.py N > chain.mlir
"""
import sys

TYPE = "tensor<2xf32>"


def main(n):
    print("func.func private @f0(%%x: %s) -> %s {" % (TYPE, TYPE))
    print("  %%0 = hlo.add %%x, %%x : %s" % TYPE)
    print("  return %%0 : %s\n}" % TYPE)
    for i in range(1, n + 1):
        print("func.func private @f%d(%%x: %s) -> %s {" % (i, TYPE, TYPE))
        print("  %%0 = func.call @f%d(%%x) : (%s) -> %s" % (i - 1, TYPE, TYPE))
        print("  return %%0 : %s\n}" % TYPE)
    print("func.func @main(%%x: %s) -> %s {" % (TYPE, TYPE))
    print("  %%0 = func.call @f%d(%%x) : (%s) -> %s" % (n, TYPE, TYPE))
    print("  return %%0 : %s\n}" % TYPE)


if __name__ == "__main__":
    main(int(sys.argv[1]))
