// Stylizes every image of a folder with one style image, headless:
//   Fiji:   ImageJ-linux64 --headless -batch macros/batch_folder.ijm "input=/in output=/out style=/s.jpg model=squeezenet1.1 size=256 iterations=100"
//   ImageJ: xvfb-run java -jar ij.jar -batch macros/batch_folder.ijm "input=... output=... style=..."
// Keys of the argument: input, output (folders; output must exist), style (file), and optionally
// model, size, iterations, models_dir, download. Results are saved as <name>-styled.png.
args = getArgument();
input = value(args, "input", "");
output = value(args, "output", "");
style = value(args, "style", "");
if (input == "" || output == "" || style == "")
    exit("Usage: -batch batch_folder.ijm \"input=DIR output=DIR style=FILE [model=ID size=N iterations=N models_dir=DIR download]\"");
// no model key: vgg19 when installed, else the bundled squeezenet1.1
options = "style=[" + style + "] size=" + value(args, "size", "512") + " iterations=" + value(args, "iterations", "200");
model = value(args, "model", "");
if (model != "") options = options + " model=" + model;
modelsDir = value(args, "models_dir", "");
if (modelsDir != "") options = options + " models_dir=[" + modelsDir + "]";
if (indexOf(" " + args + " ", " download ") >= 0) options = options + " download";
setBatchMode(true);
list = getFileList(input);
done = 0;
for (i = 0; i < list.length; i++) {
    if (endsWith(list[i], "/") || startsWith(list[i], ".")) continue;
    open(input + File.separator + list[i]);
    source = getImageID();
    name = File.nameWithoutExtension;
    run("Neural Style Transfer", options + " output=[" + output + File.separator + name + "-styled.png]");
    close();
    selectImage(source);
    close();
    done++;
    print("Stylized " + list[i] + " (" + done + ")");
}
print("Done: " + done + " images written to " + output);

// The value of key=value or key=[value] in s, or def.
function value(s, key, def) {
    s = " " + s + " ";
    i = indexOf(s, " " + key + "=");
    if (i < 0) return def;
    v = substring(s, i + lengthOf(key) + 2);
    if (startsWith(v, "[")) return substring(v, 1, indexOf(v, "]"));
    return substring(v, 0, indexOf(v, " "));
}
