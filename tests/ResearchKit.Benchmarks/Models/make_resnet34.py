#!/usr/bin/python3
"""Random-weight WeSpeaker-ResNet34-shaped ONNX for the embedding benchmark (weights don't change speed).

Architecture as in WeSpeaker's ResNet34 (and pyannote 3.1's WeSpeakerResNet34): feats [B,T,80] -> [B,1,80,T],
3x3 conv (32 ch), BasicBlocks [3,4,6,3] with 32/64/128/256 channels (strides 1,2,2,2), temporal statistics
pooling (mean + std over time of [B,256*10,T/8]), Linear 5120 -> 256. About 6.6 M parameters (~26 MB, so it is not
committed): run `/usr/bin/python3 make_resnet34.py [out.onnx]` (default ~/.cache/researchkit/bench/wespeaker_resnet34_random.onnx).
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(34)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.short = nn.Sequential()
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.b1(self.c1(x)))
        return F.relu(self.b2(self.c2(y)) + self.short(x))


class ResNet34(nn.Module):
    def __init__(self, m=32, feat_dim=80, embed_dim=256):
        super().__init__()
        self.conv1 = nn.Conv2d(1, m, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(m)
        layers, cin = [], m
        for cout, n, stride in [(m, 3, 1), (2 * m, 4, 2), (4 * m, 6, 2), (8 * m, 3, 2)]:
            for i in range(n):
                layers.append(BasicBlock(cin, cout, stride if i == 0 else 1))
                cin = cout
        self.layers = nn.Sequential(*layers)
        self.seg = nn.Linear(8 * m * (feat_dim // 8) * 2, embed_dim)

    def forward(self, feats):
        x = feats.permute(0, 2, 1).unsqueeze(1)  # [B,1,80,T]
        x = self.layers(F.relu(self.bn1(self.conv1(x))))  # [B,256,10,T/8]
        x = x.reshape(x.shape[0], -1, x.shape[-1])
        mean = x.mean(-1)
        std = torch.sqrt(x.var(-1, unbiased=True) + 1e-7)
        return self.seg(torch.cat([mean, std], -1))


out = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/researchkit/bench/wespeaker_resnet34_random.onnx")
os.makedirs(os.path.dirname(out), exist_ok=True)
model = ResNet34().eval()
print("parameters", sum(p.numel() for p in model.parameters()))
torch.onnx.export(model, (torch.zeros(1, 298, 80),), out, input_names=["feats"], output_names=["embs"],
                  dynamic_axes={"feats": {0: "B", 1: "T"}, "embs": {0: "B"}}, opset_version=13)
print(out)
