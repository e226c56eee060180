package nst.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.testutil.KerasH5Writer;
import nst.testutil.TestImages;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scripting examples in scripts/examples, run as Fiji runs scripts: through JSR-223 engines. */
class ScriptExamplesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"groovy, stylize.groovy", "python, stylize.py"})
    void theExampleStylizesThroughTheHeadlessApi(String engineName, String script) throws Exception {
        Path content = tmp.resolve("content.png");
        Path style = tmp.resolve("style.png");
        Path model = tmp.resolve("tiny_vgg19.h5");
        Path output = tmp.resolve("out " + engineName + ".png");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(40, 30, 1), "c"), content);
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(30, 30, 2), "s"), style);
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 3);
        ScriptEngine engine = new ScriptEngineManager().getEngineByName(engineName);
        assertNotNull(engine, engineName + " engine on the class path");
        StringWriter said = new StringWriter();
        engine.getContext().setWriter(said);
        engine.put("contentPath", content.toString());
        engine.put("stylePath", style.toString());
        engine.put("outputPath", output.toString());
        engine.put("model", model.toString());
        engine.put("size", 24);
        engine.put("iterations", 3);
        engine.getContext().setAttribute(ScriptEngine.FILENAME, script, ScriptContext.ENGINE_SCOPE);
        engine.eval(Files.readString(Path.of("scripts", "examples", script)));
        ImagePlus out = IJ.openImage(output.toString());
        assertNotNull(out, said.toString());
        assertEquals(24, out.getWidth());
        assertEquals(18, out.getHeight());
        assertTrue(said.toString().contains("Wrote " + output), said.toString());
    }
}
