# Sourced by the probe scripts, from the repository root: builds the project and its class path
# (target/bench-cp.txt), compiles the probe sources given as arguments into target/probes, and
# sets CP to the project's class path.
mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null 2>&1 \
  || mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
CP="target/classes:$(cat target/bench-cp.txt)"
mkdir -p target/probes
javac -nowarn -proc:none -d target/probes -cp "$CP" "$@"
