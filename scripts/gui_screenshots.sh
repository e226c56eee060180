#!/usr/bin/env bash
# A scripted ImageJ run under Xvfb: opens the example images, opens Plugins > Style Transfer,
# starts Neural Style Transfer from the menu, presses OK, and takes screenshots of the menu, the
# dialog and the run (progress bar, preview, result) into docs/.
# Needs: apt-get install xvfb xdotool imagemagick; MODELS_DIR (default: an empty folder; the bundled SqueezeNet runs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
IJ=$(cd "$(scripts/imagej_folder.sh target/ImageJ)" && pwd)
MODELS=${MODELS_DIR:-$(mktemp -d)}
SHOTS=$(mktemp -d)
export HOME=$(mktemp -d)   # fresh ImageJ preferences: the dialog's starting values
mkdir -p "$HOME/.imagej"
printf '.nst.model=squeezenet1.1\n.nst.size=192\n.nst.iterations=60\n.nst.preview_every=10\n.nst.style=brick.png\n' > "$HOME/.imagej/IJ_Prefs.txt"
cat > "$SHOTS/open.ijm" <<MACRO
open("$ROOT/testimages/brick.png"); setLocation(820, 420);
open("$ROOT/testimages/astronaut.png"); setLocation(10, 90);
MACRO
Xvfb :77 -screen 0 1280x900x24 >/dev/null 2>&1 & XVFB=$!
trap 'kill $XVFB 2>/dev/null; pkill -f "plugins.dir=$IJ" || true' EXIT
export DISPLAY=:77
(cd "$IJ" && java -Xmx3g -Dnst.models.dir="$MODELS" -Dplugins.dir="$IJ" -jar ij.jar -macro "$SHOTS/open.ijm" >/dev/null 2>&1 &)
sleep 14
xdotool mousemove 848 12 click 1; sleep 1
xdotool mousemove 850 150; sleep 0.5; xdotool mousemove 863 156 click 1; sleep 2
import -window root "$SHOTS/menu.png"
xdotool mousemove 1115 158 click 1; sleep 3
W=$(xdotool search --name "^Neural Style Transfer$" | head -1)
eval "$(xdotool getwindowgeometry --shell "$W")"
import -window root "$SHOTS/dialog.png"
xdotool mousemove $((X + WIDTH - 38)) $((Y + HEIGHT - 22)) click 1
sleep 16
import -window root "$SHOTS/running.png"
convert "$SHOTS/menu.png" -crop 760x200+520+0 docs/screenshot_menu.png
convert "$SHOTS/dialog.png" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" docs/screenshot_dialog.png
convert "$SHOTS/running.png" -crop 1140x710+0+0 -resize 80% docs/screenshot_running.png
echo "screenshots written to docs/"
