#!/usr/bin/env bash
# Installs dependencies, builds Kiln, exports ResNet-18 from torchvision to
# ONNX (seeded weights, nothing downloaded), then compiles and runs it with
# kiln-run: its outputs, its latency, and how far they are from PyTorch's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
zoo=build/zoo-full
[ -f "$zoo/resnet18/model.onnx" ] ||
  /usr/bin/python3 examples/zoo/export_zoo.py "$zoo" --size full --models resnet18
rm -rf build/demo-out
build/bin/kiln-run "$zoo/resnet18/model.onnx" --input "$zoo/resnet18/input_0.npy" \
  --out build/demo-out --bench 20
/usr/bin/python3 -c "
import numpy as np
kiln = np.load('build/demo-out/result0.npy')
torch = np.load('$zoo/resnet18/output_0.npy')
print(f'ResNet-18 logits {kiln.shape}: largest |Kiln - PyTorch| = {np.abs(kiln - torch).max():.2e}'
      f' (largest logit {np.abs(torch).max():.2f}); top-5 classes equal: '
      f'{(np.argsort(-kiln[0])[:5] == np.argsort(-torch[0])[:5]).all()}')
"
