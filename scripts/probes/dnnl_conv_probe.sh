#!/usr/bin/env bash
# Runs DnnlConvProbe (see there): oneDNN called directly with blocked layouts against libnd4j's
# conv2d, VGG19's 3x3 shapes at 256 px, 2 threads. Fetches JavaCPP's oneDNN preset
# (org.bytedeco:dnnl:2.5.2-1.5.7, built on the JavaCPP 1.5.7 that ND4J 1.0.0-M2.1 uses, and the
# OpenCL preset it needs) into the local Maven repository; the project itself does not depend on them.
set -euo pipefail
cd "$(dirname "$0")/../.."
M2=${M2_REPO:-$HOME/.m2/repository}
for a in org.bytedeco:dnnl:2.5.2-1.5.7 org.bytedeco:dnnl:2.5.2-1.5.7:jar:linux-x86_64 \
         org.bytedeco:opencl:3.0-1.5.7 org.bytedeco:opencl:3.0-1.5.7:jar:linux-x86_64; do
  mvn -B -q dependency:get -Dartifact="$a" >/dev/null
done
mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null 2>&1 \
  || mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
P="$M2/org/bytedeco"
CP="target/classes:$(cat target/bench-cp.txt):$P/dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7.jar:$P/dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7-linux-x86_64.jar"
CP="$CP:$P/opencl/3.0-1.5.7/opencl-3.0-1.5.7.jar:$P/opencl/3.0-1.5.7/opencl-3.0-1.5.7-linux-x86_64.jar"
mkdir -p target/probes
javac -nowarn -d target/probes -cp "$CP" scripts/probes/DnnlConvProbe.java
OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE java -cp "target/probes:$CP" DnnlConvProbe
