#!/usr/bin/env bash
# Sweeps all 2^32 f32 inputs of every native transcendental against the C
# library's double-precision functions (test/unit/MathAccuracyTest.cpp,
# DISABLED_Exhaustive) and prints each function's largest error in ulps.
# Minutes per function; pass a gtest name pattern to sweep fewer, e.g.
#   bash scripts/math-sweep.sh 'sine:cosine'
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh --target MathAccuracyTest >/dev/null
filter=""
IFS=':' read -ra names <<< "${1:-*}"
for name in "${names[@]}"; do
  filter+="${filter:+:}*DISABLED_Exhaustive/${name}"
done
exec build/bin/MathAccuracyTest --gtest_also_run_disabled_tests \
  --gtest_filter="$filter"
