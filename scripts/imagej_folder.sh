#!/usr/bin/env bash
# Lays out a plain ImageJ 1 installation in DIR (default target/ImageJ) from the build:
# ij.jar, plugins/Neural_Style_Transfer-*.jar and plugins/jars/* (as a user would install it).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-target/ImageJ}
[ -d target/Fiji.app/plugins ] || mvn -B -q -pl :Neural_Style_Transfer package -DskipTests
rm -rf "$DIR" && mkdir -p "$DIR/plugins/jars"
cp target/lib/ij-*.jar "$DIR/ij.jar"
cp target/Fiji.app/plugins/*.jar "$DIR/plugins/"
cp target/Fiji.app/jars/*.jar "$DIR/plugins/jars/"
echo "$DIR"
