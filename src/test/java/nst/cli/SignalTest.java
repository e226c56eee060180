package nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.testutil.KerasH5Writer;
import nst.testutil.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM during a command-line run (as Ctrl-C or a batch system's kill): the best image so far is kept. */
class SignalTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermKeepsTheBestImageSoFarBesideTheOutput() throws Exception {
        Path content = tmp.resolve("content.png");
        Path style = tmp.resolve("style.png");
        Path model = tmp.resolve("tiny.h5");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(30, 20, 1), "c"), content);
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(25, 25, 2), "s"), style);
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 9);
        Path out = tmp.resolve("out.png");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx1g", "-Djava.awt.headless=true", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--content", content.toString(), "--style",
                style.toString(), "--output", out.toString(), "--model", model.toString(), "--size", "24", "--iterations", "100000",
                "--scales", "1").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        StringBuilder said = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                said.append(line).append('\n');
                if (line.contains("] 1/100000")) {
                    p.toHandle().destroy(); // SIGTERM, streams left open
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), said.toString());
        assertEquals(143, p.exitValue(), said.toString());
        Path partial = tmp.resolve("out-partial.png");
        assertTrue(said.toString().contains("wrote the best image so far to " + partial), said.toString());
        assertEquals(24, IJ.openImage(partial.toString()).getWidth());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("content.png", "out-partial.png", "style.png", "tiny.h5"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no output, no temporary file");
        }
    }
}
