#!/usr/bin/python3
"""torchaudio side of the features speed run (see FeaturesRealTime.cs). Same input and protocol as
tests/fixtures/features/gen_features.py --bench: the 4 clips concatenated and tiled to 600 s, one thread,
one warm-up, median of 3. Prints "<job> <median wall seconds>" and "<job>_cpu <median CPU seconds>" lines."""
import os, sys, time, wave
import numpy as np
import torch
import torchaudio.compliance.kaldi as kaldi
import torchaudio.transforms as T

torch.set_num_threads(1)
audio = sys.argv[1]
clips = []
for c in ("speech_m3", "speech_f3", "speech_m7", "sine440_noise"):
    with wave.open(os.path.join(audio, c + ".wav"), "rb") as w:
        clips.append(np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768.0)
cat = np.concatenate(clips)
x = np.tile(cat, int(np.ceil(600 * 16000 / len(cat))))[: 600 * 16000]
w = torch.from_numpy(x)
wk = w.unsqueeze(0) * 32768.0
mel = T.MelSpectrogram(16000, n_fft=400, hop_length=160, n_mels=80)
jobs = {
    "fbank": lambda: kaldi.fbank(wk, num_mel_bins=80, dither=0.0),
    "mfcc": lambda: kaldi.mfcc(wk, num_ceps=13, num_mel_bins=23, dither=0.0),
    "melspec": lambda: torch.log(mel(w) + 1e-6),
}
for name, fn in jobs.items():
    fn()
    ts, cs = [], []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        ts.append(time.perf_counter() - t0); cs.append(time.process_time() - c0)
    print(name, sorted(ts)[1], flush=True)
    print(name + "_cpu", sorted(cs)[1], flush=True)
