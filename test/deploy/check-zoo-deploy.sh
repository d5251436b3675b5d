#!/usr/bin/env bash
# Ships each exported zoo model as a shared library (kilnc --emit=so), runs
# it through examples/deploy/deploy.c on the exported input, and checks that
# the outputs are bitwise those of kiln-run for the same target (whose
# agreement with PyTorch zoo-check tests).
#
#   check-zoo-deploy.sh BUILD_DIR SOURCE_DIR "C_COMPILER [FLAGS]" MODEL...
set -euo pipefail
build=$1 source=$2
read -ra cc <<< "$3"
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for model in "$@"; do
  zoo="$build/zoo/$model"
  dir="$work/$model"
  mkdir -p "$dir/in" "$dir/so" "$dir/jit"
  "$build/bin/kilnc" "$zoo/model.onnx" --emit=so --name=model -o "$dir/model.so"
  "${cc[@]}" "$source/examples/deploy/deploy.c" -DKILN_MODEL=model \
    -include "$dir/model.h" -I"$source" "$dir/model.so" -L"$build/lib" \
    -lkiln_runtime -Wl,-rpath,"$build/lib:$dir" -o "$dir/deploy"
  if ldd "$dir/model.so" | grep -E 'libLLVM|libMLIR'; then
    echo "check-zoo-deploy: $model.so needs LLVM or MLIR" >&2
    exit 1
  fi
  # The header names the inputs and outputs: "/* Input 0, 'name': ...".
  mapfile -t inputs < <(sed -n "s|^/\* Input [0-9]*, '\(.*\)': .*|\1|p" "$dir/model.h")
  mapfile -t outputs < <(sed -n "s|^/\* Output [0-9]*, '\(.*\)': .*|\1|p" "$dir/model.h")
  flags=()
  for i in "${!inputs[@]}"; do
    cp "$zoo/input_$i.npy" "$dir/in/${inputs[$i]}.npy"
    flags+=(--input "$zoo/input_$i.npy")
  done
  "$dir/deploy" "$dir/in" "$dir/so"
  "$build/bin/kiln-run" "$zoo/model.onnx" --no-cache --target=x86-64-v3 \
    "${flags[@]}" --out "$dir/jit" > /dev/null
  for i in "${!outputs[@]}"; do
    cmp "$dir/so/${outputs[$i]}.npy" "$dir/jit/result$i.npy"
  done
  echo "check-zoo-deploy: $model: ${#inputs[@]} input(s), ${#outputs[@]} output(s), bitwise equal to kiln-run"
done
