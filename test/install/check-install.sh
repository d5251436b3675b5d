#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, builds the consumer
# project beside this script against it with find_package(Kiln), and runs
# its programs: the JIT from C++ and a compiled model linked by C, which
# must need no LLVM or MLIR.
#
#   check-install.sh BUILD_DIR C_COMPILER CXX_COMPILER [FLAGS]
#
# FLAGS (-fsanitize=... for a sanitized build) go to every compile and link.
set -euo pipefail
build=$1
flags=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" > /dev/null
cmake -S "$here" -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER="$2" -DCMAKE_CXX_COMPILER="$3" \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_SHARED_LINKER_FLAGS="$flags" \
  -DCMAKE_PREFIX_PATH="$work/prefix" > /dev/null
cmake --build "$work/consumer" > "$work/build.log" || { cat "$work/build.log"; exit 1; }
"$work/consumer/jit_scale"
"$work/consumer/run_scale"
# ldd's output is read whole: with pipefail, `ldd | grep -q` fails whenever
# grep stops reading early.
libraries=$(ldd "$work/consumer/run_scale" "$work/consumer/scale.so")
if grep -E 'libLLVM|libMLIR' <<< "$libraries"; then
  echo "check-install: the shipped model needs LLVM or MLIR" >&2
  exit 1
fi
if ! grep -q "$work/prefix/lib/libkiln_runtime.so" <<< "$libraries"; then
  echo "check-install: run_scale does not use the installed libkiln_runtime" >&2
  exit 1
fi
echo "check-install: ok"
