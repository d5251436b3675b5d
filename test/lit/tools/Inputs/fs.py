"""File-system steps for lit RUN lines, independent of the PATH lit gives.

  fs.py rm PATH...     remove files or directory trees (missing is fine)
  fs.py mkdir PATH...  create directories (with parents)
  fs.py ls DIR         print DIR's entries, one per line, sorted
  fs.py kind PATH...   print what each path is, without following a link:
                       missing, file, directory, symlink or device
  fs.py symlink T L    make L a symbolic link to T
"""
import os
import shutil
import sys


def kind(path):
    if os.path.islink(path):
        return "symlink"
    if not os.path.exists(path):
        return "missing"
    if os.path.isdir(path):
        return "directory"
    if os.path.isfile(path):
        return "file"
    return "device"


def main(argv):
    command, paths = argv[1], argv[2:]
    if command == "symlink":
        os.symlink(paths[0], paths[1])
        return
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
        elif command == "kind":
            print(kind(path))
        else:
            sys.exit("fs.py: unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)
