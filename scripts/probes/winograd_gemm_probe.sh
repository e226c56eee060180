#!/usr/bin/env bash
# Runs the ninth session's two probes (see BENCHMARKS.md), 2 threads, the launcher's JVM options:
# WinogradProbe (F(2x2,3x3) against the engine's direct oneDNN convolution, VGG19's 3x3 shapes at
# 256 px) and GemmProbe (the style loss's matrix products by ND4J, oneDNN's sgemm and OpenBLAS).
# Usage: scripts/probes/winograd_gemm_probe.sh [REPETITIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/probes/compile.sh scripts/probes/WinogradProbe.java scripts/probes/GemmProbe.java
. scripts/jit-options.sh
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
java -Xmx4g $NST_JIT_OPTS -cp "target/probes:$CP" nst.model.WinogradProbe "${1:-20}" 2>&1 | grep '^PROBE'
java -Xmx4g $NST_JIT_OPTS -cp "target/probes:$CP" GemmProbe "${1:-30}" 2>&1 | grep '^PROBE'
