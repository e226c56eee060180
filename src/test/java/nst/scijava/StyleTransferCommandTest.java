package nst.scijava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import nst.convert.Images;
import nst.core.ParamSpec;
import nst.testutil.KerasH5Writer;
import nst.testutil.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.plugin.Parameter;

/** The SciJava command runs through CommandService in a minimal context, with the macro keys as parameter names. */
class StyleTransferCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runsThroughCommandService() throws Exception {
        Path model = tmp.resolve("tiny.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 2);
        ImagePlus content = Images.toImagePlus(TestImages.pattern(40, 30, 1), "content");
        ImagePlus style = Images.toImagePlus(TestImages.pattern(30, 30, 2), "style");
        try (Context ctx = new Context(CommandService.class)) {
            CommandModule m = ctx.service(CommandService.class).run(StyleTransferCommand.class, true, "content", content, "style", style,
                    "model", model.toString(), "size", 24, "iterations", 2, "init", "noise", "seed", 3L).get();
            ImagePlus r = (ImagePlus) m.getOutput("result");
            assertEquals(24, r.getWidth());
            assertEquals(18, r.getHeight());
            assertEquals("content-styled-style", r.getTitle());
        }
    }

    /**
     * Every catalogue key is a parameter of the same name, with the catalogue's default and, for
     * the keys with a fixed set of values, the same choices. Left out, each for its reason: the
     * ImageJ dialog's own keys (style_file, preview_every). The extra style images (style2,
     * style3) are inputs beside style, not catalogue keys.
     */
    @Test
    void theCommandHasEveryCatalogueKeyWithItsDefaultAndChoices() throws Exception {
        StyleTransferCommand fresh = new StyleTransferCommand();
        Set<String> plugin = new HashSet<>();
        for (Field f : StyleTransferCommand.class.getDeclaredFields()) {
            Parameter a = f.getAnnotation(Parameter.class);
            if (a == null || Set.of("result", "frames", "style2", "style3").contains(f.getName())) {
                continue;
            }
            ParamSpec p = ParamSpec.of(f.getName());
            assertTrue(p != null && p.key().equals(f.getName()), "not a catalogue key: " + f.getName());
            plugin.add(p.key());
            f.setAccessible(true);
            Object value = f.get(fresh);
            if (f.getType() == ImagePlus.class) {
                continue;
            }
            String expected = p.isFlag() ? "false" : p.defaultValue();
            String actual = value == null ? "" : value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : value.toString();
            assertEquals(expected, actual, "default of " + p.key());
            java.util.List<String> choices = choices(p);
            if (!choices.isEmpty()) {
                assertEquals(choices, java.util.List.of(a.choices()), "choices of " + p.key());
            }
        }
        Set<String> excused = Set.of("style_file", "preview_every");
        for (ParamSpec p : ParamSpec.values()) {
            assertTrue(plugin.contains(p.key()) || excused.contains(p.key()), "the command has no parameter " + p.key());
        }
    }

    /** Two style images blended 1:0 give the first one's picture; 0:1 a different one. */
    @Test
    void styleBlendWeighsTheStyleImages() throws Exception {
        Path model = tmp.resolve("tiny.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 2);
        ImagePlus content = Images.toImagePlus(TestImages.pattern(40, 30, 1), "content");
        ImagePlus a = Images.toImagePlus(TestImages.pattern(30, 30, 2), "a");
        ImagePlus b = Images.toImagePlus(TestImages.pattern(30, 30, 7), "b");
        try (Context ctx = new Context(CommandService.class)) {
            CommandService cs = ctx.service(CommandService.class);
            Object[] common = {"content", content, "model", model.toString(), "size", 24, "iterations", 3, "scales", 1, "seed", 3L};
            ImagePlus onlyA = result(cs, common, "style", a);
            ImagePlus firstWeighted = result(cs, common, "style", a, "style2", b, "style_blend", "1,0");
            ImagePlus secondWeighted = result(cs, common, "style", a, "style2", b, "style_blend", "0,1");
            assertTrue(java.util.Arrays.equals((int[]) onlyA.getProcessor().getPixels(), (int[]) firstWeighted.getProcessor().getPixels()),
                    "weights 1,0 give the first style's result");
            assertTrue(!java.util.Arrays.equals((int[]) onlyA.getProcessor().getPixels(), (int[]) secondWeighted.getProcessor().getPixels()),
                    "weights 0,1 give another result");
        }
    }

    private static ImagePlus result(CommandService cs, Object[] common, Object... more) throws Exception {
        Object[] all = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return (ImagePlus) cs.run(StyleTransferCommand.class, true, all).get().getOutput("result");
    }

    private static java.util.List<String> choices(ParamSpec p) {
        Enum<?>[] values = switch (p) {
            case OPTIMIZER -> nst.core.Optimizer.values();
            case INIT -> nst.core.Init.values();
            case COLORS -> nst.core.ColorMode.values();
            case POOLING -> nst.core.Pooling.values();
            case REGION -> nst.core.RegionMode.values();
            case TEMPORAL -> nst.core.TemporalMode.values();
            default -> new Enum<?>[0];
        };
        return java.util.Arrays.stream(values).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @Test
    void framesAndAnInitImageComeThrough() throws Exception {
        Path model = tmp.resolve("tiny.h5");
        KerasH5Writer.write(model, KerasH5Writer.vgg(19, new int[] {4, 4, 4, 4, 4}), 2);
        ImagePlus content = Images.toImagePlus(TestImages.pattern(40, 30, 1), "content");
        ImagePlus style = Images.toImagePlus(TestImages.pattern(30, 30, 2), "style");
        ImagePlus start = Images.toImagePlus(TestImages.pattern(40, 30, 5), "start");
        try (Context ctx = new Context(CommandService.class)) {
            CommandModule m = ctx.service(CommandService.class).run(StyleTransferCommand.class, true, "content", content, "style", style,
                    "model", model.toString(), "size", 24, "iterations", 4, "scales", 1, "frames_every", 2, "init_image", start).get();
            ImagePlus frames = (ImagePlus) m.getOutput("frames");
            assertEquals(2, frames.getStackSize());
            assertEquals(24, ((ImagePlus) m.getOutput("result")).getWidth());
        }
    }
}
