#!/usr/bin/python3
"""Random-weight models for the TorchSharp embedding benchmark (weights don't change speed), one per architecture,
built with the PyTorch twins (tests/fixtures/torch/twin.py) at the sizes of the CLI's --arch presets:
    xvector          XVector hid 256, stats 768, embed 192 (the issue's 1.06 M calibration net)
    xvector-compact  XVector hid 128, stats 384, embed 128 (the bundled model's architecture)
    resnet34         WeSpeaker ResNet34, m_channels 32, embed 256, one embedding layer (pyannote 3.1)
    ecapa            WeSpeaker ECAPA_TDNN_GLOB_c512 (channels 512, global context, embed 192)
For each it writes, into the folder given (default ~/.cache/researchkit/bench/torch):
    <name>.safetensors   a ResearchKit model file (ModelFile: state_dict + 'researchkit.model' metadata)
    <name>.onnx          torch.onnx.export (opset 14), input 'feats' [B, T, 80], output 'embs' [B, D]
                         (resnet34.onnx is also the model of onnx-bench embed and WeSpeakerBenchmark, Models/BenchPaths.cs)
    <name>.ts.pt         torch.jit.trace of the same module (for TorchSharp's torch.jit.load)
    <name>.ref.npy       the twin's embeddings of <name>.in.npy (3 windows of 148 frames), to check all paths agree
Run:  /usr/bin/python3 tests/ResearchKit.Benchmarks/Torch/make_models.py [out_dir]   (Debian python3-torch 1.13.1)
With --speed it also prints PyTorch 1.13 eager / TorchScript embeddings per second for 1.5 s windows (148 frames)
at batch 1 and 32 on 1 and 2 threads, the reference for TorchSharp's figures."""
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "torch"))
import twin  # noqa: E402

ARCHS = {
    "xvector": dict(Kind="XVector", FeatDim=80, EmbedDim=192, Channels=256, StatsDim=768, Flag=False),
    "xvector-compact": dict(Kind="XVector", FeatDim=80, EmbedDim=128, Channels=128, StatsDim=384, Flag=False),
    "resnet34": dict(Kind="ResNet34", FeatDim=80, EmbedDim=256, Channels=32, StatsDim=0, Flag=False),
    "ecapa": dict(Kind="EcapaTdnn", FeatDim=80, EmbedDim=192, Channels=512, StatsDim=0, Flag=True),
}
FRAMES = 148   # 1.5 s at 16 kHz with 25 ms / 10 ms frames: (24000 - 400) // 160 + 1


def randomise_bn(model, seed):
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
            m.running_mean.copy_(torch.randn(m.running_mean.shape, generator=g) * 0.2)
            m.running_var.copy_(torch.rand(m.running_var.shape, generator=g) + 0.5)
            if m.affine:
                m.weight.data.copy_(torch.rand(m.weight.shape, generator=g) + 0.5)
                m.bias.data.copy_(torch.randn(m.bias.shape, generator=g) * 0.1)


class SmallNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv1d(80, 256, 5)
        self.bn = torch.nn.BatchNorm1d(256)
        self.conv2 = torch.nn.Conv1d(256, 256, 3)
        self.linear = torch.nn.Linear(256, 192)

    def forward(self, x):
        return self.linear(self.conv2(self.bn(self.conv1(x))).mean(-1))


def per_second(fn, batch, windows):
    x = torch.randn(batch, FRAMES, 80)
    with torch.inference_mode():
        fn(x)
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            for _ in range(max(1, windows // batch)):
                fn(x)
            best = min(best, time.perf_counter() - t)
    return max(1, windows // batch) * batch / best


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = args[0] if args else os.path.join(os.path.expanduser("~"), ".cache", "researchkit", "bench", "torch")
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(17)
    x = torch.randn(3, FRAMES, 80)
    np.save(os.path.join(out, "in.npy"), x.numpy())
    models = {}
    for i, (name, arch) in enumerate(ARCHS.items()):
        m = twin.build(arch).eval()
        randomise_bn(m, 100 + i)
        info = dict(Architecture=arch, Features="WeSpeakerFbank80", SampleRate=16000,
                    Description=f"random weights for the TorchSharp embedding benchmark ({name})")
        twin.write_safetensors(os.path.join(out, f"{name}.safetensors"), m.state_dict(),
                               {"researchkit.model": json.dumps(info)})
        with torch.no_grad():
            np.save(os.path.join(out, f"{name}.ref.npy"), m(x).numpy())
            torch.onnx.export(m, (x,), os.path.join(out, f"{name}.onnx"), input_names=["feats"], output_names=["embs"],
                              dynamic_axes={"feats": {0: "batch", 1: "frames"}, "embs": {0: "batch"}}, opset_version=14)
            ts = torch.jit.trace(m, (x,), check_trace=False)
            ts.save(os.path.join(out, f"{name}.ts.pt"))
        models[name] = (m, ts)
        print(f"{name}: {sum(p.numel() for p in m.parameters())} parameters -> {out}", flush=True)
    # models-platform.md's small net (the one measured 5x slower in TorchSharp eager than as TorchScript), for torch-gap:
    # Conv1d 80->256 k5 + BatchNorm1d + Conv1d 256->256 k3 + mean over time + Linear 256->192, input [1, 80, 300].
    small = SmallNet().eval()
    randomise_bn(small, 99)
    xs = torch.randn(1, 80, 300)
    np.save(os.path.join(out, "smallnet.in.npy"), xs.numpy())
    twin.write_safetensors(os.path.join(out, "smallnet.safetensors"), small.state_dict())
    with torch.no_grad():
        np.save(os.path.join(out, "smallnet.ref.npy"), small(xs).numpy())
        torch.jit.trace(small, (xs,)).save(os.path.join(out, "smallnet.ts.pt"))
    if "--speed" in sys.argv:
        windows = int(os.environ.get("RK_BENCH_WINDOWS", "64"))
        print("\nPyTorch %s, 1.5 s windows (%d frames), embeddings/s (best of 3 over %d windows)" % (torch.__version__, FRAMES, windows))
        print(f"{'arch':16} {'path':12} {'batch':>5} {'threads':>7} {'emb/s':>9}")
        for name, (m, ts) in models.items():
            for path, fn in (("eager", m), ("torchscript", ts)):
                for batch in (1, 32):
                    for threads in (1, 2):
                        torch.set_num_threads(threads)
                        print(f"{name:16} {path:12} {batch:5} {threads:7} {per_second(fn, batch, windows):9.1f}", flush=True)


if __name__ == "__main__":
    main()
