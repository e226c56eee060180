# Sourced by the benchmark scripts. NST_BENCH_ISA=avx2 runs both sides with the code an AVX2
# machine runs, on this one: oneDNN's kernels (ours and PyTorch's) at most AVX2, OpenBLAS's
# Haswell kernels, PyTorch's ATen at AVX2; precision=bf16 then runs fp32. The clock, caches
# and memory stay this machine's.
case "${NST_BENCH_ISA:-}" in
  "") ;;
  avx2) export DNNL_MAX_CPU_ISA=AVX2 ONEDNN_MAX_CPU_ISA=AVX2 OPENBLAS_CORETYPE=Haswell ATEN_CPU_CAPABILITY=avx2
        echo "ISA limited to AVX2 (NST_BENCH_ISA=avx2)" ;;
  *) echo "NST_BENCH_ISA: avx2 or unset, was $NST_BENCH_ISA" >&2; exit 2 ;;
esac
