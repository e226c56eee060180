#!/usr/bin/env bash
# Seconds per iteration of VGG19 (random He weights in Keras' layout, as scripts/benchmark.sh) in
# float32 and in bfloat16, against the PyTorch peer in float32 and under torch.autocast(bfloat16)
# (scripts/torch_autocast.py), PAIRS times back to back (default 3), 2 threads. bfloat16 runs only
# where oneDNN has it natively; elsewhere only the float32 pair runs (the BACKEND line says which,
# and the bfloat16 TARGET line says it was not measured). NST_BENCH_ISA=avx2: both sides with an
# AVX2 machine's code (scripts/bench-isa.sh). Reads ../shared (the peer). Prints PAIR lines,
# medians and the TARGET lines.
# Usage: scripts/precision_benchmark.sh [SIZE] [ITERS] [PAIRS] (default 512 5 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jit-options.sh
. scripts/bench-isa.sh
SIZE=${1:-512}
N=${2:-5}
PAIRS=${3:-3}
SHARED=${NST_SHARED_DIR:-../shared}
PY=/usr/bin/python3
. scripts/bench-common.sh
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
ours() { java -Xmx4g $NST_JIT_OPTS -Dnst.bench.precision="$1" -cp "$CP" nst.bench.Benchmark vgg19 "$SIZE" "$N" | grep '^RESULT' \
  | sed -E 's/.*s\/iter median=([0-9.]+).*/\1/'; }
# the peer's own median includes its first iteration: the median of the others, as scripts/benchmark.sh takes it
peer() { "$PY" "$@" --net vgg19 --size "$SIZE" --iters "$N" --threads 2 | grep '^RESULT' | sed -E "s/.*all=\[([^]]*)\].*/\1/" | tr -d "'," \
  | median; }
backend=$(java -cp "$CP" -Dnst.bench.precision=bf16 nst.bench.Benchmark vgg19 32 1 | grep '^BACKEND' || true)
echo "$backend"
# without native bfloat16 (BACKEND ... fp32 convolutions) only the float32 pair runs: PyTorch's autocast has no kernels either
case "$backend" in *"bf16 convolutions"*) BF16=1 ;; *) BF16=0 ;; esac
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a / b}'; }
F="" B="" T="" A="" RF="" RB="" RA=""
for pair in $(seq "$PAIRS"); do
  f=$(ours fp32); t=$(peer "$SHARED/peers/torch_gatys_bench.py"); rf=$(ratio "$f" "$t")
  F="$F $f" T="$T $t" RF="$RF $rf"
  if [ "$BF16" = 1 ]; then
    b=$(ours bf16); a=$(peer scripts/torch_autocast.py "$SHARED/peers/torch_gatys_bench.py"); rb=$(ratio "$b" "$t"); ra=$(ratio "$b" "$a")
    echo "PAIR vgg19 $SIZE ours fp32 $f bf16 $b s/it; torch fp32 $t autocast-bf16 $a s/it; fp32/torch $rf, bf16/torch-fp32 $rb, bf16/torch-autocast $ra"
    B="$B $b" A="$A $a" RB="$RB $rb" RA="$RA $ra"
  else
    echo "PAIR vgg19 $SIZE ours fp32 $f s/it; torch fp32 $t s/it; fp32/torch $rf (no native bfloat16)"
  fi
done
rf=$(echo "$RF" | median)
awk -v r="$rf" 'BEGIN{printf "TARGET VGG19 '"$SIZE"' px s/iteration float32 vs PyTorch float32 <= 0.65x'"${NST_BENCH_ISA:+ (ISA limited to $NST_BENCH_ISA)}"': %.2fx %s\n", r, r <= 0.65 ? "MET" : "NOT MET"}'
if [ "$BF16" = 1 ]; then
  rb=$(echo "$RB" | median); ra=$(echo "$RA" | median)
  echo "SUMMARY vgg19 $SIZE ours fp32 $(echo "$F" | median) bf16 $(echo "$B" | median) s/it; torch fp32 $(echo "$T" | median) autocast $(echo "$A" | median) s/it"
  awk -v r="$rb" 'BEGIN{printf "TARGET VGG19 '"$SIZE"' px s/iteration bfloat16 vs PyTorch float32 <= 0.4x: %.2fx %s\n", r, r <= 0.4 ? "MET" : "NOT MET"}'
  awk -v r="$ra" 'BEGIN{printf "REPORT VGG19 '"$SIZE"' px s/iteration bfloat16 vs PyTorch autocast bfloat16: %.2fx\n", r}'
else
  echo "SUMMARY vgg19 $SIZE ours fp32 $(echo "$F" | median) s/it; torch fp32 $(echo "$T" | median) s/it"
  echo "TARGET VGG19 $SIZE px s/iteration bfloat16 vs PyTorch float32 <= 0.4x: not measured (no native bfloat16 here)"
fi
