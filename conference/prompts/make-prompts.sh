#!/usr/bin/env bash
# Regenerates the conference bridge's voice prompts from prompts.tsv with espeak-ng (Chinese,
# then Kazakh, in one prompt; the Mandarin voice is cmn-latn-pinyin: Debian's plain "cmn" voice
# reads Hanzi as English-spelled pinyin) as 16 kHz 16-bit mono WAV under src/main/resources/prompts/.
# The WAV files are committed, so building GovTel needs no speech synthesiser; run this after
# changing a text. Needs: apt-get install espeak-ng sox
set -euo pipefail
cd "$(dirname "$0")"
out=../src/main/resources/prompts
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' prompts.tsv | while IFS=$'\t' read -r name zh kk; do
    [[ -n $name ]] || continue
    espeak-ng -v cmn-latn-pinyin -s 170 -w "$tmp/zh.wav" "$zh"
    espeak-ng -v kk -s 160 -w "$tmp/kk.wav" "$kk"
    # Chinese, 0.4 s of silence, Kazakh; resampled to 16 kHz, peaks at -3 dBFS.
    sox "$tmp/zh.wav" -r 16000 -c 1 -b 16 "$tmp/zh16.wav" gain -3
    sox "$tmp/kk.wav" -r 16000 -c 1 -b 16 "$tmp/kk16.wav" gain -3
    sox -n -r 16000 -c 1 -b 16 "$tmp/gap.wav" trim 0 0.4
    sox "$tmp/zh16.wav" "$tmp/gap.wav" "$tmp/kk16.wav" -b 16 "$out/$name.wav" norm -3
    echo "$name.wav $(soxi -D "$out/$name.wav") s"
done
