#!/usr/bin/env bash
# Installs dependencies, builds Kiln and runs every test (GoogleTest and lit) with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
