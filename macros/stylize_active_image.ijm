// Stylizes the active image with a style image chosen from a file; the result opens as a new
// window. Plugins > Macros > Run..., or drag this file onto ImageJ.
if (nImages == 0) exit("Open the content image first.");
styleFile = File.openDialog("Choose the style image (a painting)");
Dialog.create("Stylize active image");
auto = "default (vgg19 when installed, else the bundled squeezenet1.1)";
Dialog.addChoice("Model", newArray(auto, "vgg19", "vgg16", "squeezenet1.1"), auto);
Dialog.addNumber("Size (longest side, px)", 512);
Dialog.addNumber("Iterations", 200);
Dialog.show();
model = Dialog.getChoice();
size = Dialog.getNumber();
iterations = Dialog.getNumber();
modelKey = "";
if (model != auto) modelKey = " model=" + model;
run("Neural Style Transfer", "style=[" + styleFile + "]" + modelKey + " size=" + size + " iterations=" + iterations);
