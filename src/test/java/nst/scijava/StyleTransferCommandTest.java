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
     * ImageJ dialog's own keys (style_file, preview_every) and style_blend (the command takes one
     * style image).
     */
    @Test
    void theCommandHasEveryCatalogueKeyWithItsDefaultAndChoices() throws Exception {
        StyleTransferCommand fresh = new StyleTransferCommand();
        Set<String> plugin = new HashSet<>();
        for (Field f : StyleTransferCommand.class.getDeclaredFields()) {
            Parameter a = f.getAnnotation(Parameter.class);
            if (a == null || f.getName().equals("result") || f.getName().equals("frames")) {
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
        Set<String> excused = Set.of("style_file", "preview_every", "style_blend");
        for (ParamSpec p : ParamSpec.values()) {
            assertTrue(plugin.contains(p.key()) || excused.contains(p.key()), "the command has no parameter " + p.key());
        }
    }

    private static java.util.List<String> choices(ParamSpec p) {
        Enum<?>[] values = switch (p) {
            case OPTIMIZER -> nst.core.Optimizer.values();
            case INIT -> nst.core.Init.values();
            case COLORS -> nst.core.ColorMode.values();
            case POOLING -> nst.core.Pooling.values();
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
