// Gives one region of the active image one style and the rest another (spatial control): the
// face of testimages/astronaut.png in one style, everything else in another. The region is drawn
// here as a label image (0 = background, 1 = the face) and passed with region=labels, so this
// runs headless too; in ImageJ with a display, a selection (region=selection) or the ROI Manager
// (region=roi_manager) does the same.
//   Fiji:   ImageJ-linux64 --headless -batch macros/regions_two_styles.ijm "content=... face=... background=... output=..."
//   ImageJ: xvfb-run -a java -jar ij.jar -batch macros/regions_two_styles.ijm "content=..." (ImageJ 1 needs a display, even a virtual one)
// Keys: content, face, background (image files), output (file), and optionally size, iterations,
// feather, oval (x,y,w,h of the face as fractions of the image; default the astronaut's face).
args = getArgument();
content = value(args, "content", "");
face = value(args, "face", "");
background = value(args, "background", "");
output = value(args, "output", "");
if (content == "" || face == "" || background == "" || output == "")
    exit("Usage: -batch regions_two_styles.ijm \"content=FILE face=FILE background=FILE output=FILE [size=N iterations=N feather=N oval=x,y,w,h]\"");
oval = split(value(args, "oval", "0.30,0.03,0.30,0.37"), ",");
setBatchMode(true);
open(content);
id = getImageID();
w = getWidth();
h = getHeight();
newImage("face labels", "8-bit black", w, h, 1);
makeOval(w * parseFloat(oval[0]), h * parseFloat(oval[1]), w * parseFloat(oval[2]), h * parseFloat(oval[3]));
setColor(1);
fill();
run("Select None");
selectImage(id);
options = "style=[" + face + "] region=labels region_image=[face labels] background_style=[" + background + "]"
    + " size=" + value(args, "size", "256") + " iterations=" + value(args, "iterations", "200") + " output=[" + output + "]";
feather = value(args, "feather", "");
if (feather != "") options = options + " feather=" + feather;
run("Neural Style Transfer", options);

// the value of key in "key=value key=[value with spaces] ..."
function value(s, key, def) {
    s = " " + s + " ";
    i = indexOf(s, " " + key + "=");
    if (i < 0) return def;
    v = substring(s, i + lengthOf(key) + 2);
    if (startsWith(v, "[")) return substring(v, 1, indexOf(v, "]"));
    return substring(v, 0, indexOf(v, " "));
}
