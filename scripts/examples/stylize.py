# Stylizes an image through the headless API (nst.app.NeuralStyle), as a Jython script in Fiji's
# script editor or any JSR-223 host. Set the variables below (or bind them before running):
# contentPath, stylePath, outputPath; optional model, size, iterations.
from ij import IJ
from java.nio.file import Paths
from nst.app import NeuralStyle
from nst.convert import ImageFiles, Images
from nst.core import CancellationToken, ProgressListener


def setting(name, fallback):
    return globals().get(name, fallback)


def open_image(path):
    imp = IJ.openImage(path)
    if imp is None:
        raise ValueError("Cannot open %s: check the path." % path)
    return imp


content = open_image(setting('contentPath', 'testimages/astronaut.png'))
style = open_image(setting('stylePath', 'testimages/brick.png'))
result = (NeuralStyle.builder()
          .content(content)
          .style(style)
          .model(setting('model', 'squeezenet1.1'))
          .size(int(setting('size', 256)))
          .iterations(int(setting('iterations', 100)))
          .build()
          .run(ProgressListener.NONE, CancellationToken.NEVER))
output = Paths.get(setting('outputPath', 'astronaut_brick.png'))
ImageFiles.save(Images.toImagePlus(result.image(), str(output.getFileName())), output)
print("Wrote %s: loss %g -> %g" % (output, result.losses().get(0).total(), result.finalLosses().total()))
