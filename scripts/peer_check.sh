#!/usr/bin/env bash
# Same objective as the PyTorch peer (SqueezeNet, default weights and layers, L-BFGS, 256 px astronaut
# + The Starry Night, resized once by ImageJ and given to both as PNGs): the final losses side by side
# (one scale, the peer's 100 L-BFGS pairs), then the default coarse-to-fine run (2 scales, 50 pairs)
# timed against the peer's final loss. Usage: scripts/peer_check.sh [ITERS] [SIZE]
# (SIZE 256 uses testimages/astronaut.png as it is; other sizes resize ../shared's astronaut like the style)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jit-options.sh
ITERS=${1:-200}
SIZE=${2:-256}
SHARED=${NST_SHARED_DIR:-../shared}
W=$(mktemp -d)
. scripts/bench-common.sh
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE

java -Djava.awt.headless=true -cp "$CP" nst.bench.ResizePng "$SHARED/images/style/starry_night.jpg" "$W/style.png" "$SIZE"
if [ "$SIZE" = 256 ]; then cp testimages/astronaut.png "$W/content.png"
else java -Djava.awt.headless=true -cp "$CP" nst.bench.ResizePng "$SHARED/images/content/astronaut.png" "$W/content.png" "$SIZE"; fi
peer=$(/usr/bin/python3 "$SHARED/peers/torch_gatys_reference.py" --net squeezenet --size "$SIZE" --iters "$ITERS" --threads 2 \
  --content "$W/content.png" --style "$W/style.png" --out "$W/peer.png" | grep '^RESULT')
echo "$peer"
pl=$(echo "$peer" | sed -E 's/.* final_loss=([0-9.e+-]+).*/\1/')
pw=$(echo "$peer" | sed -E 's/.* wall_s=([0-9.]+).*/\1/')
# one scale and the peer's 100 L-BFGS pairs: the same algorithm
out=$(java -Xmx3g $NST_JIT_OPTS -Dnst.bench.history=100 -cp "$CP" nst.bench.PeerCheck "$W/content.png" "$W/style.png" "$ITERS" 1 "$pl")
echo "$out" | grep -E '^(RESULT|CURVE)'
single=$(echo "$out" | grep '^RESULT')
sl=$(echo "$single" | sed -E 's/.* final_loss=([0-9.e+-]+).*/\1/')
sw=$(echo "$single" | sed -E 's/.* wall_s=([0-9.]+).*/\1/')
sr=$(echo "$single" | sed -E 's/.* reached_threshold_s=([0-9.NaN]+).*/\1/')
out=$(java -Xmx3g $NST_JIT_OPTS -cp "$CP" nst.bench.PeerCheck "$W/content.png" "$W/style.png" "$ITERS" 2 "$pl")
echo "$out" | grep -E '^(RESULT|CURVE)'
multi=$(echo "$out" | grep '^RESULT')
mr=$(echo "$multi" | sed -E 's/.* reached_threshold_s=([0-9.NaN]+).*/\1/')
awk -v pl="$pl" -v sl="$sl" -v sw="$sw" -v pw="$pw" -v mr="$mr" -v sr="$sr" 'BEGIN {
  d = (sl - pl) / pl * 100; printf "SUMMARY single-scale final loss: ours %.6g, peer %.6g (%+.2f%%) -> %s\n", sl, pl, d, (d < 5 && d > -100) ? "within 5%: MET" : "NOT met";
  printf "SUMMARY peer final loss reached by our single-scale run after %s s (its whole run %.1f s), by the 2-scale run after %s s; the peer took %.1f s\n", sr, sw, mr, pw;
  printf "SUMMARY 2-scale (default) faster to the peer loss than our single scale: %s; than the peer: %s\n", (mr != "NaN" && (sr == "NaN" || mr + 0 < sr + 0)) ? "yes" : "no", (mr != "NaN" && mr + 0 < pw + 0) ? "yes" : "no" }'
