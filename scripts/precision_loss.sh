#!/usr/bin/env bash
# bfloat16 against float32, final loss, on trained weights (BENCHMARKS.md): the VGG19-shaped encoder
# of ../shared/models/vgg19-distilled-16x written as a Keras-layout VGG19 file
# (scripts/distilled_vgg19_h5.py), our default run (2 scales, 200 iterations) in precision=fp32 and
# precision=bf16 (the final scale's last quarter in float32), from the content and from two starts
# 0.1 of a grey level off it (-Dnst.bench.jitter), at SIZE px (default 512), for two image pairs
# (astronaut x The Starry Night, chelsea x The Scream) and the style weight times each of SCALES
# (default "100 1000": the encoder's features are smaller than VGG19's, and at VGG19's weights its
# style loss all but vanishes). Where oneDNN has no native bfloat16 both runs are float32 and the
# TARGET line says so. Reads ../shared (the model, the images). About 15 minutes on 2 cores.
# Usage: scripts/precision_loss.sh [SIZE] [SCALES]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jit-options.sh
SIZE=${1:-512}
SCALES=${2:-100 1000}
SHARED=${NST_SHARED_DIR:-../shared}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
. scripts/bench-common.sh
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
/usr/bin/python3 scripts/distilled_vgg19_h5.py "$SHARED/models/vgg19-distilled-16x/cd_5SE_E20_oihw.npz" "$W/distilled.h5"
for img in content/astronaut.png style/starry_night.jpg content/chelsea.png style/the_scream.jpg; do
  java -Djava.awt.headless=true -cp "$CP" nst.bench.ResizePng "$SHARED/images/$img" "$W/$(basename "${img%.*}").png" "$SIZE"
done
run() { java -Xmx3g $NST_JIT_OPTS -Dnst.bench.model="$W/distilled.h5" "$@" -cp "$CP" nst.bench.PeerCheck "${PAIR[@]}" 200 2 | grep '^RESULT'; }
field() { echo "$1" | sed -E "s/.* $2=([0-9.eE+NaN-]+).*/\1/"; }
RATIOS="" NATIVE=1
for pair in "astronaut starry_night" "chelsea the_scream"; do
  set -- $pair
  PAIR=("$W/$1.png" "$W/$2.png")
  for scale in $SCALES; do
    for start in content 1 2; do
      J=(); [ "$start" = content ] || J=(-Dnst.bench.jitter="$start")
      f=$(run -Dnst.bench.styleScale="$scale" "${J[@]}" -Dnst.bench.precision=fp32)
      b=$(run -Dnst.bench.styleScale="$scale" "${J[@]}" -Dnst.bench.precision=bf16)
      [ "$(echo "$b" | awk '{print $4}')" = bf16 ] || NATIVE=0
      fl=$(field "$f" final_loss) bl=$(field "$b" final_loss)
      d=$(awk -v f="$fl" -v b="$bl" 'BEGIN {printf "%+.2f", (b - f) / f * 100}')
      RATIOS="$RATIOS $d"
      echo "LOSS $1 x $2 ${SIZE}px style x$scale start $start: fp32 $fl ($(field "$f" wall_s) s), bf16 $bl ($(field "$b" wall_s) s): ${d}%"
    done
  done
done
if [ "$NATIVE" = 0 ]; then
  echo "TARGET trained VGG19-shaped encoder, bf16 final loss at most 1% above fp32's: not measured (no native bfloat16)"
else
  m=$(echo "$RATIOS" | median)
  awk -v m="$m" -v all="$RATIOS" 'BEGIN {printf "TARGET trained VGG19-shaped encoder, bf16 final loss at most 1%% above fp32'"'"'s (median of%s): %+.2f%% %s\n", all, m, (m <= 1) ? "MET" : "NOT MET"}'
fi
