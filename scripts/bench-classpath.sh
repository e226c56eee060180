# The benchmark scripts' class path (source this file from the repository root): builds the
# plugin's test classes (offline first), writes their dependencies to target/bench-cp.txt and sets
# CP to the test classes, the classes and those dependencies.
mvn -B -q -o -pl :Neural_Style_Transfer test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null 2>&1 \
  || mvn -B -q -pl :Neural_Style_Transfer test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
CP="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
