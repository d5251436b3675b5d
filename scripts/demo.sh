#!/usr/bin/env bash
# Installs dependencies, builds Kiln, then compiles and runs the bundled MLP example:
# prints its outputs and the latency.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
build/bin/kiln-run examples/mlp.mlir --bench 20
