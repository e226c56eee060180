#!/usr/bin/env bash
# The time-lapse benchmark and the README's animation: a slow pan and zoom across
# testimages/coffee.png (24 frames of 128 px), stylized with the bundled SqueezeNet and
# testimages/brick.png frame by frame on their own and with temporal=full (nst.bench.TimeLapseBench,
# which prints the flicker, style loss and seconds per frame), then docs/timelapse_coffee.gif:
# independent frames above, temporal ones below.
# Needs: apt-get install imagemagick. Usage: scripts/timelapse_demo.sh [TEMPORAL_WEIGHT]
set -euo pipefail
cd "$(dirname "$0")/.."
WEIGHT=${1:-0.9}   # the default temporal_weight with SqueezeNet (3 times its style_weight)
. scripts/bench-common.sh
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
java -Xmx4g -cp "$CP" nst.bench.TimeLapseBench 24 128 100 "$WEIGHT" --frames "$OUT" \
  | grep -E '^(RESULT|TARGET)'
TEMPORAL=$(ls -d "$OUT"/temporal-*)
for f in "$OUT"/independent/*.png; do
  convert "$f" "$TEMPORAL/$(basename "$f")" -append "$OUT/both-$(basename "$f")"
done
convert -delay 12 -loop 0 "$OUT"/both-*.png docs/timelapse_coffee.gif
echo "wrote docs/timelapse_coffee.gif"
