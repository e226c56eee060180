#!/usr/bin/env bash
# Speed and memory benchmark: this project (Java, DL4J/ND4J) beside the PyTorch peer in the same
# run, 2 threads each, and the ratio. Usage: scripts/benchmark.sh [ITERS] [PAIRS]. Each
# configuration runs PAIRS times (default 3) as a pair, ours then the peer's, so that both see the
# same moment of a noisy machine. Each run makes a fixed number of iterations, sized so that it
# measures several seconds on a 2-core machine: VGG19 10 at 256 px and 5 at 512 px, SqueezeNet 40
# and 20 (a default run makes 200 at the final scale); ITERS, if given, replaces all four. Both
# sides' s/iteration is the median over iterations 2..N of the run (for torch_gatys_bench.py taken
# from its list of iterations: the median it prints includes the first). The median of iterations
# 2-5 alone is printed too, ours and the peer's (an EARLY line; information, not a target): there a
# first run in a JVM still compiles, and the peer's L-BFGS history is still short. Then the
# start-up time (3 runs) and the memory soak (nst.bench.Soak 20 500 192, about a minute); with
# NST_BENCH_1024=1 also a full default VGG19 run at 1024 px (about 35 minutes); with NST_BENCH_PICTURE=1
# also scripts/precision_benchmark.sh and scripts/time_to_picture.sh (about 40 minutes);
# NST_BENCH_ISA=avx2 runs both sides with an AVX2 machine's code (scripts/bench-isa.sh).
# Needs: Debian python3-torch python3-h5py python3-pil python3-numpy (run with /usr/bin/python3),
# and time (/usr/bin/time) for the 1024 px run; ../shared beside the project. Results: one RESULT
# line per run, a PAIR line per pair, a SUMMARY line per configuration (the medians over its
# pairs: of our s/iteration, of the peer's, of the pairs' ratios, and the same for peak memory),
# an EARLY line per configuration, STARTUP, SOAK and BIG lines, and a TARGET line per speed and
# memory target (BENCHMARKS.md), met or not, judged on the SUMMARY's median ratios and those lines.
# target/benchmark.log also keeps our ITERATIONS lines (every iteration's time).
set -euo pipefail
cd "$(dirname "$0")/.."
ITERS=${1:-}
PAIRS=${2:-3}
SHARED=${NST_SHARED_DIR:-../shared}
PY=/usr/bin/python3
. scripts/bench-common.sh
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
# the JVM options of scripts/nst (see scripts/jit-options.sh and BENCHMARKS.md)
. scripts/jit-options.sh
. scripts/bench-isa.sh
# float32 on both sides (bfloat16: scripts/precision_benchmark.sh)
JAVA=(java -Xmx4g $NST_JIT_OPTS -Dorg.bytedeco.javacpp.maxbytes=12G -Dorg.bytedeco.javacpp.maxphysicalbytes=16G -Dnst.bench.precision=fp32 -cp "$CP" nst.bench.Benchmark)
LOG=target/benchmark.log
: > "$LOG"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB; ${ITERS:-10/5/40/20} iterations, $PAIRS pairs" | tee -a "$LOG"
# one PAIR or SUMMARY line: LABEL NET SIZE JAVA_S TORCH_S RATIO JAVA_MB TORCH_MB MEMORY_RATIO
row() { printf "%-7s %-10s %4d  java %.3f s/it  torch %.3f s/it  ratio %.2fx  | peak RSS java %.0f MB torch %.0f MB ratio %.2fx\n" "$@" | tee -a "$LOG"; }
# iters_median LAST SECONDS...: the median of iterations 2..LAST (a number, or "all") of a list of
# seconds per iteration that starts with the first iteration (of the first alone in a 1-iteration run)
iters_median() {
  local last=$1
  shift
  [ "$last" = all ] && last=$#
  if [ $# -le 1 ]; then echo "$@" | median; else echo "${@:2:last-1}" | median; fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.4f", a / b}'; }
PEERLOG=target/bench/peer-log.json
mkdir -p target/bench
for cfg in "vgg19 256 10" "vgg19 512 5" "squeezenet 256 40" "squeezenet 512 20"; do
  set -- $cfg
  net=$1 size=$2 n=${ITERS:-$3}
  JS="" TS="" JM="" TM="" R="" RM="" JE="" TE=""
  for pair in $(seq "$PAIRS"); do
    jout=$("${JAVA[@]}" "$net" "$size" "$n")
    j=$(echo "$jout" | grep '^RESULT')
    echo "$jout" | grep '^ITERATIONS' >> "$LOG"
    echo "$j" | tee -a "$LOG"
    if [ "$net" = vgg19 ]; then
      t=$($PY "$SHARED/peers/torch_gatys_bench.py" --net vgg19 --size "$size" --iters "$n" --threads 2 | grep '^RESULT')
      # its own median includes the first iteration; ours, and the SqueezeNet peer's, start at the second
      tall=$(echo "$t" | sed -E "s/.*all=\[([^]]*)\].*/\1/" | tr -d "',")
      ts=$(iters_median all $tall)
      tm=$(echo "$t" | sed -E 's/.*peakRSS=([0-9]+)MB.*/\1/')
      te=$(iters_median 5 $tall)
    else
      t=$($PY "$SHARED/peers/torch_gatys_reference.py" --net squeezenet --size "$size" --iters "$n" --threads 2 --log "$PEERLOG" \
            --content "$SHARED/images/content/astronaut.png" --style "$SHARED/images/style/starry_night.jpg" --out /tmp/nst-peer.png | grep '^RESULT')
      ts=$(echo "$t" | sed -E 's/.* s_per_iter_median=([0-9.]+).*/\1/')
      tm=$(echo "$t" | sed -E 's/.* peak_rss_mb=([0-9.]+).*/\1/')
      te=$(iters_median 5 $($PY -c 'import json, sys; print(" ".join(str(e["s"]) for e in json.load(open(sys.argv[1]))["iterations"]))' "$PEERLOG"))
    fi
    echo "$t" | tee -a "$LOG"
    je=$(iters_median 5 $(echo "$jout" | grep '^ITERATIONS' | sed -E 's/.*\[([^]]*)\].*/\1/' | tr -d ','))
    JE="$JE $je" TE="$TE $te"
    js=$(echo "$j" | sed -E 's/.*s\/iter median=([0-9.]+).*/\1/')
    jm=$(echo "$j" | sed -E 's/.*peakRSS=([0-9]+)MB.*/\1/')
    r=$(ratio "$js" "$ts")
    rmem=$(ratio "$jm" "$tm")
    row PAIR "$net" "$size" "$js" "$ts" "$r" "$jm" "$tm" "$rmem"
    JS="$JS $js" TS="$TS $ts" JM="$JM $jm" TM="$TM $tm" R="$R $r" RM="$RM $rmem"
  done
  row SUMMARY "$net" "$size" "$(echo "$JS" | median)" "$(echo "$TS" | median)" "$(echo "$R" | median)" \
    "$(echo "$JM" | median)" "$(echo "$TM" | median)" "$(echo "$RM" | median)"
  je=$(echo "$JE" | median) te=$(echo "$TE" | median)
  printf "EARLY   %-10s %4d  java %.3f s/it  torch %.3f s/it  ratio %.2fx  (iterations 2-5 only, medians over the pairs; not a target)\n" \
    "$net" "$size" "$je" "$te" "$(ratio "$je" "$te")" | tee -a "$LOG"
done
# Start-up: JVM start to the written result of a 1-iteration SqueezeNet run at 256 px, as the
# command line runs it (the median of 3).
STARTS=""
for run in 1 2 3; do
  t0=$(date +%s.%N)
  java -Xmx4g $NST_JIT_OPTS -cp "$CP" nst.cli.Main --content testimages/astronaut.png --style testimages/brick.png \
    --output target/bench/startup.png --model squeezenet1.1 --size 256 --iterations 1 --scales 1 >/dev/null
  STARTS="$STARTS $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b - a}')"
done
echo "STARTUP s:$STARTS median $(echo "$STARTS" | median)" | tee -a "$LOG"
# Memory over 20 runs in one JVM and over a 500-iteration run (resident memory after a collection)
java -Xmx2g $NST_JIT_OPTS -cp "$CP" nst.bench.Soak 20 500 192 | grep -E '^(RESULT|SOAK)' | tee -a "$LOG"
# A full default run (2 scales, 105 iterations at 1024 px: the L-BFGS history fills) of VGG19
if [ "${NST_BENCH_1024:-0}" = 1 ]; then
  [ -x /usr/bin/time ] || { echo "NST_BENCH_1024=1 needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 1; }
  /usr/bin/time -f "BIG max_rss_kb=%M wall_s=%e exit=%x" java -Xmx3g $NST_JIT_OPTS -cp "$CP" nst.cli.Main \
    --content "$SHARED/images/content/astronaut.png" --style "$SHARED/images/style/starry_night.jpg" --output target/bench/vgg1024.png \
    --model target/bench/vgg19_random_keras_layout.h5 --size 1024 --iterations 105 2>&1 >/dev/null | grep '^BIG' | tee -a "$LOG" || true
fi
# One line per speed and memory target, from this run's SUMMARY lines (median ratios); the
# 1.3x-then-1.0x steps apply to every configuration, at 256 and 512 px, VGG19 and SqueezeNet.
awk '/^SUMMARY/ { r[$2 " " $3] = $11 + 0; m[$2 " " $3] = $NF + 0 }
  /^STARTUP/ { startup = $NF + 0 }
  /^SOAK/ { split($2, a, "="); runs = a[2] + 0; split($3, b, "="); iters = b[2] + 0 }
  /^BIG/ { split($2, a, "="); big = sprintf("%.2f", a[2] * 1024 / 1e9); split($4, c, "="); bigexit = c[2] + 0 }
  function line(what, v, limit) { printf "TARGET %-56s %5.2fx (<= %.1fx): %s\n", what, v, limit, (v <= limit) ? "MET" : "NOT met" }
  function limit(what, v, unit, most) { printf "TARGET %-56s %5.2f%s (<= %.2f%s): %s\n", what, v, unit, most, unit, (v <= most) ? "MET" : "NOT met" }
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
    limit("Start-up, JVM start to a 1-iteration 256 px result", startup, " s", 5)
    limit("Memory over 20 runs, second half / first half", runs, "x", 1.10)
    limit("Memory over 500 iterations, last third / middle third", iters, "x", 1.10)
    if (big == "") printf "TARGET %-56s not run (NST_BENCH_1024=1 runs it)\n", "VGG19 1024 px full run, peak memory"
    else if (bigexit != 0) printf "TARGET %-56s exit status %d: NOT met\n", "VGG19 1024 px full run, peak memory", bigexit
    else limit("VGG19 1024 px full run, peak memory", big, " GB", 8)
  }' "$LOG" | tee -a "$LOG"
# The bfloat16 and time-to-picture targets (about 40 minutes more), with their own TARGET lines
if [ "${NST_BENCH_PICTURE:-0}" = 1 ]; then
  scripts/precision_benchmark.sh 512 5 "$PAIRS" | tee -a "$LOG"
  scripts/time_to_picture.sh 512 "squeezenet vgg19" 1 | tee -a "$LOG"
fi
