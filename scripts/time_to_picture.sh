#!/usr/bin/env bash
# Time to a finished picture against the PyTorch peer (BENCHMARKS.md), per network at SIZE px
# (default 512): the peer's 200 single-scale L-BFGS iterations (its final loss and the time of
# those iterations), then our default run (2 scales, 200 iterations, precision auto) timed from the
# start to the first final-scale iteration at or below the peer's final loss, and our default run in
# fp32 for the bfloat16 comparison. SqueezeNet 1.1: the real weights, astronaut x The Starry Night;
# VGG19: seeded random He weights in Keras' released layout (target/bench/vgg19_random_keras_layout.h5,
# written by nst.bench.Benchmark), which the peer loads too (--net vgg19-h5). Reads ../shared (the
# peer, the images). Prints a TIME-TO-PICTURE line per network and the TARGET lines.
# Usage: scripts/time_to_picture.sh [SIZE] [NETS] (NETS default "squeezenet vgg19")
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jit-options.sh
SIZE=${1:-512}
NETS=${2:-squeezenet vgg19}
SHARED=${NST_SHARED_DIR:-../shared}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
. scripts/bench-classpath.sh
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
VGG=target/bench/vgg19_random_keras_layout.h5
[ -f "$VGG" ] || java -Xmx3g -cp "$CP" nst.bench.Benchmark vgg19 64 1 >/dev/null
java -Djava.awt.headless=true -cp "$CP" nst.bench.ResizePng "$SHARED/images/style/starry_night.jpg" "$W/style.png" "$SIZE"
java -Djava.awt.headless=true -cp "$CP" nst.bench.ResizePng "$SHARED/images/content/astronaut.png" "$W/content.png" "$SIZE"
field() { echo "$1" | sed -E "s/.* $2=([0-9.eE+NaN-]+).*/\1/"; }
for net in $NETS; do
  if [ "$net" = vgg19 ]; then PEER=(--net vgg19-h5 --h5 "$VGG"); OURS=(-Dnst.bench.model="$VGG"); else PEER=(--net squeezenet); OURS=(); fi
  peer=$(/usr/bin/python3 "$SHARED/peers/torch_gatys_reference.py" "${PEER[@]}" --size "$SIZE" --iters 200 --threads 2 \
    --content "$W/content.png" --style "$W/style.png" --out "$W/peer.png" | grep '^RESULT')
  echo "PEER $net $peer"
  pl=$(field "$peer" final_loss); pt=$(field "$peer" optimize_s)
  ours=$(java -Xmx4g $NST_JIT_OPTS "${OURS[@]}" -cp "$CP" nst.bench.PeerCheck "$W/content.png" "$W/style.png" 200 2 "$pl" | grep '^RESULT')
  echo "OURS $net $ours"
  fp32=$(java -Xmx4g $NST_JIT_OPTS "${OURS[@]}" -Dnst.bench.precision=fp32 -cp "$CP" nst.bench.PeerCheck "$W/content.png" "$W/style.png" 200 2 "$pl" | grep '^RESULT')
  echo "FP32 $net $fp32"
  awk -v net="$net" -v pl="$pl" -v pt="$pt" -v ol="$(field "$ours" final_loss)" -v ow="$(field "$ours" wall_s)" -v or="$(field "$ours" reached_threshold_s)" \
      -v fl="$(field "$fp32" final_loss)" -v fw="$(field "$fp32" wall_s)" -v fr="$(field "$fp32" reached_threshold_s)" -v prec="$(echo "$ours" | awk '{print $4}')" 'BEGIN {
    r = (or == "NaN") ? "NaN" : sprintf("%.2f", or / pt)
    printf "TIME-TO-PICTURE %s %spx: peer 200 iterations %.1f s, final loss %.6g; ours (%s) reached it after %s s, whole default run %.1f s, final loss %.6g; ratio %sx (fp32: reached after %s s, run %.1f s, final %.6g)\n", net, '"$SIZE"', pt, pl, prec, or, ow, ol, r, fr, fw, fl
    printf "TARGET %s time to the peer'"'"'s 200-iteration loss <= 0.35x its time: %sx %s\n", net, r, (r != "NaN" && r + 0 <= 0.35) ? "MET" : "NOT MET"
    printf "TARGET %s default run ends at or below the peer'"'"'s loss: %.6g vs %.6g %s\n", net, ol, pl, (ol <= pl) ? "MET" : "NOT MET"
    d = (ol - fl) / fl * 100
    printf "TARGET %s %s final loss within 1%% of fp32: %+.2f%% %s\n", net, prec, d, (d <= 1 && d >= -1) ? "MET" : "NOT MET" }'
done
