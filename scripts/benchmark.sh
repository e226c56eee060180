#!/usr/bin/env bash
# Speed and memory benchmark: this project (Java, DL4J/ND4J) beside the PyTorch peer in the same
# run, 2 threads each, and the ratio. Usage: scripts/benchmark.sh [ITERS]   (default 5)
# Needs: Debian python3-torch python3-h5py python3-pil python3-numpy (run with /usr/bin/python3),
# ../shared beside the project. Results: one RESULT line per run, a SUMMARY line per configuration
# and a TARGET line per target of the speed-and-memory issue (met or not).
set -euo pipefail
cd "$(dirname "$0")/.."
ITERS=${1:-5}
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
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB" | tee -a "$LOG"
for cfg in "vgg19 256" "vgg19 512" "squeezenet 256" "squeezenet 512"; do
  set -- $cfg
  net=$1 size=$2
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
  awk -v n="$net" -v s="$size" -v js="$js" -v ts="$ts" -v jm="$jm" -v tm="$tm" 'BEGIN{printf "SUMMARY %-10s %4d  java %.3f s/it  torch %.3f s/it  ratio %.2fx  | peak RSS java %d MB torch %d MB ratio %.2fx\n", n, s, js, ts, js/ts, jm, tm, jm/tm}' | tee -a "$LOG"
done
# One line per target of the speed-and-memory issue, from this run's SUMMARY lines.
awk '/^SUMMARY/ { r[$2 " " $3] = $11 + 0; m[$2 " " $3] = $NF + 0 }
  function line(what, v, limit) { printf "TARGET %-52s %5.2fx (<= %.1fx): %s\n", what, v, limit, (v <= limit) ? "MET" : "NOT met" }
  END {
    line("VGG19 512 px s/iteration vs PyTorch, first step", r["vgg19 512"], 1.3)
    line("VGG19 512 px s/iteration vs PyTorch, final", r["vgg19 512"], 1.0)
    line("VGG19 256 px s/iteration vs PyTorch", r["vgg19 256"], 1.3)
    line("SqueezeNet 512 px s/iteration vs PyTorch", r["squeezenet 512"], 1.3)
    line("SqueezeNet 256 px s/iteration vs PyTorch", r["squeezenet 256"], 1.3)
    line("VGG19 512 px peak memory vs PyTorch", m["vgg19 512"], 2.0)
  }' "$LOG" | tee -a "$LOG"
