#!/usr/bin/env bash
# Runs macros/batch_folder.ijm with plain ImageJ's -batch under Xvfb (ImageJ's -batch needs a
# display) on the bundled example images, and checks that every result was written.
# Needs: apt-get install xvfb. The plugin's bundled SqueezeNet runs; an empty models folder is used.
set -euo pipefail
cd "$(dirname "$0")/.."
IJ=$(scripts/imagej_folder.sh target/ImageJ)
MODELS=${MODELS_DIR:-$(mktemp -d)}
IN=$(mktemp -d) OUT=$(mktemp -d)
cp testimages/chelsea.png testimages/coffee.png "$IN/"
(cd "$IJ" && xvfb-run -a java -Xmx3g -Dplugins.dir="$PWD" -jar ij.jar -batch "$OLDPWD/macros/batch_folder.ijm" \
  "input=$IN output=$OUT style=$OLDPWD/testimages/brick.png model=squeezenet1.1 size=96 iterations=10 models_dir=$MODELS") 2>&1 | grep -v '^SLF4J'
for f in chelsea coffee; do
  [ -s "$OUT/$f-styled.png" ] || { echo "FAIL: $OUT/$f-styled.png missing"; exit 1; }
done
echo "OK: $(ls "$OUT" | tr '\n' ' ')"
