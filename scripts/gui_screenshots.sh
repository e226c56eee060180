#!/usr/bin/env bash
# A scripted ImageJ run under Xvfb on a laptop-sized 1366x768 screen: opens the example images
# (astronaut as content, brick as style), opens Plugins > Style Transfer, starts Neural Style
# Transfer from the menu, presses OK on its main page and takes screenshots into docs/:
#   screenshot_menu.png     the Plugins > Style Transfer menu
#   screenshot_running.png  the run: ImageJ's progress bar and status line, the preview forming, the live loss plot
#   screenshot_lossplot.png the loss plot window after the run
# Needs: apt-get install xvfb xdotool imagemagick x11-utils; MODELS_DIR (default: an empty
# folder; the bundled SqueezeNet runs). Window positions come from xdotool/xwininfo, not fixed pixels.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
IJ=$(cd "$(scripts/imagej_folder.sh target/ImageJ)" && pwd)
MODELS=${MODELS_DIR:-$(mktemp -d)}
SHOTS=$(mktemp -d)
SCREEN_SIZE=1366x768
DISP=${SHOTS_DISPLAY:-:77}
# Fresh ImageJ preferences (the dialog's starting values): ImageJ reads them from Java's
# user.home, which is not $HOME, so it is passed as -Duser.home below.
PREFS_HOME=$(mktemp -d)
mkdir -p "$PREFS_HOME/.imagej"
printf '.nst.model=squeezenet1.1\n.nst.size=192\n.nst.iterations=60\n.nst.preview_every=10\n.nst.style=brick.png\n' \
    > "$PREFS_HOME/.imagej/IJ_Prefs.txt"

Xvfb "$DISP" -screen 0 "${SCREEN_SIZE}x24" -nolisten tcp >/dev/null 2>&1 & XVFB=$!
JAVA=
cleanup() { [ -n "$JAVA" ] && kill "$JAVA" 2>/dev/null; kill "$XVFB" 2>/dev/null; true; }
trap cleanup EXIT
export DISPLAY=$DISP
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done

# wait_window REGEX [SECONDS]: the id of the first visible window whose name matches.
wait_window() {
    local w
    for _ in $(seq $((${2:-30} * 5))); do
        w=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1 || true)
        [ -n "$w" ] && { echo "$w"; return; }
        sleep 0.2
    done
    echo "no window named '$1'" >&2; import -window root "$SHOTS/timeout.png"; exit 1
}
# geom WINDOW: sets X Y WIDTH HEIGHT.
geom() { eval "$(xdotool getwindowgeometry --shell "$1")"; }
# menus: the open AWT menu windows, in the order they opened.
menus() { xdotool search --onlyvisible --name '^sun-awt-X11-XMenuWindow$' 2>/dev/null || true; }
wait_menus() {
    for _ in $(seq 50); do [ "$(menus | wc -l)" -ge "$1" ] && return; sleep 0.2; done
    echo "menu $1 did not open" >&2; exit 1
}
# menubar_label N: the x and y centre of the N-th label of ImageJ's menu bar, from the gaps between the
# labels in a grab of the bar (so it follows the font and the window position).
menubar_label() {
    local bar; bar=$(xdotool search --onlyvisible --name '^sun-awt-X11-XMenuBarPeer$' | head -1); geom "$bar"
    import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" "$SHOTS/menubar.png"
    convert "$SHOTS/menubar.png" -colorspace gray -scale "${WIDTH}x1!" -depth 8 txt:- \
        | sed -n 's/^\([0-9]*\),0:.*gray(\([0-9]*\)).*/\1 \2/p' \
        | awk -v n="$1" -v x0="$X" -v y0=$((Y + HEIGHT / 2)) '$2 < 226 { if (!k || $1 - e > 6) { if (k && e - s > 3 && ++m == n) { print x0 + int((s + e) / 2), y0; exit } s = $1; k = 1 } e = $1 }'
}

cat > "$SHOTS/open.ijm" <<MACRO
open("$ROOT/testimages/astronaut.png"); setLocation(8, 90);
open("$ROOT/testimages/brick.png"); setLocation(8, 380);
selectImage("astronaut.png");
MACRO
(cd "$IJ" && exec java -Xmx3g -Duser.home="$PREFS_HOME" -Dnst.models.dir="$MODELS" -Dplugins.dir="$IJ" \
    -jar ij.jar -macro "$SHOTS/open.ijm" >"$SHOTS/imagej.log" 2>&1) & JAVA=$!
IJWIN=$(wait_window '^ImageJ$' 60)
wait_window '^astronaut.png$' 60 >/dev/null
xdotool windowmove "$IJWIN" 0 0; sleep 2     # ImageJ in the top left corner, the images below it
geom "$IJWIN"; IJ_W=$WIDTH; IJ_H=$HEIGHT

# Plugins (the 6th label: File Edit Image Process Analyze Plugins) > Style Transfer (the last item)
read -r MX MY < <(menubar_label 6); xdotool mousemove "$MX" "$MY" click 1
wait_menus 1; PLUGINS=$(menus | head -1); geom "$PLUGINS"
xdotool mousemove $((X + 40)) $((Y + HEIGHT - 12)) click 1
wait_menus 2; SUB=$(menus | tail -1); sleep 1
import -window root "$SHOTS/menu.png"
geom "$SUB"; RIGHT=$((X + WIDTH)); BOTTOM=$((Y + HEIGHT))
geom "$PLUGINS"; BOTTOM=$((Y + HEIGHT > BOTTOM ? Y + HEIGHT : BOTTOM))
RIGHT=$((RIGHT > IJ_W ? RIGHT : IJ_W))
convert "$SHOTS/menu.png" -crop "$((RIGHT + 24))x$((BOTTOM + 24))+0+0" +repage docs/screenshot_menu.png

# Neural Style Transfer (the submenu's first item); on its main page, OK (the rightmost button of the bottom row)
geom "$SUB"; xdotool mousemove $((X + 40)) $((Y + 11)) click 1
DLG=$(wait_window '^Neural Style Transfer$' 30); sleep 2
read -r OKX OKY OKW OKH < <(xwininfo -tree -id "$DLG" | sed -n 's/.*"sun-awt-X11-XButtonPeer".* \([0-9]*\)x\([0-9]*\)+-\?[0-9]*+-\?[0-9]* *+\([0-9]*\)+\([0-9]*\)$/\3 \4 \1 \2/p' \
    | sort -k2,2n -k1,1n | tail -1)
xdotool mousemove $((OKX + OKW / 2)) $((OKY + OKH / 2)) click 1

# The run. The live loss plot opens with the first iterations: it goes to the right edge of the
# screen; the preview (every 10 iterations) goes right of the content image. The shot is taken
# when the preview reaches iteration 40 (of 15 + 60: the second scale, a quarter of the way in).
PLOT=$(wait_window '^Style transfer loss \(running\)$' 180)
geom "$PLOT"; xdotool windowmove "$PLOT" $((${SCREEN_SIZE%x*} - WIDTH)) 90
PREVIEW=$(wait_window '^Style transfer preview' 180)
geom "$(xdotool search --onlyvisible --name '^astronaut.png$' | head -1)"
xdotool windowmove "$PREVIEW" $((X + WIDTH + 12)) "$Y"
wait_window '^Style transfer preview \(iteration [4-6][0-9]\)$' 300 >/dev/null
import -window root docs/screenshot_running.png

# After the run the plot is retitled "<result> loss".
PLOT=$(wait_window ' loss$' 300); sleep 2
xdotool windowraise "$PLOT"; sleep 1      # above the table of losses that opens beside it
geom "$PLOT"
import -window root "$SHOTS/done.png"
convert "$SHOTS/done.png" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage docs/screenshot_lossplot.png
echo "screenshots written to docs/ (screen $SCREEN_SIZE; grabs in $SHOTS)"
