"""PyTorch eager on ContractionBench's cases, at one thread count.

    OMP_NUM_THREADS=N OPENBLAS_NUM_THREADS=N \\
        /usr/bin/python3 bench/torch_contractions.py --threads N [--min-time S] [--filter REGEX]

prints one JSON object: {"threads": N, "torch": version, "cases": {name:
{"median_s": ...}}}. Matmuls are torch.mm; a matmul with bias and GELU is
what a framework runs, torch.addmm (the bias folded into the GEMM) then a
separate GELU pass; convolutions are torch.nn.functional.conv2d on NCHW
inputs, and the _nhwc ones on inputs and weights in torch.channels_last.
The shapes are ContractionBench's (bench/compare-contractions).
"""
from torch_bench import run_cases

MATMULS = [("matmul_256", 256, 256, 256), ("matmul_512", 512, 512, 512),
           ("matmul_1024", 1024, 1024, 1024), ("matmul_2048", 2048, 2048, 2048),
           ("matmul_128x768x768", 128, 768, 768),
           ("matmul_128x3072x768", 128, 3072, 768),
           ("matmul_64x512x784", 64, 512, 784),
           ("gemv_1x4096x4096", 1, 4096, 4096)]
BIAS_GELU = [("bias_gelu_128x768x768", 128, 768, 768),
             ("bias_gelu_128x3072x768", 128, 3072, 768)]
# name, channels, size, out channels, window, stride, pad, depthwise (True)
# or feature groups (a number)
CONVS = [("resnet_3x3_64x56", 64, 56, 64, 3, 1, 1, False),
         ("resnet_3x3_128x28", 128, 28, 128, 3, 1, 1, False),
         ("resnet_3x3_256x14", 256, 14, 256, 3, 1, 1, False),
         ("resnet_3x3_512x7", 512, 7, 512, 3, 1, 1, False),
         ("resnet_3x3s2_64x56", 64, 56, 128, 3, 2, 1, False),
         ("resnet_3x3s2_128x28", 128, 28, 256, 3, 2, 1, False),
         ("resnet_3x3s2_256x14", 256, 14, 512, 3, 2, 1, False),
         ("resnet_stem_7x7s2", 3, 224, 64, 7, 2, 3, False),
         ("resnet_1x1s2_64x56", 64, 56, 128, 1, 2, 0, False),
         ("resnet_1x1s2_128x28", 128, 28, 256, 1, 2, 0, False),
         ("resnet_1x1s2_256x14", 256, 14, 512, 1, 2, 0, False),
         ("mobilenet_dw_32x112", 32, 112, 32, 3, 1, 1, True),
         ("mobilenet_dw_96x56s2", 96, 112, 96, 3, 2, 1, True),
         ("mobilenet_dw_384x14", 384, 14, 384, 3, 1, 1, True),
         ("resnext_3x3_g32_128x56", 128, 56, 128, 3, 1, 1, 32),
         ("resnext_3x3_g32_512x14", 512, 14, 512, 3, 1, 1, 32)]
# The layers ContractionBench also times channels last (JAX's layout).
NHWC = ["resnet_3x3_256x14", "resnet_3x3_512x7", "resnet_1x1s2_128x28",
        "mobilenet_dw_32x112", "mobilenet_dw_96x56s2", "resnext_3x3_g32_128x56"]


def cases():
    import torch
    import torch.nn.functional as F

    def uniform(*shape):
        return torch.rand(shape) * 2 - 1

    for name, m, n, k in MATMULS:
        a, b = uniform(m, k), uniform(k, n)
        yield name, (lambda a=a, b=b: torch.mm(a, b))
    for name, m, n, k in BIAS_GELU:
        a, b, bias = uniform(m, k), uniform(k, n), uniform(n)
        yield name, (lambda a=a, b=b, bias=bias:
                     F.gelu(torch.addmm(bias, a, b)))
    for name, c, size, o, window, stride, pad, grouping in CONVS:
        groups = c if grouping is True else int(grouping) or 1
        x = uniform(1, c, size, size)
        w = uniform(o, c // groups, window, window)
        yield name, (lambda x=x, w=w, stride=stride, pad=pad, groups=groups:
                     F.conv2d(x, w, stride=stride, padding=pad, groups=groups))
        if name in NHWC:
            x, w = (t.to(memory_format=torch.channels_last) for t in (x, w))
            yield name + "_nhwc", (
                lambda x=x, w=w, stride=stride, pad=pad, groups=groups:
                F.conv2d(x, w, stride=stride, padding=pad, groups=groups))


if __name__ == "__main__":
    run_cases(cases, __doc__.split("\n")[0], "torch_contractions.py",
              "bench/compare-contractions")
