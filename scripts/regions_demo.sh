#!/usr/bin/env bash
# The README's regions picture, from testimages/ with the bundled SqueezeNet: the astronaut's face
# in the brick style and everything else in the coffee picture's, by macros/regions_two_styles.ijm
# in a plain ImageJ with -batch on a virtual display (Needs: apt-get install xvfb); then a montage of the content with the face region drawn, and the
# result, in docs/regions_astronaut.jpg.
set -euo pipefail
cd "$(dirname "$0")/.."
IJ=$(cd "$(scripts/imagej_folder.sh target/ImageJ)" && pwd)
export JAVA_TOOL_OPTIONS="-Duser.home=$(mktemp -d) ${JAVA_TOOL_OPTIONS:-}"   # fresh ImageJ preferences
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
ROOT=$PWD
(cd "$IJ" && xvfb-run -a java -Xmx4g -Dplugins.dir="$IJ" -jar ij.jar -batch "$ROOT/macros/regions_two_styles.ijm" \
  "content=$ROOT/testimages/astronaut.png face=$ROOT/testimages/brick.png background=$ROOT/testimages/coffee.png output=$OUT/result.png size=256 iterations=200")
cat > "$OUT/montage.ijm" <<MACRO
setBatchMode(true);
open("$ROOT/testimages/astronaut.png");
w = getWidth(); h = getHeight();
makeOval(w * 0.30, h * 0.03, w * 0.30, h * 0.37);
setForegroundColor(255, 255, 0); run("Line Width...", "line=2"); run("Draw", "slice"); run("Select None");
rename("content"); open("$OUT/result.png"); rename("result");
run("Images to Stack", "use"); run("Make Montage...", "columns=2 rows=1 scale=1 border=4");
saveAs("Jpeg", "$ROOT/docs/regions_astronaut.jpg");
MACRO
(cd "$IJ" && xvfb-run -a java -jar ij.jar -batch "$OUT/montage.ijm")
echo "wrote docs/regions_astronaut.jpg"
