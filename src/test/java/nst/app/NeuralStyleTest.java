package nst.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.core.BadInputException;
import nst.core.CancellationToken;
import nst.core.ProgressListener;
import nst.core.RgbImage;
import nst.core.StyleTransferResult;
import nst.testutil.KerasH5Writer;
import nst.testutil.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless API: one recipe, the same picture as the command line, clear errors. */
class NeuralStyleTest {
    @TempDir
    Path tmp;

    @Test
    void theApiAndTheCommandLineGiveTheSamePicture() throws Exception {
        Path content = tmp.resolve("c.png");
        Path style = tmp.resolve("s.png");
        Path model = tmp.resolve("m.h5");
        Path out = tmp.resolve("cli.png");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(40, 30, 1), "c"), content);
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(30, 30, 2), "s"), style);
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 4);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        java.lang.reflect.Method main = Class.forName("nst.cli.Main").getDeclaredMethod("run", String[].class);
        java.lang.reflect.Constructor<?> ctor = Class.forName("nst.cli.Main").getDeclaredConstructor(PrintStream.class, PrintStream.class);
        ctor.setAccessible(true);
        main.setAccessible(true);
        int code = (int) main.invoke(ctor.newInstance(ps, ps), (Object) new String[] {"--content", content.toString(), "--style", style.toString(),
            "--output", out.toString(), "--model", model.toString(), "--size", "24", "--iterations", "4", "--seed", "5", "--init", "noise"});
        assertEquals(0, code, buf.toString(StandardCharsets.UTF_8));

        List<String> notes = new ArrayList<>();
        StyleTransferResult r = NeuralStyle.builder().content(IJ.openImage(content.toString())).style(IJ.openImage(style.toString()))
                .model(model.toString()).size(24).iterations(4).seed(5).option("init", "noise").log(notes::add).build()
                .run(ProgressListener.NONE, CancellationToken.NEVER);
        int[] api = (int[]) Images.toImagePlus(r.image(), "api").getProcessor().getPixels();
        int[] cli = (int[]) IJ.openImage(out.toString()).getProcessor().getPixels();
        for (int i = 0; i < api.length; i++) {
            api[i] &= 0xffffff;
            cli[i] &= 0xffffff;
        }
        assertArrayEquals(cli, api, "one recipe: the same seeded picture");
        assertTrue(notes.isEmpty(), "a named model needs no note: " + notes);
    }

    @Test
    void aPreparedRunStylizesFurtherImagesWithoutLoadingAgain() {
        Path model = tmp.resolve("m.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 4);
        PreparedRun run = NeuralStyle.builder().content(Images.toImagePlus(TestImages.pattern(40, 30, 1), "c"))
                .style(Images.toImagePlus(TestImages.pattern(30, 30, 2), "s")).model(model.toString()).size(24).iterations(2).build()
                .prepare(ProgressListener.NONE, CancellationToken.NEVER);
        assertTrue(run.describe().startsWith("Model vgg19, content 24x18, 1 style image(s), 2 lbfgs iterations"), run.describe());
        RgbImage first = run.run(ProgressListener.NONE, CancellationToken.NEVER).image();
        StyleTransferResult next = run.run(Images.toImagePlus(TestImages.pattern(40, 30, 7), "d").getProcessor(),
                java.util.Optional.of(first), ProgressListener.NONE, CancellationToken.NEVER);
        assertEquals(24, next.image().width());
    }

    @Test
    void missingImagesAndUnknownOptionsAreClearErrors() {
        BadInputException e = assertThrows(BadInputException.class, () -> NeuralStyle.builder().build());
        assertTrue(e.getMessage().contains("No content image"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> NeuralStyle.builder().content((ij.ImagePlus) null));
        assertTrue(e.getMessage().contains("No content image (null)"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> NeuralStyle.builder().option("itertions", "3"));
        assertTrue(e.getMessage().contains("Unknown option 'itertions'"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> NeuralStyle.builder().content(Images.toImagePlus(TestImages.pattern(8, 8, 1), "c"))
                .build());
        assertTrue(e.getMessage().contains("No style image"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> NeuralStyle.builder().option("output", "/tmp/x.png"));
        assertTrue(e.getMessage().contains("output is not an option of the API"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> NeuralStyle.builder().option("download", "no"));
        assertTrue(e.getMessage().contains("download is a flag: give \"true\" or \"false\""), e.getMessage());
        e = assertThrows(BadInputException.class, () -> NeuralStyle.builder().option(null, "1"));
        assertTrue(e.getMessage().contains("Unknown option 'null'"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> NeuralStyle.builder().content(Images.toImagePlus(TestImages.pattern(8, 8, 1), "c"))
                .style(Images.toImagePlus(TestImages.pattern(8, 8, 2), "s")).size(-5).build());
        assertTrue(e.getMessage().contains("size must be between"), e.getMessage());
    }

    /**
     * The API's regions: a mask keeps the content outside (beyond the feather band), labels need
     * one style each, an RGB label image and a background style without regions are refused.
     */
    @Test
    void masksAndLabelsThroughTheApi() throws Exception {
        Path model = tmp.resolve("m.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 4);
        ij.process.ImageProcessor content = Images.toImagePlus(TestImages.pattern(40, 30, 1), "c").getProcessor();
        ij.process.ImageProcessor style = Images.toImagePlus(TestImages.pattern(30, 30, 2), "s").getProcessor();
        ij.process.ByteProcessor mask = new ij.process.ByteProcessor(40, 30);
        mask.setValue(255);
        mask.fill(new ij.gui.Roi(20, 0, 20, 30));
        RgbImage r = NeuralStyle.builder().content(content).style(style).mask(mask).model(model.toString()).size(40).iterations(4)
                .option("feather", "4").build().run(ProgressListener.NONE, CancellationToken.NEVER).image();
        RgbImage c = Images.toRgb(content);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 16; x++) {
                assertEquals(c.get(1, x, y), r.get(1, x, y), 1 / 255.0, "left of the band the content stays at " + x + "," + y);
            }
        }
        ij.process.ByteProcessor labels = new ij.process.ByteProcessor(40, 30);
        labels.setValue(2);
        labels.fill(new ij.gui.Roi(0, 0, 10, 10));
        BadInputException two = assertThrows(BadInputException.class, () -> NeuralStyle.builder().content(content).style(style).regions(labels)
                .model(model.toString()).size(40).iterations(1).build().run(ProgressListener.NONE, CancellationToken.NEVER));
        assertTrue(two.getMessage().contains("label 2 has no style"), two.getMessage());
        BadInputException empty = assertThrows(BadInputException.class, () -> NeuralStyle.builder().content(content).style(style).style(style)
                .regions(labels).model(model.toString()).size(40).iterations(1).build().run(ProgressListener.NONE, CancellationToken.NEVER));
        assertTrue(empty.getMessage().contains("Region 1 covers no pixel"), "only label 2 is drawn: " + empty.getMessage());
        BadInputException rgb = assertThrows(BadInputException.class, () -> NeuralStyle.builder().content(content).style(style)
                .regions(content).model(model.toString()).size(40).iterations(1).build().run(ProgressListener.NONE, CancellationToken.NEVER));
        assertTrue(rgb.getMessage().contains("The region image is RGB"), rgb.getMessage());
        BadInputException bg = assertThrows(BadInputException.class, () -> NeuralStyle.builder().content(content).style(style)
                .backgroundStyle(style).build());
        assertTrue(bg.getMessage().contains("needs regions"), bg.getMessage());
    }

    /** A content enlarged 1.5x or more is said in the log, not done silently. */
    @Test
    void aTinyContentEnlargedIsSaid() throws Exception {
        Path model = tmp.resolve("m.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 4);
        List<String> notes = new ArrayList<>();
        NeuralStyle.builder().content(Images.toImagePlus(TestImages.pattern(8, 6, 1), "c").getProcessor())
                .style(Images.toImagePlus(TestImages.pattern(30, 30, 2), "s").getProcessor()).model(model.toString()).size(40).iterations(1)
                .log(notes::add).build().prepare(ProgressListener.NONE, CancellationToken.NEVER);
        assertTrue(notes.stream().anyMatch(n -> n.contains("The content is 8x6 pixels: it is enlarged 5.0x to 40x30 (size=40)")), notes.toString());
    }
}
