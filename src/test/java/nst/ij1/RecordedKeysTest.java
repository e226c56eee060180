package nst.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import nst.core.ParamSpec;
import nst.core.ParamValues;
import org.junit.jupiter.api.Test;

/** What ImageJ's recorder writes from the dialog parses back to the same values. */
class RecordedKeysTest {
    @Test
    void everyDialogLabelRecordsItsCatalogueKey() {
        for (ParamSpec p : ParamSpec.values()) {
            // GenericDialog records each field under Macro.trimKey(label)
            assertEquals(p.key(), Macro.trimKey(p.label("some explanation, with: punctuation")), p.name());
            assertEquals(p.key(), Macro.trimKey(p.label("")), p.name());
        }
    }

    @Test
    void formattedOptionsParseBackToTheSameValues() {
        Map<ParamSpec, String> m = new EnumMap<>(ParamSpec.class);
        m.put(ParamSpec.STYLE, "/a folder/with spaces.png");
        m.put(ParamSpec.MODEL, "squeezenet1.1");
        m.put(ParamSpec.ITERATIONS, "12");
        m.put(ParamSpec.CONTENT_WEIGHT, "");
        m.put(ParamSpec.DOWNLOAD, "true");
        ParamValues v = new ParamValues(m);
        String options = format(v);
        assertEquals("style=[/a folder/with spaces.png] model=squeezenet1.1 iterations=12 content_weight=[] download", options);
        assertEquals(v.asMap(), MacroOptions.parse(options).asMap());
        // and ImageJ's own reader agrees on every value
        assertEquals("/a folder/with spaces.png", Macro.getValue(options, "style", null));
        assertEquals("12", Macro.getValue(options, "iterations", null));
    }

    /** Every catalogue entry has a field in the ImageJ dialog, or a reason not to (read from its source). */
    @Test
    void theDialogAsksForEveryParameter() throws java.io.IOException {
        String dialog = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/nst/ij1/StyleDialogPages.java"));
        // content: the active image; style_blend, init_image: macros only; models_dir: set once, for
        // the whole ImageJ; download: offered in its own dialog when a model is missing
        Set<String> excused = Set.of("content", "style_blend", "init_image", "models_dir", "download");
        for (ParamSpec p : ParamSpec.values()) {
            String field = "ParamSpec." + p.name() + ".label(";
            assertTrue(dialog.contains(field) || excused.contains(p.key()), "the dialog has no field for " + p.key());
        }
    }

    /** The API refuses what the command line refuses: a key given twice, a blank model, null images, a 1x1 content. */
    @Test
    void theApiValidatesAsTheCommandLineDoes() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.BadInputException.class,
                () -> MacroOptions.parse("size=64 iterations=3 size=128"));
        assertTrue(e.getMessage().contains("'size' is given twice"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.BadInputException.class, () -> MacroOptions.parse("model=[]"));
        assertTrue(e.getMessage().contains("model is empty"), e.getMessage());
        ij.ImagePlus img = nst.convert.Images.toImagePlus(nst.testutil.TestImages.pattern(20, 20, 1), "i");
        e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.BadInputException.class, () -> StyleTransfer.stylize(null, img, ""));
        assertTrue(e.getMessage().contains("no content image (null)"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.BadInputException.class, () -> StyleTransfer.stylize(img, null, ""));
        assertTrue(e.getMessage().contains("no style image (null)"), e.getMessage());
        ij.ImagePlus dot = nst.convert.Images.toImagePlus(nst.testutil.TestImages.pattern(1, 1, 1), "dot");
        e = org.junit.jupiter.api.Assertions.assertThrows(nst.core.BadInputException.class, () -> StyleTransfer.stylize(dot, img, "size=64"));
        assertTrue(e.getMessage().contains("content image is 1x1 pixels"), e.getMessage());
    }

    /** Options as ImageJ's recorder writes them: key=value, [value] when it has spaces or is empty, bare flags. */
    private static String format(ParamValues values) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<ParamSpec, String> e : values.asMap().entrySet()) {
            if (e.getKey().isFlag()) {
                if (values.flag(e.getKey())) {
                    sb.append(e.getKey().key()).append(' ');
                }
                continue;
            }
            String v = e.getValue();
            sb.append(e.getKey().key()).append('=').append(v.contains(" ") || v.isEmpty() ? "[" + v + "]" : v).append(' ');
        }
        return sb.toString().trim();
    }

    /**
     * What the dialog records replaces what its pages recorded as they were read: each key once
     * (a style chosen again per ROI included), defaults left out, flags bare; and it parses back
     * to the same run.
     */
    @Test
    void theDialogRecordsEachKeyOnceAndTheReplayParsesBack() {
        boolean was = ij.plugin.frame.Recorder.record;
        ij.plugin.frame.Recorder.record = true;
        try {
            ij.plugin.frame.Recorder.setCommand("Neural Style Transfer");
            ij.plugin.frame.Recorder.recordOption("style", "first pick.png"); // as the main page records it
            ij.plugin.frame.Recorder.recordOption("size", "256");
            Map<ParamSpec, String> v = new EnumMap<>(ParamSpec.class);
            v.put(ParamSpec.STYLE, "a [1].png,b.png");
            v.put(ParamSpec.SIZE, "256");
            v.put(ParamSpec.ITERATIONS, ParamSpec.ITERATIONS.defaultValue());
            v.put(ParamSpec.REGION, "roi_manager");
            v.put(ParamSpec.FEATHER, "");
            v.put(ParamSpec.ALL_SLICES, "true");
            StyleDialog.record(v);
            String options = ij.plugin.frame.Recorder.getCommandOptions();
            assertEquals("style=[a [1].png,b.png] size=256 region=roi_manager all_slices", options.trim());
            ParamValues back = MacroOptions.parse(options);
            assertEquals("a [1].png,b.png", back.get(ParamSpec.STYLE).orElseThrow());
            assertTrue(back.flag(ParamSpec.ALL_SLICES));
        } finally {
            ij.plugin.frame.Recorder.record = was;
            ij.plugin.frame.Recorder.resetCommandOptions();
        }
    }
}
