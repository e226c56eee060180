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

    @Test
    void parameterNamesAreCatalogueKeys() {
        Set<String> plugin = new HashSet<>();
        for (Field f : StyleTransferCommand.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(Parameter.class) && !f.getName().equals("result")) {
                plugin.add(f.getName());
                assertTrue(ParamSpec.of(f.getName()) != null && ParamSpec.of(f.getName()).key().equals(f.getName()), f.getName());
            }
        }
        assertTrue(plugin.size() >= 17, plugin.toString());
        // what the command does not take, and why: one image in, one image out, no preview window
        Set<String> excused = Set.of("style_blend", "style_file", "init_image", "frames_every", "preview_every");
        for (ParamSpec p : ParamSpec.values()) {
            assertTrue(plugin.contains(p.key()) || excused.contains(p.key()), "the command has no parameter " + p.key());
        }
    }
}
