package nst.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.imagej.patcher.LegacyEnvironment;
import nst.convert.ImageFiles;
import nst.convert.Images;
import nst.testutil.KerasH5Writer;
import nst.testutil.PluginJar;
import nst.testutil.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real ImageJ macro interpreter, headless through ij1-patcher as Fiji --headless runs it,
 * with the plugin jar and its dependencies on ImageJ's plugin class path (not the test's): the
 * menu command from plugins.config, results, replay, errors, and the ND4J class-loader set-up.
 */
class HeadlessMacroTest {
    @TempDir
    static Path tmp;
    private static LegacyEnvironment ij;
    private static Path model;
    private static Path content;
    private static Path style;

    @BeforeAll
    static void imagej() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        List<File> cp = new ArrayList<>();
        cp.add(PluginJar.build(plugins).toFile());
        cp.addAll(PluginJar.dependencies());
        ij = new LegacyEnvironment(null, true);
        ij.addPluginClasspath(cp.toArray(File[]::new));
        model = tmp.resolve("tiny_vgg19.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 5);
        content = tmp.resolve("content image.png");
        style = tmp.resolve("style.png");
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(40, 30, 1), "c"), content);
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(30, 30, 2), "s"), style);
    }

    /** Runs a macro, returning what it printed on stdout and stderr. */
    private static String macro(String code) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            ij.runMacro(code, "");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String q(Path p) {
        return p.toString().replace("\\", "/");
    }

    private static String options(String extra) {
        return "style=[" + q(style) + "] model=[" + q(model) + "] size=24 iterations=3 seed=7 init=noise " + extra;
    }

    @Test
    void menuCommandProducesAResultOfTheRightSizeTypeAndTitle() throws IOException {
        Path info = tmp.resolve("info.txt");
        Path saved = tmp.resolve("from macro.tif");
        String log = macro("setBatchMode(true);\n"
                + "open('" + q(content) + "');\n"
                + "run('Neural Style Transfer', '" + options("") + "');\n"
                + "File.saveString(getTitle() + ' ' + getWidth() + ' ' + getHeight() + ' ' + bitDepth() + ' ' + nImages, '" + q(info) + "');\n"
                + "saveAs('Tiff', '" + q(saved) + "');\n");
        assertTrue(Files.exists(info), log);
        assertEquals("content image-styled-style 24 18 24 2", Files.readString(info).trim(), log);
        ImagePlus r = IJ.openImage(saved.toString());
        assertEquals(24, r.getWidth());
    }

    @Test
    void theSameOptionsReplayToTheSamePixels() throws IOException {
        Path a = tmp.resolve("a.tif");
        Path b = tmp.resolve("b.tif");
        Path c = tmp.resolve("c.tif");
        macro("setBatchMode(true); open('" + q(content) + "'); id=getImageID();\n"
                + "run('Neural Style Transfer', '" + options("output=[" + q(a) + "]") + "');\n"
                + "selectImage(id); run('Neural Style Transfer', '" + options("output=[" + q(b) + "]") + "');\n"
                + "selectImage(id); run('Neural Style Transfer', '" + options("output=[" + q(c) + "]").replace("seed=7", "seed=8") + "');\n");
        int[] pa = (int[]) IJ.openImage(a.toString()).getProcessor().getPixels();
        int[] pb = (int[]) IJ.openImage(b.toString()).getProcessor().getPixels();
        int[] pc = (int[]) IJ.openImage(c.toString()).getProcessor().getPixels();
        assertArrayEquals(pa, pb);
        assertFalse(java.util.Arrays.equals(pa, pc));
    }

    /**
     * A style image whose title holds brackets (balanced or not), spaces, quotes or '=', recorded
     * as ImageJ's recorder writes it (its own quoting and escaping, called by reflection), replays:
     * the macro picks that image as the style.
     */
    @Test
    void recordedOptionsReplayForAnyTitle() throws Exception {
        java.lang.reflect.Method quote = ij.plugin.frame.Recorder.class.getDeclaredMethod("addQuotes", String.class);
        java.lang.reflect.Method escape = ij.plugin.frame.Recorder.class.getDeclaredMethod("fixString", String.class);
        quote.setAccessible(true);
        escape.setAccessible(true);
        String[] titles = {"my image [1] (copy).png", "a ]b.png", "x [y", "say \"hi\" it's.png", "a=b c.png", "[z] w", "[1].png", "[draft]"};
        StringBuilder code = new StringBuilder("setBatchMode(true); open('" + q(content) + "'); id=getImageID();\n");
        for (int i = 0; i < titles.length; i++) {
            String literal = (String) escape.invoke(null, titles[i]);
            String recorded = "style=" + quote.invoke(null, literal) + " model=[" + q(model) + "] size=24 iterations=1 init=noise";
            code.append("open(\"").append(q(style)).append("\"); rename(\"").append(literal).append("\");\n")
                    .append("selectImage(id); run(\"Neural Style Transfer\", \"").append(recorded).append("\");\n")
                    .append("File.saveString(getTitle(), \"").append(q(tmp.resolve("title" + i + ".txt"))).append("\");\n");
        }
        String log = macro(code.toString());
        for (int i = 0; i < titles.length; i++) {
            Path t = tmp.resolve("title" + i + ".txt");
            assertTrue(Files.exists(t), titles[i] + ": " + log);
            assertEquals("content image-styled-" + titles[i].replaceFirst("\\.png$", ""), Files.readString(t), log);
        }
    }

    /**
     * The losses of every iteration are kept with the result: its Info holds them as CSV (a macro
     * reads them headless, where ImageJ keeps no named tables; with a display they are also a table).
     */
    @Test
    void theLossesOfEveryIterationAreKeptWithTheResult() throws IOException {
        Path out = tmp.resolve("losses.txt");
        String log = macro("setBatchMode(true); open('" + q(content) + "');\n"
                + "run('Neural Style Transfer', '" + options("scales=2").replace("iterations=3", "iterations=8").replace("size=24", "size=64") + "');\n"
                + "File.saveString(getMetadata('Info'), '" + q(out) + "');\n");
        assertTrue(Files.exists(out), log);
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith("Neural Style Transfer losses per iteration"), lines.get(0));
        assertEquals("frame,iteration,scale,total,content,style,tv,temporal", lines.get(1));
        assertEquals(12, lines.size(), "2 + 8 iterations over two scales: " + lines);
        assertTrue(lines.get(2).startsWith("1,1,1,") && lines.get(11).startsWith("1,10,2,"), lines.toString());
        String[] last = lines.get(11).split(",");
        double total = Double.parseDouble(last[3]);
        assertTrue(total > 0 && Math.abs(total - Double.parseDouble(last[4]) - Double.parseDouble(last[5]) - Double.parseDouble(last[6])
                - Double.parseDouble(last[7])) < 1e-3 * total, "total = content + style + tv + temporal: " + lines.get(11));
    }

    /**
     * A macro builds the region as a user would (makeOval) and names it with the recorded key:
     * the content stays beyond the feather band, the oval is styled, a replay gives the same
     * pixels, and region=whole ignores the selection.
     */
    @Test
    void anOvalSelectionStylesOnlyTheOvalAndReplays() throws IOException {
        Path a = tmp.resolve("oval a.tif");
        Path b = tmp.resolve("oval b.tif");
        Path whole = tmp.resolve("oval whole.tif");
        String opts = options("region=selection feather=4").replace("size=24", "size=40");
        String log = macro("setBatchMode(true); open('" + q(content) + "'); id=getImageID();\n"
                + "makeOval(10, 6, 20, 16); run('Neural Style Transfer', '" + opts + " output=[" + q(a) + "]');\n"
                + "selectImage(id); makeOval(10, 6, 20, 16); run('Neural Style Transfer', '" + opts + " output=[" + q(b) + "]');\n"
                + "selectImage(id); makeOval(10, 6, 20, 16); run('Neural Style Transfer', '" + opts.replace("region=selection", "region=whole")
                + " output=[" + q(whole) + "]');\n");
        assertTrue(Files.exists(a) && Files.exists(b) && Files.exists(whole), log);
        int[] pa = (int[]) IJ.openImage(a.toString()).getProcessor().getPixels();
        assertArrayEquals(pa, (int[]) IJ.openImage(b.toString()).getProcessor().getPixels(), "a replay gives the same pixels");
        int[] in = (int[]) IJ.openImage(content.toString()).getProcessor().convertToRGB().getPixels();
        ij.gui.OvalRoi oval = new ij.gui.OvalRoi(10, 6, 20, 16);
        int changedInside = 0;
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                boolean far = true; // no pixel of the oval within 4 pixels (the feather band)
                for (int yy = y - 4; yy <= y + 4 && far; yy++) {
                    for (int xx = x - 4; xx <= x + 4 && far; xx++) {
                        far = !oval.contains(xx, yy);
                    }
                }
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs((pa[y * 40 + x] >> shift & 255) - (in[y * 40 + x] >> shift & 255));
                    if (far) {
                        assertTrue(d <= 1, "beyond the band the content stays, at " + x + "," + y);
                    } else if (oval.contains(x, y) && d > 8) {
                        changedInside++;
                    }
                }
            }
        }
        assertTrue(changedInside > 50, "the oval is styled: " + changedInside + " values changed");
        assertFalse(java.util.Arrays.equals(pa, (int[]) IJ.openImage(whole.toString()).getProcessor().getPixels()), "region=whole styles all");
    }

    /** A line selection has no area to style: refused with the reason (the ROI Manager is tested on a display, in BatchJobTest). */
    @Test
    void aLineSelectionIsRefused() throws IOException {
        assertAborts("makeLine(0, 0, 30, 20); ", options(""), "line selection, which has no area");
    }

    /**
     * A 3-frame time-lapse with the temporal keys: every frame stylized, its flicker reported in
     * the Info, the time axis and frame interval kept, and a replay gives the same frames.
     */
    @Test
    void aTimeLapseWithTheTemporalKeysReplays() throws IOException {
        Path a = tmp.resolve("lapse a.tif");
        Path b = tmp.resolve("lapse b.tif");
        String make = "setBatchMode(true); newImage('lapse', 'RGB ramp', 40, 30, 1, 1, 3);\n"
                + "for (t = 1; t <= 3; t++) { Stack.setFrame(t); makeOval(5 + 6 * t, 8, 12, 12); setForegroundColor(200, 40, 40); run('Fill', 'slice'); }\n"
                + "run('Select None'); Stack.setFrame(1); Stack.setFrameInterval(2.5); Stack.setTUnit('s'); id = getImageID();\n";
        String opts = options("all_slices temporal=full temporal_weight=50").replace("size=24", "size=40");
        String log = macro(make + "run('Neural Style Transfer', '" + opts + " output=[" + q(a) + "]');\n"
                + "selectImage(id); run('Neural Style Transfer', '" + opts + " output=[" + q(b) + "]');\n");
        assertTrue(Files.exists(a) && Files.exists(b), log);
        ImagePlus ra = IJ.openImage(a.toString());
        ImagePlus rb = IJ.openImage(b.toString());
        assertEquals(3, ra.getNFrames(), "the frames stay time points");
        assertEquals(2.5, ra.getCalibration().frameInterval, 1e-9);
        for (int t = 1; t <= 3; t++) {
            assertArrayEquals((int[]) ra.getStack().getProcessor(t).getPixels(), (int[]) rb.getStack().getProcessor(t).getPixels(), "frame " + t);
        }
        String info = (String) ra.getProperty("Info");
        assertTrue(info != null && info.contains("frame 3: result") && info.contains("mean flicker"), info);
        assertTrue(log.contains("3 of 3 frames; mean flicker"), log);
    }

    /** output= naming the region image's file is refused, and the file is unchanged. */
    @Test
    void anOutputThatIsTheRegionImageIsRefused() throws IOException {
        Path labels = tmp.resolve("labels.png");
        ij.process.ByteProcessor l = new ij.process.ByteProcessor(40, 30);
        l.setValue(1);
        l.fill(new ij.gui.Roi(0, 0, 20, 30));
        ImageFiles.save(new ImagePlus("labels", l), labels);
        byte[] before = Files.readAllBytes(labels);
        assertAborts("open('" + q(labels) + "'); selectImage(1); ", options("region=labels region_image=labels.png output=[" + q(labels) + "]"),
                "is the region image");
        assertArrayEquals(before, Files.readAllBytes(labels));
    }

    /** Two results of the same images in one macro get titles of their own, so selectImage(title) finds each. */
    @Test
    void resultsOfTheSameImagesGetTitlesOfTheirOwn() throws IOException {
        Path out = tmp.resolve("titles.txt");
        String log = macro("setBatchMode(true); open('" + q(content) + "'); id=getImageID();\n"
                + "run('Neural Style Transfer', '" + options("") + "'); a=getTitle();\n"
                + "selectImage(id); run('Neural Style Transfer', '" + options("") + "'); b=getTitle();\n"
                + "File.saveString(a + '|' + b, '" + q(out) + "');\n");
        assertTrue(Files.exists(out), log);
        assertEquals("content image-styled-style|content image-styled-style-1", Files.readString(out));
    }

    /** A VGG16 and a VGG19 in each Keras layout, and the h5py-written released-layout fixture, as macros. */
    @Test
    void vggFilesInBothKerasLayoutsRunAsMacros() throws IOException {
        StringBuilder code = new StringBuilder("setBatchMode(true); open('" + q(content) + "'); id=getImageID();\n");
        List<Path> outputs = new ArrayList<>();
        for (int depth : new int[] {16, 19}) {
            for (KerasH5Writer.Layout layout : KerasH5Writer.Layout.values()) {
                Path m = tmp.resolve("vgg" + depth + " " + layout + ".h5");
                KerasH5Writer.write(m, KerasH5Writer.vgg(depth, new int[] {4, 4, 4, 4, 4}), 8, layout);
                Path o = tmp.resolve("layout " + depth + " " + layout + ".tif");
                outputs.add(o);
                code.append("selectImage(id); run('Neural Style Transfer', '").append(options("output=[" + q(o) + "]").replace(q(model), q(m)))
                        .append("');\n");
            }
        }
        Path fixture = tmp.resolve("fixture.tif");
        code.append("selectImage(id); run('Neural Style Transfer', '")
                .append(options("output=[" + q(fixture) + "]").replace(q(model), q(nst.testutil.Fixtures.vgg19Keras1Tiny()))).append("');\n");
        String log = macro(code.toString());
        for (int i = 0; i < outputs.size(); i += 2) {
            assertTrue(Files.exists(outputs.get(i)) && Files.exists(outputs.get(i + 1)), log);
            assertArrayEquals((int[]) IJ.openImage(outputs.get(i).toString()).getProcessor().getPixels(),
                    (int[]) IJ.openImage(outputs.get(i + 1).toString()).getProcessor().getPixels(), "the same weights in either layout");
        }
        assertEquals(24, IJ.openImage(fixture.toString()).getWidth(), log);
    }

    /** No model key and an empty models folder: the SqueezeNet inside the plugin jar runs, and the log says so. */
    @Test
    void withNoModelNamedTheModelInsideThePluginJarRuns() throws IOException {
        Path info = tmp.resolve("bundled.txt");
        Path empty = tmp.resolve("no models");
        String log = macro("setBatchMode(true); open('" + q(content) + "');\n"
                + "run('Neural Style Transfer', 'style=[" + q(style) + "] size=48 iterations=2 models_dir=[" + q(empty) + "]');\n"
                + "File.saveString(getTitle() + ' ' + getWidth() + ' ' + call('nst.ij1.StyleTransfer.listModels'), '" + q(info) + "');\n");
        assertTrue(Files.exists(info), log);
        assertTrue(log.contains("No model named: using squeezenet1.1 (bundled, fast)") && log.contains("install=vgg19"), log);
        assertTrue(Files.readString(info).startsWith("content image-styled-style 48"), Files.readString(info));
        assertTrue(Files.readString(info).contains("squeezenet1.1 bundled"), Files.readString(info));
        assertFalse(Files.exists(empty), "nothing installed");
    }

    @Test
    void badKeysAndValuesAbortTheMacroWithTheReason() throws IOException {
        assertAborts(options("iteratoins=5"), "Unknown key 'iteratoins'");
        assertAborts(options("").replace("iterations=3", "iterations=0"), "iterations must be between 1 and");
        assertAborts(options("").replace("size=24", "size=big"), "size must be a whole number");
        assertAborts("model=[" + q(model) + "]", "No style image given");
        assertAborts(options("").replace(q(style), q(tmp.resolve("missing.png"))), "neither an open image nor a file");
        assertAborts(options("models_dir=[" + q(tmp.resolve("empty")) + "]").replace("model=[" + q(model) + "]", "model=vgg16"),
                "Manage Style Transfer Models");
    }

    private void assertAborts(String opts, String reason) throws IOException {
        assertAborts("", opts, reason);
    }

    /** As above, with {@code before} run on the content first (a selection, ROIs). */
    private void assertAborts(String before, String opts, String reason) throws IOException {
        Path after = tmp.resolve("after.txt");
        Files.deleteIfExists(after);
        String log = macro("setBatchMode(true); open('" + q(content) + "');\n" + before
                + "run('Neural Style Transfer', '" + opts + "');\n"
                + "File.saveString('continued ' + nImages, '" + q(after) + "');\n");
        assertTrue(log.contains(reason), "expected '" + reason + "' in:\n" + log);
        assertFalse(Files.exists(after), "the macro must stop");
    }

    /** output= naming the file the content window came from is refused; the file is unchanged. */
    @Test
    void anOutputThatIsTheContentsFileIsRefused() throws IOException {
        byte[] before = Files.readAllBytes(content);
        assertAborts(options("output=[" + q(content) + "]"), "is the content image");
        assertArrayEquals(before, Files.readAllBytes(content));
    }

    @Test
    void menuEntriesComeFromPluginsConfig() {
        String log = macro("List.setCommands; print('CMD=' + List.get('Neural Style Transfer')); print('MGR=' + List.get('Manage Style Transfer Models'));");
        assertTrue(log.contains("CMD=nst.launch.StyleTransferLauncher(\"\")") && log.contains("MGR=nst.launch.ManageModelsLauncher(\"\")"), log);
    }

    @Test
    void imageTypesStacksAndCalibration() throws IOException {
        Path info = tmp.resolve("types.txt");
        String log = macro("setBatchMode(true); close('*'); r = '';\n"
                + "newImage('g8', '8-bit ramp', 40, 30, 1); run('Fire'); run('Neural Style Transfer', '" + options("") + "'); r = r + bitDepth() + ',' + getWidth() + ';';\n"
                + "newImage('g16', '16-bit ramp', 40, 30, 1); setMinAndMax(0, 30000); run('Neural Style Transfer', '" + options("") + "'); r = r + bitDepth() + ';';\n"
                + "newImage('g32', '32-bit ramp', 40, 30, 1); run('Neural Style Transfer', '" + options("") + "'); r = r + bitDepth() + ';';\n"
                + "newImage('comp', '8-bit ramp', 40, 30, 2, 1, 1); run('Make Composite', 'display=Composite'); run('Neural Style Transfer', '" + options("") + "'); r = r + bitDepth() + ';';\n"
                + "newImage('stack', '8-bit ramp', 40, 30, 3); run('Properties...', 'unit=mm pixel_width=0.5 pixel_height=0.5');\n"
                + "setSlice(2); run('Neural Style Transfer', '" + options("") + "'); getPixelSize(u, pw, ph); r = r + nSlices + ',' + u + ',' + pw + ';';\n"
                + "selectImage('stack'); run('Neural Style Transfer', '" + options("all_slices") + "'); r = r + nSlices + ';';\n"
                + "selectImage('stack'); r = r + 'stack still ' + nSlices + ',' + bitDepth() + ',' + getWidth();\n"
                + "File.saveString(r, '" + q(info) + "');\n");
        assertTrue(Files.exists(info), log);
        // 40 px wide content at size=24: the pixel size grows by 40/24
        assertEquals("24,24;24;24;24;1,mm,0.8333;3;stack still 3,8,40", Files.readString(info).trim(), log);
    }

    @Test
    void batchFolderMacroStylizesAFolder() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("batch in"));
        Path out = Files.createDirectories(tmp.resolve("batch out"));
        Files.copy(content, in.resolve("one.png"));
        ImageFiles.save(Images.toImagePlus(TestImages.pattern(30, 40, 4), "t"), in.resolve("two.png"));
        String code = Files.readString(Path.of("macros", "batch_folder.ijm"));
        PrintStream o = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            ij.runMacro(code, "input=[" + q(in) + "] output=[" + q(out) + "] style=[" + q(style) + "] model=[" + q(model) + "] size=24 iterations=2");
        } finally {
            System.setOut(o);
        }
        String log = buf.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("Done: 2 images"), log);
        assertEquals(24, IJ.openImage(out.resolve("one-styled.png").toString()).getWidth());
        assertEquals(24, IJ.openImage(out.resolve("two-styled.png").toString()).getHeight());
    }

    /** The batch macro without a model key runs the plugin's bundled model in an empty models folder. */
    @Test
    void batchFolderMacroWithoutAModelUsesTheBundledOne() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("bundled in"));
        Path out = Files.createDirectories(tmp.resolve("bundled out"));
        Files.copy(content, in.resolve("one.png"));
        String code = Files.readString(Path.of("macros", "batch_folder.ijm"));
        PrintStream o = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            ij.runMacro(code, "input=[" + q(in) + "] output=[" + q(out) + "] style=[" + q(style) + "] size=48 iterations=1 models_dir=["
                    + q(tmp.resolve("empty models")) + "]");
        } finally {
            System.setOut(o);
        }
        String log = buf.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("Done: 1 images") && log.contains("using squeezenet1.1 (bundled"), log);
        assertEquals(48, IJ.openImage(out.resolve("one-styled.png").toString()).getWidth());
    }

    @Test
    void noImageOpenIsAClearError() {
        String log = macro("close('*'); run('Neural Style Transfer', '" + options("") + "');");
        assertTrue(log.contains("No image is open"), log);
    }
}
