#!/usr/bin/env bash
# VGG19 seconds per iteration at 512 and 1024 px on ND4J's CUDA backend (the cuda profile of
# pom.xml), for BENCHMARKS.md. Usage: scripts/gpu_benchmark.sh [ITERS] (default 5).
# One run per size of nst.bench.Benchmark (the CPU benchmark's runs: random-weight VGG19 in the
# real Keras layout, one scale, the median over iterations 2..ITERS; the default layers). Needs an
# NVIDIA GPU with its driver, CUDA 11.6 and cuDNN 8.3 (README, "NVIDIA GPUs"); the first build
# downloads the cuda profile's ND4J jars (about 600 MB). Prints a machine line, then BACKEND,
# ITERATIONS and RESULT lines per size, and a GPU line per size; target/gpu-benchmark.log keeps them.
# NST_GPU_PROFILE names the Maven profile (default cuda); NST_GPU_PROFILE= (empty) runs the same
# steps on the default CPU backend, to try the script on a machine without a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
ITERS=${1:-5}
PROFILE=${NST_GPU_PROFILE-cuda}
LOG=target/gpu-benchmark.log
mkdir -p target
mvn -B -q -pl :Neural_Style_Transfer ${PROFILE:+-P"$PROFILE"} test-compile dependency:build-classpath -Dmdep.outputFile=target/gpu-cp.txt
CP="target/test-classes:target/classes:$(cat target/gpu-cp.txt)"
GPU=$(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null | head -1 || true)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); GPU: ${GPU:-none found}; profile: ${PROFILE:-none (CPU)}; $ITERS iterations" | tee "$LOG"
# the JVM options of scripts/nst
. scripts/jit-options.sh
for size in 512 1024; do
  if ! out=$(java -Xmx8g $NST_JIT_OPTS -cp "$CP" nst.bench.Benchmark vgg19 "$size" "$ITERS"); then
    echo "The $size px run failed (above). With the cuda profile, \"libcuda.so.1: cannot open shared object file\" means no NVIDIA driver was found; see README, \"NVIDIA GPUs\", for the CUDA and cuDNN versions." | tee -a "$LOG" >&2
    exit 1
  fi
  out=$(echo "$out" | grep -E '^(BACKEND|ITERATIONS|RESULT)')
  echo "$out" | tee -a "$LOG"
  backend=$(echo "$out" | sed -n -E 's/^BACKEND ([A-Za-z]+).*/\1/p')
  if [ "$PROFILE" = cuda ] && [ "$backend" != JCublasBackend ]; then
    echo "The cuda build ran on ND4J's $backend, not its CUDA backend (JCublasBackend): see the output above." >&2
    exit 1
  fi
  s=$(echo "$out" | sed -n -E 's/^RESULT .*s\/iter median=([0-9.]+).*/\1/p')
  echo "GPU vgg19 $size px: $s s/iteration on $backend (${GPU:-no GPU})" | tee -a "$LOG"
done
