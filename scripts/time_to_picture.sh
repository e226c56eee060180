#!/usr/bin/env bash
# Time to a finished picture against the PyTorch peer (BENCHMARKS.md), per network at SIZE px
# (default 512): the peer's 200 single-scale L-BFGS iterations (its final loss and the time of
# those iterations), then our default run (2 scales, 200 iterations, precision auto: float32)
# timed from the start to the first final-scale iteration at or below the peer's final loss, and
# our default run in the other precision (bf16, the final scale's last quarter in float32; fp32
# where auto ran bf16) for the bfloat16 comparison. SqueezeNet 1.1: the real weights,
# astronaut x The Starry Night; VGG19: seeded random He weights in Keras' released layout
# (target/bench/vgg19_random_keras_layout.h5, written by nst.bench.Benchmark), which the peer
# loads too (--net vgg19-h5). Reads ../shared (the peer, the images). Prints a TIME-TO-PICTURE
# line per network and pair and the TARGET lines, and plots the three time-to-loss curves (the
# peer's, ours, ours in the other precision: the final scale's total loss against the seconds from
# the start) into docs/time_to_loss_NET.png (nst.bench.CurvePlot).
# Usage: scripts/time_to_picture.sh [SIZE] [NETS] [PAIRS] (NETS default "squeezenet vgg19"; PAIRS
# default 1: the peer, ours and ours in the other precision back to back, PAIRS times; the time
# target is judged on the median of the pairs' ratios; the loss targets and the curves are the
# last pair's: the losses are the same in every pair, each side's run being deterministic)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jit-options.sh
. scripts/bench-isa.sh
SIZE=${1:-512}
NETS=${2:-squeezenet vgg19}
PAIRS=${3:-1}
[[ $PAIRS =~ ^[1-9][0-9]*$ ]] || { echo "PAIRS must be a number >= 1, was $PAIRS" >&2; exit 2; }
SHARED=${NST_SHARED_DIR:-../shared}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
. scripts/bench-common.sh
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
VGG=target/bench/vgg19_random_keras_layout.h5
[ -f "$VGG" ] || java -Xmx3g -cp "$CP" nst.bench.Benchmark vgg19 64 1 >/dev/null
java -Djava.awt.headless=true -cp "$CP" nst.bench.ResizePng "$SHARED/images/style/starry_night.jpg" "$W/style.png" "$SIZE"
java -Djava.awt.headless=true -cp "$CP" nst.bench.ResizePng "$SHARED/images/content/astronaut.png" "$W/content.png" "$SIZE"
field() { echo "$1" | sed -E "s/.* $2=([0-9.eE+NaN-]+).*/\1/"; }
for net in $NETS; do
  if [ "$net" = vgg19 ]; then PEER=(--net vgg19-h5 --h5 "$VGG"); OURS=(-Dnst.bench.model="$VGG"); else PEER=(--net squeezenet); OURS=(); fi
  RATIOS=""
  for pair in $(seq "$PAIRS"); do
    peer=$(/usr/bin/python3 "$SHARED/peers/torch_gatys_reference.py" "${PEER[@]}" --size "$SIZE" --iters 200 --threads 2 \
      --content "$W/content.png" --style "$W/style.png" --out "$W/peer.png" --log "$W/peer.json" | grep '^RESULT')
    echo "PEER $net $peer"
    pl=$(field "$peer" final_loss); pt=$(field "$peer" optimize_s)
    ours=$(java -Xmx4g $NST_JIT_OPTS "${OURS[@]}" -Dnst.bench.curve="$W/ours.csv" -cp "$CP" nst.bench.PeerCheck "$W/content.png" "$W/style.png" 200 2 "$pl" | grep '^RESULT')
    echo "OURS $net $ours"
    # the other precision: bf16 where auto ran fp32 (fp32 again without native bfloat16), else fp32
    prec=$(echo "$ours" | awk '{print $4}'); [ "$prec" = bf16 ] && want=fp32 || want=bf16
    other=$(java -Xmx4g $NST_JIT_OPTS "${OURS[@]}" -Dnst.bench.precision=$want -Dnst.bench.curve="$W/other.csv" -cp "$CP" nst.bench.PeerCheck "$W/content.png" "$W/style.png" 200 2 "$pl" | grep '^RESULT')
    oprec=$(echo "$other" | awk '{print $4}')
    echo "OTHER $net $other"
    ol=$(field "$ours" final_loss) rs=$(field "$ours" reached_threshold_s) fl=$(field "$other" final_loss)
    r=$(awk -v rs="$rs" -v pt="$pt" 'BEGIN {print (rs == "NaN") ? "NaN" : sprintf("%.2f", rs / pt)}')
    RATIOS="$RATIOS $r"
    echo "TIME-TO-PICTURE $net ${SIZE}px pair $pair: peer 200 iterations $pt s, final loss $pl; ours ($prec) reached it after $rs s, whole default run $(field "$ours" wall_s) s, final loss $ol; ratio ${r}x ($oprec: reached after $(field "$other" reached_threshold_s) s, run $(field "$other" wall_s) s, final $fl)"
  done
  # NaN (a pair that never reached the peer's loss) sorts last
  r=$(echo "$RATIOS" | sed 's/NaN/1e9/g' | median | awk '{print ($1 >= 1e8) ? "NaN" : sprintf("%.2f", $1)}')
  awk -v net="$net" -v r="$r" -v pairs="$RATIOS" -v pl="$pl" -v ol="$ol" -v fl="$fl" -v prec="$prec" -v oprec="$oprec" -v isa="${NST_BENCH_ISA:+ (ISA limited to $NST_BENCH_ISA)}" 'BEGIN {
    printf "TARGET %s time to the peer'"'"'s 200-iteration loss <= 0.35x its time (median of pairs%s)%s: %sx %s\n", net, pairs, isa, r, (r != "NaN" && r + 0 <= 0.35) ? "MET" : "NOT MET"
    printf "TARGET %s default run ends at or below the peer'"'"'s loss: %.6g vs %.6g %s\n", net, ol, pl, (ol <= pl) ? "MET" : "NOT MET"
    if (prec == oprec) { printf "TARGET %s bf16 final loss at most 1%% above fp32'"'"'s: not measured (no native bfloat16)\n", net; exit }
    d = prec == "bf16" ? (ol - fl) / fl * 100 : (fl - ol) / ol * 100
    printf "TARGET %s bf16 final loss at most 1%% above fp32'"'"'s: %+.2f%% %s\n", net, d, (d <= 1) ? "MET" : "NOT MET" }'
  # the last pair's curves; the peer's from the start of its optimisation, ours from the start of the run
  /usr/bin/python3 -c 'import itertools, json, sys
log = json.load(open(sys.argv[1]))["iterations"]
print("seconds,loss")
for t, e in zip(itertools.accumulate(e["s"] for e in log), log): print("%.3f,%.6g" % (t, e["total"]))' "$W/peer.json" > "$W/peer.csv"
  java -Djava.awt.headless=true -cp "$CP" nst.bench.CurvePlot "docs/time_to_loss_$net.png" "$net ${SIZE} px: final-scale loss against time" "$pl" \
    "PyTorch, 1 scale=$W/peer.csv" "ours, 2 scales, $prec=$W/ours.csv" "ours, 2 scales, $oprec=$W/other.csv" || echo "the plot of $net failed" >&2
done
