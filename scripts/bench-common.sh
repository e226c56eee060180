# The benchmark scripts' shared preamble (source this file from the repository root): builds the
# plugin's test classes (offline first), writes their dependencies to target/bench-cp.txt and sets
# CP to the test classes, the classes and those dependencies; defines median.
mvn -B -q -o -pl :Neural_Style_Transfer test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null 2>&1 \
  || mvn -B -q -pl :Neural_Style_Transfer test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
CP="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
# median: the median of the numbers on standard input (separated by spaces or lines), to 4 decimals
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {printf "%.4f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
