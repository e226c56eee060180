# The JIT options of scripts/nst, shared with the benchmark and the peer check (source this file).
# -XX:TieredStopAtLevel=1: the C1 compiler only. On a 2-core machine the C2 compiler's 3 s of work
# in the first seconds competes with the run itself; C1 alone made SqueezeNet runs 10-20% faster.
# -XX:CompileThresholdScaling=0.02: C1 compiles a method after 2% of the usual calls and loops, so
# ND4J's Java side of each operation (hundreds per iteration) is compiled in the first iterations
# instead of the first dozens: SqueezeNet iterations 2-5 at 256 px 12-15% faster; 0.003 was slower
# (a compile storm). See BENCHMARKS.md.
NST_JIT_OPTS="-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.02"
