#!/usr/bin/env bash
# Runs DnnlConvProbe (see there): oneDNN called directly with blocked layouts against libnd4j's
# conv2d, VGG19's 3x3 shapes at 256 px, 2 threads. JavaCPP's oneDNN preset
# (org.bytedeco:dnnl:2.5.2-1.5.7) is one of the project's dependencies since the eighth session
# (nst.model.OneDnnConv), so the project's class path has it.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/probes/compile.sh scripts/probes/DnnlConvProbe.java
OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE java -cp "target/probes:$CP" DnnlConvProbe
