package nst.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nst.convert.Images;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import nst.testutil.KerasH5Writer;
import nst.testutil.TestImages;
import nst.testutil.TinyNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StyleTransferJobTest {
    @TempDir
    Path tmp;

    private ParamValues values(String iterations, boolean allSlices) {
        Path model = tmp.resolve("tiny.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 2);
        Map<ParamSpec, String> m = new java.util.EnumMap<>(ParamSpec.class);
        m.put(ParamSpec.MODEL, model.toString());
        m.put(ParamSpec.SIZE, "24");
        m.put(ParamSpec.ITERATIONS, iterations);
        if (allSlices) {
            m.put(ParamSpec.ALL_SLICES, "true");
        }
        return new ParamValues(m);
    }

    /** The script API on VGG16 and VGG19 files in both Keras layouts and on the released-layout fixture. */
    @Test
    void theScriptApiRunsVggFilesInBothKerasLayouts() {
        ImagePlus content = Images.toImagePlus(TestImages.pattern(40, 30, 1), "c");
        ImagePlus style = Images.toImagePlus(TestImages.pattern(30, 30, 2), "s");
        for (int depth : new int[] {16, 19}) {
            int[] first = null;
            for (KerasH5Writer.Layout layout : KerasH5Writer.Layout.values()) {
                Path model = tmp.resolve("vgg" + depth + "-" + layout + ".h5");
                KerasH5Writer.write(model, KerasH5Writer.vgg(depth, new int[] {4, 4, 4, 4, 4}), 4, layout);
                ImagePlus r = StyleTransfer.stylize(content, style, "model=[" + model + "] size=24 iterations=3 seed=1");
                assertEquals(24, r.getWidth());
                int[] px = (int[]) r.getProcessor().getPixels();
                if (first != null) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(first, px, "VGG" + depth + " in the other layout");
                }
                first = px;
            }
        }
        ImagePlus r = StyleTransfer.stylize(content, style, "model=[" + nst.testutil.Fixtures.vgg19Keras1Tiny() + "] size=24 iterations=2");
        assertEquals(18, r.getHeight());
    }

    /** ImageJ keeps frames in a stack: frames that cannot fit in the free Java memory are refused before the run, with the figure. */
    @Test
    void framesThatCannotFitAreRefusedBeforeTheRun() {
        nst.core.StyleParams p = nst.core.StyleParams.defaults(TinyNetworks.vgg19(1).defaults()).toBuilder()
                .iterations(1500).framesEvery(1).build();
        nst.core.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.BadInputException.class,
                () -> StyleTransferJob.checkFramesFit(p, new nst.core.RgbImage(4000, 3000, new float[3 * 4000 * 3000]), 1));
        assertTrue(e.getMessage().contains("frames_every=1 keeps 1875 frames of 4000x3000 (90.0 GB)") && e.getMessage().contains("use frames_every="),
                e.getMessage());
        StyleTransferJob.checkFramesFit(p, new nst.core.RgbImage(24, 18, new float[3 * 24 * 18]), 1);
    }

    @Test
    void cancelStopsWithinOneIterationAndKeepsTheImage() {
        ImagePlus content = Images.toImagePlus(TestImages.pattern(40, 30, 1), "c");
        ImagePlus style = Images.toImagePlus(TestImages.pattern(30, 30, 2), "s");
        AtomicInteger polls = new AtomicInteger();
        StyleTransferJob.Outcome o = StyleTransferJob.run(content, style, values("50", false), null, false, () -> polls.incrementAndGet() > 3);
        assertTrue(o.cancelled());
        assertEquals(4, polls.get(), "the engine polls once per iteration and stops at the first 'yes'");
        assertEquals(24, o.image().getWidth());
    }

    @Test
    void cancellingAStackKeepsTheSlicesDone() {
        ImageStack st = new ImageStack(40, 30);
        for (int i = 0; i < 4; i++) {
            st.addSlice(Images.toImagePlus(TestImages.pattern(40, 30, i), "").getProcessor());
        }
        ImagePlus content = new ImagePlus("stack", st);
        ImagePlus style = Images.toImagePlus(TestImages.pattern(30, 30, 9), "s");
        AtomicInteger polls = new AtomicInteger();
        // 2 iterations per slice: polls 1-2 slice 1, 3-4 slice 2, the 6th poll cancels slice 3
        StyleTransferJob.Outcome o = StyleTransferJob.run(content, style, values("2", true), null, false, () -> polls.incrementAndGet() > 5);
        assertTrue(o.cancelled());
        assertEquals(3, o.image().getStackSize());
        assertEquals(4, content.getStackSize(), "input untouched");
    }

    @Test
    void aRunTooLargeForMemoryOffersTheLargestSizeThatFits() {
        ImagePlus content = Images.toImagePlus(TestImages.pattern(400, 300, 1), "c");
        ImagePlus style = Images.toImagePlus(TestImages.pattern(60, 60, 2), "s");
        ParamValues v = values("1", false).with(ParamSpec.SIZE, "400");
        String old = System.getProperty("nst.memoryLimit");
        System.setProperty("nst.memoryLimit", "0.45g");
        try {
            int[] offered = {0};
            String[] why = {""};
            StyleTransferJob.Outcome o = StyleTransferJob.run(content, java.util.List.of(style), null, v, null, (message, side) -> {
                offered[0] = side;
                why[0] = message;
                return true;
            }, false, () -> false);
            assertTrue(offered[0] > 24 && offered[0] < 400, "offered size " + offered[0]);
            assertTrue(why[0].contains("400x300") && why[0].contains("GB"), why[0]);
            assertEquals(offered[0], o.image().getWidth(), "ran at the accepted size");
            nst.core.TooLargeException declined = org.junit.jupiter.api.Assertions.assertThrows(
                    nst.core.TooLargeException.class,
                    () -> StyleTransferJob.run(content, java.util.List.of(style), null, v, null, (message, side) -> false, false, () -> false));
            assertEquals(offered[0], declined.largestSide());
            org.junit.jupiter.api.Assertions.assertThrows(nst.core.TooLargeException.class,
                    () -> StyleTransferJob.run(content, style, v, null, false, () -> false), "macros get the error, no offer");
        } finally {
            if (old == null) {
                System.clearProperty("nst.memoryLimit");
            } else {
                System.setProperty("nst.memoryLimit", old);
            }
        }
    }

    /**
     * A size whose images alone would not fit in the Java heap goes through the same offer (not
     * an OutOfMemoryError); a macro gets the error naming the size that fits.
     */
    @Test
    void aSizeTooLargeForTheJavaHeapIsOfferedToo() {
        ImagePlus content = Images.toImagePlus(TestImages.pattern(40, 30, 1), "c");
        ImagePlus style = Images.toImagePlus(TestImages.pattern(30, 30, 2), "s");
        ParamValues v = values("1", false).with(ParamSpec.SIZE, "16384"); // the tests run with -Xmx2g (plugin-pom.xml)
        java.util.List<String> offers = new java.util.ArrayList<>();
        nst.core.TooLargeException e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.TooLargeException.class,
                () -> StyleTransferJob.run(content, java.util.List.of(style), null, v, null, (message, side) -> {
                    offers.add(side + " " + message);
                    return false;
                }, false, () -> false));
        assertEquals(1, offers.size(), offers.toString());
        assertTrue(e.largestSide() >= 8 && e.largestSide() < 16384 && offers.get(0).startsWith(e.largestSide() + " "), offers.toString());
        assertTrue(e.getMessage().contains("Java memory") && e.getMessage().contains("size=" + e.largestSide()), e.getMessage());
        nst.core.TooLargeException inMacro = org.junit.jupiter.api.Assertions.assertThrows(nst.core.TooLargeException.class,
                () -> StyleTransferJob.run(content, style, v, null, false, () -> false));
        assertTrue(inMacro.getMessage().contains("use size="), inMacro.getMessage());
    }

    /** A selection on the style image makes only that patch the style; the style image keeps its pixels and selection. */
    @Test
    void aSelectionOnTheStyleImageUsesOnlyThatPatch() {
        ImagePlus content = Images.toImagePlus(TestImages.pattern(40, 30, 1), "c");
        ImagePlus style = Images.toImagePlus(TestImages.pattern(60, 40, 2), "s");
        int[] before = ((int[]) style.getProcessor().getPixels()).clone();
        ij.gui.Roi roi = new ij.gui.Roi(30, 5, 28, 30);
        style.setRoi(roi);
        ImagePlus patch = Images.toImagePlus(TestImages.pattern(60, 40, 2), "patch");
        patch.setRoi(roi);
        patch = patch.crop();
        ParamValues v = values("3", false).with(ParamSpec.SEED, "4");
        int[] fromSelection = (int[]) StyleTransferJob.run(content, style, v, null, false, () -> false).image().getProcessor().getPixels();
        int[] fromPatch = (int[]) StyleTransferJob.run(content, patch, v, null, false, () -> false).image().getProcessor().getPixels();
        style.deleteRoi();
        int[] whole = (int[]) StyleTransferJob.run(content, style, v, null, false, () -> false).image().getProcessor().getPixels();
        org.junit.jupiter.api.Assertions.assertArrayEquals(fromPatch, fromSelection, "the selection is the style");
        assertTrue(!java.util.Arrays.equals(whole, fromSelection), "without the selection, the whole image is the style");
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, (int[]) style.getProcessor().getPixels(), "style pixels unchanged");
    }
}
