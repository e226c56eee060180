#!/usr/bin/env bash
# The Spark batch benchmark (BENCHMARKS.md): the same 20 pictures (five crops of each of the four
# bundled test images, in the style of testimages/brick.png, SqueezeNet 1.1, 256 px, default
# options) made by a plain loop of the command line (one JVM per picture, scripts/nst) and by
# scripts/nst-spark in local[2] mode, timed from the first command to the last file. Prints images
# per minute for both, the median seconds per picture from each, and the TARGET line: Spark's
# overhead over the loop under 10% of the loop's time. Reads nothing outside the repository.
# Needs ImageMagick (convert) for the crops. Usage: scripts/spark_benchmark.sh [MASTER] (default local[2]).
set -euo pipefail
cd "$(dirname "$0")/.."
MASTER=${1:-local[2]}
mvn -B -q -o package -DskipTests >/dev/null 2>&1 || mvn -B -q package -DskipTests
W=target/spark-bench
rm -rf "$W" && mkdir -p "$W/in" "$W/loop"
for img in astronaut chelsea coffee brick; do
  i=0
  for g in 70%x70%+0+0 70%x70%+30%+0 70%x70%+0+30% 70%x70%+30%+30% 80%x80%+10%+10%; do
    convert "testimages/$img.png" -crop "$g" +repage "$W/in/${img}_$i.png"
    i=$((i + 1))
  done
done
OPTS=(--size 256 --model squeezenet1.1)
t0=$(date +%s.%N)
for f in "$W"/in/*.png; do
  n=$(basename "$f" .png)
  /usr/bin/time -f "%e" -o "$W/loop/$n.time" scripts/nst --content "$f" --style testimages/brick.png --output "$W/loop/${n}_brick.png" "${OPTS[@]}" >/dev/null
done
t1=$(date +%s.%N)
scripts/nst-spark --master "$MASTER" --input "$W/in" --style testimages/brick.png --output "$W/spark" "${OPTS[@]}" 2>"$W/spark.log" | tail -1
t2=$(date +%s.%N)
python3 - "$W" "$t0" "$t1" "$t2" "$MASTER" <<'PY'
import csv, glob, statistics, sys
w, t0, t1, t2, master = sys.argv[1], *map(float, sys.argv[2:5]), sys.argv[5]
loop, spark = t1 - t0, t2 - t1
n = len(glob.glob(w + "/in/*.png"))
per_loop = statistics.median(float(open(f).read().split()[-1]) for f in glob.glob(w + "/loop/*.time"))
rows = list(csv.DictReader(open(w + "/spark/manifest.csv")))
ok = sum(r["status"] == "ok" for r in rows)
per_task = statistics.median(float(r["seconds"]) for r in rows if r["status"] == "ok")
print(f"RESULT loop {n} pictures {loop:.1f} s {n * 60 / loop:.2f} images/min, median {per_loop:.1f} s per picture (JVM start included)")
print(f"RESULT spark {master} {ok}/{n} pictures {spark:.1f} s {n * 60 / spark:.2f} images/min, median {per_task:.1f} s per picture in a task")
over = spark / loop - 1
print(f"TARGET Spark {master} overhead over the command-line loop <= 10%: {100 * over:+.1f}% ({spark:.1f} s / {loop:.1f} s) "
      + ("MET" if over <= 0.10 and ok == n else "NOT MET"))
PY
