#!/usr/bin/env bash
# Configures (once) and builds Kiln; tools land in DIR/bin/.
#
#   scripts/build.sh [--dir DIR] [-DVAR=VALUE ...] [cmake --build args ...]
#
# DIR defaults to build/. -D options are CMake cache settings for the first
# configure of DIR (test.sh and fuzz.sh name their sanitizer builds this
# way); everything else goes to `cmake --build`, e.g. --target NAME.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build
configure=()
build=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    -D*) configure+=("$1"); shift ;;
    *) build+=("$1"); shift ;;
  esac
done
if [ ! -f "$dir/build.ninja" ]; then
  cmake -G Ninja -S . -B "$dir" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DMLIR_DIR=/usr/lib/llvm-19/lib/cmake/mlir \
    -DPython3_EXECUTABLE=/usr/bin/python3 \
    "${configure[@]}"
fi
cmake --build "$dir" -j "${KILN_JOBS:-$(nproc)}" "${build[@]}"
