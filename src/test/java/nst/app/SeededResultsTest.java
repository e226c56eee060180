package nst.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import nst.testutil.Fixtures;
import nst.testutil.KerasH5Writer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seeded command-line runs give the pictures kept in src/test/resources/nst/app (see its README). */
class SeededResultsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"seeded_vgg19_tiny.png, KERAS2", "seeded_vgg19_tiny.png, KERAS1", "seeded_squeezenet.png, -"})
    void seededRunsGiveTheKeptPictures(String kept, String layout) throws Exception {
        List<String> args = new ArrayList<>(List.of("--content", Path.of("testimages", "astronaut.png").toString(),
                "--style", Path.of("testimages", "brick.png").toString(), "--output", tmp.resolve("out.png").toString()));
        if (kept.contains("vgg19")) {
            Path model = tmp.resolve("tiny_vgg19.h5");
            KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 6, 8, 8, 8}), 17, KerasH5Writer.Layout.valueOf(layout));
            args.addAll(List.of("--model", model.toString(), "--size", "48", "--iterations", "8", "--seed", "3", "--init", "noise"));
        } else {
            args.addAll(List.of("--model", Fixtures.squeezeNetH5().toString(), "--size", "64", "--iterations", "8", "--seed", "1"));
        }
        args.addAll(List.of("--precision", "fp32")); // the kept pictures are float32's; auto may pick bfloat16 on this CPU
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(said, true, StandardCharsets.UTF_8);
        Class<?> main = Class.forName("nst.cli.Main");
        var ctor = main.getDeclaredConstructor(PrintStream.class, PrintStream.class);
        var run = main.getDeclaredMethod("run", String[].class);
        ctor.setAccessible(true);
        run.setAccessible(true);
        assertEquals(0, (int) run.invoke(ctor.newInstance(ps, ps), (Object) args.toArray(String[]::new)), said.toString(StandardCharsets.UTF_8));
        BufferedImage expected = ImageIO.read(Fixtures.resource("nst/app/" + kept).toFile());
        BufferedImage got = ImageIO.read(tmp.resolve("out.png").toFile());
        assertEquals(expected.getWidth(), got.getWidth());
        assertEquals(expected.getHeight(), got.getHeight());
        int max = 0;
        double sum = 0;
        for (int y = 0; y < got.getHeight(); y++) {
            for (int x = 0; x < got.getWidth(); x++) {
                for (int shift = 0; shift < 24; shift += 8) {
                    int d = Math.abs(((expected.getRGB(x, y) >> shift) & 255) - ((got.getRGB(x, y) >> shift) & 255));
                    max = Math.max(max, d);
                    sum += d;
                }
            }
        }
        double mean = sum / (3.0 * got.getWidth() * got.getHeight());
        assertTrue(max <= 1 && mean < 0.05, kept + ": largest difference " + max + " grey levels, mean " + mean);
    }
}
