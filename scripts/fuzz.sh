#!/usr/bin/env bash
# Fuzzes one harness with libFuzzer, under ASan and UBSan:
#
#   scripts/fuzz.sh mlir SECONDS   the .mlir path: parse, verify, graph passes,
#                                  fusion, code generation to LLVM IR
#   scripts/fuzz.sh npy SECONDS    the .npy reader
#   scripts/fuzz.sh onnx SECONDS   the ONNX frontend (from memory: checker,
#                                  shape inference, import), then Kiln's
#                                  passes down to the LLVM dialect
#
# Starts from the checked-in corpus (test/fuzz/corpus/TARGET, read only);
# new inputs go to build-fuzz/fuzz-TARGET/new, a crash to
# build-fuzz/fuzz-TARGET/crash-*. A crash, once fixed, is copied into the
# corpus, where ctest replays it as a regression test (fuzz.*Fuzzer).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
  echo "usage: scripts/fuzz.sh mlir|npy|onnx SECONDS" >&2
  exit 1
fi
target="$1" seconds="$2"
case "$target" in
  mlir) harness=MlirFuzzer ;;
  npy) harness=NpyFuzzer ;;
  onnx) harness=OnnxFuzzer ;;
  *) echo "fuzz.sh: unknown target '$target' (mlir, npy or onnx)" >&2; exit 1 ;;
esac
bash scripts/install-deps.sh
dir=build-fuzz
bash scripts/build.sh --dir "$dir" \
  -DKILN_SANITIZE="fuzzer-no-link,address,undefined" -DKILN_FUZZ=ON \
  --target "$harness"
work="$dir/fuzz-$target"
mkdir -p "$work/new"
# See scripts/test.sh for why these two are off.
export ASAN_OPTIONS="detect_leaks=0:allow_user_poisoning=0:${ASAN_OPTIONS:-}"
exec "$dir/bin/$harness" "$work/new" "test/fuzz/corpus/$target" \
  -max_total_time="$seconds" -timeout=20 -rss_limit_mb=8192 \
  -artifact_prefix="$work/" -print_final_stats=1
