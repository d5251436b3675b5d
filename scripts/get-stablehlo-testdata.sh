#!/usr/bin/env bash
# Fetches StableHLO's JAX-generated test data (stablehlo/testdata of
# openxla/stablehlo, 2,839 .mlir files, ~31 MB) for the conformance runner:
#
#   scripts/get-stablehlo-testdata.sh DIR
#   cmake -B build -DKILN_STABLEHLO_TESTDATA=DIR/stablehlo/testdata
#
# Needs git and the network; Kiln's build never downloads it.
set -euo pipefail
dir="${1:?usage: get-stablehlo-testdata.sh DIR}"
if [ -e "$dir" ]; then
  echo "error: $dir exists; give a new folder" >&2
  exit 1
fi
git clone --quiet --depth 1 --filter=blob:none --sparse \
  https://github.com/openxla/stablehlo "$dir"
git -C "$dir" sparse-checkout set stablehlo/testdata
echo "$dir/stablehlo/testdata: $(find "$dir/stablehlo/testdata" -name '*.mlir' | wc -l) files"
