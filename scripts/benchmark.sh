#!/usr/bin/env bash
# Speed and memory benchmark: this project (Java, DL4J/ND4J) beside the PyTorch peer in the same
# run, 2 threads each, and the ratio. Usage: scripts/benchmark.sh [ITERS] [PAIRS]
# (defaults 5 and 3). Each configuration runs PAIRS times as a pair, ours then the peer's, so that
# both see the same moment of a noisy machine.
# Needs: Debian python3-torch python3-h5py python3-pil python3-numpy (run with /usr/bin/python3),
# ../shared beside the project. Results: one RESULT line per run, a PAIR line per pair, a SUMMARY
# line per configuration (the medians over its pairs: of our s/iteration, of the peer's, of the
# pairs' ratios, and the same for peak memory) and a TARGET line per target of the
# speed-and-memory issue, met or not, judged on the SUMMARY's median ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
ITERS=${1:-5}
PAIRS=${2:-3}
SHARED=${NST_SHARED_DIR:-../shared}
PY=/usr/bin/python3
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null 2>&1 \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
CP="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
# the JVM options of scripts/nst (see scripts/jit-options.sh and BENCHMARKS.md)
. scripts/jit-options.sh
JAVA=(java -Xmx4g $NST_JIT_OPTS -Dorg.bytedeco.javacpp.maxbytes=12G -Dorg.bytedeco.javacpp.maxphysicalbytes=16G -cp "$CP" nst.bench.Benchmark)
LOG=target/benchmark.log
: > "$LOG"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB; $ITERS iterations, $PAIRS pairs" | tee -a "$LOG"
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {printf "%.4f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for cfg in "vgg19 256" "vgg19 512" "squeezenet 256" "squeezenet 512"; do
  set -- $cfg
  net=$1 size=$2
  JS="" TS="" JM="" TM="" R="" RM=""
  for pair in $(seq "$PAIRS"); do
    j=$("${JAVA[@]}" "$net" "$size" "$ITERS" | grep '^RESULT')
    echo "$j" | tee -a "$LOG"
    if [ "$net" = vgg19 ]; then
      t=$($PY "$SHARED/peers/torch_gatys_bench.py" --net vgg19 --size "$size" --iters "$ITERS" --threads 2 | grep '^RESULT')
      ts=$(echo "$t" | sed -E 's/.*s\/iter median=([0-9.]+).*/\1/')
      tm=$(echo "$t" | sed -E 's/.*peakRSS=([0-9]+)MB.*/\1/')
    else
      t=$($PY "$SHARED/peers/torch_gatys_reference.py" --net squeezenet --size "$size" --iters "$ITERS" --threads 2 \
            --content "$SHARED/images/content/astronaut.png" --style "$SHARED/images/style/starry_night.jpg" --out /tmp/nst-peer.png | grep '^RESULT')
      ts=$(echo "$t" | sed -E 's/.* s_per_iter_median=([0-9.]+).*/\1/')
      tm=$(echo "$t" | sed -E 's/.* peak_rss_mb=([0-9.]+).*/\1/')
    fi
    echo "$t" | tee -a "$LOG"
    js=$(echo "$j" | sed -E 's/.*s\/iter median=([0-9.]+).*/\1/')
    jm=$(echo "$j" | sed -E 's/.*peakRSS=([0-9]+)MB.*/\1/')
    r=$(awk -v a="$js" -v b="$ts" 'BEGIN{printf "%.4f", a / b}')
    rmem=$(awk -v a="$jm" -v b="$tm" 'BEGIN{printf "%.4f", a / b}')
    printf "PAIR    %-10s %4d  java %.3f s/it  torch %.3f s/it  ratio %.2fx  | peak RSS java %d MB torch %d MB ratio %.2fx\n" \
      "$net" "$size" "$js" "$ts" "$r" "$jm" "$tm" "$rmem" | tee -a "$LOG"
    JS="$JS $js" TS="$TS $ts" JM="$JM $jm" TM="$TM $tm" R="$R $r" RM="$RM $rmem"
  done
  printf "SUMMARY %-10s %4d  java %.3f s/it  torch %.3f s/it  ratio %.2fx  | peak RSS java %.0f MB torch %.0f MB ratio %.2fx\n" \
    "$net" "$size" "$(echo "$JS" | median)" "$(echo "$TS" | median)" "$(echo "$R" | median)" \
    "$(echo "$JM" | median)" "$(echo "$TM" | median)" "$(echo "$RM" | median)" | tee -a "$LOG"
done
# One line per target of the speed-and-memory issue, from this run's SUMMARY lines (median ratios);
# the issue's 1.3x-then-1.0x steps apply to every configuration ("same at 256 px and for SqueezeNet").
awk '/^SUMMARY/ { r[$2 " " $3] = $11 + 0; m[$2 " " $3] = $NF + 0 }
  function line(what, v, limit) { printf "TARGET %-52s %5.2fx (<= %.1fx): %s\n", what, v, limit, (v <= limit) ? "MET" : "NOT met" }
  END {
    line("VGG19 512 px s/iteration vs PyTorch, first step", r["vgg19 512"], 1.3)
    line("VGG19 512 px s/iteration vs PyTorch, final", r["vgg19 512"], 1.0)
    line("VGG19 256 px s/iteration vs PyTorch, first step", r["vgg19 256"], 1.3)
    line("VGG19 256 px s/iteration vs PyTorch, final", r["vgg19 256"], 1.0)
    line("SqueezeNet 512 px s/iteration vs PyTorch, first step", r["squeezenet 512"], 1.3)
    line("SqueezeNet 512 px s/iteration vs PyTorch, final", r["squeezenet 512"], 1.0)
    line("SqueezeNet 256 px s/iteration vs PyTorch, first step", r["squeezenet 256"], 1.3)
    line("SqueezeNet 256 px s/iteration vs PyTorch, final", r["squeezenet 256"], 1.0)
    line("VGG19 512 px peak memory vs PyTorch", m["vgg19 512"], 2.0)
  }' "$LOG" | tee -a "$LOG"
