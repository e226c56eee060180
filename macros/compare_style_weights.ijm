// Stylizes the active image with several style weights and shows the results side by side in a
// labelled montage, to pick a weight. SqueezeNet at 256 px, for speed.
if (nImages == 0) exit("Open the content image first.");
styleFile = File.openDialog("Choose the style image (a painting)");
weightList = getString("Style weights to compare (comma-separated)", "0.1,0.3,1,3");
content = getImageID();
weights = split(weightList, ",");
setBatchMode(true);
for (i = 0; i < weights.length; i++) {
    selectImage(content);
    showStatus("Comparing style weights: run " + (i + 1) + " of " + weights.length + " (style_weight=" + weights[i] + ")");
    print("Comparing style weights: run " + (i + 1) + " of " + weights.length + " (style_weight=" + weights[i] + ")");
    run("Neural Style Transfer", "style=[" + styleFile + "] model=squeezenet1.1 size=256 iterations=100 style_weight=" + weights[i]);
    rename("style_weight=" + weights[i]);
}
run("Images to Stack", "name=Comparison title=style_weight use");
run("Make Montage...", "columns=" + weights.length + " rows=1 scale=1 label");
setBatchMode(false);
