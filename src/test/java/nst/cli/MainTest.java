package nst.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.testutil.KerasH5Writer;
import nst.testutil.Fixtures;
import nst.testutil.KerasH5Writer.Layout;
import nst.testutil.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on tiny images and a tiny generated VGG19 file; exit codes and no partial output. */
class MainTest {
    @TempDir
    Path tmp;
    private Path content;
    private Path style;
    private Path model;
    private Path out;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void files() {
        content = tmp.resolve("content.png");
        style = tmp.resolve("style.png");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(30, 20, 1), "c"), content);
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(25, 25, 2), "s"), style);
        model = tmp.resolve("tiny_vgg19.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 9);
        out = tmp.resolve("out.png");
    }

    private int run(String... args) {
        return new Main(new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(args);
    }

    private List<String> base(String... extra) {
        List<String> a = new ArrayList<>(List.of("--content", content.toString(), "--style", style.toString(),
                "--output", out.toString(), "--model", model.toString(), "--size", "24", "--iterations", "4"));
        for (int i = 0; i < extra.length; i += 2) {
            int at = a.indexOf(extra[i]);
            if (at >= 0) {
                a.set(at + 1, extra[i + 1]);
            } else {
                a.add(extra[i]);
                a.add(extra[i + 1]);
            }
        }
        return a;
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stylizesAFileAndWritesOnlyTheResult() throws IOException {
        int code = run(base("--seed", "3", "--init", "noise", "--optimizer", "adam", "--style-layers", "relu1_1,relu2_1:2").toArray(String[]::new));
        assertEquals(0, code, err());
        ImagePlus r = IJ.openImage(out.toString());
        assertEquals(24, r.getWidth());
        assertEquals(16, r.getHeight());
        assertEquals(ImagePlus.COLOR_RGB, r.getType());
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("Wrote"));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("content.png", "out.png", "style.png", "tiny_vgg19.h5"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * VGG16 and VGG19 in both Keras layouts and the h5py-written file in the released layout
     * stylize through the command line; the same weights in either layout give the same picture.
     */
    @Test
    void vggFilesInBothKerasLayoutsStylize() throws IOException {
        for (int depth : new int[] {16, 19}) {
            int[] pixels = null;
            for (Layout layout : Layout.values()) {
                Path f = tmp.resolve("vgg" + depth + "_" + layout + ".h5");
                KerasH5Writer.write(f, KerasH5Writer.vgg(depth, new int[] {4, 4, 4, 4, 4}), 9, layout);
                stdout.reset();
                assertEquals(0, run(base("--model", f.toString(), "--seed", "2").toArray(String[]::new)), layout + ": " + err());
                assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("Model vgg" + depth), stdout.toString(StandardCharsets.UTF_8));
                int[] p = (int[]) IJ.openImage(out.toString()).getProcessor().getPixels();
                if (pixels != null) {
                    assertArrayEquals(pixels, p, "VGG" + depth + ": the same weights in the other layout");
                }
                pixels = p;
                Files.delete(out);
            }
        }
        assertEquals(0, run(base("--model", Fixtures.vgg19Keras1Tiny().toString()).toArray(String[]::new)), err());
        assertEquals(24, IJ.openImage(out.toString()).getWidth());
    }

    /** --output naming an input, however spelled, is refused before the run; the input is unchanged. */
    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        byte[] photo = Files.readAllBytes(content);
        byte[] painting = Files.readAllBytes(style);
        Files.createDirectories(tmp.resolve("x"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.png"), content);
        for (Path o : List.of(content, tmp.resolve("x/.././content.png"), link, style)) {
            stderr.reset();
            assertEquals(2, run(base("--output", o.toString()).toArray(String[]::new)), o.toString());
            assertTrue(err().contains("itself; writing the result there would replace it"), err());
        }
        Path init = tmp.resolve("init.png");
        Files.copy(style, init);
        assertEquals(2, run(base("--output", init.toString(), "--init", "image", "--init-image", init.toString()).toArray(String[]::new)));
        assertTrue(err().contains("is the init image"), err());
        assertArrayEquals(photo, Files.readAllBytes(content));
        assertArrayEquals(painting, Files.readAllBytes(style));
        assertTrue(!stdout.toString(StandardCharsets.UTF_8).contains("Optimising"), "refused before the run");
    }

    /**
     * Images too large for the Java heap are refused before any decoding or resizing, with the
     * figure and a size that fits: a PNG whose header says 20000 x 20000 (a few bytes on disk),
     * size=16384, and a style at 8 times a 1024 px result.
     */
    @Test
    void imagesTooLargeForMemoryAreRefusedWithASizeThatFits() throws IOException {
        Path huge = tmp.resolve("huge.png");
        Files.write(huge, pngHeaderOnly(20000, 20000));
        assertBad(base("--content", huge.toString()), "is 20000x20000 pixels: decoding it needs about 3.2 GB");
        assertBad(base("--style", huge.toString()), "The style image");
        assertBad(base("--size", "16384"), "Images of size=16384 need about");
        assertTrue(err().matches("(?s).*use size=\\d+ or less.*"), err());
        assertBad(base("--size", "1024", "--style-scale", "8"), "Images of size=1024 need about");
        assertTrue(!stdout.toString(StandardCharsets.UTF_8).contains("Optimising"), "refused before the run");
    }

    /** A PNG signature, an IHDR chunk for an 8-bit RGB image of that size, and IEND: no pixel data. */
    private static byte[] pngHeaderOnly(int width, int height) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        java.util.zip.CRC32 endCrc = new java.util.zip.CRC32();
        endCrc.update("IEND".getBytes(StandardCharsets.US_ASCII));
        return java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4 + 12)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue())
                .putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) endCrc.getValue()).array();
    }

    /** What would silently be skipped or ignored is an error: mixed commands, an empty model, an init image without init=image. */
    @Test
    void optionsThatWouldBeIgnoredAreErrors() {
        assertBad(List.of("--install-model", "vgg19", "--content", content.toString()), "--install-model does not stylize");
        assertBad(List.of("--list-models", "--output", out.toString()), "--list-models does not stylize");
        assertBad(List.of("--list-models", "--install-model", "vgg19"), "separate commands");
        assertBad(base("--model", ""), "Option --model needs a value (it was given an empty one)");
        assertBad(base("--init-image", style.toString()), "init_image is given but init is content");
    }

    /** A truncated JPEG still runs, with a warning that it is truncated. */
    @Test
    void aTruncatedJpegRunsWithAWarning() throws IOException {
        Path jpg = tmp.resolve("photo.jpg");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(40, 30, 3), "p"), jpg);
        byte[] whole = Files.readAllBytes(jpg);
        Files.write(jpg, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        assertEquals(0, run(base("--content", jpg.toString()).toArray(String[]::new)), err());
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("is a truncated JPEG"), stdout.toString(StandardCharsets.UTF_8));
        stdout.reset();
        Files.write(jpg, whole);
        Files.delete(out);
        assertEquals(0, run(base("--content", jpg.toString()).toArray(String[]::new)), err());
        assertTrue(!stdout.toString(StandardCharsets.UTF_8).contains("truncated"), "a whole JPEG gets no warning");
    }

    /** --verify-models rehashes what is installed: a same-size change is reported, exit 1. */
    @Test
    void verifyModelsFindsADamagedFile() throws IOException {
        Path models = tmp.resolve("models");
        assertEquals(0, run("--install-model", "squeezenet1.1", "--from", Fixtures.squeezeNetH5().toString(), "--models-dir", models.toString()), err());
        stdout.reset();
        assertEquals(0, run("--verify-models", "--models-dir", models.toString()), err());
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("squeezenet1.1: verified"), stdout.toString(StandardCharsets.UTF_8));
        Path f = models.resolve("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
        byte[] b = Files.readAllBytes(f);
        java.nio.file.attribute.FileTime t = Files.getLastModifiedTime(f);
        b[b.length / 2] ^= 1;
        Files.write(f, b);
        Files.setLastModifiedTime(f, t);
        stdout.reset();
        assertEquals(1, run("--verify-models", "--models-dir", models.toString()));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("squeezenet1.1: DAMAGED"), stdout.toString(StandardCharsets.UTF_8));
        assertBad(List.of("--verify-models", "--size", "64"), "--verify-models does not stylize");
    }

    /** A CMYK JPEG, which ImageJ cannot read, gets one clear message and no stack trace. */
    @Test
    void aCmykJpegIsNamedAsSuch() throws IOException {
        java.awt.image.WritableRaster r = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 16, 12, 4, null);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                r.setPixel(x, y, new int[] {x * 10, y * 20, 128, 20});
            }
        }
        Path cmyk = tmp.resolve("print.jpg");
        javax.imageio.ImageWriter w = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        try (javax.imageio.stream.ImageOutputStream o = javax.imageio.ImageIO.createImageOutputStream(cmyk.toFile())) {
            w.setOutput(o);
            w.write(null, new javax.imageio.IIOImage(r, null, null), null);
        }
        PrintStream realErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            assertBad(base("--content", cmyk.toString()), "is a CMYK JPEG, which ImageJ cannot read");
        } finally {
            System.setErr(realErr);
        }
        assertTrue(!console.toString(StandardCharsets.UTF_8).contains("Exception"), "no stack trace: " + console);
    }

    /** A tiled run's summary gives no loss for the whole image: each tile's loss is its own. */
    @Test
    void aTiledRunSaysItsLossesAreByTile() {
        assertEquals(0, run(base("--size", "48", "--tile", "24", "--tile-overlap", "6", "--content-layer", "relu2_1",
                "--style-layers", "relu1_1,relu2_1").toArray(String[]::new)), err());
        String said = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("in tiles of at most 24 px (each tile's loss is its own") && !said.contains("% lower"), said);
    }

    /** The files a run writes besides the output, frames and the partial result, never replace an input either. */
    @Test
    void framesAndThePartialResultNeverReplaceAnInput() throws IOException {
        Path frameNamed = tmp.resolve("out_frame0001.png");
        Files.copy(style, frameNamed);
        byte[] painting = Files.readAllBytes(frameNamed);
        assertBad(base("--style", frameNamed.toString(), "--frames-every", "1"), "is the style image");
        Path partialNamed = tmp.resolve("out-partial.png");
        Files.copy(content, partialNamed);
        assertBad(base("--content", partialNamed.toString()), "is the content image");
        assertArrayEquals(painting, Files.readAllBytes(frameNamed));
        assertArrayEquals(Files.readAllBytes(content), Files.readAllBytes(partialNamed));
    }

    @Test
    void aFolderOrAnUnknownSchemeIsNamedAsSuch() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("weights.h5"));
        assertBad(base("--model", folder.toString()), "is a folder, not a Keras .h5 weight file");
        assertBad(base("--model", tmp.resolve("missing.h5").toString()), "does not exist");
        assertBad(List.of("--install-model", "vgg19", "--from", folder.toString(), "--models-dir", tmp.resolve("m").toString()), "is a folder");
        assertBad(List.of("--install-model", "vgg19", "--from", "ftp://host/vgg19.h5", "--models-dir", tmp.resolve("m").toString()),
                "only http and https addresses");
    }

    /** Empty values, bad numbers and choices are reported before any model is resolved; the install hint keeps --models-dir. */
    @Test
    void badValuesComeBeforeTheModelAndTheHintKeepsTheFolder() {
        assertBad(List.of("--content", content.toString(), "--style", style.toString(), "--output", out.toString(), "--size="),
                "Option --size needs a value (it was given an empty one)");
        List<String> last = base();
        last.add("--seed");
        assertBad(last, "Option --seed needs a value.");
        Path empty = tmp.resolve("no models");
        assertBad(base("--model", "vgg19", "--models-dir", empty.toString(), "--seed", "abc"), "seed must be a whole number");
        assertBad(base("--model", "vgg19", "--models-dir", empty.toString(), "--optimizer", "sgd"), "optimizer");
        assertFails(base("--model", "vgg19", "--models-dir", empty.toString()), 3, "--install-model vgg19 --models-dir " + empty);
        stdout.reset();
        assertEquals(0, run("--install-model", "squeezenet1.1", "--models-dir", empty.toString()), err());
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("is bundled in the plugin: there is nothing to download"),
                stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--help"));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("--style-weight V"), stdout.toString(StandardCharsets.UTF_8));
        stdout.reset();
        assertEquals(0, run("--version"));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).startsWith("Neural_Style_Transfer "), stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anOutputThatIsAFolderIsRefusedBeforeTheRun() {
        assertBad(base("--output", tmp.toString()), "is a folder");
        assertTrue(!stdout.toString(StandardCharsets.UTF_8).contains("Optimising"), "refused before the run");
    }

    @Test
    void blendsStylesScalesThemAndWritesFrames() throws IOException {
        Path style2 = tmp.resolve("style2.png");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(40, 40, 7), "s2"), style2);
        int code = run(base("--style", style + "," + style2, "--style-blend", "2,1", "--style-scale", "1.5", "--frames-every", "2",
                "--colors", "original", "--pooling", "avg", "--init", "image", "--init-image", style2.toString()).toArray(String[]::new));
        assertEquals(0, code, err());
        assertTrue(Files.exists(out));
        assertTrue(Files.exists(tmp.resolve("out_frame0001.png")) && Files.exists(tmp.resolve("out_frame0002.png")));
        assertTrue(!Files.exists(tmp.resolve("out_frame0003.png")), "4 iterations, a frame every 2");
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("2 style image(s)"));
        Files.delete(out);
        assertBad(base("--style", style + "," + style2, "--style-blend", "1,-1"), "style_blend weights must be numbers >= 0");
        assertBad(base("--style", style + "," + style2, "--style-blend", "1"), "style_blend has 1 weights but there are 2 style images");
        assertBad(base("--style-scale", "0.1"), "style_scale");
        assertBad(base("--init", "image"), "init=image needs an init_image");
    }

    @Test
    void tilesLargeResultsAndRefusesTilesSmallerThanTheReceptiveField() throws IOException {
        // 48 px in tiles of 24 (relu2_1 sees 10 px): 3 x 2 tiles of 4 iterations each
        int code = run(base("--size", "48", "--tile", "24", "--tile-overlap", "6", "--content-layer", "relu2_1",
                "--style-layers", "relu1_1,relu2_1").toArray(String[]::new));
        assertEquals(0, code, err());
        assertEquals(48, IJ.openImage(out.toString()).getWidth());
        Files.delete(out);
        assertBad(base("--size", "48", "--tile", "24"), "smaller than the receptive field");
        assertBad(base("--tile", "24", "--tile-overlap", "12"), "tile_overlap");
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void missingRegistryModelExitsThreeAndNamesTheFile() {
        Path empty = tmp.resolve("models");
        int code = run("--content", content.toString(), "--style", style.toString(), "--output", out.toString(),
                "--model", "vgg19", "--models-dir", empty.toString());
        assertEquals(3, code);
        assertTrue(err().contains("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5") && err().contains("not installed")
                && err().contains("--install-model vgg19"), err());
        assertTrue(!Files.exists(out));
    }

    /** No model named and nothing installed: the bundled SqueezeNet runs, and one line says so and how to get VGG19. */
    @Test
    void withNoModelNamedTheBundledModelRunsAndOneLineSaysSo() throws IOException {
        Path empty = tmp.resolve("no models");
        List<String> args = base("--models-dir", empty.toString(), "--size", "48", "--iterations", "2");
        args.remove(args.indexOf("--model") + 1);
        args.remove("--model");
        assertEquals(0, run(args.toArray(String[]::new)), err());
        String said = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("No model named: using squeezenet1.1 (bundled, fast). For the best quality install vgg19")
                && said.contains("scripts/nst --install-model vgg19") && said.contains("Model squeezenet1.1,"), said);
        assertTrue(err().isEmpty(), "not an error: " + err());
        assertEquals(48, IJ.openImage(out.toString()).getWidth());
        assertTrue(!Files.exists(empty), "nothing installed");
        stdout.reset();
        assertEquals(0, run("--list-models", "--models-dir", empty.toString()));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.contains("squeezenet1.1") && l.contains("bundled")),
                stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void installsFromAFileOrAUrlAndListsModels() throws IOException {
        Path models = tmp.resolve("models");
        assertEquals(0, run("--install-model", "squeezenet1.1", "--from", Fixtures.squeezeNetH5().toString(), "--models-dir", models.toString()), err());
        assertTrue(Files.isRegularFile(models.resolve("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5")));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("Copying squeezenet1.1: ")
                && !stdout.toString(StandardCharsets.UTF_8).contains("Downloading"), stdout.toString(StandardCharsets.UTF_8));
        stdout.reset();
        assertEquals(0, run("--list-models", "--models-dir", models.toString()));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.contains("squeezenet1.1") && l.contains("installed:")));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.contains("vgg19") && l.contains("not installed")));

        Path other = tmp.resolve("models2");
        assertFails(List.of("--install-model", "squeezenet1.1", "--from", model.toString(), "--models-dir", other.toString()), 1,
                "is not the squeezenet1.1 model file");

        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bytes = Files.readAllBytes(Fixtures.squeezeNetH5());
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, bytes.length);
            try (var o = ex.getResponseBody()) {
                o.write(bytes);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sq.h5";
            assertEquals(0, run("--install-model", "squeezenet1.1", "--from", url, "--models-dir", other.toString()), err());
            assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("Installed squeezenet1.1 (verified)"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badArgumentsExitTwoWithOneClearSentence() {
        assertBad(base("--bogus", "1"), "Unknown option --bogus");
        assertBad(base("--iteratons", "5"), "Unknown option --iteratons; did you mean --iterations?");
        assertBad(base("--iterations", "abc"), "iterations must be a whole number");
        assertBad(base("--style-weight", "NaN"), "style_weight must be a number >= 0");
        assertBad(base("--tv-weight", "-1"), "tv_weight must be a number >= 0");
        assertBad(base("--size", "-5"), "size must be between");
        assertBad(base("--content-layer", "relu9_9"), "Unknown layer 'relu9_9'");
        assertBad(List.of("--content", tmp.resolve("nope.png").toString(), "--style", style.toString(), "--output", out.toString()), "does not exist");
        assertBad(List.of("--content", content.toString(), "--style", style.toString(), "--output", tmp.resolve("no/dir/out.png").toString()),
                "output folder");
        assertBad(List.of("--content", content.toString(), "--style", style.toString(), "--output", tmp.resolve("out.bmp").toString()),
                "extension");
        assertBad(List.of("--style", style.toString(), "--output", out.toString()), "--content is required");
        List<String> withValue = base();
        withValue.add("--download=yes");
        assertBad(withValue, "takes no value");
    }

    @Test
    void unreadableAndOnePixelImagesAreBadInput() throws IOException {
        Path notImage = tmp.resolve("text.png");
        Files.writeString(notImage, "not an image");
        assertBad(List.of("--content", notImage.toString(), "--style", style.toString(), "--output", out.toString()), "cannot be read as an image");
        Path onePixel = tmp.resolve("one.png");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(1, 1, 1), "p"), onePixel);
        assertBad(List.of("--content", onePixel.toString(), "--style", style.toString(), "--output", out.toString()), "1x1 pixels");
    }

    @Test
    void corruptTruncatedAndForeignWeightFilesFailClearly() throws IOException {
        Path garbage = tmp.resolve("garbage.h5");
        Files.write(garbage, new byte[4096]);
        assertFails(base("--model", garbage.toString()), 1, "corrupt, truncated or not a Keras weight file");

        byte[] real = Files.readAllBytes(Fixtures.squeezeNetH5());
        Path truncated = tmp.resolve("truncated.h5");
        Files.write(truncated, java.util.Arrays.copyOf(real, real.length / 2));
        assertFails(base("--model", truncated.toString()), 1, "corrupt, truncated or not a Keras weight file");

        // a SqueezeNet file installed under the VGG16 name: the registry hash catches it
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.copy(Fixtures.squeezeNetH5(), models.resolve("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"));
        assertFails(base("--model", "vgg16", "--models-dir", models.toString()), 1, "is not the vgg16 model (its MD5 is");
    }

    private void assertBad(List<String> args, String expected) {
        assertFails(args, 2, expected);
    }

    private void assertFails(List<String> args, int code, String expected) {
        stderr.reset();
        assertEquals(code, run(args.toArray(String[]::new)), err());
        assertTrue(err().contains(expected), "expected '" + expected + "' in: " + err());
        assertEquals(1, err().strip().lines().count(), "one message: " + err());
        assertTrue(!Files.exists(out), "no output written");
    }



    /**
     * --region labels with a label image: each label its style image, the background its own
     * style; a label image of another aspect ratio and a missing --region-image are refused (exit 2).
     */
    @Test
    void regionsFromALabelImage() throws IOException {
        Path second = tmp.resolve("second.png");
        Path background = tmp.resolve("background.png");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(25, 25, 5), "s2"), second);
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(25, 25, 8), "bg"), background);
        Path labels = tmp.resolve("labels.png");
        ij.process.ByteProcessor l = new ij.process.ByteProcessor(60, 40); // the content's aspect ratio at twice its size
        l.setValue(1);
        l.fill(new ij.gui.Roi(0, 0, 30, 40));
        l.setValue(2);
        l.fill(new ij.gui.Roi(30, 0, 30, 20));
        ImageFiles.save(new ij.ImagePlus("labels", l), labels);
        int code = run(base("--style", style + "," + second, "--region", "labels", "--region-image", labels.toString(),
                "--background-style", background.toString()).toArray(String[]::new));
        assertEquals(0, code, err());
        assertTrue(Files.exists(out));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("resized to the content by nearest neighbour"), stdout.toString(StandardCharsets.UTF_8));

        ImageFiles.save(new ij.ImagePlus("square", new ij.process.ByteProcessor(40, 40)), labels);
        Files.delete(out);
        assertEquals(2, run(base("--style", style + "," + second, "--region", "labels", "--region-image", labels.toString()).toArray(String[]::new)));
        assertTrue(err().contains("The region image is 40x40 but the content is 30x20, another aspect ratio"), err());
        assertEquals(2, run(base("--region", "labels").toArray(String[]::new)));
        assertTrue(err().contains("--region labels needs --region-image"), err());
        assertTrue(Files.notExists(out), "nothing written");
    }

    /**
     * A sequence comes back as the kind it was given: a folder of frames as a folder of PNGs named
     * like them, a multi-page TIFF as one (frame interval kept), an AVI as an AVI; each frame's
     * flicker is printed.
     */
    @Test
    void sequencesComeBackAsTheKindGiven() throws Exception {
        Path frames = Files.createDirectories(tmp.resolve("frames"));
        ij.ImageStack st = new ij.ImageStack(30, 20);
        for (int k = 0; k < 3; k++) {
            ij.ImagePlus f = Images.toImagePlus(TestImages.pattern(30, 20, 1 + k), "f");
            ImageFiles.save(f, frames.resolve("t" + k + ".png"));
            st.addSlice(f.getProcessor());
        }
        Path outDir = tmp.resolve("styled frames");
        assertEquals(0, run(base("--content", frames.toString(), "--output", outDir.toString(), "--temporal", "full").toArray(String[]::new)), err());
        try (java.util.stream.Stream<Path> s = Files.list(outDir)) {
            assertEquals(List.of("t0.png", "t1.png", "t2.png"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Frame 3 of 3") && printed.contains("Frame 3: flicker") && printed.contains("Wrote 3 frames"), printed);

        ij.ImagePlus tif = new ij.ImagePlus("lapse", st);
        tif.setDimensions(1, 1, 3);
        tif.getCalibration().frameInterval = 1.5;
        tif.getCalibration().setTimeUnit("min");
        tif.getCalibration().pixelWidth = 0.25;
        Path tifIn = tmp.resolve("lapse.tif");
        ImageFiles.save(tif, tifIn);
        Path tifOut = tmp.resolve("lapse styled.tif");
        assertEquals(0, run(base("--content", tifIn.toString(), "--output", tifOut.toString()).toArray(String[]::new)), err());
        ij.ImagePlus back = ij.IJ.openImage(tifOut.toString());
        assertEquals(3, back.getStackSize());
        assertEquals(1.5, back.getCalibration().frameInterval, 1e-9);
        assertEquals("min", back.getCalibration().getTimeUnit(), "the whole calibration is kept");
        assertEquals(0.25, back.getCalibration().pixelWidth, 1e-9);

        Path avi = tmp.resolve("clip.avi");
        new ij.plugin.filter.AVI_Writer().writeImage(tif, avi.toString(), ij.plugin.filter.AVI_Writer.JPEG_COMPRESSION, 90);
        Path aviOut = tmp.resolve("clip styled.avi");
        assertEquals(0, run(base("--content", avi.toString(), "--output", aviOut.toString(), "--temporal", "off").toArray(String[]::new)), err());
        assertEquals(3, ij.plugin.AVI_Reader.open(aviOut.toString(), false).getStackSize());
        assertEquals(2, run(base("--content", tifIn.toString(), "--output", tmp.resolve("x.png").toString()).toArray(String[]::new)));
        assertTrue(err().contains("so the output is one too; name it .tif"), err());
    }

    /**
     * A folder of frames never overwrites an input: a style image in the output folder under a
     * frame's name is refused (and unchanged), as are two frames that would share a name; frames
     * run in natural order; an unreadable frame keeps the frames done.
     */
    @Test
    void folderSequencesKeepInputsAndFramesSafe() throws Exception {
        Path frames = Files.createDirectories(tmp.resolve("in"));
        for (int k : new int[] {1, 2, 10}) {
            ImageFiles.save(Images.toImagePlus(TestImages.pattern(30, 20, k), "f"), frames.resolve("f" + k + ".png"));
        }
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        Path styleThere = outDir.resolve("f2.png");
        Files.copy(style, styleThere);
        byte[] before = Files.readAllBytes(styleThere);
        assertEquals(2, run(base("--content", frames.toString(), "--output", outDir.toString(), "--style", styleThere.toString())
                .toArray(String[]::new)));
        assertTrue(err().contains("is the style image"), err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(styleThere)), "the style image is unchanged");

        Files.delete(styleThere);
        assertEquals(0, run(base("--content", frames.toString(), "--output", outDir.toString()).toArray(String[]::new)), err());
        assertEquals(List.of("f1.png", "f2.png", "f10.png"), Sequences.open(frames, s -> { }).orElseThrow().files().stream()
                .map(p -> p.getFileName().toString()).toList(), "natural order");

        ImageFiles.save(Images.toImagePlus(TestImages.pattern(30, 20, 4), "f"), frames.resolve("f1.tif"));
        assertEquals(2, run(base("--content", frames.toString(), "--output", tmp.resolve("out2").toString()).toArray(String[]::new)));
        assertTrue(err().contains("would both be written as f1.png"), err());
        Files.delete(frames.resolve("f1.tif"));

        Files.writeString(frames.resolve("f3.png"), "not an image");
        Path out3 = tmp.resolve("out3");
        assertTrue(run(base("--content", frames.toString(), "--output", out3.toString()).toArray(String[]::new)) != 0);
        assertTrue(Files.exists(out3.resolve("f1.png")) && Files.exists(out3.resolve("f2.png")), "the frames done before the bad one are kept");
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("Failed at frame 3: the 2 frame(s) done"), stdout.toString(StandardCharsets.UTF_8));
    }
}
