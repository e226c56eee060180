// Stylizes an image through the headless API (nst.app.NeuralStyle), as a Groovy script in Fiji's
// script editor or any JSR-223 host. Set the variables below (or bind them before running):
// contentPath, stylePath, outputPath; optional model, size, iterations.
import ij.IJ
import nst.app.NeuralStyle
import nst.convert.ImageFiles
import nst.convert.Images
import nst.core.CancellationToken
import nst.core.ProgressListener
import java.nio.file.Path

def setting(String name, Object fallback) { binding.hasVariable(name) ? binding.getVariable(name) : fallback }

def open(String path) {
    def imp = IJ.openImage(path)
    if (imp == null) {
        throw new IllegalArgumentException("Cannot open ${path}: check the path.")
    }
    imp
}

def content = open(setting('contentPath', 'testimages/astronaut.png') as String)
def style = open(setting('stylePath', 'testimages/brick.png') as String)
def result = NeuralStyle.builder()
        .content(content)
        .style(style)
        .model(setting('model', 'squeezenet1.1') as String)
        .size(setting('size', 256) as int)
        .iterations(setting('iterations', 100) as int)
        .log { note -> IJ.log(note) }
        .build()
        .run(ProgressListener.NONE, CancellationToken.NEVER)
def output = Path.of(setting('outputPath', 'astronaut_brick.png') as String)
ImageFiles.save(Images.toImagePlus(result.image(), output.fileName.toString()), output)
println "Wrote ${output}: loss ${result.losses().get(0).total()} -> ${result.finalLosses().total()}"
