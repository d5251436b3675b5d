"""File-system steps for lit RUN lines, independent of the PATH lit gives.

  fs.py rm PATH...     remove files or directory trees (missing is fine)
  fs.py mkdir PATH...  create directories (with parents)
  fs.py ls DIR         print DIR's entries, one per line, sorted
"""
import os
import shutil
import sys


def main(argv):
    command, paths = argv[1], argv[2:]
    for path in paths:
        if command == "rm":
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            elif os.path.lexists(path):
                os.remove(path)
        elif command == "mkdir":
            os.makedirs(path, exist_ok=True)
        elif command == "ls":
            for name in sorted(os.listdir(path)):
                print(name)
        else:
            sys.exit("fs.py: unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)
