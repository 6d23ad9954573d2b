"""Exports a ResearchKit model file (.safetensors with 'researchkit.model' metadata) to ONNX through the PyTorch twin
(tests/fixtures/torch/twin.py), so the main library can run it with ONNX Runtime without TorchSharp.
Usage (Debian 12, python3-torch 1.13):  /usr/bin/python3 data/models/export_onnx.py data/models/researchkit-xvector-v2.safetensors
Writes <model>.onnx: input 'feats' [batch, frames, 80] (FbankOptions.WeSpeakerFbank80), output 'embs' [batch, D]."""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "torch"))
import twin  # noqa: E402

path = sys.argv[1]
sd, meta = twin.read_safetensors(path)
info = json.loads(meta["researchkit.model"])
model = twin.build(info["Architecture"]).eval()
missing, unexpected = model.load_state_dict(sd, strict=True), None
feats = torch.randn(1, 150, info["Architecture"]["FeatDim"])
out = os.path.splitext(path)[0] + ".onnx"
with torch.no_grad():
    torch.onnx.export(model, (feats,), out, input_names=["feats"], output_names=["embs"],
                      dynamic_axes={"feats": {0: "batch", 1: "frames"}, "embs": {0: "batch"}}, opset_version=14)
print(out)
