#!/usr/bin/env bash
# Reproduces the evaluation table of data/models/README.md for one model (a ResearchKit .safetensors file or 'mfcc').
# Sets: librispeech-mini, 4persons, both together ("combined"), each original and through seeded random channels 1-3
# (eval-embedding --channel-randomise), plus single-speaker pieces cut from the bundled conversations (AMI, pyannote
# sample, sim-dev) by cut_conversation_segments.py. Usage: tools/embedding-eval/evaluate.sh <model> [work dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="$1"; work="${2:-$here/out/embedding-eval}"
mkdir -p "$work/combined"
for f in "$here"/data/librispeech-mini/*.wav "$here"/data/4persons/*.wav; do ln -sf "$f" "$work/combined/"; done
[ -d "$work/segsets/ami" ] || /usr/bin/python3 "$here/tools/embedding-eval/cut_conversation_segments.py" "$here/data/conversations" "$work/segsets" >/dev/null
row() { # set-name folder [seed]
  local extra=(); [ -n "${3:-}" ] && extra=(--channel-randomise "$3")
  "$here/researchkit" eval-embedding "$2" --model "$model" --format json "${extra[@]}" | /usr/bin/python3 -c \
    'import json,sys; d=json.load(sys.stdin); a=sys.argv; print("| %s | %s | %d / %d | %.2f %% | %.3f |" % (a[1], a[2], d["target_trials"], d["non_target_trials"], 100*d["eer"], d["min_dcf"]))' "$1" "${3:-original}"
}
echo "| set | channel | trials (target / non-target) | EER | minDCF(0.01) |"
echo "|---|---|---|---|---|"
for s in librispeech-mini 4persons; do for seed in "" 1 2 3; do row "$s" "$here/data/$s" "$seed"; done; done
for seed in "" 1 2 3; do row combined "$work/combined" "$seed"; done
for s in ami pyannote simdev; do row "$s-pieces" "$work/segsets/$s"; done
