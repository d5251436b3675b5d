#!/usr/bin/env bash
# Installs every Debian 12 package Kiln's build, tests and benchmarks use.
# Idempotent: packages already present are skipped; uses sudo only when not root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache git
  clang-19 llvm-19-dev llvm-19-tools libmlir-19-dev mlir-19-tools
  libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy clang-format-19 libclang-rt-19-dev
  libopenblas-dev libdnnl-dev python3-torch python3-torchvision
  libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata python3-onnx
  nodejs pybind11-dev python3-dev python3-pytest
)
# npm fetches ONNX Runtime, a benchmark peer (bench/compare-zoo). Some
# machines have a nodejs that bundles its own npm, which Debian's npm
# package would conflict with.
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
