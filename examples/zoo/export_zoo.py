#!/usr/bin/python3
"""Exports Kiln's model zoo to ONNX with PyTorch's outputs as the oracle.

Each model is built from torchvision / torch.nn with seeded random weights
(nothing is downloaded) and written to OUT/<name>/: model.onnx,
input_<i>.npy and output_<i>.npy (PyTorch's result on those inputs).

  export_zoo.py OUT [--size small|full] [--models a,b,...]

--size small (the default, what ctest checks) runs the same architectures
on smaller inputs (64x64 images, 32-token sequences) so the reference
interpreter finishes in seconds; --size full uses the sizes people deploy
(224x224, 128 tokens).
"""
import argparse
import os
import sys

import numpy as np
import torch
import torchvision


def mlp(size):
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 512), torch.nn.ReLU(),
        torch.nn.Linear(512, 512), torch.nn.ReLU(),
        torch.nn.Linear(512, 10), torch.nn.Softmax(dim=-1))
    return model, [torch.randn(8 if size == "small" else 64, 784)]


def image(size):
    side = 64 if size == "small" else 224
    return [torch.randn(1, 3, side, side)]


def resnet18(size):
    return torchvision.models.resnet18(), image(size)


def resnet50(size):
    return torchvision.models.resnet50(), image(size)


def resnext50(size):
    # ResNet-50's blocks with 3x3 layers of 32 feature groups (32x4d).
    return torchvision.models.resnext50_32x4d(), image(size)


def mobilenet_v2(size):
    return torchvision.models.mobilenet_v2(), image(size)


class Encoder(torch.nn.Module):
    """A 2-layer BERT-style encoder: post-norm layers with GELU."""

    def __init__(self):
        super().__init__()
        layer = torch.nn.TransformerEncoderLayer(
            d_model=256, nhead=4, dim_feedforward=1024, dropout=0.0,
            activation="gelu", batch_first=True)
        self.layers = torch.nn.TransformerEncoder(layer, num_layers=2,
                                                  enable_nested_tensor=False)

    def forward(self, x):
        return self.layers(x)


def encoder(size):
    return Encoder(), [torch.randn(1, 32 if size == "small" else 128, 256)]


class Decoder(torch.nn.Module):
    """A GPT-2-style block: token and position embeddings, a causal mask,
    one pre-norm attention + MLP block, and the output projection tied to
    the token embedding."""

    def __init__(self, vocab=1000, width=256, heads=4):
        super().__init__()
        self.tokens = torch.nn.Embedding(vocab, width)
        self.positions = torch.nn.Embedding(512, width)
        self.norm1 = torch.nn.LayerNorm(width)
        self.attention = torch.nn.MultiheadAttention(width, heads,
                                                     batch_first=True)
        self.norm2 = torch.nn.LayerNorm(width)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(width, 4 * width),
                                       torch.nn.GELU(),
                                       torch.nn.Linear(4 * width, width))
        self.norm3 = torch.nn.LayerNorm(width)

    def forward(self, ids):
        length = ids.shape[1]
        positions = torch.arange(length).unsqueeze(0)
        x = self.tokens(ids) + self.positions(positions)
        mask = torch.triu(torch.full((length, length), float("-inf")), 1)
        h = self.norm1(x)
        x = x + self.attention(h, h, h, attn_mask=mask, need_weights=False)[0]
        x = x + self.mlp(self.norm2(x))
        return self.norm3(x) @ self.tokens.weight.t()


def decoder(size):
    return Decoder(), [torch.randint(0, 1000, (1, 32 if size == "small" else 128))]


MODELS = {
    "mlp": mlp,
    "resnet18": resnet18,
    "resnet50": resnet50,
    "resnext50": resnext50,
    "mobilenet_v2": mobilenet_v2,
    "encoder": encoder,
    "decoder": decoder,
}


def randomize_normalization(model):
    """Gives batch norms the statistics of a trained network: at their
    initial values (mean 0, variance 1, identity affine) the outputs of a
    deep network shrink towards zero, and an oracle near zero checks
    nothing."""
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.1, 0.1)
            module.running_var.uniform_(0.5, 1.5)
            with torch.no_grad():
                module.weight.uniform_(0.8, 1.2)
                module.bias.uniform_(-0.1, 0.1)


def build(name, size):
    """The model (seeded weights, in eval mode) and its inputs."""
    torch.manual_seed(0)
    model, inputs = MODELS[name](size)
    randomize_normalization(model)
    model.eval()
    return model, inputs


def export(name, size, out):
    model, inputs = build(name, size)
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    with torch.no_grad():
        outputs = model(*inputs)
    if isinstance(outputs, torch.Tensor):
        outputs = [outputs]
    # Exported with gradients enabled: under no_grad PyTorch takes fused fast
    # paths (aten::_transformer_encoder_layer_fwd) that ONNX cannot express.
    torch.onnx.export(
        model, tuple(inputs), os.path.join(folder, "model.onnx"),
        input_names=[f"input_{i}" for i in range(len(inputs))],
        output_names=[f"output_{i}" for i in range(len(outputs))],
        opset_version=17)
    for i, tensor in enumerate(inputs):
        np.save(os.path.join(folder, f"input_{i}.npy"), tensor.numpy())
    for i, tensor in enumerate(outputs):
        np.save(os.path.join(folder, f"output_{i}.npy"), tensor.numpy())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--size", choices=["small", "full"], default="small")
    parser.add_argument("--models", default=",".join(MODELS))
    args = parser.parse_args()
    torch.set_num_threads(2)
    for name in args.models.split(","):
        if name not in MODELS:
            sys.exit(f"error: unknown model '{name}' (known: {', '.join(MODELS)})")
        export(name, args.size, args.out)
        print(f"exported {name} to {os.path.join(args.out, name)}")


if __name__ == "__main__":
    main()
