#!/usr/bin/env bash
# Installs dependencies, builds Kiln and runs every test (GoogleTest and lit)
# with ctest.
#
#   scripts/test.sh                              the tests, in build/
#   scripts/test.sh --sanitize=address,undefined every test under ASan + UBSan,
#                                                in build-address-undefined/
#   scripts/test.sh --sanitize=thread            the runtime and concurrency
#                                                tests under TSan, in build-thread/
set -euo pipefail
cd "$(dirname "$0")/.."
sanitize=""
for arg in "$@"; do
  case "$arg" in
    --sanitize=*) sanitize="${arg#--sanitize=}" ;;
    *) echo "test.sh: unknown argument '$arg'" >&2; exit 1 ;;
  esac
done
bash scripts/install-deps.sh
if [ -z "$sanitize" ]; then
  bash scripts/build.sh
  exec ctest --test-dir build --output-on-failure -j "$(nproc)"
fi

dir="build-${sanitize//,/-}"
bash scripts/build.sh --dir "$dir" -DKILN_SANITIZE="$sanitize"
# detect_leaks=0: LLVM and MLIR keep global state alive until exit on
# purpose. allow_user_poisoning=0: LLVM's allocators (inline code compiled
# into Kiln with ASan) poison their slabs, and the uninstrumented libMLIR,
# allocating from the same slabs, never unpoisons them.
export ASAN_OPTIONS="detect_leaks=0:allow_user_poisoning=0:abort_on_error=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
export TSAN_OPTIONS="halt_on_error=1:suppressions=$PWD/test/tsan.supp:${TSAN_OPTIONS:-}"
if [ "$sanitize" = thread ]; then
  # The runtime (thread pool, launch), the concurrent use of compiled
  # graphs, concurrent compiles into one cache and LLVM's work on several
  # threads; the rest of Kiln is single-threaded.
  exec ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" \
    -R 'unit\.(ThreadPool|Launch|Compiler|Concurrency|CompileCache|ParallelCodegen)Test'
fi
exec ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
